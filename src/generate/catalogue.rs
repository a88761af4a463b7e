//! The national catalogue: a copy of the shipped one, the series added for commune statistics, and
//! every shipped plan applied to every synthetic province; plus `catalogue.csv`, the same definitions
//! as one table for analysts' scripts.

use std::path::Path;

use super::areas::{Hierarchy, write_file};
use crate::catalog::{Catalog, Definition};
use crate::error::{Error, Result};

/// The series and indicators added to the shipped catalogue.
pub const EXTRA: &str = include_str!("national.yaml");

/// Copy `from` (without its plans) into `to`, add `national.yaml`, and write one copy of every plan
/// per province. Returns the number of plan files written.
pub fn write(from: &Path, to: &Path, h: &Hierarchy) -> Result<usize> {
    if to.exists() {
        std::fs::remove_dir_all(to).map_err(|e| Error::io("remove", to, e))?;
    }
    copy_dir(from, to)?;
    write_file(&to.join("national.yaml"), EXTRA.as_bytes())?;
    let plans_dir = from.join("plans");
    let mut plans: Vec<_> = std::fs::read_dir(&plans_dir)
        .map_err(|e| Error::io("read", &plans_dir, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    plans.sort();
    let mut n = 0;
    for path in &plans {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
        for (i, p) in h.provinces.iter().enumerate() {
            let Some(copy) = for_province(&text, &p.code, i + 1) else {
                return Err(Error::Other(format!(
                    "{}: cannot find the plan's `id:`, `title:` and `area:` lines",
                    path.display()
                )));
            };
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            write_file(
                &to.join("plans").join(format!("{stem}_{}.yaml", p.code)),
                copy.as_bytes(),
            )?;
            n += 1;
        }
    }
    Ok(n)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| Error::io("create", to, e))?;
    let entries = std::fs::read_dir(from).map_err(|e| Error::io("read", from, e))?;
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name();
        if p.is_dir() {
            if name != "plans" {
                copy_dir(&p, &to.join(&name))?;
            }
        } else {
            std::fs::copy(&p, to.join(&name)).map_err(|e| Error::io("copy", &p, e))?;
        }
    }
    Ok(())
}

/// The plan's text with its id, title and area made the province's.
fn for_province(text: &str, code: &str, number: usize) -> Option<String> {
    let (mut id, mut title, mut area) = (false, false, false);
    let mut out = String::with_capacity(text.len() + 100);
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("id: ") {
            out.push_str(&format!("id: {}_{code}\n", v.trim()));
            id = true;
        } else if let Some(v) = line.strip_prefix("area: ") {
            let _ = v;
            out.push_str(&format!("area: \"{code}\"\n"));
            area = true;
        } else if line.starts_with("title: {vi: \"") {
            let l = line
                .replacen("{vi: \"", &format!("{{vi: \"Tỉnh mẫu {number:02} — chỉ tiêu theo: "), 1)
                .replacen(
                    ", en: \"",
                    &format!(", en: \"Synthetic province {number:02} — targets of: "),
                    1,
                );
            out.push_str(&l);
            out.push('\n');
            title = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    (id && title && area).then_some(out)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `catalogue.csv`: `id, kind, definition, aggregate, weight` — data series first (kind `series` or
/// `reported`), then computed indicators in dependency order (`formula` or `growth_of`).
pub fn write_manifest(catalog: &Catalog, path: &Path) -> Result<()> {
    let mut out = String::from("id,kind,definition,aggregate,weight\n");
    let agg = |a: crate::catalog::Aggregation| match a {
        crate::catalog::Aggregation::Sum => "sum",
        crate::catalog::Aggregation::WeightedMean => "weighted_mean",
        crate::catalog::Aggregation::None => "none",
    };
    for id in catalog.data_series() {
        let (a, w) = catalog
            .aggregation_of(id)
            .unwrap_or((crate::catalog::Aggregation::None, None));
        let kind = if catalog.series.contains_key(id) {
            "series"
        } else {
            "reported"
        };
        out.push_str(&format!("{id},{kind},,{},{}\n", agg(a), w.unwrap_or_default()));
    }
    for id in &catalog.order {
        let (kind, def) = match catalog.definitions.get(id) {
            Some(Definition::Formula(f)) => ("formula", f.source.clone()),
            Some(Definition::GrowthOf(b)) => ("growth_of", b.clone()),
            _ => continue,
        };
        out.push_str(&format!("{id},{kind},{},,\n", csv_field(&def)));
    }
    write_file(path, out.as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_plan_is_made_the_provinces() {
        let text = "# note\nid: sedp\ntitle: {vi: \"Kế hoạch\", en: \"Plan\"}\narea: \"12\"\ntargets:\n  - id: x\n";
        let out = super::for_province(text, "p07", 7).unwrap();
        assert!(out.contains("id: sedp_p07\n"));
        assert!(out.contains("area: \"p07\"\n"));
        assert!(out.contains(
            "{vi: \"Tỉnh mẫu 07 — chỉ tiêu theo: Kế hoạch\", en: \"Synthetic province 07 — targets of: Plan\"}"
        ));
        assert!(out.contains("  - id: x\n"), "target ids are left alone");
    }
}
