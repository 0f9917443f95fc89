//! The Go formats Loki's behaviour inherits. Loki is written in Go, so the
//! strings it accepts and prints (quoted strings, floats, durations, byte
//! sizes, dates and time layouts) follow Go's standard library; each lives
//! here once so the language core, the template engine, the evaluator and
//! the miner agree.
//!
//! Where two callers need different behaviour on purpose (LogQL's duration
//! tokens take `d`/`w`/`y`, Go's `time.ParseDuration` does not; templates
//! get byte sizes as floats, label filters as integers) the difference is a
//! parameter or a second named function here, never a second copy.

pub mod bytes;
pub mod calendar;
pub mod duration;
pub mod gotime;
pub mod number;
pub mod quote;
pub mod time;
pub mod uuid;
