//! The one table of the window's commands (like rerun's `UICommand`): each owns its label,
//! its explanation and its keyboard shortcuts. The toolbar's buttons and tooltips, shortcut
//! handling and the keyboard help (F1) are all generated from it, so no shortcut is written
//! twice and none can be shown that does not work. Shortcuts use `COMMAND`: Ctrl on Linux and
//! Windows, ⌘ on macOS, and egui formats them the way the platform writes them.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::app::Action;

use super::request::{Intent, Request};

use super::strings as s;

/// A command of the window, declared in the order the keyboard help lists them: the list of
/// every command is derived from this declaration, so a new command cannot be left out of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::VariantArray)]
pub enum UiCommand {
    /// Write a note on the selection or the paragraph being read.
    NewNote,
    /// Bookmark the paragraph at the top of the window, or remove its bookmark.
    Bookmark,
    /// Undo the last note change.
    Undo,
    /// Redo.
    Redo,
    /// Find in the text.
    Find,
    /// Next hit.
    FindNext,
    /// Previous hit.
    FindPrevious,
    /// Copy the selection with its source, or the article's reference.
    CopyCitation,
    /// Export notes.
    Export,
    /// Export notes as PDF (the export dialog with PDF chosen).
    ExportPdf,
    /// Import notes.
    Import,
    /// Open another document.
    Open,
    /// Open a web link (the open dialog, its field taking an address).
    OpenLink,
    /// The reading list (最近阅读).
    ReadingList,
    /// Make a new document of the clipboard.
    Paste,
    /// Larger text.
    ZoomIn,
    /// Smaller text.
    ZoomOut,
    /// Default text size.
    ZoomReset,
    /// Vertical text (竖排) or horizontal.
    ToggleVertical,
    /// Show or hide the outline.
    ToggleOutline,
    /// Show or hide the notes panel.
    ToggleNotes,
    /// Show the keyboard help.
    KeyboardHelp,
    /// Quit.
    Quit,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;

impl UiCommand {
    /// Every command, in the order the keyboard help lists them.
    pub const ALL: &'static [UiCommand] = <UiCommand as strum::VariantArray>::VARIANTS;

    /// The button or menu label.
    pub fn label(self) -> &'static str {
        match self {
            UiCommand::NewNote => s::NEW_NOTE.get(),
            UiCommand::Bookmark => s::BOOKMARK.get(),
            UiCommand::Undo => s::UNDO.get(),
            UiCommand::Redo => s::REDO.get(),
            UiCommand::ZoomIn => s::ZOOM_IN.get(),
            UiCommand::ZoomOut => s::ZOOM_OUT.get(),
            UiCommand::ZoomReset => s::ZOOM_RESET.get(),
            UiCommand::Find => s::FIND_COMMAND.get(),
            UiCommand::FindNext => s::FIND_NEXT_COMMAND.get(),
            UiCommand::FindPrevious => s::FIND_PREVIOUS_COMMAND.get(),
            UiCommand::CopyCitation => s::COPY_CITATION.get(),
            UiCommand::Export => s::EXPORT.get(),
            UiCommand::ExportPdf => s::EXPORT_PDF.get(),
            UiCommand::Import => s::IMPORT.get(),
            UiCommand::Open => s::OPEN.get(),
            UiCommand::OpenLink => s::OPEN_LINK.get(),
            UiCommand::ReadingList => s::READING_LIST.get(),
            UiCommand::Paste => s::PASTE_DOCUMENT.get(),
            UiCommand::ToggleVertical => s::VERTICAL.get(),
            UiCommand::ToggleOutline => s::TOGGLE_OUTLINE.get(),
            UiCommand::ToggleNotes => s::TOGGLE_NOTES.get(),
            UiCommand::KeyboardHelp => s::KEYBOARD_HELP.get(),
            UiCommand::Quit => s::QUIT.get(),
        }
    }

