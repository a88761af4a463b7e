//! National observations: every data series for every commune (or province) and year, written as
//! tidy CSV and Parquet files, one per catalogue file, with some values missing.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use polars::prelude::*;

use super::areas::{FIRST_YEAR, Hierarchy, LAST_YEAR};
use super::models::{Model, SeriesPlan};
use super::rng::{Rng, key};
use crate::error::{Error, Result};

/// Chance that a province did not report a series in a year: the whole block is empty (and the
/// province, its region and the country get no total that year).
const BLOCK_MISSING: f64 = 0.001;
/// Chance that one commune cell is empty.
const CELL_MISSING: f64 = 0.000_005;
/// Chance that a province-level value is empty.
const PROVINCE_MISSING: f64 = 0.01;

pub fn years() -> std::ops::RangeInclusive<i32> {
    FIRST_YEAR..=LAST_YEAR
}

fn n_years() -> usize {
    (LAST_YEAR - FIRST_YEAR + 1) as usize
}

/// Observation status by year: normal to 2024, estimate for 2025, forecast after.
pub fn status(year: i32) -> &'static str {
    match year {
        ..=2024 => "A",
        2025 => "E",
        _ => "F",
    }
}

/// Values of every series: communes first, then provinces (the sum of their communes for
/// commune-level series), `years()` per area.
pub struct Values<'a> {
    h: &'a Hierarchy,
    seed: u64,
    /// Population of each province by year (the sum of its communes).
    province_population: Vec<f64>,
    pub by_series: BTreeMap<String, Vec<f64>>,
}

impl<'a> Values<'a> {
    fn slot(&self, area: usize, year: i32) -> usize {
        area * n_years() + (year - FIRST_YEAR) as usize
    }

    fn province_slot(&self, p: usize) -> usize {
        self.h.communes.len() + p
    }

    /// Population of an area (commune index, or province slot).
    fn population(&self, area: usize, year: i32) -> f64 {
        match self.h.communes.get(area) {
            Some(c) => c.population(year),
            None => self.province_population[(area - self.h.communes.len()) * n_years() + (year - FIRST_YEAR) as usize],
        }
    }

