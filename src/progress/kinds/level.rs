//! §3.1 `level` — "forest cover 55 % by 2030": a comparator and a value at year T.

use crate::catalog::{Comparator, Direction};
use crate::progress::kind::{Ctx, Kind, linear_path, not_assessable, projection_path, put, trend_slope};
use crate::progress::math::{cagr, div};
use crate::progress::{Assessment, Note, Status};

pub struct Level;

impl Kind for Level {
    fn assess(&self, c: &Ctx, a: &mut Assessment) {
        let Some(y_star) = c.spec.value() else {
            return not_assessable(a, "no-target-value", "the target has no value");
        };
        let op = c.spec.op().unwrap_or_else(|| c.default_op());
        assess_level(c, a, y_star, op, None);
    }
}

/// The level assessment, shared by `level`, `relative` and `range`. `towards` forces the good
/// direction (a range: towards the band); otherwise it is the indicator's, or for a band indicator
/// the direction from the baseline to the target.
pub fn assess_level(c: &Ctx, a: &mut Assessment, y_star: f64, op: Comparator, towards: Option<f64>) {
    put(a, "y_star", Some(y_star));
    let Some(cur) = c.current.clone() else {
        return not_assessable(a, "no-data", format!("no observation up to {}", c.as_of));
    };
    let (tc, yc) = (cur.year, cur.value);
    let t = c.def.year;
    let achieved = c.holds(op, yc, y_star);
    a.achieved = Some(achieved);
    a.gap = Some(y_star - yc);
    put(a, "t_c", Some(f64::from(tc)));
    put(a, "y_c", Some(yc));
    put(a, "T", Some(f64::from(t)));
    let Some(b) = c.baseline.clone() else {
        if achieved {
            a.status = Status::Achieved;
            a.notes.push(Note::new(
                "no-baseline",
                "achieved; there is no baseline to measure the pace from",
            ));
        } else {
            not_assessable(
                a,
                "no-baseline",
                format!("no baseline near {}: the pace cannot be measured", c.def.baseline_year),
            );
        }
        return;
    };
    let (t0, y0) = (b.year, b.value);
    put(a, "t0", Some(f64::from(t0)));
    put(a, "y0", Some(y0));
    let d = towards.unwrap_or(if c.indicator.direction() == Direction::Band {
        if y_star >= y0 { 1.0 } else { -1.0 }
    } else {
        c.d
    });
    put(a, "d", Some(d));
    a.path = linear_path(t0, y0, t, y_star);
    let y_req = |yr: i32| {
        if t > t0 {
            y0 + (y_star - y0) * f64::from(yr - t0) / f64::from(t - t0)
        } else {
            y_star
        }
    };
    a.vs_plan = c
        .spec
        .plan_values
        .get(&tc)
        .copied()
        .or(Some(y_req(tc)))
        .and_then(|plan| div(yc * 100.0, plan));

    // What is needed per year from now: the figure a planner asks first, even at the baseline.
    if t > tc {
        a.needed_per_year = div(y_star - yc, f64::from(t - tc));
    }
    if tc > t0 {
        let req_now = y_req(tc);
        a.required_now = Some(req_now);
        a.deviation = Some(d * (yc - req_now));
        a.observed_per_year = div(yc - y0, f64::from(tc - t0));
        if let Some(slope) = trend_slope(c) {
            put(a, "slope", Some(slope));
            let proj = yc + slope * f64::from(t - tc).max(0.0);
            a.projection = Some(proj);
            a.projection_path = projection_path(tc, yc, slope, t);
            put(a, "anticipated", div(d * (proj - y0), (y_star - y0).abs()));
        }
        let observed = cagr(y0, yc, f64::from(tc - t0));
        let required = if t > t0 {
            cagr(y0, y_star, f64::from(t - t0))
        } else {
            None
        };
        put(a, "cagr_observed", observed);
        put(a, "cagr_required", required);
        if let (Some(o), Some(r)) = (observed, required) {
            put(a, "ratio_growth", div(d * o, r.abs()));
        } else if y0 <= 0.0 || yc <= 0.0 {
            a.notes.push(Note::new(
                "non-positive",
                "values are zero or negative: the growth ratio is undefined, the linear pace is used",
            ));
        }
    }
    if y_star == y0 {
        if achieved {
            a.status = Status::Achieved;
        } else {
            not_assessable(
                a,
                "target-equals-baseline",
                "the target equals the baseline, so progress towards it has no scale",
            );
        }
        return;
    }
    if tc <= t0 || t <= t0 {
        if achieved {
            a.status = Status::Achieved;
        } else {
            not_assessable(
                a,
                "single-point",
                format!("only the baseline ({t0}) is observed: no pace yet"),
            );
        }
        return;
    }
    let p = d * (yc - y0) / (y_star - y0).abs();
    let tau = f64::from(tc - t0) / f64::from(t - t0);
    put(a, "share_done", Some(p));
    put(a, "time_share", Some(tau));
    let r = p / tau;
    a.ratio = Some(r);
    a.status = if achieved {
        Status::Achieved
    } else {
        c.thresholds.classify(r)
    };
}
