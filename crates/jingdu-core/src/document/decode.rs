//! Bytes of a file → text. Chinese texts still circulate in GBK/GB18030, in Big5 from Taiwan
//! and Hong Kong, and as UTF-16 from Windows tools; a reader that only accepts UTF-8 shows
//! such a file as garbage. We decide from the BOM, then strict UTF-8, then a web page's own
//! `<meta charset>`, then `chardetng` (the detector Firefox uses, by the author of
//! `encoding_rs`), and refuse what is not text at all. A wrong guess is fixed by naming the
//! encoding ([`decode_as`]).

use encoding_rs::Encoding;

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are not text in the encoding detected.
    #[error(
        "{}",
        crate::i18n::tr(
            "不是可识别的文本文件（支持 UTF-8、UTF-16、GBK/GB18030、Big5 编码）",
            "Not a text file jingdu can read (UTF-8, UTF-16, GBK/GB18030 and Big5 are supported)"
        )
    )]
    NotText,
    /// The bytes are not text in the encoding the reader chose; `detected` is what detection
    /// reads them as, if anything.
    #[error("{}", not_valid_in_message(.chosen, *.detected))]
    NotValidIn {
        /// The encoding chosen (its display name).
        chosen: &'static str,
        /// The encoding detection found, if the bytes are text in one.
        detected: Option<&'static str>,
    },
    /// The file holds NUL bytes or other signs of binary content.
    #[error(
        "{}",
        crate::i18n::tr("这是二进制文件，不是文本", "This is a binary file, not text")
    )]
    Binary,
}

fn not_valid_in_message(chosen: &str, detected: Option<&str>) -> String {
    match detected {
        Some(d) => crate::i18n::trf(
            "这个文件不是有效的 {} 文本（检测到的编码是 {}，请改选它）",
            "The file is not valid {} text (its detected encoding is {}: choose that instead)",
            &[&chosen, &d],
        ),
        None => crate::i18n::trf(
            "这个文件不是有效的 {} 文本，也不像其他支持的编码",
            "The file is not valid {} text, nor text in another supported encoding",
            &[&chosen],
        ),
    }
}

/// The encodings a reader can choose from when detection guessed wrong, by the names the CLI
/// accepts and the menu shows.
pub const CHOOSABLE_ENCODINGS: [&str; 5] = ["UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE"];

/// Text decoded from a file's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The name of the encoding it was read in.
    pub encoding: &'static str,
    /// Bytes that were not valid in that encoding and were replaced by U+FFFD: a file
    /// damaged in a few places still opens, and the reader is told.
    pub replaced: usize,
}

/// At most one byte in this many may be damaged for a file to be read with replacements:
/// beyond it, the bytes are in another encoding, not a damaged copy of this one.
const DAMAGE_RATIO: usize = 100;

/// The encoding named `label` (`utf-8`, `gbk`, `gb18030`, `big5`, `utf-16le`, `utf-16`…).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    if label.eq_ignore_ascii_case("utf-16") {
        return Some(encoding_rs::UTF_16LE);
    }
    Encoding::for_label(label.as_bytes())
}

/// Decodes the bytes of a text file, detecting the encoding.
pub fn decode_bytes(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(&bytes[bom_len..], enc);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return decode_strict(bytes, enc);
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            encoding: "UTF-8",
            replaced: 0,
        });
    }
    if let Some(damaged) = damaged_utf8(bytes) {
        return Ok(damaged);
    }
    // A page's own declaration, when it can describe these bytes at all: a page that says
    // UTF-16 is ASCII-compatible bytes (browsers read it as UTF-8), and one whose bytes do
    // not decode in what it declares was saved in another encoding.
    if let Some(enc) = declared_charset(bytes).filter(|e| e.is_ascii_compatible())
        && let Ok(decoded) = decode_strict(bytes, enc)
    {
        return Ok(decoded);
    }
    decode_strict(bytes, detect(bytes))
}

