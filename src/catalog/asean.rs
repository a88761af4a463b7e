//! The ASEAN Socio-Cultural Community framework: strategic goals, targets and the coded tasks each
//! province assigned. Codes differ between provinces, so tasks are keyed on (province, code).

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Location};
use crate::error::Result;
use crate::frame;
use crate::i18n::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AseanLevel {
    StrategicGoal,
    Target,
    Task,
}

#[derive(Debug, Clone, Serialize)]
pub struct AseanNode {
    pub province: String,
    pub level: AseanLevel,
    pub code: String,
    pub parent: Option<String>,
    pub title: Text,
    pub lead_agencies: Vec<String>,
    pub support_agencies: Vec<String>,
    pub timeframe: Text,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AseanFramework {
    pub nodes: Vec<AseanNode>,
}

pub const COLUMNS: [&str; 10] = [
    "province",
    "level",
    "code",
    "parent_code",
    "title_vi",
    "title_en",
    "lead_agencies",
    "support_agencies",
    "timeframe_vi",
    "timeframe_en",
];

impl AseanFramework {
    /// Load `framework.csv`; problems are returned as diagnostics with their line.
    pub fn load(path: &Path, diags: &mut Vec<Diagnostic>) -> Result<Self> {
        let Some(df) = crate::data::read_small_csv(path, diags) else {
            return Ok(AseanFramework::default());
        };
        let missing: Vec<&str> = COLUMNS.iter().copied().filter(|c| df.column(c).is_err()).collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::error(
                    "missing-column",
                    format!("the ASEAN framework lacks column(s) {}", missing.join(", ")),
                )
                .at(Location::at(path, 1, None))
                .help(format!("the header must be: {}", COLUMNS.join(","))),
            );
            return Ok(AseanFramework::default());
        }
        let cols: Vec<Vec<Option<String>>> = COLUMNS
            .iter()
            .map(|c| frame::str_values(&df, c))
            .collect::<Result<_>>()?;
        let get = |c: usize, i: usize| cols[c][i].clone().unwrap_or_default();
        let split = |s: String| -> Vec<String> {
            s.split("; ")
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        };
        let mut nodes = Vec::with_capacity(df.height());
        let mut seen = BTreeSet::new();
        #[allow(clippy::needless_range_loop)] // rows of several column vectors
        for i in 0..df.height() {
            let line = i + 2;
            let level = match get(1, i).as_str() {
                "strategic_goal" => AseanLevel::StrategicGoal,
                "target" => AseanLevel::Target,
                "task" => AseanLevel::Task,
                other => {
                    diags.push(
                        Diagnostic::error("unknown-value", format!("unknown ASEAN level `{other}`"))
                            .at(Location::at(path, line, Some(2)))
                            .help("expected strategic_goal, target or task"),
                    );
                    continue;
                }
            };
            let province = get(0, i);
            let code = get(2, i);
            if !seen.insert((province.clone(), code.clone())) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("ASEAN code `{code}` appears twice for `{province}`"),
                    )
                    .at(Location::at(path, line, Some(3))),
                );
            }
            let parent = cols[3][i].clone().filter(|p| !p.is_empty());
            nodes.push(AseanNode {
                province,
                level,
                code,
                parent,
                title: Text::new(get(4, i), get(5, i)),
                lead_agencies: split(get(6, i)),
                support_agencies: split(get(7, i)),
                timeframe: Text::new(get(8, i), get(9, i)),
            });
        }
        for n in &nodes {
            if let Some(p) = &n.parent
                && !nodes.iter().any(|m| m.province == n.province && &m.code == p)
            {
                diags.push(
                    Diagnostic::error(
                        "unknown-asean-code",
                        format!(
                            "ASEAN node {} {} names parent `{p}`, which does not exist",
                            n.province, n.code
                        ),
                    )
                    .at(Location::file(path)),
                );
            }
        }
        Ok(AseanFramework { nodes })
    }

    /// A goal or target code valid in any province (goal and target numbering is national).
    pub fn has_goal_or_target(&self, code: &str) -> bool {
        self.nodes.iter().any(|n| n.level != AseanLevel::Task && n.code == code)
    }

    pub fn has_task(&self, province: &str, code: &str) -> bool {
        self.nodes
            .iter()
            .any(|n| n.level == AseanLevel::Task && n.province == province && n.code == code)
    }

    pub fn provinces(&self) -> BTreeSet<&str> {
        self.nodes.iter().map(|n| n.province.as_str()).collect()
    }

    /// Goal and target codes, for "did you mean".
    pub fn codes(&self) -> BTreeSet<&str> {
        self.nodes
            .iter()
            .filter(|n| n.level != AseanLevel::Task)
            .map(|n| n.code.as_str())
            .collect()
    }

    /// The node for a goal or target code (first province that has it).
    pub fn node(&self, code: &str) -> Option<&AseanNode> {
        self.nodes
            .iter()
            .find(|n| n.level != AseanLevel::Task && n.code == code)
    }

    /// The strategic goal a code belongs to (`4.1` → `4`).
    pub fn goal_of(code: &str) -> &str {
        code.split('.').next().unwrap_or(code)
    }

    /// Numeric sort key for codes like `10.1.3`, so that 2 comes before 10.
    pub fn sort_key(code: &str) -> Vec<u32> {
        code.split('.').map(|p| p.parse().unwrap_or(u32::MAX)).collect()
    }
}
