fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let (text, _) = jingdu::document::decode_bytes(&bytes).unwrap();
    let doc = jingdu::document::parse(&text);
    println!("{}", serde_json::to_string_pretty(&jingdu::document::outline_json(&doc)).unwrap());
}
