//! The one error type of benchcore: a closed enum with stable kebab-case codes.
//!
//! Every surface maps every variant exhaustively: the CLI prints the message and exits 2, Python
//! raises the `BenchcoreError` subclass named after the variant (`ParseError`, …) with `.code`,
//! JavaScript throws an `Error` whose `.code` is [`Error::code`]. The structured fields travel as
//! [`ErrorInfo`], so no surface has to parse a message.

use serde::{Deserialize, Serialize};

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every way a benchcore operation can fail. Messages name the file and the field or line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// Input could not be read as the format it claims (or was detected) to be.
    #[error("{}: {message}", location(file, *line, field.as_deref()))]
    Parse {
        /// The file (or label of an in-memory input).
        file: String,
        /// 1-based line, when the format is line oriented or the JSON reader knows it.
        line: Option<u64>,
        /// Path of the offending field, e.g. `benchmarks[2].stats.data[7]`.
        field: Option<String>,
        /// What was wrong, in plain words.
        message: String,
    },
    /// Automatic format detection found no parser for the input.
    #[error("{file}: not a recognised benchmark output (tried: {})", tried.join(", "))]
    UnknownFormat {
        /// The file or directory.
        file: String,
        /// Every format that was tried, in order.
        tried: Vec<String>,
    },
    /// The operating system refused a read or write.
    #[error("{file}: {message}")]
    Io {
        /// The path involved.
        file: String,
        /// The OS error, in words.
        message: String,
    },
    /// A persisted shape carries a `version` newer than this build understands.
    #[error("{file}: {what} version {found} is newer than this benchcore supports ({supported}); upgrade benchcore")]
    UnsupportedVersion {
        /// The file.
        file: String,
        /// Which shape (`run`, `history bundle`, …).
        what: String,
        /// The version found.
        found: u64,
        /// The newest version this build reads.
        supported: u64,
    },
    /// An options object had an unknown key, a wrong type or an out-of-range value.
    #[error("invalid option `{field}`: {message}")]
    InvalidOptions {
        /// The option's key.
        field: String,
        /// Why it was refused.
        message: String,
    },
    /// An argument that is not a file was unusable (an empty series, a NaN, …).
    #[error("invalid input `{field}`: {message}")]
    InvalidInput {
        /// What argument or field.
        field: String,
        /// Why.
        message: String,
    },
    /// Input beyond a configured bound (size, nesting, count).
    #[error("{file}: {what} exceeds the limit of {limit}")]
    LimitExceeded {
        /// The file.
        file: String,
        /// What was too large (`input size in bytes`, …).
        what: String,
        /// The bound that applied.
        limit: u64,
    },
    /// Something named does not exist: a path, a criterion baseline, a benchmark.
    #[error("{file}: {what}")]
    NotFound {
        /// The path searched.
        file: String,
        /// What is missing, with what was found instead when useful.
        what: String,
    },
}

