//! The bad-input suite (issue 8): one fixture per kind of bad input, each run through `validate`
//! (exit 1: findings) and through at least one other command (exit 2: an error). Every case checks
//! the file, the line (and the column where there is one), what was expected and the fix, and that
//! nothing panicked.
//!
//! A fixture is `tests/fixtures/bad/<case>/`: only the files that differ from the small valid
//! project in `tests/fixtures/bad/base/`. Binary inputs (UTF-16, Windows-1258, workbooks, Parquet)
//! are made in the test.

use std::path::{Path, PathBuf};

use crate::support::{Project, repo};

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/bad")
}

fn copy_into(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).expect("fixture folder").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_into(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy fixture");
        }
    }
}

/// The base project with the case's files laid over it, in a temporary folder.
fn case(name: &str) -> Project {
    let p = Project::new(&[]);
    copy_into(&fixtures().join("base"), p.path());
    if name != "base" {
        let overlay = fixtures().join(name);
        assert!(overlay.is_dir(), "no fixture {}", overlay.display());
        copy_into(&overlay, p.path());
    }
    p
}

/// Run `args`, check the exit code, that stderr holds every expected text, and that nothing
/// panicked. Returns stderr.
fn run(p: &Project, args: &[&str], code: i32, expected: &[&str]) -> String {
    let out = p.cmd().args(args).output().expect("run chitieu");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        out.status.code(),
        Some(code),
        "`chitieu {}` exited with {:?}, not {code}:\n{stderr}",
        args.join(" "),
        out.status.code()
    );
    for e in expected {
        assert!(
            stderr.contains(e),
            "`chitieu {}`: `{e}` not in:\n{stderr}",
            args.join(" ")
        );
    }
    for bad in ["panicked", "stack backtrace", "RUST_BACKTRACE"] {
        assert!(
            !stderr.contains(bad),
            "`chitieu {}` panicked:\n{stderr}",
            args.join(" ")
        );
    }
    stderr
}

/// `validate` finds it (exit 1); `command` refuses to work on it (exit 2), with the same message.
fn both(p: &Project, command: &[&str], expected: &[&str]) {
    run(p, &["validate"], 1, expected);
    run(p, command, 2, expected);
}

