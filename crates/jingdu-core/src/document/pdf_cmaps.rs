//! Fonts whose encoding is a predefined CJK CMap, made readable for `pdf-extract`.
//!
//! Chinese, Japanese and Korean PDFs made before Unicode fonts were the norm (Acrobat
//! Distiller 4 and the like: most of the older books and papers that circulate) name a
//! predefined CMap as a Type0 font's encoding — `GBK-EUC-H`, `GB-EUC-H`, `UniGB-UCS2-H`,
//! `B5pc-H`, `90ms-RKSJ-H`… — and often carry no ToUnicode map: the codes in the text are
//! GBK, UCS-2, Big5 or Shift-JIS bytes. `pdf-extract` reads only the Identity encodings
//! (it panics on a predefined name, and misreads the code-space widths of embedded CMaps).
//! So before extraction the strings shown in such a font are given new two-byte codes — the
//! n-th distinct code the font shows becomes n — and the font becomes an Identity font with
//! a ToUnicode map from the new codes to the old codes' text, decoded with the legacy
//! character set (`encoding_rs`), and widths by new code (the printable ASCII bytes take
//! the half-width CIDs' widths). Only the codes in use are mapped, because `pdf-extract`
//! parses a font's map again on every page.

use std::collections::{HashMap, HashSet};

use encoding_rs::Encoding;
use lopdf::{Dictionary, Object, ObjectId, Stream};

/// How a predefined CMap's codes become text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Charset {
    /// Codes are bytes of a legacy multi-byte character set.
    Legacy(&'static Encoding),
    /// Codes are UTF-16BE code units (the `Uni…-UCS2` and `Uni…-UTF16` CMaps).
    Utf16,
}

/// A predefined CMap: its character set and code space (inclusive ranges of equal width).
#[derive(Clone, Copy, Debug)]
struct Predefined {
    charset: Charset,
    /// Whether the CMap is for vertical writing (`-V`).
    vertical: bool,
    codespace: &'static [(&'static [u8], &'static [u8])],
}

/// One byte for ASCII, two for the rest: the EUC-style character sets (GBK, Big5, EUC-KR).
const EUC_SPACE: &[(&[u8], &[u8])] = &[(&[0x00], &[0x80]), (&[0x81, 0x40], &[0xfe, 0xfe])];
/// GB 18030 adds four-byte codes.
const GB18030_SPACE: &[(&[u8], &[u8])] = &[
    (&[0x00], &[0x80]),
    (&[0x81, 0x40], &[0xfe, 0xfe]),
    (&[0x81, 0x30, 0x81, 0x30], &[0xfe, 0x39, 0xfe, 0x39]),
];
/// Shift-JIS: single bytes for ASCII and half-width kana, pairs for the rest.
const SJIS_SPACE: &[(&[u8], &[u8])] = &[
    (&[0x00], &[0x80]),
    (&[0xa0], &[0xdf]),
    (&[0x81, 0x40], &[0x9f, 0xfc]),
    (&[0xe0, 0x40], &[0xfc, 0xfc]),
];
/// UTF-16: one unit, or a surrogate pair.
const UTF16_SPACE: &[(&[u8], &[u8])] = &[
    (&[0x00, 0x00], &[0xd7, 0xff]),
    (&[0xe0, 0x00], &[0xff, 0xff]),
    (&[0xd8, 0x00, 0xdc, 0x00], &[0xdb, 0xff, 0xdf, 0xff]),
];

