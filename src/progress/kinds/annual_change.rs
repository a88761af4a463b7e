//! §3.2 `annual_change` — "the poverty rate falls 3 percentage points a year": an absolute change a
//! year, in the indicator's unit (percentage points for a rate). Never CAGR.

use crate::progress::kind::{Ctx, Kind, not_assessable, projection_path, put};
use crate::progress::math::div;
use crate::progress::{Assessment, Status};

pub struct AnnualChange;

impl Kind for AnnualChange {
    fn assess(&self, c: &Ctx, a: &mut Assessment) {
        // A band ("1–1.5 points a year"): the bound nearer zero is what must be reached.
        let (target, band) = match (c.spec.value(), c.spec.min, c.spec.max) {
            (Some(v), _, _) => (v, None),
            (None, Some(lo), Some(hi)) => {
                let (near, far) = if lo.abs() <= hi.abs() { (lo, hi) } else { (hi, lo) };
                (near, Some((near, far)))
            }
            _ => return not_assessable(a, "no-target-value", "the target gives no change a year"),
        };
        put(a, "delta_star", Some(target));
        if target == 0.0 {
            return not_assessable(
                a,
                "target-equals-baseline",
                "a change of zero a year has no scale to measure progress",
            );
        }
        let (Some(b), Some(cur)) = (c.baseline.clone(), c.current.clone()) else {
            return not_assessable(
                a,
                "no-baseline",
                format!("no baseline near {} or no observation since", c.def.baseline_year),
            );
        };
        let (t0, y0, tc, yc, t) = (b.year, b.value, cur.year, cur.value, c.def.year);
        put(a, "t0", Some(f64::from(t0)));
        put(a, "y0", Some(y0));
        put(a, "t_c", Some(f64::from(tc)));
        put(a, "y_c", Some(yc));
        let path = |yr: i32| y0 + target * f64::from(yr - t0);
        a.path = (t0..=t.max(t0)).map(|yr| (yr, path(yr))).collect();
        if t > tc {
            a.needed_per_year = div(path(t) - yc, f64::from(t - tc));
        }
        if tc <= t0 {
            return not_assessable(
                a,
                "single-point",
                format!("only the baseline ({t0}) is observed: no change yet"),
            );
        }
        let mean = (yc - y0) / f64::from(tc - t0);
        put(a, "mean_change", Some(mean));
        a.observed_per_year = Some(mean);
        a.required_now = Some(path(tc));
        a.deviation = Some(c.d * (yc - path(tc)));
        a.gap = Some(path(t) - yc);
        a.vs_plan = c
            .spec
            .plan_values
            .get(&tc)
            .copied()
            .or(Some(path(tc)))
            .and_then(|plan| div(yc * 100.0, plan));
        if t > tc {
            a.projection = Some(yc + mean * f64::from(t - tc));
            a.projection_path = projection_path(tc, yc, mean, t);
        }
        // Per-year attainment: each year's change against the target change.
        for w in c.obs.windows(2) {
            let (p, q) = (&w[0], &w[1]);
            if q.year == p.year + 1 && p.year >= t0 && q.year <= tc {
                put(a, &format!("attainment_{}", q.year), div(q.value - p.value, target));
            }
        }
        let r = mean / target;
        a.ratio = Some(r);
        if let Some((near, far)) = band {
            put(a, "band_position", div(mean.abs() - near.abs(), far.abs() - near.abs()));
        }
        let period_over = tc >= t;
        a.achieved = Some(period_over && r >= 1.0);
        a.status = if period_over && r >= 1.0 {
            Status::Achieved
        } else {
            c.thresholds.classify(r)
        };
    }
}
