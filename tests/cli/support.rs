//! Fixtures: small catalogues and data folders written to a temporary directory.
#![allow(dead_code)] // helpers shared by modules; not every module uses every one

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The binary, run from the repository root (where the shipped catalogue and data are).
pub fn chitieu() -> Command {
    let mut c = Command::cargo_bin("chitieu").expect("binary built");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env("NO_COLOR", "1").env("COLUMNS", "200");
    c
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A project folder with `indicators/` and `data/` written from (relative path, contents) pairs.
pub struct Project {
    pub dir: TempDir,
}

impl Project {
    pub fn new(files: &[(&str, &str)]) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        for (rel, text) in files {
            write(dir.path(), rel, text.as_bytes());
        }
        Project { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) {
        write(self.dir.path(), rel, bytes);
    }

    /// The binary with `--indicators` and `--data` pointing into this project.
    pub fn cmd(&self) -> Command {
        let mut c = chitieu();
        c.current_dir(self.path());
        c
    }
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write fixture");
}

/// The two-district example of methodology.md §2.
pub const AREAS: &str = "code,name_vi,name_en,level,parent\np,Tỉnh,Province,province,\na,Huyện A,District A,district,p\nb,Huyện B,District B,district,p\n";

pub const HEALTH: &str = r#"series:
  - id: doctors
    name: {vi: "Số bác sĩ", en: "Doctors"}
    unit: {vi: "người", en: "persons"}
    aggregate: sum
  - id: population
    name: {vi: "Dân số", en: "Population"}
    unit: {vi: "người", en: "persons"}
    aggregate: sum
indicators:
  - id: doctors_per_10k
    name: {vi: "Số bác sĩ trên 1 vạn dân", en: "Doctors per 10,000 people"}
    unit: {vi: "bác sĩ/1 vạn dân", en: "per 10,000 people"}
    direction: increase
    formula: doctors / population * 10000
    decimals: 1
"#;

pub const TWO_DISTRICTS: &str =
    "series,area,year,value\ndoctors,a,2024,50\npopulation,a,2024,80000\ndoctors,b,2024,30\npopulation,b,2024,20000\n";

/// A minimal valid project: two districts, one indicator.
pub fn two_districts() -> Project {
    Project::new(&[
        ("indicators/health.yaml", HEALTH),
        ("data/areas.csv", AREAS),
        ("data/obs.csv", TWO_DISTRICTS),
    ])
}
