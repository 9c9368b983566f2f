//! Opening what readers have in the window: pasting the clipboard as a new document, and
//! reading a file again in another encoding when detection guessed wrong.

use crate::common;

use egui_kittest::kittest::Queryable;
use jingdu::document::{Origin, Source};

#[test]
fn paste_makes_a_new_document_kept_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.event(egui::Event::Paste(
        "读书札记\n\n读书要有计划，每天读一点，日积月累，自然会有很大的收获。\n".into(),
    ));
    h.run();
    let state = &h.state().state;
    assert_eq!(
        state.source.document.meta.title.as_deref(),
        Some("读书札记")
    );
    let path = state.source.origin.path().expect("a file").to_path_buf();
    assert!(path.starts_with(dir.path().join("pasted")), "{path:?}");
    assert!(state.saves_notes());
    assert!(std::fs::read_to_string(&path).unwrap().contains("日积月累"));
}

#[test]
fn paste_while_writing_a_note_goes_into_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, jingdu::app::Action::NoteSelectionOrParagraph);
    h.run();
    assert!(h.state().state.view.draft.is_some());
    h.event(egui::Event::Paste("一句摘抄".into()));
    h.run();
    assert_eq!(h.state().state.source.origin, Origin::Builtin);
}

#[test]
fn a_file_can_be_read_again_in_another_encoding_and_the_choice_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("祝福.txt");
    let text = "祝福\n\n舊曆的年底畢竟最像年底，村鎮上不必說，就在天空中也顯出將到新年的氣象來。\n";
    let (big5, _, _) = encoding_rs::BIG5.encode(text);
    std::fs::write(&path, &big5).unwrap();
    let mut h = common::harness_allowing_tofu(Source::open(&path).unwrap(), dir.path());
    assert_eq!(h.state().state.source.encoding, "Big5");

    h.get_by_label("编码 Big5").click();
    h.run();
    h.get_by_label("GB18030").click();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.source.encoding, "gb18030");
    assert_ne!(state.source.document.meta.title.as_deref(), Some("祝福"));
    assert_eq!(
        state.settings.encodings.values().next().map(String::as_str),
        Some("GB18030")
    );

    // Opening the file again uses the remembered choice; choosing Big5 puts it right.
    let ctx = h.ctx.clone();
    h.state_mut().open_document(&ctx, &path);
    h.run();
    assert_eq!(h.state().state.source.encoding, "gb18030");
    h.get_by_label("编码 GB18030").click();
    h.run();
    h.get_by_label("Big5").click();
    h.run();
    assert_eq!(
        h.state().state.source.document.meta.title.as_deref(),
        Some("祝福")
    );
}

#[test]
fn a_large_file_opens_on_a_worker_while_the_current_one_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("长篇.txt");
    let mut text = String::from("长篇\n\n");
    for i in 0..4000 {
        text.push_str(&format!(
            "第{i}段，这是一段足够长的正文，用来让文件超过在一帧之内打开的大小。\n\n"
        ));
    }
    std::fs::write(&path, &text).unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let ctx = h.ctx.clone();
    h.state_mut().open_document(&ctx, &path);
    h.step();
    // Still reading the built-in article, with the file named as being opened.
    assert_eq!(h.state().state.source.origin, Origin::Builtin);
    assert!(h.query_by_label_contains("正在打开 长篇.txt…").is_some());
    for _ in 0..200 {
        if h.state().state.source.origin != Origin::Builtin {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert_eq!(
        h.state().state.source.document.meta.title.as_deref(),
        Some("长篇")
    );
    h.step();
    assert!(h.query_by_label_contains("正在打开 长篇.txt…").is_none());
}

#[test]
fn a_file_that_cannot_be_read_leaves_the_current_document_open() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("论文.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n...").unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let ctx = h.ctx.clone();
    h.state_mut().open_document(&ctx, &pdf);
    h.run();
    let state = &h.state().state;
    assert_eq!(state.source.origin, Origin::Builtin);
    let messages: Vec<String> = state
        .messages
        .list()
        .iter()
        .map(|m| m.text.clone())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("无法读取这个 PDF") && m.ends_with("论文.pdf")),
        "{messages:?}"
    );
}

