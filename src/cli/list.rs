use serde_json::json;

use super::output::{self, Format, col};
use crate::catalog::{AseanFramework, AseanLevel, Catalog, Definition};
use crate::data::{Areas, Dataset, LoadOptions};
use crate::error::Error;
use crate::i18n::Lang;
use crate::safe::csv_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Indicators,
    Series,
    Plans,
    Targets,
    Areas,
    Asean,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    pub what: What,
    /// For `targets`: only this plan.
    #[arg(long)]
    pub plan: Option<String>,
    /// For `asean`: only this province (`lai_chau`, `dong_thap`).
    #[arg(long)]
    pub province: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(g: &super::Global, args: &Args) -> crate::Result<i32> {
    let catalog = Catalog::load(&g.indicators)?;
    let lang = g.lang;
    let (cols, rows, json) = match args.what {
        What::Indicators => indicators(&catalog, lang),
        What::Series => series(&catalog, lang),
        What::Plans => plans(&catalog, lang),
        What::Targets => targets(&catalog, args.plan.as_deref(), lang)?,
        What::Asean => asean(&catalog.asean, args.province.as_deref(), lang),
        What::Areas => {
            let data = Dataset::load(&g.data, &catalog, &LoadOptions { vintage: g.vintage })?;
            areas(&data.areas, lang)
        }
    };
    match args.format {
        Format::Table => crate::cli::outln!("{}", output::table(&cols, &rows)),
        Format::Csv => {
            let headers: Vec<&str> = cols.iter().map(|c| c.header.as_str()).collect();
            let safe: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| csv_text(c)).collect()).collect();
            crate::cli::out!("{}", output::csv(&headers, &safe));
        }
        Format::Json => crate::cli::outln!(
            "{}",
            serde_json::to_string_pretty(&json).map_err(|e| Error::Other(e.to_string()))?
        ),
    }
    Ok(0)
}

type Listing = (Vec<output::Col>, Vec<Vec<String>>, serde_json::Value);

fn indicators(c: &Catalog, lang: Lang) -> Listing {
    let cols = vec![
        col("id", false),
        col(lang.pick("Tên", "Name"), false),
        col(lang.pick("Đơn vị", "Unit"), false),
        col(lang.pick("Hướng", "Direction"), false),
        col(lang.pick("Cách tính", "Definition"), false),
        col("ASEAN", false),
        col(lang.pick("Chỉ tiêu KH", "Targets"), true),
    ];
    let mut rows = Vec::new();
    let mut js = Vec::new();
    for (id, d) in &c.indicators {
        let s = &d.spec;
        let def = match c.definitions.get(id) {
            Some(Definition::Formula(f)) => f.source.clone(),
            Some(Definition::GrowthOf(b)) => format!("growth of {b}"),
            Some(Definition::Reported) => lang.pick("báo cáo trực tiếp", "reported").to_string(),
            None => String::new(),
        };
        let asean: Vec<String> = s.asean.iter().map(|a| a.value.clone()).collect();
        let n = c.targets_of(id).count();
        rows.push(vec![
            id.clone(),
            s.name.get(lang).to_string(),
            s.unit.get(lang).to_string(),
            s.direction().as_str().to_string(),
            def.clone(),
            asean.join(", "),
            n.to_string(),
        ]);
        js.push(json!({"id": id, "name": s.name, "unit": s.unit, "direction": s.direction(), "definition": def, "asean": asean, "domain": s.domain, "sources": s.sources, "targets": n}));
    }
    (cols, rows, json!(js))
}

fn series(c: &Catalog, lang: Lang) -> Listing {
    let cols = vec![
        col("id", false),
        col(lang.pick("Tên", "Name"), false),
        col(lang.pick("Đơn vị", "Unit"), false),
        col(lang.pick("Cộng dồn", "Aggregation"), false),
    ];
    let mut rows = Vec::new();
    let mut js = Vec::new();
    for (id, d) in &c.series {
        let s = &d.spec;
        let agg = match (&s.aggregate.value, &s.weight) {
            (crate::catalog::Aggregation::WeightedMean, Some(w)) => {
                format!("weighted_mean ({})", w.value)
            }
            (a, _) => serde_json::to_value(a)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        };
        rows.push(vec![
            id.clone(),
            s.name.get(lang).to_string(),
            s.unit.get(lang).to_string(),
            agg.clone(),
        ]);
        js.push(json!({"id": id, "name": s.name, "unit": s.unit, "aggregate": agg}));
    }
    (cols, rows, json!(js))
}

