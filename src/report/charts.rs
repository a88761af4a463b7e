//! Chart inputs from the engine's results (trend, dashboard, progress by ASEAN goal, ranking), and the
//! charts of a report: one trend chart per target, inline in the HTML and as files in charts/.

use std::collections::BTreeMap;

use polars::prelude::*;

use super::bundle::Context;
use crate::catalog::{AseanFramework, Catalog};
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::eval::Values;
use crate::i18n::Lang;
use crate::progress::{self, Assessment, Options, Point};
use crate::project::Project;
use crate::render::{
    self, Chart, DashboardInput, DashboardPanel, GoalBar, GoalBarsInput, GoalGroup, RankBar, RankingInput, Size,
    TargetLine, TrendInput,
};

fn indicator_spec<'a>(catalog: &'a Catalog, id: &str) -> Result<&'a crate::catalog::IndicatorSpec> {
    catalog
        .indicator(id)
        .ok_or_else(|| Error::Other(format!("unknown indicator {id}")))
}

/// Readable plan names for chart legends.
pub fn plan_labels(catalog: &Catalog, lang: Lang) -> Vec<(String, String)> {
    catalog
        .plans
        .iter()
        .map(|(id, d)| (id.clone(), d.spec.title.get(lang).to_string()))
        .collect()
}

/// The assessments of every plan that sets a target on `indicator` for `area`.
pub fn assessments_for(
    catalog: &Catalog,
    values: &Values,
    indicator: &str,
    area: &str,
    plan: Option<&str>,
    as_of: Option<i32>,
    opts: &Options,
) -> Result<Vec<Assessment>> {
    let mut out = Vec::new();
    for d in catalog.plans.values() {
        let p = &d.spec;
        if plan.is_some_and(|x| x != p.id()) || (plan.is_none() && p.area.value != area) {
            continue;
        }
        if !p.targets.iter().any(|t| t.indicator.value == indicator) {
            continue;
        }
        let run = progress::assess_with(catalog, p, area, values, as_of, opts)?;
        out.extend(run.assessments.into_iter().filter(|a| a.target.indicator == indicator));
    }
    Ok(out)
}

/// The trend chart of an indicator in an area with the given assessments.
pub fn trend(
    catalog: &Catalog,
    data: &Dataset,
    values: &Values,
    indicator: &str,
    area: &str,
    assessments: &[Assessment],
    lang: Lang,
) -> Result<TrendInput> {
    let spec = indicator_spec(catalog, indicator)?;
    let series: Vec<Point> = progress::series_points(values, area)?
        .remove(indicator)
        .unwrap_or_default();
    trend_of(catalog, data, spec, area, assessments, series, lang)
}

fn trend_of(
    catalog: &Catalog,
    data: &Dataset,
    spec: &crate::catalog::IndicatorSpec,
    area: &str,
    assessments: &[Assessment],
    series: Vec<Point>,
    lang: Lang,
) -> Result<TrendInput> {
    let labels = plan_labels(catalog, lang);
    Ok(
        TrendInput::from_assessments(spec, &data.areas.name(area, lang), assessments, series, lang)
            .with_plan_labels(labels.iter().map(|(a, b)| (a.as_str(), b.as_str()))),
    )
}

/// What a ranking shows: one indicator across the areas of one level for one year.
pub struct RankingSpec<'a> {
    pub indicator: &'a str,
    pub year: i32,
    pub level: &'a str,
    /// Area codes drawn in colour and labelled.
    pub highlight: &'a [String],
    /// A target line: its label and value.
    pub target: Option<(String, f64)>,
}

/// One indicator across the areas of one level for one year, highlighted areas in colour.
pub fn ranking(
    catalog: &Catalog,
    data: &Dataset,
    values: &Values,
    what: RankingSpec,
    lang: Lang,
) -> Result<RankingInput> {
    let RankingSpec {
        indicator,
        year,
        level,
        highlight,
        target,
    } = what;
    let spec = indicator_spec(catalog, indicator)?;
    let mut lf = values
        .frame
        .clone()
        .lazy()
        .filter(col("indicator").eq(lit(indicator)).and(col("year").eq(lit(year))));
    for d in &values.dims {
        lf = lf.filter(col(d.as_str()).eq(lit("")));
    }
    let df = lf.select([col("area"), col("value")]).collect()?;
    let got: BTreeMap<String, f64> = crate::frame::str_values(&df, "area")?
        .into_iter()
        .zip(crate::frame::f64_values(&df, "value")?)
        .filter_map(|(a, v)| Some((a?, v?)))
        .collect();
    // Every area of the level that exists that year, with or without a value (the chart names the gaps).
    let bars = data
        .areas
        .list
        .iter()
        .filter(|a| a.level == level && a.exists_in(year))
        .map(|a| RankBar {
            label: a.name(lang).to_string(),
            value: got.get(&a.code).copied(),
            highlighted: highlight.contains(&a.code),
        })
        .collect();
    Ok(RankingInput {
        lang,
        title: spec.name.nfc(lang),
        subtitle: Some(format!("{} · {year}", level_label(level, lang))),
        unit: spec.unit.nfc(lang),
        year,
        decimals: spec.decimals,
        bars,
        target: target.map(|(label, value)| TargetLine { label, value }),
        note: None,
    })
}

