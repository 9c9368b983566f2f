//! Where a document comes from: the article built into the binary, or a file on disk.
//! Reading, decoding and parsing happen here once, for the window and the CLI alike.

use std::path::{Path, PathBuf};

use std::io::Read;

use super::{
    DecodeError, Document, DocxError, EpubError, HtmlError, OdtError, PdfError, decode_owned,
    looks_like_epub, looks_like_odt, parse, parse_docx, parse_epub, parse_html, parse_odt,
    parse_owned, parse_pdf,
};

/// The article shown when jingdu starts without a file.
pub const BUILTIN_ARTICLE: &str = include_str!("../../../../assets/builtin-article.txt");

/// Stable identity of the built-in article, used to find its notes.
pub const BUILTIN_ID: &str = "builtin-c86fc473580abeae";

/// Stack size of a thread that reads and parses a document or writes an export. Walks over
/// a document's trees use explicit stacks, so input depth never grows the call stack; this
/// is the main thread's 8 MiB (where the command line parses) with room to spare, instead of
/// the 2 MiB a spawned thread gets by default.
pub const WORKER_STACK_BYTES: usize = 16 * 1024 * 1024;

/// Largest file we open (a novel of several million characters is ~20 MB of UTF-8).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Where the text came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The article embedded in the binary.
    Builtin,
    /// A file, by the path it was opened with (made absolute when possible).
    File(PathBuf),
}

impl Origin {
    /// The file path, if the document came from a file.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::Builtin => None,
            Origin::File(p) => Some(p),
        }
    }
}

/// A loaded document with its source text.
#[derive(Clone, Debug)]
pub struct Source {
    /// Where it came from.
    pub origin: Origin,
    /// The structure detected in the text.
    pub document: Document,
    /// Name of the text encoding the file was in.
    pub encoding: &'static str,
    /// Bytes of the file that were damaged (not valid in its encoding) and shown as U+FFFD.
    pub replaced_bytes: usize,
}

/// Why a document could not be opened. Messages name the file last, as the user reads them.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// No file at that path.
    #[error("{}", crate::i18n::trf("找不到文件：{}", "File not found: {}", &[&.0.display()]))]
    NotFound(PathBuf),
    /// The path names a directory.
    #[error("{}", crate::i18n::trf("这是一个文件夹，不是文本文件：{}", "This is a folder, not a text file: {}", &[&.0.display()]))]
    IsDirectory(PathBuf),
    /// The file exceeds [`MAX_FILE_BYTES`].
    #[error("{}", crate::i18n::trf("文件太大（超过 256 MB），无法打开：{}", "The file is too large to open (over 256 MB): {}", &[&.0.display()]))]
    TooLarge(PathBuf),
    /// Reading failed (permissions, I/O error).
    #[error("{}", crate::i18n::trf("无法读取文件（{}）：{}", "Cannot read the file ({}): {}", &[&.reason, &.path.display()]))]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The operating system's explanation.
        reason: String,
    },
    /// The bytes are not text in a supported encoding.
    #[error("{}", crate::i18n::trf("{}：{}", "{}: {}", &[&.reason, &.path.display()]))]
    NotText {
        /// The file.
        path: PathBuf,
        /// What is wrong with the content.
        reason: DecodeError,
    },
    /// A web page without an article, or too large.
    #[error("{}", crate::i18n::trf("{}：{}", "{}: {}", &[&.reason, &.path.display()]))]
    NotAnArticle {
        /// The file.
        path: PathBuf,
        /// What is wrong with the page.
        reason: HtmlError,
    },
    /// A format jingdu does not read (PDF, EPUB, an image…), with what to do instead.
    #[error("{}", crate::i18n::trf("{}：{}", "{}: {}", &[&.advice, &.path.display()]))]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// Which format it is and how to get a readable one.
        advice: &'static str,
    },
    /// A `.docx` that is broken, protected or too large.
    #[error("{}", crate::i18n::trf("{}：{}", "{}: {}", &[&.reason, &.path.display()]))]
    NotWord {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: DocxError,
    },
    /// An `.epub` that is broken, locked (DRM) or without text.
    #[error("{}", crate::i18n::trf("{}：{}", "{}: {}", &[&.reason, &.path.display()]))]
    NotEpub {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: EpubError,
    },
    /// An old `.doc` or `.wps` that LibreOffice is not there to convert, or could not.
    #[error("{}", crate::i18n::trf("{}：{}", "{}: {}", &[&.reason, &.path.display()]))]
    NotConverted {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: super::legacy::LegacyError,
    },
    /// An `.odt` that is broken, locked or too large.
    #[error("{}", crate::i18n::trf("{}：{}", "{}: {}", &[&.reason, &.path.display()]))]
    NotOdt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: OdtError,
    },
    /// A PDF that is damaged, locked, scanned or without readable fonts.
    #[error("{}", crate::i18n::trf("{}：{}", "{}: {}", &[&.reason, &.path.display()]))]
    NotPdf {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: PdfError,
    },
    /// A link that could not be fetched, or whose page could not be kept.
    #[error("{}", crate::i18n::trf("{}：{}", "{}: {}", &[&.reason, &.url]))]
    Link {
        /// The address.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// A device, a pipe or a socket: reading it might never end.
    #[error("{}", crate::i18n::trf("这不是普通文件（设备或管道），无法作为文档打开：{}", "Not a regular file (a device or pipe); it cannot be opened as a document: {}", &[&.0.display()]))]
    NotAFile(PathBuf),
}

