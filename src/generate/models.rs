//! How each data series of the national catalogue is generated. Where an indicator's formula says
//! `a / b * k`, `a` is a share of `b` in a range that fits `k` and the indicator's direction (a rate
//! in %, a count per 10,000 people); a table gives realistic ranges for the rest; what neither covers
//! gets a default from its aggregation and unit.

use std::collections::{BTreeMap, BTreeSet};

use super::rng::{Rng, key};
use crate::catalog::{Aggregation, Catalog, Direction, Measure};

/// A value model. `t` below is the number of years since the first year.
#[derive(Debug, Clone, PartialEq)]
pub enum Model {
    Population,
    Households,
    UrbanPopulation,
    RuralPopulation,
    /// Natural area, ha.
    NaturalArea,
    /// Exactly 1 per commune (a count of communes).
    One,
    /// population × f × (1 + trend·t), f in [lo, hi].
    PerCapita {
        lo: f64,
        hi: f64,
        trend: f64,
    },
    /// a × (1 + trend·t), a in [lo, hi].
    Amount {
        lo: f64,
        hi: f64,
        trend: f64,
    },
    /// of × (s + trend·t), s in [lo, hi]; at most `cap` × of.
    Share {
        of: String,
        lo: f64,
        hi: f64,
        trend: f64,
        cap: f64,
    },
    /// l + trend·t, l in [lo, hi], within [0, cap] (rates, averages).
    Level {
        lo: f64,
        hi: f64,
        trend: f64,
        cap: f64,
    },
    /// 0 until a year, then 1.
    Milestone,
}

/// One generated series.
#[derive(Debug, Clone)]
pub struct SeriesPlan {
    pub id: String,
    pub model: Model,
    /// Decimals of the written values (0: counts).
    pub decimals: i32,
    /// Published by province only (provincial accounts, milestones, rates that do not add up).
    pub province_level: bool,
    /// Collected from this year on (a few series start late).
    pub first_year: i32,
    /// The observation file it goes to (the catalogue file it is declared in).
    pub file: String,
}

fn pc(lo: f64, hi: f64, trend: f64) -> Model {
    Model::PerCapita { lo, hi, trend }
}

fn amount(lo: f64, hi: f64, trend: f64) -> Model {
    Model::Amount { lo, hi, trend }
}

fn share(of: &str, lo: f64, hi: f64, trend: f64) -> Model {
    Model::Share {
        of: of.into(),
        lo,
        hi,
        trend,
        cap: if hi <= 1.0 { 1.0 } else { f64::INFINITY },
    }
}

fn level(lo: f64, hi: f64, trend: f64) -> Model {
    Model::Level {
        lo,
        hi,
        trend,
        cap: f64::INFINITY,
    }
}

fn pct(lo: f64, hi: f64, trend: f64) -> Model {
    Model::Level {
        lo,
        hi,
        trend,
        cap: 100.0,
    }
}

