//! National scale: 34 provinces, 3,321 communes, 2015–2030, ~150 series, ~130 indicators, the shipped
//! plans applied to every province (see BENCHMARKS.md for the figures and how to reproduce them).
//!
//! * `national_eval/{parquet,csv}`: load the catalogue and data, evaluate every indicator at every
//!   level and year;
//! * `floor/…`: polars alone reading the same files (one column summed, or every column);
//! * `progress/every_target`: every target of every province's plans, from evaluated values;
//! * `report/province_bundle`: every plan's report bundle for one province (HTML, XLSX, Markdown,
//!   tables, ~160 charts rendered in parallel), from a loaded project.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

use chitieu::eval::{EvalOptions, evaluate};
use chitieu::generate::floor;
use chitieu::i18n::Lang;
use chitieu::project::{Project, ProjectPaths};
use chitieu::report::bundle::{self, ContextOptions, ReportKind};

fn paths(format: &str) -> ProjectPaths {
    let root = common::national();
    ProjectPaths {
        indicators: root.join("indicators"),
        data: root.join(format),
        vintage: None,
    }
}

fn national_eval(c: &mut Criterion) {
    let mut g = c.benchmark_group("national_eval");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(20));
    // The values with text columns (the library's default), and from Parquet also coded, as
    // `eval --format parquet|csv|json` asks for them (categorical indicator, area and status).
    for (name, format, coded) in [
        ("parquet", "parquet", false),
        ("csv", "csv", false),
        ("parquet_coded", "parquet", true),
    ] {
        let p = paths(format);
        let opts = EvalOptions {
            coded,
            ..EvalOptions::default()
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                let project = Project::load(&p).expect("load");
                let values = evaluate(&project.catalog, &project.data, &opts).expect("evaluate");
                black_box(values.frame.height())
            })
        });
    }
    g.finish();
}

fn scan_floor(c: &mut Criterion) {
    let mut g = c.benchmark_group("floor");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for format in ["parquet", "csv"] {
        let files = floor::observation_files(&paths(format).data);
        g.bench_function(format!("{format}_sum_value"), |b| {
            b.iter(|| black_box(floor::sum_value(&files).expect("scan")))
        });
        g.bench_function(format!("{format}_read_all"), |b| {
            b.iter(|| black_box(floor::read_all(&files).expect("scan")))
        });
    }
    g.finish();
}

fn progress(c: &mut Criterion) {
    let project = Project::load(&paths("parquet")).expect("load");
    let catalog = &project.catalog;
    let values = evaluate(catalog, &project.data, &EvalOptions::default()).expect("evaluate");
    let opts = chitieu::progress::Options::default();
    let mut g = c.benchmark_group("progress");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    g.bench_function("every_target", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in catalog.plans.values() {
                let plan = &d.spec;
                let run = chitieu::progress::assess_with(catalog, plan, &plan.area.value, &values, None, &opts)
                    .expect("assess");
                n += run.assessments.len();
            }
            black_box(n)
        })
    });
    g.finish();
}

fn report(c: &mut Criterion) {
    let project = Project::load(&paths("parquet")).expect("load");
    let province = "p01";
    let plans: Vec<String> = project
        .catalog
        .plans
        .iter()
        .filter(|(_, d)| d.spec.area.value == province)
        .map(|(k, _)| k.clone())
        .collect();
    let out = tempfile::tempdir().expect("temp dir");
    let mut g = c.benchmark_group("report");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(30));
    g.bench_function("province_bundle", |b| {
        b.iter(|| {
            let mut charts = 0;
            let data = project.data.for_area(province).expect("cut");
            for id in &plans {
                let plan = project.catalog.plan(id).expect("plan");
                let opts = ContextOptions {
                    area: None,
                    as_of: None,
                    kind: ReportKind::Annual,
                    lang: Lang::Vi,
                    progress: chitieu::progress::Options::default(),
                    stamp: None,
                    vintage: None,
                };
                let (ctx, values) = bundle::build(&project.catalog, &data, plan, &opts).expect("build");
                let dir = bundle::target_dir(out.path(), &ctx.run.plan, &ctx.run.area, ctx.run.as_of).expect("dir");
                let files = bundle::files(&ctx, &project, &values).expect("files");
                bundle::write_dir(&dir, &files).expect("write");
                charts += files
                    .iter()
                    .filter(|(p, _)| p.extension().is_some_and(|e| e == "png"))
                    .count();
            }
            black_box(charts)
        })
    });
    g.finish();
}

criterion_group!(benches, national_eval, scan_floor, progress, report);
criterion_main!(benches);
