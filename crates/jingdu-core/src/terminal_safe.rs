//! Text that reaches a terminal — `jingdu outline`, `jingdu notes`, the plain-text export —
//! without the control characters a hostile document could carry: an `ESC ] 0 ;` sequence
//! changes the terminal's title, other escape sequences move the cursor, recolour or rewrite
//! what was printed. Line feeds and tabs are kept; every other C0 control, DEL and every C1
//! control (U+0080–U+009F, which some terminals obey as 8-bit escapes) is dropped.

use std::io::{self, Write};

/// Whether `c` is dropped from terminal text.
pub fn is_unsafe_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `text` without the control characters a terminal would act on.
pub fn strip_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_unsafe_control) {
        text.chars().filter(|&c| !is_unsafe_control(c)).collect()
    } else {
        text.into()
    }
}

/// JSON text with C1 controls and DEL written as `\u` escapes (serde_json escapes only C0):
/// the same JSON value, safe to print. Such characters can only occur inside JSON strings,
/// where the escape means the same character.
pub fn escape_json_controls(json: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    if !json.chars().any(needs) {
        return json.into();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// A writer that drops unsafe control characters from UTF-8 text on its way to `inner` —
/// or, for JSON, writes them as `\u` escapes, which mean the same character.
pub struct StripControls<W: Write> {
    inner: W,
    /// A 0xC2 lead byte whose continuation has not arrived yet (C1 controls are C2 80–C2 9F).
    held_c2: bool,
    /// JSON text: controls escaped, not dropped (they can only be inside strings, as serde
    /// already escapes C0 controls).
    json: bool,
}

impl<W: Write> StripControls<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        StripControls {
            inner,
            held_c2: false,
            json: false,
        }
    }

    /// Wraps `inner`, which receives JSON: C1 controls and DEL are written as `\u` escapes,
    /// so that the value read back is the same (see [`escape_json_controls`]).
    pub fn for_json(inner: W) -> Self {
        StripControls {
            inner,
            held_c2: false,
            json: true,
        }
    }
}

impl<W: Write> Write for StripControls<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut kept = Vec::with_capacity(buf.len());
        for &b in buf {
            if self.held_c2 {
                self.held_c2 = false;
                if (0x80..=0x9f).contains(&b) {
                    if self.json {
                        kept.extend_from_slice(format!("\\u{b:04x}").as_bytes());
                    }
                    continue;
                }
                kept.push(0xc2);
            }
            match b {
                b'\n' | b'\t' => kept.push(b),
                0x7f if self.json => kept.extend_from_slice(b"\\u007f"),
                0x00..=0x1f | 0x7f => {}
                0xc2 => self.held_c2 = true,
                _ => kept.push(b),
            }
        }
        self.inner.write_all(&kept)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.held_c2) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "标题\u{1b}]0;pwned\u{7}一\r\n二\u{9b}31m三\u{85}\t四\u{7f}";

    #[test]
    fn escape_sequences_are_dropped_and_text_kept() {
        assert_eq!(strip_controls(HOSTILE), "标题]0;pwned一\n二31m三\t四");
        assert!(matches!(
            strip_controls("第一章 总则\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_writer_agrees_with_the_string_function_whatever_the_chunking() {
        for chunk in 1..8 {
            let mut out = StripControls::new(Vec::new());
            for piece in HOSTILE.as_bytes().chunks(chunk) {
                out.write_all(piece).unwrap();
            }
            out.flush().unwrap();
            assert_eq!(
                String::from_utf8(out.inner).unwrap(),
                strip_controls(HOSTILE),
                "chunks of {chunk}"
            );
        }
        // Latin-1 letters share the C2 lead byte and survive.
        let mut out = StripControls::new(Vec::new());
        out.write_all("©®".as_bytes()).unwrap();
        assert_eq!(out.inner, "©®".as_bytes());
    }

    #[test]
    fn the_json_writer_escapes_instead_of_dropping() {
        let json = serde_json::to_string_pretty(&["a\u{9b}b\u{1b}c\u{7f}d\u{85}©"]).unwrap();
        for chunk in 1..6 {
            let mut out = StripControls::for_json(Vec::new());
            for piece in json.as_bytes().chunks(chunk) {
                out.write_all(piece).unwrap();
            }
            out.flush().unwrap();
            let text = String::from_utf8(out.inner).unwrap();
            assert!(!text.chars().any(is_unsafe_control), "{text:?}");
            let back: Vec<String> = serde_json::from_str(&text).unwrap();
            assert_eq!(back[0], "a\u{9b}b\u{1b}c\u{7f}d\u{85}©");
        }
    }

    #[test]
    fn json_keeps_its_meaning() {
        let json = serde_json::to_string(&"a\u{9b}b\u{1b}c").unwrap();
        let safe = escape_json_controls(&json);
        assert!(!safe.chars().any(is_unsafe_control));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{9b}b\u{1b}c");
    }
}