    /// What the command does, for its tooltip (without the shortcut, which is added).
    pub fn explanation(self) -> &'static str {
        match self {
            UiCommand::NewNote => s::NEW_NOTE_TIP.get(),
            UiCommand::Bookmark => s::BOOKMARK_TIP.get(),
            UiCommand::Undo => s::UNDO_TIP.get(),
            UiCommand::Redo => s::REDO_TIP.get(),
            UiCommand::ZoomIn => s::ZOOM_IN_TIP.get(),
            UiCommand::ZoomOut => s::ZOOM_OUT_TIP.get(),
            UiCommand::ZoomReset => s::ZOOM_RESET_TIP.get(),
            UiCommand::Find => s::FIND_TIP.get(),
            UiCommand::FindNext => s::FIND_NEXT_TIP.get(),
            UiCommand::FindPrevious => s::FIND_PREVIOUS_TIP.get(),
            UiCommand::CopyCitation => s::COPY_CITATION_TIP.get(),
            UiCommand::Export => s::EXPORT_TIP.get(),
            UiCommand::ExportPdf => s::EXPORT_PDF_TIP.get(),
            UiCommand::Import => s::IMPORT_TIP.get(),
            UiCommand::Open => s::OPEN_TIP.get(),
            UiCommand::OpenLink => s::OPEN_LINK_TIP.get(),
            UiCommand::ReadingList => s::READING_LIST_TIP.get(),
            UiCommand::Paste => s::PASTE_DOCUMENT_TIP.get(),
            UiCommand::ToggleVertical => s::VERTICAL_TIP.get(),
            UiCommand::ToggleOutline => s::TOGGLE_OUTLINE_TIP.get(),
            UiCommand::ToggleNotes => s::TOGGLE_NOTES_TIP.get(),
            UiCommand::KeyboardHelp => s::KEYBOARD_HELP_TIP.get(),
            UiCommand::Quit => s::QUIT_TIP.get(),
        }
    }

    /// The shortcuts, the first one shown in tooltips.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        // A struct literal (not a call), so that each slice is a promoted constant.
        macro_rules! k {
            ($modifiers:expr, $key:expr) => {
                KeyboardShortcut {
                    modifiers: $modifiers,
                    logical_key: $key,
                }
            };
        }
        match self {
            UiCommand::NewNote => &[k!(CMD_SHIFT, Key::N)],
            UiCommand::Bookmark => &[k!(CMD, Key::D)],
            UiCommand::Undo => &[k!(CMD, Key::Z)],
            UiCommand::Redo => &[k!(CMD_SHIFT, Key::Z), k!(CMD, Key::Y)],
            UiCommand::ZoomIn => &[k!(CMD, Key::Equals), k!(CMD, Key::Plus)],
            UiCommand::ZoomOut => &[k!(CMD, Key::Minus)],
            UiCommand::ZoomReset => &[k!(CMD, Key::Num0)],
            UiCommand::Find => &[k!(CMD, Key::F)],
            UiCommand::FindNext => &[k!(NONE, Key::F3)],
            UiCommand::FindPrevious => &[k!(SHIFT, Key::F3)],
            UiCommand::CopyCitation => &[k!(CMD_SHIFT, Key::C)],
            UiCommand::Export => &[k!(CMD, Key::E)],
            UiCommand::ExportPdf => &[k!(CMD, Key::P)],
            UiCommand::Import => &[k!(CMD, Key::I)],
            UiCommand::Open => &[k!(CMD, Key::O)],
            UiCommand::OpenLink => &[k!(CMD, Key::L)],
            UiCommand::ReadingList => &[k!(CMD_SHIFT, Key::O)],
            UiCommand::Paste => &[k!(CMD, Key::V)],
            UiCommand::ToggleVertical => &[k!(NONE, Key::F8)],
            UiCommand::ToggleOutline => &[k!(NONE, Key::F9)],
            UiCommand::ToggleNotes => &[k!(NONE, Key::F10)],
            UiCommand::KeyboardHelp => &[k!(NONE, Key::F1)],
            UiCommand::Quit => &[k!(CMD, Key::Q)],
        }
    }

    /// Whether the shortcut also works while a text field has the keyboard (undo and redo
    /// then belong to the text field).
    pub fn works_while_typing(self) -> bool {
        !matches!(self, UiCommand::Undo | UiCommand::Redo | UiCommand::Paste)
    }

    /// Whether the shortcut arrives as a key press. Ctrl+V does not: the platform layer turns
    /// it into a paste event with the clipboard's text, handled by [`pasted`].
    fn arrives_as_key(self) -> bool {
        self != UiCommand::Paste
    }

    /// What the command does to the app.
    pub fn action(self) -> Request {
        match self {
            UiCommand::NewNote => Action::NoteSelectionOrParagraph.into(),
            UiCommand::Bookmark => Action::ToggleBookmark.into(),
            UiCommand::Undo => Action::Undo.into(),
            UiCommand::Redo => Action::Redo.into(),
            UiCommand::ZoomIn => Action::ZoomIn.into(),
            UiCommand::ZoomOut => Action::ZoomOut.into(),
            UiCommand::ZoomReset => Action::ZoomReset.into(),
            UiCommand::Find => Action::OpenSearch.into(),
            UiCommand::FindNext => Action::SearchNext.into(),
            UiCommand::FindPrevious => Action::SearchPrevious.into(),
            UiCommand::CopyCitation => Intent::CopyCitation.into(),
            UiCommand::Export => Action::OpenExport.into(),
            UiCommand::ExportPdf => Intent::OpenExportAs(crate::export::Format::Pdf).into(),
            UiCommand::Import => Intent::OpenImport.into(),
            UiCommand::Open | UiCommand::OpenLink => Intent::OpenDialog.into(),
            UiCommand::ReadingList => Intent::ToggleReadingList.into(),
            UiCommand::Paste => Intent::PasteDocument(None).into(),
            UiCommand::ToggleVertical => Action::ToggleVertical.into(),
            UiCommand::ToggleOutline => Action::ToggleOutline.into(),
            UiCommand::ToggleNotes => Action::ToggleNotes.into(),
            UiCommand::KeyboardHelp => Intent::ToggleKeyboardHelp.into(),
            UiCommand::Quit => Intent::Quit.into(),
        }
    }

    /// The shortcuts as the platform writes them (`Ctrl+Shift+Z / Ctrl+Y`; ⌘ on macOS).
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        shortcuts_text(ctx, self.shortcuts())
    }

    /// The tooltip: what it does and its first shortcut.
    pub fn tooltip(self, ctx: &egui::Context) -> String {
        match self.shortcuts().first() {
            Some(sc) => s::with_aside(&self.explanation(), &shortcut_text(ctx, sc)),
            None => self.explanation().to_owned(),
        }
    }
}

