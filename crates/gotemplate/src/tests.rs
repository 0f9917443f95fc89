//! Expected outputs are worked out from the Go text/template, fmt, time,
//! Sprig and Loki documentation.

use super::*;

struct D {
    labels: Vec<(&'static str, &'static str)>,
    line: &'static str,
    ts: i64,
}

impl TemplateData for D {
    fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
    }
    fn line(&self) -> &str {
        self.line
    }
    fn timestamp_ns(&self) -> i64 {
        self.ts
    }
    fn for_each_label(&self, f: &mut dyn FnMut(&str, &str)) {
        for (k, v) in &self.labels {
            f(k, v);
        }
    }
}

fn data() -> D {
    D {
        labels: vec![
            ("status_code", "ok"),
            ("level", "error"),
            ("a", "10"),
            ("b", "4"),
            ("path", "a b c d e f"),
            ("ts", "1673798889"),
            ("json", r#"{"user":{"name":"bob"},"tags":["x","y"]}"#),
        ],
        line: "Hello World",
        ts: 1_673_798_889_902_000_000,
    }
}

/// Renders `src`; errors come back as text so tables of cases stay simple.
fn r(src: &str) -> String {
    match Template::parse(src) {
        Ok(t) => match t.render_to_string(&data()) {
            Ok(s) => s,
            Err(e) => format!("EXEC ERR: {e}"),
        },
        Err(e) => format!("PARSE ERR: {e}"),
    }
}

fn check(cases: &[(&str, &str)]) {
    for (src, want) in cases {
        assert_eq!(r(src), *want, "template: {src}");
    }
}

fn check_err(cases: &[(&str, &str)]) {
    for (src, want) in cases {
        let got = r(src);
        assert!(
            got.contains(want),
            "template: {src}\n got: {got}\nwant substring: {want}"
        );
    }
}

#[test]
fn loki_doc_examples() {
    check(&[
        ("{{ .status_code | ToUpper }}", "OK"),
        ("{{ __line__ | lower }}", "hello world"),
        ("{{ __line__ }}", "Hello World"),
        (
            r#"{{ if eq .level "error" }}ERR{{ else }}ok{{ end }}"#,
            "ERR",
        ),
        (r#"{{ printf "%.2f" (divf .a .b) }}"#, "2.50"),
        (r#"{{ date "2006-01-02" (unixToTime .ts) }}"#, "2023-01-15"),
        (
            r#"{{ .path | replace " " "_" | trunc 5 | upper }}"#,
            "A_B_C",
        ),
        (
            r#"{{ if and (contains "he" "hello") (contains "llo" "hello") }} yes {{end}}"#,
            " yes ",
        ),
        (
            r#"{{ if or (contains "he" "hello") (contains "llo" "hello") }} yes {{end}}"#,
            " yes ",
        ),
        // Sprig's contains(substr, str): a missing .err is "", which every string contains.
        (
            r#"{{ if contains .err "ErrTimeout" }} timeout {{else if contains "he" "hello"}} yes {{else}} no {{end}}"#,
            " timeout ",
        ),
        (
            r#"{{ if contains "ErrTimeout" .level }} timeout {{else if contains "he" "hello"}} yes {{else}} no {{end}}"#,
            " yes ",
        ),
        (
            r#"{{ __timestamp__ | date "2006-01-02T15:04:05.00Z-07:00" }}"#,
            "2023-01-15T16:08:09.90Z+00:00",
        ),
        ("{{ __timestamp__ | unixEpoch }}", "1673798889"),
        ("{{ __timestamp__ | unixEpochMillis }}", "1673798889902"),
        (
            "{{ __timestamp__ | unixEpochNanos }}",
            "1673798889902000000",
        ),
        ("{{ __timestamp__ }}", "2023-01-15 16:08:09.902 +0000 UTC"),
        (r#"{{ .request_method | default "GET" }}"#, "GET"),
        (
            r#"{{ToUpper "This is a string" | ToLower}}"#,
            "this is a string",
        ),
        (
            r#"{{ Replace "This is a string" " " "-" -1 }}"#,
            "This-is-a-string",
        ),
        (r#"{{ .path | replace " " "" }}"#, "abcdef"),
        (r#"{{ regexReplaceAll "(a*)bc" "aaabc" "${1}a" }}"#, "aaaa"),
        (
            r#"{{ regexReplaceAllLiteral "(ts=)" "ts=1" "timestamp=" }}"#,
            "timestamp=1",
        ),
        (
            r#"{{ "https://x.org/?q=a b" | urlencode }}"#,
            "https%3A%2F%2Fx.org%2F%3Fq%3Da+b",
        ),
        (r#"{{ "a+b%26c" | urldecode }}"#, "a b&c"),
        (r#"{{ count "a|b" "abcab" }}"#, "4"),
        (r#"{{ "1.5KB" | bytes }}"#, "1500"),
        (r#"{{ bytes "2 KiB" }}"#, "2048"),
        (r#"{{ bytes "1GB" }}"#, "1e+09"),
        (r#"{{ "1h30m" | duration }}"#, "5400"),
        (r#"{{ duration_seconds "1.5s" }}"#, "1.5"),
        (r#"{{ alignLeft 5 "ab" }}|"#, "ab   |"),
        (r#"{{ alignRight 5 "ab" }}"#, "   ab"),
        (r#"{{ alignLeft 2 "abcd" }}"#, "ab"),
        (r#"{{ alignRight 2 "abcd" }}"#, "cd"),
    ]);
}

#[test]
fn missing_label_is_empty_string() {
    // Loki parses with Option("missingkey=zero") over map[string]string.
    check(&[
        ("[{{ .nope }}]", "[]"),
        ("[{{ .nope | len }}]", "[0]"),
        (r#"{{ if .nope }}y{{ else }}n{{ end }}"#, "n"),
        ("{{ not .nope }}", "true"),
    ]);
    check_err(&[("{{ .level.x }}", "can't evaluate field x in type string")]);
}

#[test]
fn text_trim_and_comments() {
    check(&[
        ("plain text", "plain text"),
        ("a  {{- .status_code -}}  b", "aokb"),
        ("a\n\t {{- .status_code }} b", "aok b"),
        ("a {{ .status_code -}} \n b", "a okb"),
        ("a{{/* comment */}}b", "ab"),
        ("a {{- /* comment */ -}} b", "ab"),
        ("{{-3}}", "-3"),
        ("{{ 3 -}}  x", "3x"),
        ("x{{\n.status_code\n}}", "xok"),
    ]);
    assert_eq!(Template::parse("plain").unwrap().literal(), Some("plain"));
    assert_eq!(
        Template::parse("a{{/* c */}}b").unwrap().literal(),
        Some("ab")
    );
    assert_eq!(Template::parse("").unwrap().literal(), Some(""));
    assert_eq!(Template::parse("a{{ .x }}").unwrap().literal(), None);
}

#[test]
fn literals() {
    check(&[
        (r#"{{ "a\tb\u00e9\x41\101" }}"#, "a\tbéAA"),
        ("{{ `raw\\n` }}", "raw\\n"),
        ("{{ 'a' }}", "97"),
        ("{{ printf \"%c%c\" 'h' '\\n' }}", "h\n"),
        (
            "{{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 017 }} {{ 1_000 }} {{ -5 }} {{ +7 }}",
            "31 15 5 15 1000 -5 7",
        ),
        (
            "{{ 1e3 }} {{ 3.0 }} {{ 1.5e6 }} {{ 123456.0 }} {{ 0.000012 }}",
            "1000 3 1.5e+06 123456 1.2e-05",
        ),
        ("{{ true }} {{ false }}", "true false"),
    ]);
    check_err(&[
        ("{{ nil }}", "nil is not a command"),
        ("{{ 08 }}", "integer overflow"),
        ("{{ 1x }}", "bad number syntax: \"1x\""),
        ("{{ \"\\q\" }}", "invalid syntax"),
    ]);
}

#[test]
fn variables_and_scope() {
    check(&[
        ("{{ $x := .a }}{{ $x }}", "10"),
        (
            "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}",
            "2",
        ),
        ("{{ $.level }}", "error"),
        (
            "{{ with $x := .level }}{{ $x }}{{ . }}{{ end }}",
            "errorerror",
        ),
        ("{{ $x := 1 }}{{ with .level }}{{ $x }}{{ end }}", "1"),
    ]);
    check_err(&[
        (
            "{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}",
            "undefined variable \"$y\"",
        ),
        ("{{ $x }}", "template: line:1: undefined variable \"$x\""),
    ]);
}

#[test]
fn control_structures() {
    check(&[
        (r#"{{ if eq .level "info" }}I{{ else if eq .level "error" }}E{{ else }}O{{ end }}"#, "E"),
        (r#"{{ if eq .level "info" }}I{{ else if eq .level "x" }}X{{ else }}O{{ end }}"#, "O"),
        ("{{ with .level }}L={{ . }}{{ end }}", "L=error"),
        ("{{ with .nope }}x{{ else }}none{{ end }}", "none"),
        ("{{ with .nope }}x{{ else with .level }}{{ . }}{{ end }}", "error"),
        (r#"{{ range $i, $e := fromJson "[1,\"a\",true]" }}{{ $i }}={{ $e }};{{ end }}"#, "0=1;1=a;2=true;"),
        (r#"{{ range $k, $v := fromJson "{\"b\":2,\"a\":1}" }}{{ $k }}:{{ $v }} {{ end }}"#, "a:1 b:2 "),
        (r#"{{ range fromJson "[]" }}x{{ else }}empty{{ end }}"#, "empty"),
        (r#"{{ range (fromJson .json).tags }}<{{ . }}>{{ end }}"#, "<x><y>"),
        ("{{ range 3 }}{{ . }}{{ end }}", "012"),
        ("{{ range $i := 5 }}{{ if eq $i 3 }}{{ break }}{{ end }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $i }}{{ end }}", "02"),
        ("{{ range $k, $v := . }}{{ $k }}={{ $v }},{{ end }}", "a=10,b=4,json={\"user\":{\"name\":\"bob\"},\"tags\":[\"x\",\"y\"]},level=error,path=a b c d e f,status_code=ok,ts=1673798889,"),
    ]);
    check_err(&[
        ("{{ if .a }}x", "template: line:1: unexpected EOF"),
        ("{{ end }}", "unexpected {{end}}"),
        ("{{ else }}", "unexpected {{else}}"),
        ("{{ break }}", "{{break}} outside {{range}}"),
        ("{{ range .a }}{{ end }}", "range can't iterate over 10"),
        (
            "{{ range $i, $e := 3 }}{{ end }}",
            "can't use 3 to iterate over more than one variable",
        ),
        ("{{ define \"x\" }}{{ end }}", "not supported"),
        ("{{ template \"x\" }}", "not supported"),
    ]);
}

#[test]
fn parse_errors_match_go() {
    let cases = [
        (
            "{{ foo }}",
            "template: line:1: function \"foo\" not defined",
        ),
        (
            "{{ .a } }}",
            "template: line:1: unexpected \"}\" in operand",
        ),
        ("{{ .a ", "template: line:1: unclosed action"),
        ("{{ }}", "template: line:1: missing value for command"),
        (
            "{{ .a | 5 }}",
            "template: line:1: non executable command in pipeline stage 2",
        ),
        ("{{ (.a }}", "template: line:1: unclosed left paren"),
        ("{{ .a) }}", "template: line:1: unexpected \")\" in command"),
        ("a\n{{/* x }}", "template: line:2: unclosed comment"),
        (
            "{{ \"abc }}",
            "template: line:1: unterminated quoted string",
        ),
        (
            "{{ if }}{{ end }}",
            "template: line:1: missing value for if",
        ),
        ("{{ 3.a }}", "template: line:1: bad number syntax: \"3.a\""),
        (
            "{{ \"x\".y }}",
            "template: line:1: unexpected . after term \"\\\"x\\\"\"",
        ),
        ("{{ é€ }}", "template: line:1: bad character U+20AC '€'"),
        (
            "{{ € }}",
            "template: line:1: unrecognized character in action: U+20AC '€'",
        ),
        (
            "{{ .a\n} }}",
            "template: line:2: unexpected \"}\" in operand",
        ),
        ("{{ .a\n  b", "template: line:2: function \"b\" not defined"),
    ];
    for (src, want) in cases {
        match Template::parse(src) {
            Err(TemplateError::Parse(msg)) => assert_eq!(msg, want, "template: {src}"),
            other => panic!("template {src}: expected parse error, got {other:?}"),
        }
    }
    match Template::parse_named("label", "{{ nope }}") {
        Err(e) => assert_eq!(
            e.to_string(),
            "template: label:1: function \"nope\" not defined"
        ),
        Ok(_) => panic!("expected an error"),
    }
}

#[test]
fn exec_errors_match_go() {
    check(&[
        ("{{ div 1 0 }}", "EXEC ERR: template: line:1:3: executing \"line\" at <div 1 0>: error calling div: runtime error: integer divide by zero"),
        ("x\n {{ mod 1 0 }}", "EXEC ERR: template: line:2:4: executing \"line\" at <mod 1 0>: error calling mod: runtime error: integer divide by zero"),
        ("{{ divf 1 0 }}", "EXEC ERR: template: line:1:3: executing \"line\" at <divf 1 0>: error calling divf: decimal division by zero"),
        ("{{ ToUpper 5 }}", "EXEC ERR: template: line:1:11: executing \"line\" at <5>: expected string; found 5"),
        ("{{ trunc .a .a }}", "EXEC ERR: template: line:1:9: executing \"line\" at <.a>: wrong type for value; expected int; got string"),
        ("{{ upper }}", "EXEC ERR: template: line:1:3: executing \"line\" at <upper>: wrong number of args for upper: want 1 got 0"),
        ("{{ .a 1 }}", "EXEC ERR: template: line:1:3: executing \"line\" at <.a>: a is not a method but has arguments"),
        ("{{ 1 | printf \"%d\" | .a }}", "EXEC ERR: template: line:1:21: executing \"line\" at <.a>: a is not a method but has arguments"),
    ]);
    check_err(&[
        (
            "{{ trunc (add 1 2) \"hello\" }}",
            "wrong type for value; expected int; got int64",
        ),
        (
            r#"{{ eq 1 "a" }}"#,
            "error calling eq: incompatible types for comparison",
        ),
        (
            "{{ lt 1 1.5 }}",
            "error calling lt: incompatible types for comparison",
        ),
        (
            "{{ lt true false }}",
            "error calling lt: invalid type for comparison",
        ),
        (
            r#"{{ "%zz" | urldecode }}"#,
            "error calling urldecode: invalid URL escape \"%zz\"",
        ),
        (
            r#"{{ duration "bad" }}"#,
            "error calling duration: time: invalid duration \"bad\"",
        ),
        (
            r#"{{ duration "1" }}"#,
            "time: missing unit in duration \"1\"",
        ),
        (
            r#"{{ duration "1x" }}"#,
            "time: unknown unit \"x\" in duration \"1x\"",
        ),
        (
            r#"{{ bytes "1 XB" }}"#,
            "error calling bytes: unhandled size name: xb",
        ),
        (
            r#"{{ unixToTime "abc" }}"#,
            "unable to parse time 'abc': strconv.ParseInt: parsing \"abc\": invalid syntax",
        ),
        (
            r#"{{ unixToTime "123" }}"#,
            "unable to parse time '123': %!w(<nil>)",
        ),
        (
            r#"{{ regexReplaceAll "(" "x" "y" }}"#,
            "error calling regexReplaceAll: error parsing regexp",
        ),
        (
            r#"{{ index (fromJson "[1]") 3 }}"#,
            "error calling index: index out of range: 3",
        ),
        (
            r#"{{ slice "abc" 2 1 }}"#,
            "error calling slice: invalid slice index: 2 > 1",
        ),
        (r#"{{ len 3 }}"#, "error calling len: len of type int"),
        (
            "{{ and }}",
            "wrong number of args for and: want at least 1 got 0",
        ),
        (
            "{{ $x := 1 }}{{ $x 2 }}",
            "can't give argument to non-function $x",
        ),
    ]);
}

#[test]
fn output_untouched_on_error() {
    let t = Template::parse("abc{{ div 1 0 }}").unwrap();
    let mut out = String::from("keep");
    assert!(t.render(&data(), &mut out).is_err());
    assert_eq!(out, "keep");
    let t = Template::parse("x{{ .a }}").unwrap();
    t.render(&data(), &mut out).unwrap();
    assert_eq!(out, "keepx10");
}

#[test]
fn builtins() {
    check(&[
        (r#"{{ eq .level "info" "error" }}"#, "true"),
        ("{{ eq 1 2 3 1 }}", "true"),
        ("{{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1 2 }}", "true true true true false"),
        ("{{ eq (add 1 1) 2 }}", "true"),
        ("{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" \"x\" }} [{{ or 0 \"\" }}]", "0 2 x []"),
        ("{{ or .nope (fail) }}", "PARSE ERR: template: line:1: function \"fail\" not defined"),
        ("{{ or .level (div 1 0) }}", "error"),
        ("{{ not 0 }} {{ not \"x\" }}", "true false"),
        // Go's parser accepts a trailing pipe symbol.
        ("{{ .a | }}", "10"),
        ("{{ len \"héllo\" }} {{ len (fromJson \"[1,2]\") }} {{ len . }}", "6 2 7"),
        (r#"{{ index (fromJson "[\"a\",\"b\"]") 1 }} {{ index "abc" 1 }} {{ index (fromJson "{\"k\":\"v\"}") "k" }}"#, "b 98 v"),
        (r#"{{ index . "status_code" }} [{{ index . "nope" }}]"#, "ok []"),
        (r#"{{ slice "hello" 1 3 }} {{ slice "hello" 2 }} {{ slice (fromJson "[1,2,3]") 1 }}"#, "el llo [2 3]"),
        ("{{ print 1 2 \"a\" 3 }}", "1 2a3"),
        ("{{ println 1 \"a\" }}", "1 a\n"),
        (r#"{{ html "<a href='x'>&</a>" }}"#, "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"),
        (r#"{{ js "a'b\"<>=" }}"#, "a\\'b\\\"\\u003C\\u003E\\u003D"),
        (r#"{{ urlquery "a b&c=d" }}"#, "a+b%26c%3Dd"),
        ("{{ html .nope 1 }}", "1"),
        ("{{ . }}", "map[a:10 b:4 json:{\"user\":{\"name\":\"bob\"},\"tags\":[\"x\",\"y\"]} level:error path:a b c d e f status_code:ok ts:1673798889]"),
    ]);
}

#[test]
fn printf_verbs() {
    check(&[
        (
            r#"{{ printf "%s-%d-%v-%5s|%-5s|%05d|%x|%q|%t" "a" 42 1.5 "ab" "cd" 42 255 "hi" true }}"#,
            "a-42-1.5-   ab|cd   |00042|ff|\"hi\"|true",
        ),
        (
            r#"{{ printf "%5.1f|%-8.3f|%+d|% d|%x|%X|%o|%b|%c|%U|%08.3f" 3.14159 2.5 5 5 "hi" 255 8 5 65 65 -3.14159 }}"#,
            "  3.1|2.500   |+5| 5|6869|FF|10|101|A|U+0041|-003.142",
        ),
        (r#"{{ printf "%6.2f%%" 12.3456 }}"#, " 12.35%"),
        (
            r#"{{ printf "%.3e|%g|%v|%G|%.3g|%e" 123456.789 1e21 100000000.0 1e-7 3.14159 0.0 }}"#,
            "1.235e+05|1e+21|1e+08|1E-07|3.14|0.000000e+00",
        ),
        (r#"{{ printf "%d" "x" }}"#, "%!d(string=x)"),
        (r#"{{ printf "%d %d" 1 }}"#, "1 %!d(MISSING)"),
        (r#"{{ printf "%d" 1 2 }}"#, "1%!(EXTRA int=2)"),
        (r#"{{ printf "%s" nil }}"#, "%!s(<nil>)"),
        (r#"{{ printf "%v %T %T" nil 1 "s" }}"#, "<nil> int string"),
        (
            r#"{{ printf "%.2s|%8.3s|%-4d|%#x|%#o|%x" "hello" "abcdef" 7 255 8 -255 }}"#,
            "he|     abc|7   |0xff|010|-ff",
        ),
        (
            r#"{{ printf "%*d|%-*d|%.*f" 4 1 3 2 1 3.14159 }}"#,
            "   1|2  |3.1",
        ),
        (r#"{{ printf "%[2]d %[1]d" 1 2 }}"#, "2 1"),
        (
            r#"{{ printf "%v" (fromJson "{\"a\":[1,2],\"b\":null}") }}"#,
            "map[a:[1 2] b:<nil>]",
        ),
        (
            r#"{{ printf "%q|%+q|%x" "é\n" "é" "é" }}"#,
            "\"é\\n\"|\"\\u00e9\"|c3a9",
        ),
        (
            r#"{{ printf "%08.2f|%+.1f|% .1f|%-8.2f|" -1.5 2.25 2.0 1.0 }}"#,
            "-0001.50|+2.2| 2.0|1.00    |",
        ),
        (r#"{{ printf "%v %d" (add 1 2) (int "7") }}"#, "3 7"),
        (
            r#"{{ printf "%t %v" (eq 1 1) __timestamp__ }}"#,
            "true 2023-01-15 16:08:09.902 +0000 UTC",
        ),
        (r#"{{ printf "%" }}"#, "%!(NOVERB)"),
        (r#"{{ printf "%z" 1 }}"#, "%!z(int=1)"),
    ]);
}

#[test]
fn sprig_strings() {
    check(&[
        (
            r#"{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }} {{ b64enc "" }}"#,
            "aGVsbG8= hello ",
        ),
        (
            r#"{{ b64dec "!!" }}"#,
            "illegal base64 data at input byte 0",
        ),
        (
            r#"{{ b64dec "aGk" }}"#,
            "illegal base64 data at input byte 0",
        ),
        (
            r#"{{ trunc 5 "hello world" }}|{{ trunc -5 "hello world" }}|{{ trunc 20 "hi" }}|{{ trunc -20 "hi" }}|{{ trunc 2 "héllo" }}"#,
            "hello|world|hi|hi|hé",
        ),
        (
            r#"{{ substr 0 5 "hello world" }}|{{ substr 6 -1 "hello world" }}|{{ substr -1 3 "hello" }}|{{ substr 3 1 "hello" }}|{{ substr 2 99 "hello" }}|{{ substr 9 12 "hello" }}"#,
            "hello|world|hel||llo|",
        ),
        (
            r#"{{ title "hello wORLD-foo_bar" }}"#,
            "Hello WORLD-Foo_bar",
        ),
        (r#"{{ upper "straße" }} {{ lower "ÀÉÎ" }}"#, "STRAßE àéî"),
        (
            r#"{{ indent 2 "a\nb" }}|{{ nindent 2 "a" }}"#,
            "  a\n  b|\n  a",
        ),
        (r#"{{ repeat 3 "ab" }}"#, "ababab"),
        (
            r#"{{ trim "  x  " }}|{{ trimAll "$" "$5.00$" }}|{{ trimSuffix "-" "hello-" }}|{{ trimPrefix "-" "-hello" }}"#,
            "x|5.00|hello|hello",
        ),
        (
            r#"{{ contains "cat" "catch" }} {{ hasPrefix "cat" "catch" }} {{ hasSuffix "cat" "catch" }}"#,
            "true true false",
        ),
        (
            r#"{{ replace "a" "b" "banana" }}|{{ replace "" "-" "abc" }}"#,
            "bbnbnb|-a-b-c-",
        ),
        (
            r#"{{ Replace "oink oink oink" "k" "ky" 2 }}|{{ Replace "oink oink oink" "oink" "moo" -1 }}"#,
            "oinky oinky oink|moo moo moo",
        ),
        (
            r#"{{ Trim "¡¡¡Hello, Gophers!!!" "!¡" }}|{{ TrimLeft "¡¡¡Hello, Gophers!!!" "!¡" }}|{{ TrimRight "¡¡¡Hello, Gophers!!!" "!¡" }}"#,
            "Hello, Gophers|Hello, Gophers!!!|¡¡¡Hello, Gophers",
        ),
        (
            r#"{{ TrimPrefix "¡¡¡Hello, Gophers!!!" "¡¡¡Hello, " }}|{{ TrimSuffix "¡¡¡Hello, Gophers!!!" ", Gophers!!!" }}|{{ TrimSpace " \t\n Hello, Gophers \n\t\r\n" }}"#,
            "Gophers!!!|¡¡¡Hello|Hello, Gophers",
        ),
        (
            r#"{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}"#,
            "-W-xxW-|-${1}-${1}-|---",
        ),
        (
            r#"{{ $re := "[0-9]+" }}{{ regexReplaceAll $re .path "N" }}{{ count $re "a1b22c333" }}"#,
            "a b c d e f3",
        ),
        (
            r#"{{ default "x" "" }}|{{ default "x" "y" }}|{{ default 5 0 }}|{{ "" | default "d" }}|{{ default "d" (fromJson "bad") }}|{{ default "d" false }}"#,
            "x|y|5|d|d|d",
        ),
    ]);
    check_err(&[
        (r#"{{ repeat -1 "a" }}"#, "strings: negative Repeat count"),
        (r#"{{ repeat 1000000000 "abc" }}"#, "exceeds the"),
        (r#"{{ indent -1 "a" }}"#, "strings: negative Repeat count"),
    ]);
}

#[test]
fn sprig_math() {
    check(&[
        ("{{ add 1 2 }} {{ add \"5\" 2 }} {{ add \"x\" 2 }} {{ add \"1.0\" 1 }} {{ add 1.9 1 }} {{ add }}", "3 7 2 2 2 0"),
        ("{{ add \"0x10\" 0 }} {{ add \"010\" 0 }} {{ add true 1 }} {{ add nil 1 }}", "16 8 2 1"),
        ("{{ sub 5 7 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ div -7 2 }} {{ mod 7 3 }} {{ mod -7 3 }}", "-2 24 3 -3 1 -1"),
        ("{{ addf 0.1 0.2 }} {{ subf 1 0.9 }} {{ mulf 1.1 3 }} {{ divf 10 4 }} {{ divf 1 3 }} {{ addf 1 \"2.5\" }}", "0.3 0.1 3.3 2.5 0.3333333333333333 3.5"),
        ("{{ divf 2 3 }} {{ mulf 1000 1000 }} {{ subf 10 1 2 3 }} {{ addf }}", "0.6666666666666667 1e+06 4 0"),
        ("{{ max 1 5 3 }} {{ min 1 5 3 }} {{ maxf 1.5 2.5 }} {{ minf 1.5 \"0.5\" }} {{ max \"7\" }}", "5 1 2.5 0.5 7"),
        ("{{ ceil 1.2 }} {{ floor 1.8 }} {{ ceil \"-1.5\" }} {{ floor 2 }}", "2 1 -1 2"),
        ("{{ round 3.14159 2 }} {{ round 2.5 0 }} {{ round -1.5 0 }} {{ round 1.45 1 0.6 }} {{ round 123.5555 3 }}", "3.14 3 -2 1.4 123.556"),
        ("{{ int \"42\" }} {{ int \"4.0\" }} {{ int \"abc\" }} {{ int 3.9 }} {{ float64 \"1.5\" }} {{ float64 3 }} {{ float64 \"x\" }}", "42 4 0 3 1.5 3 0"),
        ("{{ trunc (int (add 1 2)) \"hello\" }}", "hel"),
        ("{{ printf \"%.1f\" (mulf (float64 .a) 1.5) }}", "15.0"),
    ]);
}

#[test]
fn dates_and_times() {
    check(&[
        (r#"{{ __timestamp__ | date "Mon Jan _2 15:04:05 MST 2006" }}"#, "Sun Jan 15 16:08:09 UTC 2023"),
        (r#"{{ date "02/01/06 03:04:05 PM .000 .999999 -07:00 Z07:00" __timestamp__ }}"#, "15/01/23 04:08:09 PM .902 .902 +00:00 Z"),
        (r#"{{ date "January Monday 002 __2 1 2 3 4 5 pm" __timestamp__ }}"#, "January Sunday 015  15 1 15 4 8 9 pm"),
        (r#"{{ date "2006-01-02T15:04:05.000000000Z07:00" __timestamp__ }}"#, "2023-01-15T16:08:09.902000000Z"),
        (r#"{{ date "15:04:05,999" __timestamp__ }} {{ date ".9" (unixToTime "1673798889") }}|"#, "16:08:09,902 |"),
        (r#"{{ date "2006-01-02" 86400 }}"#, "1970-01-02"),
        (r#"{{ toDate "2006-01-02" "2024-02-29" | date "2006-01-02 15:04" }}"#, "2024-02-29 00:00"),
        (r#"{{ toDate "2006-01-02" "2023-02-29" | date "2006-01-02" }}"#, "0001-01-01"),
        (r#"{{ toDate "2006-01-02" "garbage" }}"#, "0001-01-01 00:00:00 +0000 UTC"),
        (r#"{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-01T10:00:00+02:00" | unixEpoch }}"#, "1709280000"),
        (r#"{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-01T10:00:00+02:00" }}"#, "2024-03-01 10:00:00 +0200 +0200"),
        (r#"{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-01T10:00:00Z" }}"#, "2024-03-01 10:00:00 +0000 UTC"),
        (r#"{{ toDate "02 Jan 06 15:04 MST" "01 Mar 24 10:00 UTC" | unixEpoch }}"#, "1709287200"),
        (r#"{{ toDate "Jan _2 3:04PM" "Mar  1 1:05PM" }}"#, "0000-03-01 13:05:00 +0000 UTC"),
        (r#"{{ toDate "2006-01-02 15:04:05" "2024-03-01 10:00:00.123" | unixEpochMillis }}"#, "1709287200123"),
        (r#"{{ toDateInZone "2006-01-02 15:04" "Etc/GMT-2" "2024-03-01 10:00" | unixEpoch }}"#, "1709280000"),
        (r#"{{ toDateInZone "2006-01-02 15:04" "Etc/GMT-2" "2024-03-01 10:00" }}"#, "2024-03-01 10:00:00 +0200 +02"),
        (r#"{{ toDateInZone "2006-01-02 15:04" "UTC" "2024-03-01 10:00" | unixEpoch }}"#, "1709287200"),
        (r#"{{ toDateInZone "2006-01-02 15:04" "Not/AZone!" "2024-03-01 10:00" | unixEpoch }}"#, "1709287200"),
        (r#"{{ date "2006-01-02" (unixToTime "19373") }} {{ date "2006-01-02T15:04:05.000" (unixToTime "1673798889902") }}"#, "2023-01-16 2023-01-15T16:08:09.902"),
        (r#"{{ unixToTime "1673798889902000" | unixEpochNanos }} {{ unixToTime "1673798889902000123" | unixEpochNanos }}"#, "1673798889902000000 1673798889902000123"),
        ("{{ __timestamp__.Unix }} {{ (__timestamp__).Format \"2006\" }} {{ __timestamp__.Year }} {{ __timestamp__.Month }}", "1673798889 2023 2023 January"),
        ("{{ (toDate \"2006\" \"x\").IsZero }}", "true"),
        ("{{ now | date \"2006\" | len }}", "4"),
    ]);
    check_err(&[
        (
            r#"{{ toDateInZone "2006" "Europe/Berlin" "2024" }}"#,
            "not supported",
        ),
        (
            "{{ __timestamp__.Nope }}",
            "can't evaluate field Nope in type time.Time",
        ),
        (
            "{{ unixEpoch \"x\" }}",
            "can't handle \"x\" for arg of type time.Time",
        ),
        (
            "{{ unixEpoch .a }}",
            "wrong type for value; expected time.Time; got string",
        ),
    ]);
}

#[test]
fn from_json_values() {
    check(&[
        (r#"{{ (fromJson .json).user.name }}"#, "bob"),
        (r#"{{ (fromJson .json).user.nope }}"#, "<no value>"),
        (
            r#"{{ fromJson "{\"n\":1.5,\"s\":\"\\u00e9\\n\",\"b\":false,\"z\":null}" }}"#,
            "map[b:false n:1.5 s:é\n z:<nil>]",
        ),
        (r#"{{ fromJson "[1, 2.5e3, -0.5]" }}"#, "[1 2500 -0.5]"),
        (r#"[{{ fromJson "{bad" }}]"#, "[<no value>]"),
        (
            r#"{{ with $j := fromJson .json }}{{ index $j.tags 0 }}{{ end }}"#,
            "x",
        ),
    ]);
}

#[test]
fn required_labels_like_loki() {
    let t = Template::parse(
        "{{ .a }}{{ if .b }}{{ .c.d | upper }}{{ end }}{{ range .e }}{{ .a }}{{ end }}",
    )
    .unwrap();
    assert_eq!(t.required_labels(), vec!["a", "b", "c", "d", "e"]);
}

#[test]
fn function_names_cover_loki_docs() {
    let names = Template::function_names();
    for n in [
        "__line__",
        "__timestamp__",
        "ToLower",
        "ToUpper",
        "Replace",
        "Trim",
        "TrimLeft",
        "TrimRight",
        "TrimPrefix",
        "TrimSuffix",
        "TrimSpace",
        "lower",
        "upper",
        "title",
        "trunc",
        "substr",
        "replace",
        "trim",
        "trimAll",
        "trimSuffix",
        "trimPrefix",
        "indent",
        "nindent",
        "repeat",
        "contains",
        "hasPrefix",
        "hasSuffix",
        "regexReplaceAll",
        "regexReplaceAllLiteral",
        "count",
        "urlencode",
        "urldecode",
        "b64enc",
        "b64dec",
        "bytes",
        "duration",
        "duration_seconds",
        "add",
        "sub",
        "mul",
        "div",
        "mod",
        "addf",
        "subf",
        "mulf",
        "divf",
        "max",
        "min",
        "maxf",
        "minf",
        "ceil",
        "floor",
        "round",
        "int",
        "float64",
        "default",
        "fromJson",
        "date",
        "toDate",
        "toDateInZone",
        "now",
        "unixEpoch",
        "unixEpochMillis",
        "unixEpochNanos",
        "unixToTime",
        "alignLeft",
        "alignRight",
        "and",
        "or",
        "not",
        "len",
        "index",
        "print",
        "printf",
        "println",
        "eq",
        "ne",
        "lt",
        "le",
        "gt",
        "ge",
        "html",
        "js",
        "urlquery",
        "slice",
    ] {
        assert!(names.contains(&n), "missing function {n}");
    }
}

#[test]
fn limits() {
    let deep = format!("{{{{ {}1{} }}}}", "(".repeat(300), ")".repeat(300));
    assert!(
        matches!(Template::parse(&deep), Err(TemplateError::Parse(m)) if m.contains("nesting"))
    );
    let deep_if = format!("{}{}", "{{ if true }}".repeat(300), "{{ end }}".repeat(300));
    assert!(Template::parse(&deep_if).is_err());
    let ok = format!("{{{{ {}1{} }}}}", "(".repeat(50), ")".repeat(50));
    assert_eq!(r(&ok), "1");
    check_err(&[
        ("{{ range 1000000000000 }}{{ end }}", "steps"),
        ("{{ range $i := 2000000 }}{{ end }}", "steps"),
        (
            "{{ $s := repeat 1000000 \"x\" }}{{ range 100 }}{{ $s }}{{ end }}",
            "output exceeds",
        ),
        ("{{ repeat 100000 (repeat 100000 \"x\") }}", "exceeds the"),
        (
            r#"{{ replace "" (repeat 1000000 "x") (repeat 100 "y") }}"#,
            "exceeds the",
        ),
        (r#"{{ printf "%2000000d" 1 }}"#, ""),
    ]);
}

/// A tiny deterministic generator for junk templates.
fn junk(seed: &mut u64, len: usize) -> String {
    const ALPHABET: &[&str] = &[
        "{{",
        "}}",
        "{{-",
        "-}}",
        " ",
        "\n",
        ".",
        "$",
        "|",
        "(",
        ")",
        "\"",
        "'",
        "`",
        "a",
        "x",
        "1",
        "-",
        "=",
        ":=",
        ",",
        "/*",
        "*/",
        "if",
        "else",
        "end",
        "range",
        "with",
        "break",
        "printf",
        "\"%d\"",
        "add",
        "index",
        "slice",
        "len",
        ".a",
        "$x",
        "nil",
        "true",
        "é",
        "\\",
        "0x",
        "1e",
        "{{ range $i, $e := fromJson \"[1]\" }}",
        "{{ end }}",
        "div",
        "0",
    ];
    let mut s = String::new();
    for _ in 0..len {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        s.push_str(ALPHABET[((*seed >> 33) as usize) % ALPHABET.len()]);
    }
    s
}

#[test]
fn junk_never_panics() {
    let mut seed = 42u64;
    let d = data();
    for i in 0..4000 {
        let src = junk(&mut seed, 1 + i % 40);
        if let Ok(t) = Template::parse(&src) {
            let mut out = String::new();
            let _ = t.render(&d, &mut out);
        }
    }
    for src in [
        "{{",
        "}}",
        "{{-",
        "{{ '",
        "{{ \"\\x",
        "{{ 0x }}",
        "{{ 1e }}",
        "{{ .a.b.c }}",
        "{{ $ := 1 }}",
        "{{ ( }}",
        "{{ ) }}",
        "{{ range }}",
        "{{ é }}",
        "{{ .é }}",
        "{{ 'ab' }}",
        "{{ '\\u12' }}",
        "{{ \"\\U0011ffff\" }}",
        "{{ 99999999999999999999 }}",
        "{{ -9223372036854775808 }}",
        "{{ 18446744073709551615 }}",
        "{{ .a | printf }}",
        "{{ printf \"%[0]d\" 1 }}",
        "{{ printf \"%[x\" 1 }}",
        "{{ slice \"é\" 1 }}",
        "{{ index \"\" 0 }}",
        "{{ substr -5 -3 \"ab\" }}",
        "{{ b64dec \"a===\" }}",
        "{{ toDate \"Z07:00\" \"+99:99\" }}",
        "{{ toDate \"002\" \"400\" }}",
        "{{ round 1e308 300 }}",
        "{{ unixToTime \"99999\" }}",
        "{{ add \"9223372036854775807\" 1 }}",
        "{{ div -9223372036854775808 -1 }}",
    ] {
        if let Ok(t) = Template::parse(src) {
            let mut out = String::new();
            let _ = t.render(&d, &mut out);
        }
    }
}
