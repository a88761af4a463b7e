//! Cross-checks of the whole catalogue: ids, names in formulas, dependency cycles, plans and targets.

use std::collections::{BTreeMap, BTreeSet};

use serde_saphyr::Spanned;

use super::graph;
use super::yaml::{diag_at, inner_column, loc};
use super::{Aggregation, Catalog, Comparator, Definition, SourceFile, TargetKind, is_valid_id, suggest_id};
use crate::diagnostic::{Diagnostic, Location};
use crate::formula;
use crate::suggest;

pub fn check(c: &mut Catalog, diags: &mut Vec<Diagnostic>) {
    check_ids(c, diags);
    check_series(c, diags);
    check_indicators(c, diags);
    check_graph(c, diags);
    check_plans(c, diags);
}

fn at<T>(files: &[SourceFile], file: usize, d: Diagnostic, s: &Spanned<T>, span: usize) -> Diagnostic {
    diag_at(d, &files[file].path, &files[file].text, s, span)
}

fn bad_id(files: &[SourceFile], file: usize, what: &str, id: &Spanned<String>) -> Option<Diagnostic> {
    if is_valid_id(&id.value) {
        return None;
    }
    Some(
        at(
            files,
            file,
            Diagnostic::error("invalid-id", format!("{what} id `{}` is not a valid id", id.value)),
            id,
            id.value.chars().count(),
        )
        .help(format!(
            "ids use only lower-case letters, digits and `_` (they become file names): try `{}`",
            suggest_id(&id.value)
        )),
    )
}

fn check_ids(c: &Catalog, diags: &mut Vec<Diagnostic>) {
    for d in c.series.values() {
        diags.extend(bad_id(&c.files, d.file, "series", &d.spec.id));
    }
    for d in c.indicators.values() {
        diags.extend(bad_id(&c.files, d.file, "indicator", &d.spec.id));
        if let Some(s) = c.series.get(d.spec.id()) {
            diags.push(
                at(
                    &c.files,
                    d.file,
                    Diagnostic::error(
                        "duplicate-id",
                        format!("`{}` is both a series and an indicator", d.spec.id()),
                    ),
                    &d.spec.id,
                    d.spec.id().chars().count(),
                )
                .help(format!(
                    "the series is declared in `{}`; formulas read both by name, so the names must differ",
                    crate::diagnostic::display_path(&c.files[s.file].path)
                )),
            );
        }
    }
    for d in c.plans.values() {
        diags.extend(bad_id(&c.files, d.file, "plan", &d.spec.id));
        let mut seen = BTreeSet::new();
        for t in &d.spec.targets {
            if let Some(id) = &t.id {
                diags.extend(bad_id(&c.files, d.file, "target", id));
            }
            if !seen.insert(t.id().to_string()) {
                let span = t.id.as_ref().unwrap_or(&t.indicator);
                diags.push(
                    at(
                        &c.files,
                        d.file,
                        Diagnostic::error(
                            "duplicate-id",
                            format!("target `{}` appears twice in plan `{}`", t.id(), d.spec.id()),
                        ),
                        span,
                        t.id().chars().count(),
                    )
                    .help("give each target of the same indicator its own `id:`"),
                );
            }
        }
    }
}

fn unknown_name(c: &Catalog, name: &str, candidates: &[&str]) -> Option<String> {
    let _ = c;
    suggest::did_you_mean(name, candidates.iter().copied())
}

