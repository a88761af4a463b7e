//! §3.5 `annual_flow` — "jobs for 10,000 workers every year": each year on its own.

use crate::progress::kind::{Ctx, Kind, not_assessable, put};
use crate::progress::math::div;
use crate::progress::{Assessment, Status};

pub struct AnnualFlow;

impl Kind for AnnualFlow {
    fn assess(&self, c: &Ctx, a: &mut Assessment) {
        let Some(target) = c.spec.value() else {
            return not_assessable(a, "no-target-value", "the target gives no yearly figure");
        };
        let Some(cur) = c.current.clone() else {
            return not_assessable(a, "no-data", format!("no observation up to {}", c.as_of));
        };
        let op = c.spec.op().unwrap_or_else(|| c.default_op());
        let [start, end] = c.def.period;
        a.path = (start..=end).map(|yr| (yr, target)).collect();
        let in_period: Vec<_> = c.obs.iter().filter(|p| p.year >= start && p.year <= end).collect();
        let met = in_period.iter().filter(|p| c.holds(op, p.value, target)).count();
        put(a, "years_met", Some(met as f64));
        put(a, "years_observed", Some(in_period.len() as f64));
        for p in &in_period {
            put(a, &format!("attainment_{}", p.year), div(p.value, target));
        }
        put(a, "x_star", Some(target));
        put(a, "x_c", Some(cur.value));
        a.gap = Some(cur.value - target);
        a.required_now = Some(target);
        a.vs_plan = c
            .spec
            .plan_values
            .get(&cur.year)
            .copied()
            .or(Some(target))
            .and_then(|plan| div(cur.value * 100.0, plan));
        let r = if c.d > 0.0 {
            div(cur.value, target)
        } else {
            div(target, cur.value)
        };
        let Some(r) = r else {
            return not_assessable(
                a,
                "target-equals-baseline",
                "the target or the flow is zero: the attainment is undefined",
            );
        };
        a.ratio = Some(r);
        let achieved = c.holds(op, cur.value, target);
        a.achieved = Some(achieved);
        a.status = if achieved {
            Status::Achieved
        } else {
            c.thresholds.classify(r)
        };
    }
}
