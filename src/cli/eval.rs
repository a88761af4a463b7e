use polars::prelude::DataFrame;
use serde_json::{Map, Value, json};

use super::output::{self, Format, col};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::eval::{EvalOptions, Values, evaluate};
use crate::frame;
use crate::i18n::{Lang, format_number};
use crate::project::Project;
use crate::safe::{csv_number, csv_text};

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
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
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

pub fn run(g: &super::Global, args: &Args) -> crate::Result<i32> {
    let project = Project::load(&g.paths())?;
    check_ids(&project, &args.indicators, &args.areas)?;
    let opts = EvalOptions {
        indicators: args.indicators.clone(),
        areas: args.areas.clone(),
        years: args.year,
    };
    let values = evaluate(&project.catalog, &project.data, &opts)?;
    let out = render(&project, &values, args.format, g.lang)?;
    print!("{out}");
    if !g.quiet && !values.findings.is_empty() && args.format == Format::Table {
        eprintln!(
            "{} data-quality finding(s) (zero or missing denominators, incomplete totals): `chitieu validate --warnings` lists them",
            values.findings.len()
        );
    }
    Ok(0)
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

fn render(project: &Project, values: &Values, format: Format, lang: Lang) -> crate::Result<String> {
    let df = &values.frame;
    let r = rows(df, &values.dims)?;
    let n = df.height();
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    // Only dimensions that are used in this output get a column.
    let dims: Vec<usize> = (0..values.dims.len())
        .filter(|d| r.dims[*d].iter().any(|v| v.as_deref().is_some_and(|x| !x.is_empty())))
        .collect();
    match format {
        Format::Json => {
            let mut arr = Vec::with_capacity(n);
            for i in 0..n {
                let mut m = Map::new();
                m.insert("indicator".into(), json!(s(&r.indicator[i])));
                m.insert("area".into(), json!(s(&r.area[i])));
                m.insert("area_name".into(), json!(project.data.areas.name(&s(&r.area[i]), lang)));
                m.insert("year".into(), json!(r.year[i]));
                for d in &dims {
                    m.insert(values.dims[*d].clone(), json!(s(&r.dims[*d][i])));
                }
                m.insert("value".into(), json!(r.value[i]));
                m.insert("numerator".into(), json!(r.num[i]));
                m.insert("denominator".into(), json!(r.den[i]));
                m.insert("status".into(), json!(s(&r.status[i])));
                m.insert("break".into(), json!(r.brk[i].unwrap_or(false)));
                arr.push(Value::Object(m));
            }
            Ok(serde_json::to_string_pretty(&arr).map_err(|e| Error::Other(e.to_string()))? + "\n")
        }
        Format::Csv => {
            let mut headers = vec!["indicator", "area", "area_name", "year"];
            headers.extend(dims.iter().map(|d| values.dims[*d].as_str()));
            headers.extend(["value", "numerator", "denominator", "status", "break"]);
            let body: Vec<Vec<String>> = (0..n)
                .map(|i| {
                    let area = s(&r.area[i]);
                    let mut row = vec![
                        csv_text(&s(&r.indicator[i])),
                        csv_text(&area),
                        csv_text(&project.data.areas.name(&area, lang)),
                        r.year[i].map(|y| y.to_string()).unwrap_or_default(),
                    ];
                    row.extend(dims.iter().map(|d| csv_text(&s(&r.dims[*d][i]))));
                    row.extend([
                        csv_number(r.value[i]),
                        csv_number(r.num[i]),
                        csv_number(r.den[i]),
                        s(&r.status[i]),
                        r.brk[i].unwrap_or(false).to_string(),
                    ]);
                    row
                })
                .collect();
            Ok(output::csv(&headers, &body))
        }
        Format::Table => {
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
                    let fmt = |v: Option<f64>, d: Option<u8>| {
                        v.map(|x| format_number(x, d, lang)).unwrap_or_else(|| "–".into())
                    };
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
            Ok(output::table(&cols, &body) + "\n")
        }
    }
}

/// Counts print without decimals; other amounts with the default precision.
fn whole(v: Option<f64>) -> Option<u8> {
    v.filter(|x| x.fract() == 0.0).map(|_| 0)
}