/// The actions of the shortcuts pressed this frame (consumed, so that nothing else sees them).
/// `typing`: a text field has the keyboard.
pub fn pressed(ctx: &egui::Context, typing: bool) -> Vec<Request> {
    let mut actions = Vec::new();
    ctx.input_mut(|i| {
        // Longer shortcuts first: Ctrl+Shift+Z must not be taken for Ctrl+Z.
        let mut all: Vec<(KeyboardShortcut, UiCommand)> = UiCommand::ALL
            .iter()
            .filter(|c| c.arrives_as_key() && (!typing || c.works_while_typing()))
            .flat_map(|&c| c.shortcuts().iter().map(move |&sc| (sc, c)))
            .collect();
        all.sort_by_key(|(sc, _)| std::cmp::Reverse(modifier_count(sc.modifiers)));
        for (sc, command) in all {
            if i.consume_shortcut(&sc) {
                actions.push(command.action());
            }
        }
    });
    actions
}

/// A paste (Ctrl+V) while no text field has the keyboard: make a new document of it.
pub fn pasted(ctx: &egui::Context, typing: bool) -> Option<Request> {
    if typing {
        return None;
    }
    ctx.input_mut(|i| {
        let at = i
            .events
            .iter()
            .position(|e| matches!(e, egui::Event::Paste(_)))?;
        match i.events.remove(at) {
            egui::Event::Paste(text) => Some(Intent::PasteDocument(Some(text)).into()),
            _ => None,
        }
    })
}

/// A shortcut as readers write it: modifiers as the platform names them, the key by its
/// symbol (`Ctrl+=`, `↑`, `⌘⇧N` on macOS).
pub fn shortcut_text(ctx: &egui::Context, sc: &KeyboardShortcut) -> String {
    let modifiers = ctx.format_modifiers(sc.modifiers);
    let key = key_symbol(sc.logical_key);
    if modifiers.is_empty() {
        key.to_owned()
    } else if modifiers.is_ascii() {
        format!("{modifiers}+{key}")
    } else {
        format!("{modifiers}{key}")
    }
}

/// A key as printed on keyboards, in characters the embedded fonts have (egui's own arrow
/// symbols are not in them).
fn key_symbol(key: Key) -> &'static str {
    match key {
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        Key::Minus => "-",
        Key::Space => s::SPACE_KEY.get(),
        Key::Escape => "Esc",
        other => other.symbol_or_name(),
    }
}

/// A text with the keys it mentions filled in from the command table, as the platform writes
/// them: `{undo}` (Ctrl+Z, ⌘Z on macOS), `{save}` (save the note being written), `{close}` (close
/// the editor). Strings and messages name keys this way, so that no hint can disagree with
/// the shortcut that works.
pub fn with_keys(ctx: &egui::Context, template: &str) -> String {
    if !template.contains('{') {
        return template.to_owned();
    }
    let first = |shortcuts: &[KeyboardShortcut]| {
        shortcuts
            .first()
            .map(|sc| shortcut_text(ctx, sc))
            .unwrap_or_default()
    };
    template
        .replace("{undo}", &first(UiCommand::Undo.shortcuts()))
        .replace("{save}", &first(FIXED_KEYS[0].1))
        .replace("{close}", &first(FIXED_KEYS[1].1))
}

