//! Durations and byte sizes as LogQL reads and prints them. The grammars
//! are Go's and Prometheus' and live in [`goformat`]; they are re-exported
//! here because the AST holds their values (nanoseconds, bytes).

pub use goformat::bytes::{byte_unit_scale, format_bytes};
pub use goformat::duration::*;

/// A byte-size token (`10KB`, `1.5MiB`) as Loki's lexer reads it, with
/// go-humanize's `ParseBytes`.
pub fn parse_bytes(text: &str) -> Option<u64> {
    goformat::bytes::parse_bytes(text).ok()
}
