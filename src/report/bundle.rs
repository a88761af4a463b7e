//! The report bundle of a plan × area × evaluation year: `reports/<plan>/<area>/<as-of>/` with
//! report.html, report.xlsx, report.md, gap_table.{csv,json}, components.json and charts/.
//! Written to a temporary folder beside the target and renamed into place, so a failure never leaves
//! half a report and never destroys the previous one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde::Serialize;

use super::export::{self, ExportInput, Exporter, ValueRow};
use super::table::{GapTable, gap_table};
use crate::catalog::{Catalog, PlanSpec};
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::eval::Values;
use crate::i18n::Lang;
use crate::progress::{self, Options, PlanRun};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    /// The year's values, *so với cùng kỳ* and *so với kế hoạch*.
    Annual,
    /// The path to the period's end: required pace, projections, what must change per year.
    Midterm,
}

/// One raw observation used by the report (for the workbook and components.json).
#[derive(Debug, Clone, Serialize)]
pub struct InputRow {
    pub series: String,
    pub area: String,
    pub year: i32,
    pub value: f64,
    pub status: String,
    pub source: String,
}

/// Everything a report is made of, computed once.
pub struct Context {
    pub table: GapTable,
    pub run: PlanRun,
    pub kind: ReportKind,
    pub asean_titles: BTreeMap<String, String>,
    pub indicator_names: BTreeMap<String, String>,
    pub findings: Vec<String>,
    pub sources: Vec<String>,
    pub vintage: String,
    pub stamp: Option<String>,
    pub values: Vec<ValueRow>,
    pub inputs: Vec<InputRow>,
    pub formulas: BTreeMap<String, serde_json::Value>,
}

fn inputs(catalog: &Catalog, data: &Dataset, plan: &PlanSpec, area: &str) -> Result<(Vec<InputRow>, Vec<String>)> {
    let series: BTreeSet<String> = progress::plan_indicators(plan)
        .iter()
        .flat_map(|i| catalog.root_series(i))
        .collect();
    let areas = data.areas.feeding(area);
    // Joined on the observations' codes; only the rows kept are turned back into text.
    let obs = &data.obs.frame;
    let df = obs
        .clone()
        .lazy()
        .join(
            crate::frame::texts_as(obs, "series", series.into_iter().collect())?,
            [col("series")],
            [col("series")],
            JoinArgs::new(JoinType::Semi),
        )
        .join(
            crate::frame::texts_as(obs, "area", areas.into_iter().collect())?,
            [col("area")],
            [col("area")],
            JoinArgs::new(JoinType::Semi),
        )
        .with_columns([col("series").cast(DataType::String), col("area").cast(DataType::String)])
        .sort(["series", "area", "year"], SortMultipleOptions::default())
        .collect()?;
    let f = crate::frame::str_values;
    let (s, a, st, src) = (f(&df, "series")?, f(&df, "area")?, f(&df, "status")?, f(&df, "source")?);
    let (y, v) = (
        crate::frame::i64_values(&df, "year")?,
        crate::frame::f64_values(&df, "value")?,
    );
    let rows: Vec<InputRow> = (0..df.height())
        .map(|i| InputRow {
            series: s[i].clone().unwrap_or_default(),
            area: a[i].clone().unwrap_or_default(),
            year: y[i].unwrap_or(0) as i32,
            value: v[i].unwrap_or(f64::NAN),
            status: st[i].clone().unwrap_or_default(),
            source: src[i].clone().unwrap_or_default(),
        })
        .collect();
    let mut sources: Vec<String> = rows
        .iter()
        .map(|r| r.source.clone())
        .filter(|s| !s.is_empty())
        .collect();
    sources.sort();
    sources.dedup();
    Ok((rows, sources))
}

