//! Numbers and short labels as charts print them, in the output language's number format.

use crate::catalog::Comparator;
use crate::i18n::{Lang, format_number};

/// An axis tick: only the decimals the value needs (0, 2,5, 5, 7,5), at most three.
pub fn tick(v: f64, lang: Lang) -> String {
    let decimals = (0u8..=3)
        .find(|d| {
            let scaled = v * 10f64.powi(i32::from(*d));
            (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
        })
        .unwrap_or(3);
    format_number(v, Some(decimals), lang)
}

/// A year on an axis: no thousands separator ("2030", never "2.030"); nothing between whole years.
pub fn year_tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        String::new()
    }
}

/// A value with its unit when the unit is a short symbol (55 %, 3,2 ha); long units ("bác sĩ/1 vạn
/// dân") stay on the axis title instead of cluttering every label.
pub fn value(v: f64, decimals: Option<u8>, unit: &str, lang: Lang) -> String {
    with_unit(format_number(v, decimals, lang), unit)
}

fn with_unit(n: String, unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() || unit.chars().count() > 3 {
        n
    } else {
        format!("{n} {unit}")
    }
}

/// A ratio as a percentage: 0.8077 → "81 %".
pub fn percent(ratio: f64, lang: Lang) -> String {
    format!("{} %", format_number(ratio * 100.0, Some(0), lang))
}

/// A figure as a plan states it: no trailing zeros ("55", "13,5"), with a short unit.
pub fn stated(v: f64, unit: &str, lang: Lang) -> String {
    with_unit(tick(v, lang), unit)
}

/// The target as a label: "≥ 55 % (2030)", "9–10 % (2030)", "13,5 (2030)". Plan figures print as
/// the plan states them, whatever the indicator's display decimals.
pub fn target(
    comparator: Option<Comparator>,
    value: Option<f64>,
    band: Option<(f64, f64)>,
    year: i32,
    unit: &str,
    lang: Lang,
) -> Option<String> {
    let body = match (band, value) {
        (Some((lo, hi)), _) => format!("{}–{}", tick(lo, lang), stated(hi, unit, lang)),
        (None, Some(v)) => {
            let v = stated(v, unit, lang);
            match comparator {
                Some(c) if c != Comparator::Eq => format!("{} {v}", c.symbol()),
                _ => v,
            }
        }
        (None, None) => return None,
    };
    Some(format!("{body} ({year})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_carry_only_the_decimals_they_need() {
        assert_eq!(tick(40.0, Lang::Vi), "40");
        assert_eq!(tick(2.5, Lang::Vi), "2,5");
        assert_eq!(tick(2.5, Lang::En), "2.5");
        assert_eq!(tick(12000.0, Lang::Vi), "12.000");
        assert_eq!(tick(0.125, Lang::En), "0.125");
        assert_eq!(tick(-0.0, Lang::En), "0");
    }

    #[test]
    fn years_have_no_separator_and_half_years_no_label() {
        assert_eq!(year_tick(2030.0), "2030");
        assert_eq!(year_tick(2029.5), "");
    }

    #[test]
    fn target_labels_follow_the_language() {
        let t = |c, v, b, u: &str, l| target(c, v, b, 2030, u, l).unwrap();
        assert_eq!(
            t(Some(Comparator::Ge), Some(55.0), None, "%", Lang::Vi),
            "≥ 55 % (2030)"
        );
        assert_eq!(
            t(Some(Comparator::Le), Some(1.5), None, "%", Lang::En),
            "≤ 1.5 % (2030)"
        );
        assert_eq!(
            t(Some(Comparator::Ge), Some(13.5), None, "bác sĩ/1 vạn dân", Lang::Vi),
            "≥ 13,5 (2030)"
        );
        assert_eq!(t(None, None, Some((9.0, 10.0)), "%", Lang::Vi), "9–10 % (2030)");
        assert_eq!(
            t(Some(Comparator::About), Some(1112.0), None, "", Lang::Vi),
            "≈ 1.112 (2030)"
        );
        assert_eq!(target(None, None, None, 2030, "%", Lang::Vi), None);
    }

    #[test]
    fn percentages_round_to_whole_numbers() {
        assert_eq!(percent(0.8077, Lang::Vi), "81 %");
        assert_eq!(percent(1.2345, Lang::En), "123 %");
    }
}
