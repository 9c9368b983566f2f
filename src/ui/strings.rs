//! Every label the window shows, in one place (and in Chinese). Tests find widgets by these
//! labels, so a renamed button is renamed for the tests too.

/// App name in the title bar.
pub const APP_NAME: &str = "精读";

// Toolbar.
/// Outline toggle button.
pub const TOGGLE_OUTLINE: &str = "目录";
/// Tooltip of the outline toggle.
pub const TOGGLE_OUTLINE_TIP: &str = "显示或隐藏目录";
/// Notes panel toggle button.
pub const TOGGLE_NOTES: &str = "笔记";
/// Tooltip of the notes toggle.
pub const TOGGLE_NOTES_TIP: &str = "显示或隐藏笔记栏";
/// Open-document button.
pub const OPEN: &str = "打开";
/// Tooltip of the open button.
pub const OPEN_TIP: &str =
    "打开文本、Markdown、网页（.html）或 Word 文档（.docx），也可把文件拖进窗口";
/// Paste-as-document button.
pub const PASTE_DOCUMENT: &str = "粘贴为新文档";
/// Tooltip of the paste button.
pub const PASTE_DOCUMENT_TIP: &str =
    "把剪贴板里的文字或网页内容作为新文档打开（保存在数据目录，笔记随之保存）";
/// The reading list.
pub const READING_LIST: &str = "最近阅读";
/// Tooltip of the reading list.
pub const READING_LIST_TIP: &str = "最近读过的文档：阅读进度、笔记数，点一下回到上次读到的地方";
/// Reading list column: title.
pub const RECENT_TITLE: &str = "标题";
/// Reading list column: file.
pub const RECENT_FILE: &str = "文件";
/// Reading list column: progress.
pub const RECENT_PROGRESS: &str = "进度";
/// Reading list column: notes.
pub const RECENT_NOTES: &str = "笔记";
/// Reading list column: last read.
pub const RECENT_LAST_READ: &str = "上次阅读";
/// The file of the built-in article.
pub const RECENT_BUILTIN: &str = "内置文章";
/// A file that has gone.
pub const RECENT_MISSING: &str = "文件不见了";
/// Tooltip of a missing file.
pub const RECENT_MISSING_TIP: &str =
    "文件已被移动或删除。点标题可查看并导出它的笔记；找回文件后用“打开”重新打开";
/// The document open now.
pub const RECENT_CURRENT: &str = "正在阅读";
/// Remove from the reading list.
pub const RECENT_REMOVE: &str = "移除";
/// Tooltip of remove.
pub const RECENT_REMOVE_TIP: &str = "从最近阅读中移除（笔记仍保存在数据目录里）";
/// The reopen-last setting.
pub const REOPEN_LAST: &str = "启动时回到上次读的文档";
/// Accessible name of a reading-list entry: `继续阅读：title`.
pub fn recent_open(title: &str) -> String {
    format!("继续阅读：{title}")
}
/// Reading progress in the status bar: `第 3 节 · 42 %`.
pub fn reading_progress(section: Option<usize>, progress: f32) -> String {
    let percent = (progress * 100.0).round() as u32;
    match section {
        Some(n) => format!("第 {n} 节 · {percent} %"),
        None => format!("{percent} %"),
    }
}
/// Notes and bookmarks in the status bar.
pub fn notes_and_bookmarks(notes: usize, bookmarks: usize) -> String {
    match bookmarks {
        0 => format!("{notes} 条笔记"),
        b => format!("{notes} 条笔记 · {b} 个书签"),
    }
}
/// The clipboard had nothing to paste.
pub const PASTE_EMPTY: &str = "剪贴板里没有文字可以粘贴：请先复制一段文字或网页内容";
/// No data directory to keep a pasted document in.
pub const PASTE_NO_DATA_DIR: &str =
    "无法保存粘贴的文档：找不到数据目录（可用 JINGDU_DATA_DIR 指定）";
