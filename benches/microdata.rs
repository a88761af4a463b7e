//! Series from unit records: household tables of 10 million rows (Parquet and CSV) and, with
//! `CHITIEU_BENCH_100M=1`, 100 million rows (Parquet, streamed) → weighted series per commune × year.
//! Each iteration loads the data folder: the table is scanned and aggregated on polars' streaming
//! engine, then the series go through the same checks as any observation.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

use chitieu::catalog::Catalog;
use chitieu::data::{Dataset, LoadOptions};

fn bench_project(c: &mut Criterion, name: &str, project: &std::path::Path, seconds: u64) {
    let catalog = Catalog::load(&project.join("indicators")).expect("catalogue");
    let data = project.join("data");
    let mut g = c.benchmark_group("microdata");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(seconds));
    g.bench_function(name, |b| {
        b.iter(|| {
            let ds = Dataset::load(&data, &catalog, &LoadOptions { vintage: None }).expect("load");
            black_box(ds.obs.frame.height())
        })
    });
    g.finish();
}

fn microdata(c: &mut Criterion) {
    let (pq, csv) = common::microdata(10_000_000, true);
    bench_project(c, "10m_parquet", &pq, 20);
    if let Some(csv) = csv {
        bench_project(c, "10m_csv", &csv, 30);
    }
    if std::env::var_os("CHITIEU_BENCH_100M").is_some() {
        let (pq, _) = common::microdata(100_000_000, false);
        bench_project(c, "100m_parquet", &pq, 200);
    } else {
        eprintln!("microdata/100m_parquet skipped: set CHITIEU_BENCH_100M=1 to run it (writes ~1 GB of Parquet)");
    }
}

criterion_group!(benches, microdata);
criterion_main!(benches);
