//! `chitieu report`: the annual evaluation or the mid-term review of every plan, in one command.

use std::io::IsTerminal;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};

use super::eval::{MethodArgs, check_plan};
use crate::diagnostic::{Diagnostic, display_path};
use crate::error::Error;
use crate::project::Project;
use crate::report::bundle::{self, ContextOptions, ReportKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// Mid-term before the plan's last year, annual from then on.
    Auto,
    Annual,
    Midterm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Exit 1 when any target shows limited progress, deterioration or is overdue.
    OffTrack,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan id(s); default: every plan (`--all`).
    #[arg(long = "plan", value_delimiter = ',')]
    pub plans: Vec<String>,
    /// Every plan of the catalogue (the default when no --plan is given).
    #[arg(long, conflicts_with = "plans")]
    pub all: bool,
    /// The area (default: each plan's own area).
    #[arg(long)]
    pub area: Option<String>,
    #[arg(long, value_enum, default_value = "auto")]
    pub kind: KindArg,
    /// Evaluation year (default: the latest year with data, not past the plan's end).
    #[arg(long)]
    pub as_of: Option<i32>,
    /// The reports folder.
    #[arg(long, default_value = "reports")]
    pub out: PathBuf,
    /// Put the generation time in the reports (off by default: same inputs, same bytes).
    #[arg(long)]
    pub stamp: bool,
    /// Exit with 1 when targets are off track (for jobs that must alert).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    #[command(flatten)]
    pub method: MethodArgs,
}

pub fn run(g: &super::Global, args: &Args) -> crate::Result<i32> {
    let project = Project::load(&g.paths())?;
    let c = &project.catalog;
    for p in &args.plans {
        check_plan(&project, p)?;
    }
    if let Some(a) = &args.area {
        super::eval::check_ids(&project, &[], std::slice::from_ref(a))?;
    }
    let plans: Vec<String> = if args.plans.is_empty() {
        c.plans.keys().cloned().collect()
    } else {
        args.plans.clone()
    };
    if plans.is_empty() {
        return Err(Error::invalid(
            Diagnostic::error("no-plan", "the catalogue has no plan to report on")
                .help("add a plan under indicators/plans/"),
        ));
    }
    let progress = args.method.options()?;
    let _lock = bundle::lock(&args.out)?;
    bundle::recover(&args.out);
    let bar = if g.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::new(plans.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
            b.set_style(style);
        }
        b
    };
    let stamp = args
        .stamp
        .then(|| chrono::Local::now().format("%Y-%m-%d %H:%M").to_string());
    let mut off_track = 0usize;
    let mut entries = Vec::new();
    // The plans of one area one after the other (areas in order of first appearance), so that they
    // share one cut of the data; the index keeps the plans' own order.
    let area_of = |id: &String| {
        args.area
            .clone()
            .or_else(|| c.plan(id).map(|p| p.area.value.clone()))
            .unwrap_or_default()
    };
    let mut areas: Vec<String> = Vec::new();
    for id in &plans {
        let a = area_of(id);
        if !areas.contains(&a) {
            areas.push(a);
        }
    }
    let mut order: Vec<(usize, &String)> = plans.iter().enumerate().collect();
    order.sort_by_key(|(i, id)| (areas.iter().position(|a| *a == area_of(id)), *i));
    let mut cut: Option<(String, crate::data::Dataset)> = None;
    for (position, id) in order {
        let plan = c.plan(id).ok_or_else(|| Error::Other(id.clone()))?;
        let area = area_of(id);
        let data = match cut.take() {
            Some((a, d)) if a == area => d,
            previous => {
                // One cut in memory at a time.
                drop(previous);
                project.data.for_area(&area)?
            }
        };
        let data = &cut.insert((area, data)).1;
        bar.set_message(id.clone());
        let kind_for = |as_of: i32| match args.kind {
            KindArg::Annual => ReportKind::Annual,
            KindArg::Midterm => ReportKind::Midterm,
            KindArg::Auto if as_of < plan.end() => ReportKind::Midterm,
            KindArg::Auto => ReportKind::Annual,
        };
        let opts = ContextOptions {
            area: args.area.as_deref(),
            as_of: args.as_of,
            kind: ReportKind::Annual,
            lang: g.lang,
            progress,
            stamp: stamp.clone(),
            vintage: g.vintage,
        };
        let (mut ctx, values) = bundle::build(c, data, plan, &opts)?;
        ctx.kind = kind_for(ctx.run.as_of);
        let dir = bundle::target_dir(&args.out, &ctx.run.plan, &ctx.run.area, ctx.run.as_of)?;
        bundle::write_dir(&dir, &bundle::files(&ctx, &project, &values)?)?;
        off_track += ctx.run.assessments.iter().filter(|a| a.status.is_off_track()).count();
        let rel = format!("{}/{}/{}", ctx.run.plan, ctx.run.area, ctx.run.as_of);
        bar.inc(1);
        if !g.quiet {
            bar.suspend(|| crate::cli::outln!("{} → {}/ ({})", id, display_path(&dir), ctx.table.scorecard()));
        }
        entries.push((
            position,
            crate::report::index::Entry {
                table: ctx.table,
                kind: ctx.kind,
                rel,
            },
        ));
    }
    bar.finish_and_clear();
    entries.sort_by_key(|(position, _)| *position);
    let entries: Vec<_> = entries.into_iter().map(|(_, e)| e).collect();
    crate::report::index::write(&args.out, &entries, g.lang)?;
    if args.fail_on == Some(FailOn::OffTrack) && off_track > 0 {
        eprintln!("{off_track} target(s) off track");
        return Ok(1);
    }
    Ok(0)
}
