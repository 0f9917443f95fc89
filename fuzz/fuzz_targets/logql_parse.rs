//! Arbitrary text must never panic the parser, and any query that parses must
//! print to a canonical form that parses back to the same tree.
#![no_main]

use askloki::logql;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(expr) = logql::parse(text) else {
        return;
    };
    let printed = expr.to_string();
    // Loki's own printer is lossy for a few forms (NaN and -0 literals, byte
    // sizes rounded to 0.1 units); those need not re-parse identically.
    let lossy = printed.contains("NaN")
        || printed.contains("-0")
        || format!("{expr:?}").contains("Bytes {");
    match logql::parse(&printed) {
        Ok(again) => {
            if !lossy {
                assert_eq!(expr, again, "round trip changed {printed:?}");
                assert_eq!(again.to_string(), printed, "canonical form is not stable");
            }
        }
        Err(e) if !lossy => panic!("canonical form {printed:?} of {text:?} does not parse: {e}"),
        Err(_) => {}
    }
});
