//! JSON paths as errors show them (`holder.iin`, `diploma.program_name.kk`).

/// `base.key`, or `key` at the root.
pub(super) fn join(base: &str, key: &str) -> String {
    let key = shown_key(key);
    if base.is_empty() { key.to_owned() } else { format!("{base}.{key}") }
}

/// A key as shown in a path: itself if a short ASCII identifier, else `*` (keys come from the
/// input and must not smuggle its values into error text).
pub(super) fn shown_key(key: &str) -> &str {
    let plain =
        (1..=32).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain { key } else { "*" }
}
