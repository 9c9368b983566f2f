//! Links: an `http(s)` page fetched and kept in the data folder, so that it reopens offline with
//! its notes, then read like any saved web page. The copy starts with a UTF-8 BOM (the BOM
//! outranks the page's own `<meta charset>`, which no longer holds once the text is UTF-8) and
//! with the comment browsers write when they save a page, `<!-- saved from url=(0042)https://… -->`,
//! from which the web-page reader takes the address for the citation.
//!
//! The client is `ureq` with rustls: blocking (fetching runs on the opening worker or in the CLI
//! anyway), no OpenSSL to depend on, timeouts, a redirect limit and a body cap built in.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Largest page we fetch.
pub const MAX_PAGE_BYTES: u64 = 32 * 1024 * 1024;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 5;

/// Why a link could not be opened.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    /// Not an `http` or `https` address.
    #[error(
        "{}",
        crate::i18n::tr(
            "这不是可以打开的网址（只支持 http:// 和 https://）",
            "Not an address jingdu can open (http:// and https:// only)"
        )
    )]
    NotALink,
    /// The server could not be reached (no network, a name that does not resolve, TLS).
    #[error("{}", crate::i18n::trf("无法连接到网站（{}）：请检查网络后重试", "Cannot reach the site ({}): check the network and try again", &[&.0]))]
    Unreachable(String),
    /// No answer within the time allowed.
    #[error(
        "{}",
        crate::i18n::tr(
            "网站长时间没有响应：请稍后重试，或在浏览器中打开后“另存为”网页再打开",
            "The site did not answer in time: try again later, or save the page from a browser and open that"
        )
    )]
    Timeout,
    /// The server answered with an error status.
    #[error("{}", crate::i18n::trf("网站返回错误 {}：网址可能有误，或文章已被删除", "The site answered with error {}: the address may be wrong or the article removed", &[&.0]))]
    Status(u16),
    /// More redirects than [`MAX_REDIRECTS`].
    #[error(
        "{}",
        crate::i18n::tr("网址重定向次数过多，无法打开", "The address redirects too many times")
    )]
    TooManyRedirects,
    /// The page is larger than [`MAX_PAGE_BYTES`].
    #[error(
        "{}",
        crate::i18n::tr(
            "网页太大（超过 32 MB），无法打开",
            "The page is too large to open (over 32 MB)"
        )
    )]
    TooLarge,
    /// The address gives something other than a web page (a PDF, a picture…).
    #[error("{}", crate::i18n::trf("这个网址不是网页（{}）：请下载后用精读打开文件", "This address is not a web page ({}): download it and open the file in jingdu", &[&.0]))]
    NotAPage(String),
}

/// What to wait for and how much to take.
#[derive(Clone, Copy, Debug)]
pub struct FetchLimits {
    /// The whole exchange, connection to last byte.
    pub timeout: Duration,
    /// Body size cap.
    pub max_bytes: u64,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            timeout: Duration::from_secs(30),
            max_bytes: MAX_PAGE_BYTES,
        }
    }
}

/// A fetched page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The address the page came from, after redirects.
    pub url: String,
    /// The page's text, decoded with the charset the server named, else as the page says.
    pub html: String,
}

