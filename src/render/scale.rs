//! A linear value scale in pixels with round ticks, for the bar charts (the trend chart lets
//! plotters place its ticks).

/// A round step near span/5: 1, 2, 2,5 or 5 × 10^k.
pub(crate) fn nice_step(span: f64) -> f64 {
    let raw = (span / 5.0).max(f64::MIN_POSITIVE);
    let mag = 10f64.powf(raw.log10().floor());
    let n = raw / mag;
    let m = if n <= 1.0 {
        1.0
    } else if n <= 2.0 {
        2.0
    } else if n <= 2.5 {
        2.5
    } else if n <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// Values `lo..hi` mapped onto pixels `px0..px1` (either direction).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub px0: i32,
    pub px1: i32,
}

impl Scale {
    /// A scale from zero (or below, for negative values) to a round number above `max`.
    pub fn from_zero(min: f64, max: f64, px0: i32, px1: i32) -> Scale {
        let lo = min.min(0.0);
        let hi = max.max(lo + f64::EPSILON);
        let step = nice_step(hi - lo);
        Scale {
            lo: if lo < 0.0 { (lo / step).floor() * step } else { 0.0 },
            hi: (hi / step).ceil() * step,
            px0,
            px1,
        }
    }

    /// The pixel of a value, held inside the scale.
    pub fn at(&self, v: f64) -> i32 {
        let t = ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0);
        self.px0 + (t * f64::from(self.px1 - self.px0)).round() as i32
    }

    pub fn contains(&self, v: f64) -> bool {
        v >= self.lo - 1e-9 && v <= self.hi + 1e-9
    }

    /// Round tick values inside the scale.
    pub fn ticks(&self) -> Vec<f64> {
        let step = nice_step(self.hi - self.lo);
        let mut out = Vec::new();
        let mut k = (self.lo / step).ceil();
        while k * step <= self.hi + step * 1e-9 {
            out.push(k * step);
            k += 1.0;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(60.0), 20.0);
        assert_eq!(nice_step(14.0), 5.0);
        assert_eq!(nice_step(12.0), 2.5);
        assert_eq!(nice_step(0.9), 0.2);
    }

    #[test]
    fn a_scale_from_zero_ends_on_a_tick_and_clamps() {
        let s = Scale::from_zero(2.0, 14.3, 100, 600);
        assert_eq!((s.lo, s.hi), (0.0, 15.0));
        assert_eq!(s.ticks(), vec![0.0, 5.0, 10.0, 15.0]);
        assert_eq!(s.at(0.0), 100);
        assert_eq!(s.at(15.0), 600);
        assert_eq!(s.at(99.0), 600);
        let neg = Scale::from_zero(-0.55, 1.49, 0, 100);
        assert!(neg.lo < -0.55 && neg.hi >= 1.49);
    }
}
