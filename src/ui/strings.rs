//! Every label the window shows, in one place, in every interface language: each is a
//! [`Text`] with its Simplified Chinese and its English (the Traditional text is converted from
//! the Simplified one; see [`crate::i18n`]). Templates take their arguments as `{}`. Tests find
//! widgets by these labels, so a renamed button is renamed for the tests too.

/// A label in every interface language (the window's own wrapper of [`crate::i18n::Text`], so
/// that egui's widgets take it as they take a `&str`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text(pub crate::i18n::Text);

impl Text {
    /// A label with its Simplified Chinese and its English.
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Text(crate::i18n::Text::new(zh, en))
    }

    /// The label in the current language.
    pub fn get(self) -> &'static str {
        self.0.get()
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.get()
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.get().to_owned()
    }
}

impl From<Text> for egui::WidgetText {
    fn from(t: Text) -> Self {
        t.get().into()
    }
}

impl From<Text> for egui::RichText {
    fn from(t: Text) -> Self {
        egui::RichText::new(t.get())
    }
}

/// `name：value` (`name: value` in English): a label with what it is about.
pub fn labelled(name: &dyn std::fmt::Display, value: &dyn std::fmt::Display) -> String {
    fill(Text::new("{}：{}", "{}: {}"), &[name, value])
}

/// `text（aside）` (`text (aside)` in English).
pub fn with_aside(text: &dyn std::fmt::Display, aside: &dyn std::fmt::Display) -> String {
    fill(Text::new("{}（{}）", "{} ({})"), &[text, aside])
}

/// `template` in the current language, its `{}` filled with `args` in order (neither
/// converted nor translated).
fn fill(template: Text, args: &[&dyn std::fmt::Display]) -> String {
    crate::i18n::fill(template.0, args)
}

/// When a document was last read, in the reading list (`strftime`).
pub const LAST_READ_FORMAT: Text = Text::new("%Y年%-m月%-d日 %H:%M", "%-d %b %Y %H:%M");

/// App name in the title bar.
pub const APP_NAME: Text = Text::new("精读", "jingdu");

// Toolbar.
/// Outline toggle button.
pub const TOGGLE_OUTLINE: Text = Text::new("目录", "Outline");
/// Tooltip of the outline toggle.
pub const TOGGLE_OUTLINE_TIP: Text = Text::new("显示或隐藏目录", "Show or hide the outline");
/// The 竖排 toggle.
pub const VERTICAL: Text = Text::new("竖排", "Vertical");
/// Tooltip of the 竖排 toggle.
pub const VERTICAL_TIP: Text = Text::new(
    "竖排：字从上到下、行从右到左，按文档记住",
    "Vertical text: top to bottom, columns right to left; kept per document",
);
/// Notes panel toggle button.
pub const TOGGLE_NOTES: Text = Text::new("笔记", "Notes");
/// Tooltip of the notes toggle.
pub const TOGGLE_NOTES_TIP: Text = Text::new("显示或隐藏笔记栏", "Show or hide the notes panel");
/// Open-document button.
pub const OPEN: Text = Text::new("打开", "Open");
/// The open-link command (Ctrl+L).
pub const OPEN_LINK: Text = Text::new("打开网址", "Open a link");
/// What the open-link command does.
pub const OPEN_LINK_TIP: Text = Text::new(
    "打开网页链接（如公众号文章），网页会保存下来，离线也能带着笔记重新打开；也可把网址直接粘贴到阅读区",
    "Open a web link (a WeChat article, say); the page is kept, so it reopens offline with its notes. You can also paste the address into the reader",
);
/// Tooltip of the open button.
pub const OPEN_TIP: Text = Text::new(
    "打开文本、Markdown、网页（.html）、Word 文档（.docx）、PDF 或 EPUB 电子书，也可把文件拖进窗口",
    "Open a text, Markdown, web page (.html), Word document (.docx), PDF or EPUB book; you can also drop a file on the window",
);
/// Paste-as-document button.
pub const PASTE_DOCUMENT: Text = Text::new("粘贴为新文档", "Paste as document");
/// Tooltip of the paste button.
pub const PASTE_DOCUMENT_TIP: Text = Text::new(
    "把剪贴板里的文字或网页内容作为新文档打开（保存在数据目录，笔记随之保存）",
    "Open the text or web content on the clipboard as a new document (kept in the data folder, with its notes)",
);
/// Export dialog: the language of the export's labels.
pub const EXPORT_LABELS: Text = Text::new("标注语言", "Labels in");
/// The export's labels in the document's language.
pub const EXPORT_LABELS_DOCUMENT: Text = Text::new("随文档", "The document's language");
/// Tooltip of the labels' language.
pub const EXPORT_LABELS_TIP: Text = Text::new(
    "导出文件里“学习笔记”“位置”“创建”等字样的语言；默认随文档（繁体文档用繁体）",
    "The language of words such as “Study notes”, “Place” and “Created” in the export; by default the document's (Traditional for a Traditional text)",
);
/// The interface-language menu (both languages, so that it can be found in either).
pub const LANGUAGE: Text = Text::new("语言 Language", "Language 语言");
/// Interface language: the system's.
pub const LANGUAGE_SYSTEM: Text = Text::new("跟随系统", "System default");
/// The reading list.
pub const READING_LIST: Text = Text::new("最近阅读", "Recent");
/// Tooltip of the reading list.
pub const READING_LIST_TIP: Text = Text::new(
    "最近读过的文档：阅读进度、笔记数，点一下回到上次读到的地方",
    "Documents read lately: progress and notes; one click takes you back to where you stopped",
);
/// Reading list column: title.
pub const RECENT_TITLE: Text = Text::new("标题", "Title");
/// Reading list column: file.
pub const RECENT_FILE: Text = Text::new("文件", "File");
/// Reading list column: progress.
pub const RECENT_PROGRESS: Text = Text::new("进度", "Progress");
/// Reading list column: notes.
pub const RECENT_NOTES: Text = Text::new("笔记", "Notes");
/// Reading list column: last read.
pub const RECENT_LAST_READ: Text = Text::new("上次阅读", "Last read");
/// The file of the built-in article.
pub const RECENT_BUILTIN: Text = Text::new("内置文章", "Built-in article");
/// A file that has gone.
pub const RECENT_MISSING: Text = Text::new("文件不见了", "File missing");
/// Tooltip of a missing file.
pub const RECENT_MISSING_TIP: Text = Text::new(
    "文件已被移动或删除。点标题可查看并导出它的笔记；找回文件后用“打开”重新打开",
    "The file was moved or deleted. Click the title to read and export its notes; once the file is back, open it again with Open",
);
/// The document open now.
pub const RECENT_CURRENT: Text = Text::new("正在阅读", "Reading now");
/// Remove from the reading list.
pub const RECENT_REMOVE: Text = Text::new("移除", "Remove");
/// Tooltip of remove.
pub const RECENT_REMOVE_TIP: Text = Text::new(
    "从最近阅读中移除（笔记仍保存在数据目录里）",
    "Remove from Recent (the notes stay in the data folder)",
);
/// The reopen-last setting.
pub const REOPEN_LAST: Text = Text::new(
    "启动时回到上次读的文档",
    "On start, go back to the document read last",
);
/// Accessible name of a reading-list entry: `继续阅读：title`.
pub fn recent_open(title: &str) -> String {
    fill(Text::new("继续阅读：{}", "Continue reading: {}"), &[&title])
}
/// Reading progress in the status bar: `第 3 节 · 42 %`.
pub fn reading_progress(section: Option<usize>, progress: f32) -> String {
    let percent = (progress * 100.0).round() as u32;
    match section {
        Some(n) => fill(
            Text::new("第 {} 节 · {} %", "Section {} · {} %"),
            &[&n, &percent],
        ),
        None => format!("{percent} %"),
    }
}
/// Notes and bookmarks in the status bar.
pub fn notes_and_bookmarks(notes: usize, bookmarks: usize) -> String {
    let notes_text = crate::i18n::trn("{} 条笔记", "{} note", "{} notes", notes, &[&notes]);
    match bookmarks {
        0 => notes_text,
        b => format!(
            "{notes_text} · {}",
            crate::i18n::trn("{} 个书签", "{} bookmark", "{} bookmarks", b, &[&b])
        ),
    }
}
/// The clipboard had nothing to paste.
pub const PASTE_EMPTY: Text = Text::new(
    "剪贴板里没有文字可以粘贴：请先复制一段文字或网页内容",
    "There is no text on the clipboard to paste: copy some text or web content first",
);
/// No data directory to keep a pasted document in.
pub const PASTE_NO_DATA_DIR: Text = Text::new(
    "无法保存粘贴的文档：找不到数据目录（可用 JINGDU_DATA_DIR 指定）",
    "Cannot keep the pasted document: no data folder (set one with JINGDU_DATA_DIR)",
);
/// Writing the pasted document failed.
pub const PASTE_SAVE_FAILED: Text =
    Text::new("无法保存粘贴的文档", "Cannot save the pasted document");
