//! The catalogue as a Markdown document for planners (`chitieu doc catalogue`): every plan with its
//! targets (clause, kind, comparator, value, year, quote), every indicator (names, unit, direction,
//! definition, ASEAN codes, sources, targets), the raw series, the ASEAN framework and the records of
//! data kept out of the observations. Bilingual (vi / en) and deterministic: the same catalogue gives
//! the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::{
    Aggregation, AseanFramework, AseanLevel, AseanNode, Catalog, Definition, Direction, IndicatorSpec, PlanSpec,
    TargetKind, TargetSpec,
};
use crate::i18n::Text;

/// A small table kept beside the data (`data/conflicts.csv`, `data/not-loaded.csv`).
#[derive(Debug, Clone, Default)]
pub struct RecordTable {
    pub title: Text,
    pub intro: Text,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What the document needs beside the catalogue.
#[derive(Debug, Clone, Default)]
pub struct DocumentInputs {
    /// Area code → name, for the plans' areas.
    pub area_names: BTreeMap<String, Text>,
    pub records: Vec<RecordTable>,
}

/// One Markdown table cell: no line breaks, no bare `|`.
fn cell(s: &str) -> String {
    s.replace('\r', "").replace('\n', " ").replace('|', "\\|")
}

fn both(t: &Text) -> String {
    if t.vi == t.en || t.en.is_empty() {
        t.vi.clone()
    } else if t.vi.is_empty() {
        t.en.clone()
    } else {
        format!("{} / {}", t.vi, t.en)
    }
}

/// Numbers as written in the catalogue: no trailing `.0`.
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn domain_label(d: &str) -> Text {
    let (vi, en) = match d {
        "population" => ("Dân số và lãnh thổ", "Population and territory"),
        "health" => ("Y tế", "Health"),
        "labour" => ("Lao động, việc làm", "Labour and employment"),
        "economy" => ("Kinh tế", "Economy"),
        "education" => ("Giáo dục", "Education"),
        "social" => ("Xã hội, an sinh", "Social policy"),
        "culture" => ("Văn hóa, thông tin", "Culture and information"),
        "infrastructure" => ("Hạ tầng", "Infrastructure"),
        "environment" => ("Môi trường", "Environment"),
        "agriculture" => ("Nông nghiệp, nông thôn", "Agriculture and rural development"),
        "governance" => ("Quản lý nhà nước, quốc phòng", "Governance and defence"),
        other => (other, other),
    };
    Text::new(vi, en)
}

fn direction_label(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "tăng là tốt / higher is better",
        Direction::Decrease => "giảm là tốt / lower is better",
        Direction::Band => "trong một khoảng / within a band",
    }
}

fn kind_label(k: TargetKind) -> &'static str {
    match k {
        TargetKind::Level => "mức / level",
        TargetKind::AnnualChange => "thay đổi hằng năm / annual change",
        TargetKind::Growth => "tăng trưởng bình quân / average growth",
        TargetKind::PeriodAverage => "bình quân giai đoạn / period average",
        TargetKind::AnnualFlow => "hằng năm / every year",
        TargetKind::Cumulative => "cộng dồn / cumulative",
        TargetKind::Range => "khoảng / range",
        TargetKind::Milestone => "mốc / milestone",
        TargetKind::Relative => "tương đối / relative",
        TargetKind::Trend => "xu hướng / trend",
    }
}

