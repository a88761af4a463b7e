//! The area hierarchy (`data/areas.csv`): country → region → province → commune, any depth, with the
//! units a merged area replaces, so that a series spanning a merger can be summed onto the new unit.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Serialize;

use crate::catalog::is_valid_id;
use crate::diagnostic::{Diagnostic, Location};
use crate::error::Result;
use crate::frame;
use crate::i18n::{Lang, Text};
use crate::suggest;

#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub code: String,
    pub name: Text,
    pub level: String,
    pub parent: Option<String>,
    /// First year the unit exists as such (a merged unit), if it did not always.
    pub since: Option<i32>,
    /// Last year the unit exists as such (a unit merged away).
    pub until: Option<i32>,
    /// Older units this one replaces: before `since`, its values are the sum of theirs.
    pub replaces: Vec<String>,
    /// Position in areas.csv: the display order (country first, then regions, provinces …).
    pub order: usize,
}

impl Area {
    pub fn exists_in(&self, year: i32) -> bool {
        self.since.is_none_or(|s| year >= s) && self.until.is_none_or(|u| year <= u)
    }

    pub fn name(&self, lang: Lang) -> &str {
        self.name.get(lang)
    }
}

/// One edge of the aggregation: `component` adds into `composite` for years in [from, to].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub component: String,
    pub composite: String,
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Clone, Default)]
pub struct Areas {
    /// As loaded; not to be changed afterwards (the ranks below are found from it once).
    pub list: Vec<Area>,
    index: HashMap<String, usize>,
    /// [`Areas::ranks`], found once: the load's checks and each evaluation ask for it (a walk of
    /// the national 3,400 areas takes ~10 ms).
    ranks: std::sync::OnceLock<Result<BTreeMap<String, usize>, Vec<String>>>,
}

const COLUMNS: [&str; 5] = ["code", "name_vi", "name_en", "level", "parent"];

impl Areas {
    pub fn from_list(list: Vec<Area>) -> Self {
        let index = list.iter().enumerate().map(|(i, a)| (a.code.clone(), i)).collect();
        Areas {
            list,
            index,
            ranks: std::sync::OnceLock::new(),
        }
    }