/// Realistic ranges where the formulas do not say enough. `true`: published by province only.
fn table(id: &str) -> Option<(Model, bool)> {
    let commune = |m: Model| Some((m, false));
    let province = |m: Model| Some((m, true));
    match id {
        "population" => commune(Model::Population),
        "households" => commune(Model::Households),
        "urban_population" => commune(Model::UrbanPopulation),
        "rural_population" => commune(Model::RuralPopulation),
        "natural_area" => commune(Model::NaturalArea),
        "communes" | "communes_ethnic_minority" => commune(Model::One),
        "districts" => province(amount(4.0, 14.0, 0.0)),
        "districts_preschool_5yo_standard" => province(share("districts", 0.5, 0.95, 0.02)),
        "districts_literacy_level1" => province(share("districts", 0.6, 0.95, 0.02)),
        "communes_new_rural" => commune(share("communes", 0.2, 0.8, 0.03)),
        "villages" | "rural_settlements" => commune(pc(0.0006, 0.002, 0.0)),
        "schools" => commune(pc(0.0003, 0.0008, 0.0)),
        "kindergartens" => commune(pc(0.0001, 0.0003, 0.0)),
        "classrooms" => commune(pc(0.004, 0.008, 0.0)),
        "agencies" => commune(pc(0.001, 0.004, 0.0)),
        "officials_surveyed" => commune(pc(0.002, 0.006, 0.0)),
        "medical_service_units" | "commune_cultural_centres" => commune(amount(1.0, 2.0, 0.0)),
        "health_establishments" => commune(amount(1.0, 4.0, 0.0)),
        "hospitals" => commune(amount(0.0, 0.6, 0.0)),
        "water_supply_works" => commune(amount(0.0, 5.0, 0.02)),
        "national_relics" => commune(amount(1.0, 6.0, 0.0)),
        "population_remote_border" => commune(share("population", 0.05, 0.6, 0.0)),
        "population_year_end" => commune(share("population", 1.002, 1.015, 0.0)),
        "population_female" => commune(share("population", 0.495, 0.505, 0.0)),
        "population_male" => commune(share("population_female", 0.96, 1.04, 0.0)),
        "population_0_14" => commune(share("population", 0.18, 0.32, -0.003)),
        "population_15_64" => commune(share("population", 0.62, 0.7, 0.0)),
        "population_65_plus" => commune(share("population", 0.05, 0.12, 0.002)),
        "births" => commune(pc(0.011, 0.018, -0.01)),
        "births_female" => commune(pc(0.0055, 0.0085, -0.01)),
        "births_male" => commune(share("births_female", 1.04, 1.15, 0.0)),
        "deaths" => commune(pc(0.005, 0.008, 0.005)),
        "deaths_under1" => commune(share("births", 0.008, 0.03, -0.0008)),
        "households_ethnic_minority" => commune(share("households", 0.02, 0.95, 0.0)),
        "poor_households_ethnic_minority" => commune(share("households_ethnic_minority", 0.05, 0.5, -0.015)),
        "households_female_headed" => commune(share("households", 0.15, 0.3, 0.0)),
        "persons_with_disability" => commune(pc(0.02, 0.05, 0.0)),
        "children_under5" => commune(pc(0.06, 0.09, -0.005)),
        "women_15_49" => commune(pc(0.22, 0.28, 0.0)),
        "rice_area" => commune(amount(50.0, 3000.0, -0.005)),
        "health_station_visits" => commune(pc(0.5, 2.0, 0.0)),
        "cooperatives" => commune(pc(0.00005, 0.0003, 0.0)),
        "enterprises_active" => commune(pc(0.001, 0.01, 0.05)),
        "poor_households" => commune(share("households", 0.01, 0.45, -0.015)),
        "near_poor_households" => commune(share("households", 0.02, 0.15, -0.004)),
        // Commune health stations: a handful of doctors at most.
        "doctors" => commune(share("population", 0.0001, 0.0008, 0.000_01)),
        "patient_beds" => commune(share("population", 0.0005, 0.004, 0.000_02)),
        "nurses" => commune(share("population", 0.0003, 0.0015, 0.000_02)),
        "pharmacists" => commune(share("population", 0.000_03, 0.0003, 0.000_005)),
        "physicians" => commune(pc(0.0001, 0.0006, 0.0)),
        "midwives" => commune(pc(0.000_05, 0.0003, 0.0)),
        "health_insurance_participants" => commune(share("population", 0.7, 0.98, 0.008)),
        "persons_health_managed" => commune(share("population", 0.4, 0.95, 0.02)),
        "children_epi_target" => commune(pc(0.013, 0.018, -0.005)),
        "children_fully_immunised" => commune(share("children_epi_target", 0.8, 0.99, 0.003)),
        "primary_care_users" => commune(pc(0.3, 1.2, 0.0)),
        "residential_floor_area" => commune(share("population", 12.0, 30.0, 0.5)),
        "grdp_current_prices" => province(pc(0.03, 0.15, 0.09)),
        "grdp_constant_prices" => province(pc(0.025, 0.1, 0.06)),
        "social_investment" => province(share("grdp_current_prices", 0.2, 0.5, 0.0)),
        "digital_economy_value_added" => province(share("grdp_current_prices", 0.03, 0.15, 0.004)),
        "employed_persons" => commune(pc(0.5, 0.6, 0.0)),
        "labour_force" => commune(pc(0.55, 0.62, 0.0)),
        "labour_force_working_age" => commune(pc(0.5, 0.58, 0.0)),
        "employed_agriculture" => commune(share("employed_persons", 0.2, 0.85, -0.012)),
        "employed_industry_construction" => commune(share("employed_persons", 0.05, 0.4, 0.005)),
        "employed_services" => commune(share("employed_persons", 0.1, 0.5, 0.006)),
        "pupils_general" => commune(pc(0.15, 0.22, 0.0)),
        "pupils_primary" => commune(pc(0.07, 0.1, 0.0)),
        "pupils_lower_secondary" => commune(pc(0.05, 0.07, 0.0)),
        "pupils_upper_secondary" => commune(pc(0.03, 0.05, 0.0)),
        "population_kindergarten_age" => commune(pc(0.04, 0.06, 0.0)),
        "population_primary_age" => commune(pc(0.07, 0.09, 0.0)),
        "population_lower_secondary_age" => commune(pc(0.05, 0.065, 0.0)),
        "population_upper_secondary_age" => commune(pc(0.04, 0.055, 0.0)),
        "enrolled_kindergarten_age" => commune(share("population_kindergarten_age", 0.6, 0.98, 0.01)),
        "enrolled_primary_age" => commune(share("population_primary_age", 0.9, 0.995, 0.002)),
        "enrolled_lower_secondary_age" => commune(share("population_lower_secondary_age", 0.75, 0.97, 0.005)),
        "enrolled_upper_secondary_age" => commune(share("population_upper_secondary_age", 0.4, 0.85, 0.01)),
        "tea_area" => commune(amount(5.0, 800.0, 0.01)),
        "tea_area_concentrated" => commune(share("tea_area", 0.3, 0.8, 0.01)),
        "tea_area_intensive" => commune(amount(0.0, 300.0, 0.02)),
        "ginseng_gacp_area" => province(amount(0.0, 200.0, 0.1)),
        "forest_area" => commune(share("natural_area", 0.05, 0.8, 0.003)),
        "natural_forest_area" => commune(share("forest_area", 0.5, 0.9, 0.0)),
        "planted_forest_area" => commune(share("forest_area", 0.1, 0.5, 0.0)),
        "urban_solid_waste_generated" => commune(share("urban_population", 0.15, 0.45, 0.005)),
        "rural_solid_waste_generated" => commune(share("rural_population", 0.05, 0.2, 0.003)),
        "wastewater_discharged_basins" => commune(pc(15.0, 60.0, 0.0)),
        "domestic_wastewater_generated" => commune(pc(20.0, 50.0, 0.0)),
        "establishments_env" => commune(pc(0.0005, 0.003, 0.0)),
        "livestock_farms" => commune(pc(0.0001, 0.001, 0.0)),
        "livestock_households" => commune(share("households", 0.05, 0.5, -0.005)),
        "commune_roads_km" => commune(amount(5.0, 80.0, 0.01)),
        "households_grid_electricity" => commune(share("households", 0.85, 0.999, 0.003)),
        "urban_population_centralised_water" => commune(share("urban_population", 0.6, 0.99, 0.01)),
        "rural_population_clean_water_standard" => commune(share("rural_population", 0.2, 0.7, 0.015)),
        "rural_population_hygienic_water" => commune(share("rural_population", 0.8, 0.99, 0.005)),
        "social_insurance_participants" => commune(share("labour_force_working_age", 0.05, 0.4, 0.01)),
        "unemployment_insurance_participants" => commune(share("labour_force_working_age", 0.03, 0.3, 0.008)),
        "population_past_retirement_age" => commune(pc(0.08, 0.14, 0.01)),
        "pension_recipients" => commune(share("population_past_retirement_age", 0.1, 0.45, 0.01)),
        "meritorious_households" => commune(share("households", 0.005, 0.03, 0.0)),
        "eligible_households_allowance" => commune(share("households", 0.01, 0.05, 0.0)),
        "eligible_households_receiving_allowance" => commune(share("eligible_households_allowance", 0.85, 0.99, 0.005)),
        // Reported totals.
        "jobs_created" => commune(pc(0.005, 0.02, 0.0)),
        "vocational_trainees" => commune(pc(0.003, 0.012, 0.0)),
        "social_housing_units" => commune(pc(0.000_05, 0.0008, 0.05)),
        "relics_ranked" => province(amount(0.0, 3.0, 0.0)),
        "intangible_heritage_recognised" => province(amount(0.0, 2.0, 0.0)),
        "state_budget_revenue" => province(pc(0.002, 0.02, 0.07)),
        "local_export_value" => province(pc(0.0001, 0.003, 0.08)),
        "tourist_arrivals" => province(pc(0.2, 3.0, 0.06)),
        "tourism_revenue" => province(pc(0.0005, 0.005, 0.08)),
        // Reported rates and averages that climb by weighted mean.
        "income_per_capita" => commune(level(20.0, 100.0, 4.0)),
        "grdp_per_capita" => province(level(30.0, 180.0, 8.0)),
        "forest_cover" => commune(pct(5.0, 75.0, 0.3)),
        "literacy_rate_15plus" => commune(pct(82.0, 99.5, 0.2)),
        "trained_labour_rate" => commune(pct(15.0, 70.0, 1.5)),
        "trained_labour_certified_rate" => commune(pct(8.0, 40.0, 1.0)),
        "unemployment_rate" => commune(pct(0.5, 4.0, -0.05)),
        "poverty_rate_published" => commune(pct(1.0, 45.0, -1.5)),
        "near_poverty_rate_published" => commune(pct(2.0, 15.0, -0.3)),
        "health_insurance_coverage_published" => commune(pct(70.0, 98.0, 0.8)),
        // Published by province only.
        "doctors_per_10k_published" => province(level(5.0, 15.0, 0.2)),
        "beds_per_10k_published" => province(level(20.0, 35.0, 0.3)),
        "epi_immunization_rate_published" => province(pct(85.0, 99.0, 0.2)),
        "grdp_growth" => province(level(3.0, 11.0, 0.0)),
        "hygienic_water_households_rate" => province(pct(60.0, 98.0, 1.0)),
        "substation_500kv_capacity_mva" => province(level(0.0, 2500.0, 50.0)),
        "life_expectancy" => province(level(66.0, 77.0, 0.15)),
        "healthy_life_years" => province(level(58.0, 68.0, 0.15)),
        "stunting_rate_under5" => province(pct(10.0, 35.0, -0.6)),
        "underweight_rate_under5" => province(pct(5.0, 25.0, -0.5)),
        "wasting_rate_under5" => province(pct(2.0, 8.0, -0.1)),
        "population_growth_rate" => province(level(0.3, 2.5, -0.03)),
        "total_fertility_rate" => province(level(1.5, 2.8, -0.01)),
        "unemployment_rate_urban" => province(pct(1.5, 5.0, -0.05)),
        "unemployment_rate_rural" => province(pct(0.5, 3.0, -0.03)),
        "underemployment_rate" => province(pct(0.5, 4.0, -0.1)),
        "employment_population_ratio" => province(pct(60.0, 80.0, 0.0)),
        _ => None,
    }
}

