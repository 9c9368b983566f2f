//! What docx-rs cannot say, written into its package afterwards: the core properties (title,
//! author, subject, keywords, language — docx-rs writes only dates and "unknown" as author),
//! the document's languages (`w:lang`, so that Word, WPS and LibreOffice set quotation marks
//! and line breaking as Chinese) and `Normal` as the default paragraph style.
//!
//! The package is read back with the zip crate and every other part copied as it is, without
//! recompressing.

use std::io::{Cursor, Read, Write};

use quick_xml::escape::escape;

use super::super::{Export, ExportError, xml_safe};

/// What docx-rs writes for the defaults' run properties and the Normal style; the patch
/// fails loudly (and a test catches it) if a docx-rs upgrade writes them otherwise.
const RPR_DEFAULT_END: &str = "</w:rPr></w:rPrDefault>";
const NORMAL_STYLE: &str = r#"<w:style w:type="paragraph" w:styleId="Normal">"#;
/// Chinese for East Asian text, English for Latin, as Word writes for a Chinese user.
const LANG: &str = r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA" />"#;

/// The document's properties as Word shows them under 文件 › 信息.
pub(super) struct CoreProperties {
    /// Title (the article's, with what the file is).
    pub title: String,
    /// What the file is (学习笔记 / 批注本).
    pub subject: String,
    /// Who wrote the notes.
    pub author: Option<String>,
    /// The notes' tags.
    pub keywords: Vec<String>,
    /// Creation and modification time, RFC 3339.
    pub time: String,
}

impl CoreProperties {
    /// The properties of export `e` with subject `subject`.
    pub fn of(e: &Export<'_>, subject: &str) -> Self {
        CoreProperties {
            title: format!("{} · {subject}", e.title()),
            subject: subject.to_owned(),
            author: e.author_name().map(str::to_owned),
            keywords: e.tags().into_iter().map(str::to_owned).collect(),
            time: utc_time(e.generated),
        }
    }

    fn xml(&self) -> String {
        let text = |s: &str| escape(xml_safe(s)).into_owned();
        let mut out = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
        );
        out.push_str(&format!("<dc:title>{}</dc:title>", text(&self.title)));
        out.push_str(&format!("<dc:subject>{}</dc:subject>", text(&self.subject)));
        if let Some(a) = &self.author {
            out.push_str(&format!(
                "<dc:creator>{0}</dc:creator><cp:lastModifiedBy>{0}</cp:lastModifiedBy>",
                text(a)
            ));
        }
        if !self.keywords.is_empty() {
            out.push_str(&format!(
                "<cp:keywords>{}</cp:keywords>",
                text(&self.keywords.join("; "))
            ));
        }
        out.push_str("<dc:language>zh-CN</dc:language><cp:revision>1</cp:revision>");
        out.push_str(&format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{0}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{0}</dcterms:modified>"#,
            text(&self.time)
        ));
        out.push_str("</cp:coreProperties>");
        out
    }
}

/// An RFC 3339 time in UTC (`2024-05-01T01:30:00Z`), as W3CDTF and Word's comment dates
/// want it; the text itself when it is not a time.
pub(super) fn utc_time(rfc3339: &str) -> String {
    rfc3339
        .parse::<jiff::Timestamp>()
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|_| rfc3339.to_owned())
}

/// `styles.xml` with the document languages in the run defaults and `Normal` the default style.
fn patch_styles(xml: &str) -> Result<String, ExportError> {
    let broken = |what: &str| ExportError::Docx(format!("docx-rs 生成的样式表缺少{what}"));
    let end = xml
        .find(RPR_DEFAULT_END)
        .ok_or_else(|| broken("默认字符格式"))?;
    let mut out = String::with_capacity(xml.len() + 128);
    out.push_str(&xml[..end]);
    out.push_str(LANG);
    out.push_str(&xml[end..]);
    if !out.contains(NORMAL_STYLE) {
        return Err(broken("“正文”样式"));
    }
    Ok(out.replacen(
        NORMAL_STYLE,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#,
        1,
    ))
}

/// Rewrites the package docx-rs built: new core properties, patched styles, all else copied.
pub(super) fn finish(package: &[u8], props: &CoreProperties) -> Result<Vec<u8>, ExportError> {
    let zip_error = |e: zip::result::ZipError| ExportError::Docx(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(package)).map_err(zip_error)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(package.len() + 1024)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let name = archive
            .by_index_raw(i)
            .map_err(zip_error)?
            .name()
            .to_owned();
        match name.as_str() {
            "docProps/core.xml" => {
                out.start_file(name, options).map_err(zip_error)?;
                out.write_all(props.xml().as_bytes())
                    .map_err(|e| ExportError::Docx(e.to_string()))?;
            }
            "word/styles.xml" => {
                let mut xml = String::new();
                archive
                    .by_index(i)
                    .map_err(zip_error)?
                    .read_to_string(&mut xml)
                    .map_err(|e| ExportError::Docx(e.to_string()))?;
                out.start_file(name, options).map_err(zip_error)?;
                out.write_all(patch_styles(&xml)?.as_bytes())
                    .map_err(|e| ExportError::Docx(e.to_string()))?;
            }
            _ => {
                let file = archive.by_index_raw(i).map_err(zip_error)?;
                out.raw_copy_file(file).map_err(zip_error)?;
            }
        }
    }
    Ok(out.finish().map_err(zip_error)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_gain_languages_and_a_default_paragraph_style() {
        let xml = r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24" /></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /></w:style></w:styles>"#;
        let patched = patch_styles(xml).unwrap();
        assert!(patched.contains(r#"<w:sz w:val="24" /><w:lang w:val="en-US" w:eastAsia="zh-CN""#));
        assert!(patched.contains(r#"w:default="1" w:styleId="Normal""#));
        assert!(patch_styles("<w:styles/>").is_err());
    }

    #[test]
    fn core_properties_escape_and_name_the_author() {
        let props = CoreProperties {
            title: "标题 <&> · 学习笔记".into(),
            subject: "学习笔记".into(),
            author: Some("李\u{1}华".into()),
            keywords: vec!["重点".into(), "a&b".into()],
            time: utc_time("2024-05-01T09:30:00+08:00"),
        };
        let xml = props.xml();
        assert!(xml.contains("<dc:title>标题 &lt;&amp;&gt; · 学习笔记</dc:title>"));
        assert!(xml.contains("<dc:creator>李华</dc:creator>"));
        assert!(xml.contains("<cp:keywords>重点; a&amp;b</cp:keywords>"));
        assert!(xml.contains("2024-05-01T01:30:00Z"));
        assert!(xml.contains("<dc:language>zh-CN</dc:language>"));
    }
}
