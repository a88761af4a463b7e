//! Reading one YAML file into a spec struct, turning serde errors into diagnostics with line, column,
//! a caret and the likely fix.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Location};
use crate::suggest;

/// Parse `text` (the contents of `path`) as `T`.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("empty-file", "the file is empty")
            .at(Location::file(path))
            .help("remove the file, or give it its definitions"));
    }
    serde_saphyr::from_str::<T>(text).map_err(|e| to_diagnostic(path, text, &e))
}

fn to_diagnostic(path: &Path, text: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let raw = e.without_snippet().to_string();
    // The crate appends its own position; we render ours.
    let msg = strip_position(&raw);
    let (line, col) = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .filter(|(l, _)| *l > 0)
        .unzip();
    let (code, message, help, span) = match e.without_snippet() {
        serde_saphyr::Error::SerdeUnknownField { field, expected, .. } => {
            unknown("unknown-field", "field", field, expected)
        }
        serde_saphyr::Error::SerdeUnknownVariant { variant, expected, .. } => {
            unknown("unknown-value", "value", variant, expected)
        }
        serde_saphyr::Error::InvalidScalar { ty, .. } => {
            let found = match (line, col) {
                (Some(l), Some(c)) => scalar_at(text, l, c),
                _ => String::new(),
            };
            wrong_scalar(ty, &found)
        }
        _ => explain(&msg),
    };
    // A missing field is reported where the mapping ends; the entry it belongs to starts higher up.
    // A tab is reported where the scanner started; point at the tab itself.
    let (line, col) = match (code, line) {
        ("missing-field", Some(l)) => {
            let (l, c) = entry_start(text, l);
            (Some(l), Some(c))
        }
        (_, Some(l)) if msg.contains("found a tab") || msg.contains("tabs") => match first_tab(text, l) {
            Some((l, c)) => (Some(l), Some(c)),
            None => (line, col),
        },
        (_, Some(l)) if msg.contains("flow mapping") || msg.contains("flow sequence") => match unclosed_flow(text, l) {
            Some((l, c)) => (Some(l), Some(c)),
            None => (line, col),
        },
        _ => (line, col),
    };
    let mut d = Diagnostic::error(code, message);
    d = match line {
        Some(l) => d.at(Location::at(path, l, col)).with_source(text, span),
        None => d.at(Location::file(path)),
    };
    d.help_opt(help)
}

/// The nearest line at or before `line` that opens more `{` or `[` than it closes, and the column
/// just past its end (where the closing bracket is missing).
fn unclosed_flow(text: &str, line: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    (0..line.min(lines.len())).rev().find_map(|i| {
        let l = lines[i];
        let opens = l.matches(['{', '[']).count();
        let closes = l.matches(['}', ']']).count();
        (opens > closes).then(|| (i + 1, l.trim_end().chars().count() + 1))
    })
}

/// The first tab at or after `line`, as (line, column).
fn first_tab(text: &str, line: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .find_map(|(i, l)| l.chars().position(|c| c == '\t').map(|c| (i + 1, c + 1)))
}

/// The scalar starting at (1-based) `line` and `column`, without its quotes.
fn scalar_at(text: &str, line: usize, column: usize) -> String {
    let Some(src) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let rest: String = src.chars().skip(column.saturating_sub(1)).collect();
    let rest = rest.trim_start();
    if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
        return rest[1..].split(q).next().unwrap_or("").to_string();
    }
    rest.split([',', '}', ']', '#']).next().unwrap_or("").trim().to_string()
}

/// A scalar that does not read as the type the field needs: say what was found and what is expected.
fn wrong_scalar(ty: &str, found: &str) -> (&'static str, String, Option<String>, usize) {
    let (expected, help) = if ty.contains("float") {
        (
            "a number",
            "write numbers without units or quotes (`value: 55`, not `value: \"55%\"`); the unit belongs to the indicator; the decimal mark is `.`",
        )
    } else if ty.starts_with('u') || ty.starts_with('i') {
        (
            "a whole number",
            "write a whole number without quotes, e.g. `2030` or `1`",
        )
    } else if ty.contains("bool") {
        ("true or false", "write `true` or `false`")
    } else {
        ("another type", "check the value against the documented fields")
    };
    let message = if found.is_empty() {
        format!("wrong type: expected {expected}")
    } else {
        format!("`{found}` is not {expected}")
    };
    (
        "wrong-type",
        message,
        Some(help.to_string()),
        found.chars().count().max(1),
    )
}

/// The line and column where the YAML entry containing `line` starts: the `- ` of its list item,
/// or the first key of a top-level mapping.
fn entry_start(text: &str, line: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let indent_of = |s: &str| s.len() - s.trim_start().len();
    let Some(start) = lines.get(line.saturating_sub(1)) else {
        return (line, 1);
    };
    let indent = indent_of(start);
    if start.contains('{') {
        return (line, indent + 1);
    }
    for i in (0..line.min(lines.len())).rev() {
        let l = lines[i];
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let ind = indent_of(l);
        if t.starts_with("- ") && ind + 2 <= indent {
            return (i + 1, ind + 1);
        }
        if ind < indent {
            return (i + 1, ind + 1);
        }
    }
    let first = lines
        .iter()
        .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#') && !l.starts_with("---"))
        .unwrap_or(0);
    (first + 1, 1)
}

