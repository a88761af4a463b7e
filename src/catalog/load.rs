//! Walking `indicators/` and parsing every file. Nothing here stops at the first problem.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::asean::AseanFramework;
use super::yaml;
use super::{Catalog, Def, IndicatorSpec, PlanSpec, SeriesSpec, SourceFile};
use crate::diagnostic::{Diagnostic, Location};

/// A domain file: any number of series and indicators.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DomainFile {
    #[serde(default)]
    series: Vec<SeriesSpec>,
    #[serde(default)]
    indicators: Vec<IndicatorSpec>,
    #[serde(default)]
    microdata: Vec<super::MicrodataSpec>,
}

pub fn load_dir(dir: &Path, diags: &mut Vec<Diagnostic>) -> Catalog {
    let mut catalog = Catalog {
        dir: dir.to_path_buf(),
        ..Default::default()
    };
    if !dir.is_dir() {
        diags.push(
            Diagnostic::error(
                "missing-directory",
                format!("the catalogue folder `{}` does not exist", dir.display()),
            )
            .at(Location::file(dir))
            .help("run from the project folder, or pass `--indicators DIR`"),
        );
        return catalog;
    }
    let mut files = Vec::new();
    collect_files(dir, &mut files, diags);
    files.sort();
    let mut sources = Vec::new();
    let mut total: u64 = 0;
    for path in files {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if in_subfolder(dir, &path, "asean") {
            if ext == "csv" {
                match AseanFramework::load(&path, diags) {
                    Ok(fw) => catalog.asean.nodes.extend(fw.nodes),
                    Err(e) => diags.push(Diagnostic::error("unreadable-file", e.to_string()).at(Location::file(&path))),
                }
            }
            continue;
        }
        if ext != "yaml" && ext != "yml" {
            continue;
        }
        // The size on disk is checked before the file is read.
        total = total.saturating_add(std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0));
        if total > MAX_CATALOGUE_BYTES {
            diags.push(
                Diagnostic::error(
                    "input-too-large",
                    format!(
                        "the catalogue's YAML files add up to more than {} MB",
                        MAX_CATALOGUE_BYTES / 1024 / 1024
                    ),
                )
                .at(Location::file(&path))
                .help("a catalogue holds definitions, not data: move observations to data/ (CSV, Parquet or XLSX)"),
            );
            break;
        }
        let Some(text) = crate::data::encoding::read_utf8(&path, diags) else {
            continue;
        };
        sources.push((path, text));
    }
    load_sources(&mut catalog, sources, diags);
    catalog
}

/// The catalogue's YAML files together may hold at most this many bytes (the shipped one holds
/// about 0.3 MB); past it the load is refused instead of parsing without end.
pub const MAX_CATALOGUE_BYTES: u64 = 32 * 1024 * 1024;

/// `path` lies below `dir/name/`.
fn in_subfolder(dir: &Path, path: &Path, name: &str) -> bool {
    path.strip_prefix(dir)
        .ok()
        .is_some_and(|r| r.components().next().is_some_and(|c| c.as_os_str() == name) && r.components().count() > 1)
}

/// Parse catalogue files already in memory (path relative to the catalogue folder's parent, as
/// they would be read from `catalog.dir`): plans under `<dir>/plans/`, indicator files elsewhere.
pub fn load_sources(catalog: &mut Catalog, sources: Vec<(PathBuf, String)>, diags: &mut Vec<Diagnostic>) {
    use rayon::prelude::*;
    let dir = catalog.dir.clone();
    // Parsed side by side (a national catalogue holds megabytes of plans), then taken in file order.
    let parsed: Vec<Parsed> = sources
        .par_iter()
        .map(|(path, text)| {
            if in_subfolder(&dir, path, "plans") {
                Parsed::Plan(Box::new(yaml::parse::<PlanSpec>(path, text)))
            } else if is_single_indicator(text) {
                Parsed::Indicator(Box::new(yaml::parse::<IndicatorSpec>(path, text)))
            } else {
                Parsed::Domain(Box::new(yaml::parse::<DomainFile>(path, text)))
            }
        })
        .collect();
    for ((path, text), parsed) in sources.into_iter().zip(parsed) {
        let file = catalog.files.len();
        catalog.files.push(SourceFile { path, text });
        if let Parsed::Plan(plan) = parsed {
            if let Ok(plan) = (*plan).map_err(|d| diags.push(d)) {
                insert(
                    &mut catalog.plans,
                    plan.id.clone(),
                    Def { spec: plan, file },
                    "plan",
                    &catalog.files,
                    diags,
                );
            }
            continue;
        }
        if let Parsed::Indicator(ind) = parsed {
            if let Ok(ind) = (*ind).map_err(|d| {
                catalog.definitions_incomplete = true;
                diags.push(d)
            }) {
                insert(
                    &mut catalog.indicators,
                    ind.id.clone(),
                    Def { spec: ind, file },
                    "indicator",
                    &catalog.files,
                    diags,
                );
            }
            continue;
        }
        let Parsed::Domain(domain) = parsed else {
            continue;
        };
        if let Ok(domain) = (*domain).map_err(|d| {
            catalog.definitions_incomplete = true;
            diags.push(d)
        }) {
            for s in domain.series {
                insert(
                    &mut catalog.series,
                    s.id.clone(),
                    Def { spec: s, file },
                    "series",
                    &catalog.files,
                    diags,
                );
            }
            for i in domain.indicators {
                insert(
                    &mut catalog.indicators,
                    i.id.clone(),
                    Def { spec: i, file },
                    "indicator",
                    &catalog.files,
                    diags,
                );
            }
            for m in domain.microdata {
                let id = m.id.clone();
                insert(
                    &mut catalog.microdata,
                    id,
                    Def { spec: m, file },
                    "microdata table",
                    &catalog.files,
                    diags,
                );
            }
        }
    }
}

/// One catalogue file, parsed.
enum Parsed {
    Plan(Box<std::result::Result<PlanSpec, Diagnostic>>),
    Indicator(Box<std::result::Result<IndicatorSpec, Diagnostic>>),
    Domain(Box<std::result::Result<DomainFile, Diagnostic>>),
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(
                Diagnostic::error("unreadable-file", format!("cannot list `{}`: {e}", dir.display()))
                    .at(Location::file(dir)),
            );
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, out, diags);
        } else {
            out.push(path);
        }
    }
}

/// A file holding one indicator has `id:` at its top level.
fn is_single_indicator(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("id:"))
}

fn insert<T>(
    map: &mut BTreeMap<String, Def<T>>,
    id: Spanned<String>,
    def: Def<T>,
    what: &str,
    files: &[SourceFile],
    diags: &mut Vec<Diagnostic>,
) {
    let file = &files[def.file];
    if let Some(prev) = map.get(&id.value) {
        let prev_file = &files[prev.file];
        diags.push(
            yaml::diag_at(
                Diagnostic::error("duplicate-id", format!("{what} `{}` is defined twice", id.value)),
                &file.path,
                &file.text,
                &id,
                id.value.chars().count(),
            )
            .help(format!(
                "the other definition is in `{}`; ids are unique across the whole catalogue: rename or remove one",
                crate::diagnostic::display_path(&prev_file.path)
            )),
        );
        return;
    }
    map.insert(id.value, def);
}
