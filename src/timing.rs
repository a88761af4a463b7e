//! Stage timers for profiling at national scale: with `CHITIEU_TIMINGS=1` in the environment each
//! stage prints its wall time to standard error when it ends; otherwise they cost nothing. Timings
//! never reach an output file (outputs stay byte-identical between runs).

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CHITIEU_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"))
}

/// A running stage; its time is printed when it is dropped.
pub struct Stage {
    name: &'static str,
    start: Option<Instant>,
}

pub fn stage(name: &'static str) -> Stage {
    Stage {
        name,
        start: enabled().then(Instant::now),
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if let Some(s) = self.start {
            eprintln!("[timing] {:<28} {:>8.3} s", self.name, s.elapsed().as_secs_f64());
        }
    }
}
