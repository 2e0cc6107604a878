//! The raw-sample sidecar of a stored run, `samples/<id[0..2]>/<id>.json`:
//!
//! ```text
//! {"version":1,"run_id":"3f…c1","lengths":[30,30,0,…],"values":"<base64>"}
//! ```
//!
//! `lengths` has one entry per measurement of the summary record, in its order (benchmarks,
//! then their measurements); `values` is every sample, concatenated in that order, as
//! little-endian f64 in base64 (see `codec`). Read only when samples are asked for.

use serde::{Deserialize, Serialize};

use super::codec::{encode_f64s, F64Bytes};
use super::record::{check_version, detailed, json_bytes, RECORD_VERSION};
use crate::error::{Error, Result};
use crate::model::Run;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar<'a> {
    version: u32,
    run_id: &'a str,
    lengths: Vec<usize>,
    values: &'a str,
}

/// The sidecar of run `run_id`: `lengths[k]` samples of measurement `k`, all in `samples`.
pub(crate) fn encode_sidecar(
    run_id: &str,
    lengths: Vec<usize>,
    samples: &[f64],
) -> Result<Vec<u8>> {
    json_bytes(
        &Sidecar {
            version: RECORD_VERSION,
            run_id,
            lengths,
            values: &encode_f64s(samples),
        },
        "samples",
    )
}

/// Put the samples of the sidecar at `file` into `run` (whose record announced `expected`
/// values). On error `run` is left without samples.
pub(crate) fn attach_samples(file: &str, bytes: &[u8], run: &mut Run, expected: u64) -> Result<()> {
    check_version(file, bytes, "history sample file")?;
    let side: Sidecar = serde_json::from_slice(bytes).map_err(|e| detailed(file, e))?;
    if side.run_id != run.id {
        return Err(Error::parse_field(
            file,
            "run_id",
            format!("holds samples of run '{}', not '{}'", side.run_id, run.id),
        ));
    }
    let values =
        F64Bytes::decode(side.values).map_err(|m| Error::parse_field(file, "values", m))?;
    let count: usize = run.benchmarks.iter().map(|b| b.measurements.len()).sum();
    let total = side
        .lengths
        .iter()
        .try_fold(0usize, |a, &n| a.checked_add(n));
    if side.lengths.len() != count || total != Some(values.len()) || values.len() as u64 != expected
    {
        return Err(Error::parse_field(
            file,
            "lengths",
            format!(
                "{} lengths for {count} measurements and {} values; the record expects {expected}",
                side.lengths.len(),
                values.len()
            ),
        ));
    }
    let mut start = 0;
    let mut lengths = side.lengths.iter();
    for b in &mut run.benchmarks {
        for m in &mut b.measurements {
            let n = lengths.next().copied().unwrap_or(0);
            m.samples = values.values(start, n);
            start += n;
        }
    }
    if let Err(e) = super::check::validate(run, file) {
        for m in run.benchmarks.iter_mut().flat_map(|b| &mut b.measurements) {
            m.samples.clear();
        }
        return Err(e);
    }
    Ok(())
}