/// Shown while a large document opens: `正在打开 name…（读取文本）`.
pub fn opening(name: &str, stage: crate::app::tasks::Stage) -> String {
    let stage = match stage {
        crate::app::tasks::Stage::Fetching => Text::new("下载网页", "fetching the page"),
        crate::app::tasks::Stage::Reading => Text::new("读取文本", "reading the text"),
        crate::app::tasks::Stage::Notes => Text::new("载入笔记", "loading the notes"),
    };
    fill(
        Text::new("正在打开 {}…（{}）", "Opening {}… ({})"),
        &[&name, &stage],
    )
}
/// The encoding menu.
pub const ENCODING: Text = Text::new("编码", "Encoding");
/// Tooltip of the encoding menu.
pub const ENCODING_TIP: Text = Text::new(
    "文字显示成乱码时，换一种编码重新打开（会为这个文件记住）",
    "If the text shows as garbage, open it again in another encoding (remembered for this file)",
);
/// Label before the font-size control.
pub const FONT_SIZE: Text = Text::new("字体", "Text");
/// Tooltip of the font-size control.
pub const FONT_SIZE_TIP: Text = Text::new("正文字号", "Size of the article's text");
/// Light theme button.
pub const THEME_LIGHT: Text = Text::new("浅色", "Light");
/// Dark theme button.
pub const THEME_DARK: Text = Text::new("深色", "Dark");
/// Export button.
pub const EXPORT: Text = Text::new("导出笔记", "Export notes");
/// Tooltip of the export button.
pub const EXPORT_TIP: Text = Text::new(
    "把笔记导出为 Markdown、网页、Word、PDF、表格、JSON 或纯文本",
    "Export the notes as Markdown, web page, Word, PDF, spreadsheet, JSON or plain text",
);
/// Export as PDF (keyboard help).
pub const EXPORT_PDF: Text = Text::new("导出为 PDF", "Export as PDF");
/// Tooltip of export as PDF.
pub const EXPORT_PDF_TIP: Text = Text::new(
    "把笔记或全文批注本导出为可打印的 A4 PDF",
    "Export the notes, or the annotated article, as a printable A4 PDF",
);
/// Import button.
pub const IMPORT: Text = Text::new("导入笔记", "Import notes");
/// Tooltip of the import button.
pub const IMPORT_TIP: Text = Text::new(
    "从 JSON 导出文件导入笔记",
    "Import notes from a JSON export",
);
/// Accessible name of the ⋯ menu.
pub const MORE: Text = Text::new("更多", "More");
/// Tooltip of the ⋯ menu that holds what a narrow toolbar folds away.
pub const MORE_TIP: Text = Text::new(
    "更多：字体、主题、撤销、导入…",
    "More: text size, theme, undo, import…",
);
/// Undo button.
pub const UNDO: Text = Text::new("撤销", "Undo");
/// Tooltip of the undo button.
pub const UNDO_TIP: Text = Text::new(
    "撤销上一次笔记改动（也能找回放弃的草稿）",
    "Undo the last change to the notes (also brings back a discarded draft)",
);
/// Redo button.
pub const REDO: Text = Text::new("重做", "Redo");
/// Tooltip of the redo button.
pub const REDO_TIP: Text = Text::new("重做撤销的改动", "Redo the change undone");
/// Larger text.
pub const ZOOM_IN: Text = Text::new("放大字号", "Larger text");
/// Tooltip of larger text.
pub const ZOOM_IN_TIP: Text = Text::new(
    "正文字号放大一级",
    "Make the article's text one size larger",
);
/// Smaller text.
pub const ZOOM_OUT: Text = Text::new("缩小字号", "Smaller text");
/// Tooltip of smaller text.
pub const ZOOM_OUT_TIP: Text = Text::new(
    "正文字号缩小一级",
    "Make the article's text one size smaller",
);
/// Default text size.
pub const ZOOM_RESET: Text = Text::new("默认字号", "Default text size");
/// Tooltip of the default text size.
pub const ZOOM_RESET_TIP: Text = Text::new(
    "正文恢复默认字号（中）",
    "Back to the default text size (medium)",
);
/// Keyboard help.
pub const KEYBOARD_HELP: Text = Text::new("快捷键", "Keyboard shortcuts");
/// Tooltip of the keyboard help.
pub const KEYBOARD_HELP_TIP: Text = Text::new("列出所有快捷键", "List every keyboard shortcut");
/// Quit.
pub const QUIT: Text = Text::new("退出", "Quit");
/// Tooltip of quit.
pub const QUIT_TIP: Text = Text::new(
    "保存笔记和设置后退出",
    "Save the notes and settings, then quit",
);
/// Keys handled by the note editor and the reader rather than by commands, for the help.
pub const SAVE_NOTE_KEY: Text = Text::new("保存正在写的笔记", "Save the note being written");
/// See [`SAVE_NOTE_KEY`].
pub const CLOSE_EDITOR_KEY: Text = Text::new(
    "关闭笔记编辑器（有内容时先询问）",
    "Close the note editor (asks first when it holds text)",
);
/// See [`SAVE_NOTE_KEY`].
pub const PAGE_KEY: Text = Text::new("翻页", "Page through");
/// See [`SAVE_NOTE_KEY`].
pub const SCROLL_KEY: Text = Text::new("上下滚动", "Scroll up and down");
/// See [`SAVE_NOTE_KEY`].
pub const SCROLL_VERTICAL_KEY: Text = Text::new(
    "竖排时向后 / 向前（滚轮也可）",
    "In vertical text: on / back (or the wheel)",
);
/// See [`SAVE_NOTE_KEY`].
pub const ENDS_KEY: Text = Text::new("到开头 / 到结尾", "To the start / to the end");
/// See [`SAVE_NOTE_KEY`].
pub const COPY_KEY: Text = Text::new(
    "复制所选文字（按显示的样子）",
    "Copy the selected text (as shown)",
);
/// New note button.
pub const NEW_NOTE: Text = Text::new("写笔记", "Write a note");
/// Tooltip of the new-note button.
pub const NEW_NOTE_TIP: Text = Text::new(
    "为所选文字写笔记；没有选中文字时，为窗口顶部的段落写笔记",
    "Write a note on the selected text; with nothing selected, on the paragraph at the top of the window",
);

