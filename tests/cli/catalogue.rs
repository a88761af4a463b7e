//! The shipped catalogue: every target of the seed documents, the five plans, the ASEAN mapping and the
//! generated catalogue document.

use std::collections::BTreeMap;

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Project, chitieu, repo};

fn json(args: &[&str]) -> Value {
    let out = chitieu().args(args).assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("JSON output")
}

/// The rows of docs/reference/seed-targets.tsv (the extraction of documents 001, 003 and 004) as maps.
fn seed_rows() -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(repo().join("docs/reference/seed-targets.tsv")).expect("seed TSV");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            header
                .iter()
                .zip(l.split('\t'))
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn plan_of(seed_file: &str) -> &'static str {
    match &seed_file[..3] {
        "003" => "lai_chau_sedp_2026_2030",
        "004" => "lai_chau_r42_2030",
        "001" => "lai_chau_ascc_2026_2030",
        other => panic!("no plan for seed document {other}"),
    }
}

/// The documented mapping of TSV kinds to target kinds (docs/catalogue-decisions.md).
fn kind_of(tsv_kind: &str) -> &'static str {
    match tsv_kind {
        "level_min" | "level_max" => "level",
        "level_range" => "range",
        "annual_change_pp" => "annual_change",
        "growth_rate_avg" => "growth",
        "period_average" | "share_structure" => "period_average",
        "annual_flow" => "annual_flow",
        "cumulative" => "cumulative",
        "milestone" => "milestone",
        other => panic!("unknown TSV kind {other}"),
    }
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

#[test]
fn every_seed_target_is_a_target_of_its_plan_with_kind_comparator_and_value() {
    let rows = seed_rows();
    assert_eq!(rows.len(), 120, "the seed TSV has 120 targets");
    let targets = json(&["list", "targets", "--format", "json"]);
    let targets = targets.as_array().expect("array");
    let find = |plan: &str, id: &str| {
        targets
            .iter()
            .find(|t| t["plan"] == plan && t["id"] == id)
            .unwrap_or_else(|| panic!("target `{id}` missing from plan `{plan}`"))
    };
    for r in &rows {
        let plan = plan_of(&r["seed_file"]);
        let t = find(plan, &r["id"]);
        let what = format!("{plan} › {}", r["id"]);
        assert_eq!(t["kind"], kind_of(&r["target_kind"]), "{what}: kind");
        assert_eq!(t["clause"], r["section"].as_str(), "{what}: clause");
        assert_eq!(t["quote"], r["quote_vi"].as_str(), "{what}: the quote must be exact");
        let tsv_value = r["target_value"].parse::<f64>().ok();
        if r["comparator"] == "between" {
            assert!(t["op"].is_null(), "{what}: a range has no comparator");
            assert_eq!(number(&t["min"]), tsv_value, "{what}: min");
            assert_eq!(
                number(&t["max"]),
                r["target_value_2"].parse::<f64>().ok(),
                "{what}: max"
            );
        } else {
            assert_eq!(t["op"], r["comparator"].as_str(), "{what}: comparator");
            assert_eq!(number(&t["value"]), tsv_value, "{what}: value");
        }
        let year: Option<i64> = r["target_year"]
            .split(' ')
            .next()
            .and_then(|y| y.rsplit('-').next())
            .and_then(|y| y.parse().ok());
        if let Some(y) = year {
            assert_eq!(t["year"].as_i64(), Some(y), "{what}: year");
        }
    }
    // Comparators follow the wording: đạt ≥, trên >, dưới <, khoảng ~.
    let about = find("lai_chau_sedp_2026_2030", "grdp_growth_avg");
    assert_eq!(about["op"], "~");
    let below = find("lai_chau_r42_2030", "stunting_rate_under5");
    assert_eq!((below["op"].as_str(), number(&below["value"])), (Some("<"), Some(18.0)));
}