/// A share `a` of `b` in a formula `a / b * scale`.
#[derive(Debug, Clone, PartialEq)]
struct RatioUse {
    denominator: String,
    scale: f64,
    direction: Direction,
}

/// `a / b` and `a / b * k` inside a formula (also inside COALESCE).
fn ratios_in(source: &str) -> Vec<(String, String, f64)> {
    #[derive(Debug, PartialEq)]
    enum Tok {
        Name(String),
        Num(f64),
        Op(char),
    }
    let mut toks = Vec::new();
    let chars: Vec<char> = source.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphabetic() || c == '_' {
            let s: String = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                .collect();
            i += s.chars().count();
            toks.push(Tok::Name(s));
        } else if c.is_ascii_digit() {
            let s: String = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || **c == '.')
                .collect();
            i += s.chars().count();
            toks.push(Tok::Num(s.parse().unwrap_or(1.0)));
        } else {
            if !c.is_whitespace() {
                toks.push(Tok::Op(c));
            }
            i += 1;
        }
    }
    let mut out = Vec::new();
    for w in 0..toks.len() {
        if let (Some(Tok::Name(a)), Some(Tok::Op('/')), Some(Tok::Name(b))) =
            (toks.get(w), toks.get(w + 1), toks.get(w + 2))
        {
            // A function call is not a name: `COALESCE(`.
            if toks.get(w + 3) == Some(&Tok::Op('(')) || (w > 0 && toks.get(w - 1) == Some(&Tok::Op('*'))) {
                continue;
            }
            let scale = match (toks.get(w + 3), toks.get(w + 4)) {
                (Some(Tok::Op('*')), Some(Tok::Num(k))) => *k,
                _ => 1.0,
            };
            out.push((a.clone(), b.clone(), scale));
        }
    }
    out
}

