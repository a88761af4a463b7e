//! `data/files.yaml`: how particular data files are written (decimal comma, missing-value tokens,
//! the sheet of a workbook). Files not listed use the defaults.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::catalog::yaml;
use crate::diagnostic::Diagnostic;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum DecimalMark {
    Dot,
    Comma,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileOptions {
    /// Path relative to the data folder.
    pub path: String,
    #[serde(default)]
    pub decimal: Option<DecimalMark>,
    /// Cell texts that mean "no data" (`..`, `-`); such rows are skipped.
    #[serde(default)]
    pub missing: Vec<String>,
    /// For workbooks: the sheet to read (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilesYaml {
    files: Vec<FileOptions>,
}

pub const FILES_YAML: &str = "files.yaml";

#[derive(Debug, Clone, Default)]
pub struct FileOptionsMap(BTreeMap<String, FileOptions>);

impl FileOptionsMap {
    pub fn load(data_dir: &Path, diags: &mut Vec<Diagnostic>) -> Self {
        let path = data_dir.join(FILES_YAML);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return FileOptionsMap::default();
        };
        match yaml::parse::<FilesYaml>(&path, &text) {
            Ok(f) => FileOptionsMap(f.files.into_iter().map(|o| (o.path.replace('\\', "/"), o)).collect()),
            Err(d) => {
                diags.push(d);
                FileOptionsMap::default()
            }
        }
    }

    pub fn get(&self, relative: &str) -> Option<&FileOptions> {
        self.0.get(relative)
    }
}