/// Writing the pasted document failed.
pub const PASTE_SAVE_FAILED: &str = "无法保存粘贴的文档";
/// Shown while a large document opens: `正在打开 name…（读取文本）`.
pub fn opening(name: &str, stage: crate::app::tasks::Stage) -> String {
    let stage = match stage {
        crate::app::tasks::Stage::Reading => "读取文本",
        crate::app::tasks::Stage::Notes => "载入笔记",
    };
    format!("正在打开 {name}…（{stage}）")
}
/// The encoding menu.
pub const ENCODING: &str = "编码";
/// Tooltip of the encoding menu.
pub const ENCODING_TIP: &str = "文字显示成乱码时，换一种编码重新打开（会为这个文件记住）";
/// Label before the font-size control.
pub const FONT_SIZE: &str = "字体";
/// Tooltip of the font-size control.
pub const FONT_SIZE_TIP: &str = "正文字号";
/// Light theme button.
pub const THEME_LIGHT: &str = "浅色";
/// Dark theme button.
pub const THEME_DARK: &str = "深色";
/// Export button.
pub const EXPORT: &str = "导出笔记";
/// Tooltip of the export button.
pub const EXPORT_TIP: &str = "把笔记导出为 Markdown、网页、Word、PDF、表格、JSON 或纯文本";
/// Export as PDF (keyboard help).
pub const EXPORT_PDF: &str = "导出为 PDF";
/// Tooltip of export as PDF.
pub const EXPORT_PDF_TIP: &str = "把笔记或全文批注本导出为可打印的 A4 PDF";
/// Import button.
pub const IMPORT: &str = "导入笔记";
/// Tooltip of the import button.
pub const IMPORT_TIP: &str = "从 JSON 导出文件导入笔记";
/// Tooltip of the ⋯ menu that holds what a narrow toolbar folds away.
pub const MORE_TIP: &str = "更多：字体、主题、撤销、导入…";
/// Undo button.
pub const UNDO: &str = "撤销";
/// Tooltip of the undo button.
pub const UNDO_TIP: &str = "撤销上一次笔记改动（也能找回放弃的草稿）";
/// Redo button.
pub const REDO: &str = "重做";
/// Tooltip of the redo button.
pub const REDO_TIP: &str = "重做撤销的改动";
/// Larger text.
pub const ZOOM_IN: &str = "放大字号";
/// Tooltip of larger text.
pub const ZOOM_IN_TIP: &str = "正文字号放大一级";
/// Smaller text.
pub const ZOOM_OUT: &str = "缩小字号";
/// Tooltip of smaller text.
pub const ZOOM_OUT_TIP: &str = "正文字号缩小一级";
/// Default text size.
pub const ZOOM_RESET: &str = "默认字号";
/// Tooltip of the default text size.
pub const ZOOM_RESET_TIP: &str = "正文恢复默认字号（中）";
/// Keyboard help.
pub const KEYBOARD_HELP: &str = "快捷键";
/// Tooltip of the keyboard help.
pub const KEYBOARD_HELP_TIP: &str = "列出所有快捷键";
/// Quit.
pub const QUIT: &str = "退出";
/// Tooltip of quit.
pub const QUIT_TIP: &str = "保存笔记和设置后退出";
/// Keys handled by the note editor and the reader rather than by commands, for the help.
pub const SAVE_NOTE_KEY: &str = "保存正在写的笔记";
/// See [`SAVE_NOTE_KEY`].
pub const CLOSE_EDITOR_KEY: &str = "关闭笔记编辑器（有内容时先询问）";
/// See [`SAVE_NOTE_KEY`].
pub const PAGE_KEY: &str = "翻页";
/// See [`SAVE_NOTE_KEY`].
pub const SCROLL_KEY: &str = "上下滚动";
/// See [`SAVE_NOTE_KEY`].
pub const ENDS_KEY: &str = "到开头 / 到结尾";
/// See [`SAVE_NOTE_KEY`].
pub const COPY_KEY: &str = "复制所选文字（按显示的样子）";
/// New note button.
pub const NEW_NOTE: &str = "写笔记";
/// Tooltip of the new-note button.
pub const NEW_NOTE_TIP: &str = "为所选文字写笔记；没有选中文字时，为窗口顶部的段落写笔记";

