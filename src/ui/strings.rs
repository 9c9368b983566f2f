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
/// The clipboard had nothing to paste.
pub const PASTE_EMPTY: &str = "剪贴板里没有文字可以粘贴：请先复制一段文字或网页内容";
/// No data directory to keep a pasted document in.
pub const PASTE_NO_DATA_DIR: &str =
    "无法保存粘贴的文档：找不到数据目录（可用 JINGDU_DATA_DIR 指定）";
/// Writing the pasted document failed.
pub const PASTE_SAVE_FAILED: &str = "无法保存粘贴的文档";
/// Shown while a large document opens: `正在打开 name…`.
pub const OPENING: &str = "正在打开 ";
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
pub const EXPORT_TIP: &str = "把笔记导出为 Markdown、网页、Word、JSON 或纯文本";
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
