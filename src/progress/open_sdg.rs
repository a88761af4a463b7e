//! The Open SDG 2.4 progress measure (methodology.md §5), reproduced exactly so that a national SDG
//! team gets the same answer from chitieu as from its own platform.

use super::kind::{Ctx, not_assessable, put};
use super::{Assessment, Note, Status};

/// The exponent of the natural-limit coefficient.
const A: f64 = 4.44;

/// C = 1 if b ≥ 2l; 1 − (b/l)^a if b ≤ l; 1 − ((2l − b)/l)^a otherwise (b = |base|, l = |L|).
pub fn limit_coefficient(base: f64, limit: Option<f64>) -> f64 {
    let Some(l) = limit.map(f64::abs).filter(|l| *l > 0.0) else {
        return 1.0;
    };
    let b = base.abs();
    if b >= 2.0 * l {
        1.0
    } else if b <= l {
        1.0 - (b / l).powf(A)
    } else {
        1.0 - ((2.0 * l - b) / l).powf(A)
    }
}

/// Open SDG's substitution of zero by 0.001, and the sign of the base.
fn prepare(base: f64, current: f64) -> Option<(f64, f64, f64)> {
    let base = if base == 0.0 { 0.001 } else { base };
    let current = if current == 0.0 { 0.001 } else { current };
    if base.signum() != current.signum() {
        return None;
    }
    let sign = if base < 0.0 { -1.0 } else { 1.0 };
    Some((base, current, sign))
}

fn cagr_signed(base: f64, current: f64, years: f64) -> f64 {
    (current / base).powf(1.0 / years) - 1.0
}

/// Method 1 (no target): P = sign·d·CAGR(base→current). None for opposite signs or no time.
pub fn method1_p(base: f64, current: f64, years: f64, d: f64) -> Option<f64> {
    if years < 1.0 {
        return None;
    }
    let (b, c, sign) = prepare(base, current)?;
    let p = sign * d * cagr_signed(b, c, years);
    p.is_finite().then_some(p)
}

/// Status and score of method 1, with thresholds 0.015·C, 0.005·C, 0.
pub fn method1_status(p: f64, coef: f64) -> (Status, f64) {
    let (high, med, low) = (0.015 * coef, 0.005 * coef, 0.0);
    let score = if p < low {
        (125.0 * p - 2.5).max(-5.0)
    } else if coef == 0.0 {
        5.0
    } else if p >= high {
        (500.0 * p / coef - 5.0).min(5.0)
    } else if p >= med {
        250.0 * p / coef - 1.25
    } else {
        500.0 * p / coef - 2.5
    };
    let status = if p >= high {
        Status::OnTrack
    } else if p >= med {
        Status::NeedsAcceleration
    } else if p >= low {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    };
    (status, score)
}

/// Method 2 (target): P = sign·d·CAGR(base→current)/|CAGR(base→target)|.
pub fn method2_p(base: f64, current: f64, target: f64, years_now: f64, years_target: f64, d: f64) -> Option<f64> {
    if years_now < 1.0 || years_target <= 0.0 {
        return None;
    }
    let (b, c, sign) = prepare(base, current)?;
    let t = if target == 0.0 { 0.001 } else { target };
    let actual = cagr_signed(b, c, years_now);
    let required = cagr_signed(b, t, years_target);
    let p = sign * d * actual / required.abs();
    p.is_finite().then_some(p)
}

/// Status and score of method 2, with thresholds 0.95, 0.6, 0.
pub fn method2_status(p: f64) -> (Status, f64) {
    let score = if p >= 0.6 {
        ((50.0 / 7.0) * p - 30.0 / 7.0).min(5.0)
    } else {
        ((25.0 / 6.0) * p - 2.5).max(-5.0)
    };
    let status = if p >= 0.95 {
        Status::OnTrack
    } else if p >= 0.6 {
        Status::NeedsAcceleration
    } else if p >= 0.0 {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    };
    (status, score)
}

