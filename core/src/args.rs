//! Arguments of the bindings (Python, Node, WASM), once each binding has turned a host value
//! into a `serde_json::Value`: the rules and error fields every surface shares, kept here so the
//! three front ends cannot drift apart.
//!
//! * Host values nest at most [`MAX_DEPTH`] levels (serde_json's own recursion limit); deeper
//!   ones (or cycles) are refused with [`too_deep`] before they can overflow the native stack.
//! * A JavaScript number becomes a JSON integer when it is one exactly (up to
//!   [`MAX_SAFE_INTEGER`]), so `u32`/`u64` fields accept it, else an `f64` ([`number`]).
//! * A value that is not JSON data is a [`NotJson`] naming the path inside the argument.
//! * Options, shapes and optional shapes are read by serde into the core's types ([`options`],
//!   [`value`], [`optional`]), so unknown keys and bad values are refused by the core itself;
//!   errors name the field by its key path inside options (`threshold`) and as `name.path` for
//!   other arguments (`comparison.benchmarks[2].name`; [`field`]). Runs go through
//!   [`crate::Run::from_value`].
//!
//! Cost: one pass over the value.

use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};

/// Deepest nesting accepted in an argument of a binding (serde_json's own recursion limit).
pub const MAX_DEPTH: usize = 128;

/// Largest integer a JavaScript number holds exactly (2^53).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;

/// The message for an argument nested deeper than [`MAX_DEPTH`], on every surface.
pub fn too_deep() -> String {
    format!("nested deeper than {MAX_DEPTH} levels (a cycle?)")
}

/// A finite number as a JSON number: an integer when it is one exactly (and not `-0`), else an
/// `f64`. `None` for `NaN` and infinities, which JSON cannot hold.
pub fn number(x: f64) -> Option<Value> {
    if x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER && !(x == 0.0 && x.is_sign_negative()) {
        // Exact: |x| <= 2^53 and integral.
        #[allow(clippy::cast_possible_truncation)]
        return Some(Value::Number(Number::from(x as i64)));
    }
    Number::from_f64(x).map(Value::Number)
}

/// The field an error names for `path` (serde_path_to_error's, `.` at the root) inside the
/// argument `name`: the key path alone for `options`, else `name.path` (`name[2]` for arrays).
pub fn field(path: &str, name: &str) -> String {
    match path {
        "" | "." => name.to_string(),
        p if name == "options" => p.trim_start_matches('.').to_string(),
        p if p.starts_with('[') => format!("{name}{p}"),
        p => format!("{name}.{}", p.trim_start_matches('.')),
    }
}

/// Why a host value is not JSON data, and where (path segments, innermost first while the
/// walk unwinds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotJson {
    segments: Vec<String>,
    message: String,
}

impl NotJson {
    /// A value that is not JSON data, at the current position.
    pub fn new(message: impl Into<String>) -> Self {
        NotJson {
            segments: Vec::new(),
            message: message.into(),
        }
    }

    /// The same error one level up: `segment` is `.key` or `[i]`.
    #[must_use]
    pub fn at(mut self, segment: String) -> Self {
        self.segments.push(segment);
        self
    }

    /// `a[2].b`: the path inside the argument (empty at its root).
    pub fn path(&self) -> String {
        let mut out = String::new();
        for s in self.segments.iter().rev() {
            out.push_str(s);
        }
        out.trim_start_matches('.').to_string()
    }

    /// Why it is not JSON data.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// As an `invalid-options` error of an options argument.
    pub fn into_option_error(self) -> Error {
        Error::option(field(&self.path(), "options"), self.message)
    }

    /// As an `invalid-input` error of the argument `name`.
    pub fn into_input_error(self, name: &str) -> Error {
        Error::input(field(&self.path(), name), self.message)
    }

    /// As a `parse-error` of the run argument `name` (its "file"), as
    /// [`crate::Run::from_value`] reports shape errors.
    pub fn into_run_error(self, name: &str) -> Error {
        let path = self.path();
        Error::Parse {
            file: name.to_string(),
            line: None,
            field: (!path.is_empty()).then_some(path),
            message: self.message,
        }
    }
}

/// An options argument → the core's `<Op>Options`; `null` means every default.
pub fn options<T: DeserializeOwned>(value: Value) -> Result<T> {
    let value = match value {
        Value::Null => Value::Object(Map::new()),
        other => other,
    };
    serde_path_to_error::deserialize(value).map_err(|e| {
        Error::option(
            field(&e.path().to_string(), "options"),
            e.into_inner().to_string(),
        )
    })
}

/// A shape argument (a `Comparison`, a `Series`, …) → its core type; `name` labels errors.
pub fn value<T: DeserializeOwned>(value: Value, name: &str) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        Error::input(
            field(&e.path().to_string(), name),
            e.into_inner().to_string(),
        )
    })
}

/// An optional shape argument: `null` → `None`, else as [`value`].
pub fn optional<T: DeserializeOwned>(v: Value, name: &str) -> Result<Option<T>> {
    match v {
        Value::Null => Ok(None),
        other => value(other, name).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CompareOptions;

    #[test]
    fn numbers_are_integers_when_exact() {
        assert_eq!(number(3.0), Some(serde_json::json!(3)));
        assert_eq!(number(2.5), Some(serde_json::json!(2.5)));
        assert_eq!(number(-0.0).unwrap().as_f64(), Some(-0.0));
        assert!(number(-0.0).unwrap().is_f64());
        assert!(number(1e20).unwrap().is_f64());
        assert_eq!(number(f64::NAN), None);
        assert_eq!(number(f64::INFINITY), None);
    }

    #[test]
    fn fields_name_the_argument_and_the_path() {
        assert_eq!(field(".", "comparison"), "comparison");
        assert_eq!(field("", "options"), "options");
        assert_eq!(field("threshold", "options"), "threshold");
        assert_eq!(
            field("benchmarks[2].name", "comparison"),
            "comparison.benchmarks[2].name"
        );
        assert_eq!(field("[2].name", "runs"), "runs[2].name");
        let e = NotJson::new("bad")
            .at(".b".into())
            .at("[2]".into())
            .at(".a".into());
        assert_eq!(e.path(), "a[2].b");
        assert_eq!(
            e.clone().into_input_error("x").info().field.as_deref(),
            Some("x.a[2].b")
        );
        assert_eq!(
            e.into_run_error("baseline").info().field.as_deref(),
            Some("a[2].b")
        );
        assert_eq!(
            NotJson::new("bad")
                .into_option_error()
                .info()
                .field
                .as_deref(),
            Some("options")
        );
    }

    #[test]
    fn options_and_values_are_read_by_the_core() {
        let o: CompareOptions = options(Value::Null).unwrap();
        assert_eq!(o, CompareOptions::default());
        let e = options::<CompareOptions>(serde_json::json!({"nope": 1})).unwrap_err();
        assert_eq!(e.code(), "invalid-options");
        let e = value::<CompareOptions>(serde_json::json!({"threshold": []}), "x").unwrap_err();
        assert_eq!(e.info().field.as_deref(), Some("x.threshold"), "{e}");
        assert_eq!(optional::<CompareOptions>(Value::Null, "x").unwrap(), None);
    }
}