#[test]
fn opening_a_large_file_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("长篇.txt");
    let text = "长篇\n\n".to_owned()
        + &"一段足够长的正文，让文件超过一帧之内打开的大小。\n\n".repeat(8000);
    std::fs::write(&path, &text).unwrap();
    let mut h = common::harness(Source::builtin(), dir.path());
    let ctx = h.ctx.clone();
    h.state_mut().open_document(&ctx, &path);
    h.step();
    h.get_by_label("取消").click();
    for _ in 0..30 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert_eq!(h.state().state.source.origin, Origin::Builtin);
    assert!(h.query_by_label_contains("正在打开").is_none());
}

/// Choosing an encoding the bytes are not in says so — which encoding was chosen and which
/// one detection found — and the document stays as it was.
#[test]
fn choosing_an_encoding_the_file_is_not_in_names_the_detected_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("人民.txt");
    let text = "人民\n\n人民是历史的创造者，人人都应当读书。一个人若然肯读书，就能明白做人的道理。仁者爱人，忍者成事。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&path, &gbk).unwrap();
    let mut h = common::harness(Source::open(&path).unwrap(), dir.path());
    assert_eq!(h.state().state.source.encoding, "gb18030");
    h.get_by_label("编码 GB18030").click();
    h.run();
    h.get_by_label("Big5").click();
    h.run();
    let said = h.state().state.messages.list().last().unwrap().text.clone();
    assert!(
        said.contains("不是有效的 Big5") && said.contains("gb18030"),
        "{said}"
    );
    assert_eq!(h.state().state.source.encoding, "gb18030", "still open");
}

/// Serves one saved-looking article at `/article` on localhost; returns its address.
fn serve_article() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/article", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            let body = "<html><head><title>江村小记</title></head><body><article><h1>江村小记</h1><p>江村的春天来得早，柳枝刚绿，田里就有人在放水了。孩子们沿着田埂跑，鞋上都是泥。</p></article></body></html>";
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

#[test]
fn ctrl_l_opens_a_link_typed_in_the_open_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let url = serve_article();
    let mut h = common::harness(Source::builtin(), dir.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run();
    h.get_by_label("文档路径或网址").type_text(&url);
    h.run();
    h.get_by_label("打开此文件").click();
    for _ in 0..300 {
        if h.state().state.source.origin != Origin::Builtin {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    let meta = &h.state().state.source.document.meta;
    assert_eq!(meta.title.as_deref(), Some("江村小记"));
    assert_eq!(meta.url.as_deref(), Some(url.as_str()));
    // Kept in the data folder, so that it reopens offline.
    let kept = h.state().state.source.origin.path().unwrap().to_path_buf();
    assert!(kept.starts_with(dir.path().join("web")), "{kept:?}");
}

#[test]
fn a_link_being_fetched_says_so_and_the_current_document_stays() {
    use std::io::{BufRead, BufReader, Write};
    let dir = tempfile::tempdir().unwrap();
    // A server that answers only when the test lets it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/slow", listener.local_addr().unwrap());
    let (answer, wait) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Some(stream) = listener.incoming().flatten().next() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            let _ = wait.recv();
            let body = "<html><head><title>慢慢来</title></head><body><article><h1>慢慢来</h1><p>这一页来得很慢，但终于到了。读书也是这样，急不得，一字一句地读下去就好。</p></article></body></html>";
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let mut h = common::harness(Source::builtin(), dir.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run();
    h.get_by_label("文档路径或网址").type_text(&url);
    h.run();
    h.get_by_label("打开此文件").click();
    h.step();
    h.step();
    assert!(
        h.query_by_label_contains("（下载网页）").is_some(),
        "the status names the stage while the page is fetched"
    );
    assert_eq!(h.state().state.source.origin, Origin::Builtin, "still open");
    answer.send(()).unwrap();
    for _ in 0..300 {
        if h.state().state.source.origin != Origin::Builtin {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert_eq!(
        h.state().state.source.document.meta.title.as_deref(),
        Some("慢慢来")
    );
}
