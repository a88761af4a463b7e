use polars::prelude::DataFrame;

use std::io::IsTerminal;
use std::path::PathBuf;

use super::output::{self, col};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::eval::{EvalOptions, Values, evaluate};
use crate::frame;
use crate::i18n::{Lang, format_number};
use crate::project::Project;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Indicator id(s); repeat or separate with commas. Default: every indicator.
    #[arg(id = "indicator_ids", long = "indicator", short = 'i', value_delimiter = ',')]
    pub indicators: Vec<String>,
    /// Area code(s) of data/areas.csv; repeat or separate with commas.
    #[arg(long = "area", short = 'a', value_delimiter = ',')]
    pub areas: Vec<String>,
    /// A year (2015) or a range of years (2010-2016).
    #[arg(long, value_parser = parse_years)]
    pub year: Option<(i32, i32)>,
    /// Assess the targets of this plan: prints its gap-to-target table.
    #[arg(long)]
    pub plan: Option<String>,
    /// Evaluation year of the gap table (default: the latest year with data).
    #[arg(long)]
    pub as_of: Option<i32>,
    #[command(flatten)]
    pub method: MethodArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Write to this file instead of the terminal (required for xlsx).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// At most this many rows in the values table (`--format table`; 0: all); the other formats
    /// write every value.
    #[arg(long, default_value_t = 50_000)]
    pub max_rows: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Md,
    Json,
    Xlsx,
    /// SDMX-CSV 2.0 of the indicator values.
    Sdmx,
    /// The indicator values as a Parquet file (needs `--out`): full precision, for other tools.
    Parquet,
}

/// How statuses are decided: the method and its thresholds.
#[derive(Debug, Clone, clap::Args)]
pub struct MethodArgs {
    /// `default` (each kind's ratio) or `open_sdg` (Open SDG 2.4's progress measure).
    #[arg(long, value_enum, default_value = "default")]
    pub method: crate::progress::Method,
    /// Ratio at or above which a target is on track.
    #[arg(long, default_value_t = 0.95)]
    pub on_track: f64,
    /// Ratio at or above which a target needs acceleration (below: limited progress).
    #[arg(long, default_value_t = 0.60)]
    pub acceleration: f64,
    /// Relative tolerance of `~` (khoảng) targets that set none.
    #[arg(long, default_value_t = 0.02)]
    pub tolerance: f64,
}

impl MethodArgs {
    pub fn options(&self) -> crate::Result<crate::progress::Options> {
        if !(self.acceleration < self.on_track && self.acceleration > 0.0 && self.on_track.is_finite()) {
            return Err(Error::invalid(
                Diagnostic::error(
                    "invalid-option",
                    format!(
                        "thresholds {} (on track) and {} (acceleration) are not in order",
                        self.on_track, self.acceleration
                    ),
                )
                .help("use 0 < --acceleration < --on-track, e.g. 0.6 and 0.95"),
            ));
        }
        if !(0.0..1.0).contains(&self.tolerance) {
            return Err(Error::invalid(
                Diagnostic::error("invalid-option", "--tolerance must be a fraction in [0, 1)").help("±2 % is 0.02"),
            ));
        }
        Ok(crate::progress::Options {
            method: self.method,
            thresholds: crate::progress::Thresholds {
                on_track: self.on_track,
                acceleration: self.acceleration,
            },
            tolerance: self.tolerance,
        })
    }
}

pub fn parse_years(s: &str) -> Result<(i32, i32), String> {
    let bad = || format!("`{s}` is not a year or a range of years: write 2015 or 2010-2016");
    let parts: Vec<&str> = s.split(['-', '–', ':']).map(str::trim).collect();
    let parse = |p: &str| p.parse::<i32>().map_err(|_| bad());
    match parts.as_slice() {
        [y] => parse(y).map(|y| (y, y)),
        [a, b] => {
            let (a, b) = (parse(a)?, parse(b)?);
            if a > b {
                Err(format!("the range {a}-{b} ends before it starts"))
            } else {
                Ok((a, b))
            }
        }
        _ => Err(bad()),
    }
}

