//! Records the git revision the binary was built from, for the about box and `--version`
//! readers; "unknown" outside a git checkout (a source tarball).

fn main() {
    let revision = std::process::Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=JINGDU_GIT_REVISION={revision}");
    // Rebuild when the checked-out commit changes; only name files that exist, or Cargo would
    // rerun this script on every build.
    let head = std::fs::read_to_string(".git/HEAD").unwrap_or_default();
    let branch = head
        .strip_prefix("ref: ")
        .map(|r| format!(".git/{}", r.trim()));
    for path in [Some(".git/HEAD".to_owned()), branch].into_iter().flatten() {
        if std::path::Path::new(&path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
