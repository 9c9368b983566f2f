#!/usr/bin/env python3
"""Reruns the attacks of RELIABILITY.md against a release build and prints the figures.

    cargo build --release
    sudo python3 scripts/attacks.py [target/release/jingdu]

Root is needed for two attacks (a copy of /dev/null made with mknod, a small tmpfs for the
full disk); they are skipped without it. Everything happens under a fresh temporary folder.
"""

import hashlib
import json
import os
import random
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/jingdu")
ROOT = os.geteuid() == 0
random.seed(7)
results = []


def report(attack, figure):
    results.append((attack, figure))
    print(f"{attack}: {figure}", flush=True)


def run(data, *args, timeout=60):
    env = dict(os.environ, JINGDU_DATA_DIR=data)
    env.pop("RUST_LOG", None)
    return subprocess.run([BIN, *args], env=env, capture_output=True, timeout=timeout)


def spawn(data, *args):
    env = dict(os.environ, JINGDU_DATA_DIR=data)
    env.pop("RUST_LOG", None)
    return subprocess.Popen(
        [BIN, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def is_temp(name):
    return name.startswith(".") and name.endswith(".jingdu-tmp")


def age(folder, seconds=120):
    """Makes our temporary files in `folder` look `seconds` old: the sweep leaves younger
    ones alone (a writer may not have taken its lock yet)."""
    then = time.time() - seconds
    for n in temps(folder):
        os.utime(os.path.join(folder, n), (then, then))


def temps(folder):
    return [n for n in os.listdir(folder) if is_temp(n)] if os.path.isdir(folder) else []


def parses(path):
    try:
        with open(path, "rb") as f:
            json.load(f)
        return True
    except (ValueError, OSError):
        return False


def preload(data, count):
    items = [
        {
            "type": "Annotation",
            "id": f"urn:uuid:00000000-0000-4000-8000-{i:012d}",
            "bodyValue": f"预先导入的笔记 {i}，" + "写得长一些。" * 10,
            "target": {"selector": {"type": "TextQuoteSelector", "exact": "党的力量来自组织"}},
        }
        for i in range(count)
    ]
    os.makedirs(data, exist_ok=True)
    path = os.path.join(data, "preload.json")
    with open(path, "w") as f:
        json.dump(items, f, ensure_ascii=False)
    r = run(data, "import", path, "--yes")
    assert r.returncode == 0, r.stderr.decode()
    os.remove(path)


def store_of(data):
    return os.path.join(data, "notes", "builtin-c86fc473580abeae.json")


def attack_planted_links(work, rounds=400):
    overwritten = 0
    became_link = 0
    for i in range(rounds):
        d = os.path.join(work, f"links{i}")
        os.makedirs(d)
        victim = os.path.join(d, "victim.txt")
        with open(victim, "wb") as f:
            f.write(b"precious" * 1000)
        # Linux hands out pids in order: plant links for the next ones under the old naming.
        probe = subprocess.Popen(["true"])
        probe.wait()
        for pid in range(probe.pid + 1, probe.pid + 60):
            os.symlink(victim, os.path.join(d, f".notes.md.tmp-{pid}"))
        out = os.path.join(d, "notes.md")
        r = run(os.path.join(d, "data"), "export", "--format", "md", "--out", out)
        assert r.returncode == 0, r.stderr.decode()
        with open(victim, "rb") as f:
            overwritten += f.read() != b"precious" * 1000
        became_link += os.path.islink(out)
        shutil.rmtree(d)
    report(
        f"planted links ({rounds} exports, 59 links each under the next pids' temp names)",
        f"{overwritten} files overwritten, {became_link} outputs left as links",
    )


def attack_devices(work):
    d = os.path.join(work, "devices")
    os.makedirs(d)
    targets = {}
    fifo = os.path.join(d, "pipe.md")
    os.mkfifo(fifo)
    targets["FIFO"] = fifo
    link = os.path.join(d, "link-to-null.md")
    os.symlink("/dev/null", link)
    targets["link to /dev/null"] = link
    if ROOT:
        null_copy = os.path.join(d, "null-copy.md")
        os.mknod(null_copy, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets["copy of /dev/null (mknod)"] = null_copy
    replaced = []
    codes = []
    for name, path in targets.items():
        before = os.stat(path).st_mode
        r = run(os.path.join(d, "data"), "export", "--format", "md", "--out", path)
        codes.append(r.returncode)
        after = os.stat(path).st_mode
        if stat.S_IFMT(before) != stat.S_IFMT(after) or stat.S_ISREG(after):
            replaced.append(name)
    message = run(os.path.join(d, "data"), "export", "--format", "md", "--out", fifo)
    message = message.stderr.decode().strip()
    report(
        f"exports onto special files ({', '.join(targets)})",
        f"{len(replaced)} replaced, exit codes {codes}; message: {message}",
    )


def attack_kills(work, rounds=400):
    data = os.path.join(work, "kills")
    preload(data, 3000)
    store = store_of(data)
    size = os.path.getsize(store)
    started = time.time()
    run(data, "note", "add", "--paragraph", "1", "--text", "计时")
    one = time.time() - started
    bad_store = bad_backup = litter_seen = 0
    for i in range(rounds):
        p = spawn(data, "note", "add", "--paragraph", "1", "--text", f"第{i}轮")
        time.sleep(random.uniform(0, one * 1.2))
        p.send_signal(signal.SIGKILL)
        p.wait()
        bad_store += os.path.exists(store) and not parses(store)
        bak = store[: -len(".json")] + ".json.bak"
        bad_backup += os.path.exists(bak) and not parses(bak)
        litter_seen += len(temps(os.path.join(data, "notes")))
    age(os.path.join(data, "notes"))
    run(data, "notes")
    left = len(temps(os.path.join(data, "notes")))
    report(
        f"kill -9 during saves ({rounds} rounds, store of 3 000 notes = {size // 1024} KB, a save takes {one * 1000:.0f} ms)",
        f"{bad_store} unparseable stores, {bad_backup} unparseable backups; "
        f"{litter_seen} temp files seen between rounds, {left} left after the next start once over a minute old",
    )


def attack_full_disk(work):
    if not ROOT:
        report("full disk", "skipped (needs root for a tmpfs)")
        return
    mnt = os.path.join(work, "small")
    os.makedirs(mnt)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mnt], check=True)
    try:
        data = os.path.join(mnt, "data")
        preload(data, 2000)
        store = store_of(data)
        bak = store[: -len(".json")] + ".json.bak"
        run(data, "note", "add", "--paragraph", "1", "--text", "备份")
        size = os.path.getsize(store)
        failures = damaged = litter = 0
        messages = set()
        rounds = 0
        for free_kb in range(0, 2 * size // 1024 + 64, 32):
            st = os.statvfs(mnt)
            free = st.f_bavail * st.f_frsize
            filler = os.path.join(mnt, "filler")
            with open(filler, "wb") as f:
                f.write(b"\0" * max(0, free - free_kb * 1024))
            r = run(data, "note", "add", "--paragraph", "1", "--text", f"满盘{free_kb}")
            rounds += 1
            failures += r.returncode != 0
            if r.returncode != 0:
                messages.add(r.stderr.decode().strip().split("（")[1].split("）")[0])
            damaged += not parses(store) or (os.path.exists(bak) and not parses(bak))
            litter += len(temps(os.path.join(data, "notes")))
            os.remove(filler)
        report(
            f"full disk ({rounds} saves with 0–{2 * size // 1024 + 64} KB free, store {size // 1024} KB)",
            f"{failures} saves refused ({', '.join(sorted(messages))}), {damaged} damaged stores or backups, {litter} temp files left",
        )
    finally:
        subprocess.run(["umount", mnt])


def attack_export_kills(work, rounds=200):
    data = os.path.join(work, "exports")
    preload(data, 3000)
    out_dir = os.path.join(work, "export-out")
    os.makedirs(out_dir)
    out = os.path.join(out_dir, "notes.docx")
    started = time.time()
    run(data, "export", "--format", "docx", "--out", out)
    one = time.time() - started
    seen = 0
    damaged = 0
    for _ in range(rounds):
        p = spawn(data, "export", "--format", "docx", "--out", out)
        time.sleep(random.uniform(0, one * 1.2))
        p.send_signal(signal.SIGKILL)
        p.wait()
        seen += len(temps(out_dir))
        with open(out, "rb") as f:
            damaged += not f.read(4).startswith(b"PK")
    r = run(data, "export", "--format", "docx", "--out", out)
    assert r.returncode == 0
    left = len(temps(out_dir))
    report(
        f"kill -9 during DOCX exports ({rounds} rounds, {one * 1000:.0f} ms each)",
        f"{seen} temp files seen after kills, {left} left in the export folder (an export folder is the user's and is never swept); {damaged} damaged exports",
    )


def measured(data, *args, timeout=30):
    """Runs a command, returning (exit code, seconds, its peak RSS in MB, stderr)."""
    env = dict(os.environ, JINGDU_DATA_DIR=data)
    env.pop("RUST_LOG", None)
    started = time.time()
    err_file = tempfile.TemporaryFile()
    p = subprocess.Popen([BIN, *args], env=env, stdout=subprocess.DEVNULL, stderr=err_file)
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.time() - started > timeout:
            os.kill(p.pid, signal.SIGKILL)
        time.sleep(0.01)
    p.returncode = os.waitstatus_to_exitcode(status)
    err_file.seek(0)
    err = err_file.read().decode().strip()
    return p.returncode, time.time() - started, usage.ru_maxrss / 1024, err


def attack_unbounded_reads(work):
    data = os.path.join(work, "reads")
    fifo = os.path.join(work, "fifo")
    os.mkfifo(fifo)
    for what, args in [
        ("outline /dev/urandom", ["outline", "/dev/urandom"]),
        ("import /dev/urandom", ["import", "/dev/urandom"]),
        ("outline of a FIFO", ["outline", fifo]),
        ("import of a FIFO", ["import", fifo]),
    ]:
        code, secs, rss, err = measured(data, *args)
        report(what, f"exit {code} after {secs:.2f} s, peak RSS {rss:.0f} MB: {err}")


def hostile_imports():
    good = {
        "type": "Annotation",
        "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
        "bodyValue": "好",
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "党的力量来自组织"}},
    }

    def variant(**changes):
        a = dict(good)
        for k, v in changes.items():
            if v is None:
                a.pop(k, None)
            else:
                a[k] = v
        return json.dumps([good, a], ensure_ascii=False)

    cases = [
        variant(created="yesterday"),
        variant(created="2024-05-01"),
        variant(created="2024-05-01 09:30:00Z"),
        variant(created="2024-02-30T00:00:00Z"),
        variant(created=1714555800),
        variant(modified="2024-05-01T09:30:00"),
        variant(modified="2024-05-01T09:30:00+08:00[Asia/Shanghai]"),
        variant(id="plain-id"),
        variant(id="urn:uuid:\u001b]0;pwned\u0007"),
        variant(id="http://a b/"),
        variant(id=""),
        variant(id=None),
        variant(id=42),
        variant(body={"type": "Image", "id": "http://x.example/a.png"}),
        variant(body="http://x.example/a.png"),
        variant(body={"type": "TextualBody", "value": 3}),
        variant(body={"type": "TextualBody", "value": "x", "format": "application/pdf"}),
        variant(body=[{"type": "TextualBody", "value": "x"}, {"type": "TextualBody", "value": ["t"], "purpose": "tagging"}]),
        variant(bodyValue={"x": 1}),
        variant(type="Note"),
        variant(target="http://x.example/page"),
        variant(target={"selector": {"type": "TextPositionSelector", "start": 9, "end": 2}}),
        variant(target={"selector": {"type": "TextPositionSelector", "start": -1, "end": 2}}),
        variant(target={"selector": {"type": "TextQuoteSelector", "exact": 5}}),
        variant(**{"jingdu:kind": "chapter"}),
        variant(**{"jingdu:block": 1.5}),
        variant(**{"jingdu:anchored": "yes"}),
        variant(**{"jingdu:headingPath": [1, 2]}),
        variant(**{"jingdu:color": "red"}),
        "[" + json.dumps(good) + ",7]",
        "{\"type\":\"AnnotationCollection\"}",
        "{\"type\":\"AnnotationCollection\",\"first\":{\"items\":{}}}",
        "not json",
        "",
        "[" * 10000,
        "{\"type\":\"Annotation\"," * 1000,
        json.dumps(good)[:-5],
        json.dumps([good])[:40],
        "\x00\x01\x02",
        json.dumps({"type": "AnnotationPage", "items": "x"}),
    ]
    return cases


