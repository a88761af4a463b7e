//! An import mapping (`data/import/*.yaml`): how one published table becomes tidy observations.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::data::ObsStatus;

/// How the table's columns carry years and variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Statistical-yearbook layout: one row per area, one column per year (× variable): "2015 Doctor",
    /// "Total 2015", "Prel. 2016".
    Wide,
    /// One row per area, one column per variable; the year is given per file (`year:`) or in a column
    /// (`year_column:`).
    Columns,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// Path relative to the data folder.
    pub path: String,
    #[serde(default)]
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub series: String,
    /// Multiply by this (1000 turns "thousand persons" into persons).
    #[serde(default)]
    pub scale: Option<f64>,
}

/// A variable is given as a series id, or with options.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum VariableSpec {
    Series(String),
    Full(Variable),
}

impl VariableSpec {
    pub fn series(&self) -> &str {
        match self {
            VariableSpec::Series(s) => s,
            VariableSpec::Full(v) => &v.series,
        }
    }

    pub fn scale(&self) -> f64 {
        match self {
            VariableSpec::Series(_) => 1.0,
            VariableSpec::Full(v) => v.scale.unwrap_or(1.0),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The published files this mapping converts (paths relative to the data folder).
    pub files: Vec<SourceFile>,
    /// The tidy file to write, relative to the data folder.
    pub output: String,
    pub layout: Layout,
    /// 1-based line of the column headers (GSO tables: 3, after a title line and a blank line).
    #[serde(default = "one")]
    pub header_line: usize,
    /// The column holding the area label or code: its header, or its 1-based position.
    pub area_column: String,
    /// The labels are area codes (zero-padded to this width), not names.
    #[serde(default)]
    pub area_codes: Option<usize>,
    /// Labels that do not match an area name, mapped to codes.
    #[serde(default)]
    pub areas: BTreeMap<String, String>,
    /// Labels to leave out (footnotes, rows of another classification).
    #[serde(default)]
    pub skip_areas: Vec<String>,
    /// For `columns`: the column holding the year.
    #[serde(default)]
    pub year_column: Option<String>,
    /// Variable label (header text without year and markers; empty when the table has one
    /// variable) → series.
    pub variables: BTreeMap<String, VariableSpec>,
    /// Cell texts meaning "no data".
    #[serde(default = "default_missing")]
    pub missing: Vec<String>,
    /// Header markers of provisional figures ("Prel.", "Pre."): their values get status P.
    #[serde(default = "default_provisional")]
    pub provisional: Vec<String>,
    /// Header markers of estimated figures ("Est."): their values get status E.
    #[serde(default)]
    pub estimated: Vec<String>,
    /// Status for every value (default A); provisional markers override it.
    #[serde(default)]
    pub status: Option<String>,
    /// Years whose values start a new series definition (status B).
    #[serde(default)]
    pub breaks: BTreeMap<String, Vec<i32>>,
    pub source: String,
    /// Publication (or retrieval) date of the table, YYYY-MM-DD.
    #[serde(default)]
    pub vintage: Option<String>,
    /// Years in which one area's values start a new definition (status B) for every series of the
    /// table: a province split or merged (`"12": [2004]` for Lai Châu after the 2004 split), a
    /// change of method in one province (`"87": [2013]`).
    #[serde(default)]
    pub area_breaks: BTreeMap<String, Vec<i32>>,
}

fn one() -> usize {
    1
}

fn default_missing() -> Vec<String> {
    vec!["..".into(), "NA".into(), "".into()]
}

fn default_provisional() -> Vec<String> {
    vec!["Prel.".into(), "Pre.".into()]
}

impl Mapping {
    pub fn base_status(&self) -> ObsStatus {
        self.status
            .as_deref()
            .and_then(ObsStatus::parse)
            .unwrap_or(ObsStatus::A)
    }
}
