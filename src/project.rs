//! The catalogue and the data together: what every command starts from.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::catalog::Catalog;
use crate::data::{Dataset, LoadOptions};
use crate::diagnostic::{self, Diagnostic};
use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct ProjectPaths {
    pub indicators: PathBuf,
    pub data: PathBuf,
    pub vintage: Option<NaiveDate>,
}

impl Default for ProjectPaths {
    fn default() -> Self {
        ProjectPaths {
            indicators: PathBuf::from("indicators"),
            data: PathBuf::from("data"),
            vintage: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Project {
    pub catalog: Catalog,
    pub data: Dataset,
    /// Warnings found while loading (errors make loading fail).
    pub warnings: Vec<Diagnostic>,
}

impl Project {
    /// Load both; any error fails with every diagnostic found.
    pub fn load(paths: &ProjectPaths) -> Result<Project> {
        let (project, diags) = Project::check(paths)?;
        if diags.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(diags));
        }
        Ok(Project {
            warnings: diags,
            ..project
        })
    }

    /// Load as much as possible and return every problem (for `validate`).
    pub fn check(paths: &ProjectPaths) -> Result<(Project, Vec<Diagnostic>)> {
        let t = crate::timing::stage("catalogue");
        let (catalog, mut diags) = Catalog::check(&paths.indicators);
        drop(t);
        let (data, data_diags) = Dataset::check(&paths.data, &catalog, &LoadOptions { vintage: paths.vintage })?;
        diags.extend(data_diags);
        diagnostic::sort(&mut diags);
        Ok((
            Project {
                catalog,
                data,
                warnings: Vec::new(),
            },
            diags,
        ))
    }

    pub fn indicators_dir(&self) -> &Path {
        &self.catalog.dir
    }
}