#[test]
fn list_plans_shows_the_five_plans_with_their_target_counts() {
    let plans = json(&["list", "plans", "--format", "json"]);
    let counts: BTreeMap<String, u64> = plans
        .as_array()
        .expect("array")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap_or_default().to_string(),
                p["targets"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected: BTreeMap<String, u64> = [
        ("dong_thap_ascc_2026_2035", 22),
        ("lai_chau_ascc_2026_2030", 1),
        ("lai_chau_r42_2030", 50),
        ("lai_chau_sedp_2021_2025", 11),
        ("lai_chau_sedp_2026_2030", 69),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(counts, expected);
    for p in plans.as_array().expect("array") {
        assert!(p["document"].as_str().is_some_and(|d| !d.is_empty()), "{p}: document");
    }
    chitieu()
        .args(["list", "plans"])
        .assert()
        .success()
        .stdout(predicate::str::contains("lai_chau_sedp_2021_2025"))
        .stdout(predicate::str::contains("69"));
}

#[test]
fn every_target_cites_its_clause() {
    let targets = json(&["list", "targets", "--format", "json"]);
    for t in targets.as_array().expect("array") {
        assert!(t["clause"].as_str().is_some_and(|c| !c.is_empty()), "{t}: clause");
    }
}

#[test]
fn doctors_per_10k_shows_the_targets_of_both_plans_and_their_sources() {
    let csv = chitieu()
        .args(["list", "targets", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(csv).expect("utf-8");
    let doctors: Vec<&str> = csv.lines().filter(|l| l.contains(",doctors_per_10k,")).collect();
    assert!(
        doctors
            .iter()
            .any(|l| l.starts_with("lai_chau_sedp_2026_2030,") && l.contains("> 13.5")),
        "{doctors:?}"
    );
    assert!(
        doctors
            .iter()
            .any(|l| l.starts_with("lai_chau_r42_2030,") && l.contains("> 13,")),
        "{doctors:?}"
    );
    let indicators = json(&["list", "indicators", "--format", "json"]);
    let d = indicators
        .as_array()
        .expect("array")
        .iter()
        .find(|i| i["id"] == "doctors_per_10k")
        .expect("doctors_per_10k");
    assert_eq!(d["targets"], 3, "two plans with a value and the Đồng Tháp trend");
    let sources: Vec<&str> = d["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        sources.contains(&"003 I.2.2 (10)") && sources.contains(&"004 II.2.1"),
        "{sources:?}"
    );
}

#[test]
fn every_indicator_has_names_a_direction_and_asean_codes() {
    let indicators = json(&["list", "indicators", "--format", "json"]);
    for i in indicators.as_array().expect("array") {
        let id = i["id"].as_str().unwrap_or_default();
        assert!(!i["asean"].as_array().expect("asean").is_empty(), "{id}: no ASEAN code");
        for lang in ["vi", "en"] {
            assert!(
                i["name"][lang].as_str().is_some_and(|n| !n.is_empty()),
                "{id}: name.{lang}"
            );
        }
        assert!(
            !i["definition"].as_str().unwrap_or_default().is_empty(),
            "{id}: definition"
        );
    }
}

#[test]
fn the_same_indicator_carries_the_targets_of_several_documents() {
    // seed-targets.md §3: 15 ids appear in both 003 and 004; each is one indicator with two targets.
    let rows = seed_rows();
    let mut docs: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &rows {
        docs.entry(&r["id"]).or_default().push(&r["seed_file"][..3]);
    }
    let shared: Vec<&str> = docs.iter().filter(|(_, d)| d.len() > 1).map(|(id, _)| *id).collect();
    assert_eq!(shared.len(), 15, "{shared:?}");
    let targets = json(&["list", "targets", "--format", "json"]);
    for id in shared {
        let indicators: std::collections::BTreeSet<&str> = targets
            .as_array()
            .expect("array")
            .iter()
            .filter(|t| t["id"] == id && t["plan"].as_str().is_some_and(|p| p.starts_with("lai_chau_")))
            .filter_map(|t| t["indicator"].as_str())
            .collect();
        assert_eq!(
            indicators.len(),
            1,
            "`{id}` must name one indicator in both plans: {indicators:?}"
        );
    }
}

#[test]
fn the_catalogue_document_is_up_to_date() {
    let out = chitieu()
        .args(["doc", "catalogue"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let generated = String::from_utf8(out).expect("utf-8");
    let committed = std::fs::read_to_string(repo().join("docs/catalogue.md")).expect("docs/catalogue.md");
    assert!(
        generated == committed,
        "docs/catalogue.md is stale: run `cargo run -- doc catalogue --out docs/catalogue.md`"
    );
    for needle in [
        "`lai_chau_sedp_2021_2025`",
        "`doctors_per_10k` > 13.5",
        "Số liệu mâu thuẫn",
        "hoàn thành 1.500 căn nhà ở xã hội xã hội",
        "### 4.3 Nhiệm vụ của `lai_chau`",
    ] {
        assert!(committed.contains(needle), "the document lacks {needle}");
    }
}

#[test]
fn asean_task_codes_are_checked_per_province() {
    let framework = std::fs::read(repo().join("indicators/asean/framework.csv")).expect("framework");
    let p = Project::new(&[
        ("data/areas.csv", crate::support::AREAS),
        ("data/obs.csv", crate::support::TWO_DISTRICTS),
        (
            "indicators/health.yaml",
            &crate::support::HEALTH.replace(
                "    decimals: 1\n",
                "    decimals: 1\n    asean: [\"4.1\"]\n    asean_tasks: {lai_chau: [\"4.1.1\", \"4.1.9\"], quang_nam: [\"4.1.1\"]}\n",
            ),
        ),
    ]);
    p.write("indicators/asean/framework.csv", &framework);
    p.cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown ASEAN task `4.1.9` of `lai_chau`"))
        .stderr(predicate::str::contains("`quang_nam`, a province with no tasks"));
}
