//! Documents as readers have them — a saved web page, a Word file, a Big5 text, standard
//! input, and files we cannot read — opened through the real binary.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn jingdu(data: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jingdu"))
        .args(args)
        .env("JINGDU_DATA_DIR", data)
        .env_remove("RUST_LOG")
        // Messages in 简体中文 (what the tests read), whatever the machine's locale.
        .env("LC_ALL", "zh_CN.UTF-8")
        .env_remove("LANGUAGE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jingdu");
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn outline(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn headings(v: &serde_json::Value) -> Vec<String> {
    fn walk(nodes: &serde_json::Value, out: &mut Vec<String>) {
        for n in nodes.as_array().into_iter().flatten() {
            out.push(n["heading"].as_str().unwrap_or_default().to_owned());
            walk(&n["children"], out);
        }
    }
    let mut out = Vec::new();
    walk(&v["outline"], &mut out);
    out
}

const PAGE: &str = r##"<!DOCTYPE html><html><head><meta charset="gbk"><title>读书札记_某某网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">文化</a></div>
<div class="article"><h1>读书札记</h1><p>2021-04-23 09:00:00 来源：某某网</p>
<div class="content"><p>读书的方法有很多种，最要紧的是读进去，再读出来。这是前人的经验之谈。</p>
<p><b>一、读进去</b></p><p>读进去，就是要沉下心来，一字一句地读，不放过一个疑点，遇到不懂的地方就停下来想一想。</p>
<p><b>二、读出来</b></p><p>读出来，就是要跳出书本，用自己的话把道理说清楚，再拿到实践中去检验。</p></div></div>
<div class="footer">版权所有</div></body></html>"##;

#[test]
fn a_saved_gbk_page_opens_as_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("读书札记.html");
    let (gbk, _, _) = encoding_rs::GBK.encode(PAGE);
    std::fs::write(&page, &gbk).unwrap();
    let v = outline(&jingdu(
        dir.path(),
        &["outline", "--json", page.to_str().unwrap()],
        None,
    ));
    assert_eq!(v["title"], "读书札记");
    assert_eq!(v["published"], "2021-04-23");
    assert_eq!(headings(&v), vec!["一、读进去", "二、读出来"]);
    assert_eq!(v["paragraphs"], 3);

    // The same page through standard input.
    let v = outline(&jingdu(dir.path(), &["outline", "--json", "-"], Some(&gbk)));
    assert_eq!(v["title"], "读书札记");
}