fn ratio_uses(catalog: &Catalog) -> BTreeMap<String, RatioUse> {
    let mut out = BTreeMap::new();
    for (id, d) in &catalog.indicators {
        let Some(f) = &d.spec.formula else { continue };
        for (a, b, scale) in ratios_in(&f.value) {
            let _ = id;
            out.entry(a).or_insert(RatioUse {
                denominator: b,
                scale,
                direction: d.spec.direction(),
            });
        }
    }
    out
}

fn share_for(u: &RatioUse) -> Model {
    let (lo, hi, trend) = match (u.scale as i64, u.direction) {
        (100, Direction::Increase) => (0.35, 0.92, 0.012),
        (100, Direction::Decrease) => (0.03, 0.3, -0.008),
        (100, Direction::Band) => (0.95, 1.1, 0.0),
        (1000, _) => (0.005, 0.02, 0.0),
        (10000, _) => (0.0005, 0.003, 0.000_02),
        (100_000, _) => (0.000_05, 0.0002, 0.0),
        _ => (0.5, 1.5, 0.0),
    };
    share(&u.denominator, lo, hi, trend)
}

/// Units of amounts written with one decimal; everything else counted is a whole number.
fn is_amount(unit_en: &str) -> bool {
    let u = unit_en.to_lowercase();
    ["ha", "km", "tonne", "m³", "m2", "m²", "vnd", "usd", "mva"]
        .iter()
        .any(|k| {
            u.split(|c: char| !c.is_alphanumeric() && c != '²' && c != '³')
                .any(|w| w == *k)
        })
}