// Outline.
/// Outline panel heading.
pub const OUTLINE_TITLE: Text = Text::new("目录", "Outline");
/// Collapse-all button.
pub const COLLAPSE_ALL: Text = Text::new("全部折叠", "Fold all");
/// Expand-all button.
pub const EXPAND_ALL: Text = Text::new("全部展开", "Unfold all");
/// Prefix of the accessible name of a node's expand button.
pub const EXPAND_NODE: Text = Text::new("展开", "Expand");
/// Prefix of the accessible name of a node's collapse button.
pub const COLLAPSE_NODE: Text = Text::new("折叠", "Collapse");
/// Shown for a document without headings.
pub const NO_HEADINGS: Text = Text::new(
    "未识别到标题，以下按段落列出",
    "No headings found; paragraphs are listed instead",
);

// Notes on targets.
/// Context-menu entry: note on this section.
pub const NOTE_SECTION: Text = Text::new("为本节写笔记", "Note on this section");
/// Context-menu entry: note on this paragraph.
pub const NOTE_PARAGRAPH: Text = Text::new("为本段写笔记", "Note on this paragraph");
/// Context-menu entry: note on the selection.
pub const NOTE_SELECTION: Text = Text::new("为所选文字写笔记", "Note on the selection");
/// Context-menu entry: copy the selection.
pub const COPY: Text = Text::new("复制", "Copy");
/// Accessible name of the hover button on a paragraph.
pub const PARAGRAPH_NOTE_BUTTON: Text = Text::new("为此段写笔记", "Note on this paragraph");
/// Accessible name of the button by each heading.
pub const HEADING_NOTE_BUTTON: Text = Text::new("为此节写笔记", "Note on this section");

// Notes panel.
/// Notes panel heading.
pub const NOTES_TITLE: Text = Text::new("笔记", "Notes");
/// Filter text field.
pub const FILTER: Text = Text::new("搜索笔记", "Search notes");
/// Tooltip of the note count (shown / total when a filter is active).
pub const NOTE_COUNT_TIP: Text = Text::new("显示的笔记数 / 笔记总数", "Notes shown / all notes");
/// Tag filter.
pub const FILTER_TAG: Text = Text::new("标签", "Tag");
/// Colour filter.
pub const FILTER_COLOR: Text = Text::new("颜色", "Colour");
/// "All" choice of a filter.
pub const ALL: Text = Text::new("全部", "All");
/// Shown when there are no notes.
pub const NO_NOTES: Text = Text::new(
    "还没有笔记。选中文字，或在段落、标题旁点“＋”，即可写下学习笔记。",
    "No notes yet. Select some text, or click “＋” beside a paragraph or heading, to write a study note.",
);
/// Shown when the filter hides every note.
pub const NO_MATCHES: Text = Text::new("没有符合条件的笔记。", "No notes match.");
/// Group of unanchored notes.
pub const UNANCHORED: Text = Text::new("未定位", "Not located");
/// Explanation of the unanchored group.
pub const UNANCHORED_TIP: Text = Text::new(
    "原文已改动，找不到这些笔记对应的文字。笔记不会丢失，可重新关联。",
    "The text has changed and the passages of these notes cannot be found. The notes are kept; you can attach them again.",
);
/// Group of notes before the first heading.
pub const BEFORE_FIRST_HEADING: Text = Text::new("正文开头", "Opening");
/// Edit button of a note.
pub const EDIT: Text = Text::new("编辑", "Edit");
/// Delete button of a note.
pub const DELETE: Text = Text::new("删除", "Delete");
/// Re-attach button of an unanchored note.
pub const REATTACH: Text = Text::new("重新关联", "Attach again");
/// Button to rename colours.
pub const RENAME_COLORS: Text = Text::new("颜色名称", "Colour names");

