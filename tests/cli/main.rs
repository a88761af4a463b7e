//! Integration tests through the real binary. One test binary (see Cargo.toml), one module per command
//! or concern.

mod support;

mod catalogue;
mod errors;
mod eval;
mod formats;
mod import;
mod list;
mod real_data;
mod validate;
