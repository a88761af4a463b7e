//! Making text safe for the places outputs are opened: spreadsheets execute cells that start with
//! `=`, `+`, `-` or `@` (CSV injection), browsers execute markup.

/// Prefix a text cell that a spreadsheet would read as a formula with `'`, which Excel and
/// LibreOffice show as plain text. Numbers are written as numbers and never pass through here.
pub fn neutralise_cell(s: &str) -> String {
    if reads_as_formula(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Whether a spreadsheet would take this text cell for a formula.
pub fn reads_as_formula(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// One CSV field: neutralised, and quoted when it holds a separator, a quote or a line break.
pub fn csv_text(s: &str) -> String {
    let s = neutralise_cell(s);
    if s.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A number for CSV/JSON: full precision, the shortest text that reads back to the same f64.
pub fn csv_number(v: Option<f64>) -> String {
    let mut out = String::new();
    push_csv_number(&mut out, v);
    out
}

/// [`csv_number`] onto the end of a text (millions of cells: no string each).
pub fn push_csv_number(out: &mut String, v: Option<f64>) {
    use std::fmt::Write;
    match v {
        // A whole number (counts, populations) below 2^53 reads the same as an integer, which is
        // written several times faster than a float's shortest digits; -0 keeps its sign.
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 && !(x == 0.0 && x.is_sign_negative()) => {
            let _ = write!(out, "{}", x as i64);
        }
        Some(x) if x.is_finite() => {
            let _ = write!(out, "{x}");
        }
        _ => {}
    }
}

/// Escape for HTML and SVG text and attributes.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whole numbers written as integers read exactly as the float's own shortest digits.
        #[test]
        fn a_number_is_its_shortest_digits(
            x in prop_oneof![
                any::<f64>(),
                (-(1i64 << 53)..(1i64 << 53)).prop_map(|i| i as f64),
                (-20i32..20).prop_map(|e| 10f64.powi(e)),
                Just(-0.0),
                Just(1e15 - 1.0),
                Just(-1e15 + 1.0),
            ]
        ) {
            let want = if x.is_finite() { format!("{x}") } else { String::new() };
            prop_assert_eq!(csv_number(Some(x)), want);
        }
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_cell("Lai Châu"), "Lai Châu");
        assert_eq!(csv_text("-2+3"), "'-2+3");
        assert_eq!(csv_text("a,b"), "\"a,b\"");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            html_escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
    }
}
