//! Plans that disagree about one indicator for one area (13.5 vs 13 doctors per 10,000): each target
//! is evaluated on its own; the disagreement is listed with both clauses.

use serde::Serialize;

use crate::catalog::{Catalog, PlanSpec, TargetSpec};

#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub plan: String,
    pub target: String,
    pub kind: String,
    pub op: Option<String>,
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub year: i32,
    pub clause: Option<String>,
    pub document: Option<String>,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub indicator: String,
    pub area: String,
    pub a: Side,
    pub b: Side,
    /// What differs: value, comparator, kind, year.
    pub differs: Vec<&'static str>,
}

fn side(p: &PlanSpec, t: &TargetSpec) -> Side {
    Side {
        plan: p.id().to_string(),
        target: t.id().to_string(),
        kind: t.kind.value.as_str().to_string(),
        op: t.op().map(|o| o.ascii().to_string()),
        value: t.value(),
        min: t.min,
        max: t.max,
        year: p.target_year(t),
        clause: t.clause.clone(),
        document: p.document.clone(),
        quote: t.quote.clone(),
    }
}

/// Every pair of targets from different plans on the same indicator and area that do not say the same.
pub fn disagreements(catalog: &Catalog, indicator: Option<&str>) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let plans: Vec<&PlanSpec> = catalog.plans.values().map(|d| &d.spec).collect();
    for (i, pa) in plans.iter().enumerate() {
        for pb in &plans[i + 1..] {
            if pa.area.value != pb.area.value {
                continue;
            }
            for ta in &pa.targets {
                if indicator.is_some_and(|x| x != ta.indicator.value) {
                    continue;
                }
                // Successive plans (2021–2025, then 2026–2030) do not disagree: only targets for the same year do.
                for tb in pb
                    .targets
                    .iter()
                    .filter(|tb| tb.indicator.value == ta.indicator.value && pb.target_year(tb) == pa.target_year(ta))
                {
                    let (a, b) = (side(pa, ta), side(pb, tb));
                    let mut differs = Vec::new();
                    if a.value != b.value || a.min != b.min || a.max != b.max {
                        differs.push("value");
                    }
                    if a.op != b.op {
                        differs.push("comparator");
                    }
                    if a.kind != b.kind {
                        differs.push("kind");
                    }
                    if a.year != b.year {
                        differs.push("year");
                    }
                    if !differs.is_empty() {
                        out.push(Disagreement {
                            indicator: ta.indicator.value.clone(),
                            area: pa.area.value.clone(),
                            a,
                            b,
                            differs,
                        });
                    }
                }
            }
        }
    }
    out
}