/// The predefined CMap a font's `/Encoding` names, if it is one this module reads.
fn predefined(name: &[u8]) -> Option<Predefined> {
    let name = std::str::from_utf8(name).ok()?;
    let vertical = name.ends_with("-V");
    let base = name
        .strip_suffix("-H")
        .or_else(|| name.strip_suffix("-V"))?;
    let (charset, codespace) = match base {
        "GB-EUC" | "GBpc-EUC" | "GBK-EUC" | "GBKp-EUC" | "GBT-EUC" | "GBTpc-EUC" => {
            (Charset::Legacy(encoding_rs::GBK), EUC_SPACE)
        }
        "GBK2K" => (Charset::Legacy(encoding_rs::GB18030), GB18030_SPACE),
        "B5pc" | "ETen-B5" | "HKscs-B5" | "ETenms-B5" => {
            (Charset::Legacy(encoding_rs::BIG5), EUC_SPACE)
        }
        "KSC-EUC" | "KSCms-UHC" | "KSCpc-EUC" => (Charset::Legacy(encoding_rs::EUC_KR), EUC_SPACE),
        "90ms-RKSJ" | "90msp-RKSJ" | "83pv-RKSJ" | "90pv-RKSJ" => {
            (Charset::Legacy(encoding_rs::SHIFT_JIS), SJIS_SPACE)
        }
        _ if base.starts_with("Uni") && (base.contains("-UCS2") || base.contains("-UTF16")) => {
            (Charset::Utf16, UTF16_SPACE)
        }
        _ => return None,
    };
    Some(Predefined {
        charset,
        vertical,
        codespace,
    })
}

impl Predefined {
    /// Splits `bytes` into codes the way `pdf-extract` reads them: the shortest prefix whose
    /// value falls in a code-space range of its width. Bytes that fit no range end the split.
    fn codes<'b>(&self, bytes: &'b [u8]) -> impl Iterator<Item = &'b [u8]> + use<'b, '_> {
        let mut rest = bytes;
        std::iter::from_fn(move || {
            for width in 1..=4.min(rest.len()) {
                let code = &rest[..width];
                let fits = self
                    .codespace
                    .iter()
                    .any(|(lo, hi)| lo.len() == width && code >= *lo && code <= *hi);
                if fits {
                    rest = &rest[width..];
                    return Some(code);
                }
            }
            None
        })
    }

    /// The text of one code, if it stands for any.
    fn decode(&self, code: &[u8]) -> Option<String> {
        let text = match self.charset {
            Charset::Legacy(encoding) => encoding
                .decode_without_bom_handling_and_without_replacement(code)?
                .into_owned(),
            Charset::Utf16 => {
                let units: Vec<u16> = code
                    .chunks_exact(2)
                    .map(|p| u16::from_be_bytes([p[0], p[1]]))
                    .collect();
                String::from_utf16(&units).ok()?
            }
        };
        (!text.is_empty() && !text.chars().any(char::is_control)).then_some(text)
    }
}

/// Rewrites every Type0 font whose encoding is a predefined CJK CMap, and the strings the
/// pages and their forms show in it (see the module comment). Returns how many fonts were
/// rewritten.
pub(super) fn read_predefined_cmaps(doc: &mut lopdf::Document) -> usize {
    gbk_simple_fonts_as_cid(doc);
    let fonts: HashMap<ObjectId, Predefined> = doc
        .objects
        .iter()
        .filter_map(|(&id, o)| {
            let font = o.as_dict().ok()?;
            let type0 = font.get(b"Subtype").and_then(Object::as_name).ok()? == b"Type0";
            let name = font.get(b"Encoding").and_then(Object::as_name).ok()?;
            type0.then(|| predefined(name)).flatten().map(|p| (id, p))
        })
        .collect();
    if fonts.is_empty() {
        return 0;
    }
    let mut recoder = Recoder {
        fonts: &fonts,
        tables: HashMap::new(),
        forms_done: HashSet::new(),
        forms: Vec::new(),
    };
    let mut pages: Vec<(ObjectId, Vec<u8>)> = Vec::new();
    for (_, page) in doc.get_pages() {
        let Ok(content) = doc.get_page_content(page) else {
            continue;
        };
        let resources = page_resources(doc, page);
        if let Some(recoded) = recoder.recode(doc, &content, &resources, 0) {
            pages.push((page, recoded));
        }
    }
    let Recoder { tables, forms, .. } = recoder;
    // A page's new content is a stream of its own: a stream two pages share stays as it was
    // for the other.
    for (page, content) in pages {
        let stream = doc.add_object(Stream::new(Dictionary::new(), content));
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(page) {
            page.set("Contents", Object::Reference(stream));
        }
    }
    for (form, content) in forms {
        if let Ok(Object::Stream(form)) = doc.get_object_mut(form) {
            form.set_plain_content(content);
        }
    }
    for (&id, predefined) in &fonts {
        let empty = FontTable::default();
        rewrite_font(doc, id, predefined, tables.get(&id).unwrap_or(&empty));
    }
    fonts.len()
}