// Note editor.
/// Editor heading for a new note.
pub const EDITOR_NEW: Text = Text::new("新笔记", "New note");
/// Editor heading for an existing note.
pub const EDITOR_EDIT: Text = Text::new("编辑笔记", "Edit note");
/// Note text field.
pub const NOTE_TEXT: Text = Text::new("笔记内容", "Note text");
/// Tags field.
pub const NOTE_TAGS: Text = Text::new(
    "标签（用空格或逗号分隔）",
    "Tags (separated by spaces or commas)",
);
/// Save button.
pub const SAVE: Text = Text::new("保存", "Save");
/// Cancel button.
pub const CANCEL: Text = Text::new("取消", "Cancel");
/// Tooltip of the cancel button (a draft with text).
pub const CANCEL_TIP: Text = Text::new(
    "放弃这条草稿（可用 {undo} 恢复）",
    "Discard this draft ({undo} brings it back)",
);
/// Hint under the editor.
pub const EDITOR_HINT: Text =
    Text::new("{save} 保存，{close} 关闭", "{save} saves, {close} closes");
/// The question Esc asks on a draft with text.
pub const DISCARD_QUESTION: Text = Text::new(
    "放弃这条草稿？再按 {close} 放弃，可用 {undo} 恢复。",
    "Discard this draft? Press {close} again to discard; {undo} brings it back.",
);
/// Button that discards the draft after Esc.
pub const DISCARD: Text = Text::new("放弃草稿", "Discard draft");
/// Button that keeps writing after Esc.
pub const KEEP_WRITING: Text = Text::new("继续写", "Keep writing");
/// Label before the drafts set aside for other targets.
pub const PARKED_DRAFTS: Text = Text::new("其他草稿：", "Other drafts:");
/// Accessible-name prefix of the button that reopens a draft set aside.
pub const RESUME_DRAFT: Text = Text::new("继续草稿", "Resume draft");

// Messages.
/// Button that dismisses a message.
pub const DISMISS: Text = Text::new("关闭", "Dismiss");
/// Button that opens the folder of an exported file.
pub const OPEN_FOLDER: Text = Text::new("打开所在文件夹", "Open the folder");
/// Read-only indicator.
pub const NOT_SAVING: Text = Text::new("笔记不会保存", "Notes are not being saved");

// Dialogs, panels and the reader (moved here from the files that show them).

/// The native Save dialog could not be shown.
pub const NO_SAVE_DIALOG: Text = Text::new(
    "无法打开系统的保存对话框，请在下方输入保存路径。",
    "The system's Save dialog cannot be opened; type the path to save to below.",
);

/// The native Save dialog went away without an answer.
pub const SAVE_DIALOG_CRASHED: Text = Text::new(
    "系统保存对话框意外关闭，请在下方输入保存路径。",
    "The system's Save dialog closed unexpectedly; type the path to save to below.",
);

/// Title of the export dialog and of its Save dialog.
pub const EXPORT_TITLE: Text = Text::new("导出笔记", "Export notes");

/// Export dialog: the format group.
pub const EXPORT_FORMAT: Text = Text::new("格式", "Format");

/// Export dialog: the scope group.
pub const EXPORT_SCOPE: Text = Text::new("范围", "Scope");

/// Export dialog: every note.
pub const EXPORT_ALL_NOTES: Text = Text::new("全部笔记", "All notes");

/// Export dialog: the current section, when the reader is before the first heading.
pub const EXPORT_NO_SECTION: Text = Text::new(
    "当前章节（正文开头没有章节）",
    "This section (the opening has no section)",
);

/// Export dialog: tag filter label.
pub const EXPORT_ONLY_TAG: Text = Text::new("只导出标签：", "Only the tag:");

/// Export dialog: colour filter label.
pub const EXPORT_ONLY_COLOR: Text = Text::new("只导出颜色：", "Only the colour:");

/// Export dialog: the content group.
pub const EXPORT_CONTENT: Text = Text::new("内容", "Content");

/// Export dialog: include the quoted passages.
pub const EXPORT_WITH_QUOTES: Text = Text::new("包含摘录的原文", "With the quoted text");

/// Export dialog: include the section headings.
pub const EXPORT_WITH_HEADINGS: Text = Text::new("包含章节标题", "With the section headings");

/// Export dialog: the whole text with the notes inline.
pub const EXPORT_ANNOTATED: Text = Text::new(
    "全文批注本（正文连同笔记；Word 中为页边批注）",
    "Annotated article (the whole text with the notes; margin comments in Word)",
);

/// The outline's description of a node with search hits.
pub fn hits_in_section(n: usize) -> String {
    fill(Text::new("{} 处查找结果", "{} search results"), &[&n])
}

/// Command: copy with the source.
pub const COPY_CITATION: Text = Text::new("复制引用", "Copy with citation");
/// Tooltip of copy with the source.
pub const COPY_CITATION_TIP: Text = Text::new(
    "复制选中的文字并注明出处；未选中文字时复制本文的 GB/T 7714 参考文献著录",
    "Copy the selected text with its source; with nothing selected, the article's GB/T 7714 reference",
);
/// Status after copying a citation.
pub const CITATION_COPIED: Text = Text::new("已复制引用（含出处）。", "Copied with its source.");

/// Find bar: its label.
pub const FIND: Text = Text::new("查找", "Find");
/// Find bar: the field's hint.
pub const FIND_HINT: Text = Text::new("在正文中查找", "Find in the article");
/// Find bar: no hit.
pub const FIND_NONE: Text = Text::new("无结果", "No results");
/// Find bar: previous hit.
pub const FIND_PREVIOUS: Text = Text::new("上一处（Shift+Enter）", "Previous (Shift+Enter)");
/// Find bar: next hit.
pub const FIND_NEXT: Text = Text::new("下一处（Enter）", "Next (Enter)");
/// Find bar: close.
pub const FIND_CLOSE: Text = Text::new("关闭", "Close");
/// Command: find in the text.
pub const FIND_COMMAND: Text = Text::new("查找", "Find");
/// Tooltip of find.
pub const FIND_TIP: Text = Text::new(
    "在正文中查找（不分全角半角、大小写）",
    "Find in the article (full- and half-width forms and letter case are not told apart)",
);
/// Command: next hit.
pub const FIND_NEXT_COMMAND: Text = Text::new("下一处", "Next result");
/// Find bar: Traditional and Simplified match each other.
pub const FIND_ANY_SCRIPT: Text = Text::new("简繁等同", "Any script");
/// Tooltip of 简繁等同.
pub const FIND_ANY_SCRIPT_TIP: Text = Text::new(
    "查找时繁体字与简体字视为相同（“黨”可找到“党”）",
    "Traditional and Simplified characters match each other (“黨” finds “党”)",
);
/// Tooltip of next hit.
pub const FIND_NEXT_TIP: Text = Text::new("跳到下一处查找结果", "Go to the next result");
/// Command: previous hit.
pub const FIND_PREVIOUS_COMMAND: Text = Text::new("上一处", "Previous result");
/// Tooltip of previous hit.
pub const FIND_PREVIOUS_TIP: Text = Text::new("跳到上一处查找结果", "Go to the previous result");

