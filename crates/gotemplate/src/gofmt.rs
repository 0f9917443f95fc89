//! Go `fmt` and `strconv` formatting for template values: the default `%v`
//! printing used by actions, `print`/`println`, and `printf` with Go's
//! verbs, flags, width and precision (including Go's `%!d(string=x)` error
//! notation).

use super::value::Value;

/// Go's width/precision limit (fmt's tooLarge).
const MAX_FMT_NUM: usize = 1_000_000;

pub(super) use goformat::quote::{append_escaped, is_print, quote as go_quote, quote_with};

/// `%#U`: "U+007D '}'".
pub(super) fn rune_desc(c: char) -> String {
    if is_print(c) {
        format!("U+{:04X} '{}'", c as u32, c)
    } else {
        format!("U+{:04X}", c as u32)
    }
}

// ---------------------------------------------------------------- floats

/// Decimal digits (no trailing zeros) and decimal point position of `a >= 0`,
/// shortest round-trip (`None`) or rounded to `n` significant digits.
fn float_digits(a: f64, n: Option<usize>) -> (Vec<u8>, i64) {
    let s = match n {
        None => format!("{a:e}"),
        Some(n) => format!("{:.*e}", n.saturating_sub(1), a),
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut d: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    while d.last() == Some(&b'0') {
        d.pop();
    }
    if d.is_empty() {
        return (d, 0);
    }
    (d, exp + 1)
}

fn fmt_e(out: &mut String, d: &[u8], dp: i64, prec: i64, e: char) {
    out.push(d.first().map_or('0', |&c| c as char));
    if prec > 0 {
        out.push('.');
        for i in 1..=prec as usize {
            out.push(d.get(i).map_or('0', |&c| c as char));
        }
    }
    out.push(e);
    let exp = if d.is_empty() { 0 } else { dp - 1 };
    out.push(if exp < 0 { '-' } else { '+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        out.push('0');
    }
    out.push_str(&a.to_string());
}

fn fmt_f(out: &mut String, d: &[u8], dp: i64, prec: i64) {
    if dp > 0 {
        for i in 0..dp as usize {
            out.push(d.get(i).map_or('0', |&c| c as char));
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            let j = dp + i - 1;
            let c = if j >= 0 { d.get(j as usize) } else { None };
            out.push(c.map_or('0', |&c| c as char));
        }
    }
}

/// strconv.FormatFloat(f, fmt, prec, 64) for fmt in e E f F g G.
pub(super) fn format_float(f: f64, fmt: char, prec: Option<usize>) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    let a = f.abs();
    match fmt {
        'f' | 'F' => match prec {
            Some(p) => out.push_str(&format!("{a:.p$}")),
            None => {
                let (d, dp) = float_digits(a, None);
                fmt_f(&mut out, &d, dp, (d.len() as i64 - dp).max(0));
            }
        },
        'e' | 'E' => {
            let (d, dp) = float_digits(a, prec.map(|p| p + 1));
            let p = prec.map_or(d.len() as i64 - 1, |p| p as i64);
            fmt_e(&mut out, &d, dp, p, fmt);
        }
        _ => {
            let shortest = prec.is_none();
            let want = prec.map(|p| p.max(1));
            let (d, dp) = float_digits(a, want);
            let nd = d.len() as i64;
            let mut p = want.map_or(nd, |w| w as i64);
            let eprec = if shortest {
                6
            } else if p > nd && nd >= dp {
                nd
            } else {
                p
            };
            let exp = dp - 1;
            let e = if fmt == 'G' { 'E' } else { 'e' };
            if exp < -4 || exp >= eprec {
                if p > nd {
                    p = nd;
                }
                fmt_e(&mut out, &d, dp, p - 1, e);
            } else {
                if p > dp {
                    p = nd;
                }
                fmt_f(&mut out, &d, dp, (p - dp).max(0));
            }
        }
    }
    out
}

// ---------------------------------------------------------------- printing

#[derive(Clone, Debug, Default)]
struct Spec {
    plus: bool,
    minus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    wid: Option<usize>,
    prec: Option<usize>,
    sharp_v: bool,
}

fn pad(out: &mut String, s: &str, sp: &Spec) {
    let w = sp.wid.unwrap_or(0);
    let n = s.chars().count();
    if w <= n {
        out.push_str(s);
        return;
    }
    let fill = w - n;
    if sp.minus {
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', fill));
    } else {
        let ch = if sp.zero { '0' } else { ' ' };
        out.extend(std::iter::repeat_n(ch, fill));
        out.push_str(s);
    }
}

fn fmt_integer(out: &mut String, negative: bool, u: u64, base: u32, verb: char, sp: &Spec) {
    let upper = verb == 'X';
    let mut prec = 0usize;
    if let Some(p) = sp.prec {
        prec = p;
        if p == 0 && u == 0 {
            out.extend(std::iter::repeat_n(' ', sp.wid.unwrap_or(0)));
            return;
        }
    } else if sp.zero && !sp.minus {
        if let Some(w) = sp.wid {
            prec = w;
            if negative || sp.plus || sp.space {
                prec = prec.saturating_sub(1);
            }
        }
    }
    let mut digits: Vec<u8> = Vec::new();
    let mut v = u;
    loop {
        let d = (v % u64::from(base)) as u8;
        digits.push(if d < 10 {
            b'0' + d
        } else if upper {
            b'A' + d - 10
        } else {
            b'a' + d - 10
        });
        v /= u64::from(base);
        if v == 0 {
            break;
        }
    }
    while digits.len() < prec {
        digits.push(b'0');
    }
    if sp.sharp {
        match base {
            2 => digits.extend_from_slice(b"b0"),
            8 if digits.last() != Some(&b'0') => digits.push(b'0'),
            16 => digits.extend_from_slice(if upper { b"X0" } else { b"x0" }),
            _ => {}
        }
    }
    if verb == 'O' {
        digits.extend_from_slice(b"o0");
    }
    if negative {
        digits.push(b'-');
    } else if sp.plus {
        digits.push(b'+');
    } else if sp.space {
        digits.push(b' ');
    }
    digits.reverse();
    let s = String::from_utf8_lossy(&digits);
    let no_zero = Spec {
        zero: false,
        ..sp.clone()
    };
    pad(out, &s, &no_zero);
}

fn fmt_float(out: &mut String, f: f64, verb: char, default_prec: Option<usize>, sp: &Spec) {
    let prec = sp.prec.or(default_prec);
    let mut num = format_float(f, verb, prec);
    if !num.starts_with(['-', '+']) {
        num.insert(0, '+');
    }
    if sp.space && num.starts_with('+') && !sp.plus {
        num.replace_range(..1, " ");
    }
    if num[1..].starts_with(['I', 'N']) {
        if num[1..].starts_with('N') && !sp.space && !sp.plus {
            num.remove(0);
        }
        let no_zero = Spec {
            zero: false,
            ..sp.clone()
        };
        pad(out, &num, &no_zero);
        return;
    }
    if sp.plus || !num.starts_with('+') {
        if let Some(w) = sp.wid {
            if sp.zero && !sp.minus && w > num.len() {
                out.push_str(&num[..1]);
                out.extend(std::iter::repeat_n('0', w - num.len()));
                out.push_str(&num[1..]);
                return;
            }
        }
        pad(out, &num, sp);
        return;
    }
    pad(out, &num[1..], sp);
}

fn truncate_chars(s: &str, prec: Option<usize>) -> &str {
    match prec {
        Some(p) => match s.char_indices().nth(p) {
            Some((i, _)) => &s[..i],
            None => s,
        },
        None => s,
    }
}

fn fmt_string(out: &mut String, s: &str, verb: char, sp: &Spec) -> bool {
    match verb {
        'v' if sp.sharp_v => pad(out, &go_quote(s), sp),
        'v' | 's' => pad(out, truncate_chars(s, sp.prec), sp),
        'q' => {
            let s = truncate_chars(s, sp.prec);
            let q = if sp.sharp
                && !s.contains(['`', '\u{FEFF}'])
                && s.chars().all(|c| c == '\t' || !c.is_control())
            {
                format!("`{s}`")
            } else if sp.plus {
                quote_with(s, '"', true)
            } else {
                go_quote(s)
            };
            pad(out, &q, sp);
        }
        'x' | 'X' => {
            let b = s.as_bytes();
            let len = sp.prec.map_or(b.len(), |p| p.min(b.len()));
            let digits: &[u8; 16] = if verb == 'x' {
                b"0123456789abcdef"
            } else {
                b"0123456789ABCDEF"
            };
            let mut h = String::new();
            if len > 0 {
                if sp.sharp {
                    h.push('0');
                    h.push(verb);
                }
                for (i, &c) in b[..len].iter().enumerate() {
                    if sp.space && i > 0 {
                        h.push(' ');
                        if sp.sharp {
                            h.push('0');
                            h.push(verb);
                        }
                    }
                    h.push(digits[usize::from(c >> 4)] as char);
                    h.push(digits[usize::from(c & 15)] as char);
                }
            }
            pad(out, &h, sp);
        }
        _ => return false,
    }
    true
}

fn fmt_int_value(out: &mut String, i: i128, verb: char, sp: &Spec) -> bool {
    let negative = i < 0;
    let u = i.unsigned_abs() as u64;
    match verb {
        'v' | 'd' => fmt_integer(out, negative, u, 10, verb, sp),
        'b' => fmt_integer(out, negative, u, 2, verb, sp),
        'o' | 'O' => fmt_integer(out, negative, u, 8, verb, sp),
        'x' | 'X' => fmt_integer(out, negative, u, 16, verb, sp),
        'c' => {
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            pad(out, c.encode_utf8(&mut [0u8; 4]), sp);
        }
        'q' => {
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            let mut q = String::from('\'');
            append_escaped(&mut q, c, '\'', sp.plus);
            q.push('\'');
            pad(out, &q, sp);
        }
        'U' => {
            let p = sp.prec.unwrap_or(4).max(4);
            let mut s = format!("U+{:0p$X}", i as u64);
            if sp.sharp {
                if let Some(c) = u32::try_from(i).ok().and_then(char::from_u32) {
                    if is_print(c) {
                        s.push_str(&format!(" '{c}'"));
                    }
                }
            }
            let no_zero = Spec {
                zero: false,
                ..sp.clone()
            };
            pad(out, &s, &no_zero);
        }
        _ => return false,
    }
    true
}

fn bad_verb(out: &mut String, v: &Value<'_>, verb: char, sp: &Spec) {
    out.push_str("%!");
    out.push(verb);
    out.push('(');
    if let Value::Nil = v {
        out.push_str("<nil>");
    } else {
        out.push_str(v.type_name());
        out.push('=');
        fmt_arg(out, v, 'v', sp, 0);
    }
    out.push(')');
}

fn fmt_arg(out: &mut String, v: &Value<'_>, verb: char, sp: &Spec, depth: usize) {
    if verb == 'T' {
        pad(
            out,
            if let Value::Nil = v {
                "<nil>"
            } else {
                v.type_name()
            },
            sp,
        );
        return;
    }
    let ok = match v {
        Value::Nil => {
            if verb == 'v' {
                pad(out, "<nil>", sp);
                true
            } else {
                false
            }
        }
        Value::Bool(b) => match verb {
            't' | 'v' => {
                pad(out, if *b { "true" } else { "false" }, sp);
                true
            }
            _ => false,
        },
        Value::Int(i) | Value::Int64(i) => fmt_int_value(out, i128::from(*i), verb, sp),
        Value::Byte(b) => {
            if verb == 'v' && sp.sharp_v {
                fmt_integer(
                    out,
                    false,
                    u64::from(*b),
                    16,
                    'x',
                    &Spec {
                        sharp: true,
                        ..sp.clone()
                    },
                );
                true
            } else {
                fmt_int_value(out, i128::from(*b), verb, sp)
            }
        }
        Value::Float(f) => match verb {
            'v' => {
                fmt_float(out, *f, 'g', None, sp);
                true
            }
            'g' | 'G' => {
                fmt_float(out, *f, verb, None, sp);
                true
            }
            'e' | 'E' | 'f' => {
                fmt_float(out, *f, verb, Some(6), sp);
                true
            }
            'F' => {
                fmt_float(out, *f, 'f', Some(6), sp);
                true
            }
            _ => false,
        },
        Value::Str(s) => fmt_string(out, s, verb, sp),
        Value::Time(t) => match verb {
            'v' | 's' | 'q' | 'x' | 'X' => fmt_string(out, &t.go_string(), verb, sp),
            _ => false,
        },
        Value::List(l) => {
            if depth > super::MAX_NESTING_DEPTH {
                out.push_str("[...]");
                return;
            }
            out.push('[');
            for (i, e) in l.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                fmt_arg(out, e, verb, sp, depth + 1);
            }
            out.push(']');
            true
        }
        Value::Map(m, _) => {
            if depth > super::MAX_NESTING_DEPTH {
                out.push_str("map[...]");
                return;
            }
            out.push_str("map[");
            for (i, (k, e)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                fmt_string(out, k, verb, sp);
                out.push(':');
                fmt_arg(out, e, verb, sp, depth + 1);
            }
            out.push(']');
            true
        }
        Value::Labels => {
            out.push_str("map[]");
            true
        }
    };
    if !ok {
        bad_verb(out, v, verb, sp);
    }
}

