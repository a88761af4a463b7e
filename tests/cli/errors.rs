//! Bad input gets a clear error: file, line, column, what was expected, the likely fix.

use predicates::prelude::*;

use crate::support::{AREAS, HEALTH, Project, TWO_DISTRICTS};

fn project_with(indicators: &str, data: &str) -> Project {
    Project::new(&[
        ("indicators/health.yaml", indicators),
        ("data/areas.csv", AREAS),
        ("data/obs.csv", data),
    ])
}

#[test]
fn unknown_series_in_a_formula_suggests_the_right_one() {
    let yaml = HEALTH.replace("formula: doctors / population", "formula: doctor / population");
    project_with(&yaml, TWO_DISTRICTS)
        .cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown series or indicator `doctor`"))
        .stderr(predicate::str::contains("indicators/health.yaml:15:14"))
        .stderr(predicate::str::contains("did you mean `doctors`?"))
        .stderr(predicate::str::contains("^^^^^^"));
}

#[test]
fn other_commands_exit_2_on_the_same_error() {
    let yaml = HEALTH.replace("formula: doctors / population", "formula: doctor / population");
    project_with(&yaml, TWO_DISTRICTS)
        .cmd()
        .arg("eval")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `doctors`?"));
}

#[test]
fn a_cycle_is_reported_as_its_path() {
    let yaml = format!(
        "{HEALTH}  - id: a\n    name: {{vi: a, en: a}}\n    unit: {{vi: x, en: x}}\n    direction: increase\n    formula: b + 1\n  - id: b\n    name: {{vi: b, en: b}}\n    unit: {{vi: x, en: x}}\n    direction: increase\n    formula: c * 2\n  - id: c\n    name: {{vi: c, en: c}}\n    unit: {{vi: x, en: x}}\n    direction: increase\n    formula: a - 1\n"
    );
    project_with(&yaml, TWO_DISTRICTS)
        .cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a → b → c → a"));
}

#[test]
fn duplicate_rows_name_both_places() {
    let data = format!("{TWO_DISTRICTS}doctors,a,2024,51\n");
    project_with(HEALTH, &data)
        .cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("two values for doctors in area a, 2024"))
        .stderr(predicate::str::contains("data/obs.csv:2"))
        .stderr(predicate::str::contains("data/obs.csv:6"));
}

#[test]
fn different_vintages_are_revisions_not_duplicates() {
    let data = "series,area,year,value,vintage\ndoctors,a,2024,50,2024-06-01\ndoctors,a,2024,55,2025-03-01\npopulation,a,2024,80000,\ndoctors,b,2024,30,\npopulation,b,2024,20000,\n";
    let p = project_with(HEALTH, data);
    p.cmd()
        .args(["eval", "--area", "a", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(",a,Huyện A,2024,6.875,55,80000,"));
    // As the data stood before the revision.
    p.cmd()
        .args(["eval", "--area", "a", "--format", "csv", "--vintage", "2024-12-31"])
        .assert()
        .success()
        .stdout(predicate::str::contains(",a,Huyện A,2024,6.25,50,80000,"));
}

#[test]
fn a_non_numeric_value_names_its_line_and_column() {
    let data = "series,area,year,value\ndoctors,a,2024,50\npopulation,a,2024,n/a\n";
    project_with(HEALTH, data)
        .cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`n/a` is not a number"))
        .stderr(predicate::str::contains("data/obs.csv:3:19"))
        .stderr(predicate::str::contains("missing: [\"n/a\"]"));
}

#[test]
fn a_decimal_comma_without_declaration_is_explained() {
    let data = "series,area,year,value\ndoctors,a,2024,\"1.234,5\"\n";
    project_with(HEALTH, data)
        .cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`1.234,5` is not a number"))
        .stderr(predicate::str::contains("decimal: comma"));
}

#[test]
fn a_declared_decimal_comma_and_semicolons_with_bom_are_read() {
    let p = Project::new(&[
        ("indicators/health.yaml", HEALTH),
        ("data/areas.csv", AREAS),
        (
            "data/files.yaml",
            "files:\n  - path: so_lieu.csv\n    decimal: comma\n    missing: [\"..\"]\n",
        ),
    ]);
    p.write(
        "data/so_lieu.csv",
        "\u{feff}series;area;year;value\ndoctors;a;2024;50\npopulation;a;2024;80.000,0\ndoctors;b;2024;..\n".as_bytes(),
    );
    p.cmd()
        .args(["eval", "--area", "a", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(",a,Huyện A,2024,6.25,50,80000,"));
}

#[test]
fn a_yaml_typo_gives_line_column_and_the_field_it_meant() {
    let yaml = HEALTH.replace("    formula: doctors", "    formla: doctors");
    project_with(&yaml, TWO_DISTRICTS)
        .cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown field `formla`"))
        .stderr(predicate::str::contains("indicators/health.yaml:15:5"))
        .stderr(predicate::str::contains("did you mean `formula`?"));
}

#[test]
fn a_missing_direction_is_refused() {
    let yaml = HEALTH.replace("    direction: increase\n", "");
    project_with(&yaml, TWO_DISTRICTS)
        .cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing field `direction`"))
        .stderr(predicate::str::contains("there is no default"));
}

#[test]
fn unknown_series_and_areas_in_the_data_are_named() {
    let data = "series,area,year,value\ndoctor,a,2024,50\ndoctors,Huyện A,2024,5\n";
    project_with(HEALTH, data)
        .cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown series `doctor`"))
        .stderr(predicate::str::contains("did you mean `doctors`?"))
        .stderr(predicate::str::contains(
            "`Huyện A` is the name of area `a`; use its code",
        ));
}

#[test]
fn a_zero_denominator_gives_no_value_and_a_finding() {
    let data = "series,area,year,value\ndoctors,a,2024,50\npopulation,a,2024,0\n";
    let p = project_with(HEALTH, data);
    p.cmd()
        .args(["eval", "--area", "a", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("doctors_per_10k,a,Huyện A,2024,,50,0,"))
        .stdout(predicate::str::contains("inf").not())
        .stdout(predicate::str::contains("NaN").not());
    p.cmd()
        .args(["validate", "--warnings"])
        .assert()
        .success()
        .stderr(predicate::str::contains("zero-denominator"));
}

#[test]
fn one_yaml_typo_does_not_cascade_into_unknown_names() {
    let yaml = HEALTH.replace("    formula: doctors", "    formla: doctors");
    let plan = "id: p1\ntitle: {vi: a, en: a}\narea: \"p\"\nbaseline_year: 2020\nperiod: [2021, 2025]\ntargets:\n  - {indicator: doctors_per_10k, kind: level, op: \">=\", value: 10}\n";
    let p = Project::new(&[
        ("indicators/health.yaml", &yaml),
        ("indicators/plans/p1.yaml", plan),
        ("data/areas.csv", AREAS),
        ("data/obs.csv", TWO_DISTRICTS),
    ]);
    p.cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown field `formla`"))
        .stderr(predicate::str::contains("unknown indicator").not())
        .stderr(predicate::str::contains("unknown series `doctors`").not())
        .stderr(predicate::str::contains("1 error,"));
}