/// Like [`decode_bytes`] (or [`decode_as`] when `chosen`), taking the bytes: valid UTF-8 —
/// nearly every file — becomes the text without a copy, which for a file of hundreds of
/// megabytes is that much less memory.
pub fn decode_owned(
    bytes: Vec<u8>,
    chosen: Option<&'static Encoding>,
) -> Result<Decoded, DecodeError> {
    let utf8_wanted = chosen.is_none_or(|e| e == encoding_rs::UTF_8);
    let plain = Encoding::for_bom(&bytes).is_none()
        && (chosen.is_some() || utf16_without_bom(&bytes).is_none())
        && !looks_binary(&bytes);
    if !(utf8_wanted && plain) {
        return match chosen {
            Some(enc) => decode_as(&bytes, enc),
            None => decode_bytes(&bytes),
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if chosen.is_some() {
                // As decode_strict would: text full of controls is binary.
                check_controls(&text)?;
            }
            Ok(Decoded {
                text,
                encoding: "UTF-8",
                replaced: 0,
            })
        }
        Err(e) => {
            let bytes = e.into_bytes();
            match chosen {
                Some(enc) => decode_as(&bytes, enc),
                None => decode_bytes(&bytes),
            }
        }
    }
}

/// What `chardetng` (Firefox's detector) makes of bytes that are not UTF-8.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // Strict UTF-8 failed before; a `.cn` hint would bias towards GBK and hurt Big5.
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    // GBK is a subset of GB18030; decoding as the superset reads every GBK file too.
    if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    }
}

/// UTF-8 with a few damaged bytes (a bad sector, a transfer cut and resumed, a tool that
/// wrote one stray byte), read with those bytes replaced — when most of the non-ASCII text
/// is valid UTF-8, which text in another encoding never is.
fn damaged_utf8(bytes: &[u8]) -> Option<Decoded> {
    let (mut valid_non_ascii, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    if valid_non_ascii < 10 || bad * DAMAGE_RATIO > valid_non_ascii {
        return None;
    }
    Some(Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "UTF-8",
        replaced: bad,
    })
}

/// Decodes the bytes in the encoding the reader chose, a BOM still taking precedence. A
/// few damaged bytes are replaced (and counted); bytes that are not text in that encoding at
/// all are refused with the encoding detection would use.
pub fn decode_as(bytes: &[u8], enc: &'static Encoding) -> Result<Decoded, DecodeError> {
    if let Some((bom_enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(&bytes[bom_len..], bom_enc);
    }
    match decode_strict(bytes, enc) {
        Err(DecodeError::NotText) => {}
        other => return other,
    }
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let replaced = text.chars().filter(|&c| c == '\u{fffd}').count();
    if replaced * DAMAGE_RATIO <= text.chars().count() {
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            replaced,
        });
    }
    Err(DecodeError::NotValidIn {
        chosen: enc.name(),
        detected: decode_bytes(bytes).ok().map(|d| d.encoding),
    })
}

/// Decodes without replacement characters, and refuses text full of control characters
/// (what binary data looks like in a single-byte encoding).
fn decode_strict(bytes: &[u8], enc: &'static Encoding) -> Result<Decoded, DecodeError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::NotText);
    }
    check_controls(&text)?;
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        replaced: 0,
    })
}

/// Text full of control characters is what binary data looks like in a single-byte encoding.
fn check_controls(text: &str) -> Result<(), DecodeError> {
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 100 > text.chars().count().max(1) {
        return Err(DecodeError::Binary);
    }
    Ok(())
}

/// UTF-16 without a BOM: in text mostly of ASCII, every other byte is zero; in Chinese text
/// the decoded units are nearly all CJK, punctuation and line ends.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 16 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let units = sample.len() / 2;
    // Chinese UTF-16 is often valid UTF-8 too (`中` is `2D 4E`, "-N"): without NUL bytes
    // the ideographs must dominate before we read it as UTF-16.
    let has_nul = sample.contains(&0);
    let plausible = |big_endian: bool| {
        let (mut good, mut ideographs) = (0, 0);
        for p in sample.chunks_exact(2) {
            let u = if big_endian {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            };
            let ideograph = (0x4E00..=0x9FFF).contains(&u);
            ideographs += usize::from(ideograph);
            good += usize::from(
                ideograph
                    || matches!(u, 0x0A | 0x0D | 0x09 | 0x20..=0x7E | 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2026),
            );
        }
        good * 100 >= units * 95 && (has_nul || ideographs * 2 >= units)
    };
    if plausible(false) {
        Some(encoding_rs::UTF_16LE)
    } else if plausible(true) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// A web page's own declaration in its first bytes: `<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_for_label(&value)
}

