//! Outputs are safe to open and the same on every run: markup from the catalogue or the data is
//! escaped in SVG and HTML, spreadsheet formulas are neutralised in every workbook sheet, and the
//! same inputs give the same bytes in every format (issue 8, parts 2 and 5).

use std::io::Read;

use crate::gap::project;

const IMG: &str = "<img src=x onerror=alert(1)>";

/// The gap-test project with markup and formula-like text in every kind of user string.
fn hostile() -> crate::support::Project {
    let p = project();
    let edit = |rel: &str, from: &str, to: &str| {
        let path = p.path().join(rel);
        let text = std::fs::read_to_string(&path).expect("fixture");
        assert!(text.contains(from), "{from} not in {rel}");
        std::fs::write(&path, text.replace(from, to)).expect("write");
    };
    edit(
        "indicators/health.yaml",
        "Số bác sĩ trên 1 vạn dân",
        &format!("{IMG} <script>alert(2)</script> bác sĩ"),
    );
    edit("indicators/plans/a.yaml", "Kế hoạch A", &format!("Kế hoạch {IMG}"));
    edit("data/areas.csv", "Tỉnh", &format!("\"Tỉnh {IMG}\""));
    // A source column, with a formula as the source of one row.
    let obs = std::fs::read_to_string(p.path().join("data/obs.csv")).expect("obs");
    let obs: String = obs
        .lines()
        .map(|l| match l {
            "series,area,year,value,status" => format!("{l},source\n"),
            "forest_cover,p,2024,46.2," => format!("{l},\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n"),
            _ => format!("{l},Niên giám\n"),
        })
        .collect();
    std::fs::write(p.path().join("data/obs.csv"), obs).expect("write");
    p
}

#[test]
fn markup_in_names_titles_areas_and_sources_is_escaped_in_the_html() {
    let p = hostile();
    p.cmd()
        .args(["report", "--plan", "plan_a", "--quiet"])
        .assert()
        .success();
    let html = std::fs::read_to_string(p.path().join("reports/plan_a/p/2024/report.html")).expect("html");
    for raw in ["<img", "<script"] {
        assert!(!html.contains(raw), "raw `{raw}` reached report.html");
    }
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "escaped markup expected"
    );
    let index = std::fs::read_to_string(p.path().join("reports/index.html")).expect("index");
    assert!(!index.contains("<img"), "raw markup reached index.html");
}

#[test]
fn markup_in_an_indicator_name_is_escaped_in_the_svg_chart() {
    let p = hostile();
    p.cmd()
        .args(["chart", "doctors_per_10k", "--area", "p", "--out", "c.svg", "--quiet"])
        .assert()
        .success();
    let svg = std::fs::read_to_string(p.path().join("c.svg")).expect("svg");
    assert!(!svg.contains("<script"), "raw <script> in the SVG");
    assert!(!svg.contains("<img"), "raw <img> in the SVG");
    assert!(svg.contains("&lt;script&gt;"), "the name is in the chart, escaped");
}

/// Every sheet of every workbook: no formula cell, and formula-like text is quote-prefixed.
fn assert_no_formulas(path: &std::path::Path) {
    let file = std::fs::File::open(path).expect("workbook");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut styles = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let mut xml = String::new();
        entry.read_to_string(&mut xml).expect("xml");
        if name.starts_with("xl/worksheets/") {
            assert!(!xml.contains("<f>"), "{name} of {} has a formula cell", path.display());
        }
        if name == "xl/styles.xml" {
            styles = xml;
        }
    }
    assert!(
        styles.contains("quotePrefix=\"1\""),
        "{}: formula-like text is not quote-prefixed",
        path.display()
    );
}

#[test]
fn formula_like_text_is_neutralised_in_every_output() {
    let p = hostile();
    p.cmd().args(["report", "--quiet"]).assert().success();
    let dir = p.path().join("reports/plan_a/p/2024");
    assert_no_formulas(&dir.join("report.xlsx"));
    assert_no_formulas(&p.path().join("reports/summary.xlsx"));
    let csv = std::fs::read_to_string(dir.join("gap_table.csv")).expect("csv");
    assert!(
        csv.contains(",'=Forest cover") || csv.contains(",'=Tỷ lệ che phủ rừng"),
        "{csv}"
    );
    // The source of an observation reaches the workbook's observation sheet, quote-prefixed.
    let components = std::fs::read_to_string(dir.join("components.json")).expect("json");
    assert!(components.contains("=HYPERLINK"), "the source is kept, as text");
}

/// Identical inputs give identical bytes, in every format of every command.
#[test]
fn every_output_is_byte_identical_across_runs() {
    let p = project();
    let runs: Vec<Vec<&str>> = vec![
        vec!["eval", "--format", "csv"],
        vec!["eval", "--format", "json"],
        vec!["eval", "--format", "sdmx"],
        vec!["eval", "--plan", "plan_a", "--format", "csv"],
        vec!["eval", "--plan", "plan_a", "--format", "json"],
        vec!["eval", "--plan", "plan_a", "--format", "md"],
        vec!["eval", "--plan", "plan_a", "--format", "xlsx", "--out", "OUT.xlsx"],
        vec!["chart", "doctors_per_10k", "--area", "p", "--out", "OUT.svg"],
        vec!["chart", "doctors_per_10k", "--area", "p", "--out", "OUT.png"],
        vec!["chart", "--kind", "dashboard", "--plan", "plan_a", "--out", "OUT.png"],
        vec![
            "chart",
            "forest_cover",
            "--kind",
            "ranking",
            "--level",
            "province",
            "--out",
            "OUT.svg",
        ],
    ];
    for args in runs {
        let once = |n: usize| -> Vec<u8> {
            let out_file = args
                .iter()
                .find(|a| a.starts_with("OUT."))
                .map(|a| a.replace("OUT", &format!("run{n}")));
            let argv: Vec<String> = args
                .iter()
                .map(|a| {
                    if a.starts_with("OUT.") {
                        out_file.clone().unwrap_or_default()
                    } else {
                        a.to_string()
                    }
                })
                .collect();
            let out = p.cmd().args(&argv).arg("--quiet").output().expect("run");
            assert!(
                out.status.success(),
                "{argv:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            match &out_file {
                Some(f) => std::fs::read(p.path().join(f)).expect("output file"),
                None => out.stdout,
            }
        };
        let (a, b) = (once(1), once(2));
        assert!(!a.is_empty(), "{args:?} wrote nothing");
        assert!(a == b, "{args:?} differs between two runs");
    }
}
