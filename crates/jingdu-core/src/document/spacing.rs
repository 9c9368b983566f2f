//! The space between characters as a Chinese typesetter adjusts it, per W3C clreq and GB/T
//! 15834, for display only (char offsets never change):
//!
//! - **标点挤压, punctuation compression.** A full-width mark's ink sits in one half of its em
//!   box (in Simplified Chinese fonts `，。、：；！？` and closing brackets on the left, opening
//!   brackets on the right). Where marks meet, half an em between them goes, as clreq asks
//!   ("any two adjacent punctuation marks that are 2 em wide should be reduced to 1.5 em"):
//!   `”，`, `。”`, `（“`, `》《` and `，“` all take 1.5 em, each bracket close to the text it
//!   encloses. (The halves were measured in Noto Serif/Sans CJK SC.)
//! - **中西文间距, Han–Latin spacing.** A quarter em between a Han character and a Latin letter
//!   or digit next to it (`2018年`, `发布iPhone`), never where the text already has a space.
//! - **行首行尾挤压, line-edge compression.** An opening mark that starts a line and a closing
//!   mark that ends one lose their blank half, so that the ink, not the blank, meets the margin
//!   ([`line_start_trim`], [`line_end_trim`]; applied by the typesetters once lines are known).
//!
//! The result is, for each char, the change (in em) of the space after it; the typesetters
//! add it to the char's advance before breaking lines, so breaking, justification and hit
//! testing all see the same widths. Linear in the text.

use super::lines::is_cjk;

/// The Han–Latin gap, in em.
pub const HAN_LATIN_GAP: f32 = 0.25;

/// Which half of its em box a full-width mark leaves blank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Blank {
    /// Opening brackets and quotes: ink on the right.
    Left,
    /// Closing brackets and quotes, and `，。、：；！？`: ink on the left.
    Right,
}

fn blank_side(c: char, spacing: Spacing) -> Option<Blank> {
    let vertical = spacing.vertical;
    match c {
        // In vertical text these stand in the middle of their box (`︓︔︕︖`): nothing blank
        // along the column to give up.
        '：' | '；' | '！' | '？' if vertical => None,
        // Traditional vertical text centres its stops (`。，、` in the middle of the box).
        '，' | '。' | '、' if vertical && spacing.centred_stops => None,
        '“' | '‘' | '（' | '《' | '〈' | '「' | '『' | '【' | '〔' | '〖' | '［' | '｛' => {
            Some(Blank::Left)
        }
        '”' | '’' | '）' | '》' | '〉' | '」' | '』' | '】' | '〕' | '〗' | '］' | '｝' | '，'
        | '。' | '、' | '：' | '；' | '！' | '？' => Some(Blank::Right),
        _ => None,
    }
}

/// Whether `c` is a Han character (or kana) rather than punctuation or a symbol.
fn is_han(c: char) -> bool {
    is_cjk(c)
        && !matches!(c as u32, 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
        && blank_side(c, Spacing::default()).is_none()
}

/// Whether `c` is a Latin letter or a digit (ASCII or Latin-script accented letters).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && ('\u{C0}'..='\u{24F}').contains(&c))
}

/// How the space around characters is adjusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spacing {
    /// Compress adjacent punctuation.
    pub compress_punctuation: bool,
    /// A quarter em between Han and Latin.
    pub han_latin_gap: bool,
    /// Half-width opening marks at line start and closing marks at line end.
    pub line_edges: bool,
    /// The text is set in vertical columns, where marks take their vertical forms.
    pub vertical: bool,
    /// In vertical text, `。，、` stand centred in their box, as Traditional Chinese sets
    /// them, rather than in its top right corner.
    pub centred_stops: bool,
}

impl Default for Spacing {
    fn default() -> Self {
        Spacing {
            compress_punctuation: true,
            han_latin_gap: true,
            line_edges: true,
            vertical: false,
            centred_stops: false,
        }
    }
}

/// For each char, how much (em) the space after it can still shrink when a line needs room
/// (标点挤压 as a justification resource, clreq §3.8): the blank half of a mark that `gaps`
/// left uncompressed — after a closing mark (`，` mid-line), or before an opening one (the
/// space after the char that precedes `“`). Nothing for the last char: a line's edges are
/// handled by [`line_start_trim`] and [`line_end_trim`].
pub fn shrink(chars: &[char], gaps: &[f32], spacing: Spacing) -> Vec<f32> {
    let mut out = vec![0.0; chars.len()];
    if !spacing.compress_punctuation {
        return out;
    }
    for i in 0..chars.len().saturating_sub(1) {
        let (a, b) = (
            blank_side(chars[i], spacing),
            blank_side(chars[i + 1], spacing),
        );
        // A closing mark before an opening one keeps half an em after compression (clreq
        // allows setting such a pair in 1 em where a line needs it); any other pair that
        // compressed has no blank left between its marks.
        let left = if a == Some(Blank::Right) && b == Some(Blank::Left) {
            1.0
        } else {
            0.5
        };
        let room = left + gaps[i].min(0.0);
        if room > 0.0 && (a == Some(Blank::Right) || b == Some(Blank::Left)) {
            out[i] = room.min(0.5);
        }
    }
    out
}