/// The goal of a target in one line: `> 13.5`, `9–10`, `≤ -3 /năm`, `= 1 (ngưỡng 100)`.
fn goal(t: &TargetSpec) -> String {
    let mut out = match (t.kind.value, t.op(), t.value(), t.min, t.max) {
        (TargetKind::Trend, ..) => "— (xu hướng / trend)".to_string(),
        (TargetKind::Range, _, _, Some(lo), Some(hi)) => format!("{}–{}", num(lo), num(hi)),
        (TargetKind::Range, ..) => "chưa có khoảng / band not configured".to_string(),
        (TargetKind::Relative, ..) => t.change.map(|c| format!("× (1 {c:+})")).unwrap_or_default(),
        (_, Some(op), Some(v), _, _) => format!("{} {}", op.symbol(), num(v)),
        (_, None, Some(v), _, _) => num(v),
        _ => String::new(),
    };
    if t.kind.value != TargetKind::Range
        && let (Some(lo), Some(hi)) = (t.min, t.max)
    {
        let _ = write!(out, " (khoảng / band {}–{})", num(lo), num(hi));
    }
    match t.kind.value {
        TargetKind::AnnualChange => out.push_str(" /năm (a year)"),
        TargetKind::Growth => out.push_str(" %/năm (a year)"),
        TargetKind::AnnualFlow => out.push_str(" mỗi năm (each year)"),
        _ => {}
    }
    if let Some(th) = t.threshold {
        let _ = write!(out, " (ngưỡng / threshold {})", num(th));
    }
    if let Some(tol) = t.tolerance {
        let _ = write!(out, " (± {} %)", num(tol * 100.0));
    }
    if !t.plan_values.is_empty() {
        let pv: Vec<String> = t.plan_values.iter().map(|(y, v)| format!("{y}: {}", num(*v))).collect();
        let _ = write!(out, " (KH năm / yearly plan {})", pv.join(", "));
    }
    out
}

fn definition(c: &Catalog, id: &str, s: &IndicatorSpec) -> String {
    match c.definitions.get(id) {
        Some(Definition::Formula(f)) => format!("công thức / formula `{}`", f.source),
        Some(Definition::GrowthOf(b)) => format!("tốc độ tăng của / growth of `{b}` (%)"),
        Some(Definition::Reported) => {
            let agg = match (s.aggregation(), &s.weight) {
                (Aggregation::Sum, _) => "cộng lên theo tổng / summed up the hierarchy".to_string(),
                (Aggregation::WeightedMean, Some(w)) => {
                    format!("bình quân gia quyền theo / weighted mean by `{}`", w.value)
                }
                _ => "không cộng lên / not aggregated".to_string(),
            };
            format!("báo cáo trực tiếp / reported ({agg})")
        }
        None => String::new(),
    }
}

fn asean_title(fw: &AseanFramework, code: &str) -> String {
    fw.node(code).map(|n| n.title.en.clone()).unwrap_or_default()
}

