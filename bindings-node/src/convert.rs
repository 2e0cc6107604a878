//! The translation table between JavaScript values and the core's types, for N-API.
//!
//! * In: every structured argument (options, runs, a comparison) is walked once into a
//!   `serde_json::Value` by [`json_of`], then deserialized by serde into the core's own type,
//!   so unknown keys and bad values are refused by the core (`deny_unknown_fields`,
//!   `validate()`), through `benchcore::args` (the rules and error fields every binding shares)
//!   and `Run::from_value` (version check, shape, invariants, `parse-error`s naming the
//!   argument as the file).
//!   napi's own serde deserializer is not used for input: it reads every integral number with
//!   `as i64`, which saturates above 2^63 (a sample of `1e20` would arrive as `9.2e18`), and it
//!   has no depth bound (a cyclic object overflows the stack). This walk is exact (integers up to
//!   2^53 become JSON integers so `u32`/`u64` fields accept them, everything else stays `f64`),
//!   skips `undefined` properties like `JSON.stringify`, refuses `NaN`, functions, symbols and
//!   BigInts, and stops at 128 levels.
//! * Out: a result is serialized to JSON text by serde_json, as the CLI does, and handed to the
//!   global `JSON.parse` ([`call`]), so it equals `JSON.parse` of the CLI's `--format json` by
//!   construction: same key order (struct order, which a `serde_json::Value` would sort), same
//!   `null`s, same numbers. napi's serde serializer is not used: it turns integers above 2^32
//!   into BigInts (a `seed` of `Date.now()` would), which `JSON.parse` never returns.
//! * Errors: a core [`Error`] is thrown as a JS `Error` with `.code`, `.file`, `.line`, `.field`
//!   ([`throw`]); its `name` comes from an exhaustive `match` over the variants. A panic in the
//!   core (a bug) is caught and thrown with code `internal-error`.
//!
//! Cost: one pass over the argument; the result is written once and parsed once, O(size).

use std::panic::{catch_unwind, AssertUnwindSafe};

use benchcore::args::{self, NotJson};
use benchcore::{Error, Run};
use napi::bindgen_prelude::{
    ArrayBuffer, FromNapiValue, Function, JsObjectValue, KeyCollectionMode, KeyConversion,
    KeyFilter, Object, Uint8ArraySlice, Unknown,
};
use napi::{Env, JsValue, Status, ValueType};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// Code of the error thrown when the core panicked (a bug); not one of `Error::CODES`.
pub(crate) const INTERNAL_ERROR: &str = "internal-error";

/// A napi failure while walking a value, as a [`NotJson`] at the current position.
fn napi_fail(e: napi::Error) -> NotJson {
    NotJson::new(e.reason)
}

/// A JS value as JSON (see the module docs for the rules).
pub(crate) fn json_of(v: Unknown<'_>, depth: usize) -> Result<Value, NotJson> {
    match v.get_type().map_err(napi_fail)? {
        ValueType::Undefined | ValueType::Null => Ok(Value::Null),
        ValueType::Boolean => Ok(Value::Bool(bool::from_unknown(v).map_err(napi_fail)?)),
        ValueType::Number => {
            let x = f64::from_unknown(v).map_err(napi_fail)?;
            args::number(x).ok_or_else(|| NotJson::new(format!("{x} is not a finite number")))
        }
        ValueType::String => Ok(Value::String(String::from_unknown(v).map_err(napi_fail)?)),
        ValueType::Object if depth >= args::MAX_DEPTH => Err(NotJson::new(args::too_deep())),
        ValueType::Object => {
            let obj = Object::from_unknown(v).map_err(napi_fail)?;
            if obj.is_array().map_err(napi_fail)? {
                let len = obj.get_array_length().map_err(napi_fail)?;
                let mut out = Vec::with_capacity(len as usize);
                for i in 0..len {
                    let item: Unknown<'_> = obj.get_element(i).map_err(napi_fail)?;
                    out.push(json_of(item, depth + 1).map_err(|e| e.at(format!("[{i}]")))?);
                }
                return Ok(Value::Array(out));
            }
            let keys = obj
                .get_all_property_names(
                    KeyCollectionMode::OwnOnly,
                    KeyFilter::Enumerable,
                    KeyConversion::NumbersToStrings,
                )
                .map_err(napi_fail)?;
            let mut out = Map::new();
            for i in 0..keys.get_array_length().map_err(napi_fail)? {
                let key: Unknown<'_> = keys.get_element(i).map_err(napi_fail)?;
                if key.get_type().map_err(napi_fail)? != ValueType::String {
                    continue; // symbols, as JSON.stringify does
                }
                let key = String::from_unknown(key).map_err(napi_fail)?;
                let item: Unknown<'_> =
                    obj.get_named_property_unchecked(&key).map_err(napi_fail)?;
                if item.get_type().map_err(napi_fail)? == ValueType::Undefined {
                    continue;
                }
                let value = json_of(item, depth + 1).map_err(|e| e.at(format!(".{key}")))?;
                out.insert(key, value);
            }
            Ok(Value::Object(out))
        }
        other => Err(NotJson::new(format!("a {other} value is not JSON data"))),
    }
}

