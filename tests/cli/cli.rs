//! The command line, run as a user runs it: the real binary, a temporary data directory.

use crate::cli_common;

use cli_common::{jingdu, jingdu_in, stderr, stdout};

#[test]
fn outline_json_of_the_builtin_article() {
    let dir = tempfile::tempdir().unwrap();
    let o = jingdu(dir.path(), &["outline", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["title"], "从严从实加强党的基层党组织建设");
    assert_eq!(v["column"], "前线");
    assert_eq!(v["published"], "2018-11-08");
    assert_eq!(v["author"], "董德兵");
    assert_eq!(v["affiliation"], "中国浦东干部学院副教授");
    assert_eq!(
        v["breadcrumb"],
        serde_json::json!(["首页", "学术研究", "学术之声", "学术交流"])
    );
    assert_eq!(v["paragraphs"], 10);
    let counts: Vec<u64> = v["outline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["paragraphs"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, vec![3, 2, 4]);
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        vec![
            "title",
            "column",
            "published",
            "author",
            "affiliation",
            "breadcrumb",
            "paragraphs",
            "chars",
            "outline"
        ]
    );
}

#[test]
fn outline_of_a_file_and_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("doc.txt");
    std::fs::write(
        &f,
        "某某意见\n（2020年1月2日）\n一、总体要求\n正文一段，内容较长，以句号结束。\n",
    )
    .unwrap();
    let o = jingdu(dir.path(), &["outline", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("一、总体要求"));

    let missing = dir.path().join("没有这个文件.txt");
    let o = jingdu(
        dir.path(),
        &["outline", "--json", missing.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("没有这个文件.txt"));

    let bin = dir.path().join("bin.txt");
    std::fs::write(&bin, b"\0\x01\x02binary").unwrap();
    let o = jingdu(dir.path(), &["outline", bin.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bin.txt"));
}

#[test]
fn note_add_list_rm() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let add = |args: &[&str]| {
        let mut all = vec!["note", "add"];
        all.extend_from_slice(args);
        jingdu(d, &all)
    };
    let a = add(&[
        "--section",
        "2",
        "--text",
        "第二节笔记",
        "--tag",
        "党建",
        "--color",
        "心得",
    ]);
    assert!(a.status.success(), "{}", stderr(&a));
    let id = stdout(&a).trim().to_owned();
    assert_eq!(id.len(), 36);
    assert!(
        add(&["--paragraph", "1", "--text", "第一段"])
            .status
            .success()
    );
    assert!(
        add(&["--quote", "党的力量来自组织", "--text", "摘句\n两行"])
            .status
            .success()
    );
    // Full-width punctuation as the reader shows it also finds the passage.
    assert!(
        add(&["--quote", "以政治建设为统领，强化", "--text", "全角"])
            .status
            .success()
    );

    let o = jingdu(d, &["notes", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let kinds: Vec<&str> = list.iter().map(|n| n["kind"].as_str().unwrap()).collect();
    // The second quote first occurs in the first heading, before the first quote's paragraph;
    // section 2 comes last.
    assert_eq!(
        kinds,
        vec!["paragraph", "passage", "passage", "section"],
        "document order"
    );
    for key in [
        "id", "kind", "heading", "quote", "text", "tags", "color", "anchored", "created",
        "modified",
    ] {
        assert!(list[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(list[0]["quote"], serde_json::Value::Null);
    assert_eq!(list[2]["quote"], "党的力量来自组织");
    assert_eq!(list[3]["color"], "心得");
    assert_eq!(
        list[3]["heading"],
        serde_json::json!(["建立健全工作机制,扎实推进党员队伍建设基础工程"])
    );
    assert!(stdout(&jingdu(d, &["notes"])).contains("第二节笔记"));

    let rm = jingdu(d, &["note", "rm", &id[..8]]);
    assert!(rm.status.success(), "{}", stderr(&rm));
    let o = jingdu(d, &["notes", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(list.len(), 3);
}

#[test]
fn note_errors_leave_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(
        jingdu(d, &["note", "add", "--paragraph", "1", "--text", "已有"])
            .status
            .success()
    );
    let store = d.join("notes").join("builtin-c86fc473580abeae.json");
    let before = std::fs::read(&store).unwrap();
    for args in [
        vec!["note", "add", "--section", "9", "--text", "x"],
        vec!["note", "add", "--paragraph", "0", "--text", "x"],
        vec!["note", "add", "--quote", "正文里没有的话", "--text", "x"],
        vec![
            "note",
            "add",
            "--paragraph",
            "1",
            "--text",
            "x",
            "--color",
            "不存在的颜色",
        ],
        vec!["note", "rm", "no-such-id"],
    ] {
        let o = jingdu(d, &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{args:?}: {}", stderr(&o));
        assert_eq!(
            std::fs::read(&store).unwrap(),
            before,
            "{args:?} changed the store"
        );
    }
    // A damaged store is reported, never overwritten.
    std::fs::write(&store, "{ damaged").unwrap();
    let o = jingdu(d, &["note", "add", "--paragraph", "1", "--text", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("笔记文件已损坏"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&store).unwrap(), "{ damaged");
    assert_eq!(jingdu(d, &["notes"]).status.code(), Some(1));
}

#[test]
fn export_and_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(
        jingdu(
            &a,
            &[
                "note",
                "add",
                "--quote",
                "党的力量来自组织",
                "--text",
                "<b>粗</b>",
                "--tag",
                "t"
            ]
        )
        .status
        .success()
    );
    for fmt in ["md", "html", "json", "txt"] {
        let o = jingdu(&a, &["export", "--format", fmt]);
        assert!(o.status.success(), "{fmt}: {}", stderr(&o));
        assert!(stdout(&o).contains("粗"), "{fmt}");
    }
    let o = jingdu(&a, &["export", "--format", "docx"]);
    assert_eq!(o.status.code(), Some(1), "docx needs --out");
    let docx = dir.path().join("n.docx");
    assert!(
        jingdu(
            &a,
            &[
                "export",
                "--format",
                "docx",
                "--out",
                docx.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    assert!(docx_rs::read_docx(&std::fs::read(&docx).unwrap()).is_ok());
    let o = jingdu(
        &a,
        &["export", "--format", "md", "--out", "/no/such/dir/x.md"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/dir/x.md"));

    let json = dir.path().join("n.json");
    assert!(
        jingdu(
            &a,
            &[
                "export",
                "--format",
                "json",
                "--out",
                json.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    let o = jingdu(&b, &["import", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("新增 1 条"));
    let o = jingdu(&b, &["import", json.to_str().unwrap()]);
    assert!(stdout(&o).contains("新增 0 条"), "no duplicates");
    let la = stdout(&jingdu(&a, &["notes", "--json"]));
    let lb = stdout(&jingdu(&b, &["notes", "--json"]));
    assert_eq!(la, lb, "same notes in both stores");

    // Notes of another document need --yes.
    let other = dir.path().join("other.txt");
    std::fs::write(
        &other,
        "另一篇文章\n\n党的力量来自组织。这是另一篇文章的正文。\n",
    )
    .unwrap();
    let o = jingdu(
        &b,
        &["import", json.to_str().unwrap(), other.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--yes"));
    let o = jingdu(
        &b,
        &[
            "import",
            json.to_str().unwrap(),
            other.to_str().unwrap(),
            "--yes",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn search_prints_every_hit_with_its_place_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = jingdu(dir.path(), &["search", "党的组织"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.ends_with("共 4 处\n"), "{text}");
    assert!(
        text.contains("以政治建设为统领，强化基层党组织的政治功能　第 4 段"),
        "{text}"
    );
    // Full-width digits find half-width ones, and the JSON gives char offsets.
    let out = jingdu(dir.path(), &["search", "--json", "2018年7月３日"]);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(hits[0]["start"], 0);
    assert_eq!(hits[0]["end"], 9);
    assert_eq!(hits[0]["paragraph"], 1);
    let none = jingdu(dir.path(), &["search", "不存在的句子"]);
    assert_eq!(stdout(&none), "共 0 处\n");
    // Traditional characters find Simplified ones unless --same-script.
    let any = jingdu(dir.path(), &["search", "黨的組織"]);
    assert!(stdout(&any).ends_with("共 4 处\n"), "{}", stdout(&any));
    let same = jingdu(dir.path(), &["search", "--same-script", "黨的組織"]);
    assert_eq!(stdout(&same), "共 0 处\n");
}

#[test]
fn cite_prints_the_gbt_7714_reference() {
    let dir = tempfile::tempdir().unwrap();
    let out = jingdu(dir.path(), &["cite"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("[1] 董德兵. 从严从实加强党的基层党组织建设[EB/OL]. 前线, (2018-11-08)["),
        "{text}"
    );
    assert!(text.ends_with("].\n"), "{text}");
}

#[test]
fn the_command_line_speaks_the_systems_language() {
    let dir = tempfile::tempdir().unwrap();
    let en = jingdu_in(dir.path(), "en_US.UTF-8", &["search", "党的组织"]);
    assert!(stdout(&en).ends_with("4 found\n"), "{}", stdout(&en));
    assert!(stdout(&en).contains("paragraph 4"), "{}", stdout(&en));
    let tw = jingdu_in(dir.path(), "zh_TW.UTF-8", &["search", "不存在的句子"]);
    assert_eq!(stdout(&tw), "共 0 處\n");
    let missing = jingdu_in(dir.path(), "en_US.UTF-8", &["outline", "/no/such/file.txt"]);
    assert!(
        stderr(&missing).contains("File not found"),
        "{}",
        stderr(&missing)
    );
    // A locale jingdu has no interface in: 简体中文.
    let c = jingdu_in(dir.path(), "C", &["search", "不存在的句子"]);
    assert_eq!(stdout(&c), "共 0 处\n");
}