fn plans(c: &Catalog, lang: Lang) -> Listing {
    let cols = vec![
        col("id", false),
        col(lang.pick("Tên", "Title"), false),
        col(lang.pick("Địa bàn", "Area"), false),
        col(lang.pick("Giai đoạn", "Period"), false),
        col(lang.pick("Năm gốc", "Baseline"), true),
        col(lang.pick("Số chỉ tiêu", "Targets"), true),
    ];
    let mut rows = Vec::new();
    let mut js = Vec::new();
    for (id, d) in &c.plans {
        let p = &d.spec;
        rows.push(vec![
            id.clone(),
            p.title.get(lang).to_string(),
            p.area.value.clone(),
            format!("{}–{}", p.start(), p.end()),
            p.baseline_year.value.to_string(),
            p.targets.len().to_string(),
        ]);
        js.push(json!({"id": id, "title": p.title, "area": p.area.value, "period": p.period.value, "baseline_year": p.baseline_year.value, "targets": p.targets.len(), "document": p.document}));
    }
    (cols, rows, json!(js))
}

fn targets(c: &Catalog, plan: Option<&str>, lang: Lang) -> crate::Result<Listing> {
    if let Some(p) = plan
        && c.plan(p).is_none()
    {
        return Err(Error::invalid(
            crate::diagnostic::Diagnostic::error("unknown-plan", format!("unknown plan `{p}`"))
                .help_opt(crate::suggest::did_you_mean(p, c.plans.keys().map(String::as_str))),
        ));
    }
    let cols = vec![
        col(lang.pick("Kế hoạch", "Plan"), false),
        col(lang.pick("Chỉ tiêu", "Target"), false),
        col(lang.pick("Loại", "Kind"), false),
        col(lang.pick("Mục tiêu", "Goal"), false),
        col(lang.pick("Năm", "Year"), true),
        col(lang.pick("Điều khoản", "Clause"), false),
    ];
    let mut rows = Vec::new();
    let mut js = Vec::new();
    for (pid, d) in c.plans.iter().filter(|(k, _)| plan.is_none_or(|p| p == k.as_str())) {
        for t in &d.spec.targets {
            let goal = match (t.op(), t.value(), t.min, t.max) {
                (_, _, Some(lo), Some(hi)) => format!("{lo}–{hi}"),
                (Some(op), Some(v), _, _) => format!("{} {v}", op.symbol()),
                (None, Some(v), _, _) => v.to_string(),
                _ => String::new(),
            };
            let year = d.spec.target_year(t);
            rows.push(vec![
                pid.clone(),
                t.id().to_string(),
                t.kind.value.as_str().to_string(),
                goal.clone(),
                year.to_string(),
                t.clause.clone().unwrap_or_default(),
            ]);
            js.push(json!({"plan": pid, "id": t.id(), "indicator": t.indicator.value, "kind": t.kind.value, "op": t.op().map(|o| o.ascii()), "value": t.value(), "min": t.min, "max": t.max, "year": year, "clause": t.clause, "quote": t.quote}));
        }
    }
    Ok((cols, rows, json!(js)))
}

fn asean(fw: &AseanFramework, province: Option<&str>, lang: Lang) -> Listing {
    let cols = vec![
        col(lang.pick("Tỉnh", "Province"), false),
        col(lang.pick("Cấp", "Level"), false),
        col(lang.pick("Mã", "Code"), false),
        col(lang.pick("Nội dung", "Title"), false),
        col(lang.pick("Cơ quan chủ trì", "Lead"), false),
    ];
    let mut nodes: Vec<_> = fw
        .nodes
        .iter()
        .filter(|n| province.is_none_or(|p| p == n.province))
        .collect();
    nodes.sort_by(|a, b| {
        (&a.province, AseanFramework::sort_key(&a.code)).cmp(&(&b.province, AseanFramework::sort_key(&b.code)))
    });
    let rows = nodes
        .iter()
        .map(|n| {
            let level = match n.level {
                AseanLevel::StrategicGoal => lang.pick("mục tiêu chiến lược", "strategic goal"),
                AseanLevel::Target => lang.pick("mục tiêu", "target"),
                AseanLevel::Task => lang.pick("nhiệm vụ", "task"),
            };
            vec![
                n.province.clone(),
                level.to_string(),
                n.code.clone(),
                n.title.get(lang).to_string(),
                n.lead_agencies.join("; "),
            ]
        })
        .collect();
    (cols, rows, json!(nodes))
}

fn areas(a: &Areas, lang: Lang) -> Listing {
    let cols = vec![
        col(lang.pick("Mã", "Code"), false),
        col(lang.pick("Tên", "Name"), false),
        col(lang.pick("Cấp", "Level"), false),
        col(lang.pick("Trực thuộc", "Parent"), false),
        col(lang.pick("Hiệu lực", "Valid"), false),
        col(lang.pick("Thay thế", "Replaces"), false),
    ];
    let rows = a
        .list
        .iter()
        .map(|x| {
            let valid = match (x.since, x.until) {
                (None, None) => String::new(),
                (s, u) => format!(
                    "{}–{}",
                    s.map(|v| v.to_string()).unwrap_or_default(),
                    u.map(|v| v.to_string()).unwrap_or_default()
                ),
            };
            vec![
                x.code.clone(),
                x.name(lang).to_string(),
                x.level.clone(),
                x.parent.clone().unwrap_or_default(),
                valid,
                x.replaces.join("; "),
            ]
        })
        .collect();
    (cols, rows, json!(a.list))
}