    pub fn load(path: &Path, diags: &mut Vec<Diagnostic>) -> Result<Areas> {
        if !path.exists() {
            diags.push(
                Diagnostic::error("missing-file", "the area list is missing")
                    .at(Location::file(path))
                    .help("create data/areas.csv with the header `code,name_vi,name_en,level,parent` (and optional `since,until,replaces`)"),
            );
            return Ok(Areas::default());
        }
        let Some(df) = super::csv::read_small(path, diags) else {
            return Ok(Areas::default());
        };
        let header: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|c| c.to_string())
            .filter(|c| c != "__line")
            .collect();
        let missing: Vec<&str> = COLUMNS
            .iter()
            .copied()
            .filter(|c| !header.iter().any(|h| h == c))
            .collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::error(
                    "missing-column",
                    format!("areas.csv lacks column(s) {}", missing.join(", ")),
                )
                .at(Location::at(path, 1, None))
                .help("the header must start with `code,name_vi,name_en,level,parent`"),
            );
            return Ok(Areas::default());
        }
        if df.height() == 0 {
            diags.push(
                Diagnostic::error("empty-file", "the area list has a header but no areas")
                    .at(Location::at(path, 1, None))
                    .help("add one row per area: `code,name_vi,name_en,level,parent` (the country or province first)"),
            );
            return Ok(Areas::default());
        }
        let col = |n: &str| frame::str_values(&df, n);
        let (codes, vi, en, levels, parents) = (
            col("code")?,
            col("name_vi")?,
            col("name_en")?,
            col("level")?,
            col("parent")?,
        );
        let (since, until, replaces) = (col("since")?, col("until")?, col("replaces")?);
        let year = |v: &Option<String>, line: usize, column: usize, diags: &mut Vec<Diagnostic>| -> Option<i32> {
            let s = v.as_deref()?.trim();
            if s.is_empty() {
                return None;
            }
            match s.parse::<i32>() {
                Ok(y) if (1900..=2100).contains(&y) => Some(y),
                _ => {
                    diags.push(
                        Diagnostic::error("invalid-year", format!("`{s}` is not a year"))
                            .at(Location::at(path, line, Some(column)))
                            .help("write a four-digit year such as 2025, or leave the cell empty"),
                    );
                    None
                }
            }
        };
        let col_no = |n: &str| header.iter().position(|h| h == n).map(|i| i + 1);
        let mut list = Vec::with_capacity(df.height());
        for i in 0..df.height() {
            let line = i + 2;
            let code = codes[i].clone().unwrap_or_default().trim().to_string();
            if !is_valid_id(&code) {
                diags.push(
                    Diagnostic::error("invalid-id", format!("area code `{code}` is not a valid code"))
                        .at(Location::at(path, line, col_no("code")))
                        .help("area codes use only lower-case letters, digits and `_` (GSO codes such as 12, 87 are fine)"),
                );
                continue;
            }
            let s = year(&since[i], line, col_no("since").unwrap_or(0), diags);
            let u = year(&until[i], line, col_no("until").unwrap_or(0), diags);
            list.push(Area {
                code,
                name: Text::new(vi[i].clone().unwrap_or_default(), en[i].clone().unwrap_or_default()),
                level: levels[i].clone().unwrap_or_default(),
                parent: parents[i]
                    .clone()
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty()),
                since: s,
                until: u,
                replaces: replaces[i]
                    .as_deref()
                    .unwrap_or("")
                    .split(';')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect(),
                order: list.len(),
            });
        }
        let areas = Areas::from_list(list);
        areas.check(path, diags);
        Ok(areas)
    }

    fn check(&self, path: &Path, diags: &mut Vec<Diagnostic>) {
        let mut first_line: HashMap<&str, usize> = HashMap::new();
        let codes: Vec<&str> = self.list.iter().map(|a| a.code.as_str()).collect();
        for (i, a) in self.list.iter().enumerate() {
            let line = i + 2;
            if let Some(prev) = first_line.insert(&a.code, line) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("area `{}` is listed twice (lines {prev} and {line})", a.code),
                    )
                    .at(Location::at(path, line, Some(1))),
                );
            }
            for r in a.parent.iter().chain(a.replaces.iter()) {
                if !self.index.contains_key(r) {
                    diags.push(
                        Diagnostic::error(
                            "unknown-area",
                            format!("area `{}` refers to unknown area `{r}`", a.code),
                        )
                        .at(Location::at(path, line, None))
                        .help_opt(suggest::did_you_mean(r, codes.iter().copied())),
                    );
                }
            }
            if let (Some(s), Some(u)) = (a.since, a.until)
                && s > u
            {
                diags.push(
                    Diagnostic::error("invalid-period", format!("area `{}` exists from {s} until {u}", a.code))
                        .at(Location::at(path, line, None)),
                );
            }
        }
        if let Err(path_codes) = self.ranks() {
            diags.push(
                Diagnostic::error(
                    "area-cycle",
                    format!("the area hierarchy has a cycle: {}", path_codes.join(" → ")),
                )
                .at(Location::file(path))
                .help("each area's parent (and each unit it replaces) must be a different, higher or older unit"),
            );
        }
    }

    pub fn get(&self, code: &str) -> Option<&Area> {
        self.index.get(code).map(|i| &self.list[*i])
    }

    pub fn contains(&self, code: &str) -> bool {
        self.index.contains_key(code)
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|a| a.code.as_str())
    }

    pub fn name(&self, code: &str, lang: Lang) -> String {
        self.get(code)
            .map(|a| a.name(lang).to_string())
            .unwrap_or_else(|| code.to_string())
    }

    /// "did you mean" over codes and names: a user may type `Lai Châu` where `12` is expected.
    pub fn suggest(&self, input: &str) -> Option<String> {
        let folded = input.trim().to_lowercase();
        if let Some(a) = self
            .list
            .iter()
            .find(|a| a.name.vi.to_lowercase() == folded || a.name.en.to_lowercase() == folded)
        {
            return Some(format!("`{input}` is the name of area `{}`; use its code", a.code));
        }
        suggest::did_you_mean(input, self.codes())
    }

    /// The aggregation edges: children into parents while both exist, and replaced units into the unit
    /// that replaces them for the years before it existed.
    pub fn edges(&self) -> Vec<Edge> {
        let mut out = Vec::new();
        for a in &self.list {
            if let Some(p) = &a.parent {
                out.push(Edge {
                    component: a.code.clone(),
                    composite: p.clone(),
                    from: a.since.unwrap_or(i32::MIN),
                    to: a.until.unwrap_or(i32::MAX),
                });
            }
            if let Some(since) = a.since {
                for r in &a.replaces {
                    out.push(Edge {
                        component: r.clone(),
                        composite: a.code.clone(),
                        from: i32::MIN,
                        to: since - 1,
                    });
                }
            }
        }
        out
    }

    /// Aggregation rank: 0 for units with no components, else 1 + the highest rank of a component.
    /// Err(cycle path) when the edges loop.
    pub fn ranks(&self) -> Result<BTreeMap<String, usize>, Vec<String>> {
        self.ranks.get_or_init(|| self.find_ranks()).clone()
    }

    fn find_ranks(&self) -> Result<BTreeMap<String, usize>, Vec<String>> {
        let mut comps: BTreeMap<String, Vec<String>> = self.list.iter().map(|a| (a.code.clone(), Vec::new())).collect();
        for e in self.edges() {
            if comps.contains_key(&e.composite) && comps.contains_key(&e.component) {
                comps.entry(e.composite).or_default().push(e.component);
            }
        }
        let order = crate::catalog::graph::topo_order(&comps)?;
        let mut rank = BTreeMap::new();
        for code in order {
            let r = comps[&code]
                .iter()
                .filter_map(|c| rank.get(c))
                .map(|r: &usize| r + 1)
                .max()
                .unwrap_or(0);
            rank.insert(code, r);
        }
        Ok(rank)
    }

    /// The chain from an area up to the top (the area first).
    pub fn ancestors(&self, code: &str) -> Vec<&Area> {
        let mut out = Vec::new();
        let mut cur = self.get(code);
        while let Some(a) = cur {
            if out.iter().any(|x: &&Area| x.code == a.code) {
                break;
            }
            out.push(a);
            cur = a.parent.as_deref().and_then(|p| self.get(p));
        }
        out
    }

    pub fn children(&self, code: &str) -> Vec<&Area> {
        self.list.iter().filter(|a| a.parent.as_deref() == Some(code)).collect()
    }

    /// The areas whose observations feed an area's values: itself, everything below it and the
    /// units it replaces (with everything below them).
    pub fn feeding(&self, area: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut stack = vec![area.to_string()];
        while let Some(a) = stack.pop() {
            if !out.insert(a.clone()) {
                continue;
            }
            stack.extend(self.children(&a).into_iter().map(|c| c.code.clone()));
            if let Some(x) = self.get(&a) {
                stack.extend(x.replaces.iter().cloned());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(code: &str, parent: Option<&str>, since: Option<i32>, until: Option<i32>, replaces: &[&str]) -> Area {
        Area {
            code: code.into(),
            name: Text::new(code, code),
            level: "x".into(),
            parent: parent.map(str::to_string),
            since,
            until,
            replaces: replaces.iter().map(|s| s.to_string()).collect(),
            order: 0,
        }
    }

    #[test]
    fn merger_edges_and_ranks() {
        let areas = Areas::from_list(vec![
            area("vn", None, None, None, &[]),
            area("mrd", Some("vn"), None, None, &[]),
            area("87", Some("mrd"), None, Some(2024), &[]),
            area("82", Some("mrd"), None, Some(2024), &[]),
            area("82_2025", Some("mrd"), Some(2025), None, &["87", "82"]),
        ]);
        let edges = areas.edges();
        assert!(edges.contains(&Edge {
            component: "87".into(),
            composite: "82_2025".into(),
            from: i32::MIN,
            to: 2024
        }));
        assert!(edges.contains(&Edge {
            component: "82_2025".into(),
            composite: "mrd".into(),
            from: 2025,
            to: i32::MAX
        }));
        let r = areas.ranks().unwrap();
        assert_eq!(r["87"], 0);
        assert_eq!(r["82_2025"], 1);
        assert_eq!(r["mrd"], 2);
        assert_eq!(r["vn"], 3);
    }
}
