//! From the progress model to the chart model: which figures of an `Assessment` a chart shows for
//! each target kind, and how the target is worded. Only fields of `Assessment` are read; nothing is
//! recomputed.

use super::format;
use super::model::{Chart, DashboardInput, GoalBar, GoalBarsInput, RankingInput, TargetMark, TrendInput};
use crate::catalog::{IndicatorSpec, Measure, TargetKind};
use crate::i18n::Lang;
use crate::progress::{Assessment, Point};

impl TrendInput {
    /// A trend chart of one indicator in one area with the assessments of its targets (one per plan).
    /// `series` is the observed series to draw; when it is empty, the observations the assessments
    /// used are drawn instead. Targets are labelled with their plan id: see [`TrendInput::with_plan_labels`].
    pub fn from_assessments(
        indicator: &IndicatorSpec,
        area_name: &str,
        assessments: &[Assessment],
        series: Vec<Point>,
        lang: Lang,
    ) -> TrendInput {
        let unit = indicator.unit.nfc(lang);
        let series = if series.is_empty() {
            observations_of(assessments)
        } else {
            series
        };
        let as_of = assessments.iter().map(|a| a.as_of).max();
        let subtitle = match as_of {
            Some(y) => format!("{area_name} · {}", lang_as_of(lang, y)),
            None => area_name.to_string(),
        };
        let targets = assessments
            .iter()
            .map(|a| target_mark(indicator, a, &unit, lang))
            .collect();
        TrendInput {
            lang,
            title: indicator.name.nfc(lang),
            subtitle: Some(subtitle),
            area: area_name.to_string(),
            unit,
            zero_based: matches!(indicator.measure(), Measure::Rate | Measure::Boolean),
            decimals: indicator.display_decimals(),
            series,
            targets,
            note: None,
        }
    }

    /// Replace plan ids by the names readers know ("lai_chau_sedp_2026_2030" → "KH KT-XH 2026–2030").
    pub fn with_plan_labels<'a>(mut self, labels: impl IntoIterator<Item = (&'a str, &'a str)>) -> TrendInput {
        for (id, label) in labels {
            for t in self.targets.iter_mut().filter(|t| t.plan == id) {
                t.plan = label.to_string();
            }
        }
        self
    }
}

impl GoalBar {
    /// One target's bar: its status ratio and status.
    pub fn from_assessment(label: impl Into<String>, a: &Assessment) -> GoalBar {
        GoalBar {
            label: label.into(),
            ratio: a.ratio.filter(|r| r.is_finite()),
            status: a.status,
        }
    }
}

impl From<TrendInput> for Chart {
    fn from(t: TrendInput) -> Chart {
        Chart::Trend(t)
    }
}

impl From<DashboardInput> for Chart {
    fn from(d: DashboardInput) -> Chart {
        Chart::Dashboard(d)
    }
}

impl From<GoalBarsInput> for Chart {
    fn from(g: GoalBarsInput) -> Chart {
        Chart::GoalBars(g)
    }
}

impl From<RankingInput> for Chart {
    fn from(r: RankingInput) -> Chart {
        Chart::Ranking(r)
    }
}

fn lang_as_of(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Vi => format!("đánh giá đến năm {year}"),
        Lang::En => format!("assessed as of {year}"),
    }
}

/// Every observation the assessments used, one per year.
fn observations_of(assessments: &[Assessment]) -> Vec<Point> {
    let mut out: Vec<Point> = assessments
        .iter()
        .flat_map(|a| a.observations.iter().cloned())
        .collect();
    out.sort_by_key(|p| p.year);
    out.dedup_by_key(|p| p.year);
    out
}

