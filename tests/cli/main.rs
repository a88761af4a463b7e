//! Integration tests through the real binary. One test binary (see Cargo.toml), one module per command
//! or concern.

mod support;

mod bad_input;
mod catalogue;
mod chart;
mod errors;
mod eval;
mod formats;
mod gap;
mod generate;
mod import;
mod list;
mod microdata;
mod never_panics;
mod outputs;
mod real_data;
mod report;
mod validate;
