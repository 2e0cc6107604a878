//! Making untrusted text inert. Benchmark names, groups, metrics, paths, commits, branches,
//! reasons and warnings come from files anyone can write (a pull request controls its own
//! benchmark names), so a report must not let them drive a terminal or a PR comment.
//!
//! * [`visible`]: control characters (C0 including ESC, CR, LF, TAB, BEL; DEL; C1), bidi
//!   controls (U+202A–U+202E, U+2066–U+2069, LRM/RLM/ALM, the "Trojan Source" set) and line or
//!   paragraph separators become visible escapes such as `\x1b`, `\n` or `\u{202e}`. Enough for
//!   a terminal.
//! * [`markdown`]: [`visible`], then every character that means something to GitHub-flavoured
//!   Markdown or HTML is neutralised: `& < > " '` become entities, Markdown punctuation
//!   (`` \ ` * _ { } [ ] ( ) # + - . ! | ~ $ ``) is backslash-escaped (`$` because GitHub
//!   renders `$…$` as math), and `@` becomes `&#64;&#8203;` so `@name` never mentions anyone:
//!   GitHub decodes entities before it looks for mentions, the zero-width space is what
//!   breaks the match. Links need `[`, `(` or `<`, all escaped, so `[x](javascript:…)` and
//!   `<javascript:…>` stay text; `|` is escaped, so a cell cannot split a table row.
//!
//! Both cut text longer than [`MAX_SHOWN_CHARS`] characters (ending it with `…`), so one
//! absurd name cannot blow up a report. Both are one pass over the characters: O(n). They are public ([`crate::escape_terminal`],
//! [`crate::escape_markdown`]) so that every text output outside the core's reports (the CLI's
//! `detect` and `history` listings, error messages on stderr) uses the same rules.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Longest untrusted text shown in a report, in characters; longer text is cut there and ends
/// with `…` (a 100 KB benchmark name would otherwise make a PR comment GitHub refuses; the JSON
/// output keeps every name whole).
pub const MAX_SHOWN_CHARS: usize = 1000;

/// `text`, cut to [`MAX_SHOWN_CHARS`] characters plus `…` when longer.
fn shortened(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_SHOWN_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

/// Whether `c` could move the cursor, change colours, reorder text or break a line.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Append the visible escape of an unsafe character.
fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if u32::from(c) < 0x100 => {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        }
        c => {
            let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
        }
    }
}