fn level_label(level: &str, lang: Lang) -> String {
    match (level, lang) {
        ("province", Lang::Vi) => "Các tỉnh, thành phố".into(),
        ("province", Lang::En) => "Provinces".into(),
        ("region", Lang::Vi) => "Các vùng".into(),
        ("region", Lang::En) => "Regions".into(),
        (l, _) => l.to_string(),
    }
}

fn goal_titles(catalog: &Catalog, lang: Lang) -> BTreeMap<String, String> {
    catalog
        .asean
        .nodes
        .iter()
        .filter(|n| n.level == crate::catalog::AseanLevel::StrategicGoal)
        .map(|n| (n.code.clone(), n.title.get(lang).to_string()))
        .collect()
}

/// The plan's title and "area · as of year", for the overview charts.
fn run_titles(catalog: &Catalog, data: &Dataset, run: &progress::PlanRun, lang: Lang) -> (String, String) {
    let title = catalog
        .plan(&run.plan)
        .map(|p| p.title.get(lang).to_string())
        .unwrap_or_else(|| run.plan.clone());
    (
        title,
        format!(
            "{} · {} {}",
            data.areas.name(&run.area, lang),
            lang.pick("đến năm", "as of"),
            run.as_of
        ),
    )
}

/// Small multiples of every target of a plan run, ordered by ASEAN goal.
pub fn dashboard(
    catalog: &Catalog,
    data: &Dataset,
    values: &Values,
    run: &progress::PlanRun,
    lang: Lang,
) -> Result<DashboardInput> {
    let mut panels = Vec::new();
    for a in &run.assessments {
        let trend = trend(
            catalog,
            data,
            values,
            &a.target.indicator,
            &run.area,
            std::slice::from_ref(a),
            lang,
        )?;
        let goal = progress::rollup::asean_code(catalog, a);
        panels.push(DashboardPanel {
            goal: (goal != "none").then_some(goal),
            trend,
        });
    }
    panels.sort_by_key(|p| {
        p.goal
            .as_deref()
            .map(AseanFramework::sort_key)
            .unwrap_or_else(|| vec![u32::MAX])
    });
    let (title, subtitle) = run_titles(catalog, data, run, lang);
    Ok(DashboardInput {
        lang,
        title,
        subtitle: Some(subtitle),
        columns: 0,
        panels,
        note: None,
    })
}

/// Each target's ratio as a bar, grouped under its ASEAN strategic goal.
pub fn goal_bars(catalog: &Catalog, data: &Dataset, run: &progress::PlanRun, lang: Lang) -> GoalBarsInput {
    let titles = goal_titles(catalog, lang);
    let mut groups: BTreeMap<Vec<u32>, GoalGroup> = BTreeMap::new();
    for a in &run.assessments {
        let code = progress::rollup::asean_code(catalog, a);
        let goal = AseanFramework::goal_of(&code).to_string();
        let label = catalog
            .indicator(&a.target.indicator)
            .map(|i| i.name.nfc(lang))
            .unwrap_or_else(|| a.target.id.clone());
        groups
            .entry(AseanFramework::sort_key(&goal))
            .or_insert_with(|| GoalGroup {
                title: titles.get(&goal).cloned().unwrap_or_default(),
                code: goal.clone(),
                bars: Vec::new(),
            })
            .bars
            .push(GoalBar::from_assessment(label, a));
    }
    let (title, subtitle) = run_titles(catalog, data, run, lang);
    GoalBarsInput {
        lang,
        title,
        subtitle: Some(subtitle),
        axis_label: None,
        groups: groups.into_values().collect(),
        note: None,
    }
}