// Outline.
/// Outline panel heading.
pub const OUTLINE_TITLE: &str = "目录";
/// Collapse-all button.
pub const COLLAPSE_ALL: &str = "全部折叠";
/// Expand-all button.
pub const EXPAND_ALL: &str = "全部展开";
/// Prefix of the accessible name of a node's expand button.
pub const EXPAND_NODE: &str = "展开";
/// Prefix of the accessible name of a node's collapse button.
pub const COLLAPSE_NODE: &str = "折叠";
/// Shown for a document without headings.
pub const NO_HEADINGS: &str = "未识别到标题，以下按段落列出";

// Notes on targets.
/// Context-menu entry: note on this section.
pub const NOTE_SECTION: &str = "为本节写笔记";
/// Context-menu entry: note on this paragraph.
pub const NOTE_PARAGRAPH: &str = "为本段写笔记";
/// Context-menu entry: note on the selection.
pub const NOTE_SELECTION: &str = "为所选文字写笔记";
/// Context-menu entry: copy the selection.
pub const COPY: &str = "复制";
/// Accessible name of the hover button on a paragraph.
pub const PARAGRAPH_NOTE_BUTTON: &str = "为此段写笔记";
/// Accessible name of the button by each heading.
pub const HEADING_NOTE_BUTTON: &str = "为此节写笔记";

// Notes panel.
/// Notes panel heading.
pub const NOTES_TITLE: &str = "笔记";
/// Filter text field.
pub const FILTER: &str = "搜索笔记";
/// Tooltip of the note count (shown / total when a filter is active).
pub const NOTE_COUNT_TIP: &str = "显示的笔记数 / 笔记总数";
/// Tag filter.
pub const FILTER_TAG: &str = "标签";
/// Colour filter.
pub const FILTER_COLOR: &str = "颜色";
/// "All" choice of a filter.
pub const ALL: &str = "全部";
/// Shown when there are no notes.
pub const NO_NOTES: &str = "还没有笔记。选中文字，或在段落、标题旁点“＋”，即可写下学习笔记。";
/// Shown when the filter hides every note.
pub const NO_MATCHES: &str = "没有符合条件的笔记。";
/// Group of unanchored notes.
pub const UNANCHORED: &str = "未定位";
/// Explanation of the unanchored group.
pub const UNANCHORED_TIP: &str = "原文已改动，找不到这些笔记对应的文字。笔记不会丢失，可重新关联。";
/// Group of notes before the first heading.
pub const BEFORE_FIRST_HEADING: &str = "正文开头";
/// Edit button of a note.
pub const EDIT: &str = "编辑";
/// Delete button of a note.
pub const DELETE: &str = "删除";
/// Re-attach button of an unanchored note.
pub const REATTACH: &str = "重新关联";
/// Button to rename colours.
pub const RENAME_COLORS: &str = "颜色名称";

