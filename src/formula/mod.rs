//! Formula strings → polars expressions, through polars' own SQL front-end (`polars::sql::sql_expr`).
//!
//! We only add what the front-end lacks for a catalogue: positions in parse errors (from sqlparser,
//! the parser polars uses), the list of names a formula reads, a refusal of anything that is not a
//! row-wise scalar expression, and the numerator/denominator split that lets values be re-aggregated.

use polars::prelude::{Expr, Operator};

/// A compiled formula.
#[derive(Debug, Clone)]
pub struct Formula {
    pub source: String,
    pub expr: Expr,
    /// The series and indicator ids the formula reads, sorted and unique.
    pub names: Vec<String>,
    /// `num / den * scale`, when the formula has that shape at its top.
    pub ratio: Option<Ratio>,
}

#[derive(Debug, Clone)]
pub struct Ratio {
    pub numerator: Expr,
    pub denominator: Expr,
    pub scale: f64,
}

/// A formula that does not compile. `offset` is a character offset into the formula text.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaError {
    pub message: String,
    pub offset: Option<usize>,
    pub len: usize,
    pub help: Option<String>,
}

impl FormulaError {
    fn new(message: impl Into<String>) -> Self {
        FormulaError {
            message: message.into(),
            offset: None,
            len: 1,
            help: None,
        }
    }
}

pub fn compile(source: &str) -> Result<Formula, FormulaError> {
    if source.trim().is_empty() {
        return Err(FormulaError::new("the formula is empty"));
    }
    check_syntax(source)?;
    let expr = polars::sql::sql_expr(float_literals(source)).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.split_once(": ").map(|(_, m)| m.to_string()).unwrap_or(msg);
        FormulaError::new(format!("cannot use this formula: {msg}"))
    })?;
    reject_non_scalar(&expr, source)?;
    let mut names: Vec<String> = expr.clone().meta().root_names().iter().map(|n| n.to_string()).collect();
    names.sort();
    names.dedup();
    let ratio = split_ratio(&expr);
    Ok(Formula {
        source: source.to_string(),
        expr,
        names,
        ratio,
    })
}

/// Evaluate the formula on a few rows where every name it reads is a number, as the engine does:
/// a formula that does not give a number (text, a date) or that fails on numbers is caught at its
/// line, instead of failing the evaluation later with an engine message.
pub fn check_on_numbers(f: &Formula) -> Result<(), FormulaError> {
    use polars::prelude::{Column, DataFrame, DataType, IntoLazy};
    // Only catalogue ids become columns here: names such as `__PL_STRUCTFIELDS` are polars' own and
    // make it panic (found by the formula fuzzer).
    if let Some(bad) = f.names.iter().find(|n| !crate::catalog::is_valid_id(n)) {
        let mut err = FormulaError::new(format!("`{bad}` is not a series or indicator id"));
        err.help = Some("ids use only lower-case letters, digits and `_`".into());
        return Err(err);
    }
    let mut cols = vec![Column::new("__row".into(), [1.0f64, 2.0, 0.0])];
    cols.extend(
        f.names
            .iter()
            .map(|n| Column::new(n.as_str().into(), [1.0f64, 2.0, 0.0])),
    );
    let failed = |e: polars::error::PolarsError| {
        let msg = e.to_string();
        let msg = msg.lines().next().unwrap_or("").to_string();
        let mut err = FormulaError::new(format!("the formula cannot be computed on numbers: {msg}"));
        err.help = Some("a formula is arithmetic over series and indicator ids (+ - * /, NULLIF, COALESCE, CASE, ROUND, POWER, LN …)".into());
        err
    };
    let df = DataFrame::new_infer_height(cols).map_err(failed)?;
    let lf = df.lazy().select([f.expr.clone()]);
    let schema = lf.clone().collect_schema().map_err(failed)?;
    if let Some((_, dtype)) = schema.iter().next()
        && !(dtype.is_primitive_numeric() || dtype.is_bool() || dtype.is_null() || dtype.is_decimal())
    {
        let what = match dtype {
            DataType::String => "text".to_string(),
            d if d.is_temporal() => "a date or a time".to_string(),
            d => d.to_string(),
        };
        let mut err = FormulaError::new(format!("the formula gives {what}, not a number"));
        err.help = Some("text and dates cannot be indicator values: compute a number from the series".into());
        return Err(err);
    }
    lf.select([polars::prelude::col("*").cast(DataType::Float64)])
        .collect()
        .map_err(failed)?;
    Ok(())
}

