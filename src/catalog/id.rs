//! Ids are keys and end up in file names, so they are restricted before anything else touches them.

/// `^[a-z0-9_]+$`, at most 80 characters: safe as a file name on every system, never `..`.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The likely intended id for an invalid one (lower-cased, spaces and dashes to `_`, the rest dropped).
pub fn suggest_id(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            out.push(c);
        } else if (c == ' ' || c == '-' || c == '.') && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_and_capitals() {
        assert!(is_valid_id("doctors_per_10k"));
        assert!(is_valid_id("12"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id("Doctors"));
        assert!(!is_valid_id(""));
        assert_eq!(suggest_id("Doctors per-10k"), "doctors_per_10k");
    }
}
