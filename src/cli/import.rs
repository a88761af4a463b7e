use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::data::{Areas, Dataset, LoadOptions};
use crate::diagnostic::display_path;
use crate::error::Error;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Mapping files; default: every data/import/*.yaml.
    pub mappings: Vec<PathBuf>,
    /// Only convert; do not check the result against the catalogue afterwards.
    #[arg(long)]
    pub no_check: bool,
}

pub fn run(g: &super::Global, args: &Args) -> crate::Result<i32> {
    let mut diags = Vec::new();
    let areas = Areas::load(&g.data.join("areas.csv"), &mut diags)?;
    if diags.iter().any(|d| d.is_error()) {
        return Err(Error::Invalid(diags));
    }
    let files = crate::import::mapping_files(&g.data, &args.mappings);
    if files.is_empty() {
        return Err(Error::invalid(
            crate::diagnostic::Diagnostic::error("missing-file", "no import mapping found")
                .help("put mapping files in data/import/ or name them on the command line"),
        ));
    }
    let done = crate::import::run(&g.data, &areas, &files)?;
    for d in &done {
        let series: Vec<String> = d.per_series.iter().map(|(s, n)| format!("{s} {n}")).collect();
        crate::cli::outln!(
            "{} → {}: {} rows ({})",
            display_path(&d.mapping),
            display_path(&d.output),
            d.rows,
            series.join(", ")
        );
        if !d.ignored_columns.is_empty() && !g.quiet {
            crate::cli::outln!("    not imported: {}", d.ignored_columns.join(", "));
        }
    }
    if !args.no_check {
        let catalog = Catalog::load(&g.indicators)?;
        Dataset::load(&g.data, &catalog, &LoadOptions { vintage: g.vintage })?;
        crate::cli::outln!("the data folder passes the checks");
    }
    Ok(0)
}