/// Character offset of the first whole-word occurrence of `name` in `source`, for pointing at it.
pub fn find_name(source: &str, name: &str) -> Option<usize> {
    // An empty quoted name (``) would match everywhere without moving on.
    if name.is_empty() {
        return None;
    }
    let bytes = source.as_bytes();
    let mut start = 0;
    while let Some(pos) = source[start..].find(name) {
        let at = start + pos;
        let end = at + name.len();
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let before_ok = at == 0 || !word(bytes[at - 1]);
        let after_ok = end >= bytes.len() || !word(bytes[end]);
        if before_ok && after_ok {
            return Some(source[..at].chars().count());
        }
        start = end;
    }
    None
}

/// The formula with every integer literal written as a float (`10000` → `10000.0`). Figures are
/// computed in f64; integer literals would be folded by polars in 64-bit integers, which overflow
/// (fuzz finding: `990000000100000000 * 00100000000100000000` panicked in the optimiser, and would
/// wrap silently in a release build).
fn float_literals(source: &str) -> String {
    use sqlparser::dialect::GenericDialect;
    use sqlparser::tokenizer::{Token, Tokenizer};
    let Ok(tokens) = Tokenizer::new(&GenericDialect, source).tokenize() else {
        return source.to_string();
    };
    tokens
        .into_iter()
        .map(|t| match t {
            Token::Number(n, long) if n.bytes().all(|b| b.is_ascii_digit()) => Token::Number(format!("{n}.0"), long),
            t => t,
        })
        .map(|t| t.to_string())
        .collect()
}

fn check_syntax(source: &str) -> Result<(), FormulaError> {
    use sqlparser::dialect::GenericDialect;
    use sqlparser::parser::Parser;
    let parsed = Parser::new(&GenericDialect).try_with_sql(source).and_then(|mut p| {
        let e = p.parse_expr()?;
        let next = p.peek_token();
        if next.token != sqlparser::tokenizer::Token::EOF {
            return Err(sqlparser::parser::ParserError::ParserError(format!(
                "unexpected `{}` after the expression at Line: {}, Column: {}",
                next.token, next.span.start.line, next.span.start.column
            )));
        }
        Ok(e)
    });
    match parsed {
        Ok(_) => reject_dotted_names(source),
        Err(e) => {
            let text = match e {
                sqlparser::parser::ParserError::TokenizerError(s) | sqlparser::parser::ParserError::ParserError(s) => s,
                sqlparser::parser::ParserError::RecursionLimitExceeded => "the formula is nested too deeply".into(),
            };
            let (msg, offset) = split_position(&text, source);
            let msg = msg
                .replace("Expected: ", "expected ")
                .replace(", found: EOF", " but the formula ends");
            let help = if msg.contains("ends") {
                Some(
                    "the formula stops in the middle of an expression; complete it or remove the trailing operator"
                        .into(),
                )
            } else {
                None
            };
            Err(FormulaError {
                message: format!("formula does not parse: {msg}"),
                offset,
                len: 1,
                help,
            })
        }
    }
}

/// `a.b` parses as a table-qualified column and reaches polars as a struct field access, which has
/// no meaning for a formula over series (and upsets polars' optimiser): names are plain ids.
fn reject_dotted_names(source: &str) -> Result<(), FormulaError> {
    use sqlparser::dialect::GenericDialect;
    use sqlparser::tokenizer::{Token, Tokenizer};
    let Ok(tokens) = Tokenizer::new(&GenericDialect, source).tokenize_with_location() else {
        return Ok(());
    };
    let tokens: Vec<_> = tokens
        .into_iter()
        .filter(|t| !matches!(t.token, Token::Whitespace(_)))
        .collect();
    let offset_of = |t: &sqlparser::tokenizer::TokenWithSpan| {
        let line = t.span.start.line as usize;
        let before: usize = source
            .lines()
            .take(line.saturating_sub(1))
            .map(|l| l.chars().count() + 1)
            .sum();
        before + (t.span.start.column as usize).saturating_sub(1)
    };
    // Integer division has no place in an indicator formula, and polars panics on some of its
    // integer operands (fuzz finding: `510000000000 // 0 / 0`).
    if let Some(t) = tokens.iter().find(|t| t.token == Token::DuckIntDiv) {
        return Err(FormulaError {
            message: "`//` (integer division) is not a formula operator".into(),
            offset: Some(offset_of(t)),
            len: 2,
            help: Some("divide with `/`; round for display with the indicator's `decimals`".into()),
        });
    }
    // A formula is scalar: list and map literals would reach polars list arithmetic, which panics
    // when its feature is off (fuzz finding: `0 % [] * b`).
    if let Some(t) = tokens.iter().find(|t| {
        matches!(
            t.token,
            Token::LBracket | Token::RBracket | Token::LBrace | Token::RBrace
        )
    }) {
        return Err(FormulaError {
            message: format!("`{}`: a formula works on numbers, not lists", t.token),
            offset: Some(offset_of(t)),
            len: 1,
            help: Some("use round brackets `( )` to group".into()),
        });
    }
    for w in tokens.windows(2) {
        if matches!(w[0].token, Token::Word(_)) && w[1].token == Token::Period {
            let line = w[1].span.start.line as usize;
            let col = w[1].span.start.column as usize;
            let before: usize = source
                .lines()
                .take(line.saturating_sub(1))
                .map(|l| l.chars().count() + 1)
                .sum();
            return Err(FormulaError {
                message: format!("`{}.…`: a name in a formula cannot contain a dot", w[0].token),
                offset: Some(before + col.saturating_sub(1)),
                len: 1,
                help: Some(
                    "series and indicator ids are plain names (`doctors`), without a table or field part".into(),
                ),
            });
        }
    }
    Ok(())
}