/// Goal and target nodes once (Lai Châu's wording first, other provinces' when it differs).
fn framework_nodes(fw: &AseanFramework) -> Vec<(&AseanNode, Vec<&AseanNode>)> {
    let mut codes: Vec<&str> = fw
        .nodes
        .iter()
        .filter(|n| n.level != AseanLevel::Task)
        .map(|n| n.code.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    codes.sort_by_key(|c| AseanFramework::sort_key(c));
    codes
        .into_iter()
        .filter_map(|code| {
            let mut same: Vec<&AseanNode> = fw
                .nodes
                .iter()
                .filter(|n| n.level != AseanLevel::Task && n.code == code)
                .collect();
            same.sort_by_key(|n| (n.province != "lai_chau", n.province.clone()));
            let first = *same.first()?;
            let others = same[1..]
                .iter()
                .copied()
                .filter(|n| n.title.vi != first.title.vi)
                .collect();
            Some((first, others))
        })
        .collect()
}

pub fn render(c: &Catalog, inputs: &DocumentInputs) -> String {
    let mut o = String::new();
    let targets: usize = c.plans.values().map(|p| p.spec.targets.len()).sum();
    let _ = writeln!(o, "# Danh mục chỉ tiêu / Catalogue\n");
    let _ = writeln!(
        o,
        "> Tệp này được sinh từ danh mục (`indicators/`) và số liệu (`data/`) bằng lệnh `chitieu doc catalogue --out docs/catalogue.md`; đừng sửa tay.  \n> Generated from the catalogue (`indicators/`) and the data (`data/`) by `chitieu doc catalogue --out docs/catalogue.md`; do not edit by hand.\n"
    );
    let _ = writeln!(o, "| | số lượng / count |\n|---|---:|");
    for (label, n) in [
        ("Kế hoạch / plans", c.plans.len()),
        ("Chỉ tiêu kế hoạch / plan targets", targets),
        ("Chỉ số / indicators", c.indicators.len()),
        ("Chuỗi số liệu gốc / raw series", c.series.len()),
        ("Nút khung ASEAN / ASEAN framework nodes", c.asean.nodes.len()),
    ] {
        let _ = writeln!(o, "| {label} | {n} |");
    }
    for r in &inputs.records {
        let _ = writeln!(o, "| {} | {} |", both(&r.title), r.rows.len());
    }
    let _ = writeln!(
        o,
        "\n1. Kế hoạch / Plans\n2. Chỉ số / Indicators\n3. Chuỗi số liệu gốc / Raw series\n4. Khung ASEAN / ASEAN framework\n5. Số liệu không nạp / Records kept out of the data\n"
    );
    plans(&mut o, c, inputs);
    indicators(&mut o, c);
    series(&mut o, c);
    asean(&mut o, c);
    records(&mut o, inputs);
    o
}

fn plans(o: &mut String, c: &Catalog, inputs: &DocumentInputs) {
    let _ = writeln!(o, "## 1. Kế hoạch / Plans\n");
    for (id, d) in &c.plans {
        plan(o, c, id, &d.spec, inputs);
    }
}

fn plan(o: &mut String, c: &Catalog, id: &str, p: &PlanSpec, inputs: &DocumentInputs) {
    let _ = writeln!(o, "### `{id}`\n\n**{}**  \n*{}*\n", p.title.vi, p.title.en);
    if let Some(doc) = &p.document {
        let _ = writeln!(o, "- Văn bản / document: {doc}");
    }
    if let Some(i) = &p.issuer {
        let _ = writeln!(o, "- Cơ quan ban hành / issuer: {}", both(i));
    }
    let area = inputs
        .area_names
        .get(&p.area.value)
        .map(|t| format!(" ({})", both(t)))
        .unwrap_or_default();
    let _ = writeln!(o, "- Địa bàn / area: `{}`{area}", p.area.value);
    let mut period = format!(
        "- Năm gốc / baseline year: {}; giai đoạn / period: {}–{}",
        p.baseline_year.value,
        p.start(),
        p.end()
    );
    if let Some(m) = p.midterm_year {
        let _ = write!(period, "; giữa kỳ / mid-term: {m}");
    }
    let _ = writeln!(o, "{period}");
    if let Some(a) = &p.asean_province {
        let _ = writeln!(o, "- Nhiệm vụ ASEAN của / ASEAN tasks of: `{a}`");
    }
    if let Some(n) = &p.note {
        let _ = writeln!(o, "- Ghi chú / note: {n}");
    }
    let _ = writeln!(o, "- Số chỉ tiêu / targets: {}\n", p.targets.len());
    let _ = writeln!(
        o,
        "| # | chỉ tiêu / target | chỉ số / indicator | điều khoản / clause | loại / kind | mục tiêu / goal | năm / year |\n|---:|---|---|---|---|---|---:|"
    );
    for (i, t) in p.targets.iter().enumerate() {
        let ind = c
            .indicator(&t.indicator.value)
            .map(|s| format!("`{}` {}", t.indicator.value, s.name.vi))
            .unwrap_or_else(|| format!("`{}`", t.indicator.value));
        let _ = writeln!(
            o,
            "| {} | `{}` | {} | {} | {} | {} | {} |",
            i + 1,
            t.id(),
            cell(&ind),
            cell(t.clause.as_deref().unwrap_or("")),
            kind_label(t.kind.value),
            cell(&goal(t)),
            p.target_year(t)
        );
    }
    let quoted: Vec<&TargetSpec> = p
        .targets
        .iter()
        .filter(|t| t.quote.is_some() || t.note.is_some())
        .collect();
    if !quoted.is_empty() {
        let _ = writeln!(o, "\nTrích dẫn và ghi chú / quotes and notes:\n");
        for (i, t) in p.targets.iter().enumerate() {
            if t.quote.is_none() && t.note.is_none() {
                continue;
            }
            let mut line = format!("{}. `{}`", i + 1, t.id());
            if let Some(q) = &t.quote {
                let _ = write!(line, " — “{}”", q.trim());
            }
            if let Some(n) = &t.note {
                let _ = write!(line, " — *{}*", n.trim());
            }
            let _ = writeln!(o, "{line}");
        }
    }
    let _ = writeln!(o);
}

fn indicators(o: &mut String, c: &Catalog) {
    let _ = writeln!(o, "## 2. Chỉ số / Indicators\n");
    let mut by_domain: BTreeMap<String, Vec<(&String, &IndicatorSpec)>> = BTreeMap::new();
    for (id, d) in &c.indicators {
        by_domain
            .entry(d.spec.domain.clone().unwrap_or_default())
            .or_default()
            .push((id, &d.spec));
    }
    for (domain, list) in &by_domain {
        let _ = writeln!(o, "### {}\n", both(&domain_label(domain)));
        for (id, s) in list {
            indicator(o, c, id, s);
        }
    }
}

fn indicator(o: &mut String, c: &Catalog, id: &str, s: &IndicatorSpec) {
    let _ = writeln!(o, "#### `{id}`\n\n**{}**  \n*{}*\n", s.name.vi, s.name.en);
    let _ = writeln!(o, "- Đơn vị / unit: {}", both(&s.unit));
    let _ = writeln!(o, "- Hướng / direction: {}", direction_label(s.direction()));
    let _ = writeln!(o, "- Cách tính / definition: {}", definition(c, id, s));
    let mut m = format!(
        "- Loại số đo / measure: {}",
        format!("{:?}", s.measure()).to_lowercase()
    );
    if let Some(d) = s.decimals {
        let _ = write!(m, "; số lẻ / decimals: {d}");
    }
    if let Some(l) = s.natural_limit {
        let _ = write!(m, "; giới hạn tự nhiên / natural limit: {}", num(l));
    }
    if s.stock {
        m.push_str("; số tồn / stock");
    }
    let _ = writeln!(o, "{m}");
    let codes: Vec<String> = s
        .asean
        .iter()
        .map(|a| {
            let t = asean_title(&c.asean, &a.value);
            if t.is_empty() {
                format!("`{}`", a.value)
            } else {
                format!("`{}` ({t})", a.value)
            }
        })
        .collect();
    let _ = writeln!(o, "- ASEAN: {}", codes.join("; "));
    if !s.asean_tasks.is_empty() {
        let tasks: Vec<String> = s
            .asean_tasks
            .iter()
            .map(|(p, ts)| {
                let codes: Vec<&str> = ts.iter().map(|t| t.value.as_str()).collect();
                format!("{p}: {}", codes.join(", "))
            })
            .collect();
        let _ = writeln!(o, "- Nhiệm vụ ASEAN / ASEAN tasks: {}", tasks.join("; "));
    }
    if !s.sources.is_empty() {
        let _ = writeln!(o, "- Nguồn / sources: {}", s.sources.join("; "));
    }
    let targets: Vec<String> = c
        .targets_of(id)
        .map(|(p, t)| format!("`{}` › `{}` {} ({})", p.id(), t.id(), goal(t), p.target_year(t)))
        .collect();
    if targets.is_empty() {
        let _ = writeln!(
            o,
            "- Chỉ tiêu kế hoạch / plan targets: — (chỉ số bối cảnh / context indicator)"
        );
    } else {
        let _ = writeln!(o, "- Chỉ tiêu kế hoạch / plan targets: {}", targets.join("; "));
        let values: BTreeSet<String> = c
            .targets_of(id)
            .filter(|(_, t)| t.kind.value != TargetKind::Trend)
            .map(|(_, t)| goal(t))
            .collect();
        if values.len() > 1 {
            let _ = writeln!(
                o,
                "- Các kế hoạch khác nhau / plans disagree: {}",
                values.into_iter().collect::<Vec<_>>().join(" vs ")
            );
        }
    }
    if let Some(d) = &s.description {
        let _ = writeln!(o, "- Ghi chú / notes: {}  \n  *{}*", d.vi, d.en);
    }
    let _ = writeln!(o);
}

fn series(o: &mut String, c: &Catalog) {
    let _ = writeln!(o, "## 3. Chuỗi số liệu gốc / Raw series\n");
    let _ = writeln!(
        o,
        "Số liệu thô được cộng lên theo cấp hành chính trước khi tính công thức (tỷ lệ của tổng).  \n*Raw series are summed up the area hierarchy before any formula is applied (ratio of sums).*\n"
    );
    let _ = writeln!(
        o,
        "| id | tên / name | đơn vị / unit | cộng lên / aggregation | dùng trong / used by |\n|---|---|---|---|---|"
    );
    let mut used: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, def) in &c.definitions {
        let names: Vec<&str> = match def {
            Definition::Formula(f) => f.names.iter().map(String::as_str).collect(),
            Definition::GrowthOf(b) => vec![b.as_str()],
            Definition::Reported => vec![],
        };
        for n in names {
            used.entry(n).or_default().push(id.as_str());
        }
        if let Some(w) = c.indicators.get(id).and_then(|d| d.spec.weight.as_ref()) {
            used.entry(w.value.as_str()).or_default().push(id.as_str());
        }
    }
    for d in c.series.values() {
        if let Some(w) = &d.spec.weight {
            used.entry(w.value.as_str()).or_default().push(d.spec.id.value.as_str());
        }
    }
    for (id, d) in &c.series {
        let s = &d.spec;
        let agg = match (s.aggregate.value, &s.weight) {
            (Aggregation::Sum, _) => "sum".to_string(),
            (Aggregation::WeightedMean, Some(w)) => format!("weighted_mean (`{}`)", w.value),
            (Aggregation::WeightedMean, None) => "weighted_mean".to_string(),
            (Aggregation::None, _) => "none".to_string(),
        };
        let mut users: Vec<&str> = used.get(id.as_str()).cloned().unwrap_or_default();
        users.sort();
        users.dedup();
        let users: Vec<String> = users.iter().map(|u| format!("`{u}`")).collect();
        let _ = writeln!(
            o,
            "| `{id}` | {} | {} | {agg} | {} |",
            cell(&both(&s.name)),
            cell(&both(&s.unit)),
            users.join(", ")
        );
    }
    let _ = writeln!(o);
}