/// Chinese font names a simple (one-byte) font may carry while its text is GBK: Word 97–2003
/// wrote Chinese with the system's 宋体 or 黑体 as a TrueType font in WinAnsi, not embedded,
/// and a reader shows it right only because the system font takes two-byte GBK codes.
const CHINESE_FONT_NAMES: &[&str] = &[
    "SimSun",
    "NSimSun",
    "SimHei",
    "KaiTi",
    "FangSong",
    "STSong",
    "STKaiti",
    "STHeiti",
    "STFangsong",
    "STZhongsong",
    "Microsoft YaHei",
    "MicrosoftYaHei",
    "_GB2312",
    "SimLi",
    "SimYou",
];

/// Whether a simple font's `BaseFont` names a Chinese font: one of [`CHINESE_FONT_NAMES`], or
/// a name written in GBK itself (`宋体`, `楷体_GB2312`), which decodes to Chinese.
fn chinese_font_name(name: &[u8]) -> bool {
    if let Ok(ascii) = std::str::from_utf8(name)
        && ascii.is_ascii()
    {
        return CHINESE_FONT_NAMES.iter().any(|n| ascii.contains(n));
    }
    let name = name
        .split(|&b| b == b'_' || b == b',')
        .next()
        .unwrap_or(name);
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(name)
        .is_some_and(|n| n.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
}

/// Turns each simple TrueType or Type1 font that is not embedded, has no `Differences` and
/// names a Chinese font (see [`CHINESE_FONT_NAMES`]) into a Type0 font in `GBK-EUC-H`, which
/// [`read_predefined_cmaps`] then reads: its strings are GBK, not WinAnsi.
fn gbk_simple_fonts_as_cid(doc: &mut lopdf::Document) {
    let simple: Vec<(ObjectId, Object)> = doc
        .objects
        .iter()
        .filter_map(|(&id, o)| {
            let font = o.as_dict().ok()?;
            let subtype = font.get(b"Subtype").and_then(Object::as_name).ok()?;
            if !matches!(subtype, b"TrueType" | b"Type1") {
                return None;
            }
            let name = font.get(b"BaseFont").and_then(Object::as_name).ok()?;
            let custom = matches!(
                font.get(b"Encoding"),
                Ok(Object::Dictionary(_) | Object::Reference(_))
            );
            // The descriptor, inline or referenced: a font without one is not read here.
            let descriptor = font.get(b"FontDescriptor").ok()?;
            let described = match descriptor {
                Object::Reference(r) => doc.get_dictionary(*r).ok()?,
                Object::Dictionary(d) => d,
                _ => return None,
            };
            let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| described.has(k));
            (!custom && !embedded && chinese_font_name(name)).then(|| (id, descriptor.clone()))
        })
        .collect();
    for (id, descriptor) in simple {
        let Ok(font) = doc.get_dictionary(id) else {
            continue;
        };
        let base = font
            .get(b"BaseFont")
            .cloned()
            .unwrap_or(Object::Name(b"SimSun".to_vec()));
        let mut system = Dictionary::new();
        system.set("Registry", Object::string_literal("Adobe"));
        system.set("Ordering", Object::string_literal("GB1"));
        system.set("Supplement", 2);
        let cid = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
            ("BaseFont", base),
            ("CIDSystemInfo", Object::Dictionary(system)),
            ("FontDescriptor", descriptor),
            ("DW", Object::Integer(1000)),
        ]));
        if let Ok(Object::Dictionary(font)) = doc.get_object_mut(id) {
            font.set("Subtype", Object::Name(b"Type0".to_vec()));
            font.set("Encoding", Object::Name(b"GBK-EUC-H".to_vec()));
            font.set(
                "DescendantFonts",
                Object::Array(vec![Object::Reference(cid)]),
            );
            for key in [&b"Widths"[..], b"FirstChar", b"LastChar"] {
                font.remove(key);
            }
        }
    }
}

/// The codes a font shows, in the order first seen: the new code of each is its place
/// in this list plus one, as two bytes.
#[derive(Default)]
struct FontTable {
    codes: Vec<Vec<u8>>,
    index: HashMap<Vec<u8>, u16>,
}