/// How the bytes of a file are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown.
    Text,
    /// A saved web page.
    Html,
    /// A Word document (`.docx`).
    Docx,
    /// An EPUB book.
    Epub,
    /// A PDF with a text layer.
    Pdf,
    /// An OpenDocument text (`.odt`).
    Odt,
    /// An old Word (`.doc`) or WPS (`.wps`) file, read through LibreOffice.
    LegacyWord,
}

/// Decides the format from the name and the first bytes; formats we cannot read give the
/// advice to show.
pub fn sniff_format(path: &Path, bytes: &[u8]) -> Result<Format, &'static str> {
    use crate::i18n::tr;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    // Some producers put a few bytes before the header; readers accept it within 1 KB.
    let head = &bytes[..bytes.len().min(1024)];
    if ext == "pdf" || head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if ext == "epub" || looks_like_epub(bytes) {
        return Ok(Format::Epub);
    }
    if ext == "odt" || looks_like_odt(bytes) {
        return Ok(Format::Odt);
    }
    // A password-protected .docx is an OLE container too; the Word reader says so.
    let zip = bytes.starts_with(b"PK\x03\x04");
    let names_word_part = bytes
        .windows(b"word/".len())
        .take(64 * 1024)
        .any(|w| w == b"word/");
    if ext == "docx" || (zip && names_word_part) {
        return Ok(Format::Docx);
    }
    if ext == "doc" || ext == "wps" || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(Format::LegacyWord);
    }
    if zip {
        return Err(tr(
            "这是压缩包或电子书，不是文本：请先解压或转换为文本（.txt）",
            "This is an archive or an e-book, not text: unpack it or convert it to text (.txt) first",
        ));
    }
    let image = bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"));
    if image {
        return Err(tr(
            "这是图片，不是文本：精读只能打开文字",
            "This is a picture, not text: jingdu opens text only",
        ));
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml") {
        return Ok(Format::Html);
    }
    // A page saved without its extension still says what it is in its first bytes.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
    // Browsers put a comment with the page's address first (`<!-- saved from url=… -->`).
    let markup = head.starts_with('<')
        && ["<!doctype html", "<html", "<head", "<body"]
            .iter()
            .any(|tag| head.contains(tag));
    if markup {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

/// Reads at most [`MAX_FILE_BYTES`] of a regular file; devices and pipes are refused before
/// anything is read from them.
fn read_bounded(path: &Path) -> Result<Vec<u8>, LoadError> {
    use crate::fsutil::ReadError;
    let owned = || path.to_path_buf();
    crate::fsutil::read_regular(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::NotFound => LoadError::NotFound(owned()),
        ReadError::IsDirectory => LoadError::IsDirectory(owned()),
        ReadError::NotAFile => LoadError::NotAFile(owned()),
        ReadError::TooLarge { .. } => LoadError::TooLarge(owned()),
        e @ ReadError::Io(_) => LoadError::Unreadable {
            path: owned(),
            reason: e.to_string(),
        },
    })
}

/// Reads standard input up to [`MAX_FILE_BYTES`] (`jingdu outline -`).
pub fn read_stdin_bounded() -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    let stdin = PathBuf::from("-");
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Unreadable {
            path: stdin.clone(),
            reason: e.to_string(),
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(stdin));
    }
    Ok(bytes)
}

impl Source {
    /// The built-in article.
    pub fn builtin() -> Self {
        Source {
            origin: Origin::Builtin,
            document: parse(BUILTIN_ARTICLE),
            encoding: "UTF-8",
            replaced_bytes: 0,
        }
    }

    /// Builds a source from text already in memory (tests, benchmarks, synthetic documents).
    pub fn from_text(origin: Origin, text: &str) -> Self {
        Source {
            origin,
            document: parse(text),
            encoding: "UTF-8",
            replaced_bytes: 0,
        }
    }

