//! Command-line arguments (clap) and one module per subcommand.

/// `print!` that stops quietly when the reader has gone (`chitieu list … | head`) instead of
/// panicking on a broken pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

/// `println!`, the same way.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

pub(crate) use {out, outln};

mod chart;
mod doc;
mod eval;
mod explain;
mod generate;
mod import;
mod list;
mod output;
mod report;
mod texts;
mod validate;
mod values_csv;
mod values_json;
mod values_sdmx;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::i18n::Lang;
use crate::project::ProjectPaths;

/// chitieu — plan targets and KPI indicators for Vietnamese provinces.
#[derive(Debug, Parser)]
#[command(name = "chitieu", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Args)]
pub struct Global {
    /// The catalogue folder (indicators, series, plans, ASEAN framework).
    #[arg(long, global = true, default_value = "indicators", value_name = "DIR")]
    pub indicators: PathBuf,
    /// The data folder (observations and areas.csv).
    #[arg(long, global = true, default_value = "data", value_name = "DIR")]
    pub data: PathBuf,
    /// See the data as they stood on this date (YYYY-MM-DD): later revisions are ignored.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub vintage: Option<NaiveDate>,
    /// Language of labels and number format.
    #[arg(long, global = true, value_enum, default_value = "vi")]
    pub lang: Lang,
    /// No progress bars or summaries on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

impl Global {
    pub fn paths(&self) -> ProjectPaths {
        ProjectPaths {
            indicators: self.indicators.clone(),
            data: self.data.clone(),
            vintage: self.vintage,
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: write YYYY-MM-DD, e.g. 2025-11-01"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the catalogue and the data: every problem with its place (exit 1 if any).
    Validate(validate::Args),
    /// Indicator values per area and year, or a plan's gap-to-target table (`--plan`).
    Eval(eval::Args),
    /// How a figure was made: definition, inputs, targets, every intermediate of each status.
    Explain(explain::Args),
    /// A chart for a briefing: trend, ranking, dashboard or progress by ASEAN goal (.svg or .png).
    Chart(chart::Args),
    /// List indicators, series, plans, areas or the ASEAN framework.
    List(list::Args),
    /// Write the reports (HTML, Excel, Markdown, tables, charts) of every plan, or of the ones named.
    Report(report::Args),
    /// Convert published tables (years as columns) into tidy observation files.
    Import(import::Args),
    /// Write the catalogue as a document (Markdown, vi and en).
    Doc(doc::Args),
    /// Synthetic national-scale data for benchmarks and tests.
    #[command(hide = true)]
    Generate(generate::Args),
}

/// Run a parsed command; the exit code (0 success, 1 findings). The binary exits after it: a
/// command may leave its largest frames to the end of the process instead of freeing them (`eval`).
pub fn run(cli: Cli) -> crate::Result<i32> {
    match &cli.command {
        Command::Validate(a) => validate::run(&cli.global, a),
        Command::Eval(a) => eval::run(&cli.global, a),
        Command::Explain(a) => explain::run(&cli.global, a),
        Command::Chart(a) => chart::run(&cli.global, a),
        Command::List(a) => list::run(&cli.global, a),
        Command::Import(a) => import::run(&cli.global, a),
        Command::Doc(a) => doc::run(&cli.global, a),
        Command::Report(a) => report::run(&cli.global, a),
        Command::Generate(a) => generate::run(&cli.global, a),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
