//! Observations and areas: loading, checking, resolving revisions.

pub mod areas;
mod csv;
pub mod encoding;
mod fast;
pub mod files;
pub mod microdata;
mod observations;
mod parquet_codes;
pub mod status;
mod typing;
mod xlsx;

use std::path::{Path, PathBuf};

pub use areas::{Area, Areas, Edge};
pub use csv::{read as read_csv_text, read_small as read_small_csv, sniff_separator};
pub(crate) use fast::csv_types;
pub use observations::{
    LoadOptions, MAX_FILE_BYTES, Observations, RECORDS, check_csv_bytes, fast_path_agrees, observation_files,
};
pub use status::ObsStatus;
pub use typing::{MAX_YEAR, MIN_YEAR};
pub use xlsx::MAX_EXPANDED_BYTES;

use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

/// Areas and observations, checked against the catalogue.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub dir: PathBuf,
    pub areas: Areas,
    pub obs: Observations,
}

impl Dataset {
    pub fn load(dir: &Path, catalog: &Catalog, options: &LoadOptions) -> Result<Dataset> {
        let (ds, diags) = Dataset::check(dir, catalog, options)?;
        if diags.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(diags));
        }
        Ok(ds)
    }

    /// Load what can be loaded and list every problem.
    pub fn check(dir: &Path, catalog: &Catalog, options: &LoadOptions) -> Result<(Dataset, Vec<Diagnostic>)> {
        let mut diags = Vec::new();
        if !dir.is_dir() {
            diags.push(
                Diagnostic::error(
                    "missing-directory",
                    format!("the data folder `{}` does not exist", dir.display()),
                )
                .at(crate::diagnostic::Location::file(dir))
                .help("run from the project folder, or pass `--data DIR`"),
            );
        }
        let areas = Areas::load(&dir.join("areas.csv"), &mut diags)?;
        let obs = observations::load(dir, catalog, &areas, options, &mut diags)?;
        check_plan_areas(catalog, &areas, &mut diags);
        Ok((
            Dataset {
                dir: dir.to_path_buf(),
                areas,
                obs,
            },
            diags,
        ))
    }

    /// The same data cut to the observations that feed `area` (see [`Areas::feeding`]). Every
    /// figure about the area comes out the same; a report on one province of a national data set
    /// then reads that province's rows only, and its plans share the one cut.
    pub fn for_area(&self, area: &str) -> Result<Dataset> {
        let frame = self.rows_of(&self.areas.feeding(area))?;
        Ok(Dataset {
            dir: self.dir.clone(),
            areas: self.areas.clone(),
            obs: Observations {
                frame,
                dims: self.obs.dims.clone(),
                files: self.obs.files.clone(),
                // A subset of rows with unique keys has unique keys.
                unique_keys: self.obs.unique_keys,
            },
        })
    }

    /// The observations of the given areas (codes compared as the column's categorical codes).
    pub fn rows_of(&self, areas: &std::collections::BTreeSet<String>) -> Result<polars::prelude::DataFrame> {
        use polars::prelude::*;
        let obs = &self.obs.frame;
        let keep = crate::frame::texts_as(obs, "area", areas.iter().cloned().collect())?;
        Ok(obs
            .clone()
            .lazy()
            .join(keep, [col("area")], [col("area")], JoinArgs::new(JoinType::Semi))
            .collect()?)
    }
}

fn check_plan_areas(catalog: &Catalog, areas: &Areas, diags: &mut Vec<Diagnostic>) {
    if areas.list.is_empty() {
        return;
    }
    for d in catalog.plans.values() {
        let a = &d.spec.area;
        if !areas.contains(&a.value) {
            diags.push(
                Diagnostic::error(
                    "unknown-area",
                    format!("plan `{}` is for unknown area `{}`", d.spec.id(), a.value),
                )
                .at(crate::diagnostic::Location::at(
                    catalog.path_of(d),
                    a.referenced.line() as usize,
                    Some(crate::catalog::yaml::inner_column(catalog.text_of(d), a)),
                ))
                .with_source(catalog.text_of(d), a.value.chars().count())
                .help(
                    areas
                        .suggest(&a.value)
                        .unwrap_or_else(|| "add the area to data/areas.csv".into()),
                ),
            );
        }
    }
}