/// Command: bookmark the paragraph at the top.
pub const BOOKMARK: Text = Text::new("加书签", "Bookmark");
/// Tooltip of the bookmark command.
pub const BOOKMARK_TIP: Text = Text::new(
    "给窗口顶部的段落加书签，书签列在笔记栏里；已有书签时删除它",
    "Bookmark the paragraph at the top of the window (bookmarks are listed in the notes panel); again removes it",
);
/// Tooltip of a bookmark ribbon in the reader.
pub const BOOKMARK_RIBBON: Text = Text::new(
    "书签：在笔记栏中查看，或再按一次删除",
    "Bookmark: see it in the notes panel, or bookmark again to remove it",
);
/// Context menu: bookmark this paragraph.
pub const ADD_BOOKMARK: Text = Text::new("在此加书签", "Bookmark here");
/// Context menu: remove this paragraph's bookmark.
pub const REMOVE_BOOKMARK: Text = Text::new("删除此处书签", "Remove this bookmark");
/// Accessible name of a bookmark ribbon.
pub const BOOKMARK_LABEL: Text = Text::new("书签", "Bookmark");
/// A bookmark card without text.
pub const BOOKMARK_NO_TEXT: Text = Text::new("点击回到这里", "Click to come back here");
/// Notes panel filter: only bookmarks.
pub const ONLY_BOOKMARKS: Text = Text::new("只看书签", "Bookmarks only");

/// Toolbar: the typesetting menu.
pub const TYPESETTING: Text = Text::new("排版", "Typesetting");
/// Tooltip of the typesetting menu.
pub const TYPESETTING_TIP: Text = Text::new(
    "标点挤压、中西文间距与简繁显示",
    "Punctuation compression, Han–Latin spacing, Simplified or Traditional display",
);
/// Typesetting: which characters the text is shown in.
pub const SCRIPT: Text = Text::new("简繁显示", "Characters");
/// Tooltip of the script choice.
pub const SCRIPT_TIP: Text = Text::new(
    "以简体或繁体字显示正文（逐字转换，笔记、查找与导出仍按原文）",
    "Show the text in Simplified or Traditional characters (character for character; notes, search and exports keep the original)",
);
/// Script: as the source has it.
pub const SCRIPT_ORIGINAL: Text = Text::new("原文", "As written");
/// Script: Simplified.
pub const SCRIPT_SIMPLIFIED: Text = Text::new("简体", "简体 Simplified");
/// Script: Traditional.
pub const SCRIPT_TRADITIONAL: Text = Text::new("繁體", "繁體 Traditional");
/// Typesetting: punctuation compression.
pub const COMPRESS_PUNCTUATION: Text = Text::new("标点挤压", "Compress punctuation");
/// Tooltip of punctuation compression.
pub const COMPRESS_PUNCTUATION_TIP: Text = Text::new(
    "相邻的标点各让出半个字的空白，如“。”和“》《”",
    "Adjacent punctuation marks each give up half a character of space, as in 。” and 》《",
);
/// Typesetting: line-edge compression.
pub const LINE_EDGES: Text = Text::new("行首行尾挤压", "Trim marks at line edges");
/// Tooltip of line-edge compression.
pub const LINE_EDGES_TIP: Text = Text::new(
    "行首的前引号、前括号和行尾的句末点号、后引号只占半个字，让文字而不是空白贴齐版心",
    "An opening quote or bracket that starts a line, and a full stop, comma or closing mark that ends one, take half a character, so that ink rather than blank meets the margin",
);
/// Typesetting: the Han–Latin gap.
pub const HAN_LATIN_GAP: Text = Text::new("中西文间距（¼ 字）", "Han–Latin spacing (¼ em)");
/// Tooltip of the Han–Latin gap.
pub const HAN_LATIN_GAP_TIP: Text = Text::new(
    "汉字与西文字母、数字之间留四分之一字的空隙（原文已有空格处不加）",
    "A quarter-em gap between Chinese characters and Latin letters or digits (not where the text already has a space)",
);

/// Export dialog: the template chooser.
pub const EXPORT_TEMPLATE: Text = Text::new("模板", "Template");
/// Export dialog: no template, the built-in layout.
pub const EXPORT_TEMPLATE_BUILTIN: Text = Text::new("内置格式", "Built-in layout");
/// Export dialog: what templates are.
pub const EXPORT_TEMPLATE_TIP: Text = Text::new(
    "用自己的 Jinja 模板排版导出：把 名称.md.jinja 或 名称.txt.jinja 放进模板文件夹",
    "Lay out the export with your own Jinja template: put NAME.md.jinja or NAME.txt.jinja in the templates folder",
);
/// Export dialog: open the templates folder.
pub const EXPORT_TEMPLATE_FOLDER: Text = Text::new("打开模板文件夹", "Open the templates folder");

/// Export dialog: the notes' author.
pub const EXPORT_AUTHOR: Text = Text::new("署名", "Author");

/// Export dialog: what the author name is for.
pub const EXPORT_AUTHOR_TIP: Text = Text::new(
    "写入 Word 文档的作者和批注人；留空则用登录名",
    "Written as the author and commenter of Word documents; empty: your login name",
);

/// Why the annotated option is disabled.
pub const EXPORT_ANNOTATED_ONLY: Text = Text::new(
    "仅 Markdown、网页和 Word 格式支持",
    "Markdown, web page and Word only",
);

/// Export dialog: open the Save dialog.
pub const EXPORT_CHOOSE: Text = Text::new("选择位置并导出…", "Choose where and export…");

/// Why the Save-dialog button is disabled.
pub const EXPORT_NO_NATIVE: Text = Text::new(
    "系统保存对话框不可用，请在下方输入路径",
    "The system's Save dialog is not available; type a path below",
);

/// While the Save dialog is open.
pub const EXPORT_WAITING: Text = Text::new("等待保存对话框…", "Waiting for the Save dialog…");

/// While the export runs.
pub const EXPORT_RUNNING: Text = Text::new("正在导出…", "Exporting…");

/// Export dialog: the path field's label.
pub const EXPORT_PATH_PROMPT: Text =
    Text::new("或者直接输入保存路径：", "Or type the path to save to:");

/// Accessible name of the export path field.
pub const EXPORT_PATH: Text = Text::new("保存路径", "Save to");

