//! The observation loader: CSV bytes → decoding, typing and the checks of the data folder
//! (unknown names, negative counts, duplicates, vintages), against a small fixed catalogue.
//!
//! The first byte chooses the file's declared options (decimal comma, a "no data" mark). A file the
//! fast path for clean files accepts is also typed by the full typing and the two must agree.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chitieu::catalog::Catalog;
use chitieu::data::files::{DecimalMark, FileOptions};
use chitieu::data::{Area, Areas};
use chitieu::i18n::Text;
use libfuzzer_sys::fuzz_target;

const HEALTH: &str = "series:
  - id: doctors
    name: {vi: Bác sĩ, en: Doctors}
    unit: {vi: người, en: persons}
    aggregate: sum
  - id: population
    name: {vi: Dân số, en: Population}
    unit: {vi: người, en: persons}
    aggregate: sum
indicators:
  - id: doctors_per_10k
    name: {vi: Bác sĩ trên 1 vạn dân, en: Doctors per 10000}
    unit: {vi: bác sĩ, en: per 10000}
    direction: increase
    formula: doctors / population * 10000
";

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let files = vec![(PathBuf::from("indicators/health.yaml"), HEALTH.to_string())];
    Catalog::check_sources(Path::new("indicators"), files).0
});

static AREAS: LazyLock<Areas> = LazyLock::new(|| {
    let area = |code: &str, parent: Option<&str>, order| Area {
        code: code.into(),
        name: Text::new(code, code),
        level: "x".into(),
        parent: parent.map(str::to_string),
        since: None,
        until: None,
        replaces: Vec::new(),
        order,
    };
    Areas::from_list(vec![area("p", None, 0), area("a", Some("p"), 1), area("b", Some("p"), 2)])
});

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let opts = FileOptions {
        path: "obs.csv".into(),
        decimal: (flags & 1 == 1).then_some(DecimalMark::Comma),
        missing: if flags & 2 == 2 { vec!["..".into()] } else { Vec::new() },
        sheet: None,
    };
    let result = chitieu::data::check_csv_bytes(Path::new("data/obs.csv"), bytes, Some(&opts), &CATALOG, &AREAS);
    if let Ok((_, diags)) = result {
        let _ = chitieu::diagnostic::render_all(&diags);
    }
    // The fast path for clean files must type a file it accepts exactly as the full typing does.
    if let Ok(Some(false)) = chitieu::data::fast_path_agrees(bytes, Some(&opts)) {
        panic!("the fast path types this file otherwise than the full typing");
    }
});