#[test]
fn the_base_fixture_is_valid() {
    let p = case("base");
    let out = p.cmd().arg("validate").output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

// ---- the catalogue (YAML) ----

#[test]
fn malformed_yaml_points_at_the_unclosed_brace() {
    both(
        &case("malformed_yaml"),
        &["eval"],
        &[
            "error[yaml-syntax]",
            "indicators/health.yaml:12:75",
            "did not find expected ',' or '}'",
            "add the missing `}`",
        ],
    );
}

#[test]
fn a_missing_colon_after_a_key_is_named() {
    both(
        &case("missing_colon"),
        &["eval", "--plan", "plan_a"],
        &[
            "error[unknown-field]",
            "indicators/health.yaml:12:5",
            "unknown field `name {vi`",
            "a colon is missing after the key: write `name: …`",
        ],
    );
}

#[test]
fn a_tab_in_the_indentation_is_pointed_at() {
    both(
        &case("tab_indent"),
        &["report", "--quiet"],
        &[
            "error[yaml-syntax]",
            "indicators/health.yaml:16:1",
            "found a tab",
            "indent with spaces",
        ],
    );
}

#[test]
fn an_unknown_field_in_a_plan_suggests_the_right_one() {
    both(
        &case("unknown_field"),
        &["explain", "doctors_per_10k"],
        &[
            "error[unknown-field]",
            "indicators/plans/plan_a.yaml:7:69",
            "unknown field `clase`",
            "did you mean `clause`?",
        ],
    );
}

#[test]
fn a_misspelt_value_suggests_the_right_one() {
    both(
        &case("misspelt_value"),
        &["chart", "doctors_per_10k", "--area", "p", "--out", "x.svg"],
        &[
            "error[unknown-value]",
            "indicators/health.yaml:14:16",
            "unknown value `increse`",
            "did you mean `increase`?",
        ],
    );
}

#[test]
fn a_percentage_where_a_number_is_expected() {
    both(
        &case("wrong_type"),
        &["eval", "--plan", "plan_a"],
        &[
            "error[wrong-type]",
            "indicators/plans/plan_a.yaml:7:63",
            "`55%` is not a number",
            "write numbers without units or quotes",
        ],
    );
}

#[test]
fn a_year_that_is_not_a_whole_number() {
    both(
        &case("wrong_type_year"),
        &["report", "--quiet"],
        &[
            "error[wrong-type]",
            "indicators/plans/plan_a.yaml:4:16",
            "`2020a` is not a whole number",
            "write a whole number",
        ],
    );
}

#[test]
fn a_missing_direction_points_at_its_indicator() {
    both(
        &case("missing_direction"),
        &["chart", "doctors_per_10k", "--area", "p", "--out", "x.png"],
        &[
            "error[missing-field]",
            "indicators/health.yaml:11:3",
            "11 |   - id: doctors_per_10k",
            "missing field `direction`",
            "`direction: increase`, `decrease` or `band` (there is no default)",
        ],
    );
}

#[test]
fn an_unknown_series_in_a_formula() {
    both(
        &case("unknown_series_formula"),
        &["explain", "doctors_per_10k"],
        &[
            "error[unknown-series]",
            "indicators/health.yaml:15:24",
            "unknown series or indicator `populaton`",
            "did you mean `population`?",
        ],
    );
}

#[test]
fn an_unknown_series_in_the_data() {
    both(
        &case("unknown_series_data"),
        &["report", "--quiet"],
        &[
            "error[unknown-series]",
            "data/obs.csv:10",
            "unknown series `doctor`",
            "did you mean `doctors`?",
        ],
    );
}

#[test]
fn an_unknown_indicator_in_a_target() {
    both(
        &case("unknown_indicator"),
        &["eval", "--plan", "plan_a"],
        &[
            "error[unknown-indicator]",
            "indicators/plans/plan_a.yaml:7:17",
            "names unknown indicator `doctor_per_10k`",
            "did you mean `doctors_per_10k`?",
        ],
    );
}

#[test]
fn unknown_areas_in_a_plan_and_in_the_data() {
    both(
        &case("unknown_area"),
        &["eval"],
        &[
            "error[unknown-area]",
            "indicators/plans/plan_a.yaml:3:8",
            "plan `plan_a` is for unknown area `Tỉnh`",
            "`Tỉnh` is the name of area `p`; use its code",
            "data/obs.csv:10",
            "unknown area `c`",
        ],
    );
}

#[test]
fn unknown_ids_on_the_command_line_suggest_the_closest() {
    let p = case("base");
    run(
        &p,
        &["eval", "--plan", "plan_b"],
        2,
        &["error[unknown-plan]", "unknown plan `plan_b`", "did you mean `plan_a`?"],
    );
    run(
        &p,
        &["explain", "doctors_per10k"],
        2,
        &["error[unknown-indicator]", "did you mean `doctors_per_10k`?"],
    );
    run(
        &p,
        &["eval", "--area", "Huyện A"],
        2,
        &["error[unknown-area]", "`Huyện A` is the name of area `a`; use its code"],
    );
    run(
        &p,
        &["report", "--plan", "plan_a", "--area", "../b"],
        2,
        &["error[unknown-area]", "unknown area `../b`"],
    );
}

#[test]
fn an_unknown_asean_code() {
    both(
        &case("unknown_asean"),
        &["eval", "--plan", "plan_a"],
        &[
            "error[unknown-asean-code]",
            "indicators/health.yaml:17:13",
            "unknown ASEAN code `4.7`",
            "did you mean `4.1`?",
        ],
    );
}

#[test]
fn a_dependency_cycle_is_printed_as_its_path() {
    both(
        &case("cycle"),
        &["report", "--quiet"],
        &[
            "error[dependency-cycle]",
            "indicators/health.yaml:21:14",
            "a_rate → b_rate → a_rate",
            "must read raw series instead",
        ],
    );
}

#[test]
fn an_id_defined_in_two_files_names_both() {
    both(
        &case("duplicate_ids"),
        &["eval"],
        &[
            "error[duplicate-id]",
            "indicators/other.yaml:2:9",
            "series `doctors` is defined twice",
            "the other definition is in `indicators/health.yaml`",
        ],
    );
}

#[test]
fn infinite_target_values_are_refused() {
    both(
        &case("infinite_target"),
        &["eval", "--plan", "plan_a"],
        &[
            "error[invalid-value]",
            "indicators/plans/plan_a.yaml:7:63",
            "the value must be a finite number",
            "`.inf` and `.nan` are not targets",
        ],
    );
}

#[test]
fn a_target_due_before_the_baseline() {
    both(
        &case("target_before_baseline"),
        &["report", "--quiet"],
        &[
            "error[target-before-baseline]",
            "indicators/plans/plan_a.yaml:7:91",
            "is due in 2019, before the plan's baseline year 2020",
            "a target cannot be due before its baseline",
        ],
    );
}

#[test]
fn a_formula_that_gives_text_is_caught_at_its_line() {
    both(
        &case("formula_not_a_number"),
        &["eval"],
        &[
            "error[formula-type]",
            "indicators/health.yaml:15:14",
            "the formula gives text, not a number",
            "compute a number from the series",
        ],
    );
}

#[test]
fn a_path_as_a_plan_id_never_reaches_the_file_system() {
    let p = case("path_in_plan_id");
    both(
        &p,
        &["report", "--quiet"],
        &[
            "error[invalid-id]",
            "indicators/plans/plan_a.yaml:1:5",
            "plan id `../../outside` is not a valid id",
            "try `outside`",
        ],
    );
    let parent = p.path().parent().expect("temp parent");
    assert!(!parent.join("outside").exists(), "a report was written outside");
    assert!(!p.path().join("outside").exists());
}

// ---- the data ----

#[test]
fn observations_duplicated_across_files_name_both_places() {
    both(
        &case("duplicate_observations"),
        &["eval", "--plan", "plan_a"],
        &[
            "error[duplicate-observation]",
            "data/obs.csv:8",
            "two values for doctors in area b, 2024: here and at data/obs_2024.csv:2",
            "give each a different `vintage`",
        ],
    );
}

#[test]
fn values_that_are_not_numbers_each_get_their_fix() {
    both(
        &case("non_numeric"),
        &["report", "--quiet"],
        &[
            "error[not-a-number]",
            "data/obs.csv:10:16",
            "`..` is not a number",
            "missing: [\"..\"]",
            "data/obs.csv:11:16",
            "`n/a` is not a number",
            "data/obs.csv:12:17",
            "`1.234,5` is not a number",
            "decimal: comma",
            "data/obs.csv:13:19",
            "write the number without `%`",
        ],
    );
}

#[test]
fn a_dot_decimal_in_a_decimal_comma_file_is_not_read_as_thousands() {
    // `3.5` in a file declared `decimal: comma` would silently become 35.
    both(
        &case("decimal_comma_declared"),
        &["eval"],
        &[
            "error[not-a-number]",
            "data/obs.csv:4:16",
            "`3.5` is not a number",
            "`.` only groups thousands",
        ],
    );
}

#[test]
fn empty_files_are_named() {
    both(
        &case("empty_files"),
        &["eval"],
        &[
            "error[empty-file]",
            "data/obs.csv",
            "indicators/empty.yaml",
            "the file is empty",
            "remove the file, or give it its definitions",
        ],
    );
}

#[test]
fn a_header_only_observation_file() {
    both(
        &case("header_only_observations"),
        &["explain", "doctors_per_10k"],
        &[
            "error[empty-file]",
            "data/obs.csv:1",
            "the file has a header but no rows",
            "add observations below the header",
        ],
    );
}

#[test]
fn a_header_only_area_list() {
    both(
        &case("header_only_areas"),
        &["eval"],
        &[
            "error[empty-file]",
            "data/areas.csv:1",
            "the area list has a header but no areas",
            "add one row per area",
        ],
    );
}

fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend(u.to_le_bytes());
    }
    out
}