/// The data-quality findings of the report: every flag of the assessments, and the evaluation's
/// findings about this area.
fn findings(table: &GapTable, run: &PlanRun, values: &Values, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let names: BTreeMap<&str, &str> = table
        .rows
        .iter()
        .map(|r| (r.target.as_str(), r.indicator_name.as_str()))
        .collect();
    for a in &run.assessments {
        for n in &a.notes {
            let name = names.get(a.target.id.as_str()).copied().unwrap_or(&a.target.indicator);
            out.push(format!("{name}: {}", n.message));
        }
    }
    let tag = (format!("area {} ", run.area), format!("({})", run.area));
    for f in &values.findings {
        if f.message.contains(&tag.0) || f.message.contains(&tag.1) {
            out.push(f.message.clone());
        }
    }
    if out.is_empty() {
        return out;
    }
    out.sort();
    out.dedup();
    let _ = lang;
    out
}

pub struct ContextOptions<'a> {
    pub area: Option<&'a str>,
    pub as_of: Option<i32>,
    pub kind: ReportKind,
    pub lang: Lang,
    pub progress: Options,
    pub stamp: Option<String>,
    pub vintage: Option<chrono::NaiveDate>,
}

pub fn build(catalog: &Catalog, data: &Dataset, plan: &PlanSpec, o: &ContextOptions) -> Result<(Context, Values)> {
    let t = crate::timing::stage("bundle: evaluate and assess");
    let (run, values) = progress::run_plan(catalog, data, plan, o.area, o.as_of, &o.progress)?;
    drop(t);
    let lang = o.lang;
    let t = crate::timing::stage("bundle: gap table");
    let table = gap_table(catalog, &data.areas, &run, lang);
    drop(t);
    let t = crate::timing::stage("bundle: value rows");
    let value_rows = export::value_rows(catalog, &values, &run.area, lang)?;
    drop(t);
    let t = crate::timing::stage("bundle: inputs");
    let (inputs, sources) = inputs(catalog, data, plan, &run.area)?;
    drop(t);
    let asean_titles = catalog
        .asean
        .nodes
        .iter()
        .filter(|n| n.level != crate::catalog::AseanLevel::Task)
        .map(|n| (n.code.clone(), n.title.get(lang).to_string()))
        .collect();
    let indicator_names = catalog
        .indicators
        .iter()
        .map(|(k, d)| (k.clone(), d.spec.name.get(lang).to_string()))
        .collect();
    let formulas = progress::plan_indicators(plan)
        .into_iter()
        .filter_map(|id| {
            let spec = catalog.indicator(&id)?;
            let def = match catalog.definitions.get(&id) {
                Some(crate::catalog::Definition::Formula(f)) => serde_json::json!({"formula": f.source}),
                Some(crate::catalog::Definition::GrowthOf(b)) => serde_json::json!({"growth_of": b}),
                _ => serde_json::json!({"reported": true}),
            };
            Some((id.clone(), serde_json::json!({"name": spec.name, "unit": spec.unit, "direction": spec.direction(), "definition": def, "asean": spec.asean.iter().map(|a| a.value.clone()).collect::<Vec<_>>(), "sources": spec.sources})))
        })
        .collect();
    let vintage = match o.vintage {
        Some(d) => match lang {
            Lang::Vi => format!("như đã công bố đến ngày {}", d.format("%d/%m/%Y")),
            Lang::En => format!("as published up to {d}"),
        },
        None => lang
            .pick(
                "bản công bố mới nhất của mỗi số liệu",
                "the latest published vintage of every figure",
            )
            .to_string(),
    };
    let findings = findings(&table, &run, &values, lang);
    let ctx = Context {
        table,
        run,
        kind: o.kind,
        asean_titles,
        indicator_names,
        findings,
        sources,
        vintage,
        stamp: o.stamp.clone(),
        values: value_rows,
        inputs,
        formulas,
    };
    Ok((ctx, values))
}

