//! `chitieu chart`: one chart for a briefing slide, as SVG or PNG (by the file's extension).

use std::path::PathBuf;

use super::eval::{MethodArgs, check_ids, check_plan};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::eval::{EvalOptions, evaluate};
use crate::project::Project;
use crate::render::{self, Chart, Size};
use crate::report::charts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// The indicator over time in one area, with every plan's target, path and projection.
    Trend,
    /// The indicator across the areas of one level for one year.
    Ranking,
    /// Small multiples of every target of a plan (needs --plan).
    Dashboard,
    /// Each target's ratio grouped under its ASEAN strategic goal (needs --plan).
    Goals,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The indicator (not needed for --kind dashboard or goals).
    pub indicator: Option<String>,
    /// The area (default: the plan's area).
    #[arg(long)]
    pub area: Option<String>,
    /// Only this plan's target (default: every plan with a target on the indicator for the area).
    #[arg(long)]
    pub plan: Option<String>,
    #[arg(long, value_enum, default_value = "trend")]
    pub kind: Kind,
    /// The year of a ranking (default: the latest year with values).
    #[arg(long)]
    pub year: Option<i32>,
    /// Evaluation year of the targets (default: the latest year with data).
    #[arg(long)]
    pub as_of: Option<i32>,
    /// Areas of a ranking: this level of areas.csv.
    #[arg(long, default_value = "province")]
    pub level: String,
    /// Areas to highlight in a ranking (default: the areas of the plans with targets on the indicator).
    #[arg(long, value_delimiter = ',')]
    pub highlight: Vec<String>,
    /// slide (1600×900), a4 (1240×877), a4-page (1240×1754) or WIDTHxHEIGHT.
    #[arg(long, default_value = "slide", value_parser = parse_size)]
    pub size: Size,
    /// The output file: .svg or .png.
    #[arg(long, short)]
    pub out: PathBuf,
    #[command(flatten)]
    pub method: MethodArgs,
}

fn parse_size(s: &str) -> Result<Size, String> {
    match s {
        "slide" => Ok(Size::SLIDE),
        "a4" => Ok(Size::A4),
        "a4-page" => Ok(Size::A4_PAGE),
        _ => {
            let bad = || format!("`{s}` is not a size: write slide, a4, a4-page or WIDTHxHEIGHT (1600x900)");
            let (w, h) = s.split_once(['x', 'X', '×']).ok_or_else(bad)?;
            Ok(Size::new(
                w.trim().parse().map_err(|_| bad())?,
                h.trim().parse().map_err(|_| bad())?,
            ))
        }
    }
}

pub fn run(g: &super::Global, args: &Args) -> crate::Result<i32> {
    let project = Project::load(&g.paths())?;
    let (c, data, lang) = (&project.catalog, &project.data, g.lang);
    if let Some(p) = &args.plan {
        check_plan(&project, p)?;
    }
    check_ids(&project, args.indicator.as_slice(), args.area.as_slice())?;
    for h in &args.highlight {
        check_ids(&project, &[], std::slice::from_ref(h))?;
    }
    let opts = args.method.options()?;
    let plan = args.plan.as_deref().and_then(|p| c.plan(p));
    let need_indicator = || -> crate::Result<String> {
        args.indicator.clone().ok_or_else(|| {
            Error::invalid(
                Diagnostic::error("missing-argument", "which indicator?")
                    .help("give the indicator id: `chitieu chart forest_cover --area 12 --out forest.png`"),
            )
        })
    };
    let chart: Chart = match args.kind {
        Kind::Trend => {
            let ind = need_indicator()?;
            let area = args
                .area
                .clone()
                .or_else(|| plan.map(|p| p.area.value.clone()))
                .or_else(|| c.targets_of(&ind).next().map(|(p, _)| p.area.value.clone()))
                .ok_or_else(|| {
                    Error::invalid(
                        Diagnostic::error("missing-argument", "which area?")
                            .help("add `--area CODE` (`chitieu list areas`)"),
                    )
                })?;
            let values = evaluate(
                c,
                data,
                &EvalOptions {
                    indicators: vec![ind.clone()],
                    areas: vec![area.clone()],
                    years: None,
                    coded: false,
                },
            )?;
            let assessments =
                charts::assessments_for(c, &values, &ind, &area, args.plan.as_deref(), args.as_of, &opts)?;
            Chart::Trend(charts::trend(c, data, &values, &ind, &area, &assessments, lang)?)
        }
        Kind::Ranking => {
            let ind = need_indicator()?;
            let values = evaluate(
                c,
                data,
                &EvalOptions {
                    indicators: vec![ind.clone()],
                    areas: vec![],
                    years: None,
                    coded: false,
                },
            )?;
            let year = match args.year {
                Some(y) => y,
                None => {
                    let years = crate::frame::i64_values(&values.frame, "year")?;
                    let vals = crate::frame::f64_values(&values.frame, "value")?;
                    years
                        .iter()
                        .zip(&vals)
                        .filter_map(|(y, v)| v.and(*y))
                        .max()
                        .map(|y| y as i32)
                        .ok_or_else(|| {
                            Error::invalid(Diagnostic::error(
                                "no-data",
                                format!("`{ind}` has no value in any area"),
                            ))
                        })?
                }
            };
            let highlight: Vec<String> = if args.highlight.is_empty() {
                let mut h: Vec<String> = c.targets_of(&ind).map(|(p, _)| p.area.value.clone()).collect();
                h.dedup();
                h
            } else {
                args.highlight.clone()
            };
            let target = c
                .targets_of(&ind)
                .find(|(p, t)| args.plan.as_deref().is_none_or(|x| x == p.id()) && t.value().is_some())
                .and_then(|(p, t)| {
                    let dec = c.decimals(&ind);
                    let def = crate::progress::target_def(p, t);
                    Some((
                        format!(
                            "{} ({})",
                            crate::progress::target_text(&def, lang, dec),
                            p.title.get(lang)
                        ),
                        t.value()?,
                    ))
                });
            Chart::Ranking(charts::ranking(
                c,
                data,
                &values,
                charts::RankingSpec {
                    indicator: &ind,
                    year,
                    level: &args.level,
                    highlight: &highlight,
                    target,
                },
                lang,
            )?)
        }
        Kind::Dashboard | Kind::Goals => {
            let plan = plan.ok_or_else(|| {
                Error::invalid(
                    Diagnostic::error("missing-argument", "a dashboard is of a plan")
                        .help("add `--plan PLAN` (`chitieu list plans`)"),
                )
            })?;
            let (run, values) = crate::progress::run_plan(c, data, plan, args.area.as_deref(), args.as_of, &opts)?;
            if args.kind == Kind::Dashboard {
                Chart::Dashboard(charts::dashboard(c, data, &values, &run, lang)?)
            } else {
                Chart::GoalBars(charts::goal_bars(c, data, &run, lang))
            }
        }
    };
    render::render_to_file(&chart, args.size, &args.out)?;
    if !g.quiet {
        eprintln!("{}", crate::diagnostic::display_path(&args.out));
    }
    Ok(0)
}