impl FontTable {
    /// The new two-byte code of `code`; 0 (no glyph) once 65 535 codes are taken.
    fn code_of(&mut self, code: &[u8]) -> u16 {
        if let Some(&i) = self.index.get(code) {
            return i;
        }
        let Ok(i) = u16::try_from(self.codes.len() + 1) else {
            return 0;
        };
        self.codes.push(code.to_vec());
        self.index.insert(code.to_vec(), i);
        i
    }
}

/// Walks content streams, giving the strings shown in the predefined-CMap fonts their new
/// codes.
struct Recoder<'f> {
    fonts: &'f HashMap<ObjectId, Predefined>,
    tables: HashMap<ObjectId, FontTable>,
    forms_done: HashSet<ObjectId>,
    /// Forms whose content was recoded, with the new content.
    forms: Vec<(ObjectId, Vec<u8>)>,
}

/// How deep forms drawn inside forms are followed.
const MAX_FORM_DEPTH: usize = 4;

impl Recoder<'_> {
    /// The content recoded, or `None` when it shows nothing in those fonts. Follows the
    /// font set by `Tf` (saved and restored with `q`/`Q`), the strings shown by `Tj`, `TJ`,
    /// `'` and `"`, and the forms drawn by `Do`.
    fn recode(
        &mut self,
        doc: &lopdf::Document,
        content: &[u8],
        resources: &[&Dictionary],
        depth: usize,
    ) -> Option<Vec<u8>> {
        let mut content = lopdf::content::Content::decode(content).ok()?;
        let mut current: Option<ObjectId> = None;
        let mut saved: Vec<Option<ObjectId>> = Vec::new();
        let mut changed = false;
        for op in &mut content.operations {
            match (op.operator.as_str(), op.operands.as_mut_slice()) {
                ("q", _) => saved.push(current),
                ("Q", _) => current = saved.pop().flatten(),
                ("Tf", [name, ..]) => {
                    current = name
                        .as_name()
                        .ok()
                        .and_then(|n| resource(doc, resources, b"Font", n))
                        .filter(|id| self.fonts.contains_key(id));
                }
                ("Tj" | "'", [text, ..]) | ("\"", [_, _, text, ..]) => {
                    changed |= self.recode_string(current, text);
                }
                ("TJ", [Object::Array(parts), ..]) => {
                    for part in parts {
                        changed |= self.recode_string(current, part);
                    }
                }
                ("Do", [name, ..]) if depth < MAX_FORM_DEPTH => {
                    if let Some(id) = name
                        .as_name()
                        .ok()
                        .and_then(|n| resource(doc, resources, b"XObject", n))
                    {
                        self.recode_form(doc, id, resources, depth);
                    }
                }
                _ => {}
            }
        }
        changed.then(|| content.encode().ok()).flatten()
    }

    /// Gives a string shown in `font` its new codes; whether it did.
    fn recode_string(&mut self, font: Option<ObjectId>, text: &mut Object) -> bool {
        let (Some(font), Object::String(bytes, format)) = (font, text) else {
            return false;
        };
        let Some(predefined) = self.fonts.get(&font) else {
            return false;
        };
        let table = self.tables.entry(font).or_default();
        let recoded: Vec<u8> = predefined
            .codes(bytes)
            .flat_map(|code| table.code_of(code).to_be_bytes())
            .collect();
        *bytes = recoded;
        // Two-byte codes read most plainly as hex.
        *format = lopdf::StringFormat::Hexadecimal;
        true
    }

    /// Recodes the form `id` once, whichever page draws it first.
    fn recode_form(
        &mut self,
        doc: &lopdf::Document,
        id: ObjectId,
        resources: &[&Dictionary],
        depth: usize,
    ) {
        if !self.forms_done.insert(id) {
            return;
        }
        let Ok(Object::Stream(form)) = doc.get_object(id) else {
            return;
        };
        if form.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return;
        }
        let Ok(data) = form.decompressed_content().or_else(|_| {
            // An unfiltered stream has nothing to decompress.
            if form.dict.has(b"Filter") {
                Err(())
            } else {
                Ok(form.content.clone())
            }
        }) else {
            return;
        };
        let own = match form.dict.get(b"Resources") {
            Ok(Object::Dictionary(d)) => Some(d),
            Ok(Object::Reference(r)) => doc.get_dictionary(*r).ok(),
            _ => None,
        };
        let inner: Vec<&Dictionary> = own.into_iter().chain(resources.iter().copied()).collect();
        if let Some(recoded) = self.recode(doc, &data, &inner, depth + 1) {
            self.forms.push((id, recoded));
        }
    }
}

