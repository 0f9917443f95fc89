//! The Go formats Loki's behaviour inherits. Loki is written in Go, so the
//! strings it accepts and prints (quoted strings, durations, byte sizes,
//! dates) follow Go's standard library; each lives here once so the
//! language core, the template engine and the evaluator agree.

pub mod calendar;
