//! §3.6 `cumulative` — "1,500 social housing units by 2030": yearly flows summed since the baseline
//! year, or the value of a stock (a series that is already a running total, `stock: true`).

use crate::progress::kind::{Ctx, Kind, not_assessable, projection_path, put};
use crate::progress::math::div;
use crate::progress::{Assessment, Status};

pub struct Cumulative;

impl Kind for Cumulative {
    fn assess(&self, c: &Ctx, a: &mut Assessment) {
        let Some(total) = c.spec.value() else {
            return not_assessable(a, "no-target-value", "the target gives no total");
        };
        let t0 = c.def.baseline_year;
        let t = c.def.year;
        let Some(cur) = c.current.clone().filter(|p| p.year > t0) else {
            return not_assessable(
                a,
                "no-data",
                format!("no observation after the baseline year {t0} up to {}", c.as_of),
            );
        };
        let tc = cur.year;
        let stock = c.indicator.stock;
        let cum = if stock {
            cur.value
        } else {
            let mut sum = 0.0;
            for yr in (t0 + 1)..=tc {
                match c.at(yr) {
                    Some(p) => sum += p.value,
                    None => {
                        return not_assessable(
                            a,
                            "missing-year",
                            format!("the flow of {yr} is missing: the total since {t0} would be short"),
                        );
                    }
                }
            }
            sum
        };
        put(a, "cumulative", Some(cum));
        put(a, "C_star", Some(total));
        put(a, "stock", Some(if stock { 1.0 } else { 0.0 }));
        let pro_rata = if t > t0 {
            total * f64::from(tc - t0) / f64::from(t - t0)
        } else {
            total
        };
        put(a, "pro_rata", Some(pro_rata));
        a.required_now = Some(pro_rata);
        a.gap = Some(total - cum);
        a.deviation = Some(cum - pro_rata);
        let per_year = cum / f64::from(tc - t0);
        a.observed_per_year = Some(per_year);
        if t > tc {
            a.needed_per_year = Some((total - cum) / f64::from(t - tc));
            a.projection = Some(cum + per_year * f64::from(t - tc));
            a.projection_path = projection_path(tc, cum, per_year, t);
        }
        if t > t0 {
            a.path = (t0..=t)
                .map(|yr| (yr, total * f64::from(yr - t0) / f64::from(t - t0)))
                .collect();
        }
        a.vs_plan = div(cum * 100.0, pro_rata);
        let Some(r) = div(cum, pro_rata) else {
            return not_assessable(a, "target-equals-baseline", "the target total is zero");
        };
        a.ratio = Some(r);
        let op = c.spec.op().unwrap_or(crate::catalog::Comparator::Ge);
        let achieved = c.holds(op, cum, total);
        a.achieved = Some(achieved);
        a.status = if achieved {
            Status::Achieved
        } else {
            c.thresholds.classify(r)
        };
    }
}