#[test]
fn utf16_files_are_named_with_the_fix() {
    let p = case("base");
    let obs = std::fs::read_to_string(p.path().join("data/obs.csv")).expect("obs");
    p.write("data/obs.csv", &utf16(&obs));
    both(
        &p,
        &["eval"],
        &[
            "error[encoding]",
            "data/obs.csv",
            "the file is UTF-16",
            "save it again as \"CSV UTF-8\"",
        ],
    );
    // A catalogue file saved as "Unicode" by Notepad.
    let p = case("base");
    let yaml = std::fs::read_to_string(p.path().join("indicators/health.yaml")).expect("yaml");
    p.write("indicators/health.yaml", &utf16(&yaml));
    both(
        &p,
        &["report", "--quiet"],
        &[
            "error[encoding]",
            "indicators/health.yaml",
            "the file is UTF-16",
            "save the file as UTF-8",
        ],
    );
}

#[test]
fn windows_1258_files_name_the_line_and_column() {
    // "Sở Y tế" written by a legacy Vietnamese code page: not UTF-8.
    let p = case("base");
    p.write(
        "data/more.csv",
        b"series,area,year,value,source\ndoctors,a,2021,55,S\xd2 Y t\xea\n",
    );
    both(
        &p,
        &["eval", "--plan", "plan_a"],
        &[
            "error[encoding]",
            "data/more.csv:2:20",
            "probably Windows-1258 or TCVN3",
            "save it again as \"CSV UTF-8\"",
        ],
    );
    let p = case("base");
    p.write(
        "indicators/extra.yaml",
        b"series:\n  - id: beds\n    name: {vi: \"Gi\xd2\xf2ng\", en: Beds}\n    unit: {vi: x, en: x}\n    aggregate: sum\n",
    );
    both(
        &p,
        &["eval"],
        &[
            "error[encoding]",
            "indicators/extra.yaml:3:19",
            "not UTF-8",
            "iconv -f WINDOWS-1258 -t UTF-8",
        ],
    );
}

