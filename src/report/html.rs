//! report.html: one self-contained file (inline CSS and SVG, nothing loaded from elsewhere), built
//! with a template engine; every text from the catalogue or the data is escaped by it.

use std::collections::BTreeMap;

use minijinja::{Environment, Value, context};
use serde::Serialize;

use super::bundle::{Context, ReportKind};
use super::export::markdown::method_note;
use super::theme_status_hex;
use crate::error::{Error, Result};
use crate::i18n::{Lang, format_number};
use crate::progress::Status;

const TEMPLATE: &str = include_str!("../../templates/report.html");

#[derive(Serialize)]
struct Labels {
    kicker: &'static str,
    as_of: &'static str,
    kind: &'static str,
    document: &'static str,
    generated: &'static str,
    summary: &'static str,
    by_goal: &'static str,
    goal: &'static str,
    targets: &'static str,
    met: &'static str,
    mean_score: &'static str,
    status: &'static str,
    gap_table: &'static str,
    indicator: &'static str,
    unit: &'static str,
    baseline: &'static str,
    latest: &'static str,
    target: &'static str,
    required: &'static str,
    deviation: &'static str,
    needed: &'static str,
    observed: &'static str,
    projection: &'static str,
    vs_last_year: &'static str,
    vs_plan: &'static str,
    gap: &'static str,
    ratio: &'static str,
    flags: &'static str,
    disagreements: &'static str,
    plan: &'static str,
    differs: &'static str,
    data_quality: &'static str,
    no_findings: &'static str,
    no_data: &'static str,
    vintage: &'static str,
    sources: &'static str,
    midterm_intro: &'static str,
}

fn labels(lang: Lang) -> Labels {
    let p = |vi, en| lang.pick(vi, en);
    Labels {
        kicker: p("Báo cáo đánh giá thực hiện chỉ tiêu", "Plan target evaluation report"),
        as_of: p("đánh giá đến năm", "as of"),
        kind: p("loại báo cáo", "report"),
        document: p("văn bản", "document"),
        generated: p("tạo lúc", "generated"),
        summary: p("Tóm tắt", "Summary"),
        by_goal: p("Theo mục tiêu chiến lược ASEAN", "By ASEAN strategic goal"),
        goal: p("Mục tiêu chiến lược", "Strategic goal"),
        targets: p("Số chỉ tiêu", "Targets"),
        met: p("Đã đạt", "Met"),
        mean_score: p("Điểm trung bình", "Mean score"),
        status: p("Đánh giá", "Status"),
        gap_table: p("Bảng khoảng cách so với mục tiêu", "Gap-to-target table"),
        indicator: p("Chỉ tiêu", "Indicator"),
        unit: p("Đơn vị", "Unit"),
        baseline: p("Gốc (năm)", "Baseline (year)"),
        latest: p("Thực hiện (năm)", "Latest (year)"),
        target: p("Mục tiêu (năm)", "Target (year)"),
        required: p("Lộ trình cần đạt", "Required path"),
        deviation: p("Chênh lệch lộ trình", "Deviation"),
        needed: p("Cần mỗi năm", "Needed per year"),
        observed: p("Đã đạt mỗi năm", "Achieved per year"),
        projection: p("Dự báo cuối kỳ", "Projection"),
        vs_last_year: p("So với cùng kỳ (%)", "vs last year (%)"),
        vs_plan: p("So với kế hoạch (%)", "vs plan (%)"),
        gap: p("Khoảng cách", "Gap"),
        ratio: p("Tỷ số", "Ratio"),
        flags: p(
            "E: ước tính; P: sơ bộ; F: dự báo; B: đứt gãy chuỗi số liệu. Tỷ số là đại lượng quyết định đánh giá của từng loại chỉ tiêu.",
            "E: estimate; P: provisional; F: forecast; B: series break. The ratio is the figure each kind's status is decided on.",
        ),
        disagreements: p("Các kế hoạch đặt mục tiêu khác nhau", "Plans that disagree"),
        plan: p("Kế hoạch", "Plan"),
        differs: p("Khác nhau ở", "Differs in"),
        data_quality: p("Chất lượng số liệu", "Data quality"),
        no_findings: p("Không có vấn đề nào về số liệu.", "No data-quality findings."),
        no_data: p(
            "Chưa có số liệu nào cho chỉ tiêu này.",
            "No data for this indicator yet.",
        ),
        vintage: p("Số liệu", "Data"),
        sources: p("Nguồn số liệu", "Sources"),
        midterm_intro: p(
            "Đánh giá giữa kỳ: lộ trình cần đạt, dự báo đến cuối kỳ theo tốc độ hiện tại và mức cần đạt mỗi năm từ nay để hoàn thành mục tiêu.",
            "Mid-term review: the required path, the projection to the period's end at the current pace, and what each target needs per year from now.",
        ),
    }
}

