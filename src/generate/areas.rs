//! A synthetic national hierarchy: country → 6 regions → provinces → communes, with the attributes
//! every generated value is built from (population, urban share, household size, development).
//! Codes and names are plainly fake (`p07`, "Tỉnh mẫu 07"): nothing here pretends to be real data.

use std::io::Write;
use std::path::Path;

use super::rng::{Rng, key};
use crate::error::{Error, Result};

pub const COUNTRY: &str = "vn";
pub const FIRST_YEAR: i32 = 2015;
pub const LAST_YEAR: i32 = 2030;

#[derive(Debug, Clone)]
pub struct Province {
    pub code: String,
    pub region: usize,
    /// 0 (remote, poor) … 1 (developed).
    pub development: f64,
}

#[derive(Debug, Clone)]
pub struct Commune {
    pub code: String,
    pub province: usize,
    /// Population in the first year.
    pub population0: f64,
    /// Yearly population growth (−0.5 % … +2 %).
    pub growth: f64,
    /// Share of the population living in urban areas (wards are mostly urban).
    pub urban: f64,
    pub household_size: f64,
    /// Natural area, ha.
    pub area_ha: f64,
    /// 0 … 1: drives coverage rates up and poverty down.
    pub development: f64,
}

impl Commune {
    pub fn population(&self, year: i32) -> f64 {
        (self.population0 * (1.0 + self.growth).powi(year - FIRST_YEAR)).round()
    }

    pub fn households(&self, year: i32) -> f64 {
        (self.population(year) / self.household_size).round().max(1.0)
    }
}

#[derive(Debug, Clone)]
pub struct Hierarchy {
    pub regions: usize,
    pub provinces: Vec<Province>,
    pub communes: Vec<Commune>,
}

pub fn region_code(r: usize) -> String {
    format!("r{}", r + 1)
}

impl Hierarchy {
    /// `provinces` provinces in up to 6 regions, `communes` communes spread unevenly over them
    /// (every province has at least one).
    pub fn build(seed: u64, provinces: usize, communes: usize) -> Result<Hierarchy> {
        if provinces == 0 || communes < provinces {
            return Err(Error::Other(format!(
                "a hierarchy needs at least one province and one commune per province (asked for {provinces} provinces, {communes} communes)"
            )));
        }
        let regions = provinces.min(6);
        let mut rng = Rng::keyed(seed, &[key("provinces")]);
        let provs: Vec<Province> = (0..provinces)
            .map(|p| Province {
                code: format!("p{:02}", p + 1),
                // Contiguous blocks: regions of 6, 6, 6, 6, 5, 5 provinces for 34.
                region: p * regions / provinces,
                development: rng.range(0.1, 0.9),
            })
            .collect();
        // Uneven sizes, largest remainder so that the total is exact.
        let weights: Vec<f64> = (0..provinces).map(|_| rng.range(0.4, 1.6)).collect();
        let total_w: f64 = weights.iter().sum();
        let spare = (communes - provinces) as f64;
        let exact: Vec<f64> = weights.iter().map(|w| w / total_w * spare).collect();
        let mut counts: Vec<usize> = exact.iter().map(|x| 1 + x.floor() as usize).collect();
        let mut order: Vec<usize> = (0..provinces).collect();
        order.sort_by(|a, b| {
            let fa = exact[*a] - exact[*a].floor();
            let fb = exact[*b] - exact[*b].floor();
            fb.total_cmp(&fa).then(a.cmp(b))
        });
        let mut left = communes - counts.iter().sum::<usize>();
        for p in order.iter().cycle() {
            if left == 0 {
                break;
            }
            counts[*p] += 1;
            left -= 1;
        }
        let mut list = Vec::with_capacity(communes);
        for (p, n) in counts.iter().enumerate() {
            for _ in 0..*n {
                let i = list.len();
                let mut r = Rng::keyed(seed, &[key("commune"), i as u64]);
                let development = (provs[p].development + r.range(-0.15, 0.15)).clamp(0.0, 1.0);
                let ward = r.chance(0.15 + 0.3 * development);
                let (urban, population0) = if ward {
                    (r.range(0.7, 1.0), r.range(8_000f64.ln(), 60_000f64.ln()).exp())
                } else {
                    (r.range(0.02, 0.2), r.range(2_000f64.ln(), 25_000f64.ln()).exp())
                };
                list.push(Commune {
                    code: format!("c{:05}", i + 1),
                    province: p,
                    population0,
                    growth: r.range(-0.005, 0.02),
                    urban,
                    household_size: r.range(3.2, 4.8),
                    area_ha: if ward {
                        r.range(200.0, 3_000.0)
                    } else {
                        r.range(1_500.0, 40_000.0)
                    },
                    development,
                });
            }
        }
        Ok(Hierarchy {
            regions,
            provinces: provs,
            communes: list,
        })
    }

    /// `areas.csv`: the country, the regions, the provinces, the communes.
    pub fn write_areas(&self, path: &Path) -> Result<()> {
        let mut out = String::from("code,name_vi,name_en,level,parent\n");
        out.push_str(&format!("{COUNTRY},Quốc gia mẫu,Synthetic country,country,\n"));
        for r in 0..self.regions {
            out.push_str(&format!(
                "{c},Vùng mẫu {n},Synthetic region {n},region,{COUNTRY}\n",
                c = region_code(r),
                n = r + 1
            ));
        }
        for (i, p) in self.provinces.iter().enumerate() {
            out.push_str(&format!(
                "{c},Tỉnh mẫu {n:02},Synthetic province {n:02},province,{r}\n",
                c = p.code,
                n = i + 1,
                r = region_code(p.region)
            ));
        }
        for (i, c) in self.communes.iter().enumerate() {
            out.push_str(&format!(
                "{code},Xã mẫu {n:04},Synthetic commune {n:04},commune,{p}\n",
                code = c.code,
                n = i + 1,
                p = self.provinces[c.province].code
            ));
        }
        write_file(path, out.as_bytes())
    }
}

pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d).map_err(|e| Error::io("create", d, e))?;
    }
    let mut f = std::fs::File::create(path).map_err(|e| Error::io("create", path, e))?;
    f.write_all(bytes).map_err(|e| Error::io("write", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_national_shape() {
        let h = Hierarchy::build(1, 34, 3321).unwrap();
        assert_eq!(h.regions, 6);
        assert_eq!(h.provinces.len(), 34);
        assert_eq!(h.communes.len(), 3321);
        for p in 0..34 {
            assert!(h.communes.iter().any(|c| c.province == p), "province {p} has communes");
        }
        let regions: Vec<usize> = (0..6)
            .map(|r| h.provinces.iter().filter(|p| p.region == r).count())
            .collect();
        assert!(regions.iter().all(|n| (5..=6).contains(n)), "{regions:?}");
        assert_eq!(regions.iter().sum::<usize>(), 34);
        for c in &h.communes {
            let p = c.population(FIRST_YEAR);
            assert!((2_000.0..=60_000.0).contains(&p), "population {p}");
        }
    }
}
