//! The catalogue: raw series, indicators, plans and the ASEAN framework, read from `indicators/` and
//! checked as a whole (names, formulas, dependency cycles, targets).

mod asean;
mod check;
pub mod document;
pub(crate) mod graph;
mod id;
mod indicator;
mod load;
mod microdata;
mod plan;
mod series;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use asean::{AseanFramework, AseanLevel, AseanNode};
pub use id::{is_valid_id, suggest_id};
pub use indicator::{Direction, IndicatorSpec, Measure};
pub use load::MAX_CATALOGUE_BYTES;
pub use microdata::{FromMicrodata, MicrodataSpec};
pub use plan::{BaselineSpec, Comparator, PlanSpec, TargetKind, TargetSpec};
pub use series::{Aggregation, SeriesSpec};

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::formula::Formula;

/// A file of the catalogue, kept so that later checks can point into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// A definition and the file it came from.
#[derive(Debug, Clone)]
pub struct Def<T> {
    pub spec: T,
    pub file: usize,
}

/// How an indicator gets its value.
#[derive(Debug, Clone)]
pub enum Definition {
    Formula(Box<Formula>),
    Reported,
    GrowthOf(String),
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub dir: PathBuf,
    pub files: Vec<SourceFile>,
    pub series: BTreeMap<String, Def<SeriesSpec>>,
    pub indicators: BTreeMap<String, Def<IndicatorSpec>>,
    pub plans: BTreeMap<String, Def<PlanSpec>>,
    /// Tables of unit records that series are computed from.
    pub microdata: BTreeMap<String, Def<MicrodataSpec>>,
    pub asean: AseanFramework,
    /// How each indicator is computed (filled by the checks).
    pub definitions: BTreeMap<String, Definition>,
    /// Indicators in dependency order: each after everything it reads.
    pub order: Vec<String>,
    /// False when loading found errors: checks of the data against the catalogue are then skipped,
    /// so that one YAML typo does not also report every data row as unknown.
    pub complete: bool,
    /// A file of series or indicators did not parse: references to names are then not checked
    /// (they would all look unknown), and one note says so.
    pub definitions_incomplete: bool,
}

impl Catalog {
    /// Load and check; any error makes the whole load fail with every diagnostic.
    pub fn load(dir: &Path) -> Result<Catalog> {
        let (catalog, diags) = Catalog::check(dir);
        if diags.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(diags));
        }
        Ok(catalog)
    }

    /// Load as much as possible and return every problem found (for `validate`).
    pub fn check(dir: &Path) -> (Catalog, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut catalog = load::load_dir(dir, &mut diags);
        check::check(&mut catalog, &mut diags);
        catalog.complete = !diags.iter().any(Diagnostic::is_error);
        (catalog, diags)
    }

    /// The same checks on YAML files already in memory: `(path, text)` with paths under `dir`
    /// (plans under `dir/plans/`). No file is read; for tests and the fuzzers.
    pub fn check_sources(dir: &Path, files: Vec<(PathBuf, String)>) -> (Catalog, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut catalog = Catalog {
            dir: dir.to_path_buf(),
            ..Default::default()
        };
        load::load_sources(&mut catalog, files, &mut diags);
        check::check(&mut catalog, &mut diags);
        catalog.complete = !diags.iter().any(Diagnostic::is_error);
        (catalog, diags)
    }

    pub fn path_of<T>(&self, def: &Def<T>) -> &Path {
        &self.files[def.file].path
    }

    pub fn text_of<T>(&self, def: &Def<T>) -> &str {
        &self.files[def.file].text
    }

    pub fn indicator(&self, id: &str) -> Option<&IndicatorSpec> {
        self.indicators.get(id).map(|d| &d.spec)
    }

    pub fn plan(&self, id: &str) -> Option<&PlanSpec> {
        self.plans.get(id).map(|d| &d.spec)
    }

    /// Ids that can appear as `series` in the data: raw series and reported indicators.
    pub fn data_series(&self) -> impl Iterator<Item = &str> {
        self.series.keys().map(String::as_str).chain(
            self.indicators
                .iter()
                .filter(|(_, d)| d.spec.reported)
                .map(|(k, _)| k.as_str()),
        )
    }

    /// Every name a formula may read.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.series.keys().chain(self.indicators.keys()).map(String::as_str)
    }

    /// The raw data series an indicator finally reads (through other indicators), sorted.
    pub fn root_series(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![id.to_string()];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(n) = stack.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            match self.definitions.get(&n) {
                Some(Definition::Formula(f)) => stack.extend(f.names.iter().cloned()),
                Some(Definition::GrowthOf(b)) => stack.push(b.clone()),
                Some(Definition::Reported) => out.push(n),
                None if self.series.contains_key(&n) => out.push(n),
                None => {}
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// How a series (or a reported indicator) climbs the hierarchy, with its weight series.
    pub fn aggregation_of(&self, series: &str) -> Option<(Aggregation, Option<String>)> {
        if let Some(s) = self.series.get(series) {
            return Some((s.spec.aggregate.value, s.spec.weight.as_ref().map(|w| w.value.clone())));
        }
        self.indicators
            .get(series)
            .filter(|d| d.spec.reported)
            .map(|d| (d.spec.aggregation(), d.spec.weight.as_ref().map(|w| w.value.clone())))
    }

    /// Display decimals of an indicator, if declared.
    pub fn decimals(&self, id: &str) -> Option<u8> {
        self.indicator(id).and_then(|i| i.display_decimals())
    }

    /// Every (plan, target) pair that targets an indicator.
    pub fn targets_of<'a>(&'a self, indicator: &'a str) -> impl Iterator<Item = (&'a PlanSpec, &'a TargetSpec)> + 'a {
        self.plans.values().flat_map(move |p| {
            p.spec
                .targets
                .iter()
                .filter(move |t| t.indicator.value == indicator)
                .map(move |t| (&p.spec, t))
        })
    }
}
