//! The small numeric building blocks of methodology.md, in f64, unrounded.

/// CAGR(a→b) = (y_b / y_a)^(1/(t_b − t_a)) − 1; None when undefined (non-positive values, no time).
pub fn cagr(y_a: f64, y_b: f64, years: f64) -> Option<f64> {
    if !(y_a > 0.0 && y_b > 0.0 && years > 0.0) {
        return None;
    }
    let r = (y_b / y_a).powf(1.0 / years) - 1.0;
    r.is_finite().then_some(r)
}

/// Ordinary least-squares slope of y on t; None with fewer than two distinct years.
pub fn ols_slope(points: &[(f64, f64)]) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mt = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mt).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mt) * (p.1 - my)).sum();
    Some(sxy / sxx)
}

/// A ratio that is a number, or None (never inf or NaN).
pub fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// x / y when y ≠ 0 and the result is finite.
pub fn div(x: f64, y: f64) -> Option<f64> {
    if y == 0.0 { None } else { finite(x / y) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cagr_of_the_worked_example() {
        let g = cagr(42.0, 46.2, 4.0).unwrap();
        assert!((g - 0.024114).abs() < 1e-6, "{g}");
        assert!(cagr(0.0, 1.0, 2.0).is_none());
        assert!(cagr(-1.0, 1.0, 2.0).is_none());
    }

    #[test]
    fn slope() {
        assert_eq!(
            ols_slope(&[(2020.0, 42.0), (2024.0, 46.2)]).map(|s| (s * 1e6).round() / 1e6),
            Some(1.05)
        );
        assert_eq!(ols_slope(&[(2020.0, 1.0)]), None);
    }
}
