//! The three fuzz targets of `fuzz/` as property tests: random and mutated input through the
//! catalogue loader, the formula compiler and the observation loader never panics. libFuzzer runs
//! them far longer (see fuzz/README.md); these keep a quick guard in `cargo test` (256 cases each,
//! `PROPTEST_CASES=5000 cargo test never_panics` for a longer run).

use std::path::{Path, PathBuf};

use chitieu::catalog::Catalog;
use chitieu::data::{Area, Areas};
use chitieu::i18n::Text;
use proptest::prelude::*;

const HEALTH: &str = include_str!("../fixtures/bad/base/indicators/health.yaml");
const PLAN: &str = include_str!("../fixtures/bad/base/indicators/plans/plan_a.yaml");
const OBS: &str = include_str!("../fixtures/bad/base/data/obs.csv");

/// A seed with a few random edits: characters replaced, inserted or cut.
fn mutated(seed: &'static str) -> impl Strategy<Value = String> {
    let chars: Vec<char> = seed.chars().collect();
    let n = chars.len();
    let edit = (
        0..n.max(1),
        prop::sample::select(vec![
            "", " ", "\t", "\n", ":", "{", "}", "[", "]", ",", ";", "\"", "'", "-", "#", "&", "*", "!", "|", ">", "0",
            ".", "1e999", "NaN", "..", "é", "ạ", "\u{feff}", "\0", "- ", ": ", "id: x\n",
        ]),
        0..4usize,
    );
    prop::collection::vec(edit, 1..6).prop_map(move |edits| {
        let mut c = chars.clone();
        for (at, text, cut) in edits {
            let at = at.min(c.len());
            let end = (at + cut).min(c.len());
            c.splice(at..end, text.chars());
        }
        c.into_iter().collect()
    })
}

fn areas() -> Areas {
    let area = |code: &str, parent: Option<&str>, order| Area {
        code: code.into(),
        name: Text::new(code, code),
        level: "x".into(),
        parent: parent.map(str::to_string),
        since: None,
        until: None,
        replaces: Vec::new(),
        order,
    };
    Areas::from_list(vec![
        area("p", None, 0),
        area("a", Some("p"), 1),
        area("b", Some("p"), 2),
    ])
}

fn catalogue(domain: String, plan: String) {
    let files = vec![
        (PathBuf::from("indicators/health.yaml"), domain),
        (PathBuf::from("indicators/plans/plan.yaml"), plan),
    ];
    let (_, diags) = Catalog::check_sources(Path::new("indicators"), files);
    let _ = chitieu::diagnostic::render_all(&diags);
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_catalogue_loader_never_panics(domain in mutated(HEALTH), plan in mutated(PLAN)) {
        catalogue(domain, plan);
    }

    #[test]
    fn the_formula_compiler_never_panics(
        f in prop_oneof![
            mutated("COALESCE(doctors / NULLIF(population, 0) * 10000, rate)"),
            mutated("CASE WHEN a > 0 THEN ROUND(POWER(b / a, 2), 1) ELSE LN(c) END"),
            "[a-z0-9_ +*/().,'<>=-]{0,40}",
        ]
    ) {
        if let Ok(c) = chitieu::formula::compile(&f) {
            let _ = chitieu::formula::check_on_numbers(&c);
        }
    }

    #[test]
    fn the_observation_loader_never_panics(csv in mutated(OBS), comma in any::<bool>()) {
        let catalog = Catalog::check_sources(
            Path::new("indicators"),
            vec![(PathBuf::from("indicators/health.yaml"), HEALTH.to_string())],
        )
        .0;
        let opts = chitieu::data::files::FileOptions {
            path: "obs.csv".into(),
            decimal: comma.then_some(chitieu::data::files::DecimalMark::Comma),
            missing: vec!["..".into()],
            sheet: None,
        };
        let r = chitieu::data::check_csv_bytes(Path::new("data/obs.csv"), csv.as_bytes(), Some(&opts), &catalog, &areas());
        if let Ok((_, diags)) = r {
            let _ = chitieu::diagnostic::render_all(&diags);
        }
    }
}