/// Export dialog: export to the typed path.
pub const EXPORT_TO_PATH: Text = Text::new("导出到此路径", "Export to this path");

/// The typed path names an existing file.
pub const EXPORT_WILL_OVERWRITE: Text = Text::new(
    "该文件已存在，导出会覆盖它。",
    "That file exists; the export will replace it.",
);

/// No path was typed.
pub const EXPORT_NEED_PATH: Text = Text::new("请输入保存路径", "Type the path to save to");

/// Title of the open dialog.
pub const OPEN_TITLE: Text = Text::new("打开文档", "Open a document");

/// What the import dialog does.
pub const IMPORT_EXPLANATION: Text = Text::new(
    "选择精读导出的 W3C 标注 JSON 文件。相同的笔记保留较新的版本，不会重复。",
    "Choose a W3C annotation JSON file exported by jingdu. Of two versions of the same note the newer is kept; nothing is duplicated.",
);

/// What the open dialog does.
pub const OPEN_EXPLANATION: Text = Text::new(
    "选择要阅读的文本、Markdown、网页（.html）、Word 或 WPS 文档（.docx、.doc、.wps、.odt）、PDF 或 EPUB 电子书，或在下面填入网址（http:// 或 https://）；编码会自动识别。当前文档的笔记会先保存。",
    "Choose a text, Markdown, web page (.html), Word or WPS document (.docx, .doc, .wps, .odt), PDF or EPUB book to read, or type a web address (http:// or https://) below; its encoding is detected. The current document's notes are saved first.",
);

/// Accessible name of the import path field.
pub const IMPORT_PATH: Text = Text::new("导入文件路径", "File to import");

/// Accessible name of the open path field.
pub const OPEN_PATH: Text = Text::new("文档路径或网址", "Document path or web address");

/// Import the typed path.
pub const IMPORT_CONFIRM: Text = Text::new("导入此文件", "Import this file");

/// Open the typed path.
pub const OPEN_CONFIRM: Text = Text::new("打开此文件", "Open this file");

/// File type of the import dialog.
pub const IMPORT_FILTER: Text = Text::new("W3C 标注 JSON", "W3C annotation JSON");

/// File type of the open dialog.
pub const OPEN_FILTER: Text = Text::new(
    "文本、网页、Word 文档、PDF 和电子书",
    "Text, web pages, Word documents, PDFs and books",
);

/// The native file dialog could not be shown.
pub const NO_FILE_DIALOG: Text = Text::new(
    "无法打开系统的文件对话框，请输入文件路径。",
    "The system's file dialog cannot be opened; type the file's path.",
);

/// Import notes written for another document?
pub const IMPORT_OTHER_QUESTION: Text = Text::new(
    "导入另一篇文档的笔记？",
    "Import notes written for another document?",
);

/// Import them anyway.
pub const IMPORT_ANYWAY: Text = Text::new("仍然导入", "Import anyway");

/// Do not import.
pub const IMPORT_CANCEL: Text = Text::new("取消导入", "Do not import");

/// Open the native file dialog.
pub const CHOOSE_FILE: Text = Text::new("选择文件…", "Choose a file…");

/// The path field of the open and import dialogs.
pub const FILE_PATH_PROMPT: Text = Text::new("或者输入文件路径：", "Or type the file's path:");

/// The path field of the open dialog, which also takes a web address.
pub const OPEN_PATH_PROMPT: Text = Text::new(
    "或者输入文件路径或网址：",
    "Or type the file's path or a web address:",
);

/// Accessible name of the article.
pub const ARTICLE_TEXT: Text = Text::new("正文", "Article");

/// A note without text, in a marker's tooltip.
pub const EMPTY_NOTE: Text = Text::new("（空笔记）", "(empty note)");

/// The button under a selection.
pub const NOTE_SELECTION_BUTTON: Text = Text::new("＋ 写笔记", "＋ Note");
/// The same button in the margin beside the selection's last line, where room is short.
pub const NOTE_SELECTION_MARGIN: Text = Text::new("写笔记", "Note");

/// Hint in the notes search field.
pub const SEARCH_HINT: Text = Text::new("搜索笔记、摘句、标签", "Search notes, quotes, tags");

/// Above the colour names.
pub const NAME_COLORS: Text = Text::new("给每种颜色起个名字：", "Give each colour a name:");

/// A note without text in the list.
pub const NO_CONTENT: Text = Text::new("（无内容）", "(no text)");

/// How re-attaching works.
pub const REATTACH_HINT: Text = Text::new(
    "在正文中选择文字后即关联",
    "Select text in the article to attach the note to it",
);

/// Save status while saving.
pub const SAVING: Text = Text::new("正在保存…", "Saving…");

/// Save status when saved.
pub const SAVED: Text = Text::new("笔记已保存", "Notes saved");

/// Hint in the note text field.
pub const NOTE_HINT: Text = Text::new(
    "写下你的理解、疑问或心得……",
    "Write what you understood, what puzzles you, what you think…",
);

/// Before the frequent tags.
pub const FREQUENT_TAGS: Text = Text::new("常用：", "Frequent:");

/// The space bar, as keyboard help names it.
pub const SPACE_KEY: Text = Text::new("空格", "Space");

/// The Save dialog failed with `e`.
pub fn save_dialog_failed(e: &dyn std::fmt::Display) -> String {
    fill(
        Text::new(
            "无法打开保存对话框（{}），请在下方输入保存路径。",
            "The Save dialog cannot be opened ({}); type the path to save to below.",
        ),
        &[e],
    )
}

/// The export could not start.
pub fn export_not_started(e: &dyn std::fmt::Display) -> String {
    fill(
        Text::new("无法开始导出：{}", "The export cannot start: {}"),
        &[e],
    )
}

/// Export dialog: only the section being read.
pub fn current_section(heading: &str) -> String {
    fill(Text::new("当前章节：{}", "This section: {}"), &[&heading])
}

/// How many notes the export will hold.
pub fn will_export(count: usize) -> String {
    crate::i18n::trn(
        "将导出 {} 条笔记",
        "{} note will be exported",
        "{} notes will be exported",
        count,
        &[&count],
    )
}

/// The typed path's folder does not exist.
pub fn no_such_folder(folder: &std::path::Path) -> String {
    fill(
        Text::new("文件夹不存在：{}", "No such folder: {}"),
        &[&folder.display()],
    )
}

/// Accessible name of the n-th note marker.
pub fn note_marker(n: usize) -> String {
    fill(Text::new("笔记标记 {}", "Note marker {}"), &[&n])
}

