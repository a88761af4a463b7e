use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, display_path};

/// Why a chart could not be drawn or written.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The output file's extension names no format we write.
    #[error("cannot tell the chart format of `{}`: the file name must end in .svg or .png", display_path(.0))]
    UnknownFormat(PathBuf),
    #[error("a chart of {width}×{height} pixels is outside the supported {min}–{max} pixels a side")]
    BadSize {
        width: u32,
        height: u32,
        min: u32,
        max: u32,
    },
    /// The embedded font could not be read: a build problem, not a user one.
    #[error("the embedded font could not be registered: {0}")]
    Font(String),
    /// plotters failed; its errors are generic over the backend, so they arrive as text.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the PNG failed: {0}")]
    Encode(String),
    #[error(transparent)]
    Write(Box<crate::Error>),
}

impl From<RenderError> for crate::Error {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::Write(inner) => *inner,
            RenderError::UnknownFormat(_) => crate::Error::invalid(
                Diagnostic::error("chart-output", e.to_string())
                    .help("write e.g. `--out forest.png` or `--out forest.svg`"),
            ),
            RenderError::BadSize { min, max, .. } => {
                crate::Error::invalid(Diagnostic::error("chart-size", e.to_string()).help(format!(
                    "use `--size slide`, `a4`, `a4-page` or WIDTHxHEIGHT with each side from {min} to {max}"
                )))
            }
            other => crate::Error::Other(other.to_string()),
        }
    }
}

/// plotters' errors carry the backend type; only their text is useful to a reader.
pub(crate) fn draw_err<E: std::fmt::Debug>(e: E) -> RenderError {
    RenderError::Draw(format!("{e:?}"))
}