/// Every data series of the catalogue (raw series and reported indicators) with its model, in an
/// order where each share comes after what it is a share of.
pub fn plans(catalog: &Catalog, seed: u64) -> Vec<SeriesPlan> {
    let uses = ratio_uses(catalog);
    let mut plans: BTreeMap<String, SeriesPlan> = BTreeMap::new();
    for id in catalog.data_series() {
        let (unit_en, file, aggregation, milestone) = if let Some(s) = catalog.series.get(id) {
            (
                s.spec.unit.en.clone(),
                catalog.path_of(s).to_path_buf(),
                s.spec.aggregate.value,
                false,
            )
        } else {
            let d = &catalog.indicators[id];
            let boolean = d.spec.measure == Some(Measure::Boolean) || d.spec.unit.en.trim_start().starts_with("1 =");
            (
                d.spec.unit.en.clone(),
                catalog.path_of(d).to_path_buf(),
                d.spec.aggregation(),
                boolean,
            )
        };
        let (model, province_level) = if milestone {
            (Model::Milestone, true)
        } else if let Some(t) = table(id) {
            t
        } else if let Some(u) = uses.get(id) {
            (share_for(u), false)
        } else {
            let mut r = Rng::keyed(seed, &[key("default"), key(id)]);
            let percent = unit_en.contains('%');
            match aggregation {
                Aggregation::None if percent => (pct(5.0, 95.0, 0.3), true),
                Aggregation::None => (level(1.0, 100.0, 0.0), true),
                Aggregation::WeightedMean if percent => (pct(5.0, 95.0, 0.3), false),
                Aggregation::WeightedMean => (level(1.0, 100.0, 0.0), false),
                Aggregation::Sum => {
                    let lo = 10f64.powf(r.range(-4.0, -2.0));
                    (pc(lo, 3.0 * lo, 0.0), false)
                }
            }
        };
        let decimals = match &model {
            Model::Level { .. } => 2,
            Model::Milestone | Model::One | Model::Population | Model::Households => 0,
            Model::UrbanPopulation | Model::RuralPopulation => 0,
            _ if is_amount(&unit_en) => 1,
            _ => 0,
        };
        let mut r = Rng::keyed(seed, &[key("first-year"), key(id)]);
        let first_year = if r.chance(0.12) && !matches!(model, Model::Population | Model::Households) {
            2016 + r.below(5) as i32
        } else {
            super::areas::FIRST_YEAR
        };
        let file = file
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "observations".into());
        plans.insert(
            id.to_string(),
            SeriesPlan {
                id: id.to_string(),
                model,
                decimals,
                province_level,
                first_year,
                file,
            },
        );
    }
    order(plans)
}