def attack_hostile_imports(work):
    data = os.path.join(work, "imports")
    run(data, "note", "add", "--paragraph", "1", "--text", "已有的笔记")
    store = store_of(data)
    before = hashlib.sha256(open(store, "rb").read()).hexdigest()
    refused = changed = multiline = 0
    cases = hostile_imports()
    for i, text in enumerate(cases):
        path = os.path.join(work, f"hostile{i}.json")
        with open(path, "w", encoding="utf-8", errors="surrogatepass") as f:
            f.write(text)
        r = run(data, "import", path, "--yes")
        refused += r.returncode != 0
        multiline += len(r.stderr.decode().strip().splitlines()) > 1
        changed += hashlib.sha256(open(store, "rb").read()).hexdigest() != before
    report(
        f"hostile imports ({len(cases)} files)",
        f"{refused} refused, {changed} changed the store, {multiline} multi-line errors",
    )


SENTENCE = "这是一个很长的句子，用来测试网页的解析是否正确，正文要足够长才算文章。"


def attack_hostile_pages(work):
    """Issue 25: web pages nested far deeper than any real one."""
    data = os.path.join(work, "pages")
    pages = {
        "30 000 unclosed <q> (90 KB)": f"<html><body><div><p>{SENTENCE}</p>" + "<q>" * 30000 + "x",
        "10 000 nested tables (330 KB)": f"<html><body><div><p>{SENTENCE}</p>" + "<table><tr><td>" * 10000 + "x",
        "4 000 nested <span> in one <p> (88 KB)": "<html><body><div><p>" + "<span>从严从" * 4000 + "</span>" * 4000 + "</p></div></body></html>",
        "100 000 nested <div>": "<html><body>" + "<div>" * 100000 + f"<p>{SENTENCE}</p></body></html>",
    }
    for what, page in pages.items():
        for ext in (".html", ".txt"):
            path = os.path.join(work, "page" + ext)
            with open(path, "w", encoding="utf-8") as f:
                f.write(page)
            code, secs, rss, _ = measured(data, "outline", path)
            report(f"{what} as {ext}", f"exit {code} in {secs:.2f} s, peak RSS {rss:.0f} MB")