// Note editor.
/// Editor heading for a new note.
pub const EDITOR_NEW: &str = "新笔记";
/// Editor heading for an existing note.
pub const EDITOR_EDIT: &str = "编辑笔记";
/// Note text field.
pub const NOTE_TEXT: &str = "笔记内容";
/// Tags field.
pub const NOTE_TAGS: &str = "标签（用空格或逗号分隔）";
/// Save button.
pub const SAVE: &str = "保存";
/// Cancel button.
pub const CANCEL: &str = "取消";
/// Tooltip of the cancel button (a draft with text).
pub const CANCEL_TIP: &str = "放弃这条草稿（可用 {undo} 恢复）";
/// Hint under the editor.
pub const EDITOR_HINT: &str = "{save} 保存，{close} 关闭";
/// The question Esc asks on a draft with text.
pub const DISCARD_QUESTION: &str = "放弃这条草稿？再按 {close} 放弃，可用 {undo} 恢复。";
/// Button that discards the draft after Esc.
pub const DISCARD: &str = "放弃草稿";
/// Button that keeps writing after Esc.
pub const KEEP_WRITING: &str = "继续写";
/// Label before the drafts set aside for other targets.
pub const PARKED_DRAFTS: &str = "其他草稿：";
/// Accessible-name prefix of the button that reopens a draft set aside.
pub const RESUME_DRAFT: &str = "继续草稿";

// Messages.
/// Button that dismisses a message.
pub const DISMISS: &str = "关闭";
/// Button that opens the folder of an exported file.
pub const OPEN_FOLDER: &str = "打开所在文件夹";
/// Read-only indicator.
pub const NOT_SAVING: &str = "笔记不会保存";

// Dialogs, panels and the reader (moved here from the files that show them).

/// The native Save dialog could not be shown.
pub const NO_SAVE_DIALOG: &str = "无法打开系统的保存对话框，请在下方输入保存路径。";

/// The native Save dialog went away without an answer.
pub const SAVE_DIALOG_CRASHED: &str = "系统保存对话框意外关闭，请在下方输入保存路径。";

/// Title of the export dialog and of its Save dialog.
pub const EXPORT_TITLE: &str = "导出笔记";

/// Export dialog: the format group.
pub const EXPORT_FORMAT: &str = "格式";

/// Export dialog: the scope group.
pub const EXPORT_SCOPE: &str = "范围";

/// Export dialog: every note.
pub const EXPORT_ALL_NOTES: &str = "全部笔记";

/// Export dialog: the current section, when the reader is before the first heading.
pub const EXPORT_NO_SECTION: &str = "当前章节（正文开头没有章节）";

/// Export dialog: tag filter label.
pub const EXPORT_ONLY_TAG: &str = "只导出标签：";

/// Export dialog: colour filter label.
pub const EXPORT_ONLY_COLOR: &str = "只导出颜色：";

/// Export dialog: the content group.
pub const EXPORT_CONTENT: &str = "内容";

/// Export dialog: include the quoted passages.
pub const EXPORT_WITH_QUOTES: &str = "包含摘录的原文";

/// Export dialog: include the section headings.
pub const EXPORT_WITH_HEADINGS: &str = "包含章节标题";

/// Export dialog: the whole text with the notes inline.
pub const EXPORT_ANNOTATED: &str = "全文批注本（正文连同笔记；Word 中为页边批注）";

/// The outline's description of a node with search hits.
pub fn hits_in_section(n: usize) -> String {
    format!("{n} 处查找结果")
}

/// Command: copy with the source.
pub const COPY_CITATION: &str = "复制引用";
/// Tooltip of copy with the source.
pub const COPY_CITATION_TIP: &str =
    "复制选中的文字并注明出处；未选中文字时复制本文的 GB/T 7714 参考文献著录";
/// Status after copying a citation.
pub const CITATION_COPIED: &str = "已复制引用（含出处）。";