/// The per-kind reading of an assessment. Paths are drawn only when they are in the indicator's
/// own unit, on the same axis as the series: a cumulative target's pro-rata path counts a running
/// total, which a series of yearly flows does not show.
fn target_mark(indicator: &IndicatorSpec, a: &Assessment, unit: &str, lang: Lang) -> TargetMark {
    let t = &a.target;
    let base = TargetMark {
        comparator: t.op,
        baseline: a.baseline.clone(),
        path: a.path.clone(),
        projection_path: a.projection_path.clone(),
        ..TargetMark::new(t.plan.clone(), t.year, a.status)
    };
    let stated = |v: f64| format::stated(v, unit, lang);
    let cmp = t.op.map(|c| format!("{} ", c.symbol())).unwrap_or_default();
    let period = format!("{}–{}", t.period[0], t.period[1]);
    match t.kind {
        TargetKind::Level => TargetMark { value: t.value, ..base },
        TargetKind::Relative => TargetMark {
            // y* derived from the baseline is the end of the required path.
            value: a.path.last().map(|p| p.1),
            ..base
        },
        TargetKind::Range => TargetMark {
            band: t.min.zip(t.max),
            ..base
        },
        TargetKind::AnnualChange => TargetMark {
            text: t.value.map(|d| per_year(&signed(d, lang), unit, lang)),
            ..base
        },
        TargetKind::Growth => TargetMark {
            text: t.value.map(|g| match lang {
                Lang::Vi => format!("tăng {} %/năm", format::tick(g, lang)),
                Lang::En => format!("{} % a year", signed(g, lang)),
            }),
            value: a.path.last().map(|p| p.1),
            comparator: None,
            ..base
        },
        TargetKind::PeriodAverage => TargetMark {
            text: t
                .value
                .map(|v| format!("{} {cmp}{} ({period})", lang.pick("bình quân", "average"), stated(v))),
            value: t.value,
            span: Some((t.period[0], t.period[1])),
            path: Vec::new(),
            projection_path: Vec::new(),
            ..base
        },
        TargetKind::AnnualFlow => TargetMark {
            text: t
                .value
                .map(|v| format!("{cmp}{} {}", stated(v), lang.pick("mỗi năm", "every year"))),
            value: t.value,
            span: Some((t.period[0], t.period[1])),
            path: Vec::new(),
            projection_path: Vec::new(),
            ..base
        },
        TargetKind::Cumulative => {
            let text = t.value.map(|v| {
                format!(
                    "{} {cmp}{} ({})",
                    lang.pick("cộng dồn", "cumulative"),
                    stated(v),
                    t.year
                )
            });
            if indicator.stock {
                TargetMark {
                    text,
                    value: t.value,
                    ..base
                }
            } else {
                TargetMark {
                    text,
                    path: Vec::new(),
                    projection_path: Vec::new(),
                    ..base
                }
            }
        }
        TargetKind::Milestone => TargetMark {
            text: Some(format!("{} ({})", lang.pick("hoàn thành", "done"), t.year)),
            value: Some(t.value.unwrap_or(1.0)),
            comparator: None,
            ..base
        },
        TargetKind::Trend => TargetMark {
            comparator: None,
            ..base
        },
    }
}

/// "+10", "−3" with a true minus sign: a hyphen reads as a dash in a label.
fn signed(v: f64, lang: Lang) -> String {
    let n = format::tick(v.abs(), lang);
    if v < 0.0 { format!("−{n}") } else { format!("+{n}") }
}

