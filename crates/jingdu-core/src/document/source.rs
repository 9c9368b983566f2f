//! Where a document comes from: the article built into the binary, or a file on disk.
//! Reading, decoding and parsing happen here once, for the window and the CLI alike.

use std::path::{Path, PathBuf};

use super::{DecodeError, Document, decode_bytes, parse};

/// The article shown when jingdu starts without a file.
pub const BUILTIN_ARTICLE: &str = include_str!("../../../../assets/builtin-article.txt");

/// Stable identity of the built-in article, used to find its notes.
pub const BUILTIN_ID: &str = "builtin-c86fc473580abeae";

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
}

/// Why a document could not be opened. Messages name the file last, as the user reads them.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// No file at that path.
    #[error("找不到文件：{0}")]
    NotFound(PathBuf),
    /// The path names a directory.
    #[error("这是一个文件夹，不是文本文件：{0}")]
    IsDirectory(PathBuf),
    /// The file exceeds [`MAX_FILE_BYTES`].
    #[error("文件太大（超过 256 MB），无法打开：{0}")]
    TooLarge(PathBuf),
    /// Reading failed (permissions, I/O error).
    #[error("无法读取文件（{reason}）：{path}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The operating system's explanation.
        reason: String,
    },
    /// The bytes are not text in a supported encoding.
    #[error("{reason}：{path}")]
    NotText {
        /// The file.
        path: PathBuf,
        /// What is wrong with the content.
        reason: DecodeError,
    },
}

impl Source {
    /// The built-in article.
    pub fn builtin() -> Self {
        Source {
            origin: Origin::Builtin,
            document: parse(BUILTIN_ARTICLE),
            encoding: "UTF-8",
        }
    }

    /// Builds a source from text already in memory (tests, benchmarks, synthetic documents).
    pub fn from_text(origin: Origin, text: &str) -> Self {
        Source {
            origin,
            document: parse(text),
            encoding: "UTF-8",
        }
    }

    /// Reads, decodes and parses a file.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let owned = path.to_path_buf();
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound(owned.clone()),
            _ => LoadError::Unreadable {
                path: owned.clone(),
                reason: e.to_string(),
            },
        })?;
        if meta.is_dir() {
            return Err(LoadError::IsDirectory(owned));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(LoadError::TooLarge(owned));
        }
        let bytes = std::fs::read(path).map_err(|e| LoadError::Unreadable {
            path: owned.clone(),
            reason: e.to_string(),
        })?;
        let (text, encoding) = decode_bytes(&bytes).map_err(|reason| LoadError::NotText {
            path: owned.clone(),
            reason,
        })?;
        let absolute = std::path::absolute(path).unwrap_or(owned);
        Ok(Source {
            origin: Origin::File(absolute),
            document: parse(&text),
            encoding,
        })
    }

    /// Opens `path`, or the built-in article when there is none.
    pub fn open_or_builtin(path: Option<&Path>) -> Result<Self, LoadError> {
        match path {
            Some(p) => Self::open(p),
            None => Ok(Self::builtin()),
        }
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
    fn display_name_falls_back_to_file_stem() {
        let s = Source::from_text(
            Origin::File("/tmp/祝福.txt".into()),
            "\u{3000}\u{3000}正文。",
        );
        assert_eq!(s.display_name(), "祝福");
    }
}
