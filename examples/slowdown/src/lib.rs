//! The code under test: four small, deterministic kernels whose cost is exactly linear in
//! their length argument, so "10% more work" means "10% more time" (no sleeping, no allocation
//! inside the timed loop).

/// FNV-1a over `data`: one xor and one multiply per byte, a serial dependency chain.
pub fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `steps` steps of xorshift64* from `seed`: a serial chain of shifts and a multiply.
pub fn xorshift(seed: u64, steps: usize) -> u64 {
    let mut x = seed | 1;
    for _ in 0..steps {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
    }
    x.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// Sum of squares of `v` (vectorizes: memory-bound rather than latency-bound).
pub fn sum_squares(v: &[u32]) -> u64 {
    v.iter().map(|&x| u64::from(x) * u64::from(x)).sum()
}

/// `n` pseudo-random values from a fixed seed, for inputs.
pub fn pseudo_random(n: usize, seed: u64) -> Vec<u32> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernels_are_deterministic() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(xorshift(7, 100), xorshift(7, 100));
        assert_eq!(sum_squares(&[1, 2, 3]), 14);
        assert_eq!(pseudo_random(4, 1), pseudo_random(4, 1));
    }
}