/// Find bar: its label.
pub const FIND: &str = "查找";
/// Find bar: the field's hint.
pub const FIND_HINT: &str = "在正文中查找";
/// Find bar: no hit.
pub const FIND_NONE: &str = "无结果";
/// Find bar: previous hit.
pub const FIND_PREVIOUS: &str = "上一处（Shift+Enter）";
/// Find bar: next hit.
pub const FIND_NEXT: &str = "下一处（Enter）";
/// Find bar: close.
pub const FIND_CLOSE: &str = "关闭";
/// Command: find in the text.
pub const FIND_COMMAND: &str = "查找";
/// Tooltip of find.
pub const FIND_TIP: &str = "在正文中查找（不分全角半角、大小写）";
/// Command: next hit.
pub const FIND_NEXT_COMMAND: &str = "下一处";
/// Find bar: Traditional and Simplified match each other.
pub const FIND_ANY_SCRIPT: &str = "简繁等同";
/// Tooltip of 简繁等同.
pub const FIND_ANY_SCRIPT_TIP: &str = "查找时繁体字与简体字视为相同（“黨”可找到“党”）";
/// Tooltip of next hit.
pub const FIND_NEXT_TIP: &str = "跳到下一处查找结果";
/// Command: previous hit.
pub const FIND_PREVIOUS_COMMAND: &str = "上一处";
/// Tooltip of previous hit.
pub const FIND_PREVIOUS_TIP: &str = "跳到上一处查找结果";

/// Command: bookmark the paragraph at the top.
pub const BOOKMARK: &str = "加书签";
/// Tooltip of the bookmark command.
pub const BOOKMARK_TIP: &str = "给窗口顶部的段落加书签，书签列在笔记栏里；已有书签时删除它";
/// Tooltip of a bookmark ribbon in the reader.
pub const BOOKMARK_RIBBON: &str = "书签：在笔记栏中查看，或再按一次删除";
/// Context menu: bookmark this paragraph.
pub const ADD_BOOKMARK: &str = "在此加书签";
/// Context menu: remove this paragraph's bookmark.
pub const REMOVE_BOOKMARK: &str = "删除此处书签";
/// Accessible name of a bookmark ribbon.
pub const BOOKMARK_LABEL: &str = "书签";
/// A bookmark card without text.
pub const BOOKMARK_NO_TEXT: &str = "点击回到这里";
/// Notes panel filter: only bookmarks.
pub const ONLY_BOOKMARKS: &str = "只看书签";

/// Toolbar: the typesetting menu.
pub const TYPESETTING: &str = "排版";
/// Tooltip of the typesetting menu.
pub const TYPESETTING_TIP: &str = "标点挤压、中西文间距与简繁显示";
/// Typesetting: which characters the text is shown in.
pub const SCRIPT: &str = "简繁显示";
/// Tooltip of the script choice.
pub const SCRIPT_TIP: &str = "以简体或繁体字显示正文（逐字转换，笔记、查找与导出仍按原文）";
/// Script: as the source has it.
pub const SCRIPT_ORIGINAL: &str = "原文";
/// Script: Simplified.
pub const SCRIPT_SIMPLIFIED: &str = "简体";
/// Script: Traditional.
pub const SCRIPT_TRADITIONAL: &str = "繁體";
/// Typesetting: punctuation compression.
pub const COMPRESS_PUNCTUATION: &str = "标点挤压";
/// Tooltip of punctuation compression.
pub const COMPRESS_PUNCTUATION_TIP: &str = "相邻的标点各让出半个字的空白，如“。”和“》《”";
/// Typesetting: the Han–Latin gap.
pub const HAN_LATIN_GAP: &str = "中西文间距（¼ 字）";
/// Tooltip of the Han–Latin gap.
pub const HAN_LATIN_GAP_TIP: &str =
    "汉字与西文字母、数字之间留四分之一字的空隙（原文已有空格处不加）";

/// Export dialog: the template chooser.
pub const EXPORT_TEMPLATE: &str = "模板";
/// Export dialog: no template, the built-in layout.
pub const EXPORT_TEMPLATE_BUILTIN: &str = "内置格式";
/// Export dialog: what templates are.
pub const EXPORT_TEMPLATE_TIP: &str =
    "用自己的 Jinja 模板排版导出：把 名称.md.jinja 或 名称.txt.jinja 放进模板文件夹";
/// Export dialog: open the templates folder.
pub const EXPORT_TEMPLATE_FOLDER: &str = "打开模板文件夹";

