//! The interface language: 简体中文, 繁體中文 or English. Every text the window shows is a
//! [`Text`] — its Simplified Chinese and its English — and the language chosen picks one; the
//! Traditional text is the Simplified one converted by OpenCC's tables ([`crate::document::
//! script`]), once, and kept. Templates take their arguments with `{}`, filled in order by
//! [`fill`], so that a file name or a title is never converted or translated.
//!
//! The language is one setting for the whole process (an atomic): worker threads format their
//! messages in it too.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::document::script::{self, Script};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文.
    #[default]
    ZhHans,
    /// 繁體中文.
    ZhHant,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the settings list them.
    pub const ALL: [Lang; 3] = [Lang::ZhHans, Lang::ZhHant, Lang::En];

    /// The language's own name, as its speakers write it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::ZhHans => "简体中文",
            Lang::ZhHant => "繁體中文",
            Lang::En => "English",
        }
    }

    /// The language of a BCP 47 locale (`zh-CN`, `zh_TW.UTF-8`, `zh-Hant-HK`, `en-US`), or
    /// `None` for one jingdu has no interface in (the caller keeps its default).
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let l = locale.to_ascii_lowercase().replace('_', "-");
        let l = l.split('.').next().unwrap_or("");
        if l.starts_with("zh") {
            let traditional = ["hant", "-tw", "-hk", "-mo"].iter().any(|t| l.contains(t));
            Some(if traditional {
                Lang::ZhHant
            } else {
                Lang::ZhHans
            })
        } else if l == "en" || l.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The interface language now.
pub fn lang() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::ZhHant,
        2 => Lang::En,
        _ => Lang::ZhHans,
    }
}

/// Sets the interface language for the whole process.
pub fn set_lang(lang: Lang) {
    let n = match lang {
        Lang::ZhHans => 0,
        Lang::ZhHant => 1,
        Lang::En => 2,
    };
    CURRENT.store(n, Ordering::Relaxed);
}

/// One text of the interface in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// Simplified Chinese (the source of the Traditional text).
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// A text with its Simplified Chinese and its English.
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Text { zh, en }
    }

    /// The text in the current language.
    pub fn get(self) -> &'static str {
        self.get_in(lang())
    }

    /// The text in `lang`.
    pub fn get_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhHans => self.zh,
            Lang::En => self.en,
            Lang::ZhHant => traditional(self.zh),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.get()
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.get().to_owned()
    }
}

/// `zh` in Traditional characters, converted once per text and kept for the process.
fn traditional(zh: &'static str) -> &'static str {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static str>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let key = zh.as_ptr() as usize ^ (zh.len() << 48);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(key)
        .or_insert_with(|| Box::leak(script::convert(zh, Script::Traditional).into_boxed_str()))
}

/// `template` in the current language with each `{}` replaced by the next of `args`, which
/// are neither converted nor translated.
pub fn fill(template: Text, args: &[&dyn std::fmt::Display]) -> String {
    fill_str(template.get(), args)
}

/// [`fill`] on a template already in its language.
pub fn fill_str(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        match args.next() {
            Some(a) => out.push_str(&a.to_string()),
            None => out.push_str("{}"),
        }
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// `text` in the current language: a shorthand for messages written where they are raised
/// (`tr("找不到文件", "File not found")`).
pub fn tr(zh: &'static str, en: &'static str) -> &'static str {
    Text::new(zh, en).get()
}

/// [`fill`] with a template written where it is used:
/// `trf("已导出 {} 条笔记", "{} notes exported", &[&n])`.
pub fn trf(zh: &'static str, en: &'static str, args: &[&dyn std::fmt::Display]) -> String {
    fill(Text::new(zh, en), args)
}

/// [`trf`] for a text about a count `n`: Chinese has one form (`{} 条笔记`), English one for
/// one and one for the rest (`{} note` / `{} notes`). `args` fill the placeholders (`n`
/// among them, where the template shows it).
pub fn trn(
    zh: &'static str,
    one: &'static str,
    other: &'static str,
    n: usize,
    args: &[&dyn std::fmt::Display],
) -> String {
    fill(counted(zh, one, other, n), args)
}

/// The text about a count `n`: `zh`, and in English `one` for 1 and `other` for the rest.
pub const fn counted(zh: &'static str, one: &'static str, other: &'static str, n: usize) -> Text {
    Text::new(zh, if n == 1 { one } else { other })
}

/// How many `{}` a template has.
pub fn placeholders(template: &str) -> usize {
    template.matches("{}").count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_texts_take_the_english_plural() {
        let notes = |n| counted("{} 条笔记", "{} note", "{} notes", n);
        assert_eq!(fill_str(notes(1).get_in(Lang::En), &[&1]), "1 note");
        assert_eq!(fill_str(notes(2).get_in(Lang::En), &[&2]), "2 notes");
        assert_eq!(fill_str(notes(0).get_in(Lang::En), &[&0]), "0 notes");
        assert_eq!(fill_str(notes(1).get_in(Lang::ZhHans), &[&1]), "1 条笔记");
    }

    #[test]
    fn locales_pick_the_language() {
        assert_eq!(Lang::from_locale("zh-CN"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_locale("zh_TW.UTF-8"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_locale("zh-Hant-HK"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_locale("zh-HK"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_locale("zh"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_locale("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), None);
        assert_eq!(Lang::from_locale("fr-FR"), None);
    }

    #[test]
    fn a_text_in_each_language_and_templates_keep_their_arguments() {
        let t = Text::new("打开{}的笔记", "Open the notes of {}");
        assert_eq!(t.get_in(Lang::ZhHans), "打开{}的笔记");
        assert_eq!(t.get_in(Lang::ZhHant), "打開{}的筆記");
        assert_eq!(t.get_in(Lang::En), "Open the notes of {}");
        // The argument is not converted.
        assert_eq!(
            fill_str(t.get_in(Lang::ZhHant), &[&"发展报告"]),
            "打開发展报告的筆記"
        );
        assert_eq!(fill_str("{} / {}", &[&3, &17]), "3 / 17");
        assert_eq!(fill_str("{} / {}", &[&3]), "3 / {}");
        assert_eq!(placeholders("{}：{}"), 2);
    }
}
