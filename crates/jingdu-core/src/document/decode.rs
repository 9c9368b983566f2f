//! Bytes of a file → text. Chinese texts still circulate in GBK/GB18030 and as UTF-16 from
//! Windows tools; a reader that only accepts UTF-8 shows such a file as garbage, so we detect
//! the encoding (BOM, then strict UTF-8, then GB18030) and refuse what is not text at all.

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are neither UTF-8, UTF-16 with a BOM, nor GB18030.
    #[error("不是可识别的文本文件（支持 UTF-8、UTF-16、GBK/GB18030 编码）")]
    NotText,
    /// The file holds NUL bytes or other signs of binary content.
    #[error("这是二进制文件，不是文本")]
    Binary,
}

/// Decodes the bytes of a text file, returning the text and the name of the encoding used.
pub fn decode_bytes(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_owned(), "UTF-8"))
            .map_err(|_| DecodeError::NotText);
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(DecodeError::NotText);
        }
        return Ok((text.into_owned(), enc.name()));
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), "UTF-8"));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::NotText);
    }
    Ok((text.into_owned(), "GB18030"))
}

/// NUL bytes never occur in UTF-8 or GB18030 text; a few in the first 8 KiB mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_bytes("精读".as_bytes()).unwrap().0, "精读");
        assert_eq!(decode_bytes(b"\xEF\xBB\xBF\xE7\xB2\xBE").unwrap().0, "精");
    }

    #[test]
    fn gbk_is_decoded() {
        let (gbk, _, _) = encoding_rs::GBK.encode("中华人民共和国宪法");
        let (text, enc) = decode_bytes(&gbk).unwrap();
        assert_eq!(text, "中华人民共和国宪法");
        assert_eq!(enc, "GB18030");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "读书".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_bytes(&bytes).unwrap().0, "读书");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode_bytes(b"\x89PNG\r\n\x1a\n\0\0\0").unwrap_err(),
            DecodeError::Binary
        );
    }
}
