//! Timestamp inference for plain-text logs: the format is worked out from
//! a sample of the file, not looked up in a list.
//!
//! * [`propose`] reads every date/time span in the leading tokens of a line
//!   (and in JSON and logfmt fields) as patterns: field order and
//!   separators, fractions, zones, two-digit and missing years, weekday
//!   and month names, and epoch seconds, ms, µs or ns wherever they sit;
//! * [`choose`] reads the whole sample with each candidate and keeps the
//!   one that reads most lines as times in order (see `pick` there);
//! * [`format::TimeParser`] then reads each line with that one compiled
//!   format: a location lookup and one pass over the pattern, no search.
//!
//! Times without a zone are UTC; a missing year comes from the caller
//! (the file's modification time) and rolls over at Dec→Jan.

mod choose;
mod fields;
mod format;
mod locate;
mod pattern;
mod propose;
mod scan;
mod zone;

pub use choose::{infer, locate, starts_with_time, Inference};
pub(crate) use fields::Fields;
pub use format::{TimeFormat, TimeParser};
pub use locate::Location;
pub use pattern::{Elem, EpochUnit, Pattern, TimeFormatError};