/// Refuse unknown indicator and area ids before computing anything.
pub fn check_ids(project: &Project, indicators: &[String], areas: &[String]) -> crate::Result<()> {
    let mut diags = Vec::new();
    for i in indicators {
        if project.catalog.indicator(i).is_none() {
            let help = crate::suggest::did_you_mean(i, project.catalog.indicators.keys().map(String::as_str))
                .unwrap_or_else(|| "`chitieu list indicators` shows the ids".into());
            diags.push(Diagnostic::error("unknown-indicator", format!("unknown indicator `{i}`")).help(help));
        }
    }
    for a in areas {
        if !project.data.areas.contains(a) {
            let help = project
                .data
                .areas
                .suggest(a)
                .unwrap_or_else(|| "`chitieu list areas` shows the codes".into());
            diags.push(Diagnostic::error("unknown-area", format!("unknown area `{a}`")).help(help));
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(diags))
    }
}

/// Refuse an unknown plan with the closest id.
pub fn check_plan(project: &Project, plan: &str) -> crate::Result<()> {
    if project.catalog.plan(plan).is_some() {
        return Ok(());
    }
    Err(Error::invalid(
        Diagnostic::error("unknown-plan", format!("unknown plan `{plan}`")).help(
            crate::suggest::did_you_mean(plan, project.catalog.plans.keys().map(String::as_str))
                .unwrap_or_else(|| "`chitieu list plans` shows the ids".into()),
        ),
    ))
}

/// Bytes to the output file (written whole, then renamed) or to stdout.
pub fn emit(out: Option<&std::path::Path>, bytes: &[u8]) -> crate::Result<()> {
    let mut o = Output::open(out)?;
    o.write(bytes)?;
    o.finish()
}

/// Where a command's output goes: a file (written beside it, renamed into place when whole; an
/// error half-way leaves nothing) or the terminal.
enum Output {
    File(crate::fsutil::AtomicFile),
    Stdout(std::io::Stdout),
}

impl Output {
    fn open(out: Option<&std::path::Path>) -> crate::Result<Output> {
        Ok(match out {
            Some(p) => Output::File(crate::fsutil::AtomicFile::create(p)?),
            None => Output::Stdout(std::io::stdout()),
        })
    }

    fn write(&mut self, bytes: &[u8]) -> crate::Result<()> {
        use std::io::Write;
        match self {
            Output::File(f) => f.write_all(bytes),
            Output::Stdout(s) => to_stdout(s.lock().write_all(bytes)),
        }
    }

    fn finish(self) -> crate::Result<()> {
        use std::io::Write;
        match self {
            Output::File(f) => f.commit(),
            Output::Stdout(s) => to_stdout(s.lock().flush()),
        }
    }
}

/// A write to stdout: when the reader has gone (`| head`), stop quietly.
fn to_stdout(r: std::io::Result<()>) -> crate::Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        r => r.map_err(|e| Error::io("write", "<stdout>", e)),
    }
}

fn run_plan(g: &super::Global, args: &Args, project: &Project, plan_id: &str) -> crate::Result<i32> {
    use crate::report::export::{self, ExportInput, Exporter, Terminal};
    check_plan(project, plan_id)?;
    if args.areas.len() > 1 {
        return Err(Error::invalid(Diagnostic::error(
            "invalid-option",
            "a gap table is for one area: give one `--area`",
        )));
    }
    let plan = project
        .catalog
        .plan(plan_id)
        .ok_or_else(|| Error::Other(plan_id.into()))?;
    let opts = args.method.options()?;
    let area = args.areas.first().map(String::as_str);
    let (run, values) = crate::progress::run_plan(&project.catalog, &project.data, plan, area, args.as_of, &opts)?;
    let table = crate::report::gap_table(&project.catalog, &project.data.areas, &run, g.lang);
    let rows = export::value_rows(&project.catalog, &values, &run.area, g.lang)?;
    let input = ExportInput {
        table: &table,
        values: &rows,
    };
    let bytes = match args.format {
        Format::Table => {
            let color = args.out.is_none() && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100u16)
                .min(160);
            Terminal { color, width }.export(&input)?
        }
        Format::Parquet => {
            return Err(Error::invalid(
                Diagnostic::error(
                    "invalid-option",
                    "Parquet output is for indicator values, not gap tables",
                )
                .help("drop `--plan`, or use --format csv|json|xlsx for the gap table"),
            ));
        }
        Format::Xlsx if args.out.is_none() => {
            return Err(Error::invalid(
                Diagnostic::error("invalid-option", "a workbook cannot be printed to the terminal")
                    .help("add `--out table.xlsx`"),
            ));
        }
        f => {
            let name = match f {
                Format::Csv => "csv",
                Format::Md => "md",
                Format::Json => "json",
                Format::Xlsx => "xlsx",
                _ => "sdmx",
            };
            export::by_name(name)
                .ok_or_else(|| Error::Other(name.into()))?
                .export(&input)?
        }
    };
    emit(args.out.as_deref(), &bytes)?;
    Ok(0)
}