/// Longest message or field an error keeps, in characters: messages quote untrusted input (a
/// token of a 200 MB line, a 100 KB benchmark name), and every surface hands them on whole.
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// `text` cut to [`MAX_MESSAGE_CHARS`] characters, ending with `…` when cut.
fn clip(text: String) -> String {
    match text.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn location(file: &str, line: Option<u64>, field: Option<&str>) -> String {
    match (line, field) {
        (Some(l), Some(f)) => format!("{file}:{l}: field `{f}`"),
        (Some(l), None) => format!("{file}:{l}"),
        (None, Some(f)) => format!("{file}: field `{f}`"),
        (None, None) => file.to_string(),
    }
}

impl Error {
    /// Stable machine-readable code, the same on every surface.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Parse { .. } => "parse-error",
            Error::UnknownFormat { .. } => "unknown-format",
            Error::Io { .. } => "io-error",
            Error::UnsupportedVersion { .. } => "unsupported-version",
            Error::InvalidOptions { .. } => "invalid-options",
            Error::InvalidInput { .. } => "invalid-input",
            Error::LimitExceeded { .. } => "limit-exceeded",
            Error::NotFound { .. } => "not-found",
        }
    }

    /// Every code, in declaration order (bindings use this to build their class tables).
    pub const CODES: [&'static str; 8] = [
        "parse-error",
        "unknown-format",
        "io-error",
        "unsupported-version",
        "invalid-options",
        "invalid-input",
        "limit-exceeded",
        "not-found",
    ];

    /// A parse error without line or field. Like every constructor below, it cuts the message
    /// and field to `MAX_MESSAGE_CHARS` (2,000).
    pub fn parse(file: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Parse {
            file: file.into(),
            line: None,
            field: None,
            message: clip(message.into()),
        }
    }

    /// A parse error pointing at a field.
    pub fn parse_field(
        file: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Parse {
            file: file.into(),
            line: None,
            field: Some(clip(field.into())),
            message: clip(message.into()),
        }
    }

    /// A parse error pointing at a line.
    pub fn parse_line(file: impl Into<String>, line: u64, message: impl Into<String>) -> Self {
        Error::Parse {
            file: file.into(),
            line: Some(line),
            field: None,
            message: clip(message.into()),
        }
    }

    /// An invalid option.
    pub fn option(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidOptions {
            field: clip(field.into()),
            message: clip(message.into()),
        }
    }

    /// An invalid argument.
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: clip(field.into()),
            message: clip(message.into()),
        }
    }

    /// An IO error on `file`.
    pub fn io(file: impl Into<String>, err: &std::io::Error) -> Self {
        Error::Io {
            file: file.into(),
            message: err.to_string(),
        }
    }

    /// The structured form handed to bindings.
    pub fn info(&self) -> ErrorInfo {
        let mut info = ErrorInfo {
            code: self.code().to_string(),
            message: self.to_string(),
            file: None,
            line: None,
            field: None,
        };
        match self {
            Error::Parse {
                file, line, field, ..
            } => {
                info.file = Some(file.clone());
                info.line = *line;
                info.field = field.clone();
            }
            Error::UnknownFormat { file, .. }
            | Error::Io { file, .. }
            | Error::UnsupportedVersion { file, .. }
            | Error::LimitExceeded { file, .. }
            | Error::NotFound { file, .. } => info.file = Some(file.clone()),
            Error::InvalidOptions { field, .. } | Error::InvalidInput { field, .. } => {
                info.field = Some(field.clone())
            }
        }
        info
    }
}

/// The fields every surface exposes on its error object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// [`Error::code`].
    pub code: String,
    /// The full human message.
    pub message: String,
    /// The file involved, if any.
    pub file: Option<String>,
    /// 1-based line, if known.
    pub line: Option<u64>,
    /// The field or option, if known.
    pub field: Option<String>,
}

/// Map a serde_json error on `file` to a parse error that keeps the line.
pub(crate) fn json_error(file: &str, err: &serde_json::Error) -> Error {
    let line = err.line();
    Error::Parse {
        file: file.to_string(),
        line: (line > 0).then_some(line as u64),
        field: None,
        message: format!("invalid JSON: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_file_line_and_field() {
        let e = Error::Parse {
            file: "a.json".into(),
            line: Some(3),
            field: Some("stats.mean".into()),
            message: "expected a number".into(),
        };
        assert_eq!(
            e.to_string(),
            "a.json:3: field `stats.mean`: expected a number"
        );
        assert_eq!(e.code(), "parse-error");
        assert_eq!(e.info().line, Some(3));
    }

    #[test]
    fn codes_table_matches_variants() {
        let all = [
            Error::parse("f", "m"),
            Error::UnknownFormat {
                file: "f".into(),
                tried: vec![],
            },
            Error::Io {
                file: "f".into(),
                message: "m".into(),
            },
            Error::UnsupportedVersion {
                file: "f".into(),
                what: "run".into(),
                found: 9,
                supported: 1,
            },
            Error::option("f", "m"),
            Error::input("f", "m"),
            Error::LimitExceeded {
                file: "f".into(),
                what: "w".into(),
                limit: 1,
            },
            Error::NotFound {
                file: "f".into(),
                what: "w".into(),
            },
        ];
        let codes: Vec<_> = all.iter().map(Error::code).collect();
        assert_eq!(codes, Error::CODES);
    }

    #[test]
    fn messages_quoting_huge_input_are_cut() {
        let token = "9".repeat(10_000_000);
        let e = Error::parse_line("line.txt", 1, format!("'{token}' is not a number"));
        let Error::Parse { message, .. } = &e else {
            unreachable!()
        };
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(message.ends_with('…'));
        let e = Error::input("x".repeat(5000), "short");
        assert_eq!(
            e.info().field.unwrap().chars().count(),
            MAX_MESSAGE_CHARS + 1
        );
        assert_eq!(
            Error::option("alpha", "m").to_string(),
            "invalid option `alpha`: m"
        );
    }
}
