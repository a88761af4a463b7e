//! Roll-ups: counts per status and the mean score of a group of targets (by plan, by ASEAN target,
//! by strategic goal). A group's score is the mean of its members' scores, never a majority vote;
//! nested groups are averaged first. Keys are stable ids, never labels.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Assessment, Status};
use crate::catalog::{AseanFramework, Catalog};

#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    /// The group's id: a plan id, an ASEAN code (`4`, `4.1`), or `none` for targets without one.
    pub key: String,
    pub counts: BTreeMap<Status, usize>,
    pub total: usize,
    /// Targets achieved (met or exceeded).
    pub met: usize,
    /// Targets with a status other than not assessable / not yet.
    pub assessed: usize,
    pub mean_score: Option<f64>,
    pub status: Status,
    pub children: Vec<Rollup>,
    /// Indices into the assessments this group holds directly.
    pub members: Vec<usize>,
}

fn mean(xs: impl Iterator<Item = f64>) -> Option<f64> {
    let v: Vec<f64> = xs.filter(|x| x.is_finite()).collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

fn leaf(key: String, members: Vec<usize>, all: &[Assessment]) -> Rollup {
    let mut counts = BTreeMap::new();
    for i in &members {
        *counts.entry(all[*i].status).or_insert(0) += 1;
    }
    let met = members.iter().filter(|i| all[**i].status.is_met()).count();
    let assessed = members
        .iter()
        .filter(|i| !matches!(all[**i].status, Status::NotAssessable | Status::NotYet))
        .count();
    let mean_score = mean(members.iter().filter_map(|i| all[*i].score));
    Rollup {
        key,
        status: group_status(&members.iter().map(|i| all[*i].status).collect::<Vec<_>>(), mean_score),
        total: members.len(),
        counts,
        met,
        assessed,
        mean_score,
        children: Vec::new(),
        members,
    }
}

/// All achieved → achieved; otherwise the class of the mean score.
fn group_status(statuses: &[Status], score: Option<f64>) -> Status {
    if !statuses.is_empty() && statuses.iter().all(|s| *s == Status::Achieved) {
        return Status::Achieved;
    }
    score.map(Status::from_score).unwrap_or(Status::NotAssessable)
}

fn parent(key: String, children: Vec<Rollup>) -> Rollup {
    let mut counts = BTreeMap::new();
    for c in &children {
        for (s, n) in &c.counts {
            *counts.entry(*s).or_insert(0) += n;
        }
    }
    let mean_score = mean(children.iter().filter_map(|c| c.mean_score));
    let statuses: Vec<Status> = children.iter().map(|c| c.status).collect();
    Rollup {
        key,
        total: children.iter().map(|c| c.total).sum(),
        met: children.iter().map(|c| c.met).sum(),
        assessed: children.iter().map(|c| c.assessed).sum(),
        status: group_status(&statuses, mean_score),
        counts,
        mean_score,
        children,
        members: Vec::new(),
    }
}

/// One group for the whole list (a plan).
pub fn overall(key: &str, all: &[Assessment]) -> Rollup {
    leaf(key.to_string(), (0..all.len()).collect(), all)
}

/// The primary ASEAN code of an assessment's indicator (its first), or `none`.
pub fn asean_code(catalog: &Catalog, a: &Assessment) -> String {
    catalog
        .indicator(&a.target.indicator)
        .and_then(|i| i.asean.first())
        .map(|c| c.value.clone())
        .unwrap_or_else(|| "none".into())
}

/// ASEAN target codes (by numeric sort key) → (code, indices of assessments).
type Targets = BTreeMap<Vec<u32>, (String, Vec<usize>)>;

/// Strategic goal → ASEAN target → targets. Codes given at goal level (`4`) sit directly under the goal.
pub fn by_asean(catalog: &Catalog, all: &[Assessment]) -> Vec<Rollup> {
    let mut goals: BTreeMap<Vec<u32>, (String, Targets)> = BTreeMap::new();
    for (i, a) in all.iter().enumerate() {
        let code = asean_code(catalog, a);
        let goal = AseanFramework::goal_of(&code).to_string();
        let entry = goals
            .entry(AseanFramework::sort_key(&goal))
            .or_insert_with(|| (goal.clone(), BTreeMap::new()));
        entry
            .1
            .entry(AseanFramework::sort_key(&code))
            .or_insert_with(|| (code.clone(), Vec::new()))
            .1
            .push(i);
    }
    goals
        .into_values()
        .map(|(goal, targets)| {
            let children = targets
                .into_values()
                .map(|(code, members)| leaf(code, members, all))
                .collect();
            parent(goal, children)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_status_follows_the_mean_score() {
        assert_eq!(
            group_status(&[Status::Achieved, Status::Achieved], Some(5.0)),
            Status::Achieved
        );
        assert_eq!(
            group_status(&[Status::Achieved, Status::Deterioration], Some(0.0)),
            Status::NeedsAcceleration
        );
        assert_eq!(group_status(&[Status::NotAssessable], None), Status::NotAssessable);
    }
}
