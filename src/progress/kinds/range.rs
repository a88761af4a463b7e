//! §3.7 `range` — "digital economy 9–10 % of GRDP": achieved inside the band; otherwise the nearer
//! bound is the target, and the pace towards it is measured as for a level.

use super::level::assess_level;
use crate::catalog::Comparator;
use crate::progress::kind::{Ctx, Kind, not_assessable, put};
use crate::progress::{Assessment, Status};

pub struct Range;

impl Kind for Range {
    fn assess(&self, c: &Ctx, a: &mut Assessment) {
        let (Some(lo), Some(hi)) = (c.spec.min, c.spec.max) else {
            return not_assessable(
                a,
                "unconfigured",
                "the band has no bounds yet (the document names it without numbers): set `min` and `max`",
            );
        };
        put(a, "min", Some(lo));
        put(a, "max", Some(hi));
        let Some(cur) = c.current.clone() else {
            return not_assessable(a, "no-data", format!("no observation up to {}", c.as_of));
        };
        if cur.value >= lo && cur.value <= hi {
            // Inside: run the level maths towards the middle only for the figures, then say achieved.
            assess_level(
                c,
                a,
                if cur.value - lo <= hi - cur.value { lo } else { hi },
                Comparator::Ge,
                Some(1.0),
            );
            a.achieved = Some(true);
            a.status = Status::Achieved;
            a.gap = Some(0.0);
            return;
        }
        if cur.value < lo {
            assess_level(c, a, lo, Comparator::Ge, Some(1.0));
        } else {
            assess_level(c, a, hi, Comparator::Le, Some(-1.0));
        }
    }
}
