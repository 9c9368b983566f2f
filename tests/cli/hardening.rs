//! The command line under attack: hostile documents and imports, hostile paths, files that are
//! not files. Each test is one attack from RELIABILITY.md, run with the real binary.

use std::process::Command;

use crate::cli_common;

use cli_common::{jingdu, stderr, stdout};

/// Whether terminal output holds a control character a terminal would act on.
fn has_escape(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

const HOSTILE_DOC: &str = "标题\u{1b}]0;pwned\u{7}\u{85}\n\n一、第一部分\u{1b}[2J\n\n正文一段，写了一些内容\u{9b}31m，足够长的一段正文。\n";

#[test]
fn escape_sequences_in_a_document_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("hostile.txt");
    std::fs::write(&doc, HOSTILE_DOC).unwrap();
    let doc = doc.to_str().unwrap();
    let data = dir.path().join("data");
    let o = jingdu(&data, &["outline", doc]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!has_escape(&stdout(&o)), "{:?}", stdout(&o));
    assert!(stdout(&o).contains("第一部分"));
    let o = jingdu(&data, &["outline", "--json", doc]);
    assert!(!has_escape(&stdout(&o)), "{:?}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        v["title"].as_str().unwrap().contains('\u{1b}'),
        "JSON keeps the value"
    );

    let add = jingdu(
        &data,
        &[
            "note",
            "add",
            doc,
            "--paragraph",
            "1",
            "--text",
            "笔记\u{1b}]2;x\u{7}",
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    for args in [
        vec!["notes", doc],
        vec!["notes", "--json", doc],
        vec!["export", doc, "--format", "txt"],
        vec!["export", doc, "--format", "md"],
        vec!["export", doc, "--format", "html"],
        vec!["export", doc, "--format", "json"],
        vec!["export", doc, "--format", "csv"],
        vec!["export", doc, "--format", "md", "--annotated"],
    ] {
        let o = jingdu(&data, &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(!has_escape(&stdout(&o)), "{args:?}: {:?}", stdout(&o));
        assert!(stdout(&o).contains("笔记"), "{args:?}");
    }
    // JSON on a terminal keeps the values, as escapes.
    let o = jingdu(&data, &["export", doc, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.to_string().contains("笔记\\u001b]2;x"), "{v}");
}

#[test]
fn errors_are_one_line_whatever_the_path_holds() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("line\none\u{1b}[31m.txt");
    let o = jingdu(dir.path(), &["outline", odd.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(!has_escape(&err), "{err:?}");
    assert!(err.contains("找不到文件"), "{err}");
}

#[test]
fn a_missing_import_file_is_not_found_not_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let o = jingdu(dir.path(), &["import", "/tmp/no-such-export.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("找不到文件"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("文件夹"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_neither_read_nor_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Reading: /dev/urandom never ends, a FIFO never opens; both are refused at once.
    for source in ["/dev/urandom", "/dev/zero"] {
        let o = jingdu(&data, &["outline", source]);
        assert_eq!(o.status.code(), Some(2), "{source}");
        assert!(stderr(&o).contains("不是普通文件"), "{}", stderr(&o));
        let o = jingdu(&data, &["import", source]);
        assert_eq!(o.status.code(), Some(1), "{source}");
        assert!(stderr(&o).contains("不是普通文件"), "{}", stderr(&o));
    }
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let o = jingdu(&data, &["outline", fifo.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    // Writing: an export onto the FIFO, or through a link to /dev/null, is refused and the
    // special file stays what it was.
    let link = dir.path().join("null.md");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    for out in [&fifo, &link] {
        let o = jingdu(
            &data,
            &["export", "--format", "md", "--out", out.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(1), "{out:?}");
        assert!(stderr(&o).contains("不是普通文件"), "{}", stderr(&o));
    }
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[cfg(unix)]
#[test]
fn planted_links_cannot_redirect_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let out = dir.path().join("notes.md");
    // Every name the old temp scheme (`.notes.md.tmp-<pid>`) could use for the next pids.
    for pid in 1..4000 {
        let _ =
            std::os::unix::fs::symlink(&victim, dir.path().join(format!(".notes.md.tmp-{pid}")));
    }
    let o = jingdu(
        &data,
        &["export", "--format", "md", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!std::fs::symlink_metadata(&out).unwrap().is_symlink());
    assert!(std::fs::read_to_string(&out).unwrap().contains("学习笔记"));
}

fn annotation(id: &str, extra: &str) -> String {
    format!(
        r#"{{"type":"Annotation","id":"urn:uuid:{id}","bodyValue":"导入的笔记",
        "target":{{"selector":{{"type":"TextQuoteSelector","exact":"党的力量来自组织"}}}}{extra}}}"#
    )
}

#[test]
fn bad_imports_are_refused_with_the_store_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(
        jingdu(
            &data,
            &["note", "add", "--paragraph", "1", "--text", "已有"]
        )
        .status
        .success()
    );
    let store = data.join("notes").join("builtin-c86fc473580abeae.json");
    let before = std::fs::read(&store).unwrap();
    let good = annotation("00000000-0000-4000-8000-000000000001", "");
    for (bad, why) in [
        (annotation("x", r#","created":"yesterday""#), "created"),
        (
            annotation("x", r#","modified":"2024-05-01 09:30""#),
            "modified",
        ),
        (
            good.replace("urn:uuid:00000000-0000-4000-8000-000000000001", "no iri"),
            "id",
        ),
        (annotation("a\\u001b[2J", ""), "id"),
        (
            annotation(
                "x",
                r#","body":{"type":"Image","id":"http://x.example/a.png"}"#,
            ),
            "body",
        ),
        (
            annotation("x", r#","body":{"type":"TextualBody","value":42}"#),
            "body[0].value",
        ),
    ] {
        let file = dir.path().join("bad.json");
        std::fs::write(&file, format!("[{good},{bad}]")).unwrap();
        let o = jingdu(&data, &["import", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("第 2 条标注"), "{err}");
        assert!(err.contains(why), "{why}: {err}");
        assert!(!has_escape(&err), "{err:?}");
        assert_eq!(std::fs::read(&store).unwrap(), before, "{bad}");
    }
}

#[test]
fn duplicates_within_one_file_are_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = "00000000-0000-4000-8000-000000000002";
    let older = annotation(id, r#","modified":"2024-05-01T09:30:00Z""#);
    let newer =
        annotation(id, r#","modified":"2024-05-02T09:30:00Z""#).replace("导入的笔记", "新版");
    let file = dir.path().join("dup.json");
    std::fs::write(&file, format!("[{older},{newer},{older}]")).unwrap();
    let o = jingdu(&data, &["import", file.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("没有注明写于哪篇文档"),
        "{}",
        stderr(&o)
    );
    let o = jingdu(&data, &["import", file.to_str().unwrap(), "--yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("新增 1 条"), "{}", stdout(&o));
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&jingdu(&data, &["notes", "--json"]))).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["text"], "新版", "the newest copy wins");
}

#[test]
fn what_is_imported_exports_as_valid_w3c_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let foreign = r#"{"@context":"http://www.w3.org/ns/anno.jsonld","id":"http://example.org/anno/1",
        "type":"Annotation","created":"2015-01-28t12:00:00z","bodyValue":"另一工具的笔记",
        "target":{"source":"http://example.org/page","selector":{"type":"TextQuoteSelector","exact":"党的力量来自组织"}}}"#;
    let file = dir.path().join("foreign.json");
    std::fs::write(&file, foreign).unwrap();
    let o = jingdu(&data, &["import", file.to_str().unwrap(), "--yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = jingdu(&data, &["export", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let a = &v["first"]["items"][0];
    assert_eq!(a["id"], "http://example.org/anno/1");
    assert_eq!(a["created"], "2015-01-28T12:00:00Z");
    // And it imports again, unchanged.
    let again = dir.path().join("again.json");
    std::fs::write(&again, stdout(&o)).unwrap();
    let o = jingdu(&data, &["import", again.to_str().unwrap()]);
    assert!(stdout(&o).contains("新增 0 条"), "{}", stdout(&o));
}

/// A sentence of running text, so that a page has an article to find.
const SENTENCE: &str = "这是一个很长的句子，用来测试网页的解析是否正确，正文要足够长才算文章。";

/// Pages nested far deeper than any real one: each used to overflow the stack (exit 134) or
/// take minutes. They open, quickly, with their text.
#[test]
fn deeply_nested_pages_open_with_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let pages = [
        (
            "q.html",
            format!(
                "<html><body><div><p>{SENTENCE}</p>{}x",
                "<q>".repeat(30_000)
            ),
        ),
        (
            "q.txt",
            format!(
                "<html><body><div><p>{SENTENCE}</p>{}x",
                "<q>".repeat(30_000)
            ),
        ),
        (
            "tables.html",
            format!(
                "<html><body><div><p>{SENTENCE}</p>{}x",
                "<table><tr><td>".repeat(10_000)
            ),
        ),
        (
            "spans.html",
            format!(
                "<html><body><div><p>{}{}</p></div></body></html>",
                "<span>从严从".repeat(4_000),
                "</span>".repeat(4_000)
            ),
        ),
        (
            "divs.html",
            format!(
                "<html><body>{}<p>{SENTENCE}</p></body></html>",
                "<div>".repeat(100_000)
            ),
        ),
    ];
    for (name, page) in pages {
        let path = dir.path().join(name);
        std::fs::write(&path, &page).unwrap();
        let o = jingdu(dir.path(), &["outline", path.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let text = jingdu::document::Source::open(&path)
            .unwrap()
            .document
            .body_text()
            .to_owned();
        let expected = if name == "spans.html" {
            "从严从从严从"
        } else {
            "用来测试网页的解析"
        };
        assert!(text.contains(expected), "{name}: {text:.80}");
    }
}

/// Libraries keep quiet: html5ever's warning about a broken table is not the reader's
/// business, and the text the parser moves out of the table is kept.
#[test]
fn a_broken_table_keeps_its_text_and_prints_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("table.html");
    std::fs::write(
        &page,
        format!("<html><body><div><p>{SENTENCE}</p><table>表格外的正文，浏览器会把它放到表格前面。<tr><td>单元格</td></tr></table></div></body></html>"),
    )
    .unwrap();
    let o = jingdu(dir.path(), &["outline", page.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "nothing on stderr");
    let doc = jingdu::document::Source::open(&page).unwrap().document;
    assert!(doc.body_text().contains("表格外的正文"));
}

/// Exports and starts used to remove every `.<name>.tmp-<digits>` whose process id was not
/// running, a user's own files included. Now only our marked, unlocked temporary files in the
/// data folder go.
#[test]
fn files_that_are_not_ours_survive_exports_and_starts() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out_dir = dir.path().join("论文");
    std::fs::create_dir_all(data.join("notes")).unwrap();
    std::fs::create_dir_all(&out_dir).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let users = [
        out_dir.join(".thesis.docx.tmp-4000000"),
        data.join(".thesis.docx.tmp-4000001"),
        data.join("notes").join(".x.json.tmp-4000002"),
    ];
    for p in &users {
        std::fs::write(p, "the user's own").unwrap();
        let f = std::fs::File::options().write(true).open(p).unwrap();
        f.set_modified(old).unwrap();
    }
    let ours = data.join("notes").join(".x.json.AbC123.jingdu-tmp");
    std::fs::write(&ours, "half").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&ours)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let add = jingdu(
        &data,
        &["note", "add", "--paragraph", "1", "--text", "一条笔记"],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let out = out_dir.join("notes.md");
    let o = jingdu(
        &data,
        &["export", "--format", "md", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for p in &users {
        assert!(p.exists(), "removed: {}", p.display());
    }
    assert!(!ours.exists(), "our abandoned temporary file is cleaned up");
}

/// Add, export, delete, import: the deletion stands, as it would in a merge with another
/// writer; `--revive` brings the note back on purpose.
#[test]
fn an_import_keeps_deleted_notes_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let add = jingdu(
        &data,
        &[
            "note",
            "add",
            "--paragraph",
            "1",
            "--text",
            "后来删掉的笔记",
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let json = dir.path().join("notes.json");
    let o = jingdu(
        &data,
        &[
            "export",
            "--format",
            "json",
            "--out",
            json.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let list: serde_json::Value =
        serde_json::from_str(&stdout(&jingdu(&data, &["notes", "--json"]))).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_owned();
    assert!(jingdu(&data, &["note", "rm", &id]).status.success());
    let o = jingdu(&data, &["import", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("新增 0 条"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("跳过 1 条已删除的笔记"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&jingdu(&data, &["notes"])).contains("还没有笔记"));
    let o = jingdu(&data, &["import", json.to_str().unwrap(), "--revive"]);
    assert!(stdout(&o).contains("新增 1 条"), "{}", stdout(&o));
    assert!(stdout(&jingdu(&data, &["notes"])).contains("后来删掉的笔记"));
}

/// An import that cannot be saved says so in the command line's words, on one line — not the
/// window's "the notes are still in the window, do not close it".
#[test]
fn an_import_that_cannot_be_saved_says_so_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let add = jingdu(&data, &["note", "add", "--paragraph", "1", "--text", "甲"]);
    assert!(add.status.success(), "{}", stderr(&add));
    let json = dir.path().join("notes.json");
    let o = jingdu(
        &data,
        &[
            "export",
            "--format",
            "json",
            "--out",
            json.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let other = dir.path().join("other");
    // The store's lock cannot be taken: a folder stands where its file would be.
    std::fs::create_dir_all(other.join("notes/builtin-c86fc473580abeae.lock")).unwrap();
    let o = jingdu(&other, &["import", json.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("原有笔记没有改动"), "{err}");
    assert!(!err.contains("请勿关闭"), "{err}");
}

/// One bad byte in a UTF-8 file no longer makes it "a binary file": it opens, the byte shown
/// as �, and the reader is told how many bytes were replaced — with or without `--encoding`.
#[test]
fn a_damaged_utf8_file_opens_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.txt");
    let mut bytes = "标题\n\n一、第一部分\n\n".as_bytes().to_vec();
    for _ in 0..100 {
        bytes.extend("这是正文的一段，写了一些内容，足够长的一段正文。\n".as_bytes());
    }
    bytes.insert(40, 0xFF);
    std::fs::write(&path, &bytes).unwrap();
    for args in [
        vec!["outline", path.to_str().unwrap()],
        vec!["outline", "--encoding", "utf-8", path.to_str().unwrap()],
    ] {
        let o = jingdu(dir.path(), &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("第一部分"), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("1 个字节不是有效的 UTF-8"), "{args:?}: {err}");
    }
}

/// The window reads its document while the window is being made: a document that cannot be
/// read is what the user is told, even where no window could have been made either.
#[test]
fn the_window_names_the_unreadable_document_before_a_missing_display() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.pdf");
    std::fs::write(&broken, "%PDF-1.4 not really").unwrap();
    let missing = dir.path().join("missing.txt");
    for (file, says) in [(&broken, "PDF"), (&missing, "找不到文件")] {
        let o = cli_common::command_in(
            &dir.path().join("data"),
            "zh_CN.UTF-8",
            &[file.to_str().unwrap()],
        )
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(says), "{err}");
        assert!(!err.contains("无法打开窗口"), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
}