/// Whether `s` is an address to fetch rather than a path.
pub fn is_web_link(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches a page with the default limits.
pub fn fetch(url: &str) -> Result<Fetched, FetchError> {
    fetch_with(url, FetchLimits::default())
}

/// Fetches a page.
pub fn fetch_with(url: &str, limits: FetchLimits) -> Result<Fetched, FetchError> {
    let url = url.trim();
    if !is_web_link(url) || url::Url::parse(url).is_err() {
        return Err(FetchError::NotALink);
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("jingdu/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(transport_error)?;
    let status = response.status().as_u16();
    if status >= 400 {
        return Err(FetchError::Status(status));
    }
    if (300..400).contains(&status) {
        return Err(FetchError::TooManyRedirects);
    }
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    let page = media.is_empty() || media.contains("html") || media.starts_with("text/");
    if !page {
        return Err(FetchError::NotAPage(media));
    }
    let charset = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .next()
        .map(|c| c.trim_matches(['"', '\'']).to_owned());
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(transport_error)?;
    let encoding = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()));
    let html = match super::decode_owned(bytes, encoding) {
        Ok(d) => d.text,
        Err(_) => return Err(FetchError::NotAPage(media)),
    };
    Ok(Fetched {
        url: final_url,
        html,
    })
}

/// The error to report for a failed exchange.
fn transport_error(e: ureq::Error) -> FetchError {
    match e {
        ureq::Error::Timeout(_) => FetchError::Timeout,
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects,
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge,
        ureq::Error::StatusCode(code) => FetchError::Status(code),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => FetchError::Timeout,
        other => FetchError::Unreachable(other.to_string()),
    }
}

/// Where the page of `url` is kept: `<dir>/web/<host> <hash of the address>.html`. The same
/// link is always the same file, so opening it again is the same document with its notes
/// (re-anchored if the page changed), and it opens from there when the site cannot be reached.
pub fn kept_page_path(dir: &Path, url: &str) -> PathBuf {
    use sha2::Digest as _;
    let host = url::Url::parse(url.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "page".to_owned());
    let host: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let digest = sha2::Sha256::digest(url.trim().as_bytes());
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    dir.join("web").join(format!("{host} {hash}.html"))
}

/// Keeps a fetched page (asked for as `asked`) at [`kept_page_path`], replacing an older copy
/// atomically; returns its path.
pub fn save_fetched(dir: &Path, asked: &str, page: &Fetched) -> std::io::Result<PathBuf> {
    let path = kept_page_path(dir, asked);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let mut text = String::with_capacity(page.html.len() + page.url.len() + 64);
    text.push('\u{feff}');
    // What browsers write when they save a page; the URL cannot end the comment early.
    let url = page.url.replace("--", "%2D%2D");
    text.push_str(&format!(
        "<!-- saved from url=({:04}){url} -->\n",
        url.len()
    ));
    text.push_str(page.html.trim_start_matches('\u{feff}'));
    crate::fsutil::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// The address in a page saved by a browser or by jingdu (`<!-- saved from url=(0042)URL -->`
/// in its first kilobytes).
pub fn saved_from_url(html: &str) -> Option<String> {
    let head: String = html.chars().take(2048).collect();
    let at = head.find("saved from url=")? + "saved from url=".len();
    let rest = &head[at..];
    let rest = match rest.strip_prefix('(') {
        Some(r) => &r[r.find(')')? + 1..],
        None => rest,
    };
    let url: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    let url = url.trim_end_matches("-->").replace("%2D%2D", "--");
    is_web_link(&url).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;

    /// Serves canned answers on localhost: `routes` maps a path to (status line, headers, body);
    /// `/slow` never answers. Returns the base address.
    fn serve(routes: Vec<(&'static str, String, Vec<u8>)>) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let routes = routes.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut request = String::new();
                    if reader.read_line(&mut request).is_err() {
                        return;
                    }
                    let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                            break;
                        }
                    }
                    if path == "/slow" {
                        std::thread::sleep(Duration::from_secs(5));
                        return;
                    }
                    let (head, body) = routes
                        .iter()
                        .find(|r| r.0 == path)
                        .map(|r| (r.1.clone(), r.2.clone()))
                        .unwrap_or(("404 Not Found\r\n".into(), b"no".to_vec()));
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {head}Content-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(&body);
                });
            }
        });
        base
    }

    const PAGE: &str = "<html><head><meta charset=\"gbk\"><title>读书札记_某某网</title></head><body><div class=\"article\"><h1>读书札记</h1><p>读书的方法有很多种，最要紧的是读进去，再读出来。这是前人的经验之谈，值得记住。</p></div></body></html>";

    fn limits(timeout_ms: u64, max_bytes: u64) -> FetchLimits {
        FetchLimits {
            timeout: Duration::from_millis(timeout_ms),
            max_bytes,
        }
    }

    #[test]
    fn pages_redirects_errors_timeouts_and_caps() {
        let (gbk, _, _) = encoding_rs::GBK.encode(PAGE);
        let base = serve(vec![
            (
                "/gbk",
                "200 OK\r\nContent-Type: text/html; charset=GBK\r\n".into(),
                gbk.into_owned(),
            ),
            (
                "/moved",
                "302 Found\r\nLocation: /gbk\r\n".into(),
                Vec::new(),
            ),
            (
                "/loop",
                "302 Found\r\nLocation: /loop\r\n".into(),
                Vec::new(),
            ),
            (
                "/big",
                "200 OK\r\nContent-Type: text/html\r\n".into(),
                vec![b'a'; 200_000],
            ),
            (
                "/pdf",
                "200 OK\r\nContent-Type: application/pdf\r\n".into(),
                b"%PDF-1.7".to_vec(),
            ),
        ]);
        let ok = limits(3000, 100_000);
        let page = fetch_with(&format!("{base}/gbk"), ok).unwrap();
        assert!(page.html.contains("读书的方法"), "{}", page.html);
        let page = fetch_with(&format!("{base}/moved"), ok).unwrap();
        assert!(page.url.ends_with("/gbk"), "{}", page.url);
        assert!(page.html.contains("读书札记"));
        assert_eq!(
            fetch_with(&format!("{base}/loop"), ok).unwrap_err(),
            FetchError::TooManyRedirects
        );
        assert_eq!(
            fetch_with(&format!("{base}/missing"), ok).unwrap_err(),
            FetchError::Status(404)
        );
        assert_eq!(
            fetch_with(&format!("{base}/big"), ok).unwrap_err(),
            FetchError::TooLarge
        );
        assert_eq!(
            fetch_with(&format!("{base}/pdf"), ok).unwrap_err(),
            FetchError::NotAPage("application/pdf".into())
        );
        assert_eq!(
            fetch_with(&format!("{base}/slow"), limits(300, 100_000)).unwrap_err(),
            FetchError::Timeout
        );
        assert_eq!(
            fetch_with("ftp://x/", ok).unwrap_err(),
            FetchError::NotALink
        );
        // Nothing listens on port 9 of localhost.
        assert!(matches!(
            fetch_with("http://127.0.0.1:9/", ok).unwrap_err(),
            FetchError::Unreachable(_)
        ));
    }

    #[test]
    fn a_kept_page_reopens_with_its_address() {
        let dir = tempfile::tempdir().unwrap();
        let page = Fetched {
            url: "https://example.com/a--b/文章.html?id=1".into(),
            html: PAGE.into(),
        };
        let asked = "https://example.com/s/abc";
        let a = save_fetched(dir.path(), asked, &page).unwrap();
        // The same link is the same file, replaced; another link another file.
        let b = save_fetched(dir.path(), asked, &page).unwrap();
        assert_eq!(a, b);
        assert_ne!(
            a,
            save_fetched(dir.path(), "https://example.com/s/abd", &page).unwrap()
        );
        assert!(a.starts_with(dir.path().join("web")));
        let text = std::fs::read_to_string(&a).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(saved_from_url(&text).as_deref(), Some(page.url.as_str()));
        // The GBK declaration inside no longer matters: the BOM says UTF-8.
        let source = super::super::Source::open(&a).unwrap();
        assert_eq!(source.document.meta.title.as_deref(), Some("读书札记"));
        assert_eq!(source.document.meta.url.as_deref(), Some(page.url.as_str()));
    }

    #[test]
    fn addresses_are_told_from_paths() {
        assert!(is_web_link("https://mp.weixin.qq.com/s/abc"));
        assert!(is_web_link("HTTP://example.com"));
        assert!(!is_web_link("/home/a/http.txt"));
        assert!(!is_web_link("文章.txt"));
        assert_eq!(
            saved_from_url("<!-- saved from url=(0022)https://example.com/ -->\n<html>"),
            Some("https://example.com/".into())
        );
        assert_eq!(saved_from_url("<html>no comment</html>"), None);
    }
}