#[test]
fn negative_counts_are_refused() {
    both(
        &case("negative_count"),
        &["eval"],
        &[
            "error[negative-count]",
            "data/obs.csv:8",
            "`doctors` is a count but has the negative value -40",
            "allow_negative: true",
        ],
    );
}

#[test]
fn years_out_of_range_and_not_years() {
    both(
        &case("years_out_of_range"),
        &["chart", "doctors_per_10k", "--area", "p", "--out", "x.svg"],
        &[
            "error[invalid-year]",
            "data/obs.csv:10:11",
            "year `1850` is out of range: chitieu reads years 1900 to 2100",
            "data/obs.csv:11:11",
            "year `2150` is out of range",
            "data/obs.csv:12:11",
            "`20x5` is not a year",
            "data/obs.csv:13:11",
            "`2016 (sơ bộ)` is not a year",
            "write a four-digit year between 1900 and 2100",
        ],
    );
}

#[test]
fn nan_and_infinity_are_not_data() {
    both(
        &case("nan_infinity"),
        &["eval"],
        &[
            "error[not-finite]",
            "data/obs.csv:10:16",
            "`NaN` is not a finite number",
            "data/obs.csv:11:19",
            "`inf` is not a finite number",
            "data/obs.csv:12:19",
            "`-Infinity` is not a finite number",
            "leave the cell empty if the value is unknown",
        ],
    );
}

#[test]
fn a_zero_denominator_is_a_finding_at_the_formula_and_never_a_number() {
    let p = case("zero_denominator");
    let expected = [
        "warning[zero-denominator]",
        "indicators/health.yaml:15:14",
        "has no value for area a in 2024: the denominator is zero",
        "never infinite",
    ];
    // A warning: `validate` passes, `validate --strict` (for jobs) fails on it.
    run(&p, &["validate", "--warnings"], 0, &expected);
    run(&p, &["validate", "--strict"], 1, &expected);
    let out = p.cmd().args(["eval", "--format", "csv"]).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.contains("doctors_per_10k,a,Huyện A,2024,,60,0,"), "{csv}");
    for bad in ["inf", "NaN"] {
        assert!(!csv.contains(bad), "{bad} in {csv}");
    }
}