/// `text` with control, bidi and line-separator characters replaced by visible escapes
/// (`\x1b`, `\n`, `\u{202e}`), safe to print on a terminal, and cut to `MAX_SHOWN_CHARS` (1,000 characters).
/// Everything else is kept.
pub fn visible(text: &str) -> String {
    let text = shortened(text);
    if !text.chars().any(is_unsafe) {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` as inert GitHub-flavoured Markdown and HTML, usable inline and in table cells: it
/// renders as the original characters (controls shown as in [`visible`]) and never becomes
/// markup, a link, a mention or a line break.
pub fn markdown(text: &str) -> String {
    let shown = visible(text);
    let mut out = String::with_capacity(shown.len() + shown.len() / 4);
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '@' => out.push_str("&#64;&#8203;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Serialized JSON made inert on a terminal without changing the value it encodes: the unsafe
/// characters a JSON writer leaves raw (DEL, C1 controls, bidi controls, line and paragraph
/// separators) become `\uXXXX` escapes, which JSON defines as the same characters. C0
/// controls are left alone: a JSON writer already escapes them inside strings, and outside
/// strings JSON text has only its own whitespace. Text that went through [`visible`] has none
/// of these characters, so this is a no-op on it (and borrows: no copy of a large output).
pub fn json(text: &str) -> Cow<'_, str> {
    let unsafe_raw = |c: char| is_unsafe(c) && u32::from(c) >= 0x7f;
    if !text.chars().any(unsafe_raw) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_raw(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_escapes_controls_and_bidi() {
        assert_eq!(visible("\u{1b}[31mred"), "\\x1b[31mred");
        assert_eq!(visible("a\nb\r\tc\u{7}"), "a\\nb\\r\\tc\\x07");
        assert_eq!(visible("\u{202e}evil\u{2066}"), "\\u{202e}evil\\u{2066}");
        assert_eq!(visible("\u{9b}31m"), "\\x9b31m");
        assert_eq!(visible("\u{7f}"), "\\x7f");
        assert_eq!(visible("line\u{2028}sep"), "line\\u{2028}sep");
    }

    #[test]
    fn visible_keeps_ordinary_text() {
        for s in ["fib/20", "µs", "日本語のベンチ", "a\\b", "emoji 🚀", ""] {
            assert_eq!(visible(s), s);
        }
    }

    #[test]
    fn markdown_neutralises_html() {
        let s = markdown("<img src=x onerror=alert(1)>");
        assert!(!s.contains('<') && !s.contains('>'), "{s}");
        assert_eq!(
            markdown("a & \"b\" 'c'"),
            "a &amp; &quot;b&quot; &#39;c&#39;"
        );
    }

    #[test]
    fn markdown_neutralises_links_and_autolinks() {
        let s = markdown("[x](javascript:alert(1))");
        assert_eq!(s, "\\[x\\]\\(javascript:alert\\(1\\)\\)");
        assert!(!s.contains("](javascript:"), "{s}");
        let s = markdown("<javascript:alert(1)>");
        assert!(s.starts_with("&lt;javascript:"), "{s}");
        assert!(!markdown("![i](http://x/y.png)").contains("!["));
    }

    #[test]
    fn markdown_neutralises_mentions() {
        let s = markdown("ping @octocat");
        assert!(!s.contains("@octocat") && !s.contains('@'), "{s}");
        assert_eq!(s, "ping &#64;&#8203;octocat");
    }

    #[test]
    fn markdown_escapes_table_and_emphasis_punctuation() {
        assert_eq!(markdown("a|b"), "a\\|b");
        assert_eq!(markdown("`code`"), "\\`code\\`");
        assert_eq!(markdown("*b* _i_ ~s~"), "\\*b\\* \\_i\\_ \\~s\\~");
        assert_eq!(markdown("# h"), "\\# h");
        assert_eq!(markdown("$x$"), "\\$x\\$");
        assert_eq!(markdown("a\\b"), "a\\\\b");
    }

    #[test]
    fn markdown_never_contains_line_breaks_or_controls() {
        let s = markdown("two\nlines\r\n\u{1b}[2J\u{202e}");
        assert!(!s.chars().any(is_unsafe), "{s:?}");
        assert_eq!(s, "two\\\\nlines\\\\r\\\\n\\\\x1b\\[2J\\\\u\\{202e\\}");
    }

    #[test]
    fn json_escapes_what_json_writers_leave_raw() {
        let v = serde_json::json!({"name": "a\u{202e}b\u{7f}\u{9b}c\u{2028}\u{1b}[31m"});
        let raw = serde_json::to_string(&v).unwrap();
        assert!(raw.contains('\u{202e}') && raw.contains("\\u001b"), "{raw}");
        let safe = json(&raw);
        assert_eq!(safe, r#"{"name":"a\u202eb\u007f\u009bc\u2028\u001b[31m"}"#);
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
        assert_eq!(json("plain \u{1b}[1m table"), "plain \u{1b}[1m table");
    }

    #[test]
    fn long_text_is_cut_before_escaping() {
        let name = "<".repeat(100_000);
        let v = visible(&name);
        assert_eq!(v.chars().count(), MAX_SHOWN_CHARS + 1);
        assert!(v.ends_with('…'));
        let m = markdown(&name);
        assert_eq!(m, format!("{}…", "&lt;".repeat(MAX_SHOWN_CHARS)));
        let exact = "é".repeat(MAX_SHOWN_CHARS);
        assert_eq!(visible(&exact), exact);
    }
}
