//! Synthetic national-scale data for benchmarks and tests (`chitieu generate`): a country of 6
//! regions, 34 provinces and 3,321 communes; the shipped catalogue with its plans applied to every
//! province and observations for every series, 2015–2030, as CSV and Parquet; household records by
//! the million. Deterministic: the same seed gives the same bytes. Nothing generated is real data.

pub mod areas;
pub mod catalogue;
pub mod floor;
pub mod microdata;
pub mod models;
pub mod national;
pub mod rng;

use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::error::{Error, Result};
pub use areas::Hierarchy;

/// The national shape since July 2025.
pub const PROVINCES: usize = 34;
pub const COMMUNES: usize = 3321;
pub const SEED: u64 = 2025;

/// Written last: a folder without it is incomplete and is generated again.
pub const DONE: &str = "generated.json";

/// The hierarchy, the seed and the file formats of a generated data set.
#[derive(Debug, Clone)]
pub struct Shape {
    pub seed: u64,
    pub provinces: usize,
    pub communes: usize,
    pub csv: bool,
    pub parquet: bool,
}

impl Default for Shape {
    /// The national shape, both formats.
    fn default() -> Shape {
        Shape {
            seed: SEED,
            provinces: PROVINCES,
            communes: COMMUNES,
            csv: true,
            parquet: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NationalOptions {
    /// The catalogue to copy (the shipped `indicators/`).
    pub source: PathBuf,
    pub out: PathBuf,
    pub shape: Shape,
}

#[derive(Debug, Clone)]
pub struct NationalSummary {
    pub series: usize,
    pub indicators: usize,
    pub plans: usize,
    pub targets: usize,
    pub areas: usize,
    pub rows: usize,
    pub empty: usize,
}

/// `out/indicators/` (catalogue), `out/csv/` and `out/parquet/` (data folders: areas.csv and
/// observations/), `out/catalogue.csv` (definitions as one table).
pub fn national(o: &NationalOptions) -> Result<NationalSummary> {
    let s = &o.shape;
    let h = Hierarchy::build(s.seed, s.provinces, s.communes)?;
    remove(&o.out.join(DONE))?;
    let ind_dir = o.out.join("indicators");
    let plans = catalogue::write(&o.source, &ind_dir, &h)?;
    let catalog = Catalog::load(&ind_dir)?;
    let models = models::plans(&catalog, s.seed);
    let values = national::Values::generate(&h, &models, s.seed);
    let dirs: Vec<PathBuf> = [(s.csv, "csv"), (s.parquet, "parquet")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, d)| o.out.join(d))
        .collect();
    for d in &dirs {
        if d.exists() {
            std::fs::remove_dir_all(d).map_err(|e| Error::io("remove", d, e))?;
        }
        h.write_areas(&d.join("areas.csv"))?;
    }
    let csv_dir = s.csv.then(|| o.out.join("csv"));
    let pq_dir = s.parquet.then(|| o.out.join("parquet"));
    let written = national::write(&values, &models, csv_dir.as_deref(), pq_dir.as_deref())?;
    catalogue::write_manifest(&catalog, &o.out.join("catalogue.csv"))?;
    let shape = s;
    let summary = NationalSummary {
        series: catalog.series.len(),
        indicators: catalog.indicators.len(),
        plans,
        targets: catalog.plans.values().map(|p| p.spec.targets.len()).sum(),
        areas: 1 + h.regions + h.provinces.len() + h.communes.len(),
        rows: written.rows,
        empty: written.empty,
    };
    let done = serde_json::json!({
        "kind": "national",
        "seed": shape.seed,
        "provinces": shape.provinces,
        "communes": shape.communes,
        "series": summary.series,
        "indicators": summary.indicators,
        "plans": summary.plans,
        "observation_rows": summary.rows,
        "empty_values": summary.empty,
        "chitieu": env!("CARGO_PKG_VERSION"),
    });
    areas::write_file(&o.out.join(DONE), format!("{done:#}\n").as_bytes())?;
    Ok(summary)
}

#[derive(Debug, Clone)]
pub struct MicrodataOptions {
    pub out: PathBuf,
    pub rows: u64,
    pub shape: Shape,
}

/// `10m` for 10,000,000 rows, `2500k`, `1234`.
pub fn label(rows: u64) -> String {
    if rows >= 1_000_000 && rows.is_multiple_of(1_000_000) {
        format!("{}m", rows / 1_000_000)
    } else if rows >= 1000 && rows.is_multiple_of(1000) {
        format!("{}k", rows / 1000)
    } else {
        rows.to_string()
    }
}

/// The project folder of one microdata table: `out/<label>-<format>/` with `indicators/` and `data/`.
pub fn microdata_project(out: &Path, rows: u64, format: &str) -> PathBuf {
    out.join(format!("{}-{format}", label(rows)))
}

/// One project folder per format, each with the household table, the national areas and a catalogue
/// of survey series; returns the folders.
pub fn microdata(o: &MicrodataOptions) -> Result<Vec<PathBuf>> {
    let s = &o.shape;
    let h = Hierarchy::build(s.seed, s.provinces, s.communes)?;
    let mut projects = Vec::new();
    let mut files: [Option<PathBuf>; 2] = [None, None];
    for (i, (on, fmt)) in [(s.csv, "csv"), (s.parquet, "parquet")].iter().enumerate() {
        if !on {
            continue;
        }
        let dir = microdata_project(&o.out, o.rows, fmt);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io("remove", &dir, e))?;
        }
        let file = format!("households.{fmt}");
        areas::write_file(
            &dir.join("indicators").join("households.yaml"),
            microdata::catalogue(&file).as_bytes(),
        )?;
        h.write_areas(&dir.join("data").join("areas.csv"))?;
        files[i] = Some(dir.join("data").join(file));
        projects.push(dir);
    }
    microdata::write(&h, o.rows, s.seed, files[0].as_deref(), files[1].as_deref())?;
    let done = serde_json::json!({
        "kind": "microdata",
        "rows": o.rows,
        "seed": s.seed,
        "provinces": s.provinces,
        "communes": s.communes,
        "survey_years": microdata::SURVEY_YEARS,
        "chitieu": env!("CARGO_PKG_VERSION"),
    });
    for p in &projects {
        areas::write_file(&p.join(DONE), format!("{done:#}\n").as_bytes())?;
    }
    Ok(projects)
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io("remove", path, e)),
        _ => Ok(()),
    }
}