/// A page's resource dictionaries, its own first, then those inherited from the page tree.
fn page_resources(doc: &lopdf::Document, page: ObjectId) -> Vec<&Dictionary> {
    let Ok((own, inherited)) = doc.get_page_resources(page) else {
        return Vec::new();
    };
    own.into_iter()
        .chain(
            inherited
                .into_iter()
                .filter_map(|id| doc.get_dictionary(id).ok()),
        )
        .collect()
}

/// The object a resource of kind `kind` (`Font`, `XObject`) called `name` refers to.
fn resource(
    doc: &lopdf::Document,
    resources: &[&Dictionary],
    kind: &[u8],
    name: &[u8],
) -> Option<ObjectId> {
    resources.iter().find_map(|r| {
        let table = match r.get(kind).ok()? {
            Object::Reference(id) => doc.get_dictionary(*id).ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        table.get(name).and_then(Object::as_reference).ok()
    })
}

/// Gives font `id` the Identity encoding of its direction, a ToUnicode map from its new
/// codes to the text of the old ones, and widths by new code.
fn rewrite_font(
    doc: &mut lopdf::Document,
    id: ObjectId,
    predefined: &Predefined,
    table: &FontTable,
) {
    let to_unicode = doc.add_object(Stream::new(
        Dictionary::new(),
        to_unicode_cmap(predefined, &table.codes),
    ));
    let descendant =
        doc.get_dictionary(id)
            .ok()
            .and_then(|font| match font.get(b"DescendantFonts") {
                Ok(Object::Array(a)) => a.first().and_then(|o| o.as_reference().ok()),
                Ok(Object::Reference(r)) => doc
                    .get_object(*r)
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|a| a.first())
                    .and_then(|o| o.as_reference().ok()),
                _ => None,
            });
    if let Some(descendant) = descendant {
        widths_by_new_code(doc, descendant, &table.codes);
    }
    if let Ok(Object::Dictionary(font)) = doc.get_object_mut(id) {
        let identity: &[u8] = if predefined.vertical {
            b"Identity-V"
        } else {
            b"Identity-H"
        };
        font.set("Encoding", Object::Name(identity.to_vec()));
        font.set("ToUnicode", Object::Reference(to_unicode));
    }
}

