//! §3.8 `milestone` — "universal preschool for ages 3–5 completed": a yes/no observation (1 = done).

use crate::progress::kind::{Ctx, Kind, put};
use crate::progress::{Assessment, Note, Status};

pub struct Milestone;

impl Kind for Milestone {
    fn assess(&self, c: &Ctx, a: &mut Assessment) {
        let threshold = c.spec.threshold.unwrap_or(1.0);
        put(a, "threshold", Some(threshold));
        let Some(cur) = c.current.clone() else {
            a.status = Status::NotAssessable;
            a.notes
                .push(Note::new("no-data", "no observation of this milestone yet (1 = done)"));
            return;
        };
        let done = cur.value >= threshold;
        a.achieved = Some(done);
        a.status = if done {
            Status::Achieved
        } else if c.as_of <= c.def.year {
            Status::NotYet
        } else {
            Status::Overdue
        };
    }
}
