//! The library's error type. Problems in user input are `Invalid` with diagnostics that point into the
//! source; everything else is an environment failure (I/O) or an internal one.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, render_all};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input (catalogue, data, options) has problems; each diagnostic says where and what to do.
    #[error("{}", render_all(.0))]
    Invalid(Vec<Diagnostic>),
    #[error("cannot {action} `{}`: {source}", crate::diagnostic::display_path(.path))]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("data engine error: {0}")]
    Polars(#[from] polars::error::PolarsError),
    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    pub fn invalid(d: Diagnostic) -> Self {
        Error::Invalid(vec![d])
    }

    /// Input problems exit with 2 from commands; `validate` reports them with 1.
    pub fn is_input_problem(&self) -> bool {
        matches!(self, Error::Invalid(_) | Error::Io { .. })
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
