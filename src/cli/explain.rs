//! `chitieu explain INDICATOR`: how a figure was made — the definition, the inputs it used (with
//! status and source), each plan's target and every intermediate of its status, and where plans
//! disagree.

use std::fmt::Write as _;

use polars::prelude::*;

use super::eval::{MethodArgs, check_ids, check_plan};
use crate::catalog::Definition;
use crate::error::Error;
use crate::i18n::{Lang, format_number};
use crate::progress::{self, Assessment};
use crate::project::Project;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The indicator id.
    pub indicator: String,
    /// Only this plan's target.
    #[arg(long)]
    pub plan: Option<String>,
    /// The area (default: each plan's own area).
    #[arg(long)]
    pub area: Option<String>,
    /// Evaluation year (default: the latest year with data, not past each plan's end).
    #[arg(long)]
    pub as_of: Option<i32>,
    #[command(flatten)]
    pub method: MethodArgs,
    /// Print the assessments as JSON (the components.json of a report) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Whole numbers without decimals (counts), others with the default precision.
fn plain(v: f64, lang: Lang) -> String {
    format_number(v, (v.fract() == 0.0).then_some(0), lang)
}

fn num(v: f64, lang: Lang) -> String {
    format_number(v, Some(if v.abs() >= 100.0 { 1 } else { 4 }), lang)
}

