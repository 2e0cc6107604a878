//! `renderCheck(report, format, options?)`: a [`benchcore::CheckReport`] (what `check`
//! returns) as `table` (options: `TableOptions`), `markdown` (a pull-request comment, starting
//! with the `<!-- benchcore-report -->` marker) or `json` text, as `render` does for a
//! comparison. The GitHub Action renders its gate report with it.

use benchcore::{CheckReport, Error, TableOptions};
use wasm_bindgen::prelude::*;

use crate::convert::{self, js_error};

/// Render a check report as `table`, `markdown` or `json` text.
#[wasm_bindgen(js_name = renderCheck, skip_typescript)]
pub fn render_check(
    report: JsValue,
    format: JsValue,
    options: Option<JsValue>,
) -> Result<String, JsValue> {
    let text = || -> Result<String, Error> {
        let table: TableOptions = convert::options(&options.unwrap_or_default())?;
        let r: CheckReport = convert::value(&report, "report")?;
        match convert::string(&format, "format")?.as_str() {
            "table" => Ok(benchcore::render_check_table(&r, &table)),
            "markdown" => Ok(benchcore::render_check_markdown(&r)),
            "json" => Ok(benchcore::render_check_json(&r)),
            other => Err(Error::option(
                "format",
                format!("unknown report format '{other}' (known: table, markdown, json)"),
            )),
        }
    };
    text().map_err(|e| js_error(&e))
}
