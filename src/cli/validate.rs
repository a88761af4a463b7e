use crate::diagnostic::{Diagnostic, render_all};
use crate::eval::{EvalOptions, evaluate};
use crate::project::Project;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also print warnings (data-quality findings); errors are always printed.
    #[arg(long)]
    pub warnings: bool,
    /// Exit with 1 on warnings too (zero denominators, incomplete totals…), for jobs that must stop on them.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(g: &super::Global, args: &Args) -> crate::Result<i32> {
    let (project, mut diags) = Project::check(&g.paths())?;
    // Data-quality findings need the values: compute them when the inputs are sound.
    if !diags.iter().any(Diagnostic::is_error) {
        let values = evaluate(&project.catalog, &project.data, &EvalOptions::default())?;
        diags.extend(values.findings);
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let shown: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| args.warnings || args.strict || d.is_error())
        .cloned()
        .collect();
    if !shown.is_empty() || errors > 0 {
        eprintln!("{}", render_all(&shown));
    }
    let warnings = diags.len() - errors;
    if errors == 0 && args.strict && warnings > 0 {
        return Ok(1);
    }
    if errors == 0 {
        let c = &project.catalog;
        crate::cli::outln!(
            "ok: {} series, {} indicators, {} plans ({} targets), {} ASEAN nodes, {} areas, {} observations{}",
            c.series.len(),
            c.indicators.len(),
            c.plans.len(),
            c.plans.values().map(|p| p.spec.targets.len()).sum::<usize>(),
            c.asean.nodes.len(),
            project.data.areas.list.len(),
            project.data.obs.frame.height(),
            if warnings > 0 && !args.warnings && !args.strict {
                format!("; {warnings} data-quality warning(s): `chitieu validate --warnings` lists them")
            } else {
                String::new()
            }
        );
        Ok(0)
    } else {
        Ok(1)
    }
}
