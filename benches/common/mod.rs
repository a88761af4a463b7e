//! Generated data for the benches: found under `benches/generated/` (or `$CHITIEU_BENCH_DATA`),
//! generated on first use with the same code as `chitieu generate`.

#![allow(dead_code)] // each bench uses part of it

use std::path::{Path, PathBuf};
use std::time::Instant;

use chitieu::generate::{self, DONE, MicrodataOptions, NationalOptions};

// The binary's allocator, so that the benches measure what `chitieu` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The manifest folder: benches run with it as the working directory.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn data_root() -> PathBuf {
    std::env::var_os("CHITIEU_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("benches").join("generated"))
}

/// `benches/generated/national/`, generated when absent or incomplete.
pub fn national() -> PathBuf {
    let out = data_root().join("national");
    if !out.join(DONE).is_file() {
        eprintln!(
            "generating the national data set into {} (34 provinces, 3,321 communes, 2015–2030; about a minute)…",
            out.display()
        );
        let t = Instant::now();
        let s = generate::national(&NationalOptions {
            source: repo().join("indicators"),
            out: out.clone(),
            shape: generate::Shape::default(),
        })
        .expect("generate the national data set");
        eprintln!("  {} observations in {:.0} s", s.rows, t.elapsed().as_secs_f64());
    }
    out
}

/// The project folders of a household table of `rows` records (`csv` only when asked).
pub fn microdata(rows: u64, csv: bool) -> (PathBuf, Option<PathBuf>) {
    let out = data_root().join("microdata");
    let pq = generate::microdata_project(&out, rows, "parquet");
    let cs = generate::microdata_project(&out, rows, "csv");
    let missing = |p: &Path| !p.join(DONE).is_file();
    if missing(&pq) || (csv && missing(&cs)) {
        eprintln!(
            "generating {} household records into {} (Parquet{}; this takes a while)…",
            rows,
            out.display(),
            if csv { " and CSV" } else { "" }
        );
        let t = Instant::now();
        generate::microdata(&MicrodataOptions {
            out: out.clone(),
            rows,
            shape: generate::Shape {
                csv,
                ..generate::Shape::default()
            },
        })
        .expect("generate household records");
        eprintln!("  done in {:.0} s", t.elapsed().as_secs_f64());
    }
    (pq, csv.then_some(cs))
}