/// Export dialog: the notes' author.
pub const EXPORT_AUTHOR: &str = "署名";

/// Export dialog: what the author name is for.
pub const EXPORT_AUTHOR_TIP: &str = "写入 Word 文档的作者和批注人；留空则用登录名";

/// Why the annotated option is disabled.
pub const EXPORT_ANNOTATED_ONLY: &str = "仅 Markdown、网页和 Word 格式支持";

/// Export dialog: open the Save dialog.
pub const EXPORT_CHOOSE: &str = "选择位置并导出…";

/// Why the Save-dialog button is disabled.
pub const EXPORT_NO_NATIVE: &str = "系统保存对话框不可用，请在下方输入路径";

/// While the Save dialog is open.
pub const EXPORT_WAITING: &str = "等待保存对话框…";

/// While the export runs.
pub const EXPORT_RUNNING: &str = "正在导出…";

/// Export dialog: the path field's label.
pub const EXPORT_PATH_PROMPT: &str = "或者直接输入保存路径：";

/// Accessible name of the export path field.
pub const EXPORT_PATH: &str = "保存路径";

/// Export dialog: export to the typed path.
pub const EXPORT_TO_PATH: &str = "导出到此路径";

/// The typed path names an existing file.
pub const EXPORT_WILL_OVERWRITE: &str = "该文件已存在，导出会覆盖它。";

/// No path was typed.
pub const EXPORT_NEED_PATH: &str = "请输入保存路径";

/// Title of the open dialog.
pub const OPEN_TITLE: &str = "打开文档";

/// What the import dialog does.
pub const IMPORT_EXPLANATION: &str =
    "选择精读导出的 W3C 标注 JSON 文件。相同的笔记保留较新的版本，不会重复。";

/// What the open dialog does.
pub const OPEN_EXPLANATION: &str = "选择要阅读的文本、Markdown、网页（.html）或 Word 文档（.docx）；编码会自动识别。当前文档的笔记会先保存。";

/// Accessible name of the import path field.
pub const IMPORT_PATH: &str = "导入文件路径";

/// Accessible name of the open path field.
pub const OPEN_PATH: &str = "文档路径";

/// Import the typed path.
pub const IMPORT_CONFIRM: &str = "导入此文件";

/// Open the typed path.
pub const OPEN_CONFIRM: &str = "打开此文件";

/// File type of the import dialog.
pub const IMPORT_FILTER: &str = "W3C 标注 JSON";

/// File type of the open dialog.
pub const OPEN_FILTER: &str = "文本、网页和 Word 文档";

/// The native file dialog could not be shown.
pub const NO_FILE_DIALOG: &str = "无法打开系统的文件对话框，请输入文件路径。";

/// Import notes written for another document?
pub const IMPORT_OTHER_QUESTION: &str = "导入另一篇文档的笔记？";

/// Import them anyway.
pub const IMPORT_ANYWAY: &str = "仍然导入";

/// Do not import.
pub const IMPORT_CANCEL: &str = "取消导入";

/// Open the native file dialog.
pub const CHOOSE_FILE: &str = "选择文件…";

/// The path field of the open and import dialogs.
pub const FILE_PATH_PROMPT: &str = "或者输入文件路径：";

/// Accessible name of the article.
pub const ARTICLE_TEXT: &str = "正文";

/// A note without text, in a marker's tooltip.
pub const EMPTY_NOTE: &str = "（空笔记）";

/// The button under a selection.
pub const NOTE_SELECTION_BUTTON: &str = "＋ 写笔记";

/// Hint in the notes search field.
pub const SEARCH_HINT: &str = "搜索笔记、摘句、标签";

/// Above the colour names.
pub const NAME_COLORS: &str = "给每种颜色起个名字：";

/// A note without text in the list.
pub const NO_CONTENT: &str = "（无内容）";

/// How re-attaching works.
pub const REATTACH_HINT: &str = "在正文中选择文字后即关联";

