//! Shared by the integration tests: the simulator of CI histories and the scoring of detectors
//! (also used by `examples/quality.rs` and `benches/changepoint.rs` through `#[path]`).
pub mod score;
pub mod simulate;
