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
    start: Option<(Instant, Option<f64>)>,
}

pub fn stage(name: &'static str) -> Stage {
    Stage {
        name,
        start: enabled().then(|| (Instant::now(), cpu_seconds())),
    }
}

/// CPU time of the whole process so far (Linux), to tell how many cores a stage kept busy.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and
    // 13th of them, in clock ticks (100 per second on Linux).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

impl Drop for Stage {
    fn drop(&mut self) {
        if let Some((s, cpu)) = self.start {
            let wall = s.elapsed().as_secs_f64();
            let cores = match (cpu, cpu_seconds()) {
                (Some(a), Some(b)) if wall > 0.05 => format!("  {:.1} cores", (b - a) / wall),
                _ => String::new(),
            };
            eprintln!("[timing] {:<28} {:>8.3} s{cores}", self.name, wall);
        }
    }
}
