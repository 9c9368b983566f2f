//! 竖排, vertical text: which characters stand upright in a column, which lie on their side,
//! and which mark takes its vertical form — the character-level rules of W3C clreq §3.1.6 and
//! Unicode UAX #50, reduced to what Chinese text needs. Display only: the reader draws these
//! forms, while offsets, selection and notes keep the source chars.

/// How a char sits in a vertical column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// Upright, one after the other down the column (Han, kana, full-width marks).
    Upright,
    /// Turned 90° clockwise, as a run reads down the column (Latin words, long numbers).
    Sideways,
    /// 縱中橫: a run of one or two digits set upright across the column in one em; `first`
    /// marks the char that starts the run.
    Combined {
        /// Whether this char starts the run.
        first: bool,
    },
}

/// The vertical presentation form of a full-width mark (`，` → `︐`, `“` → `﹁`, `（` → `︵`),
/// or the char itself. GB/T 15834 sets quotation marks in vertical text as corner brackets, so
/// `“ ” ‘ ’` take the forms of `「 」 『 』`.
pub fn vertical_form(c: char) -> char {
    match c {
        '，' => '︐',
        '、' => '︑',
        '。' => '︒',
        '：' => '︓',
        '；' => '︔',
        '！' => '︕',
        '？' => '︖',
        '〖' => '︗',
        '〗' => '︘',
        '…' => '︙',
        '‥' => '︰',
        '—' | '―' => '︱',
        '–' => '︲',
        '（' => '︵',
        '）' => '︶',
        '｛' => '︷',
        '｝' => '︸',
        '〔' => '︹',
        '〕' => '︺',
        '【' => '︻',
        '】' => '︼',
        '《' => '︽',
        '》' => '︾',
        '〈' => '︿',
        '〉' => '﹀',
        '「' | '“' => '﹁',
        '」' | '”' => '﹂',
        '『' | '‘' => '﹃',
        '』' | '’' => '﹄',
        '［' => '﹇',
        '］' => '﹈',
        other => other,
    }
}

/// Whether `c` stands upright on its own (UAX #50 `U`): Han, kana, Hangul, full-width forms,
/// CJK symbols and emoji. Everything else — Latin, Greek, Cyrillic, ASCII marks, spaces — lies
/// on its side.
fn is_upright(c: char) -> bool {
    if vertical_form(c) != c {
        return true;
    }
    match c {
        // Full-width tilde and hyphen are drawn turned, like their horizontal line.
        '～' | '－' | '〜' => false,
        '·' | '•' | '※' | '〓' => true,
        // Roman numerals, circled numbers, box drawing, shapes, symbols and dingbats (`Ⅻ ①
        // ■ ★ ❤`) stand like Han (UAX #50 `U`).
        _ => matches!(c as u32,
            0x1100..=0x11FF | 0x2150..=0x218F | 0x2460..=0x27BF | 0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x312F |
            0x3190..=0x31FF | 0x3200..=0x4DBF | 0x4E00..=0x9FFF | 0xA960..=0xA97F |
            0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F |
            0xFF01..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F000..=0x1FAFF | 0x20000..=0x3FFFF),
    }
}

/// How each char of `chars` sits in a vertical column. A run of one or two ASCII digits that
/// stands alone between upright chars (`7月3日`, `第12条`) is combined across the column;
/// longer numbers, and digits that are part of a Latin run (`5G`, `3.14`), lie on their side
/// with the run. Linear in the text.
pub fn orientations(chars: &[char]) -> Vec<Orientation> {
    let mut out: Vec<Orientation> = chars
        .iter()
        .map(|&c| {
            if is_upright(c) {
                Orientation::Upright
            } else {
                Orientation::Sideways
            }
        })
        .collect();
    // A sideways run is a maximal run of sideways chars other than spaces.
    let mut i = 0;
    while i < chars.len() {
        if out[i] != Orientation::Sideways || chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && out[i] == Orientation::Sideways && !chars[i].is_whitespace() {
            i += 1;
        }
        let run = &chars[start..i];
        if run.len() <= 2 && run.iter().all(|c| c.is_ascii_digit()) {
            for (k, o) in out[start..i].iter_mut().enumerate() {
                *o = Orientation::Combined { first: k == 0 };
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Orientation::*;

    fn kinds(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        orientations(&chars)
            .into_iter()
            .map(|o| match o {
                Upright => 'U',
                Sideways => 'R',
                Combined { first: true } => 'T',
                Combined { first: false } => 't',
            })
            .collect()
    }

    #[test]
    fn han_stands_latin_lies_short_numbers_combine() {
        assert_eq!(kinds("发布iPhone了"), "UURRRRRRU");
        assert_eq!(kinds("7月3日"), "TUTU");
        assert_eq!(kinds("第12条"), "UTtU");
        assert_eq!(kinds("2018年"), "RRRRU");
        // Digits inside a Latin run go with the run.
        assert_eq!(kinds("5G网络"), "RRUU");
        assert_eq!(kinds("约3.5倍"), "URRRU");
        // A space splits runs: each short number combines on its own.
        assert_eq!(kinds("第 3 条"), "URTRU");
    }

    #[test]
    fn marks_take_their_vertical_forms_and_stand_upright() {
        let text = "“组织，”（一）《报》。……——";
        let vertical: String = text.chars().map(vertical_form).collect();
        assert_eq!(vertical, "﹁组织︐﹂︵一︶︽报︾︒︙︙︱︱");
        assert!(kinds(text).chars().all(|k| k == 'U'));
        // Marks with no vertical form and plain Han keep their char.
        assert_eq!(vertical_form('组'), '组');
        assert_eq!(vertical_form('a'), 'a');
        // The wave dash lies on its side like the line it draws.
        assert_eq!(kinds("一～二"), "URU");
        // Symbols stand: Roman numerals, circled numbers, stars, hearts.
        assert_eq!(kinds("第Ⅻ章①★❤"), "UUUUUU");
    }
}