/// Several shortcuts, separated by ` / `.
pub fn shortcuts_text(ctx: &egui::Context, shortcuts: &[KeyboardShortcut]) -> String {
    shortcuts
        .iter()
        .map(|sc| shortcut_text(ctx, sc))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt)
        + u8::from(m.ctrl)
        + u8::from(m.shift)
        + u8::from(m.command)
        + u8::from(m.mac_cmd)
}

/// Keys that belong to the note editor and the reader rather than to a command, listed in
/// the keyboard help after the commands.
pub const FIXED_KEYS: [(s::Text, &[KeyboardShortcut]); 7] = [
    (s::SAVE_NOTE_KEY, &[KeyboardShortcut::new(CMD, Key::Enter)]),
    (
        s::CLOSE_EDITOR_KEY,
        &[KeyboardShortcut::new(NONE, Key::Escape)],
    ),
    (
        s::PAGE_KEY,
        &[
            KeyboardShortcut::new(NONE, Key::PageDown),
            KeyboardShortcut::new(NONE, Key::Space),
            KeyboardShortcut::new(NONE, Key::PageUp),
        ],
    ),
    (
        s::SCROLL_KEY,
        &[
            KeyboardShortcut::new(NONE, Key::ArrowUp),
            KeyboardShortcut::new(NONE, Key::ArrowDown),
        ],
    ),
    (
        s::SCROLL_VERTICAL_KEY,
        &[
            KeyboardShortcut::new(NONE, Key::ArrowLeft),
            KeyboardShortcut::new(NONE, Key::ArrowRight),
        ],
    ),
    (
        s::ENDS_KEY,
        &[
            KeyboardShortcut::new(NONE, Key::Home),
            KeyboardShortcut::new(NONE, Key::End),
        ],
    ),
    (s::COPY_KEY, &[KeyboardShortcut::new(CMD, Key::C)]),
];