def attack_foreign_temps(work):
    """Issue 25: files that look like temporary files but are the user's."""
    data = os.path.join(work, "foreign")
    os.makedirs(os.path.join(data, "notes"))
    out_dir = os.path.join(work, "thesis")
    os.makedirs(out_dir)
    old = time.time() - 3600
    victims = [
        os.path.join(out_dir, ".thesis.docx.tmp-4000000"),
        os.path.join(data, ".thesis.docx.tmp-4000001"),
        os.path.join(data, "notes", ".x.json.tmp-4000002"),
    ]
    for v in victims:
        with open(v, "w") as f:
            f.write("the user's own")
        os.utime(v, (old, old))
    run(data, "note", "add", "--paragraph", "1", "--text", "一条")
    for _ in range(20):
        run(data, "export", "--format", "md", "--out", os.path.join(out_dir, "notes.md"))
    survived = sum(os.path.exists(v) for v in victims)
    report("files named like temporary files, 20 exports and 21 starts", f"{survived} of {len(victims)} survived")


def attack_deleted_import(work):
    """Issue 25: an import must not bring deleted notes back."""
    data = os.path.join(work, "deleted")
    for i in range(200):
        run(data, "note", "add", "--paragraph", str(i % 5 + 1), "--text", f"笔记{i}")
    out = os.path.join(work, "deleted.json")
    run(data, "export", "--format", "json", "--out", out)
    ids = [n["id"] for n in json.loads(run(data, "notes", "--json").stdout)]
    for i in ids:
        run(data, "note", "rm", i)
    r = run(data, "import", out)
    back = len(json.loads(run(data, "notes", "--json").stdout))
    report("export 200 notes, delete them, import the export", f"{back} came back: {r.stdout.decode().strip()}")


def main():
    work = tempfile.mkdtemp(prefix="jingdu-attacks-")
    try:
        attack_planted_links(work)
        attack_devices(work)
        attack_kills(work)
        attack_full_disk(work)
        attack_export_kills(work)
        attack_unbounded_reads(work)
        attack_hostile_imports(work)
        attack_hostile_pages(work)
        attack_foreign_temps(work)
        attack_deleted_import(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    for attack, figure in results:
        print(f"| {attack} | {figure} |")


if __name__ == "__main__":
    main()