/// sqlparser appends " at Line: L, Column: C"; turn it into a character offset into the one-line formula.
fn split_position(text: &str, source: &str) -> (String, Option<usize>) {
    let Some(idx) = text.rfind(" at Line: ") else {
        // No position (e.g. unexpected end): point just past the end.
        return (text.to_string(), Some(source.chars().count()));
    };
    let (msg, pos) = text.split_at(idx);
    let nums: Vec<usize> = pos
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let offset = match nums.as_slice() {
        [line, col, ..] => {
            let before: usize = source
                .lines()
                .take(line.saturating_sub(1))
                .map(|l| l.chars().count() + 1)
                .sum();
            Some(before + col.saturating_sub(1))
        }
        _ => None,
    };
    (msg.to_string(), offset)
}

fn reject_non_scalar(expr: &Expr, source: &str) -> Result<(), FormulaError> {
    for node in expr {
        let what = match node {
            Expr::Agg(_) => Some("an aggregate (SUM, AVG, MAX, …)"),
            Expr::Over { .. } => Some("a window function"),
            Expr::Len => Some("COUNT"),
            Expr::Filter { .. }
            | Expr::Sort { .. }
            | Expr::SortBy { .. }
            | Expr::Slice { .. }
            | Expr::Gather { .. } => Some("a row-selecting operation"),
            Expr::Explode { .. } => Some("an explode"),
            Expr::Selector(_) => Some("a column selector"),
            _ => None,
        };
        if let Some(what) = what {
            let mut e = FormulaError::new(format!("a formula is evaluated row by row and cannot contain {what}"));
            e.help = Some(format!(
                "aggregation up the area hierarchy is done by the engine (ratio of sums); write the per-area expression only: `{}`",
                source.trim()
            ));
            return Err(e);
        }
    }
    Ok(())
}

fn literal_f64(e: &Expr) -> Option<f64> {
    match e {
        Expr::Literal(l) => l.to_any_value().and_then(|v| v.extract::<f64>()),
        _ => None,
    }
}