fn asean(o: &mut String, c: &Catalog) {
    let fw = &c.asean;
    let _ = writeln!(o, "## 4. Khung ASEAN / ASEAN framework\n");
    let _ = writeln!(
        o,
        "Kế hoạch chiến lược Cộng đồng Văn hóa - Xã hội ASEAN như hai tỉnh đã áp dụng: mục tiêu chiến lược, mục tiêu và nhiệm vụ có mã. Mã nhiệm vụ khác nhau giữa các tỉnh nên nhiệm vụ được định danh theo (tỉnh, mã). Cách gắn chỉ số với mã: docs/asean-mapping.md.  \n*The ASEAN Socio-Cultural Community strategic plan as both provinces adopted it: strategic goals, targets and coded tasks. Task codes differ between provinces, so a task is keyed on (province, code). How indicators map to codes: docs/asean-mapping.md.*\n"
    );
    let mut by_code: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, d) in &c.indicators {
        for a in &d.spec.asean {
            by_code.entry(a.value.as_str()).or_default().push(id.as_str());
        }
    }
    let _ = writeln!(
        o,
        "### 4.1 Mục tiêu chiến lược và mục tiêu / Strategic goals and targets\n"
    );
    for (n, others) in framework_nodes(fw) {
        let inds: Vec<String> = by_code
            .get(n.code.as_str())
            .map(|v| v.iter().map(|i| format!("`{i}`")).collect())
            .unwrap_or_default();
        let head = match n.level {
            AseanLevel::StrategicGoal => format!("**{}.** ", n.code),
            _ => format!("- **{}** ", n.code),
        };
        let _ = writeln!(o, "{head}{}  ", n.title.vi);
        let indent = if n.level == AseanLevel::StrategicGoal { "" } else { "  " };
        let _ = write!(o, "{indent}*{}*", n.title.en);
        for other in others {
            let _ = write!(o, "  \n{indent}({}: {})", other.province, other.title.vi);
        }
        if !inds.is_empty() {
            let _ = write!(o, "  \n{indent}Chỉ số / indicators: {}", inds.join(", "));
        }
        let _ = writeln!(o, "\n");
    }
    let provinces: Vec<&str> = fw.provinces().into_iter().collect();
    for (i, prov) in provinces.iter().enumerate() {
        let mut by_task: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (id, d) in &c.indicators {
            for t in d.spec.asean_tasks.get(*prov).into_iter().flatten() {
                by_task.entry(t.value.as_str()).or_default().push(id.as_str());
            }
        }
        let mut tasks: Vec<&AseanNode> = fw
            .nodes
            .iter()
            .filter(|n| n.province == *prov && n.level == AseanLevel::Task)
            .collect();
        tasks.sort_by_key(|n| AseanFramework::sort_key(&n.code));
        let _ = writeln!(
            o,
            "### 4.{} Nhiệm vụ của `{prov}` / Tasks of `{prov}` ({} nhiệm vụ / tasks)\n",
            i + 2,
            tasks.len()
        );
        let _ = writeln!(
            o,
            "| mã / code | nhiệm vụ / task | chủ trì / lead | phối hợp / support | thời gian / timeframe | chỉ số / indicators |\n|---|---|---|---|---|---|"
        );
        for t in tasks {
            let inds: Vec<String> = by_task
                .get(t.code.as_str())
                .map(|v| v.iter().map(|i| format!("`{i}`")).collect())
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "| {} | {}<br>*{}* | {} | {} | {} | {} |",
                t.code,
                cell(&t.title.vi),
                cell(&t.title.en),
                cell(&t.lead_agencies.join("; ")),
                cell(&t.support_agencies.join("; ")),
                cell(&both(&t.timeframe)),
                inds.join(", ")
            );
        }
        let _ = writeln!(o);
    }
}

fn records(o: &mut String, inputs: &DocumentInputs) {
    let _ = writeln!(o, "## 5. Số liệu không nạp / Records kept out of the data\n");
    if inputs.records.is_empty() {
        let _ = writeln!(o, "—\n");
    }
    for (i, r) in inputs.records.iter().enumerate() {
        let _ = writeln!(o, "### 5.{} {}\n", i + 1, both(&r.title));
        if !r.intro.vi.is_empty() {
            let _ = writeln!(o, "{}  \n*{}*\n", r.intro.vi, r.intro.en);
        }
        let _ = writeln!(
            o,
            "| {} |",
            r.header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | ")
        );
        let _ = writeln!(o, "|{}", "---|".repeat(r.header.len()));
        for row in &r.rows {
            let _ = writeln!(o, "| {} |", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
        }
        let _ = writeln!(o);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_on_one_line() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(num(13.5), "13.5");
        assert_eq!(num(1500.0), "1500");
        assert_eq!(num(-3.0), "-3");
    }
}