/// The source in the title block.
pub fn source_line(source: &str) -> String {
    fill(Text::new("来源：{}", "Source: {}"), &[&source])
}

/// Accessible name of the n-th colour name field.
pub fn color_name_field(n: usize) -> String {
    fill(Text::new("颜色名称 {}", "Colour name {}"), &[&n])
}

/// Accessible name of a note in the list.
pub fn note_label(text: &str) -> String {
    fill(Text::new("笔记：{}", "Note: {}"), &[&text])
}

/// Tooltip of the font size: the keys and the size in points.
pub fn font_size_tip(keys: &str, pt: impl std::fmt::Display) -> String {
    fill(Text::new("{}（{} 点）", "{} ({} pt)"), &[&keys, &pt])
}

/// Tooltip of the save status: where the notes are.
pub fn notes_file(path: &std::path::Path) -> String {
    fill(
        Text::new("笔记文件：{}", "Notes file: {}"),
        &[&path.display()],
    )
}

/// Tooltip of a colour button.
pub fn color_tip(name: &str) -> String {
    fill(Text::new("颜色：{}", "Colour: {}"), &[&name])
}

/// The file name of a pasted document: `粘贴 2026-11-29 08.05.12.txt`, `… (2).txt`.
pub fn pasted_name(stamp: &str, n: Option<usize>, extension: &str) -> String {
    match n {
        Some(n) => fill(
            Text::new("粘贴 {} ({}).{}", "Pasted {} ({}).{}"),
            &[&stamp, &n, &extension],
        ),
        None => fill(
            Text::new("粘贴 {}.{}", "Pasted {}.{}"),
            &[&stamp, &extension],
        ),
    }
}

/// Importing notes written for another document: how many, for which title, what happens.
pub fn import_other_explanation(count: usize, title: &str) -> String {
    crate::i18n::trn(
        "文件中的 {} 条笔记是为《{}》写的，与当前文档不同。导入后，找得到原文的笔记会关联到本文，找不到的列在“未定位”下。",
        "The {} note in the file was written for “{}”, not for this document. Imported, it is attached here if its passage is found, else listed under “Not located”.",
        "The {} notes in the file were written for “{}”, not for this document. Imported, the notes whose passages are found here are attached to them; the others are listed under “Not located”.",
        count,
        &[&count, &title],
    )
}

/// Importing notes that do not say which document they were written for.
pub fn import_unknown_explanation(count: usize) -> String {
    crate::i18n::trn(
        "文件中的 {} 条笔记没有注明写于哪篇文档。导入后，找得到原文的笔记会关联到本文，找不到的列在“未定位”下。",
        "The {} note in the file does not say which document it was written for. Imported, it is attached here if its passage is found, else listed under “Not located”.",
        "The {} notes in the file do not say which document they were written for. Imported, the notes whose passages are found here are attached to them; the others are listed under “Not located”.",
        count,
        &[&count],
    )
}

/// The file manager could not be started on `folder`.
pub fn folder_not_opened(e: &dyn std::fmt::Display, folder: &std::path::Path) -> String {
    fill(
        Text::new(
            "无法打开文件夹（{}）：{}",
            "Cannot open the folder ({}): {}",
        ),
        &[e, &folder.display()],
    )
}

/// Why a document did not open, with the window's own way out where there is one: a page too
/// large to read can still be pasted.
pub fn open_failed(e: &crate::document::LoadError) -> String {
    use crate::document::{HtmlError, LoadError};
    match e {
        LoadError::NotAnArticle {
            reason: HtmlError::TooLarge,
            ..
        } => fill(
            Text::new(
                "{}；也可以在浏览器里复制正文，再用“{}”",
                "{}; you can also copy the article in the browser and use “{}”",
            ),
            &[e, &PASTE_DOCUMENT],
        ),
        _ => e.to_string(),
    }
}

/// The help menu in the toolbar (？).
pub const HELP_MENU: Text = Text::new("帮助", "Help");
/// Its tooltip.
pub const HELP_MENU_TIP: Text = Text::new("快捷键、关于精读", "Keyboard shortcuts, about jingdu");
/// The about box's title and menu entry.
pub const ABOUT: Text = Text::new("关于精读", "About jingdu");
/// The app's name in the about box.
pub const ABOUT_NAME: Text = Text::new("精读 jingdu", "精读 jingdu");
/// One line on what jingdu is.
pub const ABOUT_SUMMARY: Text = Text::new(
    "细读中文文章，写学习笔记并导出。",
    "Read Chinese articles closely, write study notes and export them.",
);
/// The fonts and their licence.
pub const ABOUT_FONTS: Text = Text::new(
    "字体：思源宋体、思源黑体（Noto Serif CJK SC、Noto Sans CJK SC，© Adobe），按 SIL Open Font License 1.1 授权，随程序分发其子集。",
    "Fonts: Source Han Serif and Source Han Sans (Noto Serif CJK SC, Noto Sans CJK SC, © Adobe), under the SIL Open Font License 1.1; subsets are shipped with the program.",
);
/// The collapsible full text of the font licence.
pub const FONT_LICENSE_TEXT: Text = Text::new("字体许可全文（OFL 1.1）", "Font licence (OFL 1.1)");
/// Before the data directory.
pub const NOTES_LIVE_IN: Text = Text::new("笔记和设置保存在：", "Notes and settings are kept in:");
/// Opens the data directory.
pub const OPEN_DATA_FOLDER: Text = Text::new("打开", "Open");
/// Its tooltip.
pub const OPEN_FOLDER_TIP: Text = Text::new(
    "在文件管理器中打开这个文件夹",
    "Open this folder in the file manager",
);
/// When the app runs without a store.
pub const NO_DATA_DIR: Text = Text::new(
    "（没有可用的数据目录，笔记不会保存）",
    "(no data folder: notes are not saved)",
);
/// How to back up or move the notes.
pub const BACKUP_ADVICE: Text = Text::new(
    "备份：复制整个文件夹即可。迁移：把它复制到新位置，并把环境变量 JINGDU_DATA_DIR 设为新位置。",
    "Backup: copy the whole folder. Moving: copy it to the new place and set the environment variable JINGDU_DATA_DIR to it.",
);

/// The version line of the about box.
pub fn about_version(version: &str, revision: &str) -> String {
    fill(
        Text::new("版本 {}（修订 {}）", "Version {} (revision {})"),
        &[&version, &revision],
    )
}