/// fmt's `%v` of a value.
pub(super) fn fmt_v(v: &Value<'_>) -> String {
    let mut s = String::new();
    fmt_arg(&mut s, v, 'v', &Spec::default(), 0);
    s
}

/// How an action prints its pipeline's value (nil prints as `<no value>`).
pub(super) fn print_value(out: &mut String, v: &Value<'_>) {
    match v {
        Value::Nil => out.push_str("<no value>"),
        Value::Str(s) => out.push_str(s),
        v => fmt_arg(out, v, 'v', &Spec::default(), 0),
    }
}

/// fmt.Sprint.
pub(super) fn sprint(args: &[Value<'_>]) -> String {
    let mut out = String::new();
    let mut prev_string = false;
    for (i, a) in args.iter().enumerate() {
        let is_string = matches!(a, Value::Str(_));
        if i > 0 && !is_string && !prev_string {
            out.push(' ');
        }
        fmt_arg(&mut out, a, 'v', &Spec::default(), 0);
        prev_string = is_string;
    }
    out
}

/// fmt.Sprintln.
pub(super) fn sprintln(args: &[Value<'_>]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        fmt_arg(&mut out, a, 'v', &Spec::default(), 0);
    }
    out.push('\n');
    out
}

fn parse_num(b: &[u8], mut i: usize) -> (Option<usize>, usize, bool) {
    let mut n: usize = 0;
    let mut any = false;
    while i < b.len() && b[i].is_ascii_digit() {
        if n > MAX_FMT_NUM {
            return (None, b.len(), true);
        }
        n = n * 10 + usize::from(b[i] - b'0');
        any = true;
        i += 1;
    }
    (any.then_some(n), i, false)
}

fn int_arg(args: &[Value<'_>], argn: &mut usize) -> Option<i64> {
    let v = args.get(*argn)?;
    *argn += 1;
    match v {
        Value::Int(i) | Value::Int64(i) => {
            if i.unsigned_abs() as usize > MAX_FMT_NUM {
                None
            } else {
                Some(*i)
            }
        }
        Value::Byte(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// fmt.Sprintf.
pub(super) fn sprintf(format: &str, args: &[Value<'_>]) -> String {
    let b = format.as_bytes();
    let end = b.len();
    let mut p = Printf {
        format,
        args,
        out: String::with_capacity(format.len() + 16),
        argn: 0,
        reordered: false,
    };
    let mut i = 0;
    while i < end {
        let last = i;
        while i < end && b[i] != b'%' {
            i += 1;
        }
        p.out.push_str(&format[last..i]);
        if i >= end {
            break;
        }
        let (mut sp, ni) = parse_flags(b, i + 1);
        let mut good_arg = true;
        let (ni, mut after_index) = p.arg_index(ni, &mut good_arg);
        let Some(ni) = p.width_and_precision(ni, &mut sp, &mut good_arg, &mut after_index) else {
            p.out.push_str("%!(NOVERB)");
            break;
        };
        i = ni;
        if !after_index {
            i = p.arg_index(i, &mut good_arg).0;
        }
        let Some(verb) = format[i..].chars().next() else {
            p.out.push_str("%!(NOVERB)");
            break;
        };
        i += verb.len_utf8();
        p.verb(verb, sp, good_arg);
    }
    p.extra();
    p.out
}

/// The flags `#0+- ` from `i`: the spec they set and where they end.
fn parse_flags(b: &[u8], mut i: usize) -> (Spec, usize) {
    let mut sp = Spec::default();
    while i < b.len() {
        match b[i] {
            b'#' => sp.sharp = true,
            b'0' => sp.zero = !sp.minus,
            b'+' => sp.plus = true,
            b'-' => {
                sp.minus = true;
                sp.zero = false;
            }
            b' ' => sp.space = true,
            _ => break,
        }
        i += 1;
    }
    (sp, i)
}

/// One `Sprintf` in progress: the output and which argument is next.
struct Printf<'f, 'a, 'v> {
    format: &'f str,
    args: &'a [Value<'v>],
    out: String,
    argn: usize,
    reordered: bool,
}

impl Printf<'_, '_, '_> {
    /// An explicit argument index `[n]` at `i`: where it ends and whether
    /// one was read; a bad index clears `good`.
    fn arg_index(&mut self, i: usize, good: &mut bool) -> (usize, bool) {
        let b = self.format.as_bytes();
        if i >= b.len() || b[i] != b'[' {
            return (i, false);
        }
        self.reordered = true;
        if let Some(close) = b[i + 1..].iter().position(|&c| c == b']') {
            let inner = &self.format[i + 1..i + 1 + close];
            match inner.parse::<usize>() {
                Ok(n) if n >= 1 && n <= self.args.len() && !inner.starts_with('+') => {
                    self.argn = n - 1;
                }
                _ => *good = false,
            }
            return (i + 2 + close, true);
        }
        *good = false;
        (i + 1, false)
    }

    /// Width (`*` or digits) and `.precision` from `i`; `None` when a
    /// number overflows (Go then reports a missing verb).
    fn width_and_precision(
        &mut self,
        mut i: usize,
        sp: &mut Spec,
        good_arg: &mut bool,
        after_index: &mut bool,
    ) -> Option<usize> {
        let b = self.format.as_bytes();
        let end = b.len();
        if i < end && b[i] == b'*' {
            i += 1;
            match int_arg(self.args, &mut self.argn) {
                Some(w) => {
                    if w < 0 {
                        sp.minus = true;
                        sp.zero = false;
                    }
                    sp.wid = Some(w.unsigned_abs() as usize);
                }
                None => self.out.push_str("%!(BADWIDTH)"),
            }
            *after_index = false;
        } else {
            let (n, ni, overflow) = parse_num(b, i);
            if overflow {
                return None;
            }
            sp.wid = n;
            i = ni;
            if *after_index && n.is_some() {
                *good_arg = false;
            }
        }
        if i + 1 < end && b[i] == b'.' {
            i += 1;
            if *after_index {
                *good_arg = false;
            }
            (i, *after_index) = self.arg_index(i, good_arg);
            if i < end && b[i] == b'*' {
                i += 1;
                match int_arg(self.args, &mut self.argn) {
                    Some(p) if p >= 0 => sp.prec = Some(p as usize),
                    Some(_) => sp.prec = None,
                    None => self.out.push_str("%!(BADPREC)"),
                }
                *after_index = false;
            } else {
                let (n, ni, overflow) = parse_num(b, i);
                if overflow {
                    return None;
                }
                sp.prec = Some(n.unwrap_or(0));
                i = ni;
            }
        }
        Some(i)
    }

    /// Prints the next argument with `verb`.
    fn verb(&mut self, verb: char, mut sp: Spec, good_arg: bool) {
        if verb == '%' {
            self.out.push('%');
            return;
        }
        if !good_arg {
            self.out.push_str(&format!("%!{verb}(BADINDEX)"));
            return;
        }
        let Some(arg) = self.args.get(self.argn) else {
            self.out.push_str(&format!("%!{verb}(MISSING)"));
            return;
        };
        if verb == 'v' {
            sp.sharp_v = sp.sharp;
            sp.sharp = false;
            sp.plus = false;
        }
        if verb == 'p' {
            bad_verb(&mut self.out, arg, verb, &sp);
        } else {
            fmt_arg(&mut self.out, arg, verb, &sp, 0);
        }
        self.argn += 1;
    }

    /// Go's `%!(EXTRA type=value, ...)` for arguments no verb used.
    fn extra(&mut self) {
        if self.reordered || self.argn >= self.args.len() {
            return;
        }
        self.out.push_str("%!(EXTRA ");
        for (k, a) in self.args[self.argn..].iter().enumerate() {
            if k > 0 {
                self.out.push_str(", ");
            }
            if let Value::Nil = a {
                self.out.push_str("<nil>");
            } else {
                self.out.push_str(a.type_name());
                self.out.push('=');
                fmt_arg(&mut self.out, a, 'v', &Spec::default(), 0);
            }
        }
        self.out.push(')');
    }
}