/// A chart to render: its name, the SVG size (for the HTML page) and the PNG size (for slides).
pub struct Job {
    pub name: String,
    pub chart: Chart,
    pub svg: Size,
    pub png: Option<Size>,
}

/// A rendered chart: its name, SVG text and (when asked for) PNG bytes.
pub struct Rendered {
    pub name: String,
    pub svg: String,
    pub png: Option<Vec<u8>>,
}

/// Render charts on every core.
pub fn render_all(jobs: Vec<Job>) -> Result<Vec<Rendered>> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .max(1);
    let chunk = jobs.len().div_ceil(workers).max(1);
    let mut out: Vec<Rendered> = Vec::with_capacity(jobs.len());
    std::thread::scope(|s| -> Result<()> {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || -> Result<Vec<Rendered>> {
                    part.iter()
                        .map(|j| {
                            let svg = render::render_svg(&j.chart, j.svg)?;
                            let png = j.png.map(|size| render::render_png(&j.chart, size)).transpose()?;
                            Ok(Rendered {
                                name: j.name.clone(),
                                svg,
                                png,
                            })
                        })
                        .collect()
                })
            })
            .collect();
        for h in handles {
            out.extend(
                h.join()
                    .map_err(|_| Error::Other("a chart renderer thread failed".into()))??,
            );
        }
        Ok(())
    })?;
    Ok(out)
}

/// The charts of a report: every target's trend chart, the dashboard and the progress bars.
pub fn jobs(ctx: &Context, project: &Project, values: &Values) -> Result<Vec<Job>> {
    let (c, data) = (&project.catalog, &project.data);
    let lang = ctx.table.lang;
    // Trend charts: compact in the page (text stays legible when two sit side by side), slide-sized
    // PNGs in charts/ for briefings.
    let compact = Size::new(960, 540);
    let job = |name: String, chart: Chart, svg: Size| Job {
        name,
        chart,
        svg,
        png: Some(Size::SLIDE),
    };
    let t = crate::timing::stage("charts: inputs");
    let mut charts: Vec<Job> = Vec::new();
    // The area's series read once and every plan on the area assessed once (as `assessments_for`
    // would for each indicator): a province's plans have a hundred targets and more.
    let points = progress::series_points(values, &ctx.run.area)?;
    let others: Vec<Assessment> = c
        .plans
        .values()
        .filter(|d| d.spec.area.value == ctx.run.area)
        .flat_map(|d| {
            progress::assess_points(
                c,
                &d.spec,
                &ctx.run.area,
                &points,
                Some(ctx.run.as_of),
                &ctx.run.options,
            )
            .assessments
        })
        .collect();
    for a in &ctx.run.assessments {
        // Every plan's target on this indicator for this area (of this plan, only this target),
        // told apart on one chart.
        let mut all: Vec<Assessment> = others
            .iter()
            .filter(|x| {
                x.target.indicator == a.target.indicator
                    && (x.target.plan != ctx.run.plan || x.target.id == a.target.id)
            })
            .cloned()
            .collect();
        all.sort_by_key(|x| x.target.plan != ctx.run.plan);
        let spec = indicator_spec(c, &a.target.indicator)?;
        let series = points.get(&a.target.indicator).cloned().unwrap_or_default();
        let t = trend_of(c, data, spec, &ctx.run.area, &all, series, lang)?;
        // No observation at all: the report says so in words; an empty chart adds nothing.
        if t.series.is_empty() {
            continue;
        }
        charts.push(job(a.target.id.clone(), Chart::Trend(t), compact));
    }
    // The overview charts grow with the number of targets so that every row stays readable.
    let dash = dashboard(c, data, values, &ctx.run, lang)?;
    let dash_size = Size::new(
        1600,
        (220 * dash.panels.len().div_ceil(4) as u32 + 200).clamp(900, 8000),
    );
    charts.push(Job {
        name: "_dashboard".into(),
        chart: Chart::Dashboard(dash),
        svg: dash_size,
        png: Some(dash_size),
    });
    let goals = goal_bars(c, data, &ctx.run, lang);
    let rows = goals.groups.iter().map(|g| g.bars.len() + 1).sum::<usize>() as u32;
    let goals_size = Size::new(1600, (28 * rows + 220).clamp(900, 8000));
    charts.push(Job {
        name: "_goals".into(),
        chart: Chart::GoalBars(goals),
        svg: goals_size,
        png: Some(goals_size),
    });
    drop(t);
    Ok(charts)
}
