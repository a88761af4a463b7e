//! A small deterministic generator (SplitMix64) and keyed streams, so that a value depends only on
//! the seed and what it is for (series, area, year), never on the order things are generated in.

/// SplitMix64 (Steele, Lea, Flood 2014): fast, full period, good enough for synthetic data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A stream for one purpose: the seed mixed with every key in turn.
    pub fn keyed(seed: u64, keys: &[u64]) -> Rng {
        let mut r = Rng(seed);
        for k in keys {
            r.0 ^= k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            r.next_u64();
        }
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi).
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform in [0, n).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// x rounded to a whole number up or down with the probability of its fraction: small counts
    /// (2.3 doctors) come out 2 or 3 and their expected total is kept.
    pub fn round_count(&mut self, x: f64) -> f64 {
        let f = x.floor();
        if self.unit() < x - f { f + 1.0 } else { f }
    }
}

/// FNV-1a of a name: a stable key for `Rng::keyed`.
pub fn key(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_keyed() {
        let a: Vec<u64> = (0..3)
            .map(|_| Rng::keyed(7, &[key("doctors"), 12]).next_u64())
            .collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::keyed(7, &[key("doctors"), 12]).next_u64(),
            Rng::keyed(7, &[key("doctors"), 13]).next_u64()
        );
    }

    #[test]
    fn unit_and_below_stay_in_range() {
        let mut r = Rng::new(1);
        for _ in 0..10_000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.below(7) < 7);
        }
    }

    #[test]
    fn stochastic_rounding_keeps_the_mean() {
        let mut r = Rng::new(3);
        let total: f64 = (0..100_000).map(|_| r.round_count(2.25)).sum();
        assert!((total / 100_000.0 - 2.25).abs() < 0.01);
    }
}