#[test]
fn a_broken_csv_row_is_located() {
    both(
        &case("ragged_row"),
        &["eval"],
        &[
            "error[csv-syntax]",
            "data/obs.csv:10:18",
            "this row has 5 fields, the header has 4",
            "quotes are closed",
        ],
    );
    both(
        &case("unclosed_quote"),
        &["report", "--quiet"],
        &[
            "error[csv-syntax]",
            "data/obs.csv:10:11",
            "a quote opened here is never closed",
        ],
    );
    both(
        &case("broken_areas"),
        &["eval"],
        &[
            "error[csv-syntax]",
            "data/areas.csv:5:3",
            "a quote opened here is never closed",
        ],
    );
}

#[test]
fn an_xlsx_that_is_not_a_zip() {
    both(
        &case("xlsx_not_a_zip"),
        &["eval", "--plan", "plan_a"],
        &[
            "error[invalid-xlsx]",
            "data/extra.xlsx",
            "not a valid .xlsx workbook",
            "save it as \"Excel Workbook (.xlsx)\"",
        ],
    );
}

/// A workbook whose entry declares that it expands to almost 4 GB: refused before anything is
/// expanded (the file itself is a few hundred bytes).
#[test]
fn a_zip_bomb_is_refused_before_it_is_expanded() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("xl/worksheets/sheet1.xml", zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(b"<worksheet/>").expect("write");
        zip.finish().expect("finish");
    }
    let mut bytes = buf.into_inner();
    // Declare 0xFFFF_FF00 bytes uncompressed in the central directory entry (offset 24).
    let central = bytes
        .windows(4)
        .position(|w| w == [0x50, 0x4b, 0x01, 0x02])
        .expect("central directory");
    bytes[central + 24..central + 28].copy_from_slice(&0xFFFF_FF00u32.to_le_bytes());
    let p = case("base");
    p.write("data/bomb.xlsx", &bytes);
    both(
        &p,
        &["eval"],
        &[
            "error[input-too-large]",
            "data/bomb.xlsx",
            "the workbook expands to more than 512 MB",
            "split the data into several files",
        ],
    );
}

#[test]
fn a_parquet_file_with_the_wrong_column_types() {
    use polars::prelude::*;
    let p = case("base");
    let mut df = df!(
        "series" => ["doctors"],
        "area" => ["a"],
        "year" => [true],
        "value" => [1.0],
    )
    .expect("frame");
    let f = std::fs::File::create(p.path().join("data/more.parquet")).expect("create");
    ParquetWriter::new(f).finish(&mut df).expect("write parquet");
    both(
        &p,
        &["eval"],
        &[
            "error[invalid-parquet]",
            "data/more.parquet",
            "wrong column types (series: str, area: str, year: bool, value: f64)",
            "year (integer)",
        ],
    );
}

// ---- limits ----

/// A sparse file: its size on disk is declared, not written.
fn sparse(path: &Path, len: u64) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::File::create(path)
        .and_then(|f| f.set_len(len))
        .expect("sparse file");
}

#[test]
fn an_observation_file_past_the_size_limit_is_refused_unread() {
    let p = case("base");
    sparse(&p.path().join("data/huge.csv"), chitieu::data::MAX_FILE_BYTES + 1);
    both(
        &p,
        &["eval"],
        &[
            "error[input-too-large]",
            "data/huge.csv",
            "an observation file may hold at most 1024 MB",
            "split it into several files",
        ],
    );
}

#[test]
fn a_catalogue_past_the_size_limit_is_refused_unread() {
    let p = case("base");
    sparse(
        &p.path().join("indicators/zz_huge.yaml"),
        chitieu::catalog::MAX_CATALOGUE_BYTES + 1,
    );
    both(
        &p,
        &["eval"],
        &[
            "error[input-too-large]",
            "indicators/zz_huge.yaml",
            "the catalogue's YAML files add up to more than 32 MB",
            "move observations to data/",
        ],
    );
}

#[test]
fn a_chart_past_the_size_limit_is_refused() {
    run(
        &case("base"),
        &[
            "chart",
            "doctors_per_10k",
            "--area",
            "p",
            "--size",
            "100000x900",
            "--out",
            "x.png",
        ],
        2,
        &[
            "error[chart-size]",
            "outside the supported 320–8000 pixels a side",
            "--size slide",
        ],
    );
}