/// Recognise `n / d`, `n / d * k`, `k * n / d` and `n * k / d` at the top of the formula, also as the
/// first argument of `COALESCE(n / d * k, published_rate)` (computed from counts where they exist, else
/// a published rate): the numerator and denominator are then those of the counts, null where the
/// published fallback was used.
fn split_ratio(expr: &Expr) -> Option<Ratio> {
    if let Expr::Function {
        input,
        function: polars::prelude::FunctionExpr::Coalesce,
    } = expr
    {
        return input.first().and_then(split_ratio);
    }
    let Expr::BinaryExpr { left, op, right } = expr else {
        return None;
    };
    match op {
        Operator::RustDivide | Operator::TrueDivide => {
            if let Expr::BinaryExpr {
                left: l2,
                op: Operator::Multiply,
                right: r2,
            } = left.as_ref()
            {
                if let Some(k) = literal_f64(r2) {
                    return Some(Ratio {
                        numerator: l2.as_ref().clone(),
                        denominator: right.as_ref().clone(),
                        scale: k,
                    });
                }
                if let Some(k) = literal_f64(l2) {
                    return Some(Ratio {
                        numerator: r2.as_ref().clone(),
                        denominator: right.as_ref().clone(),
                        scale: k,
                    });
                }
            }
            Some(Ratio {
                numerator: left.as_ref().clone(),
                denominator: right.as_ref().clone(),
                scale: 1.0,
            })
        }
        Operator::Multiply => {
            let (k, other) = match (literal_f64(left), literal_f64(right)) {
                (_, Some(k)) => (k, left),
                (Some(k), _) => (k, right),
                _ => return None,
            };
            let inner = split_ratio(other)?;
            Some(Ratio {
                scale: inner.scale * k,
                ..inner
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ratio() {
        let f = compile("doctors / population * 10000").unwrap();
        assert_eq!(f.names, vec!["doctors", "population"]);
        let r = f.ratio.unwrap();
        assert_eq!(r.scale, 10000.0);
        assert_eq!(r.numerator.meta().root_names()[0].as_str(), "doctors");
        assert_eq!(r.denominator.meta().root_names()[0].as_str(), "population");
    }

    #[test]
    fn ratio_shapes() {
        for src in [
            "100 * poor / households",
            "poor * 100 / households",
            "poor / households * 100",
        ] {
            let r = compile(src).unwrap().ratio.unwrap_or_else(|| panic!("{src}"));
            assert_eq!(r.scale, 100.0, "{src}");
        }
        assert!(compile("a + b").unwrap().ratio.is_none());
    }

    #[test]
    fn ratio_inside_coalesce_with_a_published_fallback() {
        let f = compile("COALESCE(poor_households / NULLIF(households, 0) * 100, poverty_rate_published)").unwrap();
        assert_eq!(f.names, vec!["households", "poor_households", "poverty_rate_published"]);
        let r = f.ratio.expect("ratio of the counts");
        assert_eq!(r.scale, 100.0);
        assert_eq!(r.numerator.meta().root_names()[0].as_str(), "poor_households");
        assert_eq!(r.denominator.meta().root_names()[0].as_str(), "households");
        assert!(compile("COALESCE(a + b, c)").unwrap().ratio.is_none());
    }

    #[test]
    fn trailing_operator_points_at_the_end() {
        let e = compile("doctors / ").unwrap_err();
        assert!(e.message.contains("does not parse"), "{e:?}");
        assert!(e.offset.is_some());
    }

    #[test]
    fn aggregates_are_refused() {
        let e = compile("SUM(doctors) / SUM(population)").unwrap_err();
        assert!(e.message.contains("aggregate"), "{e:?}");
    }

    #[test]
    fn dotted_names_are_refused() {
        // Found by the formula fuzzer: a struct-field access made polars' optimiser panic.
        let e = compile("ru_=ated /ralio_ldoslid_wast=_g.enerated * 3 * 100").unwrap_err();
        assert!(e.message.contains("cannot contain a dot"), "{e:?}");
        assert!(compile("doctors / population * 1.5").is_ok());
        assert!(compile("_g.enerated * 3").is_err());
        // Also found by the fuzzer: polars' internal column name as a formula.
        let f = compile("__PL_STRUCTFIELDS").unwrap();
        assert!(check_on_numbers(&f).is_err());
    }

    #[test]
    fn statements_are_refused() {
        assert!(compile("a / b; DROP TABLE x").is_err());
        assert!(compile("SELECT a FROM t").is_err());
    }

    #[test]
    fn finds_whole_words_only() {
        assert_eq!(find_name("doctors / doctor", "doctor"), Some(10));
        assert_eq!(find_name("số_bác_sĩ + x", "x"), Some(12));
    }

    #[test]
    fn an_empty_quoted_name_is_not_searched_for() {
        // Fuzz finding: this formula looped for ever while its names were being located.
        let source = "tea+``+++++++grg==en";
        if let Ok(f) = compile(source) {
            for n in &f.names {
                let _ = find_name(source, n);
            }
            assert!(check_on_numbers(&f).is_err());
        }
        assert_eq!(find_name("a + ``", ""), None);
    }

    #[test]
    fn integer_division_is_refused() {
        // Fuzz finding: polars panicked evaluating this on numbers.
        let e = compile("00000510000000000//00000/00000/00000/e").unwrap_err();
        assert!(e.message.contains("integer division"), "{}", e.message);
        assert_eq!(e.offset, Some(17));
        assert!(compile("a / b").is_ok());
    }

    #[test]
    fn integer_literals_are_computed_as_floats() {
        // Fuzz finding: polars folded these in i64 and overflowed.
        let f = compile("990000000100000000*00100000000100000000*00100005580000&0+00+05580000&0+00+00000000000008");
        if let Ok(f) = f {
            let _ = check_on_numbers(&f);
        }
        assert_eq!(
            float_literals("doctors / population * 10000"),
            "doctors / population * 10000.0"
        );
        assert_eq!(float_literals("a * 1.5 + 2e3"), "a * 1.5 + 2e3");
    }

    #[test]
    fn list_literals_are_refused() {
        // Fuzz finding: polars panicked on list arithmetic.
        let e = compile("e<=-0%0%b-e<=-0%0%0%00%[]*b").unwrap_err();
        assert!(e.message.contains("not lists"), "{}", e.message);
        assert_eq!(e.offset, Some(23));
        assert!(compile("(a + b) * 2").is_ok());
    }
}
