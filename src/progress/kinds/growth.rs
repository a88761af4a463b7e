//! §3.3 `growth` — "GRDP grows 10 % a year on average": compound growth of a level series. When only
//! published growth rates exist, the level path is rebuilt as Y_t / Y₀ = Π(1 + g_t).

use crate::catalog::Comparator;
use crate::progress::kind::{Ctx, Kind, not_assessable, put};
use crate::progress::math::{cagr, div};
use crate::progress::{Assessment, Status};

pub struct Growth;

impl Kind for Growth {
    fn assess(&self, c: &Ctx, a: &mut Assessment) {
        let target = match (c.spec.value(), c.spec.min) {
            (Some(v), _) => v,
            (None, Some(lo)) => lo,
            _ => return not_assessable(a, "no-target-value", "the target gives no growth rate"),
        };
        let g_star = target / 100.0;
        put(a, "g_star", Some(g_star));
        // Rates start the level index at the plan's baseline year itself (the index is 1 there);
        // levels start at the baseline observation.
        let t0 = match (&c.baseline, c.is_growth_rate()) {
            (Some(b), false) => b.year,
            _ => c.def.baseline_year,
        };
        let t = c.def.year;
        // (t₀, Y₀) and (t_c, Y_c), from levels or rebuilt from rates.
        let (y0, tc, yc, levels): (f64, i32, f64, Vec<(i32, f64)>) = if c.is_growth_rate() {
            let rates: Vec<_> = c.obs.iter().filter(|p| p.year > t0).collect();
            let Some(last) = rates.last() else {
                return not_assessable(a, "no-data", format!("no growth rate observed after {t0}"));
            };
            let mut index = 1.0;
            let mut levels = vec![(t0, 1.0)];
            for yr in (t0 + 1)..=last.year {
                let Some(p) = c.at(yr) else {
                    return not_assessable(
                        a,
                        "missing-year",
                        format!("the growth rate of {yr} is missing: the level path cannot be rebuilt"),
                    );
                };
                index *= 1.0 + p.value / 100.0;
                levels.push((yr, index));
            }
            a.notes.push(crate::progress::Note::new(
                "rebuilt-levels",
                format!("levels rebuilt from the published growth rates (index {t0} = 1)"),
            ));
            (1.0, last.year, index, levels)
        } else {
            let (Some(b), Some(cur)) = (c.baseline.clone(), c.current.clone()) else {
                return not_assessable(
                    a,
                    "no-baseline",
                    format!("no level near {} or none since", c.def.baseline_year),
                );
            };
            let levels = c
                .obs
                .iter()
                .filter(|p| p.year >= b.year)
                .map(|p| (p.year, p.value))
                .collect();
            (b.value, cur.year, cur.value, levels)
        };
        put(a, "t0", Some(f64::from(t0)));
        put(a, "y0", Some(y0));
        put(a, "t_c", Some(f64::from(tc)));
        put(a, "y_c", Some(yc));
        if tc <= t0 {
            // At the baseline the whole target rate is still needed every year.
            a.needed_per_year = Some(target);
            return not_assessable(
                a,
                "single-point",
                format!("only the baseline ({t0}) is observed: no growth yet"),
            );
        }
        for w in levels.windows(2) {
            if w[1].0 == w[0].0 + 1 {
                put(a, &format!("growth_{}", w[1].0), div(w[1].1, w[0].1).map(|x| x - 1.0));
            }
        }
        let Some(g) = cagr(y0, yc, f64::from(tc - t0)) else {
            return not_assessable(a, "non-positive", "growth is undefined for zero or negative levels");
        };
        put(a, "g_realised", Some(g));
        let planned = |yr: i32| y0 * (1.0 + g_star).powi(yr - t0);
        put(a, "level_gap", Some(yc / planned(tc) - 1.0));
        put(a, "target_level", Some(planned(t)));
        a.observed_per_year = Some(g * 100.0);
        a.gap = Some((g_star - g) * 100.0);
        if t > tc {
            let needed = (planned(t) / yc).powf(1.0 / f64::from(t - tc)) - 1.0;
            a.needed_per_year = Some(needed * 100.0);
        }
        if c.is_growth_rate() {
            // Charts of a growth-rate indicator show rates: the target rate, and what is needed.
            a.path = ((t0 + 1)..=t).map(|yr| (yr, target)).collect();
            a.required_now = Some(target);
            a.vs_plan = c.current.as_ref().and_then(|p| div(p.value * 100.0, target));
            if let Some(n) = a.needed_per_year {
                a.projection_path = ((tc + 1)..=t).map(|yr| (yr, n)).collect();
            }
        } else {
            a.path = (t0..=t).map(|yr| (yr, planned(yr))).collect();
            a.required_now = Some(planned(tc));
            a.deviation = Some(c.d * (yc - planned(tc)));
            a.projection = Some(yc * (1.0 + g).powi(t - tc));
            a.projection_path = (tc..=t).map(|yr| (yr, yc * (1.0 + g).powi(yr - tc))).collect();
            a.vs_plan = c
                .spec
                .plan_values
                .get(&tc)
                .copied()
                .or(Some(planned(tc)))
                .and_then(|plan| div(yc * 100.0, plan));
        }
        let r = c.d * g / g_star.abs();
        a.ratio = div(r, 1.0);
        let op = c.spec.op().unwrap_or(Comparator::Ge);
        let meets = match op {
            Comparator::About => (g - g_star).abs() <= c.tolerance() * g_star.abs(),
            _ => c.holds(op, g * 100.0, target),
        };
        let achieved = tc >= t && meets;
        a.achieved = Some(achieved);
        a.status = if achieved {
            Status::Achieved
        } else {
            c.thresholds.classify(r)
        };
    }
}
