//! Gap-to-target tables through the binary: every format, the workbook read back, explain.

use calamine::{Data, Reader, Xlsx, open_workbook};
use predicates::prelude::*;

use crate::support::{AREAS, HEALTH, Project};

pub const EXTRA: &str = r#"  - id: forest_cover
    name: {vi: "=Tỷ lệ che phủ rừng", en: "=Forest cover"}
    unit: {vi: "%", en: "%"}
    direction: increase
    reported: true
    decimals: 1
"#;

pub const PLAN_A: &str = r#"id: plan_a
title: {vi: "Kế hoạch A", en: "Plan A"}
document: "003_x.txt"
area: "p"
baseline_year: 2020
period: [2021, 2030]
targets:
  - {indicator: doctors_per_10k, kind: level, op: ">", value: 13.5, clause: "(10)", quote: "trên 13,5 bác sỹ/1 vạn dân"}
  - {indicator: forest_cover, kind: level, op: ">=", value: 55, clause: "(15)"}
"#;

pub const PLAN_B: &str = r#"id: plan_b
title: {vi: "Kế hoạch B", en: "Plan B"}
document: "004_y.txt"
area: "p"
baseline_year: 2020
period: [2021, 2030]
targets:
  - {indicator: doctors_per_10k, kind: level, op: ">", value: 13, clause: "II.2.1"}
"#;

/// Doctors per 10,000 in p: 8.0 (2020) → 10.0 (2024); forest cover 42.0 → 46.2 (methodology §3.1).
pub const DATA: &str = "series,area,year,value,status\n\
doctors,a,2020,50,\npopulation,a,2020,80000,\ndoctors,b,2020,30,\npopulation,b,2020,20000,\n\
doctors,a,2024,60,E\npopulation,a,2024,80000,\ndoctors,b,2024,40,\npopulation,b,2024,20000,\n\
forest_cover,p,2020,42.0,\nforest_cover,p,2024,46.2,\n";

pub fn project() -> Project {
    Project::new(&[
        ("indicators/health.yaml", &format!("{HEALTH}{EXTRA}")),
        ("indicators/plans/a.yaml", PLAN_A),
        ("indicators/plans/b.yaml", PLAN_B),
        ("data/areas.csv", AREAS),
        ("data/obs.csv", DATA),
    ])
}

