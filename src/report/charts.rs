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
    let spec = catalog
        .indicator(indicator)
        .ok_or_else(|| Error::Other(format!("unknown indicator {indicator}")))?;
    let series: Vec<Point> = progress::series_points(values, area)?
        .remove(indicator)
        .unwrap_or_default();
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
    let spec = catalog
        .indicator(indicator)
        .ok_or_else(|| Error::Other(format!("unknown indicator {indicator}")))?;
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
    let plan = catalog.plan(&run.plan);
    Ok(DashboardInput {
        lang,
        title: plan
            .map(|p| p.title.get(lang).to_string())
            .unwrap_or_else(|| run.plan.clone()),
        subtitle: Some(format!(
            "{} · {} {}",
            data.areas.name(&run.area, lang),
            lang.pick("đến năm", "as of"),
            run.as_of
        )),
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
    let plan = catalog.plan(&run.plan);
    GoalBarsInput {
        lang,
        title: plan
            .map(|p| p.title.get(lang).to_string())
            .unwrap_or_else(|| run.plan.clone()),
        subtitle: Some(format!(
            "{} · {} {}",
            data.areas.name(&run.area, lang),
            lang.pick("đến năm", "as of"),
            run.as_of
        )),
        axis_label: None,
        groups: groups.into_values().collect(),
        note: None,
    }
}

/// A rendered chart: its name, SVG text and (when asked for) PNG bytes.
pub struct Rendered {
    pub name: String,
    pub svg: String,
    pub png: Option<Vec<u8>>,
}

/// Render charts on every core.
pub fn render_all(charts: Vec<(String, Chart)>, size: Size, png: bool) -> Result<Vec<Rendered>> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .max(1);
    let chunk = charts.len().div_ceil(workers).max(1);
    let mut out: Vec<Rendered> = Vec::with_capacity(charts.len());
    std::thread::scope(|s| -> Result<()> {
        let handles: Vec<_> = charts
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || -> Result<Vec<Rendered>> {
                    part.iter()
                        .map(|(name, chart)| {
                            let svg = render::render_svg(chart, size)?;
                            let png = if png {
                                Some(render::render_png(chart, size)?)
                            } else {
                                None
                            };
                            Ok(Rendered {
                                name: name.clone(),
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

/// Render every target's trend chart, the dashboard and the progress bars into the report context.
pub fn attach(ctx: &mut Context, project: &Project, values: &Values) -> Result<()> {
    let (c, data) = (&project.catalog, &project.data);
    let lang = ctx.table.lang;
    let mut charts: Vec<(String, Chart)> = Vec::new();
    for a in &ctx.run.assessments {
        // Every plan's target on this indicator for this area, told apart on one chart.
        let mut all = assessments_for(
            c,
            values,
            &a.target.indicator,
            &ctx.run.area,
            None,
            Some(ctx.run.as_of),
            &ctx.run.options,
        )?;
        all.retain(|x| x.target.plan != ctx.run.plan || x.target.id == a.target.id);
        all.sort_by_key(|x| x.target.plan != ctx.run.plan);
        let t = trend(c, data, values, &a.target.indicator, &ctx.run.area, &all, lang)?;
        charts.push((a.target.id.clone(), Chart::Trend(t)));
    }
    charts.push((
        "_dashboard".into(),
        Chart::Dashboard(dashboard(c, data, values, &ctx.run, lang)?),
    ));
    charts.push(("_goals".into(), Chart::GoalBars(goal_bars(c, data, &ctx.run, lang))));
    for r in render_all(charts, Size::SLIDE, true)? {
        if let Some(p) = r.png {
            ctx.pngs.insert(r.name.clone(), p);
        }
        ctx.charts.insert(r.name, r.svg);
    }
    Ok(())
}