/// Shares after their base; a share of a province-only series is province-only too.
fn order(mut plans: BTreeMap<String, SeriesPlan>) -> Vec<SeriesPlan> {
    let mut out: Vec<SeriesPlan> = Vec::with_capacity(plans.len());
    let mut done: BTreeSet<String> = BTreeSet::new();
    while !plans.is_empty() {
        let ready: Vec<String> = plans
            .iter()
            .filter(|(_, p)| match &p.model {
                Model::Share { of, .. } => done.contains(of) || !plans.contains_key(of),
                _ => true,
            })
            .map(|(k, _)| k.clone())
            .collect();
        assert!(
            !ready.is_empty(),
            "shares of each other: {:?}",
            plans.keys().collect::<Vec<_>>()
        );
        for id in ready {
            let mut p = plans.remove(&id).expect("ready plan");
            if let Model::Share { of, .. } = &p.model {
                match out.iter().find(|q| &q.id == of) {
                    Some(base) if base.province_level => p.province_level = true,
                    Some(_) => {}
                    // A share of a series that is not generated: take the population instead.
                    None => {
                        p.model = Model::PerCapita {
                            lo: 0.001,
                            hi: 0.01,
                            trend: 0.0,
                        }
                    }
                }
            }
            done.insert(id);
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_found_inside_coalesce() {
        assert_eq!(
            ratios_in("COALESCE(doctors / population * 10000, doctors_per_10k_published)"),
            vec![("doctors".into(), "population".into(), 10000.0)]
        );
        assert_eq!(
            ratios_in("(population_0_14 + population_65_plus) / population_15_64 * 100"),
            vec![]
        );
        assert_eq!(ratios_in("grdp_constant_prices * 1000 / employed_persons"), vec![]);
        assert_eq!(
            ratios_in("residential_floor_area / population"),
            vec![("residential_floor_area".into(), "population".into(), 1.0)]
        );
    }

    #[test]
    fn amounts_have_decimals_counts_do_not() {
        assert!(is_amount("ha"));
        assert!(is_amount("VND billion"));
        assert!(!is_amount("persons"));
        assert!(!is_amount("households"));
    }
}
