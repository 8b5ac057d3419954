//! Randomness: a seeded SplitMix64, the same on every platform.

/// SplitMix64: tiny, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An id-like number of `digits` digits, as documentation tools sprinkle into markup.
    pub(super) fn id(&mut self, digits: u32) -> u64 {
        let low = 10u64.pow(digits - 1);
        low + self.next_u64() % (9 * low)
    }
}

/// A deterministic hash of a few numbers, so a code's message is the same in every document.
pub(super) fn mix(parts: &[u64]) -> Rng {
    let mut rng = Rng::new(0x00c0_ffee);
    for part in parts {
        rng.0 ^= part.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        rng.next_u64();
    }
    rng
}