pub fn run(g: &super::Global, args: &Args) -> crate::Result<i32> {
    let project = Project::load(&g.paths())?;
    check_ids(&project, &args.indicators, &args.areas)?;
    if let Some(plan) = &args.plan {
        return run_plan(g, args, &project, plan);
    }
    if matches!(args.format, Format::Md | Format::Xlsx) {
        return Err(Error::invalid(
            Diagnostic::error("invalid-option", "Markdown and workbook output are for gap tables")
                .help("add `--plan PLAN`, or use --format table|csv|json|sdmx|parquet for indicator values"),
        ));
    }
    if args.format == Format::Parquet && args.out.is_none() {
        return Err(Error::invalid(
            Diagnostic::error("invalid-option", "a Parquet file cannot be printed to the terminal")
                .help("add `--out values.parquet`"),
        ));
    }
    let opts = EvalOptions {
        indicators: args.indicators.clone(),
        areas: args.areas.clone(),
        years: args.year,
        // These outputs write each distinct text once (dictionary pages; a text per code).
        coded: matches!(args.format, Format::Parquet | Format::Csv | Format::Json | Format::Sdmx),
    };
    let values = evaluate(&project.catalog, &project.data, &opts)?;
    let _t = crate::timing::stage("write");
    // The output goes out in pieces as it is made: a national CSV or JSON (millions of rows) is
    // made a few chunks of rows at a time and never held as one text.
    let mut out = Output::open(args.out.as_deref())?;
    let mut sink = |b: &[u8]| out.write(b);
    match args.format {
        Format::Parquet => sink(&parquet_bytes(&values.frame)?)?,
        Format::Sdmx => {
            let unit = |i: &str| {
                project
                    .catalog
                    .indicator(i)
                    .map(|x| x.unit.get(g.lang).to_string())
                    .unwrap_or_default()
            };
            super::values_sdmx::render(&values.frame, &values.dims, unit, &mut sink)?
        }
        Format::Csv => super::values_csv::render(&values.frame, &values.dims, &project.data.areas, g.lang, &mut sink)?,
        Format::Json => {
            super::values_json::render(&values.frame, &values.dims, &project.data.areas, g.lang, &mut sink)?
        }
        _ => sink(table(&project, &values, g.lang, args.max_rows)?.as_bytes())?,
    }
    out.finish()?;
    if !g.quiet && !values.findings.is_empty() && args.format == Format::Table {
        eprintln!(
            "{} data-quality finding(s) (zero or missing denominators, incomplete totals): `chitieu validate --warnings` lists them",
            values.findings.len()
        );
    }
    // The binary exits after this command (see `cli::run`): freeing the frames (1.5 GB at national
    // scale) would only delay the exit, by 0.1–0.2 s.
    std::mem::forget(values);
    std::mem::forget(project);
    Ok(0)
}

/// The values frame as Parquet: indicator, area, year, dimensions, value, numerator, denominator,
/// status, break.
fn parquet_bytes(df: &DataFrame) -> crate::Result<Vec<u8>> {
    crate::parquet::to_bytes(df)
}

struct Rows {
    indicator: Vec<Option<String>>,
    area: Vec<Option<String>>,
    year: Vec<Option<i64>>,
    dims: Vec<Vec<Option<String>>>,
    value: Vec<Option<f64>>,
    num: Vec<Option<f64>>,
    den: Vec<Option<f64>>,
    status: Vec<Option<String>>,
    brk: Vec<Option<bool>>,
}