/// The keyboard help (F1): every command with its shortcuts, from the table.
pub fn keyboard_help_ui(ctx: &egui::Context, open: &mut bool) {
    let rows: Vec<(String, String)> = UiCommand::ALL
        .iter()
        .map(|c| (c.label().to_owned(), c.shortcut_text(ctx)))
        .chain(
            FIXED_KEYS
                .iter()
                .map(|(what, keys)| (what.to_string(), shortcuts_text(ctx, keys))),
        )
        .collect();
    // The window fits any window from 700×500 up: two columns where there is room, and a
    // scroll bar where even that is too tall.
    let screen = ctx.content_rect();
    let room = screen.size() - egui::vec2(48.0, 48.0);
    let columns = if room.x >= 880.0 { 2 } else { 1 };
    let per_column = rows.len().div_ceil(columns);
    let body = egui::TextStyle::Body.resolve(&ctx.global_style());
    let interact = ctx.global_style().spacing.interact_size.y;
    let row_height = ctx.fonts_mut(|f| f.row_height(&body)).max(interact) + 6.0;
    let list_height = (per_column as f32 * row_height + 8.0).min(room.y - 48.0);
    let mut still_open = *open;
    egui::Window::new(s::KEYBOARD_HELP.get())
        .open(&mut still_open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .max_width(room.x)
        .max_height(room.y)
        .show(ctx, |ui| {
            // As tall as the content, up to the room there is; a scroll bar beyond.
            egui::ScrollArea::vertical()
                .max_height(list_height)
                .min_scrolled_height(list_height)
                .auto_shrink([true, true])
                .show(ui, |ui| {
                    ui.horizontal_top(|ui| {
                        for (k, chunk) in rows.chunks(per_column).enumerate() {
                            if k > 0 {
                                ui.add_space(24.0);
                                ui.separator();
                                ui.add_space(12.0);
                            }
                            egui::Grid::new(("keyboard-help", k))
                                .num_columns(2)
                                .spacing(egui::vec2(24.0, 6.0))
                                .show(ui, |ui| {
                                    for (what, keys) in chunk {
                                        ui.label(what);
                                        ui.label(egui::RichText::new(keys).monospace());
                                        ui.end_row();
                                    }
                                });
                        }
                        // Room for the scroll bar beside the last column.
                        ui.add_space(16.0);
                    });
                });
        });
    // Esc closes it, as it closes every other overlay.
    if still_open && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        still_open = false;
    }
    *open = still_open;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_hints_come_from_the_command_table() {
        let ctx = egui::Context::default();
        let undo = shortcut_text(&ctx, &UiCommand::Undo.shortcuts()[0]);
        assert_eq!(
            with_keys(&ctx, &s::DISCARD_QUESTION),
            format!("放弃这条草稿？再按 Esc 放弃，可用 {undo} 恢复。")
        );
        assert!(!with_keys(&ctx, &s::EDITOR_HINT).contains('{'));
        // No label, tooltip or message spells a shortcut out by hand, anywhere in the app or
        // the core.
        let sources = crate::ui::sources_under("src")
            .into_iter()
            .chain(crate::ui::sources_under("crates/jingdu-core/src"));
        for (path, code) in sources {
            for line in code.lines().filter(|l| l.contains('"')) {
                let code = line.split("//").next().unwrap_or("");
                assert!(
                    !code.contains("Ctrl+"),
                    "{}: hand-written shortcut: {line}",
                    path.display()
                );
            }
        }
    }

    #[test]
    fn the_readme_keys_table_names_every_shortcut() {
        let readme = include_str!("../../README.md");
        let keys = readme
            .split("## Keys")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .expect("README has a Keys section");
        let ctx = egui::Context::default();
        let shortcuts = UiCommand::ALL
            .iter()
            .flat_map(|c| c.shortcuts().iter().map(move |sc| (format!("{c:?}"), sc)))
            .chain(
                FIXED_KEYS
                    .iter()
                    .flat_map(|(what, keys)| keys.iter().map(move |sc| (what.to_string(), sc))),
            );
        for (what, sc) in shortcuts {
            let text = shortcut_text(&ctx, sc);
            assert!(
                keys.contains(&text),
                "README's Keys table does not mention {text} ({what})"
            );
        }
    }

    /// A shortcut as the key a user presses: Ctrl and ⌘ (`COMMAND`, `CTRL`, `MAC_CMD`) are one
    /// key, since a `COMMAND` shortcut is Ctrl on Linux and Windows and ⌘ on macOS.
    fn pressed(sc: &KeyboardShortcut) -> (bool, bool, bool, Key) {
        let m = sc.modifiers;
        (
            m.alt,
            m.shift,
            m.ctrl || m.command || m.mac_cmd,
            sc.logical_key,
        )
    }

    #[test]
    fn no_two_commands_or_fixed_keys_share_a_shortcut() {
        let mut seen = std::collections::BTreeMap::new();
        let commands = UiCommand::ALL
            .iter()
            .map(|c| (format!("{c:?}"), c.shortcuts()));
        let fixed = FIXED_KEYS
            .iter()
            .map(|(what, keys)| (what.get().to_string(), *keys));
        for (what, shortcuts) in commands.chain(fixed) {
            for sc in shortcuts {
                if let Some(other) = seen.insert(pressed(sc), what.clone()) {
                    panic!("{what} and {other} share {sc:?}");
                }
            }
        }
    }

    #[test]
    fn ctrl_and_command_are_one_key_to_the_clash_check() {
        let ctrl = KeyboardShortcut::new(Modifiers::CTRL, Key::S);
        let command = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        let mac = KeyboardShortcut::new(Modifiers::MAC_CMD, Key::S);
        assert_eq!(pressed(&ctrl), pressed(&command));
        assert_eq!(pressed(&mac), pressed(&command));
        let shifted = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
        assert_ne!(pressed(&shifted), pressed(&command));
    }

    #[test]
    fn every_command_is_listed_once() {
        let mut listed: Vec<String> = UiCommand::ALL.iter().map(|c| format!("{c:?}")).collect();
        let count = listed.len();
        listed.sort();
        listed.dedup();
        assert_eq!(listed.len(), count);
        assert!(UiCommand::ALL.contains(&UiCommand::Quit));
        assert_eq!(UiCommand::ALL.first(), Some(&UiCommand::NewNote));
    }

    #[test]
    fn every_command_has_a_label_an_explanation_and_a_shortcut() {
        for c in UiCommand::ALL {
            assert!(!c.label().is_empty() && !c.explanation().is_empty());
            assert!(!c.shortcuts().is_empty(), "{c:?}");
            // Explanations leave the shortcut to the table.
            assert!(!c.explanation().contains("Ctrl"), "{c:?}");
        }
    }
}
