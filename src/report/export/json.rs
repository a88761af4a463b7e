//! JSON: the whole table model (rows, roll-ups, disagreements), numbers at full precision.

use super::{ExportInput, Exporter};
use crate::error::{Error, Result};

pub struct Json;

impl Exporter for Json {
    fn extension(&self) -> &'static str {
        "json"
    }

    fn export(&self, input: &ExportInput) -> Result<Vec<u8>> {
        let mut v = serde_json::to_vec_pretty(input.table).map_err(|e| Error::Other(e.to_string()))?;
        v.push(b'\n');
        Ok(v)
    }
}