/// The program's licence line.
pub fn about_license(license: &str) -> String {
    let license = license.replace(" OR ", Text::new(" 或 ", " or ").get());
    fill(Text::new("许可：{}", "Licence: {}"), &[&license])
}

/// Before the list of each platform's default data directory.
pub const DEFAULT_DATA_DIRS: Text = Text::new("默认位置：", "Default places:");

/// Why the data folder did not open.
pub fn open_folder_failed(reason: &str) -> String {
    fill(
        Text::new("无法打开文件夹（{}）", "Cannot open the folder ({})"),
        &[&reason],
    )
}

/// What a screen reader says after a paragraph that carries notes.
pub fn notes_on_block(n: usize) -> String {
    crate::i18n::trn("有 {} 条笔记", "{} note", "{} notes", n, &[&n])
}

/// The outline panel's resize handle.
pub const RESIZE_OUTLINE: Text = Text::new("调整目录宽度", "Resize the outline");
/// The notes panel's resize handle.
pub const RESIZE_NOTES: Text = Text::new("调整笔记栏宽度", "Resize the notes panel");

/// A note card's description for a screen reader: kind, place, quote.
pub fn note_card_description(kind: &str, place: &str, quote: &str) -> String {
    let mut out = kind.to_owned();
    if !place.is_empty() {
        out.push_str(&fill(Text::new("，位于 {}", ", in {}"), &[&place]));
    }
    if !quote.is_empty() {
        out.push_str(&fill(Text::new("，摘句“{}”", ", quoting “{}”"), &[&quote]));
    }
    out
}

#[cfg(test)]
mod tests {
    /// Whether a line of Rust code (outside comments) holds a string literal with Chinese.
    fn chinese_literal(line: &str) -> bool {
        let code = line.trim_start();
        if code.starts_with("//") {
            return false;
        }
        code.split('"')
            .skip(1)
            .step_by(2)
            .any(|lit| lit.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)))
    }

    #[test]
    fn every_label_lives_here() {
        assert!(chinese_literal(r#"ui.button("取消")"#));
        assert!(!chinese_literal(r#"// ui.button("取消")"#));
        // Every file of the interface but the catalogue itself.
        for (path, code) in crate::ui::sources_under("src/ui") {
            if path.ends_with("strings.rs") {
                continue;
            }
            // Tests may write Chinese; the code before them may not.
            for (i, line) in code.lines().enumerate() {
                assert!(
                    !chinese_literal(line),
                    "{}:{}: a label outside strings.rs: {line}",
                    path.display(),
                    i + 1
                );
            }
        }
    }

    /// Every `(file, Simplified Chinese, English)` pair written with `Text::new`, `tr`, `trf`
    /// or an export's `.t` / `.tf` in the sources of both crates (tests aside).
    fn catalogue() -> Vec<(String, String, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        /// The string literal at the start of `s` (after spaces) and what follows it.
        fn literal(s: &str) -> Option<(String, &str)> {
            let s = s.trim_start().strip_prefix('"')?;
            let mut out = String::new();
            let mut chars = s.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => return Some((out, &s[i + 1..])),
                    '\\' => match chars.next()?.1 {
                        'n' => out.push('\n'),
                        other => out.push(other),
                    },
                    c => out.push(c),
                }
            }
            None
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        walk(&root.join("src"), &mut files);
        walk(&root.join("crates/jingdu-core/src"), &mut files);
        let mut pairs = Vec::new();
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap();
            let code = source.split("#[cfg(test)]").next().unwrap_or("");
            for call in ["Text::new(", "tr(", "trf(", "trn(", ".t(", ".tf("] {
                for (at, _) in code.match_indices(call) {
                    let before = code[..at].chars().last();
                    // `tr(` inside another name (`attr(`) is not a call of ours.
                    if matches!(call, "tr(" | "trf(" | "trn(")
                        && before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    {
                        continue;
                    }
                    let rest = &code[at + call.len()..];
                    let Some((zh, rest)) = literal(rest) else {
                        continue;
                    };
                    let Some(rest) = rest.trim_start().strip_prefix(',') else {
                        continue;
                    };
                    let Some((en, rest)) = literal(rest) else {
                        continue;
                    };
                    // `trn(zh, one, other, …)`: English for one and for the rest.
                    if call == "trn(" {
                        let other = rest
                            .trim_start()
                            .strip_prefix(',')
                            .and_then(literal)
                            .map(|(other, _)| other);
                        let Some(other) = other else {
                            continue;
                        };
                        pairs.push((file.display().to_string(), zh.clone(), other));
                    }
                    pairs.push((file.display().to_string(), zh, en));
                }
            }
        }
        pairs
    }

    #[test]
    fn every_text_is_in_every_language_and_the_fonts_have_it() {
        use crate::i18n::{Lang, Text, placeholders};
        let pairs = catalogue();
        assert!(
            pairs.len() > 300,
            "the scan found the catalogue: {}",
            pairs.len()
        );
        let ctx = egui::Context::default();
        ctx.set_fonts(crate::ui::fonts::definitions());
        ctx.run_ui(Default::default(), |_| {})
            .drop_without_applying_deltas();
        let keys = |t: &str| -> Vec<&str> {
            ["{undo}", "{save}", "{close}"]
                .into_iter()
                .filter(|k| t.contains(k))
                .collect()
        };
        ctx.fonts_mut(|f| {
            let font = egui::FontId::proportional(16.0);
            for (file, zh, en) in &pairs {
                let ideographs =
                    |t: &str| t.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
                // English may leave out a lone measure word (the footer's `第 1 页` is
                // `Page 1`, so its ` 页` is empty in English).
                let words = zh.chars().filter(|&c| ideographs(&c.to_string())).count();
                assert!(
                    en.chars().any(|c| c.is_ascii_alphabetic()) || words <= 1,
                    "{file}: no English for {zh:?}"
                );
                assert_eq!(
                    placeholders(zh),
                    placeholders(en),
                    "{file}: {zh:?} / {en:?}"
                );
                assert_eq!(keys(zh), keys(en), "{file}: {zh:?} / {en:?}");
                let zh: &'static str = Box::leak(zh.clone().into_boxed_str());
                let en: &'static str = Box::leak(en.clone().into_boxed_str());
                let text = Text::new(zh, en);
                for lang in Lang::ALL {
                    let shown = text.get_in(lang);
                    let missing: String = shown
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .filter(|&c| !f.has_glyph(&font, c))
                        .collect();
                    assert!(
                        missing.is_empty(),
                        "{file}: {lang:?} {shown:?} lacks {missing:?}"
                    );
                }
            }
        });
    }
}