    pub fn generate(h: &'a Hierarchy, plans: &[SeriesPlan], seed: u64) -> Values<'a> {
        let mut province_population = vec![0.0; h.provinces.len() * n_years()];
        for c in &h.communes {
            for y in years() {
                province_population[c.province * n_years() + (y - FIRST_YEAR) as usize] += c.population(y);
            }
        }
        let mut v = Values {
            h,
            seed,
            province_population,
            by_series: BTreeMap::new(),
        };
        for p in plans {
            let mut out = vec![0.0; (h.communes.len() + h.provinces.len()) * n_years()];
            if p.province_level {
                for prov in 0..h.provinces.len() {
                    let area = v.province_slot(prov);
                    let dev = h.provinces[prov].development;
                    for y in years() {
                        out[v.slot(area, y)] = v.value(p, area, dev, y);
                    }
                }
            } else {
                for (c, commune) in h.communes.iter().enumerate() {
                    for y in years() {
                        out[v.slot(c, y)] = v.value(p, c, commune.development, y);
                    }
                }
                for (c, commune) in h.communes.iter().enumerate() {
                    for y in years() {
                        let ps = v.slot(v.province_slot(commune.province), y);
                        out[ps] += out[v.slot(c, y)];
                    }
                }
            }
            v.by_series.insert(p.id.clone(), out);
        }
        v
    }

    fn value(&self, p: &SeriesPlan, area: usize, development: f64, year: i32) -> f64 {
        let t = (year - FIRST_YEAR) as f64;
        let commune = self.h.communes.get(area);
        // Fixed per series × area: where in its range the area sits (development pulls it).
        let mut fixed = Rng::keyed(self.seed, &[key(&p.id), area as u64]);
        let mut noise = Rng::keyed(self.seed, &[key(&p.id), area as u64, year as u64]);
        let position = |rising: bool, r: &mut Rng| {
            let d = if rising { development } else { 1.0 - development };
            0.6 * d + 0.4 * r.unit()
        };
        let wobble = 1.0 + noise.range(-0.02, 0.02);
        let x = match &p.model {
            Model::Population => self.population(area, year),
            Model::Households => commune.map(|c| c.households(year)).unwrap_or(0.0),
            Model::UrbanPopulation => commune.map(|c| (c.population(year) * c.urban).round()).unwrap_or(0.0),
            Model::RuralPopulation => commune
                .map(|c| c.population(year) - (c.population(year) * c.urban).round())
                .unwrap_or(0.0),
            Model::NaturalArea => commune.map(|c| c.area_ha).unwrap_or(0.0),
            Model::One => 1.0,
            Model::PerCapita { lo, hi, trend } => {
                let f = fixed.range(*lo, *hi);
                self.population(area, year) * f * (1.0 + trend * t).max(0.0) * wobble
            }
            Model::Amount { lo, hi, trend } => fixed.range(*lo, *hi) * (1.0 + trend * t).max(0.0) * wobble,
            Model::Share { of, lo, hi, trend, cap } => {
                let base = self.by_series.get(of).map(|v| v[self.slot(area, year)]).unwrap_or(0.0);
                let s = lo + (hi - lo) * position(*trend >= 0.0, &mut fixed);
                let s = (s + trend * t + (hi - lo) * noise.range(-0.02, 0.02)).clamp(0.0, *cap);
                base * s
            }
            Model::Level { lo, hi, trend, cap } => {
                let l = lo + (hi - lo) * position(*trend >= 0.0, &mut fixed);
                (l + trend * t + (hi - lo) * noise.range(-0.01, 0.01)).clamp(0.0, *cap)
            }
            Model::Milestone => {
                let done_from = 2017 + fixed.below(18) as i32;
                if year >= done_from { 1.0 } else { 0.0 }
            }
        };
        if p.decimals == 0 {
            let whole = noise.round_count(x);
            // Denominators of ratios are never zero in a reported cell.
            if matches!(p.model, Model::Population | Model::Households) {
                whole.max(1.0)
            } else {
                whole
            }
        } else {
            let k = 10f64.powi(p.decimals);
            (x * k).round() / k
        }
    }

    /// Whether a cell is left empty (missing), decided by the seed alone.
    fn missing(&self, p: &SeriesPlan, area: usize, year: i32) -> bool {
        if p.province_level {
            return Rng::keyed(self.seed, &[key("missing"), key(&p.id), area as u64, year as u64])
                .chance(PROVINCE_MISSING);
        }
        let prov = self.h.communes[area].province;
        Rng::keyed(self.seed, &[key("block"), key(&p.id), prov as u64, year as u64]).chance(BLOCK_MISSING)
            || Rng::keyed(self.seed, &[key("cell"), key(&p.id), area as u64, year as u64]).chance(CELL_MISSING)
    }
}

/// The rows of one observation file.
#[derive(Default)]
struct Rows {
    series: Vec<String>,
    area: Vec<String>,
    year: Vec<i32>,
    value: Vec<Option<f64>>,
    status: Vec<&'static str>,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Written {
    pub files: usize,
    pub rows: usize,
    pub empty: usize,
}

/// Write `observations/<file>.csv` under `csv_dir` and `observations/<file>.parquet` under
/// `parquet_dir` (either may be None).
pub fn write(
    values: &Values,
    plans: &[SeriesPlan],
    csv_dir: Option<&Path>,
    parquet_dir: Option<&Path>,
) -> Result<Written> {
    let h = values.h;
    let mut by_file: BTreeMap<&str, Vec<&SeriesPlan>> = BTreeMap::new();
    for p in plans {
        by_file.entry(p.file.as_str()).or_default().push(p);
    }
    let mut w = Written::default();
    for (file, mut ps) in by_file {
        ps.sort_by(|a, b| a.id.cmp(&b.id));
        let mut rows = Rows::default();
        for p in ps {
            let v = &values.by_series[&p.id];
            let areas: Vec<(usize, &str)> = if p.province_level {
                (0..h.provinces.len())
                    .map(|i| (values.province_slot(i), h.provinces[i].code.as_str()))
                    .collect()
            } else {
                h.communes
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i, c.code.as_str()))
                    .collect()
            };
            for (slot, code) in areas {
                for y in years().filter(|y| *y >= p.first_year) {
                    let missing = values.missing(
                        p,
                        if p.province_level {
                            slot - h.communes.len()
                        } else {
                            slot
                        },
                        y,
                    );
                    rows.series.push(p.id.clone());
                    rows.area.push(code.to_string());
                    rows.year.push(y);
                    rows.value.push((!missing).then(|| v[values.slot(slot, y)]));
                    rows.status.push(status(y));
                    w.empty += missing as usize;
                }
            }
        }
        w.rows += rows.year.len();
        w.files += 1;
        if let Some(dir) = csv_dir {
            write_csv(&dir.join("observations").join(format!("{file}.csv")), &rows)?;
        }
        if let Some(dir) = parquet_dir {
            write_parquet(&dir.join("observations").join(format!("{file}.parquet")), rows)?;
        }
    }
    Ok(w)
}

fn create(path: &Path) -> Result<std::fs::File> {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d).map_err(|e| Error::io("create", d, e))?;
    }
    std::fs::File::create(path).map_err(|e| Error::io("create", path, e))
}

fn write_csv(path: &Path, rows: &Rows) -> Result<()> {
    let mut f = std::io::BufWriter::with_capacity(1 << 20, create(path)?);
    let io = |e| Error::io("write", path, e);
    f.write_all(b"series,area,year,value,status\n").map_err(io)?;
    for i in 0..rows.year.len() {
        match rows.value[i] {
            Some(v) => writeln!(
                f,
                "{},{},{},{},{}",
                rows.series[i], rows.area[i], rows.year[i], v, rows.status[i]
            ),
            None => writeln!(
                f,
                "{},{},{},,{}",
                rows.series[i], rows.area[i], rows.year[i], rows.status[i]
            ),
        }
        .map_err(io)?;
    }
    f.flush().map_err(io)
}

fn write_parquet(path: &Path, rows: Rows) -> Result<()> {
    let mut df = DataFrame::new_infer_height(vec![
        Column::new("series".into(), rows.series),
        Column::new("area".into(), rows.area),
        Column::new("year".into(), rows.year),
        Column::new("value".into(), rows.value),
        Column::new("status".into(), rows.status),
    ])?;
    ParquetWriter::new(create(path)?).finish(&mut df)?;
    Ok(())
}