/// NUL bytes never occur in UTF-8 or GB18030 text; a few in the first 8 KiB mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    const SAMPLE: &str = "旧历的年底毕竟最像年底，村镇上不必说，就在天空中也显出将到新年的气象来。\n灰白色的沉重的晚云中间时时发出闪光，接着一声钝响，是送灶的爆竹。";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_bytes("精读".as_bytes()).unwrap().text, "精读");
        assert_eq!(
            decode_bytes(b"\xEF\xBB\xBF\xE7\xB2\xBE").unwrap().text,
            "精"
        );
    }

    #[test]
    fn gbk_is_decoded() {
        let (gbk, _, _) = encoding_rs::GBK.encode(SAMPLE);
        let d = decode_bytes(&gbk).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn big5_is_decoded() {
        let traditional = "舊曆的年底畢竟最像年底，村鎮上不必說，就在天空中也顯出將到新年的氣象來。灰白色的沉重的晚雲中間時時發出閃光。";
        let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
        let d = decode_bytes(&big5).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, traditional);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16("读书", false));
        assert_eq!(decode_bytes(&bytes).unwrap().text, "读书");
        assert_eq!(decode_bytes(&utf16(SAMPLE, false)).unwrap().text, SAMPLE);
        assert_eq!(decode_bytes(&utf16(SAMPLE, true)).unwrap().text, SAMPLE);
        assert_eq!(
            decode_bytes(&utf16("plain ascii text\n", false))
                .unwrap()
                .text,
            "plain ascii text\n"
        );
    }

    #[test]
    fn a_page_declares_its_charset() {
        let page = "<html><head><meta charset=\"big5\"></head><body>說明</body></html>";
        let (bytes, _, _) = encoding_rs::BIG5.encode(page);
        let d = decode_bytes(&bytes).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert!(d.text.contains("說明"));
    }

    #[test]
    fn a_chosen_encoding_is_used() {
        let (gbk, _, _) = encoding_rs::GBK.encode(SAMPLE);
        assert_eq!(decode_as(&gbk, encoding_rs::GB18030).unwrap().text, SAMPLE);
        assert_eq!(
            decode_as(&gbk, encoding_rs::UTF_8),
            Err(DecodeError::NotValidIn {
                chosen: "UTF-8",
                detected: Some("gb18030")
            })
        );
        assert_eq!(encoding_for_label("gbk"), Some(encoding_rs::GBK));
        assert_eq!(encoding_for_label("UTF-16"), Some(encoding_rs::UTF_16LE));
        assert_eq!(encoding_for_label("klingon"), None);
    }

    #[test]
    fn a_chosen_encoding_the_bytes_are_not_in_names_the_detected_one() {
        // 人 (GBK C8 CB) and 仁, 忍, 然 are not Big5 pairs: most GBK text is not valid Big5.
        let text = "人民是历史的创造者，人人都应当读书。一个人若然肯读书，就能明白做人的道理。仁者爱人，忍者成事。";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let err = decode_as(&gbk, encoding_rs::BIG5).unwrap_err();
        assert_eq!(
            err,
            DecodeError::NotValidIn {
                chosen: "Big5",
                detected: Some("gb18030")
            }
        );
        // In every interface language the message names both encodings.
        let message = err.to_string();
        assert!(message.contains("Big5"), "{message}");
        assert!(message.contains("gb18030"), "{message}");
    }

    #[test]
    fn a_few_damaged_bytes_are_replaced_and_counted() {
        let mut bytes = SAMPLE.repeat(40).into_bytes();
        bytes.insert(0, 0xFF);
        let d = decode_bytes(&bytes).unwrap();
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
        assert_eq!(d.text.chars().filter(|&c| c == '\u{fffd}').count(), 1);
        let chosen = decode_as(&bytes, encoding_rs::UTF_8).unwrap();
        assert_eq!((chosen.encoding, chosen.replaced), ("UTF-8", 1));
        // GBK text is not damaged UTF-8: it is still detected as GBK.
        let (gbk, _, _) = encoding_rs::GBK.encode(SAMPLE);
        assert_eq!(decode_bytes(&gbk).unwrap().replaced, 0);
    }

    #[test]
    fn a_declared_charset_that_cannot_describe_the_bytes_loses_to_detection() {
        let page = format!(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-16\"></head><body><p>{SAMPLE}</p></body></html>"
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(&page);
        let d = decode_bytes(&gbk).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.contains(SAMPLE));
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode_bytes(b"\x89PNG\r\n\x1a\n\0\0\0").unwrap_err(),
            DecodeError::Binary
        );
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 1)
            .collect();
        assert!(decode_bytes(&noise).is_err());
    }
}