/// Save status while saving.
pub const SAVING: &str = "正在保存…";

/// Save status when saved.
pub const SAVED: &str = "笔记已保存";

/// Hint in the note text field.
pub const NOTE_HINT: &str = "写下你的理解、疑问或心得……";

/// Before the frequent tags.
pub const FREQUENT_TAGS: &str = "常用：";

/// The space bar, as keyboard help names it.
pub const SPACE_KEY: &str = "空格";

/// The Save dialog failed with `e`.
pub fn save_dialog_failed(e: &dyn std::fmt::Display) -> String {
    format!("无法打开保存对话框（{e}），请在下方输入保存路径。")
}

/// The export could not start.
pub fn export_not_started(e: &dyn std::fmt::Display) -> String {
    format!("无法开始导出：{e}")
}

/// Export dialog: only the section being read.
pub fn current_section(heading: &str) -> String {
    format!("当前章节：{heading}")
}

/// How many notes the export will hold.
pub fn will_export(count: usize) -> String {
    format!("将导出 {count} 条笔记")
}

/// The typed path's folder does not exist.
pub fn no_such_folder(folder: &std::path::Path) -> String {
    format!("文件夹不存在：{}", folder.display())
}

/// Accessible name of the n-th note marker.
pub fn note_marker(n: usize) -> String {
    format!("笔记标记 {n}")
}

/// The source in the title block.
pub fn source_line(source: &str) -> String {
    format!("来源：{source}")
}

/// Accessible name of the n-th colour name field.
pub fn color_name_field(n: usize) -> String {
    format!("颜色名称 {n}")
}

/// Accessible name of a note in the list.
pub fn note_label(text: &str) -> String {
    format!("笔记：{text}")
}

/// Tooltip of the font size: the keys and the size in points.
pub fn font_size_tip(keys: &str, pt: impl std::fmt::Display) -> String {
    format!("{keys}（{pt} 点）")
}

/// Tooltip of the save status: where the notes are.
pub fn notes_file(path: &std::path::Path) -> String {
    format!("笔记文件：{}", path.display())
}

/// Tooltip of a colour button.
pub fn color_tip(name: &str) -> String {
    format!("颜色：{name}")
}

/// The file name of a pasted document: `粘贴 2026-11-29 08.05.12.txt`, `… (2).txt`.
pub fn pasted_name(stamp: &str, n: Option<usize>, extension: &str) -> String {
    match n {
        Some(n) => format!("粘贴 {stamp} ({n}).{extension}"),
        None => format!("粘贴 {stamp}.{extension}"),
    }
}

/// Importing notes written for another document: how many, for which title, what happens.
pub fn import_other_explanation(count: usize, title: &str) -> String {
    format!(
        "文件中的 {count} 条笔记是为《{title}》写的，与当前文档不同。导入后，找得到原文的笔记会关联到本文，找不到的列在“未定位”下。"
    )
}

/// Importing notes that do not say which document they were written for.
pub fn import_unknown_explanation(count: usize) -> String {
    format!(
        "文件中的 {count} 条笔记没有注明写于哪篇文档。导入后，找得到原文的笔记会关联到本文，找不到的列在“未定位”下。"
    )
}

/// The file manager could not be started on `folder`.
pub fn folder_not_opened(e: &dyn std::fmt::Display, folder: &std::path::Path) -> String {
    format!("无法打开文件夹（{e}）：{}", folder.display())
}

/// Why a document did not open, with the window's own way out where there is one: a page too
/// large to read can still be pasted.
pub fn open_failed(e: &crate::document::LoadError) -> String {
    use crate::document::{HtmlError, LoadError};
    match e {
        LoadError::NotAnArticle {
            reason: HtmlError::TooLarge,
            ..
        } => format!("{e}；也可以在浏览器里复制正文，再用“{PASTE_DOCUMENT}”"),
        _ => e.to_string(),
    }
}

