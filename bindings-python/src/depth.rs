//! A bound on the nesting of Python arguments, checked before `pythonize` reads them.
//!
//! `pythonize`'s deserializer recurses once per level of nesting on the native stack, with no
//! limit of its own: `x = []; for _ in range(200_000): x = [x]` passed as a series killed the
//! interpreter with a segmentation fault (stack overflow), which no `except` can catch. Every
//! argument now goes through [`check`] first: an explicit stack, no recursion, one pass over the
//! containers (numbers and strings are skipped by a type check), and anything nested deeper than
//! [`MAX_DEPTH`] is refused with the message the JavaScript modules give for the same input.
//! The containers walked are the ones `pythonize` reads: lists, tuples, dicts (keys and
//! values), sets, and other sequences, mappings and dataclasses.

use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PyMapping,
    PySequence, PySet, PyString, PyTuple,
};

/// Deepest nesting accepted in an argument: the core's bound for every binding.
pub(crate) use benchcore::args::MAX_DEPTH;

/// Whether `o` holds no other Python object `pythonize` would descend into.
fn is_leaf(o: &Bound<'_, PyAny>) -> bool {
    o.is_none()
        || o.is_instance_of::<PyFloat>()
        || o.is_instance_of::<PyInt>()
        || o.is_instance_of::<PyBool>()
        || o.is_instance_of::<PyString>()
        || o.is_instance_of::<PyBytes>()
        || o.is_instance_of::<PyByteArray>()
}

/// The children of a container (empty for anything `pythonize` would not descend into).
fn children<'py>(o: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if let Ok(l) = o.cast::<PyList>() {
        return Ok(l.iter().collect());
    }
    if let Ok(t) = o.cast::<PyTuple>() {
        return Ok(t.iter().collect());
    }
    if let Ok(d) = o.cast::<PyDict>() {
        return Ok(d.iter().flat_map(|(k, v)| [k, v]).collect());
    }
    if o.is_instance_of::<PySet>() || o.is_instance_of::<PyFrozenSet>() {
        return o.try_iter()?.collect();
    }
    if o.cast::<PySequence>().is_ok() {
        return o.try_iter()?.collect();
    }
    if let Ok(m) = o.cast::<PyMapping>() {
        return Ok(m.items()?.iter().collect());
    }
    if let Ok(fields) = o.getattr("__dataclass_fields__") {
        let mut out = Vec::new();
        for name in fields.try_iter()? {
            out.push(o.getattr(name?.cast::<PyString>()?)?);
        }
        return Ok(out);
    }
    Ok(Vec::new())
}

/// `Err(message)` when `obj` nests containers deeper than [`MAX_DEPTH`].
pub(crate) fn check(obj: &Bound<'_, PyAny>) -> Result<(), String> {
    let too_deep = benchcore::args::too_deep;
    let mut stack = vec![(obj.clone(), 0usize)];
    while let Some((o, depth)) = stack.pop() {
        if is_leaf(&o) {
            continue;
        }
        let kids = children(&o).map_err(|e| e.to_string())?;
        for k in kids {
            if is_leaf(&k) {
                continue;
            }
            if depth + 1 >= MAX_DEPTH {
                return Err(too_deep());
            }
            stack.push((k, depth + 1));
        }
    }
    Ok(())
}
