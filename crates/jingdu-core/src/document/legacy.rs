//! Old Word (`.doc`) and WPS (`.wps`) files: binary formats no Rust crate reads well, which
//! LibreOffice converts faithfully. When `soffice` is installed the file is converted to
//! `.docx` in a private temporary folder (`soffice --headless --convert-to docx`, with its own
//! user profile so that a LibreOffice window the reader has open does not take the job) and
//! read as a Word document; without it, one line says how to open the file.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a conversion may take.
pub const CONVERT_TIMEOUT: Duration = Duration::from_secs(60);

/// Why an old Word or WPS file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LegacyError {
    /// LibreOffice is not installed.
    #[error(
        "{}",
        crate::i18n::tr(
            "打开旧版 Word（.doc）或 WPS（.wps）文档需要 LibreOffice：安装后（如 sudo apt install libreoffice-writer）即可直接打开；或先在 Word/WPS 中另存为 .docx",
            "Old Word (.doc) and WPS (.wps) files need LibreOffice: install it (e.g. sudo apt install libreoffice-writer) and open the file again, or save it as .docx in Word or WPS"
        )
    )]
    NoConverter,
    /// The conversion failed (a damaged or password-protected file).
    #[error(
        "{}",
        crate::i18n::tr(
            "LibreOffice 无法转换这个文档（可能已损坏或有密码保护）：请在 Word 或 WPS 中打开后另存为 .docx",
            "LibreOffice could not convert this document (damaged or password-protected?): open it in Word or WPS and save it as .docx"
        )
    )]
    Failed,
    /// The conversion did not finish in [`CONVERT_TIMEOUT`].
    #[error(
        "{}",
        crate::i18n::tr(
            "LibreOffice 转换文档超时：请在 Word 或 WPS 中打开后另存为 .docx",
            "LibreOffice took too long to convert the document: open it in Word or WPS and save it as .docx"
        )
    )]
    Timeout,
}

/// The `soffice` on the `PATH` (or `libreoffice`), if any.
pub fn find_converter() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// Converts the bytes of a `.doc` or `.wps` file to the bytes of a `.docx`.
pub fn convert_to_docx(bytes: &[u8], extension: &str) -> Result<Vec<u8>, LegacyError> {
    let soffice = find_converter().ok_or(LegacyError::NoConverter)?;
    convert_with(&soffice, bytes, extension, CONVERT_TIMEOUT)
}

/// [`convert_to_docx`] with the converter and the time allowed given.
pub fn convert_with(
    soffice: &Path,
    bytes: &[u8],
    extension: &str,
    timeout: Duration,
) -> Result<Vec<u8>, LegacyError> {
    let work = tempfile::tempdir().map_err(|_| LegacyError::Failed)?;
    let extension = if extension.eq_ignore_ascii_case("wps") {
        "wps"
    } else {
        "doc"
    };
    let input = work.path().join(format!("document.{extension}"));
    std::fs::write(&input, bytes).map_err(|_| LegacyError::Failed)?;
    let profile = work.path().join("profile");
    let profile_url = url::Url::from_directory_path(&profile)
        .map(|u| u.to_string())
        .map_err(|_| LegacyError::Failed)?;
    let out = work.path().join("out");
    let mut child = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&out)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LegacyError::NoConverter,
            _ => LegacyError::Failed,
        })?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(LegacyError::Timeout);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(_) => return Err(LegacyError::Failed),
        }
    }
    std::fs::read(out.join("document.docx")).map_err(|_| LegacyError::Failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_libreoffice_the_message_says_what_to_do() {
        let err = convert_with(
            Path::new("/nonexistent/soffice"),
            b"\xD0\xCF\x11\xE0",
            "doc",
            CONVERT_TIMEOUT,
        )
        .unwrap_err();
        assert_eq!(err, LegacyError::NoConverter);
        assert!(err.to_string().contains("LibreOffice"));
    }

    #[test]
    fn a_converter_that_never_finishes_is_stopped() {
        // `sleep` stands in for a LibreOffice that hangs on a file.
        let Some(sleep) = ["/bin/sleep", "/usr/bin/sleep"]
            .iter()
            .map(Path::new)
            .find(|p| p.is_file())
        else {
            return;
        };
        // `sleep -env:… --headless …` fails at once; a script that sleeps stands in instead.
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("soffice");
        std::fs::write(&script, format!("#!/bin/sh\nexec {} 30\n", sleep.display())).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
            let started = Instant::now();
            let err = convert_with(&script, b"x", "doc", Duration::from_millis(300)).unwrap_err();
            assert_eq!(err, LegacyError::Timeout);
            assert!(started.elapsed() < Duration::from_secs(10));
        }
    }

    /// A real conversion when LibreOffice is installed (`JINGDU_REQUIRE_SOFFICE=1` makes its
    /// absence a failure): a `.doc` written by LibreOffice itself from an `.odt` reads back.
    #[test]
    fn a_doc_written_by_libreoffice_reads_as_its_text() {
        let Some(soffice) = find_converter() else {
            assert!(
                std::env::var_os("JINGDU_REQUIRE_SOFFICE").is_none(),
                "LibreOffice is required"
            );
            eprintln!("soffice not installed: skipped");
            return;
        };
        // Make a .doc: LibreOffice converts a text file to Word 97.
        let dir = tempfile::tempdir().unwrap();
        let txt = dir.path().join("意见.txt");
        std::fs::write(
            &txt,
            "关于做好工作的意见\n\n一、总体要求\n\n要坚持问题导向，把工作落到实处。\n\n二、重点任务\n\n抓好落实。\n",
        )
        .unwrap();
        let profile = url::Url::from_directory_path(dir.path().join("profile")).unwrap();
        let status = Command::new(&soffice)
            .arg(format!("-env:UserInstallation={profile}"))
            .args(["--headless", "--convert-to", "doc", "--outdir"])
            .arg(dir.path())
            .arg(&txt)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        let doc = std::fs::read(dir.path().join("意见.doc")).unwrap();
        assert!(doc.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]));
        let docx = convert_with(&soffice, &doc, "doc", CONVERT_TIMEOUT).unwrap();
        let parsed = crate::document::parse_docx(&docx).unwrap();
        assert!(parsed.body_text().contains("要坚持问题导向"));
        assert_eq!(parsed.sections.len(), 2);
    }
}