/// components.json: every input and intermediate of every status, for audit.
fn components(ctx: &Context) -> Result<Vec<u8>> {
    let v = serde_json::json!({
        "plan": ctx.run.plan,
        "area": ctx.run.area,
        "as_of": ctx.run.as_of,
        "options": ctx.run.options,
        "indicators": ctx.formulas,
        "assessments": ctx.run.assessments,
        "inputs": ctx.inputs,
    });
    let mut out = serde_json::to_vec_pretty(&v).map_err(|e| Error::Other(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

fn markdown(ctx: &Context) -> Result<Vec<u8>> {
    let input = ExportInput {
        table: &ctx.table,
        values: &ctx.values,
    };
    let mut md = String::from_utf8_lossy(&export::Markdown.export(&input)?).to_string();
    let lang = ctx.table.lang;
    if !ctx.findings.is_empty() {
        md.push_str(&format!("\n## {}\n\n", lang.pick("Chất lượng số liệu", "Data quality")));
        for f in &ctx.findings {
            md.push_str(&format!("- {}\n", f.replace('|', "\\|")));
        }
    }
    md.push_str(&format!(
        "\n{}: {}.\n\n{}:\n\n",
        lang.pick("Số liệu", "Data"),
        ctx.vintage,
        lang.pick("Nguồn", "Sources")
    ));
    for (i, s) in ctx.sources.iter().enumerate() {
        md.push_str(&format!("{}. {}\n", i + 1, s));
    }
    Ok(md.into_bytes())
}

fn workbook(ctx: &Context) -> Result<Vec<u8>> {
    use export::xlsx::{plain_text, text};
    use rust_xlsxwriter::Format;
    let lang = ctx.table.lang;
    let err = |e: rust_xlsxwriter::XlsxError| Error::Other(format!("cannot write the workbook: {e}"));
    let mut wb = export::xlsx::workbook()?;
    {
        let ws = wb.add_worksheet();
        ws.set_name(lang.pick("Tóm tắt", "Summary")).map_err(err)?;
        let bold = Format::new().set_bold();
        text(ws, 0, 0, &ctx.table.plan_title, &bold.clone().set_font_size(14))?;
        let heading = format!(
            "{} ({}) — {} {}",
            ctx.table.area_name,
            ctx.table.area,
            lang.pick("đánh giá đến năm", "as of"),
            ctx.table.as_of
        );
        text(ws, 1, 0, &heading, &Format::new())?;
        text(ws, 2, 0, &ctx.table.scorecard(), &bold)?;
        ws.write_string_with_format(4, 0, lang.pick("Đánh giá", "Status"), &bold)
            .map_err(err)?;
        ws.write_string_with_format(4, 1, lang.pick("Số chỉ tiêu", "Targets"), &bold)
            .map_err(err)?;
        for (i, s) in progress::Status::ALL.iter().enumerate() {
            let row = 5 + i as u32;
            let f = Format::new().set_background_color(export::xlsx::status_fill(*s));
            ws.write_string_with_format(row, 0, s.label(lang), &f).map_err(err)?;
            ws.write_number(row, 1, *ctx.table.overall.counts.get(s).unwrap_or(&0) as f64)
                .map_err(err)?;
        }
        text(
            ws,
            6 + progress::Status::ALL.len() as u32,
            0,
            &super::export::markdown::method_note(&ctx.table),
            &Format::new(),
        )?;
        ws.set_column_width(0, 40).map_err(err)?;
    }
    export::xlsx::write_gap_sheet(&mut wb, &ctx.table, lang.pick("Bảng đánh giá", "Gap table"))?;
    export::xlsx::write_rollup_sheet(&mut wb, &ctx.table, lang.pick("Theo mục tiêu ASEAN", "By ASEAN goal"))?;
    {
        let ws = wb.add_worksheet();
        ws.set_name(lang.pick("Số liệu gốc", "Observations")).map_err(err)?;
        let head = Format::new().set_bold().set_background_color(0xE8EEF4);
        for (c, h) in ["series", "area", "year", "value", "status", "source"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(0, c as u16, *h, &head).map_err(err)?;
        }
        for (i, r) in ctx.inputs.iter().enumerate() {
            let row = i as u32 + 1;
            plain_text(ws, row, 0, &r.series)?;
            plain_text(ws, row, 1, &r.area)?;
            ws.write_number(row, 2, f64::from(r.year)).map_err(err)?;
            if r.value.is_finite() {
                ws.write_number(row, 3, r.value).map_err(err)?;
            }
            plain_text(ws, row, 4, &r.status)?;
            plain_text(ws, row, 5, &r.source)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        ws.autofilter(0, 0, (ctx.inputs.len() as u32).max(1), 5).map_err(err)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name(lang.pick("Thành phần tính toán", "Components"))
            .map_err(err)?;
        let head = Format::new().set_bold().set_background_color(0xE8EEF4);
        for (c, h) in ["target", "indicator", "component", "value"].iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &head).map_err(err)?;
        }
        let mut row = 1u32;
        for a in &ctx.run.assessments {
            for (k, v) in &a.components {
                plain_text(ws, row, 0, &a.target.id)?;
                plain_text(ws, row, 1, &a.target.indicator)?;
                plain_text(ws, row, 2, k)?;
                ws.write_number(row, 3, *v).map_err(err)?;
                row += 1;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        ws.autofilter(0, 0, row.max(2) - 1, 3).map_err(err)?;
    }
    export::xlsx::write_values_sheet(
        &mut wb,
        &ctx.values,
        lang,
        lang.pick("Giá trị chỉ tiêu", "Indicator values"),
    )?;
    wb.save_to_buffer().map_err(err)
}

/// All files of the bundle, by relative path, charts drawn. The workbook takes as long as all the
/// rest together (a province's observations sheet has some 10^5 rows) and shows no chart: it is
/// written on a thread of its own while the charts are drawn and the other files made.
pub fn files(ctx: &Context, project: &crate::project::Project, values: &Values) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let input = ExportInput {
        table: &ctx.table,
        values: &ctx.values,
    };
    let jobs = super::charts::jobs(ctx, project, values)?;
    // target id → inline SVG, and PNG bytes (for charts/).
    let mut svgs: BTreeMap<String, String> = BTreeMap::new();
    let mut pngs: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let (workbook, rest) = std::thread::scope(|s| {
        let xlsx = s.spawn(|| {
            let _t = crate::timing::stage("bundle: workbook");
            workbook(ctx)
        });
        let rest = (|| -> Result<[Vec<u8>; 5]> {
            let t = crate::timing::stage("charts: render");
            for r in super::charts::render_all(jobs)? {
                if let Some(p) = r.png {
                    pngs.insert(r.name.clone(), p);
                }
                svgs.insert(r.name, r.svg);
            }
            drop(t);
            let t = crate::timing::stage("bundle: html");
            let html = super::html::render(ctx, &svgs)?.into_bytes();
            drop(t);
            let _t = crate::timing::stage("bundle: md, csv, json");
            Ok([
                html,
                markdown(ctx)?,
                export::Csv.export(&input)?,
                export::Json.export(&input)?,
                components(ctx)?,
            ])
        })();
        let xlsx = xlsx
            .join()
            .unwrap_or_else(|_| Err(Error::Other("the workbook writer thread failed".into())));
        (xlsx, rest)
    });
    let [html, md, csv, json, comps] = rest?;
    let mut out = vec![
        (PathBuf::from("report.html"), html),
        (PathBuf::from("report.md"), md),
        (PathBuf::from("report.xlsx"), workbook?),
        (PathBuf::from("gap_table.csv"), csv),
        (PathBuf::from("gap_table.json"), json),
        (PathBuf::from("components.json"), comps),
    ];
    for (target, svg) in svgs {
        out.push((Path::new("charts").join(format!("{target}.svg")), svg.into_bytes()));
    }
    for (target, png) in pngs {
        out.push((Path::new("charts").join(format!("{target}.png")), png));
    }
    Ok(out)
}

/// `reports/<plan>/<area>/<as-of>/` under `root`. Ids are checked (`^[a-z0-9_]+$`) before they
/// touch the file system.
pub fn target_dir(root: &Path, plan: &str, area: &str, as_of: i32) -> Result<PathBuf> {
    for id in [plan, area] {
        if !crate::catalog::is_valid_id(id) {
            return Err(Error::Other(format!("`{id}` cannot be used in a file name")));
        }
    }
    Ok(root.join(plan).join(area).join(as_of.to_string()))
}

/// Write the files to a temporary folder beside `dir`, then swap it into place.
pub fn write_dir(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let parent = dir
        .parent()
        .ok_or_else(|| Error::Other(format!("no parent folder for {}", dir.display())))?;
    std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let _t = crate::timing::stage("bundle: write files");
    let result = (|| {
        for (rel, bytes) in files {
            let p = tmp.join(rel);
            if let Some(d) = p.parent() {
                std::fs::create_dir_all(d).map_err(|e| Error::io("create", d, e))?;
            }
            std::fs::write(&p, bytes).map_err(|e| Error::io("write", &p, e))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if dir.exists() {
        std::fs::rename(dir, &old).map_err(|e| Error::io("move aside", dir, e))?;
    }
    if let Err(e) = std::fs::rename(&tmp, dir) {
        // Put the previous report back.
        let _ = std::fs::rename(&old, dir);
        return Err(Error::io("move into place", dir, e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Leftovers of an interrupted run: temporary folders are removed; a previous report moved aside and
/// never replaced is put back.
pub fn recover(root: &Path) {
    let Ok(plans) = std::fs::read_dir(root) else { return };
    for plan in plans.flatten() {
        let name = plan.file_name().to_string_lossy().to_string();
        if name.starts_with('.') && name.contains(".tmp-") && plan.path().is_file() {
            let _ = std::fs::remove_file(plan.path());
            continue;
        }
        if !plan.path().is_dir() {
            continue;
        }
        let Ok(areas) = std::fs::read_dir(plan.path()) else {
            continue;
        };
        for area in areas.flatten().filter(|e| e.path().is_dir()) {
            let Ok(entries) = std::fs::read_dir(area.path()) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if let Some(rest) = name.strip_prefix('.') {
                    if let Some((final_name, _)) = rest.split_once(".old-") {
                        let target = area.path().join(final_name);
                        if !target.exists() {
                            let _ = std::fs::rename(e.path(), target);
                            continue;
                        }
                    }
                    if rest.contains(".tmp-") || rest.contains(".old-") {
                        let _ = std::fs::remove_dir_all(e.path());
                    }
                }
            }
        }
    }
}

/// A lock on the output folder: two runs cannot interleave their writes.
pub struct Lock {
    _file: std::fs::File,
}

pub fn lock(root: &Path) -> Result<Lock> {
    std::fs::create_dir_all(root).map_err(|e| Error::io("create", root, e))?;
    let path = root.join(".chitieu.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io("open", &path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::invalid(
            crate::diagnostic::Diagnostic::error(
                "output-locked",
                format!(
                    "another chitieu run is writing reports into `{}`",
                    crate::diagnostic::display_path(root)
                ),
            )
            .help("wait for it to finish, or write elsewhere with `--out DIR`"),
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io("lock", &path, e)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_second_writer_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = super::lock(dir.path()).expect("first lock");
        let second = super::lock(dir.path());
        assert!(second.is_err(), "two runs on one folder must not interleave");
        drop(first);
        assert!(super::lock(dir.path()).is_ok(), "free again once the first run ends");
    }

    #[test]
    fn ids_never_reach_the_file_system_unchecked() {
        let root = std::path::Path::new("reports");
        assert!(super::target_dir(root, "../etc", "12", 2025).is_err());
        assert!(super::target_dir(root, "plan", "a/b", 2025).is_err());
        assert!(super::target_dir(root, "plan", "12", 2025).is_ok());
    }
}
