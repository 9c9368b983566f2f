//! Soak test, run on demand (it is ignored by `cargo test`; a module of the CLI test binary,
//! not a binary of its own, to spare CI a link of the whole app):
//!
//! ```sh
//! cargo test --release --test cli soak -- --ignored --nocapture
//! SOAK_ROUNDS=200 cargo test --release --test cli soak -- --ignored --nocapture
//! ```
//!
//! Eight writers add and remove notes on one store through the real command line while about
//! a third of them are killed (SIGKILL) at a random moment. A change is acknowledged when its
//! process exited successfully; at the end every acknowledged addition that was not removed
//! is there, every acknowledged removal is gone, the store and its backup parse, and no
//! temporary file is left once the next process has started.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use proptest::prelude::Rng;
use proptest::test_runner::{RngAlgorithm, TestRng};

const WRITERS: usize = 8;

fn jingdu(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jingdu"));
    c.env("JINGDU_DATA_DIR", data)
        .env_remove("RUST_LOG")
        // Messages in 简体中文 (what the tests read), whatever the machine's locale.
        .env("LC_ALL", "zh_CN.UTF-8")
        .env_remove("LANGUAGE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// What the writers were told succeeded.
#[derive(Default)]
struct Acknowledged {
    added: BTreeMap<String, String>,
    removed: BTreeSet<String>,
    killed: usize,
    failed: Vec<String>,
}

/// Runs one command; kills it after `kill_after` if given. `Some(stdout)` if acknowledged.
fn run(mut command: Command, kill_after: Option<Duration>) -> Result<Option<String>, String> {
    let mut child = command.spawn().map_err(|e| e.to_string())?;
    if let Some(delay) = kill_after {
        let started = Instant::now();
        while started.elapsed() < delay {
            if child.try_wait().map_err(|e| e.to_string())?.is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(500));
        }
        let _ = child.kill();
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(Some(String::from_utf8_lossy(&out.stdout).trim().to_owned()))
    } else if out.status.code().is_none() {
        Ok(None) // killed: not acknowledged, may or may not have happened
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn writer(data: PathBuf, seed: u64, rounds: usize, acks: Arc<Mutex<Acknowledged>>) {
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
    let mut mine: Vec<String> = Vec::new();
    for round in 0..rounds {
        let mut chance = |p: f64| f64::from(rng.next_u32()) < p * f64::from(u32::MAX);
        let kill = chance(0.35);
        let remove = !mine.is_empty() && chance(0.3);
        // Most commands take a few milliseconds: kill within that window, mostly mid-write.
        let kill_after = kill.then(|| Duration::from_micros(u64::from(rng.next_u32() % 12_000)));
        let mut command = jingdu(&data);
        let text = format!("写者{seed}第{round}条");
        if remove {
            let id = mine.swap_remove(rng.next_u32() as usize % mine.len());
            command.args(["note", "rm", &id]);
            match run(command, kill_after) {
                Ok(Some(_)) => {
                    acks.lock().unwrap().removed.insert(id);
                }
                Ok(None) => acks.lock().unwrap().killed += 1,
                Err(e) => acks.lock().unwrap().failed.push(format!("rm {id}: {e}")),
            }
        } else {
            let paragraph = (rng.next_u32() % 10 + 1).to_string();
            command.args(["note", "add", "--paragraph", &paragraph, "--text", &text]);
            match run(command, kill_after) {
                Ok(Some(id)) => {
                    mine.push(id.clone());
                    acks.lock().unwrap().added.insert(id, text);
                }
                Ok(None) => acks.lock().unwrap().killed += 1,
                Err(e) => acks.lock().unwrap().failed.push(format!("add: {e}")),
            }
        }
    }
}

/// Imports `count` notes on the built-in article; returns their ids.
fn preload(data: &Path, count: usize) -> Vec<String> {
    let ids: Vec<String> = (0..count)
        .map(|i| format!("00000000-0000-4000-8000-{i:012}"))
        .collect();
    let items: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(
                r#"{{"type":"Annotation","id":"urn:uuid:{id}","bodyValue":"预先导入的笔记 {id}",
                "target":{{"selector":{{"type":"TextQuoteSelector","exact":"党的力量来自组织"}}}}}}"#
            )
        })
        .collect();
    let file = data.join("preload.json");
    std::fs::create_dir_all(data).unwrap();
    std::fs::write(&file, format!("[{}]", items.join(","))).unwrap();
    let out = jingdu(data)
        .args(["import", file.to_str().unwrap(), "--yes"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ids
}

#[test]
#[ignore = "soak test: minutes of processes being killed; run on demand"]
fn killed_writers_never_lose_an_acknowledged_change() {
    let rounds: usize = std::env::var("SOAK_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    // A store of a few thousand notes makes every save take long enough to be killed in.
    let preloaded = preload(&data, 3000);
    let acks = Arc::new(Mutex::new(Acknowledged::default()));
    let started = Instant::now();
    let threads: Vec<_> = (0..WRITERS as u64)
        .map(|seed| {
            let (data, acks) = (data.clone(), acks.clone());
            std::thread::spawn(move || writer(data, seed + 1, rounds, acks))
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let acks = acks.lock().unwrap();
    assert!(acks.failed.is_empty(), "failed commands: {:?}", acks.failed);

    let temps_in = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| jingdu::fsutil::is_our_temp(name))
            .collect()
    };
    // Writers killed mid-write leave their temporary files until a later process starts.
    let litter = temps_in(&data.join("notes"));
    let litter_before = litter.len();
    // Litter is removed once it is over a minute old (younger files may be a writer's that
    // has not taken its lock yet): age it instead of waiting.
    for name in &litter {
        let f = std::fs::File::options()
            .write(true)
            .open(data.join("notes").join(name))
            .unwrap();
        f.set_modified(std::time::SystemTime::now() - Duration::from_secs(120))
            .unwrap();
    }
    // The next process cleans up after the killed ones, and sees every acknowledged change.
    let out = jingdu(&data).args(["notes", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let present: BTreeMap<String, String> = list
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_owned(),
                n["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut lost: Vec<String> = preloaded
        .iter()
        .filter(|id| !present.contains_key(*id))
        .cloned()
        .collect();
    for (id, text) in &acks.added {
        if !acks.removed.contains(id) && present.get(id) != Some(text) {
            lost.push(id.clone());
        }
    }
    let resurrected: Vec<&String> = acks
        .removed
        .iter()
        .filter(|id| present.contains_key(*id))
        .collect();

    let notes_dir = data.join("notes");
    let mut temps = Vec::new();
    for entry in std::fs::read_dir(&notes_dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if jingdu::fsutil::is_our_temp(&name) {
            temps.push(name);
        } else if name.ends_with(".json") || name.ends_with(".bak") {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
                "{name} does not parse"
            );
        }
    }
    println!(
        "soak: {} writers × {rounds} rounds in {:.0} s: {} additions and {} removals acknowledged, {} processes killed ({} temporary files of killed writers found); {} notes present; lost {}, resurrected {}, temporary files left {}",
        WRITERS,
        started.elapsed().as_secs_f64(),
        acks.added.len(),
        acks.removed.len(),
        acks.killed,
        litter_before,
        present.len(),
        lost.len(),
        resurrected.len(),
        temps.len()
    );
    assert!(lost.is_empty(), "acknowledged notes lost: {lost:?}");
    assert!(
        resurrected.is_empty(),
        "removed notes back: {resurrected:?}"
    );
    assert!(temps.is_empty(), "temporary files left: {temps:?}");
}