fn text_on(s: Status) -> String {
    super::theme_status_text_hex(s)
}

#[derive(Serialize)]
struct Row {
    target: String,
    name: String,
    clause: Option<String>,
    asean: String,
    unit: String,
    baseline: String,
    latest: String,
    flag: Option<String>,
    target_text: String,
    required: String,
    deviation: String,
    needed: String,
    observed: String,
    projection: String,
    vs_last_year: String,
    vs_plan: String,
    gap: String,
    ratio: String,
    status: &'static str,
    color: String,
    text_color: String,
}

fn show(v: Option<f64>, d: Option<u8>, lang: Lang) -> String {
    v.map(|x| format_number(x, d, lang)).unwrap_or_else(|| "–".into())
}

fn with_year(v: Option<f64>, y: Option<i32>, d: Option<u8>, lang: Lang) -> String {
    match (v, y) {
        (Some(_), Some(y)) => format!("{} ({y})", show(v, d, lang)),
        _ => "–".into(),
    }
}

/// `charts`: target id (or `_goals`, `_dashboard`) → inline SVG.
pub fn render(ctx: &Context, charts: &BTreeMap<String, String>) -> Result<String> {
    let t = &ctx.table;
    let lang = t.lang;
    let rows: Vec<Row> = t
        .rows
        .iter()
        .map(|r| {
            let d = r.decimals;
            let pace = crate::report::table::pace_decimals(d);
            Row {
                target: r.target.clone(),
                name: r.indicator_name.clone(),
                clause: r.clause.clone(),
                asean: r.asean.clone(),
                unit: r.unit.clone(),
                baseline: with_year(r.baseline, r.baseline_year, d, lang),
                latest: with_year(r.latest, r.latest_year, d, lang),
                flag: r.latest_status.clone().filter(|s| s != "A"),
                target_text: format!("{} ({})", r.target_text, r.target_year),
                required: show(r.required_now, d, lang),
                deviation: show(r.deviation, d, lang),
                needed: show(r.needed_per_year, pace, lang),
                observed: show(r.observed_per_year, pace, lang),
                projection: show(r.projection, d, lang),
                vs_last_year: show(r.vs_last_year, Some(1), lang),
                vs_plan: show(r.vs_plan, Some(1), lang),
                gap: show(r.gap, d, lang),
                ratio: show(r.ratio, Some(2), lang),
                status: r.status.label(lang),
                color: theme_status_hex(r.status),
                text_color: text_on(r.status),
            }
        })
        .collect();
    let status_counts: Vec<Value> = Status::ALL
        .iter()
        .filter_map(|s| {
            let n = *t.overall.counts.get(s).unwrap_or(&0);
            (n > 0).then(|| {
                context! { label => s.label(lang), count => n, color => theme_status_hex(*s), text_color => text_on(*s) }
            })
        })
        .collect();
    let goal_title = |code: &str| ctx.asean_titles.get(code).cloned().unwrap_or_default();
    let goals: Vec<Value> = t
        .by_asean
        .iter()
        .map(|g| {
            context! {
                code => g.key.clone(), title => goal_title(&g.key), total => g.total, met => g.met,
                score => show(g.mean_score, Some(2), lang), status => g.status.label(lang),
                color => theme_status_hex(g.status), text_color => text_on(g.status),
            }
        })
        .collect();
    // One section per strategic goal with its targets' charts, in table order.
    let mut sections: BTreeMap<Vec<u32>, (String, Vec<Value>)> = BTreeMap::new();
    for r in &t.rows {
        let goal = crate::catalog::AseanFramework::goal_of(&r.asean).to_string();
        let key = crate::catalog::AseanFramework::sort_key(&goal);
        let svg = charts.get(&r.target).map(|s| Value::from_safe_string(s.clone()));
        let summary = match (r.needed_per_year, r.observed_per_year) {
            (Some(n), Some(o)) => Some(format!(
                "{} {} {}, {} {}",
                lang.pick("cần", "needs"),
                show(Some(n), crate::report::table::pace_decimals(r.decimals), lang),
                lang.pick("mỗi năm", "a year"),
                lang.pick("đã đạt", "achieved"),
                show(Some(o), crate::report::table::pace_decimals(r.decimals), lang)
            )),
            _ => None,
        };
        sections.entry(key).or_insert_with(|| (goal.clone(), Vec::new())).1.push(context! {
            name => r.indicator_name.clone(), svg => svg, target_text => format!("{} ({})", r.target_text, r.target_year),
            status => r.status.label(lang), color => theme_status_hex(r.status), text_color => text_on(r.status), summary => summary,
        });
    }
    let goal_sections: Vec<Value> = sections
        .into_values()
        .map(|(code, charts)| context! { title => goal_title(&code), code => code, charts => charts })
        .collect();
    let disagreements: Vec<Value> = t
        .disagreements
        .iter()
        .map(|d| {
            let side = |s: &crate::progress::Side| {
                let v = s.value.map(|v| format_number(v, None, lang)).unwrap_or_default();
                format!("{}: {} {v} ({}) — {} {}", s.plan, s.op.clone().unwrap_or_default(), s.year, s.document.clone().unwrap_or_default(), s.clause.clone().unwrap_or_default())
            };
            context! { name => ctx.indicator_names.get(&d.indicator).cloned().unwrap_or_else(|| d.indicator.clone()), a => side(&d.a), b => side(&d.b), differs => d.differs.join(", ") }
        })
        .collect();
    let kind_label = match ctx.kind {
        ReportKind::Annual => lang.pick("thường niên", "annual"),
        ReportKind::Midterm => lang.pick("giữa kỳ", "mid-term"),
    };
    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE)
        .map_err(|e| Error::Other(format!("report template: {e}")))?;
    let tmpl = env
        .get_template("report.html")
        .map_err(|e| Error::Other(e.to_string()))?;
    tmpl.render(context! {
        lang => lang.code(), version => env!("CARGO_PKG_VERSION"), t => Value::from(minijinja::value::Serde(labels(lang))),
        title => t.plan_title.clone(), area => t.area.clone(), area_name => t.area_name.clone(), as_of => t.as_of, kind_label => kind_label,
        midterm => ctx.kind == ReportKind::Midterm, document => t.document.clone(), stamp => ctx.stamp.clone(),
        scorecard => t.scorecard(), status_counts => status_counts, goals => goals, rows => Value::from(minijinja::value::Serde(&rows)),
        goal_sections => goal_sections, disagreements => disagreements, findings => ctx.findings.clone(),
        goals_chart => charts.get("_goals").map(|s| Value::from_safe_string(s.clone())),
        method_note => method_note(t), vintage => ctx.vintage.clone(), sources => ctx.sources.clone(),
    })
    .map_err(|e| Error::Other(format!("cannot render report.html: {e}")))
}