fn strip_position(s: &str) -> String {
    let s = s.lines().next().unwrap_or(s).trim();
    let s = s.strip_prefix("error: ").unwrap_or(s);
    // "line 5 column 16: unknown variant …" or "… at line 5, column 16"
    let s = match s.find(": ") {
        Some(i) if s[..i].starts_with("line ") => &s[i + 2..],
        _ => s,
    };
    let s = match s.rfind(" at line ") {
        Some(i) => &s[..i],
        None => s,
    };
    s.to_string()
}

fn unknown(
    code: &'static str,
    what: &str,
    bad: &str,
    expected: &[&str],
) -> (&'static str, String, Option<String>, usize) {
    // `name {vi: …}`: the key runs into its value because the colon is missing.
    let key = bad.split([' ', '{', '[']).next().unwrap_or(bad);
    if code == "unknown-field" && key != bad && expected.contains(&key) {
        return (
            code,
            format!("unknown field `{bad}`"),
            Some(format!("a colon is missing after the key: write `{key}: …`")),
            bad.chars().count().max(1),
        );
    }
    let help = suggest::did_you_mean(bad, expected.iter().copied())
        .or_else(|| (!expected.is_empty()).then(|| format!("expected one of: {}", expected.join(", "))));
    (
        code,
        format!("unknown {what} `{bad}`"),
        help,
        bad.chars().count().max(1),
    )
}

/// Backtick-quoted words in a serde message: the offending name first, then the expected ones.
fn ticked(msg: &str) -> Vec<&str> {
    msg.split('`').skip(1).step_by(2).collect()
}

fn explain(msg: &str) -> (&'static str, String, Option<String>, usize) {
    let words = ticked(msg);
    if msg.starts_with("unknown field") {
        let bad = words.first().copied().unwrap_or("");
        let expected = &words.get(1..).unwrap_or(&[]);
        let help = suggest::did_you_mean(bad, expected.iter().copied())
            .or_else(|| (!expected.is_empty()).then(|| format!("allowed fields: {}", expected.join(", "))));
        return (
            "unknown-field",
            format!("unknown field `{bad}`"),
            help,
            bad.chars().count(),
        );
    }
    if msg.starts_with("unknown variant") {
        let bad = words.first().copied().unwrap_or("");
        let expected = &words.get(1..).unwrap_or(&[]);
        let help = suggest::did_you_mean(bad, expected.iter().copied())
            .or_else(|| Some(format!("expected one of: {}", expected.join(", "))));
        return (
            "unknown-value",
            format!("unknown value `{bad}`"),
            help,
            bad.chars().count(),
        );
    }
    if msg.starts_with("missing field") {
        let field = words.first().copied().unwrap_or("");
        let help = match field {
            "direction" => Some(
                "every indicator must say which way is good news: `direction: increase`, `decrease` or `band` (there is no default)"
                    .to_string(),
            ),
            f => Some(format!("add `{f}:` to this entry")),
        };
        return ("missing-field", format!("missing field `{field}`"), help, 1);
    }
    if msg.contains("found a tab") || msg.contains("tabs") {
        return (
            "yaml-syntax",
            msg.to_string(),
            Some("indent with spaces: YAML does not allow tabs (replace each tab with spaces)".into()),
            1,
        );
    }
    if msg.contains("flow mapping") || msg.contains("flow sequence") {
        return (
            "yaml-syntax",
            msg.to_string(),
            Some("a `{` or `[` opened on this line is not closed: add the missing `}` or `]` (or a `,` between two entries)".into()),
            1,
        );
    }
    if msg.contains("duplicate") {
        return (
            "duplicate-key",
            msg.to_string(),
            Some("remove one of the two keys".into()),
            1,
        );
    }
    if msg.contains("invalid type") || msg.contains("invalid value") || msg.starts_with("invalid ") {
        return (
            "wrong-type",
            msg.to_string(),
            Some("write numbers without units or quotes (`value: 55`, not `value: \"55%\"`); the unit belongs to the indicator".into()),
            1,
        );
    }
    (
        "yaml-syntax",
        msg.to_string(),
        Some("check the indentation and the `key: value` layout around this line".into()),
        1,
    )
}

/// Location of a spanned value in `path`, for diagnostics raised after parsing.
pub fn loc<T>(path: &Path, s: &Spanned<T>) -> Location {
    let l = s.referenced.line() as usize;
    let c = s.referenced.column() as usize;
    if l == 0 {
        Location::file(path)
    } else {
        Location::at(path, l, Some(c))
    }
}

/// A diagnostic at a spanned value, with the source line and a caret of `span` characters.
pub fn diag_at<T>(mut d: Diagnostic, path: &Path, text: &str, s: &Spanned<T>, span: usize) -> Diagnostic {
    d = d.at(loc(path, s));
    d.with_source(text, span)
}

/// Column of the first character inside a scalar (past an opening quote) at a spanned position.
pub fn inner_column<T>(text: &str, s: &Spanned<T>) -> usize {
    let line = s.referenced.line() as usize;
    let col = s.referenced.column() as usize;
    let quoted = text
        .lines()
        .nth(line.saturating_sub(1))
        .and_then(|l| l.chars().nth(col.saturating_sub(1)))
        .is_some_and(|c| c == '"' || c == '\'');
    if quoted { col + 1 } else { col }
}
