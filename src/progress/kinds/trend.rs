//! §3.10 no target — the direction of travel: P = sign·d·CAGR(t₀→t_c), thresholds 1.5 %, 0.5 %, 0,
//! scaled near a natural limit (Open SDG method 1).

use crate::progress::kind::{Ctx, Kind, not_assessable, put};
use crate::progress::open_sdg;
use crate::progress::{Assessment, Note};

pub struct Trend;

impl Kind for Trend {
    fn assess(&self, c: &Ctx, a: &mut Assessment) {
        let (Some(b), Some(cur)) = (c.baseline.clone(), c.current.clone()) else {
            return not_assessable(a, "no-data", "fewer than two observations");
        };
        if cur.year <= b.year {
            return not_assessable(a, "single-point", "only one observation: no direction yet");
        }
        put(a, "t0", Some(f64::from(b.year)));
        put(a, "y0", Some(b.value));
        put(a, "t_c", Some(f64::from(cur.year)));
        put(a, "y_c", Some(cur.value));
        let years = f64::from(cur.year - b.year);
        a.observed_per_year = Some((cur.value - b.value) / years);
        let Some(p) = open_sdg::method1_p(b.value, cur.value, years, c.d) else {
            return not_assessable(
                a,
                "mixed-signs",
                "the first and latest values have opposite signs: the growth rate is undefined",
            );
        };
        if b.value <= 0.0 || cur.value <= 0.0 {
            a.notes.push(Note::new(
                "non-positive",
                "zero or negative values: Open SDG's substitutions (0 → 0.001, sign) apply",
            ));
        }
        let coef = open_sdg::limit_coefficient(b.value, c.indicator.natural_limit);
        put(a, "P", Some(p));
        put(a, "C", Some(coef));
        let (status, score) = open_sdg::method1_status(p, coef);
        a.ratio = Some(p);
        a.score = Some(score);
        a.status = status;
    }
}