fn check_series(c: &Catalog, diags: &mut Vec<Diagnostic>) {
    let series: Vec<&str> = c.series.keys().map(String::as_str).collect();
    let tables: Vec<&str> = c.microdata.keys().map(String::as_str).collect();
    for d in c.microdata.values() {
        diags.extend(bad_id(&c.files, d.file, "microdata table", &d.spec.id));
    }
    for d in c.series.values() {
        let s = &d.spec;
        if let Some(m) = &s.microdata {
            if !tables.contains(&m.table.value.as_str()) {
                diags.push(
                    at(
                        &c.files,
                        d.file,
                        Diagnostic::error(
                            "unknown-microdata",
                            format!("unknown microdata table `{}`", m.table.value),
                        ),
                        &m.table,
                        m.table.value.chars().count(),
                    )
                    .help_opt(suggest::did_you_mean(&m.table.value, tables.iter().copied()))
                    .help_opt(
                        tables
                            .is_empty()
                            .then(|| "declare the table under `microdata:` (id, file, area, year, weight)".to_string()),
                    ),
                );
            }
            if s.aggregate.value != Aggregation::Sum {
                diags.push(
                    at(
                        &c.files,
                        d.file,
                        Diagnostic::error(
                            "invalid-value",
                            format!(
                                "`{}` is a weighted sum of records, so it aggregates as `sum`",
                                s.id.value
                            ),
                        ),
                        &s.aggregate,
                        1,
                    )
                    .help("set `aggregate: sum`; rates are formulas over such sums (ratio of sums)"),
                );
            }
            for e in [&m.value, &m.filter].into_iter().flatten() {
                if let Err(err) = crate::formula::compile(&e.value) {
                    let col = inner_column(&c.files[d.file].text, e) + err.offset.unwrap_or(0);
                    diags.push(
                        Diagnostic::error("formula-syntax", format!("{} (series `{}`)", err.message, s.id.value))
                            .at(Location::at(
                                &c.files[d.file].path,
                                e.referenced.line() as usize,
                                Some(col),
                            ))
                            .with_source(&c.files[d.file].text, 1)
                            .help_opt(err.help),
                    );
                }
            }
        }
        check_weight(
            &c.files,
            d.file,
            &s.id.value,
            s.aggregate.value,
            &s.aggregate,
            s.weight.as_ref(),
            &series,
            diags,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn check_weight(
    files: &[SourceFile],
    file: usize,
    id: &str,
    agg: Aggregation,
    agg_span: &Spanned<Aggregation>,
    weight: Option<&Spanned<String>>,
    series: &[&str],
    diags: &mut Vec<Diagnostic>,
) {
    match (agg, weight) {
        (Aggregation::WeightedMean, None) => diags.push(
            at(
                files,
                file,
                Diagnostic::error(
                    "missing-field",
                    format!("`{id}` is a weighted mean but names no weight"),
                ),
                agg_span,
                13,
            )
            .help("add `weight: population` (the series the mean is weighted by)"),
        ),
        (Aggregation::WeightedMean, Some(w)) if !series.contains(&w.value.as_str()) => diags.push(
            at(
                files,
                file,
                Diagnostic::error("unknown-series", format!("unknown weight series `{}`", w.value)),
                w,
                w.value.chars().count(),
            )
            .help_opt(suggest::did_you_mean(&w.value, series.iter().copied()))
            .help_opt(
                Some("the weight must be a raw series declared under `series:`".into())
                    .filter(|_| suggest::closest(&w.value, series.iter().copied()).is_none()),
            ),
        ),
        (agg, Some(w)) if agg != Aggregation::WeightedMean => diags.push(at(
            files,
            file,
            Diagnostic::warning("unused-field", "`weight` is only used with `aggregate: weighted_mean`"),
            w,
            1,
        )),
        _ => {}
    }
}

fn check_indicators(c: &mut Catalog, diags: &mut Vec<Diagnostic>) {
    let names: Vec<String> = c.names().map(str::to_string).collect();
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let series: Vec<&str> = c.series.keys().map(String::as_str).collect();
    let asean_codes: Vec<String> = c.asean.codes().into_iter().map(str::to_string).collect();
    let mut definitions = BTreeMap::new();
    for (id, d) in &c.indicators {
        let s = &d.spec;
        let files = &c.files;
        let text = &files[d.file].text;
        let ways = usize::from(s.formula.is_some()) + usize::from(s.reported) + usize::from(s.growth_of.is_some());
        if ways != 1 {
            diags.push(
                at(
                    files,
                    d.file,
                    Diagnostic::error(
                        "indicator-definition",
                        format!("indicator `{id}` must have exactly one of `formula`, `reported: true` or `growth_of` (it has {ways})"),
                    ),
                    &s.id,
                    id.chars().count(),
                )
                .help("computed indicators give a formula; published rates say `reported: true`; growth rates say `growth_of: <level series>`"),
            );
            continue;
        }
        if let Some(f) = &s.formula {
            match formula::compile(&f.value) {
                Ok(compiled) => {
                    let mut ok = true;
                    for n in &compiled.names {
                        if n == id {
                            diags.push(at(
                                files,
                                d.file,
                                Diagnostic::error(
                                    "dependency-cycle",
                                    format!("indicator `{id}` reads itself: {id} → {id}"),
                                ),
                                f,
                                1,
                            ));
                            ok = false;
                        } else if !names.contains(n) && c.definitions_incomplete {
                            ok = false;
                        } else if !names.contains(n) {
                            let col = inner_column(text, f) + formula::find_name(&f.value, n).unwrap_or(0);
                            let mut dg = Diagnostic::error(
                                "unknown-series",
                                format!("unknown series or indicator `{n}` in the formula of `{id}`"),
                            )
                            .at(Location::at(
                                &files[d.file].path,
                                f.referenced.line() as usize,
                                Some(col),
                            ))
                            .with_source(text, n.chars().count());
                            dg = dg.help_opt(unknown_name(c, n, &name_refs)).help_opt(
                                suggest::closest(n, name_refs.iter().copied()).is_none().then(|| {
                                    format!("declare `{n}` under `series:` in a catalogue file, or fix the name")
                                }),
                            );
                            diags.push(dg);
                            ok = false;
                        }
                    }
                    if ok && let Err(e) = formula::check_on_numbers(&compiled) {
                        diags.push(
                            Diagnostic::error("formula-type", format!("{} (indicator `{id}`)", e.message))
                                .at(Location::at(
                                    &files[d.file].path,
                                    f.referenced.line() as usize,
                                    Some(inner_column(text, f)),
                                ))
                                .with_source(text, f.value.chars().count())
                                .help_opt(e.help),
                        );
                        ok = false;
                    }
                    if ok {
                        definitions.insert(id.clone(), Definition::Formula(Box::new(compiled)));
                    }
                }
                Err(e) => {
                    let col = inner_column(text, f) + e.offset.unwrap_or(0);
                    diags.push(
                        Diagnostic::error("formula-syntax", format!("{} (indicator `{id}`)", e.message))
                            .at(Location::at(
                                &files[d.file].path,
                                f.referenced.line() as usize,
                                Some(col),
                            ))
                            .with_source(text, e.len)
                            .help_opt(e.help),
                    );
                }
            }
        }
        if let Some(g) = &s.growth_of {
            if names.contains(&g.value) && g.value != *id {
                definitions.insert(id.clone(), Definition::GrowthOf(g.value.clone()));
            } else {
                diags.push(
                    at(
                        files,
                        d.file,
                        Diagnostic::error(
                            "unknown-series",
                            format!("`growth_of` names unknown series or indicator `{}`", g.value),
                        ),
                        g,
                        g.value.chars().count(),
                    )
                    .help_opt(unknown_name(c, &g.value, &name_refs)),
                );
            }
        }
        if s.reported {
            definitions.insert(id.clone(), Definition::Reported);
            if let Some(a) = &s.aggregate {
                check_weight(files, d.file, id, a.value, a, s.weight.as_ref(), &series, diags);
            }
        } else if let Some(a) = &s.aggregate {
            diags.push(
                at(
                    files,
                    d.file,
                    Diagnostic::warning(
                        "unused-field",
                        format!("`aggregate` on computed indicator `{id}` is ignored: its inputs are aggregated, then the formula is applied"),
                    ),
                    a,
                    1,
                ),
            );
        }
        if let Some(dec) = s.decimals
            && dec > 6
        {
            diags.push(at(
                files,
                d.file,
                Diagnostic::error("invalid-value", format!("decimals {dec} is too many (at most 6)")),
                &s.id,
                1,
            ));
        }
        if let Some(l) = s.natural_limit
            && !l.is_finite()
        {
            diags.push(at(
                files,
                d.file,
                Diagnostic::error("invalid-value", "natural_limit must be a finite number"),
                &s.id,
                1,
            ));
        }
        for code in &s.asean {
            if !c.asean.has_goal_or_target(&code.value) {
                let hint = if c.asean.nodes.is_empty() {
                    Some("no ASEAN framework is loaded: put framework.csv under indicators/asean/".to_string())
                } else {
                    suggest::did_you_mean(&code.value, asean_codes.iter().map(String::as_str))
                        .or_else(|| Some("use a strategic goal (`4`) or target (`4.1`) code of the framework; `chitieu list asean` shows them".into()))
                };
                diags.push(
                    at(
                        files,
                        d.file,
                        Diagnostic::error(
                            "unknown-asean-code",
                            format!("unknown ASEAN code `{}` on indicator `{id}`", code.value),
                        ),
                        code,
                        code.value.chars().count(),
                    )
                    .help_opt(hint),
                );
            }
        }
    }
    check_asean_tasks(c, diags);
    c.definitions = definitions;
}

/// `asean_tasks`: each province must have tasks in the framework, and each code must be one of them.
fn check_asean_tasks(c: &Catalog, diags: &mut Vec<Diagnostic>) {
    if c.asean.nodes.is_empty() {
        return;
    }
    let provinces = c.asean.provinces();
    for (id, d) in &c.indicators {
        for (prov, codes) in &d.spec.asean_tasks {
            if !provinces.contains(prov.as_str()) {
                diags.push(
                    at(
                        &c.files,
                        d.file,
                        Diagnostic::error(
                            "unknown-asean-code",
                            format!("indicator `{id}` lists ASEAN tasks of `{prov}`, a province with no tasks in the framework"),
                        ),
                        &d.spec.id,
                        id.chars().count(),
                    )
                    .help_opt(suggest::did_you_mean(prov, provinces.iter().copied())),
                );
                continue;
            }
            let tasks: Vec<&str> = c
                .asean
                .nodes
                .iter()
                .filter(|n| n.province == *prov && n.level == super::AseanLevel::Task)
                .map(|n| n.code.as_str())
                .collect();
            for code in codes {
                if !c.asean.has_task(prov, &code.value) {
                    diags.push(
                        at(
                            &c.files,
                            d.file,
                            Diagnostic::error(
                                "unknown-asean-code",
                                format!("unknown ASEAN task `{}` of `{prov}` on indicator `{id}`", code.value),
                            ),
                            code,
                            code.value.chars().count(),
                        )
                        .help_opt(suggest::did_you_mean(&code.value, tasks.iter().copied()))
                        .help(format!("`chitieu list asean --province {prov}` lists its task codes")),
                    );
                }
            }
        }
    }
}

fn check_graph(c: &mut Catalog, diags: &mut Vec<Diagnostic>) {
    let deps: BTreeMap<String, Vec<String>> = c
        .definitions
        .iter()
        .map(|(id, def)| {
            let reads: Vec<String> = match def {
                Definition::Formula(f) => f
                    .names
                    .iter()
                    .filter(|n| c.indicators.contains_key(*n))
                    .cloned()
                    .collect(),
                Definition::GrowthOf(b) if c.indicators.contains_key(b) => vec![b.clone()],
                _ => Vec::new(),
            };
            (
                id.clone(),
                reads.into_iter().filter(|r| c.definitions.contains_key(r)).collect(),
            )
        })
        .collect();
    match graph::topo_order(&deps) {
        Ok(order) => c.order = order,
        Err(path) => {
            let first = path.first().and_then(|f| c.indicators.get(f));
            let target = first.and_then(|d| {
                d.spec
                    .formula
                    .as_ref()
                    .map(|f| (loc(&c.files[d.file].path, f), &c.files[d.file].text))
            });
            let mut dg = Diagnostic::error(
                "dependency-cycle",
                format!("indicators depend on each other in a cycle: {}", path.join(" → ")),
            )
            .help("one of these formulas must read raw series instead of the next indicator");
            if let Some((l, text)) = target {
                dg = dg.at(l).with_source(text, 1);
            }
            diags.push(dg);
            // Keep going with the acyclic part so other problems are still reported.
            c.order = deps.keys().filter(|k| !path.contains(k)).cloned().collect();
        }
    }
}

fn check_plans(c: &Catalog, diags: &mut Vec<Diagnostic>) {
    let mut skipped = 0usize;
    check_plan_targets(c, diags, &mut skipped);
    if skipped > 0 {
        diags.push(Diagnostic::warning(
            "checks-skipped",
            format!("{skipped} target(s) name indicators that could not be checked: a catalogue file above does not parse"),
        )
        .help("fix the errors above; the names are checked again then"));
    }
}

fn check_plan_targets(c: &Catalog, diags: &mut Vec<Diagnostic>, skipped: &mut usize) {
    let indicators: Vec<&str> = c.indicators.keys().map(String::as_str).collect();
    for d in c.plans.values() {
        let p = &d.spec;
        let files = &c.files;
        let [start, end] = p.period.value;
        if start > end {
            diags.push(
                at(
                    files,
                    d.file,
                    Diagnostic::error(
                        "invalid-period",
                        format!("period [{start}, {end}] ends before it starts"),
                    ),
                    &p.period,
                    1,
                )
                .help("write the period as [first year, last year]"),
            );
        }
        if p.baseline_year.value > end {
            diags.push(
                at(
                    files,
                    d.file,
                    Diagnostic::error(
                        "invalid-period",
                        format!(
                            "baseline year {} is after the period's end {end}",
                            p.baseline_year.value
                        ),
                    ),
                    &p.baseline_year,
                    4,
                )
                .help("the baseline is usually the year before the period starts"),
            );
        }
        if let Some(prov) = &p.asean_province
            && !c.asean.nodes.is_empty()
            && !c.asean.provinces().contains(prov.as_str())
        {
            diags.push(
                at(
                    files,
                    d.file,
                    Diagnostic::error(
                        "unknown-asean-code",
                        format!("no ASEAN tasks are loaded for province `{prov}`"),
                    ),
                    &p.id,
                    1,
                )
                .help_opt(suggest::did_you_mean(prov, c.asean.provinces())),
            );
        }
        for t in &p.targets {
            let tid = t.id();
            if !c.indicators.contains_key(&t.indicator.value) && c.definitions_incomplete {
                *skipped += 1;
            } else if !c.indicators.contains_key(&t.indicator.value) {
                let series_hint = c.series.contains_key(&t.indicator.value).then(|| {
                    format!(
                        "`{}` is a raw series; targets are set on indicators (add an indicator that reads it)",
                        t.indicator.value
                    )
                });
                diags.push(
                    at(
                        files,
                        d.file,
                        Diagnostic::error(
                            "unknown-indicator",
                            format!("target `{tid}` names unknown indicator `{}`", t.indicator.value),
                        ),
                        &t.indicator,
                        t.indicator.value.chars().count(),
                    )
                    .help_opt(
                        series_hint.or_else(|| suggest::did_you_mean(&t.indicator.value, indicators.iter().copied())),
                    ),
                );
            }
            let need = |what: &str, help: &str| {
                at(
                    files,
                    d.file,
                    Diagnostic::error(
                        "missing-field",
                        format!("target `{tid}` of kind `{}` needs `{what}`", t.kind.value.as_str()),
                    ),
                    &t.kind,
                    t.kind.value.as_str().len(),
                )
                .help(help.to_string())
            };
            match t.kind.value {
                TargetKind::Level => {
                    if t.value.is_none() {
                        diags.push(need("value", "add `value: 55` (the level to reach)"));
                    }
                    if t.op.is_none() {
                        diags.push(need("op", "add `op:` as the wording says: đạt `>=`, trên `>`, dưới `<`, khoảng `~`"));
                    }
                }
                TargetKind::AnnualChange if t.value.is_none() && (t.min.is_none() || t.max.is_none()) => {
                    diags.push(need("value", "add `value: -3.0` (percentage points a year, with its sign) or `min`/`max` for a band"))
                }
                TargetKind::Growth | TargetKind::PeriodAverage | TargetKind::AnnualFlow | TargetKind::Cumulative
                    if t.value.is_none() =>
                {
                    diags.push(need("value", "add `value:` with the target figure"))
                }
                TargetKind::Relative if t.change.is_none() => {
                    diags.push(need("change", "add `change: -0.5` (the relative change: −0.5 halves the value)"))
                }
                TargetKind::Range => match (t.min, t.max) {
                    (Some(lo), Some(hi)) if lo > hi => diags.push(
                        at(files, d.file, Diagnostic::error("invalid-value", format!("target `{tid}`: min {lo} is above max {hi}")), &t.kind, 5)
                            .help("swap `min` and `max`"),
                    ),
                    (None, None) => diags.push(
                        at(
                            files,
                            d.file,
                            Diagnostic::warning(
                                "unconfigured-target",
                                format!("target `{tid}` is a range with no bounds: it stays not assessable until `min` and `max` are set"),
                            ),
                            &t.kind,
                            5,
                        ),
                    ),
                    (Some(_), None) | (None, Some(_)) => diags.push(need("min and max", "a range needs both bounds")),
                    _ => {}
                },
                _ => {}
            }
            if let Some(op) = &t.op {
                let allowed = match t.kind.value {
                    TargetKind::Milestone => matches!(op.value, Comparator::Eq | Comparator::Ge),
                    _ => op.value != Comparator::Eq,
                };
                if !allowed {
                    diags.push(
                        at(
                            files,
                            d.file,
                            Diagnostic::error(
                                "invalid-value",
                                format!(
                                    "target `{tid}`: `op: \"{}\"` does not fit kind `{}`",
                                    op.value.ascii(),
                                    t.kind.value.as_str()
                                ),
                            ),
                            op,
                            1,
                        )
                        .help("`=` is for milestones; levels use >=, >, <=, < or ~"),
                    );
                }
            }
            if let Some(v) = &t.value
                && !v.value.is_finite()
            {
                diags.push(
                    at(
                        files,
                        d.file,
                        Diagnostic::error(
                            "invalid-value",
                            format!("target `{tid}`: the value must be a finite number"),
                        ),
                        v,
                        1,
                    )
                    .help("write the target figure itself: `.inf` and `.nan` are not targets"),
                );
            }
            if let Some(tol) = t.tolerance
                && !(0.0..1.0).contains(&tol)
            {
                diags.push(
                    at(
                        files,
                        d.file,
                        Diagnostic::error(
                            "invalid-value",
                            format!("target `{tid}`: tolerance {tol} must be a fraction in [0, 1)"),
                        ),
                        &t.indicator,
                        1,
                    )
                    .help("write ±2 % as `tolerance: 0.02`"),
                );
            }
            let year = p.target_year(t);
            if year < p.baseline_year.value {
                let span = t.year.as_ref().map(|y| loc(&files[d.file].path, y));
                let mut dg = Diagnostic::error(
                    "target-before-baseline",
                    format!(
                        "target `{tid}` is due in {year}, before the plan's baseline year {}",
                        p.baseline_year.value
                    ),
                )
                .help("check the year: a target cannot be due before its baseline");
                dg = match span {
                    Some(l) => dg.at(l).with_source(&files[d.file].text, 4),
                    None => dg.at(loc(&files[d.file].path, &t.indicator)),
                };
                diags.push(dg);
            }
            if let Some(b) = &t.baseline
                && b.year > year
            {
                diags.push(at(
                    files,
                    d.file,
                    Diagnostic::error(
                        "target-before-baseline",
                        format!(
                            "target `{tid}`: its baseline year {} is after its target year {year}",
                            b.year
                        ),
                    ),
                    &t.indicator,
                    1,
                ));
            }
        }
    }
}
