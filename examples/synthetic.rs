//! Writes the benchmark's synthetic document: `cargo run --release --example synthetic -- 1000000 > long.txt`.

fn main() {
    let chars = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    print!("{}", jingdu::document::synthetic_text(chars));
}