/// The help menu in the toolbar (？).
pub const HELP_MENU: &str = "帮助";
/// Its tooltip.
pub const HELP_MENU_TIP: &str = "快捷键、关于精读";
/// The about box's title and menu entry.
pub const ABOUT: &str = "关于精读";
/// The app's name in the about box.
pub const ABOUT_NAME: &str = "精读 jingdu";
/// One line on what jingdu is.
pub const ABOUT_SUMMARY: &str = "细读中文文章，写学习笔记并导出。";
/// The fonts and their licence.
pub const ABOUT_FONTS: &str = "字体：思源宋体、思源黑体（Noto Serif CJK SC、Noto Sans CJK SC，© Adobe），按 SIL Open Font License 1.1 授权，随程序分发其子集。";
/// The collapsible full text of the font licence.
pub const FONT_LICENSE_TEXT: &str = "字体许可全文（OFL 1.1）";
/// Before the data directory.
pub const NOTES_LIVE_IN: &str = "笔记和设置保存在：";
/// Opens the data directory.
pub const OPEN_DATA_FOLDER: &str = "打开";
/// Its tooltip.
pub const OPEN_FOLDER_TIP: &str = "在文件管理器中打开这个文件夹";
/// When the app runs without a store.
pub const NO_DATA_DIR: &str = "（没有可用的数据目录，笔记不会保存）";
/// How to back up or move the notes.
pub const BACKUP_ADVICE: &str =
    "备份：复制整个文件夹即可。迁移：把它复制到新位置，并把环境变量 JINGDU_DATA_DIR 设为新位置。";

/// The version line of the about box.
pub fn about_version(version: &str, revision: &str) -> String {
    format!("版本 {version}（修订 {revision}）")
}

/// The program's licence line.
pub fn about_license(license: &str) -> String {
    format!("许可：{}", license.replace(" OR ", " 或 "))
}

/// Before the list of each platform's default data directory.
pub const DEFAULT_DATA_DIRS: &str = "默认位置：";

/// Why the data folder did not open.
pub fn open_folder_failed(reason: &str) -> String {
    format!("无法打开文件夹（{reason}）")
}

/// What a screen reader says after a paragraph that carries notes.
pub fn notes_on_block(n: usize) -> String {
    format!("有 {n} 条笔记")
}

/// The outline panel's resize handle.
pub const RESIZE_OUTLINE: &str = "调整目录宽度";
/// The notes panel's resize handle.
pub const RESIZE_NOTES: &str = "调整笔记栏宽度";

/// A note card's description for a screen reader: kind, place, quote.
pub fn note_card_description(kind: &str, place: &str, quote: &str) -> String {
    let mut out = kind.to_owned();
    if !place.is_empty() {
        out.push_str(&format!("，位于 {place}"));
    }
    if !quote.is_empty() {
        out.push_str(&format!("，摘句“{quote}”"));
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
        for (name, source) in [
            ("commands.rs", include_str!("commands.rs")),
            ("clipboard.rs", include_str!("clipboard.rs")),
            ("export_dialog.rs", include_str!("export_dialog.rs")),
            ("mod.rs", include_str!("mod.rs")),
            ("note_editor.rs", include_str!("note_editor.rs")),
            ("notes_panel.rs", include_str!("notes_panel.rs")),
            ("outline.rs", include_str!("outline.rs")),
            ("reader.rs", include_str!("reader.rs")),
            ("status.rs", include_str!("status.rs")),
            ("toolbar.rs", include_str!("toolbar.rs")),
        ] {
            // Tests may write Chinese; the code before them may not.
            let code = source.split("#[cfg(test)]").next().unwrap_or(source);
            for (i, line) in code.lines().enumerate() {
                assert!(
                    !chinese_literal(line),
                    "{name}:{}: a label outside strings.rs: {line}",
                    i + 1
                );
            }
        }
    }
}