/// How much (em) of `c`'s box is blank before its ink when it starts a line: half an em for
/// an opening mark with line-edge compression on, else nothing.
pub fn line_start_trim(c: char, spacing: Spacing) -> f32 {
    if spacing.line_edges && blank_side(c, spacing) == Some(Blank::Left) {
        0.5
    } else {
        0.0
    }
}

/// How much (em) of `c`'s box is blank after its ink when it ends a line: half an em for a
/// closing mark (and `，。、：；！？`) with line-edge compression on, else nothing. A mark
/// already compressed against the next one (`。”`) keeps only the last one's blank, which is
/// the one trimmed.
pub fn line_end_trim(c: char, spacing: Spacing) -> f32 {
    if spacing.line_edges && blank_side(c, spacing) == Some(Blank::Right) {
        0.5
    } else {
        0.0
    }
}

/// Whether the pair `a` `b` gives up half an em: clreq's principle that two adjacent marks
/// taking 2 em are set in 1.5 em, each bracket staying close to the text it encloses. Every
/// pair of marks with a blank between them does — closing + closing (`”，` `。”`), opening +
/// opening (`（“`), closing + opening (`》《` `，“` `：“`, which keep half an em between them);
/// an empty pair (`（）`) has its blanks outside, against the text around it, and keeps them.
fn compresses(a: char, b: char, spacing: Spacing) -> bool {
    match (blank_side(a, spacing), blank_side(b, spacing)) {
        (Some(Blank::Left), Some(Blank::Right)) | (None, _) | (_, None) => false,
        (Some(_), Some(_)) => true,
    }
}

