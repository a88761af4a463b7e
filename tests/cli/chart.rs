//! `chitieu chart` through the binary: SVG and PNG by extension, Vietnamese and English labels.

use predicates::prelude::*;

use crate::gap::project;

#[test]
fn a_trend_chart_in_svg_and_png() {
    let p = project();
    let svg = p.path().join("forest.svg");
    p.cmd()
        .args(["chart", "forest_cover", "--area", "p", "--plan", "plan_a", "--out"])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains(">=Tỷ lệ che phủ rừng<") || text.contains("=Tỷ lệ che phủ rừng"),
        "the Vietnamese title"
    );
    assert!(text.contains("≥ 55 % (2030)"), "the target label");
    let png = p.path().join("forest.png");
    p.cmd()
        .args(["chart", "forest_cover", "--area", "p", "--size", "800x450", "--out"])
        .arg(&png)
        .assert()
        .success();
    let img = image::open(&png).unwrap();
    assert_eq!((img.width(), img.height()), (800, 450));
}

#[test]
fn english_labels_on_request() {
    let p = project();
    let svg = p.path().join("d.svg");
    p.cmd()
        .args(["chart", "doctors_per_10k", "--area", "p", "--lang", "en", "--out"])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Doctors per 10,000 people"));
    assert!(text.contains("Year"));
}

#[test]
fn no_data_for_the_area_is_said() {
    let p = project();
    let svg = p.path().join("a.svg");
    p.cmd()
        .args(["chart", "forest_cover", "--area", "a", "--out"])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Không có số liệu"), "{text}");
}

#[test]
fn ranking_dashboard_and_goal_bars() {
    let p = project();
    for (args, file) in [
        (
            vec!["chart", "doctors_per_10k", "--kind", "ranking", "--level", "district"],
            "r.png",
        ),
        (vec!["chart", "--plan", "plan_a", "--kind", "dashboard"], "d.png"),
        (vec!["chart", "--plan", "plan_a", "--kind", "goals"], "g.svg"),
    ] {
        p.cmd()
            .args(&args)
            .arg("--out")
            .arg(p.path().join(file))
            .assert()
            .success();
        assert!(std::fs::metadata(p.path().join(file)).unwrap().len() > 1000, "{file}");
    }
}

#[test]
fn an_unknown_extension_is_refused() {
    let p = project();
    p.cmd()
        .args(["chart", "forest_cover", "--area", "p", "--out", "x.jpg"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".svg").or(predicate::str::contains("svg")));
}
