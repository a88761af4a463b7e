//! §3.9 `relative` — "halve the rate", "reduce by 20 %": y* = y₀·(1 + ρ), then a level.

use super::level::assess_level;
use crate::progress::kind::{Ctx, Kind, not_assessable, put};
use crate::progress::{Assessment, Note};

pub struct Relative;

impl Kind for Relative {
    fn assess(&self, c: &Ctx, a: &mut Assessment) {
        let Some(rho) = c.spec.change else {
            return not_assessable(a, "no-target-value", "the target gives no relative change");
        };
        let Some(b) = c.baseline.clone() else {
            return not_assessable(
                a,
                "no-baseline",
                format!(
                    "no baseline near {}: the target level cannot be derived",
                    c.def.baseline_year
                ),
            );
        };
        let y_star = b.value * (1.0 + rho);
        put(a, "rho", Some(rho));
        a.notes.push(Note::new(
            "derived-target",
            format!("target level y* = y₀·(1 + ρ) = {} × (1 + {rho}) = {y_star}", b.value),
        ));
        let op = c.spec.op().unwrap_or_else(|| c.default_op());
        assess_level(c, a, y_star, op, None);
    }
}