/// For each char of `chars`, the change of the space after it, in em (negative: compressed).
pub fn gaps(chars: &[char], spacing: Spacing) -> Vec<f32> {
    let mut out = vec![0.0; chars.len()];
    for i in 0..chars.len().saturating_sub(1) {
        let (a, b) = (chars[i], chars[i + 1]);
        if spacing.compress_punctuation && compresses(a, b, spacing) {
            out[i] -= 0.5;
        }
        if spacing.han_latin_gap && ((is_han(a) && is_latin(b)) || (is_latin(a) && is_han(b))) {
            out[i] += HAN_LATIN_GAP;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn em(text: &str) -> Vec<f32> {
        let chars: Vec<char> = text.chars().collect();
        gaps(&chars, Spacing::default())
    }

    /// The width in em of `text` set with the gaps, every char one em (as CJK marks are).
    fn width(text: &str) -> f32 {
        text.chars().count() as f32 + em(text).iter().sum::<f32>()
    }

    #[test]
    fn adjacent_marks_leave_one_blank_at_most() {
        // closing + closing: the first loses its blank half.
        assert_eq!(width("”，"), 1.5);
        assert_eq!(width("。”"), 1.5);
        assert_eq!(width("）。"), 1.5);
        // closing + opening: half an em stays between them (clreq: 2 em → 1.5 em).
        assert_eq!(width("》《"), 1.5);
        assert_eq!(width("：“"), 1.5);
        assert_eq!(width("，“"), 1.5);
        // opening + opening: the second does.
        assert_eq!(width("（“"), 1.5);
        // opening + closing (an empty pair) keeps both blanks: the ink is at the far sides.
        assert_eq!(width("（）"), 2.0);
        // A run of three closing marks leaves one blank.
        assert_eq!(width("。”）"), 2.0);
        // Marks next to ideographs are untouched.
        assert_eq!(
            em("他说：“好。”"),
            vec![0.0, 0.0, -0.5, 0.0, 0.0, -0.5, 0.0]
        );
    }

    /// clreq 3.1.6 (连续标点符号的调整): any two adjacent marks that take 2 em are set in
    /// 1.5 em, each bracket close to the text it encloses. One case per pair of classes:
    /// stops (`，。、：；！？`, blank on the right), closing brackets and quotes (blank on the
    /// right), opening ones (blank on the left).
    #[test]
    fn every_pair_class_follows_clreq() {
        let stops = ['，', '。', '、', '：', '；', '！', '？'];
        let closing = [
            '”', '’', '）', '》', '〉', '」', '』', '】', '〕', '〗', '］', '｝',
        ];
        let opening = [
            '“', '‘', '（', '《', '〈', '「', '『', '【', '〔', '〖', '［', '｛',
        ];
        let pair = |a: char, b: char| width(&format!("{a}{b}"));
        for &a in stops.iter().chain(&closing) {
            for &b in stops.iter().chain(&closing).chain(&opening) {
                assert_eq!(pair(a, b), 1.5, "{a}{b}");
            }
        }
        for &a in &opening {
            for &b in &opening {
                assert_eq!(pair(a, b), 1.5, "{a}{b}");
            }
            // An empty pair: the blanks are outside, against the text around it.
            for &b in stops.iter().chain(&closing) {
                assert_eq!(pair(a, b), 2.0, "{a}{b}");
            }
        }
        // Three in a row: each neighbouring pair gives up half an em.
        assert_eq!(width("”，“"), 2.0);
        assert_eq!(width("。”）"), 2.0);
        // The clreq example in the issue: `纸片，“开了` keeps half an em after the comma.
        assert_eq!(em("片，“开")[1], -0.5);
    }

    #[test]
    fn a_quarter_em_between_han_and_latin_and_none_inside() {
        assert_eq!(em("2018年7月"), vec![0.0, 0.0, 0.0, 0.25, 0.25, 0.25, 0.0]);
        assert_eq!(em("发布iPhone手机"), {
            let mut v = vec![0.0; 10];
            v[1] = 0.25;
            v[7] = 0.25;
            v
        });
        // Already spaced, punctuation, and Latin next to Latin: nothing added.
        assert!(em("发布 iPhone").iter().all(|&g| g == 0.0));
        assert!(em("（iPhone）").iter().all(|&g| g == 0.0));
        assert!(em("Café咖啡")[3] == 0.25);
        let off = Spacing {
            compress_punctuation: false,
            han_latin_gap: false,
            line_edges: false,
            vertical: false,
            centred_stops: false,
        };
        let chars: Vec<char> = "2018年，“好”".chars().collect();
        assert!(gaps(&chars, off).iter().all(|&g| g == 0.0));
    }

    #[test]
    fn marks_at_line_edges_lose_their_blank_half_when_asked() {
        let on = Spacing::default();
        assert_eq!(line_start_trim('“', on), 0.5);
        assert_eq!(line_start_trim('《', on), 0.5);
        assert_eq!(line_start_trim('。', on), 0.0);
        assert_eq!(line_start_trim('中', on), 0.0);
        assert_eq!(line_end_trim('。', on), 0.5);
        assert_eq!(line_end_trim('”', on), 0.5);
        assert_eq!(line_end_trim('“', on), 0.0);
        let off = Spacing {
            line_edges: false,
            ..on
        };
        assert_eq!(line_start_trim('“', off), 0.0);
        assert_eq!(line_end_trim('。', off), 0.0);
    }

    #[test]
    fn uncompressed_marks_can_give_up_their_blank_half() {
        let chars: Vec<char> = "他说，“好”。我们".chars().collect();
        let g = gaps(&chars, Spacing::default());
        let s = shrink(&chars, &g, Spacing::default());
        // ， before “ keeps half an em after compression, which can still go (clreq lets a
        // closing + opening pair take 1 em where a line needs it). ” before 。 has nothing
        // left. 。 can give up half an em before 我; 说 nothing (it is Han).
        assert_eq!(s, vec![0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.5, 0.0, 0.0]);
        let chars: Vec<char> = "好，好“好”".chars().collect();
        let g = gaps(&chars, Spacing::default());
        assert_eq!(
            shrink(&chars, &g, Spacing::default()),
            vec![0.0, 0.5, 0.5, 0.0, 0.0, 0.0]
        );
        let off = Spacing {
            compress_punctuation: false,
            ..Spacing::default()
        };
        assert!(shrink(&chars, &g, off).iter().all(|&x| x == 0.0));
    }

    #[test]
    fn in_vertical_text_colons_and_stops_of_the_middle_keep_their_box() {
        let vertical = Spacing {
            vertical: true,
            ..Spacing::default()
        };
        let chars: Vec<char> = "他说：“好！”，".chars().collect();
        // ： and ！ stand in the middle of their boxes in a column, like a Han char: the
        // quotes next to them keep their blanks; ”， still compresses.
        assert_eq!(
            gaps(&chars, vertical),
            vec![0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.5, 0.0]
        );
        assert_eq!(
            gaps(&chars, Spacing::default()),
            vec![0.0, 0.0, -0.5, 0.0, 0.0, -0.5, -0.5, 0.0]
        );
        assert_eq!(line_end_trim('：', vertical), 0.0);
        assert_eq!(line_end_trim('。', vertical), 0.5);
        // Brackets, quotes and ，。、 compress as in horizontal text.
        let chars: Vec<char> = "》《".chars().collect();
        assert_eq!(gaps(&chars, vertical), vec![-0.5, 0.0]);
        // Centred stops (Traditional) keep their box too; closing quotes still compress.
        let centred = Spacing {
            centred_stops: true,
            ..vertical
        };
        let chars: Vec<char> = "好。」，".chars().collect();
        assert_eq!(gaps(&chars, vertical), vec![0.0, -0.5, -0.5, 0.0]);
        assert_eq!(gaps(&chars, centred), vec![0.0, 0.0, 0.0, 0.0]);
        assert_eq!(line_end_trim('。', centred), 0.0);
    }
}