/// A ToUnicode CMap from each new code (place in `codes` plus one) to the text of the old
/// code, decoded with the predefined CMap's character set.
fn to_unicode_cmap(predefined: &Predefined, codes: &[Vec<u8>]) -> Vec<u8> {
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02X}")).collect::<String>();
    let entries: Vec<(String, String)> = codes
        .iter()
        .enumerate()
        .filter_map(|(i, code)| {
            let text = predefined.decode(code)?;
            let units: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            Some((format!("{:04X}", i + 1), hex(&units)))
        })
        .collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Jingdu-Unicode def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // The specification allows at most 100 entries per block.
    for block in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", block.len()));
        for (code, text) in block {
            out.push_str(&format!("<{code}> <{text}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

/// Widths by new code for the CID font `descendant`: printable ASCII bytes take the widths
/// of the half-width CIDs 1–95 they stand for in the predefined CMaps (500 when the font
/// does not say), every other code the font's default width.
fn widths_by_new_code(doc: &mut lopdf::Document, descendant: ObjectId, codes: &[Vec<u8>]) {
    let number = |o: &Object| match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    };
    let Ok(font) = doc.get_dictionary(descendant) else {
        return;
    };
    let w: Vec<Object> = match font.get(b"W") {
        Ok(Object::Array(w)) => w.clone(),
        Ok(Object::Reference(r)) => doc
            .get_object(*r)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    // The widths the font gives CIDs 1–95, in either form of `/W`.
    let mut half: Vec<f32> = vec![500.0; 95];
    let mut i = 0;
    while i < w.len() {
        match (w.get(i).and_then(number), w.get(i + 1), w.get(i + 2)) {
            (Some(first), Some(Object::Array(list)), _) => {
                for (k, width) in list.iter().enumerate() {
                    let cid = first as usize + k;
                    if let (1..=95, Some(width)) = (cid, number(width)) {
                        half[cid - 1] = width;
                    }
                }
                i += 2;
            }
            (Some(first), Some(last), Some(width)) => {
                let (Some(last), Some(width)) = (number(last), number(width)) else {
                    break;
                };
                for cid in (first as usize).max(1)..=(last as usize).min(95) {
                    half[cid - 1] = width;
                }
                i += 3;
            }
            _ => break,
        }
    }
    let mut out: Vec<Object> = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        if let [byte @ 0x20..=0x7e] = code.as_slice() {
            out.push(Object::Integer(i as i64 + 1));
            out.push(Object::Array(vec![Object::Real(
                half[usize::from(*byte - 0x20)],
            )]));
        }
    }
    if let Ok(Object::Dictionary(font)) = doc.get_object_mut(descendant) {
        font.set("W", Object::Array(out));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_names_are_told_with_their_charsets() {
        assert_eq!(
            predefined(b"GBK-EUC-H").map(|p| p.charset),
            Some(Charset::Legacy(encoding_rs::GBK))
        );
        assert_eq!(
            predefined(b"UniGB-UCS2-V").map(|p| p.charset),
            Some(Charset::Utf16)
        );
        assert_eq!(
            predefined(b"B5pc-H").map(|p| p.charset),
            Some(Charset::Legacy(encoding_rs::BIG5))
        );
        assert!(predefined(b"Identity-H").is_none());
        assert!(predefined(b"WinAnsiEncoding").is_none());
    }

    #[test]
    fn chinese_font_names_are_told_in_ascii_and_in_gbk() {
        assert!(chinese_font_name(b"SimSun"));
        assert!(chinese_font_name(b"KaiTi_GB2312"));
        let (song, _, _) = encoding_rs::GBK.encode("宋体");
        assert!(chinese_font_name(&song));
        let (kai, _, _) = encoding_rs::GBK.encode("楷体_GB2312");
        assert!(chinese_font_name(&kai));
        assert!(!chinese_font_name(b"TimesNewRomanPSMT"));
        assert!(!chinese_font_name(b"Arial,Bold"));
    }

    #[test]
    fn gbk_strings_split_into_one_and_two_byte_codes() {
        let gbk = predefined(b"GBK-EUC-H").unwrap();
        // “第1章” in GBK: B5DA 31 D5C2.
        let bytes = [0xb5, 0xda, 0x31, 0xd5, 0xc2];
        let codes: Vec<&[u8]> = gbk.codes(&bytes).collect();
        assert_eq!(codes, vec![&[0xb5, 0xda][..], &[0x31], &[0xd5, 0xc2]]);
        let text: String = codes.iter().filter_map(|c| gbk.decode(c)).collect();
        assert_eq!(text, "第1章");
    }

    #[test]
    fn ucs2_codes_are_the_characters() {
        let ucs2 = predefined(b"UniGB-UCS2-H").unwrap();
        let bytes = [0x7b, 0x2c, 0x00, 0x31];
        let text: String = ucs2.codes(&bytes).filter_map(|c| ucs2.decode(c)).collect();
        assert_eq!(text, "第1");
    }

    #[test]
    fn the_unicode_map_lists_the_codes_in_blocks_of_a_hundred() {
        let gbk = predefined(b"GBK-EUC-H").unwrap();
        // Two rows of GB 2312 ideographs, 94 each.
        let codes: Vec<Vec<u8>> = [0xb0u8, 0xb1]
            .into_iter()
            .flat_map(|lead| (0xa1u8..=0xfe).map(move |trail| vec![lead, trail]))
            .collect();
        let map = String::from_utf8(to_unicode_cmap(&gbk, &codes)).unwrap();
        assert!(map.contains("100 beginbfchar") && map.contains("88 beginbfchar"));
        assert!(
            map.contains("<0001> <554A>"),
            "啊, B0A1 in GBK, is the first code"
        );
        assert_eq!(
            map.matches("\n<").count() - 1,
            188,
            "one entry per code, after the code space"
        );
    }
}
