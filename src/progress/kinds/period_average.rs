//! §3.4 `period_average` — "total social investment averages 47 % of GRDP over 2026–2030". Growth
//! rates are averaged geometrically (the GSO "tốc độ tăng bình quân").

use crate::progress::kind::{Ctx, Kind, not_assessable, put};
use crate::progress::math::div;
use crate::progress::{Assessment, Note, Status};

pub struct PeriodAverage;

impl Kind for PeriodAverage {
    fn assess(&self, c: &Ctx, a: &mut Assessment) {
        let Some(target) = c.spec.value() else {
            return not_assessable(a, "no-target-value", "the target gives no average");
        };
        let [start, end] = c.def.period;
        let n = (end - start + 1) as usize;
        let seen: Vec<(i32, f64)> = c
            .obs
            .iter()
            .filter(|p| p.year >= start && p.year <= end.min(c.as_of))
            .map(|p| (p.year, p.value))
            .collect();
        let k = seen.len();
        put(a, "N", Some(n as f64));
        put(a, "k", Some(k as f64));
        if k == 0 {
            return not_assessable(
                a,
                "no-data",
                format!("no observation in the period {start}–{end} up to {}", c.as_of),
            );
        }
        let geometric = c.spec.geometric.unwrap_or_else(|| c.is_growth_rate());
        put(a, "geometric", Some(if geometric { 1.0 } else { 0.0 }));
        let (mean, needed) = if geometric {
            let prod: f64 = seen.iter().map(|(_, g)| 1.0 + g / 100.0).product();
            let mean = (prod.powf(1.0 / k as f64) - 1.0) * 100.0;
            let needed = (k < n)
                .then(|| (((1.0 + target / 100.0).powi(n as i32) / prod).powf(1.0 / (n - k) as f64) - 1.0) * 100.0);
            (mean, needed)
        } else {
            let sum: f64 = seen.iter().map(|(_, x)| x).sum();
            (
                sum / k as f64,
                (k < n).then(|| (n as f64 * target - sum) / (n - k) as f64),
            )
        };
        put(a, "average_so_far", Some(mean));
        a.observed_per_year = Some(mean);
        a.needed_per_year = needed;
        a.gap = Some(target - mean);
        a.required_now = Some(target);
        a.path = (start..=end).map(|yr| (yr, target)).collect();
        if let Some(nd) = needed {
            a.projection_path = ((seen[k - 1].0 + 1)..=end).map(|yr| (yr, nd)).collect();
            // Not feasible: the rest of the period would have to beat the best year seen.
            let best = if c.d > 0.0 {
                seen.iter().map(|x| x.1).fold(f64::MIN, f64::max)
            } else {
                seen.iter().map(|x| x.1).fold(f64::MAX, f64::min)
            };
            if c.d * (nd - best) > 0.0 {
                a.notes.push(Note::new(
                    "not-feasible",
                    format!(
                        "the remaining years would need {nd:.3} on average, beyond the best year so far ({best:.3})"
                    ),
                ));
            }
        }
        if let Some(last) = c.obs.iter().rev().find(|p| p.year <= end) {
            a.vs_plan = div(last.value * 100.0, target);
        }
        let r = if c.d > 0.0 {
            div(mean, target)
        } else {
            div(target, mean)
        };
        let Some(r) = r else {
            return not_assessable(
                a,
                "target-equals-baseline",
                "the average or the target is zero: the ratio is undefined",
            );
        };
        a.ratio = Some(r);
        let op = c.spec.op().unwrap_or_else(|| c.default_op());
        let achieved = k == n && c.holds(op, mean, target);
        a.achieved = Some(achieved);
        a.status = if achieved {
            Status::Achieved
        } else {
            c.thresholds.classify(r)
        };
    }
}