fn rows(df: &DataFrame, dims: &[String]) -> crate::Result<Rows> {
    Ok(Rows {
        indicator: frame::str_values(df, "indicator")?,
        area: frame::str_values(df, "area")?,
        year: frame::i64_values(df, "year")?,
        dims: dims
            .iter()
            .map(|d| frame::str_values(df, d))
            .collect::<crate::Result<_>>()?,
        value: frame::f64_values(df, "value")?,
        num: frame::f64_values(df, "numerator")?,
        den: frame::f64_values(df, "denominator")?,
        status: frame::str_values(df, "status")?,
        brk: frame::bool_values(df, "break")?,
    })
}

/// The values as a table for the terminal: the first `max_rows` of them (a national evaluation has
/// millions, which no one reads on a screen and which took 13 GB to lay out), and how to get all.
fn table(project: &Project, values: &Values, lang: Lang, max_rows: usize) -> crate::Result<String> {
    let total = values.frame.height();
    let df = &values.frame.head(Some(if max_rows == 0 { total } else { max_rows }));
    let r = rows(df, &values.dims)?;
    let n = df.height();
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    // Only dimensions that are used in this output get a column.
    let used = super::texts::used_dims(df, &values.dims)?;
    let dims: Vec<usize> = (0..values.dims.len())
        .filter(|d| used.contains(&values.dims[*d].as_str()))
        .collect();
    let mut cols = vec![
        col(lang.pick("Chỉ tiêu", "Indicator"), false),
        col(lang.pick("Địa bàn", "Area"), false),
        col(lang.pick("Năm", "Year"), true),
    ];
    cols.extend(dims.iter().map(|d| col(values.dims[*d].clone(), false)));
    cols.extend([
        col(lang.pick("Giá trị", "Value"), true),
        col(lang.pick("Tử số", "Numerator"), true),
        col(lang.pick("Mẫu số", "Denominator"), true),
        col(lang.pick("TT", "Status"), false),
    ]);
    let body: Vec<Vec<String>> = (0..n)
        .map(|i| {
            let ind = s(&r.indicator[i]);
            let area = s(&r.area[i]);
            let dec = project.catalog.decimals(&ind);
            let fmt =
                |v: Option<f64>, d: Option<u8>| v.map(|x| format_number(x, d, lang)).unwrap_or_else(|| "–".into());
            let mut row = vec![
                ind.clone(),
                format!("{} {}", area, project.data.areas.name(&area, lang)),
                r.year[i].map(|y| y.to_string()).unwrap_or_default(),
            ];
            row.extend(dims.iter().map(|d| s(&r.dims[*d][i])));
            let mut status = s(&r.status[i]);
            if r.brk[i].unwrap_or(false) {
                status.push_str(" B");
            }
            row.extend([
                fmt(r.value[i], dec),
                fmt(r.num[i], whole(r.num[i])),
                fmt(r.den[i], whole(r.den[i])),
                status,
            ]);
            row
        })
        .collect();
    if body.is_empty() {
        return Ok(lang
            .pick("Không có giá trị nào khớp bộ lọc.\n", "No values match the filters.\n")
            .to_string());
    }
    let mut out = output::table(&cols, &body) + "\n";
    if total > n {
        let count = |k: usize| format_number(k as f64, Some(0), lang);
        out.push_str(&match lang {
            Lang::Vi => format!(
                "{} giá trị đầu tiên trong {}: tất cả với --format csv|json|parquet --out TỆP, hoặc lọc bằng --indicator, --area, --year\n",
                count(n),
                count(total)
            ),
            Lang::En => format!(
                "the first {} of {} values: all of them with --format csv|json|parquet --out FILE, or filter with --indicator, --area, --year\n",
                count(n),
                count(total)
            ),
        });
    }
    Ok(out)
}

/// Counts print without decimals; other amounts with the default precision.
fn whole(v: Option<f64>) -> Option<u8> {
    v.filter(|x| x.fract() == 0.0).map(|_| 0)
}