pub fn run(g: &super::Global, args: &Args) -> crate::Result<i32> {
    let project = Project::load(&g.paths())?;
    let lang = g.lang;
    check_ids(&project, std::slice::from_ref(&args.indicator), args.area.as_slice())?;
    if let Some(p) = &args.plan {
        check_plan(&project, p)?;
    }
    let c = &project.catalog;
    let ind = c
        .indicator(&args.indicator)
        .ok_or_else(|| Error::Other(args.indicator.clone()))?;
    let opts = args.method.options()?;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} — {} ({})",
        args.indicator,
        ind.name.get(lang),
        ind.unit.get(lang)
    );
    let _ = writeln!(
        o,
        "  {}: {}",
        lang.pick("hướng tốt", "direction"),
        ind.direction().as_str()
    );
    match c.definitions.get(&args.indicator) {
        Some(Definition::Formula(f)) => {
            let _ = writeln!(o, "  {}: {}", lang.pick("công thức", "formula"), f.source);
            if let Some(r) = &f.ratio {
                let names = |e: &Expr| {
                    e.clone()
                        .meta()
                        .root_names()
                        .iter()
                        .map(|n| n.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let _ = writeln!(
                    o,
                    "  {}: {} / {} × {} ({})",
                    lang.pick("tỷ số", "ratio"),
                    names(&r.numerator),
                    names(&r.denominator),
                    r.scale,
                    lang.pick(
                        "tử số và mẫu số được cộng lên theo cấp địa bàn trước khi chia",
                        "numerator and denominator are summed up the areas before dividing"
                    )
                );
            }
        }
        Some(Definition::GrowthOf(b)) => {
            let _ = writeln!(
                o,
                "  {}: g_t = {b}_t / {b}_(t−1) − 1 (%)",
                lang.pick("tăng trưởng", "growth")
            );
        }
        Some(Definition::Reported) => {
            let _ = writeln!(
                o,
                "  {}",
                lang.pick(
                    "số liệu báo cáo trực tiếp (không tính từ chuỗi gốc)",
                    "reported directly (not computed from raw series)"
                )
            );
        }
        None => {}
    }
    if !ind.asean.is_empty() {
        for code in &ind.asean {
            let title = c
                .asean
                .node(&code.value)
                .map(|n| n.title.get(lang).to_string())
                .unwrap_or_default();
            let short: String = title.chars().take(110).collect();
            let _ = writeln!(
                o,
                "  ASEAN {}: {}{}",
                code.value,
                short,
                if title.chars().count() > 110 { "…" } else { "" }
            );
        }
    }
    if !ind.sources.is_empty() {
        let _ = writeln!(o, "  {}: {}", lang.pick("nguồn", "sources"), ind.sources.join("; "));
    }

    let plans: Vec<_> = c
        .plans
        .values()
        .map(|d| &d.spec)
        .filter(|p| args.plan.as_deref().is_none_or(|x| x == p.id()))
        .filter(|p| p.targets.iter().any(|t| t.indicator.value == args.indicator))
        .collect();
    let mut areas: Vec<String> = plans
        .iter()
        .map(|p| args.area.clone().unwrap_or_else(|| p.area.value.clone()))
        .collect();
    if areas.is_empty() {
        areas.extend(args.area.clone());
    }
    areas.sort();
    areas.dedup();
    let values = crate::eval::evaluate(
        c,
        &project.data,
        &crate::eval::EvalOptions {
            indicators: vec![args.indicator.clone()],
            areas: areas.clone(),
            years: None,
            coded: false,
        },
    )?;
    for area in &areas {
        inputs(&mut o, &project, &values, &args.indicator, area, lang)?;
    }
    let mut all: Vec<Assessment> = Vec::new();
    for p in &plans {
        let area = args.area.clone().unwrap_or_else(|| p.area.value.clone());
        let run = progress::assess_with(c, p, &area, &values, args.as_of, &opts)?;
        all.extend(
            run.assessments
                .into_iter()
                .filter(|a| a.target.indicator == args.indicator),
        );
    }
    if args.json {
        let mut v = serde_json::to_vec_pretty(&all).map_err(|e| Error::Other(e.to_string()))?;
        v.push(b'\n');
        super::eval::emit(None, &v)?;
        return Ok(0);
    }
    if all.is_empty() {
        let _ = writeln!(
            o,
            "\n{}",
            lang.pick(
                "Không kế hoạch nào đặt mục tiêu cho chỉ tiêu này.",
                "No plan sets a target for this indicator."
            )
        );
    }
    for a in &all {
        assessment(&mut o, &project, a, lang);
    }
    let dis = progress::disagreements(c, Some(&args.indicator));
    if !dis.is_empty() {
        let _ = writeln!(o, "\n{}:", lang.pick("Các kế hoạch không thống nhất", "Plans disagree"));
        for d in dis {
            let side = |s: &progress::Side| {
                format!(
                    "{} {} {} {} ({} {}, {})",
                    s.plan,
                    s.op.clone().unwrap_or_default(),
                    s.value.map(|v| num(v, lang)).unwrap_or_default(),
                    s.year,
                    s.document.clone().unwrap_or_default(),
                    s.clause.clone().unwrap_or_default(),
                    s.quote.clone().unwrap_or_default()
                )
            };
            let _ = writeln!(
                o,
                "  - {}\n    {}\n    ({}: {})",
                side(&d.a),
                side(&d.b),
                lang.pick("khác nhau ở", "differs in"),
                d.differs.join(", ")
            );
        }
    }
    super::eval::emit(None, o.as_bytes())?;
    Ok(0)
}

/// The raw inputs of the indicator in the area with their sources, then one line a year: each
/// input (with its status), and the indicator value as numerator / denominator.
fn inputs(
    o: &mut String,
    project: &Project,
    values: &crate::eval::Values,
    indicator: &str,
    area: &str,
    lang: Lang,
) -> crate::Result<()> {
    let c = &project.catalog;
    let series = c.root_series(indicator);
    let _ = writeln!(
        o,
        "\n{} {} ({area}):",
        lang.pick("Số liệu đầu vào —", "Inputs —"),
        project.data.areas.name(area, lang)
    );
    let series_df = DataFrame::new_infer_height(vec![Column::new("series".into(), series.clone())])?;
    let mut obs = project
        .data
        .obs
        .frame
        .clone()
        .lazy()
        .filter(col("area").eq(lit(area).cast(project.data.obs.frame.column("area")?.dtype().clone())))
        .with_columns([col("series").cast(DataType::String), col("area").cast(DataType::String)])
        .join(
            series_df.lazy(),
            [col("series")],
            [col("series")],
            JoinArgs::new(JoinType::Semi),
        );
    for d in &project.data.obs.dims {
        obs = obs.filter(col(d.as_str()).eq(lit("")));
    }
    let direct = obs.collect()?;
    let sources = direct
        .clone()
        .lazy()
        .group_by([col("series"), col("source"), col("file")])
        .agg([col("year").min().alias("from"), col("year").max().alias("to")])
        .sort(["series", "from"], SortMultipleOptions::default())
        .collect()?;
    let f = crate::frame::str_values;
    let (ss, so, sf) = (
        f(&sources, "series")?,
        f(&sources, "source")?,
        crate::frame::i64_values(&sources, "file")?,
    );
    let (from, to) = (
        crate::frame::i64_values(&sources, "from")?,
        crate::frame::i64_values(&sources, "to")?,
    );
    for i in 0..sources.height() {
        let _ = writeln!(
            o,
            "  {} {}–{}: {} ({})",
            ss[i].clone().unwrap_or_default(),
            from[i].unwrap_or(0),
            to[i].unwrap_or(0),
            so[i].clone().unwrap_or_default(),
            project.data.obs.file_name(sf[i].unwrap_or(0) as u32)
        );
    }
    // Inputs after aggregation (observed or summed from the units below) beside the values.
    let inputs = values.series_of(area)?;
    let (is, iy, iv, io, ir) = (
        f(&inputs, "series")?,
        crate::frame::i64_values(&inputs, "year")?,
        crate::frame::f64_values(&inputs, "value")?,
        crate::frame::i64_values(&inputs, "origin")?,
        crate::frame::i64_values(&inputs, "status_rank")?,
    );
    let vals = values
        .frame
        .clone()
        .lazy()
        .filter(col("area").eq(lit(area)).and(col("value").is_not_null()))
        .sort(["year"], SortMultipleOptions::default())
        .collect()?;
    let (vy, vv, vn, vd, vs) = (
        crate::frame::i64_values(&vals, "year")?,
        crate::frame::f64_values(&vals, "value")?,
        crate::frame::f64_values(&vals, "numerator")?,
        crate::frame::f64_values(&vals, "denominator")?,
        f(&vals, "status")?,
    );
    if vals.height() == 0 {
        let _ = writeln!(o, "  {}", lang.pick("(không có giá trị nào)", "(no value)"));
    }
    let dec = c.decimals(indicator);
    for i in 0..vals.height() {
        let year = vy[i].unwrap_or(0);
        let parts: Vec<String> = (0..inputs.height())
            .filter(|j| iy[*j] == Some(year) && is[*j].as_ref().is_some_and(|x| series.contains(x)))
            .map(|j| {
                let flag = crate::data::ObsStatus::from_rank(ir[j].unwrap_or(0) as i32).code();
                let how = if io[j] == Some(1) {
                    lang.pick(", cộng từ cấp dưới", ", summed from below")
                } else {
                    ""
                };
                format!(
                    "{} {} [{flag}{how}]",
                    is[j].clone().unwrap_or_default(),
                    iv[j].map(|x| plain(x, lang)).unwrap_or_default()
                )
            })
            .collect();
        let nd = match (vn[i], vd[i]) {
            (Some(n), Some(d)) => format!(" = {} / {}", plain(n, lang), plain(d, lang)),
            _ => String::new(),
        };
        let _ = writeln!(
            o,
            "  {year}: {}{nd} [{}]   {}",
            vv[i].map(|x| format_number(x, dec, lang)).unwrap_or_else(|| "–".into()),
            vs[i].clone().unwrap_or_default(),
            parts.join("; ")
        );
    }
    Ok(())
}

fn assessment(o: &mut String, project: &Project, a: &Assessment, lang: Lang) {
    let c = &project.catalog;
    let plan = c.plan(&a.target.plan);
    let dec = c.decimals(&a.target.indicator);
    let _ = writeln!(
        o,
        "\n{} `{}` — {} {}, {} {} ({})",
        lang.pick("Kế hoạch", "Plan"),
        a.target.plan,
        lang.pick("mục tiêu", "target"),
        a.target.id,
        lang.pick("khoản", "clause"),
        a.target.clause.clone().unwrap_or_default(),
        plan.and_then(|p| p.document.clone()).unwrap_or_default()
    );
    if let Some(q) = &a.target.quote {
        let _ = writeln!(o, "  «{q}»");
    }
    let _ = writeln!(
        o,
        "  {}: {} {} {} ({}), {} {}, {} {}",
        lang.pick("loại", "kind"),
        a.target.kind.as_str(),
        lang.pick("mục tiêu", "target"),
        progress::target_text(&a.target, lang, dec),
        a.target.year,
        lang.pick("địa bàn", "area"),
        a.area,
        lang.pick("đánh giá đến", "as of"),
        a.as_of
    );
    let pt = |p: &Option<progress::Point>| {
        p.as_ref()
            .map(|p| format!("{} ({}, {})", format_number(p.value, dec, lang), p.year, p.status))
            .unwrap_or_else(|| "–".into())
    };
    let _ = writeln!(
        o,
        "  {}: {}   {}: {}",
        lang.pick("gốc", "baseline"),
        pt(&a.baseline),
        lang.pick("hiện tại", "current"),
        pt(&a.current)
    );
    let _ = writeln!(
        o,
        "  {}: {} ({}, {} {}{})",
        lang.pick("đánh giá", "status"),
        a.status.label(lang),
        a.method,
        lang.pick("tỷ số", "ratio"),
        a.ratio.map(|r| num(r, lang)).unwrap_or_else(|| "–".into()),
        a.score
            .map(|s| format!(", {} {}", lang.pick("điểm", "score"), num(s, lang)))
            .unwrap_or_default()
    );
    let figures = [
        (lang.pick("khoảng cách", "gap"), a.gap),
        (lang.pick("lộ trình cần đạt", "required path now"), a.required_now),
        (lang.pick("chênh lệch lộ trình", "deviation"), a.deviation),
        (lang.pick("cần mỗi năm", "needed per year"), a.needed_per_year),
        (lang.pick("đã đạt mỗi năm", "achieved per year"), a.observed_per_year),
        (lang.pick("dự báo", "projection"), a.projection),
        (lang.pick("so với cùng kỳ (%)", "vs last year (%)"), a.vs_last_year),
        (lang.pick("so với kế hoạch (%)", "vs plan (%)"), a.vs_plan),
    ];
    let shown: Vec<String> = figures
        .iter()
        .filter_map(|(k, v)| v.map(|x| format!("{k} {}", num(x, lang))))
        .collect();
    if !shown.is_empty() {
        let _ = writeln!(o, "  {}", shown.join(" · "));
    }
    let comps: Vec<String> = a
        .components
        .iter()
        .map(|(k, v)| {
            // Years read as years (2025), not as quantities (2.025,0).
            let is_year = matches!(k.as_str(), "T" | "t0" | "t_c") || k.ends_with("_year");
            if is_year {
                format!("{k} = {v}")
            } else {
                format!("{k} = {}", num(*v, lang))
            }
        })
        .collect();
    if !comps.is_empty() {
        let _ = writeln!(
            o,
            "  {}: {}",
            lang.pick("các đại lượng", "components"),
            comps.join(", ")
        );
    }
    for n in &a.notes {
        let _ = writeln!(o, "  ! {}: {}", n.code, n.message);
    }
}