/// "−3 điểm %/năm", "−3 pp a year", "+500 ha/năm": a change of a rate is in percentage points.
fn per_year(number: &str, unit: &str, lang: Lang) -> String {
    let unit = unit.trim();
    match (lang, unit) {
        (Lang::Vi, "%") => format!("{number} điểm %/năm"),
        (Lang::En, "%") => format!("{number} pp a year"),
        (Lang::Vi, "") => format!("{number}/năm"),
        (Lang::En, "") => format!("{number} a year"),
        (Lang::Vi, u) => format!("{number} {u}/năm"),
        (Lang::En, u) => format!("{number} {u} a year"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::catalog::{Comparator, Direction};
    use crate::progress::{Status, TargetDef};

    fn indicator(yaml: &str) -> IndicatorSpec {
        serde_saphyr::from_str(yaml).expect("a valid indicator")
    }

    fn forest_cover() -> IndicatorSpec {
        indicator(
            "id: forest_cover\nname: {vi: \"Tỷ lệ che phủ rừng\", en: \"Forest cover\"}\nunit: {vi: \"%\", en: \"%\"}\n\
             direction: increase\nreported: true\nmeasure: rate\ndecimals: 1\n",
        )
    }

    fn point(year: i32, value: f64) -> Point {
        Point {
            year,
            value,
            status: "A".to_string(),
        }
    }

    /// The methodology's worked example 3.1: 42.0 (2020) → 46.2 (2024), ≥ 55 by 2030.
    fn assessment(kind: TargetKind, op: Option<Comparator>, value: Option<f64>) -> Assessment {
        Assessment {
            target: TargetDef {
                plan: "lai_chau_sedp_2026_2030".to_string(),
                id: "forest_cover".to_string(),
                indicator: "forest_cover".to_string(),
                kind,
                op,
                value,
                min: None,
                max: None,
                year: 2030,
                baseline_year: 2020,
                period: [2021, 2030],
                clause: Some("(15)".to_string()),
                quote: None,
            },
            area: "12".to_string(),
            as_of: 2024,
            direction: Direction::Increase,
            method: "pace".to_string(),
            baseline: Some(point(2020, 42.0)),
            current: Some(point(2024, 46.2)),
            observations: vec![point(2020, 42.0), point(2022, 44.0), point(2024, 46.2)],
            achieved: Some(false),
            status: Status::NeedsAcceleration,
            ratio: Some(0.8077),
            score: None,
            gap: Some(8.8),
            required_now: Some(47.2),
            deviation: Some(-1.0),
            needed_per_year: Some(1.467),
            observed_per_year: Some(1.05),
            projection: Some(52.5),
            path: (2020..=2030).map(|y| (y, 42.0 + 1.3 * f64::from(y - 2020))).collect(),
            projection_path: vec![(2024, 46.2), (2030, 52.5)],
            vs_last_year: None,
            vs_plan: None,
            components: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn a_level_target_reads_as_the_plan_states_it() {
        let a = assessment(TargetKind::Level, Some(Comparator::Ge), Some(55.0));
        let t = TrendInput::from_assessments(&forest_cover(), "Lai Châu", &[a], Vec::new(), Lang::Vi)
            .with_plan_labels([("lai_chau_sedp_2026_2030", "KH KT-XH 2026–2030")]);
        assert_eq!(t.title, "Tỷ lệ che phủ rừng");
        assert_eq!(t.subtitle.as_deref(), Some("Lai Châu · đánh giá đến năm 2024"));
        assert!(t.zero_based, "a rate starts at zero");
        assert_eq!(
            t.series.len(),
            3,
            "the assessment's observations stand in for a missing series"
        );
        let m = &t.targets[0];
        assert_eq!(m.plan, "KH KT-XH 2026–2030");
        assert_eq!(m.value, Some(55.0));
        assert_eq!(m.path.len(), 11);
        assert_eq!(m.status, Status::NeedsAcceleration);
        let svg = crate::render::render_svg(&t.into(), crate::render::Size::SLIDE).unwrap();
        assert!(svg.contains("≥ 55 % (2030)"));
        assert!(svg.contains("KH KT-XH 2026–2030"));
    }

    #[test]
    fn levels_far_from_zero_are_not_zero_based() {
        let grdp = indicator(
            "id: grdp\nname: {vi: \"GRDP\", en: \"GRDP\"}\nunit: {vi: \"tỷ đồng\", en: \"billion VND\"}\n\
             direction: increase\nreported: true\n",
        );
        let a = assessment(TargetKind::Growth, None, Some(10.0));
        let t = TrendInput::from_assessments(
            &grdp,
            "Lai Châu",
            std::slice::from_ref(&a),
            vec![point(2020, 1.0)],
            Lang::En,
        );
        assert!(!t.zero_based);
        assert_eq!(t.series.len(), 1, "the caller's series wins");
        assert_eq!(t.unit, "billion VND");
        assert_eq!(t.targets[0].text.as_deref(), Some("+10 % a year"));
        assert_eq!(t.targets[0].value, a.path.last().map(|p| p.1));
        let vi = TrendInput::from_assessments(&grdp, "Lai Châu", &[a], Vec::new(), Lang::Vi);
        assert_eq!(vi.targets[0].text.as_deref(), Some("tăng 10 %/năm"));
    }

    #[test]
    fn kinds_other_than_levels_get_their_own_wording() {
        let i = forest_cover();
        let mark = |kind, op, value| {
            let t = TrendInput::from_assessments(&i, "Lai Châu", &[assessment(kind, op, value)], Vec::new(), Lang::Vi);
            t.targets.into_iter().next().unwrap()
        };
        let change = mark(TargetKind::AnnualChange, None, Some(-3.0));
        assert_eq!(change.text.as_deref(), Some("−3 điểm %/năm"));
        assert!(change.value.is_none() && !change.path.is_empty());

        let jobs = indicator(
            "id: jobs_created\nname: {vi: \"Số lao động có việc làm mới\", en: \"Jobs created\"}\n\
             unit: {vi: \"người\", en: \"persons\"}\ndirection: increase\nreported: true\nmeasure: count\n",
        );
        let count_mark = |kind, value| {
            let a = assessment(kind, Some(Comparator::Ge), value);
            let t = TrendInput::from_assessments(&jobs, "Lai Châu", &[a], Vec::new(), Lang::Vi);
            t.targets.into_iter().next().unwrap()
        };
        let flow = count_mark(TargetKind::AnnualFlow, Some(10000.0));
        assert_eq!(flow.text.as_deref(), Some("≥ 10.000 mỗi năm"));
        assert_eq!(flow.span, Some((2021, 2030)));
        assert_eq!(flow.value, Some(10000.0));

        let cumulative = count_mark(TargetKind::Cumulative, Some(1500.0));
        assert_eq!(cumulative.text.as_deref(), Some("cộng dồn ≥ 1.500 (2030)"));
        assert!(
            cumulative.path.is_empty() && cumulative.value.is_none(),
            "a running total is not on this axis"
        );

        let mut range = assessment(TargetKind::Range, None, None);
        range.target.min = Some(9.0);
        range.target.max = Some(10.0);
        let t = TrendInput::from_assessments(&i, "Lai Châu", &[range], Vec::new(), Lang::Vi);
        assert_eq!(t.targets[0].band, Some((9.0, 10.0)));

        let milestone = mark(TargetKind::Milestone, None, None);
        assert_eq!(milestone.text.as_deref(), Some("hoàn thành (2030)"));
        assert_eq!(milestone.value, Some(1.0));
    }

    #[test]
    fn goal_bars_take_ratio_and_status() {
        let a = assessment(TargetKind::Level, Some(Comparator::Ge), Some(55.0));
        let b = GoalBar::from_assessment("Tỷ lệ che phủ rừng", &a);
        assert_eq!(b.ratio, Some(0.8077));
        assert_eq!(b.status, Status::NeedsAcceleration);
    }
}
