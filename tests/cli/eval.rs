use predicates::prelude::*;

use crate::support::{chitieu, two_districts};

#[test]
fn province_rate_is_the_ratio_of_sums() {
    // methodology.md §2: 80 doctors / 100,000 people → 8.0, not the mean of 6.25 and 15.0.
    let out = two_districts()
        .cmd()
        .args([
            "eval",
            "--indicator",
            "doctors_per_10k",
            "--area",
            "p",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("doctors_per_10k,p,Tỉnh,2024,8,80,100000,A,false"),
        "{text}"
    );
}

#[test]
fn shipped_example_prints_every_area_and_year() {
    chitieu()
        .args(["eval", "--indicator", "doctors_per_10k", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("doctors_per_10k,12,Lai Châu,2015,"));
}

/// Rows of a tidy CSV as (series, area, year, value).
fn tidy(path: &std::path::Path) -> Vec<(String, String, i32, f64)> {
    std::fs::read_to_string(path)
        .expect("read")
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.splitn(5, ',').collect();
            Some((
                f[0].to_string(),
                f[1].to_string(),
                f[2].parse().ok()?,
                f[3].parse().ok()?,
            ))
        })
        .collect()
}

#[test]
fn regional_and_national_doctors_summed_from_provinces_equal_gso_rows() {
    let repo = crate::support::repo();
    let areas = std::fs::read_to_string(repo.join("data/areas.csv")).unwrap();
    let provinces: std::collections::BTreeSet<String> = areas
        .lines()
        .filter(|l| l.contains(",province,"))
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    let composites: Vec<String> = areas
        .lines()
        .filter(|l| l.contains(",region,") || l.contains(",country,"))
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    let staff = tidy(&repo.join("data/gso/medical-staff.csv"));
    let population = tidy(&repo.join("data/gso/average-population.csv"));
    // Only the provinces' rows: the engine must rebuild the regions and the country itself.
    let mut obs = String::from("series,area,year,value\n");
    for (s, a, y, v) in staff.iter().chain(&population) {
        if (s == "doctors" || s == "population") && provinces.contains(a) {
            obs.push_str(&format!("{s},{a},{y},{v}\n"));
        }
    }
    let p = crate::support::Project::new(&[("data/areas.csv", &areas), ("data/provinces.csv", &obs)]);
    for f in ["health.yaml", "population.yaml", "asean/framework.csv"] {
        p.write(
            &format!("indicators/{f}"),
            &std::fs::read(repo.join("indicators").join(f)).unwrap(),
        );
    }
    let out = p
        .cmd()
        .args(["eval", "--indicator", "doctors_per_10k", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let mut compared = 0;
    for line in out.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (area, year, numerator) = (f[1], f[3].parse::<i32>().unwrap(), f[5]);
        if !composites.iter().any(|c| c == area) || numerator.is_empty() {
            continue;
        }
        let gso = staff
            .iter()
            .find(|(s, a, y, _)| s == "doctors" && a == area && *y == year)
            .map(|r| r.3);
        assert_eq!(Some(numerator.parse::<f64>().unwrap()), gso, "{area} {year}");
        compared += 1;
    }
    // Six regions and the country, 2004–2016 at least (before 2004 three provinces did not exist yet).
    assert!(compared >= 7 * 13, "only {compared} regional values were computed");
}
