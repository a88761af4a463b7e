//! `chitieu doc catalogue`: the catalogue as a Markdown document for planners.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::catalog::document::{DocumentInputs, RecordTable, render};
use crate::data::Areas;
use crate::diagnostic::display_path;
use crate::error::Result;
use crate::frame;
use crate::i18n::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// Plans, targets, indicators, series, the ASEAN framework and the data records.
    Catalogue,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    pub what: What,
    /// Write to this file (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(g: &super::Global, args: &Args) -> Result<i32> {
    let catalog = Catalog::load(&g.indicators)?;
    let mut diags = Vec::new();
    let areas = Areas::load(&g.data.join("areas.csv"), &mut diags)?;
    let inputs = DocumentInputs {
        area_names: areas
            .list
            .iter()
            .map(|a| (a.code.clone(), a.name.clone()))
            .collect::<BTreeMap<_, _>>(),
        records: records(&g.data)?,
    };
    let text = match args.what {
        What::Catalogue => render(&catalog, &inputs),
    };
    match &args.out {
        Some(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| crate::Error::io("create", parent, e))?;
            }
            crate::fsutil::write_atomic(path, text.as_bytes())?;
            if !g.quiet {
                eprintln!("wrote {}", display_path(path));
            }
        }
        None => crate::cli::out!("{text}"),
    }
    Ok(0)
}

/// The records kept beside the observations (`data::RECORDS`), when present.
fn records(dir: &Path) -> Result<Vec<RecordTable>> {
    let described = [
        (
            "conflicts.csv",
            Text::new(
                "Số liệu mâu thuẫn (data/conflicts.csv)",
                "Conflicting figures (data/conflicts.csv)",
            ),
            Text::new(
                "Các giá trị khác nhau cho cùng một chỉ số, địa bàn và năm: giá trị được dùng, giá trị kia và cách xử lý.",
                "Different values for one indicator, area and year: the value used, the other one and how it was resolved.",
            ),
        ),
        (
            "not-loaded.csv",
            Text::new(
                "Số liệu công bố nhưng không nạp (data/not-loaded.csv)",
                "Published figures not loaded (data/not-loaded.csv)",
            ),
            Text::new(
                "Số liệu không phải quan sát năm của một chuỗi trong danh mục (một phần năm, bình quân nhiều năm, cận trên/dưới, chỉ tiêu của kế hoạch khác).",
                "Figures that are not yearly observations of a catalogue series (part of a year, multi-year averages, bounds, targets of other plans).",
            ),
        ),
    ];
    debug_assert!(described.iter().all(|(f, _, _)| crate::data::RECORDS.contains(f)));
    let mut out = Vec::new();
    for (file, title, intro) in described {
        let path = dir.join(file);
        if !path.exists() {
            continue;
        }
        let df = frame::read_csv_strings(&path, b',')?;
        let header: Vec<String> = df.get_column_names().iter().map(|c| c.to_string()).collect();
        let cols: Vec<Vec<Option<String>>> = header
            .iter()
            .map(|h| frame::str_values(&df, h))
            .collect::<Result<_>>()?;
        let rows = (0..df.height())
            .map(|i| cols.iter().map(|c| c[i].clone().unwrap_or_default()).collect())
            .collect();
        out.push(RecordTable {
            title,
            intro,
            header,
            rows,
        });
    }
    Ok(out)
}
