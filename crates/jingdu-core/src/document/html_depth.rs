//! Bounds how deeply a web page's elements nest before the HTML parser sees it.
//!
//! html5ever builds the tree a browser builds, and some of its steps look down the stack of
//! open elements ("has a `p` in button scope"), so a page of 100 000 nested `<div>`s costs
//! billions of steps, and a tree that deep would have to be walked with care by everything
//! after. No real page nests beyond a few dozen levels; browsers cap it too (Blink attaches
//! elements past depth 512 as siblings). We do the same before parsing: a linear scan over
//! the tags that drops the start and end tags of elements nested deeper than
//! [`MAX_NESTING`], keeping their text, so that the text of such a page is still read.
//!
//! The scan knows just enough HTML to count nesting: comments, doctype and processing
//! instructions are skipped, the contents of raw-text elements (`<script>`, `<style>`,
//! `<textarea>`, `<title>`…) are not looked into, quoted attribute values may hold `>`,
//! void elements (`<br>`, `<img>`…) and elements whose end tag browsers imply (`<p>`, `<li>`,
//! `<td>`…) do not nest. An end tag closes the nearest open element of its name within a
//! few levels, as misnested markup usually needs; anything else is left to the parser.

use std::borrow::Cow;

/// Deepest nesting of elements passed to the parser (Blink's limit).
pub const MAX_NESTING: usize = 512;

/// How many open elements an end tag looks through for its start tag.
const END_TAG_REACH: usize = 8;

/// Elements that never have content.
const VOID: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame",
];

/// Elements whose end tag browsers imply when the next one starts: they do not pile up.
const IMPLIED_END: [&str; 16] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc",
    "thead", "tbody", "tfoot",
];

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: [&str; 9] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// `html` with the tags of elements nested deeper than `limit` removed (their text kept);
/// borrowed when nothing nests that deep.
pub fn flatten_deep_nesting(html: &str, limit: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // Each open element and whether its tags are kept.
    let mut open: Vec<(Box<str>, bool)> = Vec::new();
    // Byte ranges of tags to drop, in order.
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let start = i + off;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            i = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.first().is_some_and(|&b| b == b'!' || b == b'?') {
            i = memchr(b'>', &bytes[start..]).map_or(bytes.len(), |e| start + e + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_at = start + 1 + usize::from(closing);
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let (end, self_closing) = tag_end(bytes, name_at + name_len);
        i = end;
        if closing {
            if let Some(depth) = open
                .iter()
                .rev()
                .take(END_TAG_REACH)
                .position(|(n, _)| **n == *name)
            {
                let at = open.len() - 1 - depth;
                if !open[at].1 {
                    dropped.push((start, end));
                }
                open.truncate(at);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) && !self_closing {
            let close = find_end_tag(bytes, end, &name);
            i = close.unwrap_or(bytes.len());
            continue;
        }
        if self_closing || VOID.contains(&name.as_str()) || IMPLIED_END.contains(&name.as_str()) {
            continue;
        }
        let kept = open.len() < limit;
        if !kept {
            dropped.push((start, end));
        }
        open.push((name.into_boxed_str(), kept));
    }
    if dropped.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (s, e) in dropped {
        out.push_str(&html[from..s]);
        from = e;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// The end of the tag whose attributes start at `at` (past its `>`), and whether it ends
/// with `/>`. Quoted attribute values may hold `>`.
fn tag_end(bytes: &[u8], at: usize) -> (usize, bool) {
    let mut quote: Option<u8> = None;
    let mut prev = 0u8;
    for (k, &b) in bytes[at..].iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return (at + k + 1, prev == b'/'),
            None => {}
        }
        prev = b;
    }
    (bytes.len(), false)
}

/// Where `</name` starts at or after `from`, ignoring case.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    while let Some(off) = find(bytes, i, b"</") {
        let after = &bytes[off + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(off);
        }
        i = off + 2;
    }
    None
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Where `needle` occurs in `bytes` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_untouched() {
        let page = "<!DOCTYPE html><html><head><title>a<b</title><script>if (a<b) x='</div>';</script></head><body><div class=\"x>y\"><p>一<p>二<br><img src=a.png></div><!-- <div> --></body></html>";
        assert!(matches!(flatten_deep_nesting(page, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_limit_go_and_their_text_stays() {
        let page = "<div><div><div><div>深</div></div></div></div>后";
        assert_eq!(flatten_deep_nesting(page, 2), "<div><div>深</div></div>后");
        let unclosed = format!("<body><p>正文</p>{}x", "<q>".repeat(10));
        assert_eq!(
            flatten_deep_nesting(&unclosed, 3),
            "<body><p>正文</p><q><q>x"
        );
    }

    #[test]
    fn implied_and_void_elements_do_not_count_as_nesting() {
        let page = format!("<ul>{}</ul>", "<li>项<br>".repeat(50));
        assert!(matches!(flatten_deep_nesting(&page, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn an_end_tag_closes_a_nearby_open_element_only() {
        // The stray </span> closes nothing: the third div is still the third level.
        let page = "<div><div></span><div>x</div></div></div>";
        assert_eq!(
            flatten_deep_nesting(page, 2),
            "<div><div></span>x</div></div>"
        );
        // An end tag a few levels up closes what was left open inside it.
        let page = "<div><span><b></div><div><div><div>x</div></div></div>";
        assert!(matches!(flatten_deep_nesting(page, 3), Cow::Borrowed(_)));
    }
}