#[test]
fn the_terminal_table_fits_100_columns_and_names_the_status() {
    let out = project()
        .cmd()
        .env_remove("COLUMNS")
        .args(["eval", "--plan", "plan_a"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    assert!(text.contains("Cần đẩy nhanh"), "{text}");
    assert!(text.contains("0/2 chỉ tiêu đã đạt hoặc vượt"), "{text}");
    assert!(text.contains("10,0 (2024 E)"), "the estimate is flagged: {text}");
}

#[test]
fn markdown_has_the_vietnamese_report_columns() {
    project()
        .cmd()
        .args(["eval", "--plan", "plan_a", "--format", "md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("So với cùng kỳ (%)"))
        .stdout(predicate::str::contains("So với KH (%)"))
        .stdout(predicate::str::contains(
            "| 42,0 (2020) | 46,2 (2024) | ≥ 55,0 (2030) |",
        ))
        .stdout(predicate::str::contains("| 0,81 | Cần đẩy nhanh |"));
}

#[test]
fn csv_keeps_full_precision_and_neutralises_formulas() {
    let out = project()
        .cmd()
        .args(["eval", "--plan", "plan_a", "--format", "csv", "--lang", "en"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    // Ratio 0.8076923… unrounded; the "=Forest cover" name cannot become a formula.
    assert!(text.contains(",0.8076923076923"), "{text}");
    assert!(text.contains(",'=Forest cover,"), "{text}");
    assert!(!text.contains(",=Forest"), "{text}");
}

#[test]
fn json_carries_rollups_and_disagreements() {
    let out = project()
        .cmd()
        .args(["eval", "--plan", "plan_a", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["overall"]["total"], 2);
    assert_eq!(v["disagreements"][0]["indicator"], "doctors_per_10k");
    assert_eq!(v["rows"].as_array().unwrap().len(), 2);
}

#[test]
fn the_workbook_reads_back_with_numbers_and_statuses() {
    let p = project();
    let path = p.path().join("gap.xlsx");
    p.cmd()
        .args(["eval", "--plan", "plan_a", "--format", "xlsx", "--out"])
        .arg(&path)
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["Bảng đánh giá", "Theo mục tiêu ASEAN", "Số liệu"]
    );
    let range = wb.worksheet_range("Bảng đánh giá").unwrap();
    let rows: Vec<_> = range.rows().collect();
    assert_eq!(rows.len(), 3);
    let forest = rows
        .iter()
        .find(|r| r[0] == Data::String("=Tỷ lệ che phủ rừng".into()))
        .expect("forest row");
    assert_eq!(forest[4], Data::Float(42.0), "baseline is a number");
    assert_eq!(forest[6], Data::Float(46.2), "latest is a number");
    assert!(
        matches!(forest[17], Data::Float(r) if (r - 0.8076923).abs() < 1e-6),
        "ratio is a number: {:?}",
        forest[17]
    );
    assert_eq!(forest[19], Data::String("Cần đẩy nhanh".into()));
    // The status fill colour is in the styles, and the formula-like name is stored as quoted text.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    let orange = chitieu::report::theme_status_hex(chitieu::progress::Status::NeedsAcceleration).replace('#', "FF");
    assert!(styles.contains(&orange), "needs-acceleration fill {orange}");
    assert!(
        styles.contains("quotePrefix=\"1\""),
        "formula-like text is quote-prefixed"
    );
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    assert!(
        sheet.contains("<pane xSplit=\"1\" ySplit=\"1\""),
        "frozen header and first column"
    );
    assert!(sheet.contains("<autoFilter"), "filters on the header");
}

#[test]
fn two_runs_give_the_same_workbook_bytes() {
    let p = project();
    let (a, b) = (p.path().join("a.xlsx"), p.path().join("b.xlsx"));
    p.cmd()
        .args(["eval", "--plan", "plan_a", "--format", "xlsx", "--out"])
        .arg(&a)
        .assert()
        .success();
    p.cmd()
        .args(["eval", "--plan", "plan_a", "--format", "xlsx", "--out"])
        .arg(&b)
        .assert()
        .success();
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

#[test]
fn sdmx_csv_of_the_values() {
    project()
        .cmd()
        .args([
            "eval",
            "--indicator",
            "doctors_per_10k",
            "--area",
            "p",
            "--format",
            "sdmx",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE\n",
        ))
        .stdout(predicate::str::contains(
            "dataflow,CHITIEU:DF_INDICATORS(1.0),I,p,doctors_per_10k,2024,10,E,",
        ));
}

/// Every value of every area once: one observation per value the JSON output lists (the export of
/// all areas once repeated an area's values for every indicator).
#[test]
fn sdmx_csv_of_every_value_lists_each_once() {
    let p = project();
    let run = |format: &str| p.cmd().args(["eval", "--format", format]).output().expect("run").stdout;
    let sdmx = String::from_utf8(run("sdmx")).expect("utf-8");
    let json: Vec<serde_json::Value> = serde_json::from_slice(&run("json")).expect("json");
    let with_value = json.iter().filter(|v| !v["value"].is_null()).count();
    let observations: Vec<&str> = sdmx.lines().skip(1).collect();
    let distinct: std::collections::BTreeSet<&str> = observations.iter().copied().collect();
    let kinds = |key: &str| {
        json.iter()
            .map(|v| v[key].to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    assert!(kinds("area") > 1 && kinds("indicator") > 1, "{sdmx}");
    assert_eq!(observations.len(), with_value, "{sdmx}");
    assert_eq!(distinct.len(), with_value, "{sdmx}");
}

/// The values table shows at most `--max-rows` values and says how many there are and how to get
/// them all; 0 shows all.
#[test]
fn the_values_table_shows_the_first_rows_and_says_so() {
    let p = project();
    let json = p.cmd().args(["eval", "--format", "json"]).output().expect("run").stdout;
    let total = serde_json::from_slice::<Vec<serde_json::Value>>(&json)
        .expect("json")
        .len();
    let table = |extra: &[&str]| {
        let out = p
            .cmd()
            .args(["eval", "--lang", "en"])
            .args(extra)
            .output()
            .expect("run");
        assert!(out.status.success());
        String::from_utf8(out.stdout).expect("utf-8")
    };
    // Table rows are the lines that start with a border and hold a year; their cells, trimmed
    // (column widths depend on the rows shown).
    let rows_of = |t: &str| -> Vec<Vec<String>> {
        t.lines()
            .filter(|l| l.starts_with('│') && l.contains(" 20"))
            .map(|l| l.split(['│', '┆']).map(|c| c.trim().to_string()).collect())
            .collect()
    };
    let rows = |t: &str| rows_of(t).len();
    let all = table(&[]);
    assert_eq!(rows(&all), total, "{all}");
    assert!(!all.contains("the first"));
    assert_eq!(table(&["--max-rows", "0"]), all);
    let two = table(&["--max-rows", "2"]);
    assert_eq!(rows(&two), 2, "{two}");
    assert!(
        two.contains(&format!(
            "the first 2 of {total} values: all of them with --format csv|json|parquet"
        )),
        "{two}"
    );
    assert_eq!(rows_of(&two), rows_of(&all)[..2], "{two}");
}

#[test]
fn explain_shows_both_plans_and_their_disagreement() {
    project()
        .cmd()
        .args(["explain", "doctors_per_10k", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("formula: doctors / population * 10000"))
        .stdout(predicate::str::contains("2024: 10.0 = 100 / 100,000 [E]"))
        .stdout(predicate::str::contains("Plan `plan_a`"))
        .stdout(predicate::str::contains("Plan `plan_b`"))
        .stdout(predicate::str::contains("trên 13,5 bác sỹ/1 vạn dân"))
        .stdout(predicate::str::contains("differs in: value"));
}

#[test]
fn the_open_sdg_method_can_be_asked_for() {
    project()
        .cmd()
        .args(["eval", "--plan", "plan_a", "--method", "open_sdg", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"method\": \"open_sdg\""));
}

#[test]
fn an_unknown_plan_suggests_the_closest() {
    project()
        .cmd()
        .args(["eval", "--plan", "plan_c"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown plan `plan_c`"))
        .stderr(predicate::str::contains("did you mean"));
}
