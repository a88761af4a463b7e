//! Problems found in user input, each pointing into its source (file, line, column), in the style of
//! rustc and casey/just: a caret under the offending text and a `help:` line with the likely fix.

use std::fmt;
use std::path::Path;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Where a problem is. Line and column are 1-based; the column counts characters, not bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(path: &Path) -> Self {
        Location {
            file: display_path(path),
            line: None,
            column: None,
        }
    }

    pub fn at(path: &Path, line: usize, column: Option<usize>) -> Self {
        Location {
            file: display_path(path),
            line: Some(line),
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        Ok(())
    }
}

/// Paths are shown as given, with `/` separators, so messages and snapshots are the same on every machine.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable kebab-case identifier (`unknown-series`), listed in docs/errors.md.
    pub code: &'static str,
    pub message: String,
    pub location: Option<Location>,
    /// The source line, for the caret display.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// Width of the caret run under the offending text (in characters).
    #[serde(skip)]
    pub span: usize,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            source_line: None,
            span: 1,
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// Attach the source line (taken from the full text of the file) and the caret width.
    pub fn with_source(mut self, text: &str, span: usize) -> Self {
        if let Some(line) = self.location.as_ref().and_then(|l| l.line) {
            self.source_line = text
                .lines()
                .nth(line.saturating_sub(1))
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self.span = span.max(1);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}[{}]: {}", self.code, self.message)?;
        if let Some(loc) = &self.location {
            let line_no = loc.line.map(|l| l.to_string()).unwrap_or_default();
            let pad = " ".repeat(line_no.len().max(1));
            writeln!(f, "{pad}--> {loc}")?;
            if let (Some(src), Some(_)) = (&self.source_line, loc.line) {
                writeln!(f, "{pad} |")?;
                writeln!(f, "{line_no} | {src}")?;
                if let Some(col) = loc.column {
                    let lead: String = src
                        .chars()
                        .take(col.saturating_sub(1))
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    writeln!(f, "{pad} | {lead}{}", "^".repeat(self.span))?;
                }
            }
        }
        if let Some(h) = &self.help {
            let pad = self
                .location
                .as_ref()
                .and_then(|l| l.line)
                .map(|l| l.to_string().len())
                .unwrap_or(1);
            writeln!(f, "{} = help: {h}", " ".repeat(pad))?;
        }
        Ok(())
    }
}

/// Render a list of diagnostics, followed by a one-line count.
pub fn render_all(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    out.push_str(&format!(
        "{errors} error{}, {warnings} warning{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    ));
    out
}

/// Deterministic order: by file, line, column, then code and message; notes with no place (summaries
/// such as "… and 12 more rows") after the ones they sum up.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.location.is_none(), &a.location, a.code, &a.message).cmp(&(
            b.location.is_none(),
            &b.location,
            b.code,
            &b.message,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_points_at_the_column() {
        let text = "id: x\nformula: doctor / population\n";
        let d = Diagnostic::error("unknown-series", "unknown series `doctor`")
            .at(Location::at(Path::new("indicators/h.yaml"), 2, Some(10)))
            .with_source(text, 6)
            .help("did you mean `doctors`?");
        let s = d.to_string();
        assert!(s.contains("--> indicators/h.yaml:2:10"), "{s}");
        assert!(s.contains("2 | formula: doctor / population"), "{s}");
        assert!(s.contains("  |          ^^^^^^"), "{s}");
        assert!(s.contains("= help: did you mean `doctors`?"), "{s}");
    }
}
