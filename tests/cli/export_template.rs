//! Exports through the reader's own Jinja templates: every documented field reaches the
//! template, mistakes are reported with their line, runaway templates stop, and the CLI finds
//! templates by name in the data directory.

use crate::cli_common;
use crate::export_common;

use cli_common::{jingdu, stderr, stdout};
use export_common::{fixture, render};
use jingdu::export::template::UserTemplate;
use jingdu::export::{ExportError, Format, Options};

fn with_template(source: &str, format: Format) -> Options {
    Options {
        template: Some(UserTemplate {
            name: "测试".into(),
            format,
            source: source.into(),
        }),
        ..Options::new(format)
    }
}

fn try_render(source: &str) -> Result<String, ExportError> {
    let (doc, list) = fixture();
    let info = jingdu::notes::DocInfo::for_source(&doc);
    let palette = jingdu::notes::Palette::default();
    let options = with_template(source, Format::Text);
    let e = jingdu::export::Export::new(
        &doc.document,
        &info,
        "builtin",
        &palette,
        jingdu::export::select_notes(&doc.document, &list, &options),
        export_common::NOW,
    );
    let mut out = Vec::new();
    jingdu::export::write(&e, &options, &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

#[test]
fn every_field_reaches_the_template() {
    let (source, list) = fixture();
    let template = "\
{{ document.title }}|{{ document.author }}|{{ document.published }}|{{ document.reference }}
{{ author }}|{{ exported }}|{% for c in legend %}{{ c.hue }}={{ c.name }}{{ c.rgb }} {% endfor %}
{% for n in notes %}{{ n.number }} {{ n.kind }} {{ n.kind_label }} [{{ n.heading }}] {{ n.place }} {{ n.color }} {{ n.tags|join(',') }} {{ n.created }} {{ n.anchored }} {{ n.link }}
  “{{ n.quote[:12] }}” {{ (n.text|replace('\n', '/'))[:16] }}
{% endfor %}{% for b in bookmarks %}书签 {{ b.place }} {{ b.label }} {{ b.link }}
{% endfor %}";
    let out = render(&source, &list, &with_template(template, Format::Markdown));
    let out = String::from_utf8(out).unwrap();
    let want = "\
从严从实加强党的基层党组织建设|董德兵|2018-11-08|[1] 董德兵. 从严从实加强党的基层党组织建设[EB/OL]. 前线, (2018-11-08)[2024-05-01].
李华|2024年5月1日 09:30|黄=重点#f2c94c 蓝=疑问#56a0d3 绿=心得#6fbf73 灰=其他#969696 
1 passage 摘句 [] ¶1 重点 重点,<b>标签</b> 2024年5月1日 09:30 True jingdu://open?doc=builtin-c86fc473580abeae&note=00000000-0000-4000-8000-000000000001
  “创造性地提出了新时代党的” <script>alert('x
2 section 章节笔记 [以政治建设为统领，强化基层党组织的政治功能] §1 心得 政治建设 2024年5月1日 09:30 True jingdu://open?doc=builtin-c86fc473580abeae&note=00000000-0000-4000-8000-000000000002
  “以政治建设为统领，强化基” 本节讲政治功能。
3 paragraph 段落笔记 [以政治建设为统领，强化基层党组织的政治功能] §1 ¶2 疑问  2024年5月1日 09:30 True jingdu://open?doc=builtin-c86fc473580abeae&note=00000000-0000-4000-8000-000000000003
  “以政治建设为统领，强化基” “神经网络”的比喻。/第二行。
4 passage 摘句 [未定位的笔记]  其他  2024年5月1日 09:30 False jingdu://open?doc=builtin-c86fc473580abeae&note=00000000-0000-4000-8000-000000000004
  “党的力量来自组织” 原文已删的摘句
书签 §3 ¶1 基层党组织在党的建设新的伟大工程和党领导的现代化… jingdu://open?doc=builtin-c86fc473580abeae&note=00000000-0000-4000-8000-000000000005
";
    assert_eq!(out, want);
}

#[test]
fn filters_escape_markdown_and_nest_quotes() {
    let out = try_render("{{ (notes[0].text|md)[:40] }}|{{ (notes[2].quote|nested_quotes)[:80] }}")
        .unwrap();
    assert!(out.starts_with("\\<script\\>alert"), "{out}");
    assert!(out.contains("‘不忘初心"), "{out}");
}

#[test]
fn mistakes_and_runaway_templates_end_in_a_clear_error() {
    let e = try_render("第一行\n{% for n in notes %}\n{{ n.text ").unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("模板出错：模板“测试”第 3 行"), "{msg}");
    let e = try_render(
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    )
    .unwrap_err();
    assert!(e.to_string().contains("模板出错"), "{e}");
    let e = try_render("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}").unwrap_err();
    assert!(e.to_string().contains("模板出错"), "{e}");
    // Control characters a template or a note brings are not written.
    let out = try_render("a\u{1b}[31mb{{ '\\x07' }}").unwrap();
    assert_eq!(out, "a[31mb");
}

#[test]
fn the_cli_finds_templates_by_name_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("卡片.txt.jinja"),
        "{% for n in notes %}{{ n.quote }}\t{{ n.text }}\n{% endfor %}",
    )
    .unwrap();
    let added = jingdu(
        dir.path(),
        &[
            "note",
            "add",
            "--quote",
            "党的力量来自组织",
            "--text",
            "名句",
        ],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let out = jingdu(dir.path(), &["export", "--template", "卡片"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "党的力量来自组织\t名句\n");
    let wrong = jingdu(
        dir.path(),
        &["export", "--template", "卡片", "--format", "md"],
    );
    assert!(!wrong.status.success());
    assert!(
        stderr(&wrong).contains("与 --format md 不符"),
        "{}",
        stderr(&wrong)
    );
    let missing = jingdu(dir.path(), &["export", "--template", "没有"]);
    assert!(
        stderr(&missing).contains("找不到模板“没有”"),
        "{}",
        stderr(&missing)
    );
}
