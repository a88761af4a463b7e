use super::Lang;

/// Round half away from zero at `decimals` places. Display only: never feed the result back into a computation.
pub fn round_half_away(v: f64, decimals: u8) -> f64 {
    let factor = 10f64.powi(i32::from(decimals));
    let scaled = v * factor;
    // `f64::round` is half away from zero; the tiny nudge absorbs binary representation error
    // (2.675 is stored as 2.67499999…, which a statistician still expects to read as 2.68).
    let nudged = scaled + scaled.signum() * scaled.abs() * f64::EPSILON * 4.0;
    nudged.round() / factor
}

/// The methodology's default precision: 1 decimal when |v| ≥ 1, 2 when |v| < 1.
pub fn default_decimals(v: f64) -> u8 {
    if v.abs() >= 1.0 { 1 } else { 2 }
}

/// `1.234,5` in Vietnamese, `1,234.5` in English. Non-finite values print as an empty-set marker.
pub fn format_number(v: f64, decimals: Option<u8>, lang: Lang) -> String {
    let (thousands, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    format_number_with(v, decimals, thousands, decimal)
}

pub fn format_number_with(v: f64, decimals: Option<u8>, thousands: char, decimal: char) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let d = decimals.unwrap_or_else(|| default_decimals(v));
    let r = round_half_away(v, d);
    let s = format!("{:.*}", usize::from(d), r.abs());
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(ch);
    }
    let negative = r < 0.0 && r != 0.0;
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac_part {
        out.push(decimal);
        out.push_str(&f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_and_english_grouping() {
        assert_eq!(format_number(1234.5, Some(1), Lang::Vi), "1.234,5");
        assert_eq!(format_number(1234.5, Some(1), Lang::En), "1,234.5");
        assert_eq!(format_number(161051.0, Some(0), Lang::Vi), "161.051");
        assert_eq!(format_number(-0.04, Some(1), Lang::En), "0.0");
        assert_eq!(format_number(-1234567.891, Some(2), Lang::En), "-1,234,567.89");
    }

    #[test]
    fn half_away_from_zero() {
        assert_eq!(round_half_away(2.5, 0), 3.0);
        assert_eq!(round_half_away(-2.5, 0), -3.0);
        assert_eq!(round_half_away(2.675, 2), 2.68);
        assert_eq!(round_half_away(0.125, 2), 0.13);
        assert_eq!(round_half_away(52.45, 1), 52.5);
    }

    #[test]
    fn default_precision_follows_magnitude() {
        assert_eq!(format_number(0.3231, None, Lang::En), "0.32");
        assert_eq!(format_number(8.8, None, Lang::Vi), "8,8");
    }
}