    /// Reads, decodes and parses a file, detecting its encoding.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        Self::open_with(path, None)
    }

    /// Reads, decodes and parses a file; `encoding` overrides detection when the reader
    /// chose one (the 编码 menu, `--encoding`).
    pub fn open_with(
        path: &Path,
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Self, LoadError> {
        let bytes = read_bounded(path)?;
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        Self::from_owned_bytes(Origin::File(absolute), path, bytes, encoding)
    }

    /// Decodes and parses bytes read from `path` (or from standard input or the clipboard,
    /// with a name that says which format they are in).
    pub fn from_bytes(
        origin: Origin,
        path: &Path,
        bytes: &[u8],
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Self, LoadError> {
        Self::from_owned_bytes(origin, path, bytes.to_vec(), encoding)
    }

    /// Like [`Source::from_bytes`], taking the bytes: a UTF-8 text becomes the document's
    /// source without a copy, and the bytes are gone before the structure is built.
    pub fn from_owned_bytes(
        origin: Origin,
        path: &Path,
        bytes: Vec<u8>,
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Self, LoadError> {
        let owned = || path.to_path_buf();
        let format = sniff_format(path, &bytes).map_err(|advice| LoadError::Unsupported {
            path: owned(),
            advice,
        })?;
        let (document, encoding, replaced_bytes) = match format {
            Format::Docx => {
                let document = parse_docx(&bytes).map_err(|reason| LoadError::NotWord {
                    path: owned(),
                    reason,
                })?;
                (document, "UTF-8", 0)
            }
            Format::Pdf => {
                let document = parse_pdf(&bytes).map_err(|reason| LoadError::NotPdf {
                    path: owned(),
                    reason,
                })?;
                (document, "UTF-8", 0)
            }
            Format::LegacyWord => {
                let extension = path
                    .extension()
                    .map(|e| e.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let docx =
                    super::legacy::convert_to_docx(&bytes, &extension).map_err(|reason| {
                        LoadError::NotConverted {
                            path: owned(),
                            reason,
                        }
                    })?;
                let document = parse_docx(&docx).map_err(|reason| LoadError::NotWord {
                    path: owned(),
                    reason,
                })?;
                (document, "UTF-8", 0)
            }
            Format::Odt => {
                let document = parse_odt(&bytes).map_err(|reason| LoadError::NotOdt {
                    path: owned(),
                    reason,
                })?;
                (document, "UTF-8", 0)
            }
            Format::Epub => {
                let document = parse_epub(&bytes).map_err(|reason| LoadError::NotEpub {
                    path: owned(),
                    reason,
                })?;
                (document, "UTF-8", 0)
            }
            Format::Text | Format::Html => {
                let not_text = |reason| LoadError::NotText {
                    path: owned(),
                    reason,
                };
                let decoded = decode_owned(bytes, encoding).map_err(not_text)?;
                let text = decoded.text;
                let (encoding, replaced) = (decoded.encoding, decoded.replaced);
                let document = if format == Format::Html {
                    parse_html(&text).map_err(|reason| LoadError::NotAnArticle {
                        path: owned(),
                        reason,
                    })?
                } else {
                    parse_owned(text)
                };
                (document, encoding, replaced)
            }
        };
        Ok(Source {
            origin,
            document,
            encoding,
            replaced_bytes,
        })
    }

    /// Fetches `url`, keeps the page in `<data_dir>/web/`, and opens the kept copy: it reopens
    /// offline with its notes, and its citation carries the address. When the site cannot be
    /// reached but the page was kept before, the kept copy opens, and the second value says so.
    pub fn open_link(url: &str, data_dir: &Path) -> Result<(Self, Option<String>), LoadError> {
        let (path, offline) = Self::keep_link(url, data_dir)?;
        Ok((Self::open(&path)?, offline))
    }

    /// The fetching half of [`Source::open_link`]: the kept page's path, and what to say when
    /// it is an older copy because the site could not be reached.
    pub fn keep_link(url: &str, data_dir: &Path) -> Result<(PathBuf, Option<String>), LoadError> {
        let failed = |reason: String| LoadError::Link {
            url: url.to_owned(),
            reason,
        };
        let kept = super::web::kept_page_path(data_dir, url);
        let page = match super::web::fetch(url) {
            Ok(page) => page,
            Err(e) if kept.is_file() => {
                let note = crate::i18n::trf(
                    "{}；打开的是之前保存的副本：{}",
                    "{}; opened the copy kept before: {}",
                    &[&e, &url],
                );
                return Ok((kept, Some(note)));
            }
            Err(e) => return Err(failed(e.to_string())),
        };
        let path = super::web::save_fetched(data_dir, url, &page).map_err(|e| {
            failed(crate::i18n::trf(
                "无法保存网页（{}）",
                "Cannot keep the page ({})",
                &[&e],
            ))
        })?;
        Ok((path, None))
    }

    /// Opens `path`, or the built-in article when there is none.
    pub fn open_or_builtin(path: Option<&Path>) -> Result<Self, LoadError> {
        match path {
            Some(p) => Self::open(p),
            None => Ok(Self::builtin()),
        }
    }

    /// What to tell the reader about damage in the file, if any: how many bytes could not
    /// be read and were replaced (U+FFFD), or which pages of a PDF were left out.
    pub fn damage_warning(&self) -> Option<String> {
        let path = self
            .origin
            .path()
            .map_or_else(String::new, |p| p.display().to_string());
        let unread = self.document.unread_pages();
        if !unread.is_empty() {
            let shown: Vec<String> = unread.iter().take(10).map(u32::to_string).collect();
            let mut pages = shown.join(crate::i18n::tr("、", ", "));
            if unread.len() > shown.len() {
                pages.push_str(crate::i18n::tr("等", " and more"));
            }
            return Some(crate::i18n::trn(
                "PDF 有 {} 页无法读取，已跳过（第 {} 页）：{}",
                "{} page of the PDF could not be read and was left out (page {}): {}",
                "{} pages of the PDF could not be read and were left out (pages {}): {}",
                unread.len(),
                &[&unread.len(), &pages, &path],
            ));
        }
        (self.replaced_bytes > 0).then(|| {
            crate::i18n::trn(
                "文件有 {} 个字节不是有效的 {}，已用替换符代替：{}",
                "{} byte of the file is not valid {} and was replaced: {}",
                "{} bytes of the file are not valid {} and were replaced: {}",
                self.replaced_bytes,
                &[&self.replaced_bytes, &self.encoding, &path],
            )
        })
    }

    /// A short name for window titles and file names: the title, else the file name.
    pub fn display_name(&self) -> String {
        if let Some(t) = &self.document.meta.title {
            return t.clone();
        }
        match &self.origin {
            Origin::File(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "未命名".into()),
            Origin::Builtin => "未命名".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_names_it() {
        let err = Source::open(Path::new("/no/such/file.txt")).unwrap_err();
        assert!(matches!(err, LoadError::NotFound(_)));
        assert!(err.to_string().ends_with("/no/such/file.txt"));
    }

    #[test]
    fn directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            Source::open(dir.path()).unwrap_err(),
            LoadError::IsDirectory(_)
        ));
    }

    #[test]
    fn binary_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.txt");
        std::fs::write(&p, b"\0\0\0binary").unwrap();
        assert!(matches!(
            Source::open(&p).unwrap_err(),
            LoadError::NotText { .. }
        ));
    }

    #[test]
    fn formats_we_cannot_read_say_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes, says) in [
            ("a.pdf", &b"%PDF-1.7\n..."[..], "无法读取这个 PDF"),
            ("b.epub", &b"PK\x03\x04...."[..], "EPUB"),
            ("c.png", &b"\x89PNG\r\n\x1a\n...."[..], "图片"),
            ("d.zip", &b"PK\x03\x04...."[..], "压缩包"),
        ] {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            let err = Source::open(&p).unwrap_err().to_string();
            assert!(err.contains(says), "{err}");
            assert!(err.ends_with(name), "{err}");
        }
    }

    #[test]
    fn devices_and_pipes_are_refused_without_reading() {
        #[cfg(unix)]
        {
            let err = Source::open(Path::new("/dev/urandom")).unwrap_err();
            assert!(matches!(err, LoadError::NotAFile(_)), "{err}");
        }
    }

    #[test]
    fn a_page_without_extension_is_read_as_html() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("saved");
        std::fs::write(&p, "<!-- saved from url=(0040)https://example.com/ -->\n<html><head><title>读书</title></head><body><div><p>读书要有计划，每天读一点，日积月累，自然会有很大的收获。这是许多读书人的经验。</p></div></body></html>").unwrap();
        let s = Source::open(&p).unwrap();
        assert_eq!(s.document.meta.title.as_deref(), Some("读书"));
        assert_eq!(s.document.paragraph_count(), 1);
    }

    #[test]
    fn display_name_falls_back_to_file_stem() {
        let s = Source::from_text(
            Origin::File("/tmp/祝福.txt".into()),
            "\u{3000}\u{3000}正文。",
        );
        assert_eq!(s.display_name(), "祝福");
    }
}
