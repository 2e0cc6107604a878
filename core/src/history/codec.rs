//! Exact, fast text encoding of `f64` columns for history records: the little-endian IEEE-754
//! bytes of each value, in standard base64 with `=` padding (RFC 4648 §4, what JavaScript's
//! `atob` reads).
//!
//! Why not decimal JSON numbers: a run of 200 benchmarks has ~1,600 summary values and, with
//! criterion's 100 samples per benchmark, 20,000 raw samples. Decimal text needs ~18 bytes per
//! value, parsing it dominates loading a large history, and serde_json (without its
//! `float_roundtrip` feature) may read the 17-digit shortest form back one ulp off. Base64 of
//! the bit pattern is 10.7 bytes per value, decodes at memory speed and is exact, NaN payloads
//! included. Cost: O(n) both ways, no allocation beyond the output.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Marks a byte that is not in the alphabet.
const INVALID: u8 = 0xFF;

const DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Encode `values` as base64 of their little-endian bytes.
pub(crate) fn encode_f64s(values: &[f64]) -> String {
    let mut bytes = Vec::with_capacity(values.len() * 8);
    for v in values {
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    encode(&bytes)
}

/// Decode what [`encode_f64s`] wrote. `Err` says what is wrong, in words.
pub(crate) fn decode_f64s(text: &str) -> Result<Vec<f64>, String> {
    Ok(F64Bytes::decode(text)?.values(0, usize::MAX))
}

/// Decoded little-endian f64 bytes, read out in slices without an intermediate `Vec<f64>`.
#[derive(Debug)]
pub(crate) struct F64Bytes(Vec<u8>);

impl F64Bytes {
    /// Decode base64 text that must hold whole 8-byte values.
    pub(crate) fn decode(text: &str) -> Result<Self, String> {
        let bytes = decode(text)?;
        if bytes.len() % 8 != 0 {
            return Err(format!(
                "{} bytes is not a whole number of 8-byte values",
                bytes.len()
            ));
        }
        Ok(F64Bytes(bytes))
    }

    /// How many values.
    pub(crate) fn len(&self) -> usize {
        self.0.len() / 8
    }

    /// Values `start..start + count` (clipped to what there is).
    pub(crate) fn values(&self, start: usize, count: usize) -> Vec<f64> {
        let from = start.saturating_mul(8).min(self.0.len());
        let to = from
            .saturating_add(count.saturating_mul(8))
            .min(self.0.len());
        self.0[from..to]
            .chunks_exact(8)
            .map(|c| {
                let mut b = [0u8; 8];
                b.copy_from_slice(c);
                f64::from_le_bytes(b)
            })
            .collect()
    }
}

fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b0 = chunk[0];
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let n = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn decode(text: &str) -> Result<Vec<u8>, String> {
    let b = text.as_bytes();
    if b.len() % 4 != 0 {
        return Err(format!(
            "base64 length {} is not a multiple of 4 (truncated?)",
            b.len()
        ));
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    if pad > 2 {
        return Err(format!("bad base64 padding at byte {}", b.len() - pad));
    }
    // Full quads in a tight loop: the four table values OR-ed together have a high bit set
    // exactly when one of them is not in the alphabet (padding included).
    let full = if pad > 0 {
        b.len() / 4 - 1
    } else {
        b.len() / 4
    };
    let mut out = vec![0u8; full * 3 + (3 - pad) % 3];
    for (q, (src, dst)) in b[..full * 4]
        .chunks_exact(4)
        .zip(out.chunks_exact_mut(3))
        .enumerate()
    {
        let (&[c0, c1, c2, c3], [d0, d1, d2]) = (src, dst) else {
            continue; // chunks_exact: never
        };
        let v = [c0, c1, c2, c3].map(|c| DECODE[usize::from(c)]);
        if (v[0] | v[1] | v[2] | v[3]) & 0xC0 != 0 {
            return Err(invalid_at(b, q * 4));
        }
        let n = (u32::from(v[0]) << 18)
            | (u32::from(v[1]) << 12)
            | (u32::from(v[2]) << 6)
            | u32::from(v[3]);
        (*d0, *d1, *d2) = ((n >> 16) as u8, (n >> 8) as u8, n as u8);
    }
    if pad > 0 {
        let last = &b[full * 4..full * 4 + 4 - pad];
        let mut n = 0u32;
        for (k, &c) in last.iter().enumerate() {
            let v = DECODE[usize::from(c)];
            if v == INVALID {
                return Err(invalid_at(b, full * 4 + k));
            }
            n |= u32::from(v) << (18 - 6 * k);
        }
        let tail = [(n >> 16) as u8, (n >> 8) as u8];
        out[full * 3..].copy_from_slice(&tail[..3 - pad]);
    }
    Ok(out)
}

fn invalid_at(b: &[u8], from: usize) -> String {
    let at = b[from..]
        .iter()
        .position(|&c| DECODE[usize::from(c)] == INVALID)
        .map_or(from, |k| from + k);
    format!("invalid base64 character at byte {at}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rfc4648_test_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn round_trips_every_bit_pattern_class() {
        let values = [
            0.0,
            -0.0,
            1.0,
            0.1 + 0.2,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
            1234.5678901234567,
        ];
        let back = decode_f64s(&encode_f64s(&values)).unwrap();
        assert_eq!(back.len(), values.len());
        for (a, b) in values.iter().zip(&back) {
            assert_eq!(a.to_bits(), b.to_bits());
        }
    }

    #[test]
    fn refuses_damaged_text() {
        let text = encode_f64s(&[1.0, 2.0]);
        assert!(decode_f64s(&text[..text.len() - 4]).is_err()); // 12 bytes: not whole values
        assert!(decode_f64s(&text[..text.len() - 1])
            .unwrap_err()
            .contains("multiple of 4"));
        let mut bad = text.clone();
        bad.replace_range(0..1, "*");
        assert!(decode_f64s(&bad).unwrap_err().contains("byte 0"));
        assert!(decode("Zg==Zg==").is_err()); // padding in the middle
        assert!(decode("Z===").is_err());
    }
}
