//! Hostile and random input: the parser, the typesetter and re-anchoring never panic, and what
//! they produce stays consistent.

use jingdu::document::typography::{break_lines, display_text};
use jingdu::document::{decode_bytes, parse};
use jingdu::notes::{self, NoteKind, TextIndex};

/// A tiny deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "　　",
    " ",
    "\t",
    "一、",
    "（一）",
    "(1)",
    "1.",
    "1.1 ",
    "第一章 ",
    "第三节",
    "第十条 ",
    "#",
    "## ",
    "---\n",
    "<!--",
    "-->",
    "【前线】",
    "当前位置:",
    "> ",
    "发布日期:2018-11-08",
    "(作者:张三,某单位)",
    "，",
    "。",
    "、",
    "“",
    "”",
    "（",
    "）",
    ",",
    ":",
    "(",
    ")",
    "？",
    "!",
    "……",
    "——",
    "目录",
    "组织",
    "建设",
    "abc",
    "2018年1月2日",
    "😀",
    "\u{200F}",
    "\u{FEFF}",
    "\0",
    "①",
    "〇",
    "的",
    "党",
    "xxx",
];

fn random_text(rng: &mut Rng) -> String {
    let n = rng.below(200);
    (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect()
}

#[test]
fn random_documents_parse_consistently() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let text = random_text(&mut rng);
        let doc = parse(&text);
        let body: Vec<char> = doc.body_text().chars().collect();
        assert_eq!(body.len(), doc.body_len_chars());
        for b in &doc.blocks {
            assert!(b.range.end <= body.len(), "{text:?}");
            assert_eq!(
                body[b.range.clone()].iter().collect::<String>(),
                b.text,
                "{text:?}"
            );
            assert!(!b.text.is_empty());
        }
        for s in &doc.sections {
            assert!(doc.blocks[s.heading].is_heading());
            assert!(s.blocks.start == s.heading && s.blocks.end <= doc.blocks.len());
        }
        assert_eq!(display_text(doc.body_text()).chars().count(), body.len());
    }
}

#[test]
fn random_text_breaks_into_lines_without_losing_chars() {
    let mut rng = Rng(42);
    for _ in 0..2000 {
        let text = random_text(&mut rng);
        let chars: Vec<char> = text.chars().collect();
        let widths: Vec<f32> = chars
            .iter()
            .map(|_| 1.0 + rng.below(3) as f32 * 0.5)
            .collect();
        let width = 1.0 + rng.below(40) as f32;
        let lines = break_lines(&chars, &widths, width, rng.below(3) as f32);
        let joined: String = lines
            .iter()
            .map(|r| chars[r.clone()].iter().collect::<String>())
            .collect();
        assert_eq!(joined, text);
        assert!(lines.windows(2).all(|w| w[0].end == w[1].start));
    }
}

#[test]
fn random_edits_never_lose_or_break_notes() {
    let mut rng = Rng(7);
    for _ in 0..300 {
        let original = format!("标题\n\n{}", random_text(&mut rng));
        let doc = parse(&original);
        let len = doc.body_len_chars();
        if len < 4 {
            continue;
        }
        let index = TextIndex::new(doc.body_text());
        let start = rng.below(len - 2);
        let end = start + 1 + rng.below((len - start).min(30));
        let anchor = notes::make_anchor(&doc, &index, start..end);
        let mut note = notes::Note::new(
            NoteKind::Passage,
            anchor,
            "笔记".into(),
            "yellow".into(),
            vec![],
            "t",
        );
        let edited = format!("{}{}", random_text(&mut rng), original);
        let doc2 = parse(&edited);
        let index2 = TextIndex::new(doc2.body_text());
        notes::reanchor(&doc2, &index2, &mut note);
        assert!(note.anchor.end <= doc2.body_len_chars() || !note.anchored);
        assert!(note.anchor.start <= note.anchor.end);
    }
}

#[test]
fn arbitrary_bytes_decode_or_are_refused() {
    let mut rng = Rng(99);
    for _ in 0..2000 {
        let n = rng.below(64);
        let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        if let Ok((text, _)) = decode_bytes(&bytes) {
            let _ = parse(&text);
        }
    }
}