/// An options argument (absent, `undefined` or `null`: every default) → the core's
/// `<Op>Options`.
pub(crate) fn options<T: DeserializeOwned>(v: Option<Unknown<'_>>) -> Result<T, Error> {
    let value = match v {
        None => Value::Null,
        Some(v) => json_of(v, 0).map_err(NotJson::into_option_error)?,
    };
    args::options(value)
}

/// Any argument as a JSON value, for the core's `*_from_value` readers; `name` labels errors.
pub(crate) fn json(v: Unknown<'_>, name: &str) -> Result<Value, Error> {
    json_of(v, 0).map_err(|e| e.into_input_error(name))
}

/// An optional argument (absent, `undefined` or `null` → `None`) as a core type.
pub(crate) fn optional<T: DeserializeOwned>(
    v: Option<Unknown<'_>>,
    name: &str,
) -> Result<Option<T>, Error> {
    match v {
        None => Ok(None),
        Some(v) => args::optional(json(v, name)?, name),
    }
}

/// A shape argument (a `Comparison`, …) → its core type; `name` labels errors.
pub(crate) fn value<T: DeserializeOwned>(v: Unknown<'_>, name: &str) -> Result<T, Error> {
    args::value(json(v, name)?, name)
}

/// A `Run` object → a checked core `Run` through the core's `Run::from_value` (version first,
/// then the shape, then the invariants): `name` (`baseline`, `candidate`) is the file of its
/// `parse-error`s, whose `field` is the path in the object.
pub(crate) fn run(v: Unknown<'_>, name: &str) -> Result<Run, Error> {
    Run::from_value(json_of(v, 0).map_err(|e| e.into_run_error(name))?, name)
}

/// A string argument.
pub(crate) fn string(v: Unknown<'_>, name: &str) -> Result<String, Error> {
    match v.get_type() {
        Ok(ValueType::String) => String::from_unknown(v).map_err(|e| Error::input(name, e.reason)),
        _ => Err(Error::input(name, "expected a string")),
    }
}

/// File content: a `Uint8Array` (a Node `Buffer` is one), an `ArrayBuffer`, or a string
/// (UTF-8 encoded).
pub(crate) fn bytes(v: Unknown<'_>, name: &str) -> Result<Vec<u8>, Error> {
    let expected = || Error::input(name, "expected a Uint8Array, an ArrayBuffer or a string");
    match v.get_type().map_err(|_| expected())? {
        ValueType::String => return string(v, name).map(String::into_bytes),
        ValueType::Object => {}
        _ => return Err(expected()),
    }
    if v.is_typedarray().unwrap_or(false) {
        return Uint8ArraySlice::from_unknown(v)
            .map(|a| a.to_vec())
            .map_err(|_| expected());
    }
    if v.is_arraybuffer().unwrap_or(false) {
        return ArrayBuffer::from_unknown(v)
            .map(|a| a.to_vec())
            .map_err(|_| expected());
    }
    Err(expected())
}