#[test]
fn a_word_document_opens_with_its_headings() {
    use docx_rs::{Docx, Paragraph, Run, Style, StyleType};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报告.docx");
    let para = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let docx = Docx::new()
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1"))
        .add_paragraph(para("研究报告"))
        .add_paragraph(para("这是报告的引言部分，写明了研究的缘起。"))
        .add_paragraph(para("研究方法").style("Heading1"))
        .add_paragraph(para("本文采用文献分析的方法，对材料逐一考察。"));
    let file = std::fs::File::create(&path).unwrap();
    docx.build().pack(file).unwrap();
    let v = outline(&jingdu(
        dir.path(),
        &["outline", "--json", path.to_str().unwrap()],
        None,
    ));
    assert_eq!(v["title"], "研究报告");
    assert_eq!(headings(&v), vec!["研究方法"]);

    // Notes work on it like on any document.
    let o = jingdu(
        dir.path(),
        &[
            "note",
            "add",
            path.to_str().unwrap(),
            "--section",
            "1",
            "--text",
            "方法可取",
        ],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_big5_text_and_a_chosen_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("祝福.txt");
    let text = "祝福\n\n舊曆的年底畢竟最像年底，村鎮上不必說，就在天空中也顯出將到新年的氣象來。\n";
    let (big5, _, _) = encoding_rs::BIG5.encode(text);
    std::fs::write(&path, &big5).unwrap();
    let v = outline(&jingdu(
        dir.path(),
        &["outline", "--json", path.to_str().unwrap()],
        None,
    ));
    assert_eq!(v["title"], "祝福");
    let v = outline(&jingdu(
        dir.path(),
        &[
            "outline",
            "--json",
            "--encoding",
            "big5",
            path.to_str().unwrap(),
        ],
        None,
    ));
    assert_eq!(v["title"], "祝福");
    let o = jingdu(
        dir.path(),
        &["outline", "--encoding", "utf-8", path.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn unreadable_formats_exit_2_with_one_line_of_advice() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, says) in [
        ("论文.pdf", &b"%PDF-1.7\n%\xE2\xE3"[..], "无法读取这个 PDF"),
        ("坏的.docx", &b"garbage"[..], "不是有效的 Word 文档"),
        (
            "列表.html",
            &b"<html><body><ul><li><a href='/1'>a</a></li></ul></body></html>"[..],
            "找不到正文",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = jingdu(dir.path(), &["outline", path.to_str().unwrap()], None);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.contains(says), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    #[cfg(unix)]
    {
        let o = jingdu(dir.path(), &["outline", "/dev/zero"], None);
        assert_eq!(o.status.code(), Some(2));
    }
}

/// An EPUB 3 book written here: a title page, two chapters, the nav as its table of contents.
fn small_book() -> Vec<u8> {
    let files: [(&str, &str); 6] = [
        (
            "META-INF/container.xml",
            r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#,
        ),
        (
            "EPUB/content.opf",
            r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>江村小记</dc:title><dc:creator>沈远</dc:creator><dc:publisher>北岸书局</dc:publisher><dc:date>2019-03-01</dc:date></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="t" href="t.xhtml" media-type="application/xhtml+xml"/><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/><item id="b" href="b.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="t"/><itemref idref="a"/><itemref idref="b"/></spine></package>"#,
        ),
        (
            "EPUB/nav.xhtml",
            r#"<html xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol><li><a href="a.xhtml">上卷 春</a></li><li><a href="b.xhtml">下卷 秋</a></li></ol></nav></body></html>"#,
        ),
        (
            "EPUB/t.xhtml",
            r#"<html><body><section epub:type="titlepage"><h1>江村小记</h1><p>沈远</p></section></body></html>"#,
        ),
        (
            "EPUB/a.xhtml",
            r#"<html><body><h1>上卷 春</h1><p>江村的春天来得早，柳枝刚绿，田里就有人在放水了。</p></body></html>"#,
        ),
        (
            "EPUB/b.xhtml",
            r#"<html><body><h1>下卷 秋</h1><p>秋收以后，村口的晒场上堆满了稻草，孩子们在上面打滚。</p></body></html>"#,
        ),
    ];
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file("mimetype", stored).unwrap();
        w.write_all(b"application/epub+zip").unwrap();
        for (name, text) in files {
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn an_epub_book_opens_with_its_contents_and_is_cited_as_a_book() {
    let dir = tempfile::tempdir().unwrap();
    // Named without the extension: the zip's first entry says what it is.
    let path = dir.path().join("江村小记");
    std::fs::write(&path, small_book()).unwrap();
    let file = path.to_str().unwrap();
    let v = outline(&jingdu(dir.path(), &["outline", "--json", file], None));
    assert_eq!(v["title"], "江村小记");
    assert_eq!(headings(&v), ["上卷 春", "下卷 秋"]);
    assert_eq!(v["paragraphs"], 2);
    let o = jingdu(dir.path(), &["cite", file], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cite = String::from_utf8(o.stdout).unwrap();
    assert!(
        cite.contains("沈远. 江村小记[M]. 北岸书局, 2019."),
        "{cite}"
    );
    // A truncated download: one line, exit 2.
    let broken = dir.path().join("坏的.epub");
    std::fs::write(&broken, &small_book()[..200]).unwrap();
    let o = jingdu(dir.path(), &["outline", broken.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("不是有效的 EPUB 电子书"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

/// Serves one GBK page at `/article` on localhost, and 404 elsewhere, for as
/// long as the test runs; returns the page's address.
fn serve_page() -> String {
    use std::io::{BufRead, BufReader};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            let mut stream = stream;
            if request.contains(" /article ") {
                let (gbk, _, _) = encoding_rs::GBK.encode(PAGE);
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    gbk.len()
                );
                let _ = stream.write_all(&gbk);
            } else {
                let _ = stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            }
        }
    });
    format!("{base}/article")
}

#[test]
fn a_link_opens_is_kept_with_its_notes_and_is_cited_with_its_address() {
    let dir = tempfile::tempdir().unwrap();
    let url = serve_page();
    let v = outline(&jingdu(dir.path(), &["outline", "--json", &url], None));
    assert_eq!(v["title"], "读书札记");
    assert_eq!(headings(&v), ["一、读进去", "二、读出来"]);
    // A note on the link stays with it: the same link is the same kept page.
    let o = jingdu(
        dir.path(),
        &["note", "add", "--paragraph", "1", "--text", "方法论", &url],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = jingdu(dir.path(), &["notes", &url], None);
    assert!(String::from_utf8_lossy(&o.stdout).contains("方法论"));
    let o = jingdu(dir.path(), &["cite", &url], None);
    let cite = String::from_utf8(o.stdout).unwrap();
    assert!(
        cite.contains("[EB/OL]") && cite.trim_end().ends_with(&format!("{url}.")),
        "{cite}"
    );
    let kept = std::fs::read_dir(dir.path().join("web")).unwrap().count();
    assert_eq!(kept, 1);
    // A missing page: one line, exit 2.
    let o = jingdu(
        dir.path(),
        &["outline", &url.replace("article", "gone")],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("404"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}
