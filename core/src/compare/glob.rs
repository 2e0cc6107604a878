//! Glob matching for per-benchmark thresholds: `*` (any run, including `/`), `?` (one
//! character), `[...]` classes with ranges and `!`/`^` negation, `\` escapes. Iterative with
//! backtracking to the last `*`: O(len(pattern) · len(name)) worst case, no recursion.

/// Whether `name` matches `pattern` as a whole.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = name.chars().collect();
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    star = Some((pi, si));
                    pi += 1;
                    continue;
                }
                '?' => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                '[' => {
                    if let Some((matched, next)) = class(&p, pi, s[si]) {
                        if matched {
                            pi = next;
                            si += 1;
                            continue;
                        }
                    } else if s[si] == '[' {
                        pi += 1;
                        si += 1;
                        continue;
                    }
                }
                '\\' if pi + 1 < p.len() => {
                    if p[pi + 1] == s[si] {
                        pi += 2;
                        si += 1;
                        continue;
                    }
                }
                c => {
                    if c == s[si] {
                        pi += 1;
                        si += 1;
                        continue;
                    }
                }
            }
        }
        match star {
            Some((sp, ss)) => {
                pi = sp + 1;
                si = ss + 1;
                star = Some((sp, ss + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Match `c` against the class starting at `p[start] == '['`. Returns (matched, index after
/// the class), or `None` when the class is not closed (then `[` is literal).
fn class(p: &[char], start: usize, c: char) -> Option<(bool, usize)> {
    let mut i = start + 1;
    let negate = matches!(p.get(i), Some('!') | Some('^'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while i < p.len() {
        let ch = p[i];
        if ch == ']' && !first {
            return Some((matched != negate, i + 1));
        }
        first = false;
        if i + 2 < p.len() && p[i + 1] == '-' && p[i + 2] != ']' {
            if p[i] <= c && c <= p[i + 2] {
                matched = true;
            }
            i += 3;
        } else {
            if ch == c {
                matched = true;
            }
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("fib/*", "fib/20"));
        assert!(glob_match("*", ""));
        assert!(glob_match("*/fnv1a/*", "checksum/fnv1a/1024"));
        assert!(!glob_match("fib/*", "fibonacci/20"));
        assert!(glob_match("fib/?0", "fib/20"));
        assert!(glob_match("test_sort_list\\[*\\]", "test_sort_list[100]"));
        assert!(glob_match("fib/[12]0", "fib/10"));
        assert!(!glob_match("fib/[!12]0", "fib/10"));
        assert!(glob_match("fib/[0-9]*", "fib/15"));
        assert!(glob_match("a[", "a["));
        assert!(glob_match("*a*b*c*", "xxaxxbxxcxx"));
        assert!(!glob_match("*a*b*c", "xxaxxbxxcxx"));
        assert!(glob_match("sort 1000 u32", "sort 1000 u32"));
    }

    #[test]
    fn pathological_patterns_stay_linear_enough() {
        let name = "a".repeat(5000);
        let pat = format!("{}b", "*a".repeat(50));
        assert!(!glob_match(&pat, &name));
    }
}
