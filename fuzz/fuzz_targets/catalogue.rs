//! The catalogue loader: YAML text → the checks `chitieu validate` runs on `indicators/`.
//!
//! The input is split on NUL bytes into up to three files: a domain file (series and indicators),
//! a plan (`plans/`), and a one-indicator file. Every diagnostic is rendered too, so the caret
//! display is exercised on whatever positions the parser reports.
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 3] = ["indicators/domain.yaml", "indicators/plans/plan.yaml", "indicators/single.yaml"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files: Vec<(PathBuf, String)> = text
        .split('\0')
        .zip(NAMES)
        .map(|(t, n)| (PathBuf::from(n), t.to_string()))
        .collect();
    let (catalog, diags) = chitieu::catalog::Catalog::check_sources(Path::new("indicators"), files);
    let _ = chitieu::diagnostic::render_all(&diags);
    // What later stages read from a checked catalogue.
    for id in catalog.indicators.keys() {
        let _ = catalog.root_series(id);
    }
});
