//! The translation table between JavaScript values and the core's types, for wasm-bindgen.
//!
//! * In: every structured argument (options, runs, a comparison) is walked once into a
//!   `serde_json::Value` by [`json_of`], then deserialized by serde into the core's own type,
//!   so unknown keys and bad values are refused by the core (`deny_unknown_fields`,
//!   `validate()`), through `benchcore::args` (the rules and error fields every binding shares)
//!   and `Run::from_value` (version check, shape, invariants, `parse-error`s naming the
//!   argument as the file). The
//!   walk is exact (a JS number is an `f64`; integers up to 2^53 become JSON integers so `u32`
//!   and `u64` fields accept them), skips `undefined` properties like `JSON.stringify`, refuses
//!   `NaN`, functions, symbols and BigInts, and stops at 128 levels, so a cyclic object is an
//!   error rather than a stack overflow.
//! * Out: a result is serialized to JSON text by serde_json, as the CLI does, and handed to
//!   `JSON.parse` ([`to_js`]), so it equals `JSON.parse` of the CLI's `--format json` by
//!   construction: same key order (struct order, which a `serde_json::Value` would sort), same
//!   `null`s, integers above 2^53 rounded as `JSON.parse` rounds them (serializers into JS
//!   values refuse them or make BigInts). Without `serde-wasm-bindgen` the `.wasm` is also
//!   15.8 KB smaller.
//! * Errors: a core [`Error`] becomes a JS `Error` with `.code`, `.file`, `.line`, `.field`
//!   ([`js_error`]); its `name` comes from an exhaustive `match` over the variants.
//!
//! Cost: one pass over the argument; the result is written once and parsed once, O(size).

use benchcore::args::{self, NotJson};
use benchcore::{Error, Run};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue};

/// A JS value as JSON (see the module docs for the rules).
pub(crate) fn json_of(v: &JsValue, depth: usize) -> Result<Value, NotJson> {
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(x) = v.as_f64() {
        return args::number(x).ok_or_else(|| NotJson::new(format!("{x} is not a finite number")));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if v.is_bigint() || v.is_function() || v.is_symbol() || !v.is_object() {
        return Err(NotJson::new(format!(
            "a {} is not JSON data",
            v.js_typeof().as_string().unwrap_or_default()
        )));
    }
    if depth >= args::MAX_DEPTH {
        return Err(NotJson::new(args::too_deep()));
    }
    if Array::is_array(v) {
        let array: &Array = v.unchecked_ref();
        let mut out = Vec::with_capacity(array.length() as usize);
        for (i, item) in array.iter().enumerate() {
            out.push(json_of(&item, depth + 1).map_err(|e| e.at(format!("[{i}]")))?);
        }
        return Ok(Value::Array(out));
    }
    let mut out = Map::new();
    for entry in Object::entries(v.unchecked_ref()).iter() {
        let pair: &Array = entry.unchecked_ref();
        let (key, item) = (pair.get(0).as_string().unwrap_or_default(), pair.get(1));
        if item.is_undefined() {
            continue;
        }
        let value = json_of(&item, depth + 1).map_err(|e| e.at(format!(".{key}")))?;
        out.insert(key, value);
    }
    Ok(Value::Object(out))
}

/// An options argument (`undefined`/`null`: every default) → the core's `<Op>Options`.
pub(crate) fn options<T: DeserializeOwned>(v: &JsValue) -> Result<T, Error> {
    args::options(json_of(v, 0).map_err(NotJson::into_option_error)?)
}

/// Any argument as a JSON value, for the core's `*_from_value` readers; `name` labels errors.
pub(crate) fn json(v: &JsValue, name: &str) -> Result<Value, Error> {
    json_of(v, 0).map_err(|e| e.into_input_error(name))
}

/// An optional argument (`undefined`/`null` → `None`) as a core type; `name` labels errors.
pub(crate) fn optional<T: DeserializeOwned>(v: &JsValue, name: &str) -> Result<Option<T>, Error> {
    args::optional(json(v, name)?, name)
}

/// A shape argument (a `Comparison`, …) → its core type; `name` labels errors.
pub(crate) fn value<T: DeserializeOwned>(v: &JsValue, name: &str) -> Result<T, Error> {
    args::value(json(v, name)?, name)
}

/// A `Run` object → a checked core `Run` through the core's `Run::from_value` (version first,
/// then the shape, then the invariants): `name` (`baseline`, `candidate`) is the file of its
/// `parse-error`s, whose `field` is the path in the object.
pub(crate) fn run(v: &JsValue, name: &str) -> Result<Run, Error> {
    Run::from_value(json_of(v, 0).map_err(|e| e.into_run_error(name))?, name)
}

/// A string argument.
pub(crate) fn string(v: &JsValue, name: &str) -> Result<String, Error> {
    v.as_string()
        .ok_or_else(|| Error::input(name, "expected a string"))
}

/// File content: a `Uint8Array` (a Node `Buffer` is one), an `ArrayBuffer`, or a string
/// (UTF-8 encoded).
pub(crate) fn bytes(v: &JsValue, name: &str) -> Result<Vec<u8>, Error> {
    if let Some(s) = v.as_string() {
        return Ok(s.into_bytes());
    }
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    if let Some(b) = v.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(b).to_vec());
    }
    Err(Error::input(
        name,
        "expected a Uint8Array, an ArrayBuffer or a string",
    ))
}

/// `[{path, content}]` → `(path, bytes)` pairs for a `MemTree`.
pub(crate) fn files(v: &JsValue) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let array = v
        .dyn_ref::<Array>()
        .ok_or_else(|| Error::input("files", "expected an array of {path, content}"))?;
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, f) in array.iter().enumerate() {
        let get = |key: &str| Reflect::get(&f, &JsValue::from_str(key)).unwrap_or_default();
        let path = string(&get("path"), &format!("files[{i}].path"))?;
        out.push((
            path,
            bytes(&get("content"), &format!("files[{i}].content"))?,
        ));
    }
    Ok(out)
}

/// A core result → a plain JS value: `JSON.parse` of its JSON text, so it equals what the CLI
/// prints in every detail (key order, `null`s, numbers rounded the same way).
pub(crate) fn to_js<T: Serialize>(v: &T) -> Result<JsValue, Error> {
    let text = serde_json::to_string(v).map_err(|e| Error::input("result", e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| Error::input("result", "JSON.parse refused the result"))
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

/// A core error → a JS `Error` with `.code`, `.file`, `.line`, `.field` (`null` when absent).
pub(crate) fn js_error(e: &Error) -> JsValue {
    let info = e.info();
    let err = js_sys::Error::new(&info.message);
    err.set_name(name_of(e));
    let opt = |s: Option<String>| s.map_or(JsValue::NULL, |s| JsValue::from_str(&s));
    let props = [
        ("code", JsValue::from_str(&info.code)),
        ("file", opt(info.file)),
        (
            "line",
            info.line
                .map_or(JsValue::NULL, |l| JsValue::from_f64(l as f64)),
        ),
        ("field", opt(info.field)),
    ];
    for (key, value) in props {
        // Setting a data property on a fresh Error object cannot fail.
        let _ = Reflect::set(&err, &JsValue::from_str(key), &value);
    }
    err.into()
}

/// Run one operation: its result as a plain JS value, or a thrown JS `Error`.
pub(crate) fn call<T: Serialize>(f: impl FnOnce() -> Result<T, Error>) -> Result<JsValue, JsValue> {
    f().and_then(|v| to_js(&v)).map_err(|e| js_error(&e))
}
