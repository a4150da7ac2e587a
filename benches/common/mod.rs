//! What the benches share: the real news they measure on.

/// Real, varied news text: the PolNeAR training articles in
/// `../shared/eval/polnear-train/articles` (beside the project, never in it),
/// concatenated in name order with blank lines between them; `None` when
/// they are not there.
pub fn real_news() -> Option<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval/polnear-train/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut text = String::new();
    for path in paths {
        text.push_str(&String::from_utf8_lossy(&std::fs::read(path).ok()?));
        text.push_str("\n\n");
    }
    Some(text)
}
