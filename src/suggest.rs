//! "Did you mean …?" for unknown names.

/// The closest candidate, if it is close enough to be a plausible typo.
pub fn closest<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| {
            // A third of the length, at least 1 and at most 3 edits; a prefix match also counts.
            let limit = (c.chars().count() / 3).clamp(1, 3);
            *d <= limit || (lower.len() >= 3 && c.starts_with(&lower))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// `did you mean `x`?` or None.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_plural() {
        let c = ["doctors", "population", "hospital_beds"];
        assert_eq!(closest("doctor", c), Some("doctors"));
        assert_eq!(closest("populaton", c), Some("population"));
        assert_eq!(closest("teachers", c), None);
    }
}
