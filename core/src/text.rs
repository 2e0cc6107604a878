//! Number formatting shared by verdict reasons and reports, so both say the same thing.

/// `+12.4%` style, with more digits for tiny changes.
pub(crate) fn pct(x: f64) -> String {
    let v = x * 100.0;
    if v.abs() < 0.1 && v != 0.0 {
        format!("{v:+.2}%")
    } else {
        format!("{v:+.1}%")
    }
}

/// `p < 0.001` / `p = 0.042`.
pub(crate) fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_string()
    } else {
        format!("p = {p:.3}")
    }
}

/// `10%`, `2.5%`.
pub(crate) fn threshold_text(t: f64) -> String {
    let v = t * 100.0;
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}%")
    } else {
        format!("{v}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(pct(0.1234), "+12.3%");
        assert_eq!(pct(-0.0004), "-0.04%");
        assert_eq!(pct(0.0), "+0.0%");
        assert_eq!(p_text(0.0004), "p < 0.001");
        assert_eq!(p_text(0.04213), "p = 0.042");
        assert_eq!(threshold_text(0.1), "10%");
        assert_eq!(threshold_text(0.025), "2.5%");
    }
}