/// Re-assess a target with the Open SDG rules, given the level it must reach at T (`None`: method 1).
/// The kind's own figures (gap, path, …) stay; base, status, ratio and score follow Open SDG.
pub fn assess(c: &Ctx, a: &mut Assessment, target_level: Option<f64>) {
    a.method = "open_sdg".into();
    // Base: the observation at the base year, or else the first year after it.
    let t_base = c.def.baseline_year;
    let Some(base) = c.obs.iter().find(|p| p.year >= t_base).cloned() else {
        return not_assessable(
            a,
            "no-data",
            format!("no observation in or after the base year {t_base}"),
        );
    };
    let Some(cur) = c.obs.last().cloned() else {
        return not_assessable(a, "no-data", "no data");
    };
    let years_now = f64::from(cur.year - base.year);
    if years_now < 1.0 {
        return not_assessable(
            a,
            "single-point",
            "the latest year is the base year: Open SDG needs at least one year between",
        );
    }
    put(a, "osdg_base_year", Some(f64::from(base.year)));
    put(a, "osdg_base", Some(base.value));
    put(a, "osdg_current", Some(cur.value));
    if base.year != t_base {
        a.notes.push(Note::new(
            "baseline-from",
            format!("Open SDG base from {} (first year after {t_base})", base.year),
        ));
    }
    match target_level {
        None => {
            let coef = limit_coefficient(base.value, c.indicator.natural_limit);
            let Some(p) = method1_p(base.value, cur.value, years_now, c.d) else {
                return not_assessable(a, "mixed-signs", "base and current values have opposite signs");
            };
            put(a, "osdg_C", Some(coef));
            let (status, score) = method1_status(p, coef);
            a.ratio = Some(p);
            a.score = Some(score);
            a.status = status;
        }
        Some(target) => {
            put(a, "osdg_target", Some(target));
            let achieved = if c.d > 0.0 {
                cur.value >= target
            } else {
                cur.value <= target
            };
            if achieved {
                a.achieved = Some(true);
                a.status = Status::Achieved;
                a.score = Some(5.0);
                return;
            }
            let years_target = f64::from(c.def.year - base.year);
            let Some(p) = method2_p(base.value, cur.value, target, years_now, years_target, c.d) else {
                return not_assessable(
                    a,
                    "mixed-signs",
                    "base and current values have opposite signs, or the target year is not after the base",
                );
            };
            let (status, score) = method2_status(p);
            a.achieved = Some(false);
            a.ratio = Some(p);
            a.score = Some(score);
            a.status = status;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_limit_coefficient_of_the_worked_example() {
        let c = limit_coefficient(90.0, Some(100.0));
        assert!((c - 0.373622).abs() < 1e-6, "{c}");
        assert!((0.015 * c - 0.005604).abs() < 1e-6);
        assert!((0.005 * c - 0.001868).abs() < 1e-6);
        assert_eq!(limit_coefficient(250.0, Some(100.0)), 1.0);
        assert_eq!(limit_coefficient(50.0, None), 1.0);
    }

    #[test]
    fn scores_are_continuous_at_the_thresholds() {
        assert!((method2_status(0.95).1 - 2.5).abs() < 1e-12);
        assert!(method2_status(0.6).1.abs() < 1e-12);
        assert!((method2_status(0.0).1 + 2.5).abs() < 1e-12);
        assert_eq!(method2_status(3.0).1, 5.0);
        assert_eq!(method2_status(-3.0).1, -5.0);
        let c = 0.5;
        assert!((method1_status(0.015 * c, c).1 - 2.5).abs() < 1e-9);
        assert!(method1_status(0.005 * c, c).1.abs() < 1e-9);
        assert!((method1_status(0.0, c).1 + 2.5).abs() < 1e-12);
    }

    #[test]
    fn zero_base_and_signs() {
        assert!(method1_p(0.0, 1.0, 2.0, 1.0).is_some());
        assert!(method1_p(-1.0, 1.0, 2.0, 1.0).is_none());
        // Both negative: sign = −1 turns a shrinking deficit into progress for d = +1.
        let p = method1_p(-10.0, -5.0, 1.0, 1.0).unwrap();
        assert!((p - 0.5).abs() < 1e-12, "{p}");
    }
}