/// `[{path, content}]` → `(path, bytes)` pairs for a `MemTree`.
pub(crate) fn files(v: Unknown<'_>) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let not_list = || Error::input("files", "expected an array of {path, content}");
    if !v.is_array().unwrap_or(false) {
        return Err(not_list());
    }
    let array = Object::from_unknown(v).map_err(|_| not_list())?;
    let len = array.get_array_length().map_err(|_| not_list())?;
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        let field = |key: &str| format!("files[{i}].{key}");
        let entry: Unknown<'_> = array
            .get_element(i)
            .map_err(|e| Error::input(format!("files[{i}]"), e.reason))?;
        let entry = match entry.get_type() {
            Ok(ValueType::Object) => Object::from_unknown(entry)
                .map_err(|e| Error::input(format!("files[{i}]"), e.reason))?,
            _ => {
                return Err(Error::input(
                    format!("files[{i}]"),
                    "expected {path, content}",
                ))
            }
        };
        let get = |key: &str| -> Result<Unknown<'_>, Error> {
            entry
                .get_named_property_unchecked(key)
                .map_err(|e| Error::input(field(key), e.reason))
        };
        let path = string(get("path")?, &field("path"))?;
        out.push((path, bytes(get("content")?, &field("content"))?));
    }
    Ok(out)
}

/// The JS error's `name` for each variant (the Python surface's class names). Exhaustive on
/// purpose: a new variant does not compile until it has a name.
fn name_of(e: &Error) -> &'static str {
    match e {
        Error::Parse { .. } => "ParseError",
        Error::UnknownFormat { .. } => "UnknownFormatError",
        Error::Io { .. } => "IoError",
        Error::UnsupportedVersion { .. } => "UnsupportedVersionError",
        Error::InvalidOptions { .. } => "InvalidOptionsError",
        Error::InvalidInput { .. } => "InvalidInputError",
        Error::LimitExceeded { .. } => "LimitExceededError",
        Error::NotFound { .. } => "NotFoundError",
    }
}

/// Fields of a JS error to throw.
struct Thrown {
    name: &'static str,
    code: String,
    message: String,
    file: Option<String>,
    line: Option<u64>,
    field: Option<String>,
}

impl Thrown {
    fn of(e: &Error) -> Self {
        let info = e.info();
        Thrown {
            name: name_of(e),
            code: info.code,
            message: info.message,
            file: info.file,
            line: info.line,
            field: info.field,
        }
    }
}

/// Throw `t` as a JS `Error` with `.code`, `.file`, `.line`, `.field` (`null` when absent).
fn throw(env: &Env, t: Thrown) -> napi::Error {
    let build = || -> napi::Result<()> {
        let mut err = env.create_error(napi::Error::new(Status::GenericFailure, t.message))?;
        err.set_named_property("name", t.name)?;
        err.set_named_property("code", t.code)?;
        err.set_named_property("file", t.file)?;
        err.set_named_property("line", t.line.map(|l| l as f64))?;
        err.set_named_property("field", t.field)?;
        env.throw(err)
    };
    match build() {
        Ok(()) => napi::Error::from_status(Status::PendingException),
        Err(e) => e,
    }
}

/// Run one operation: its result as a plain JS value (`JSON.parse` of its JSON), or a thrown
/// JS `Error`; a panic is caught and thrown with code `internal-error`.
pub(crate) fn call<'env, T: Serialize>(
    env: &'env Env,
    f: impl FnOnce() -> Result<T, Error>,
) -> napi::Result<Unknown<'env>> {
    let text = run_caught(env, || {
        f().and_then(|v| {
            serde_json::to_string(&v).map_err(|e| Error::input("result", e.to_string()))
        })
    })?;
    let json: Object<'_> = env.get_global()?.get_named_property_unchecked("JSON")?;
    let parse: Function<'_, String, Unknown<'env>> = json.get_named_property_unchecked("parse")?;
    parse.call(text)
}

/// `f`'s result, its error thrown as a JS `Error`, a panic as `internal-error`.
pub(crate) fn run_caught<T>(env: &Env, f: impl FnOnce() -> Result<T, Error>) -> napi::Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(throw(env, Thrown::of(&e))),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(throw(
                env,
                Thrown {
                    name: "BenchcoreError",
                    code: INTERNAL_ERROR.to_string(),
                    message: format!(
                        "internal error in benchcore (a bug, please report it): {what}"
                    ),
                    file: None,
                    line: None,
                    field: None,
                },
            ))
        }
    }
}
