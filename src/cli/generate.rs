//! `chitieu generate` (hidden): synthetic national-scale data for benchmarks and tests.

use std::path::PathBuf;
use std::time::Instant;

use crate::diagnostic::display_path;
use crate::generate::{self, MicrodataOptions, NationalOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileFormat {
    Csv,
    Parquet,
}

/// The hierarchy and seed shared by both generators.
#[derive(Debug, clap::Args)]
pub struct Shape {
    /// Seed of the generator: the same seed writes the same files.
    #[arg(long, default_value_t = generate::SEED)]
    pub seed: u64,
    /// Provinces (in up to 6 regions).
    #[arg(long, default_value_t = generate::PROVINCES)]
    pub provinces: usize,
    /// Communes, spread unevenly over the provinces.
    #[arg(long, default_value_t = generate::COMMUNES)]
    pub communes: usize,
    /// File formats to write; repeat or separate with commas.
    #[arg(long, value_enum, value_delimiter = ',', default_values = ["csv", "parquet"])]
    pub format: Vec<FileFormat>,
}

impl Shape {
    fn to_lib(&self) -> generate::Shape {
        generate::Shape {
            seed: self.seed,
            provinces: self.provinces,
            communes: self.communes,
            csv: self.format.contains(&FileFormat::Csv),
            parquet: self.format.contains(&FileFormat::Parquet),
        }
    }
}

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// The shipped catalogue with its plans applied to every province, areas, and observations of
    /// every series for every commune, 2015–2030 (the catalogue is read from --indicators).
    National {
        #[arg(long, default_value = "benches/generated/national")]
        out: PathBuf,
        #[command(flatten)]
        shape: Shape,
    },
    /// Household records (commune, year, weight, members, poor, near_poor, income, …) and a
    /// catalogue of survey series computed from them: one project folder per format.
    Microdata {
        #[arg(long, default_value = "benches/generated/microdata")]
        out: PathBuf,
        /// Number of household records.
        #[arg(long, default_value_t = 10_000_000)]
        rows: u64,
        #[command(flatten)]
        shape: Shape,
    },
}

pub fn run(g: &super::Global, args: &Args) -> crate::Result<i32> {
    let start = Instant::now();
    match &args.what {
        What::National { out, shape } => {
            let s = generate::national(&NationalOptions {
                source: g.indicators.clone(),
                out: out.clone(),
                shape: shape.to_lib(),
            })?;
            crate::cli::outln!(
                "{}: {} areas, {} series, {} indicators, {} plans ({} targets), {} observations ({} empty) in {:.1} s",
                display_path(out),
                s.areas,
                s.series,
                s.indicators,
                s.plans,
                s.targets,
                s.rows,
                s.empty,
                start.elapsed().as_secs_f64()
            );
        }
        What::Microdata { out, rows, shape } => {
            let projects = generate::microdata(&MicrodataOptions {
                out: out.clone(),
                rows: *rows,
                shape: shape.to_lib(),
            })?;
            for p in &projects {
                crate::cli::outln!("{}: {} household records", display_path(p), rows);
            }
            crate::cli::outln!("in {:.1} s", start.elapsed().as_secs_f64());
        }
    }
    Ok(0)
}
