//! Grounding: each content word of a question is tied to something the
//! data has — a field's value, a field's name, a status class, a word of
//! the messages — or dropped with the reason. Nothing becomes a filter on
//! the strength of the question alone: a word the data does not contain in
//! that sense would silently empty the answer.

use logql::{CmpOp, LabelFilter, MatchOp, Matcher};

use super::catalog::{shape, split_name, Catalog, Field, FieldKind, IPV4, IPV4_WITH_PORT};
use super::understand::{dimension, is_stop, Understanding};
use crate::knowledge::fields::FieldKind as TypedKind;

/// What the question's words are in the data.
#[derive(Debug, Clone, Default)]
pub struct Grounded {
    /// Label filters on parsed fields, all of which must hold.
    pub filters: Vec<LabelFilter>,
    /// Literal text the lines contain (`|=`), as the data writes it.
    pub contains: Vec<String>,
    /// The field to group, rank or count distinct values of.
    pub group_by: Option<String>,
    /// The numeric field an aggregate is over.
    pub measure: Option<String>,
    /// Other fields of the measure's kind, likeliest first: where the
    /// lines the filters select lack the measure, execution picks one.
    pub other_measures: Vec<String>,
    /// Why each word went where it did (for `--explain`).
    pub notes: Vec<String>,
    /// Words of the question found nowhere in the data.
    pub dropped: Vec<String>,
    /// The filters that came from a category word's stem (weaker evidence
    /// than a value written out).
    pub categories: Vec<LabelFilter>,
}

/// A word of the question, with its place.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    lower: String,
    used: bool,
}

/// What the data says besides the sampled fields.
#[derive(Debug, Clone, Default)]
pub struct Evidence<'a> {
    /// Values of the scope's stream labels: a word naming the stream
    /// itself is no filter.
    pub stream_values: &'a [String],
    /// Texts the lines are known to hold (the knowledge base's templates),
    /// with how many lines hold each.
    pub texts: &'a [(String, u64)],
}

/// Ground a question in a scope's fields; the first is the reading that
/// takes each word in its likeliest sense, the others take ambiguous words
/// (a field's value that is also a word of the messages) the other way.
pub fn ground(u: &Understanding, catalog: &Catalog, evidence: &Evidence<'_>) -> Vec<Grounded> {
    let primary = ground_one(u, catalog, evidence, false);
    let mut readings = vec![primary];
    let other = ground_one(u, catalog, evidence, true);
    if other.filters != readings[0].filters || other.contains != readings[0].contains {
        readings.push(other);
    }
    // Without the category filters: a word like "failures" may be the
    // messages' word rather than a level.
    // A reading left with nothing to select lines by answers another
    // question ("any fatal errors?" is not "any lines?").
    let mut relaxed = readings[0].clone();
    relaxed.filters.retain(|f| !relaxed.categories.contains(f));
    let selects = !relaxed.filters.is_empty() || !relaxed.contains.is_empty();
    if relaxed.filters.len() < readings[0].filters.len() && selects {
        relaxed.categories.clear();
        readings.push(relaxed);
    }
    // "The longest settlement batch": of the fields that hold a time, the
    // one the selected lines carry.
    let primary = readings[0].clone();
    for other in primary.other_measures.iter().take(MEASURE_ALTERNATIVES) {
        let mut reading = primary.clone();
        reading.measure = Some(other.clone());
        reading.notes.push(format!(
            "measuring the field {other}, another field of the same kind"
        ));
        readings.push(reading);
    }
    readings
}

/// "Total amount refunded": a count asked with "total" (or "sum of") before
/// a word that names a numeric field of the data is the sum of that field,
/// not a number of lines. The reading with that measure, where the data
/// has such a field.
pub fn total_of_a_field(u: &Understanding, catalog: &Catalog) -> Option<Understanding> {
    use super::understand::{Aggregate, Intent};
    if u.intent != Intent::Count || u.measure.is_some() {
        return None;
    }
    let words: Vec<String> = u
        .question
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let names_numeric = |w: &str| {
        let w = name_base(w);
        catalog
            .fields
            .iter()
            .any(|f| f.is_numeric() && !f.is_status() && f.parts().contains(&w))
    };
    let named = words.iter().enumerate().find_map(|(i, w)| {
        if !matches!(w.as_str(), "total" | "sum") {
            return None;
        }
        let next = words[i + 1..]
            .iter()
            .find(|n| !matches!(n.as_str(), "of" | "the" | "all"))?;
        names_numeric(next).then(|| next.clone())
    })?;
    let mut reading = u.clone();
    reading.intent = Intent::NumericAggregate(Aggregate::Sum);
    reading.measure_words = vec![named.clone()];
    reading.measure = Some(named);
    Some(reading)
}

/// "How many pods did bob delete": a distinct count of a thing no field is
/// named after but a field's value names (`objectRef_resource="pods"`)
/// counts the events on those things, the lines with that value.
pub fn count_of_a_value(u: &Understanding, catalog: &Catalog) -> Option<Understanding> {
    use super::understand::Intent;
    if u.intent != Intent::DistinctCount {
        return None;
    }
    let by = u.by.as_deref()?;
    if catalog.fields.iter().any(|f| name_matches(f, by)) {
        return None;
    }
    category_with(catalog, |f| {
        f.value_like(by).or_else(|| f.value_in_number(by))
    })?;
    let mut reading = u.clone();
    reading.intent = Intent::Count;
    reading.by = None;
    Some(reading)
}

/// How many other fields of a measure's kind are tried where the
/// likeliest is missing from the selected lines.
const MEASURE_ALTERNATIVES: usize = 2;

fn ground_one(
    u: &Understanding,
    catalog: &Catalog,
    evidence: &Evidence<'_>,
    words_over_values: bool,
) -> Grounded {
    let stream_values = evidence.stream_values;
    let mut g = Grounded::default();
    let mut words = words_of(u);
    // The number of things a ranking asks for ("which three targets") is no
    // word of the lines either.
    let k = match u.intent {
        super::understand::Intent::TopK { k } => Some(k as f64),
        _ => None,
    };
    for w in words.iter_mut() {
        if u.time_words.contains(&w.lower) && !w.lower.chars().any(char::is_numeric) {
            w.used = true;
        }
        let spelled_k = !w.lower.chars().any(char::is_numeric)
            && k.is_some()
            && super::understand::count_word(&w.lower) == k;
        if spelled_k {
            w.used = true;
        }
    }
    let mut statuses: Vec<(u16, bool)> = Vec::new(); // (code, joined by "or" to the previous)

    // Status classes and codes, on a field whose values are status codes.
    if let Some(status) = catalog.fields.iter().find(|f| f.is_status()) {
        for i in 0..words.len() {
            let w = words[i].lower.trim_end_matches('s').to_string();
            // "non-2xx", "not 2xx": every status outside the class.
            let (negated, w) = match w.strip_prefix("non-").or_else(|| w.strip_prefix("non")) {
                Some(rest) => (true, rest.to_string()),
                None => (
                    i > 0 && matches!(words[i - 1].lower.as_str(), "non" | "not"),
                    w,
                ),
            };
            let class = w.len() == 3 && w.ends_with("xx") && matches!(w.as_bytes()[0], b'1'..=b'5');
            if class && negated {
                let outside = format!("{}..", &w[..1]);
                g.filters.push(LabelFilter::Matcher(Matcher::new(
                    &status.name,
                    MatchOp::Nre,
                    outside,
                )));
                g.notes.push(format!(
                    "{:?} is {} outside {}",
                    words[i].text, status.name, w
                ));
                words[i].used = true;
            } else if class {
                let lo = f64::from(w.as_bytes()[0] - b'0') * 100.0;
                g.filters
                    .push(range_filter(&status.name, lo, lo + 100.0, status));
                g.notes.push(format!(
                    "{:?} is {} {}..{}",
                    words[i].text,
                    status.name,
                    lo,
                    lo + 99.0
                ));
                words[i].used = true;
            } else if let Ok(code) = w.parse::<u16>() {
                if (100..600).contains(&code) && w.len() == 3 {
                    let joined = i >= 2 && words[i - 1].lower == "or" && !statuses.is_empty();
                    statuses.push((code, joined));
                    words[i].used = true;
                }
            }
        }
        named_statuses(catalog, evidence, &mut words, &mut statuses);
        push_status_filters(&mut g, &status.name, &statuses);
        // "the most non-2xx statuses": the field says which lines; its
        // name in the question is no line filter.
        if !g.filters.is_empty() {
            let parts = split_name(&status.name);
            for w in words.iter_mut() {
                let plural =
                    |p: &String| [p.clone(), format!("{p}s"), format!("{p}es")].contains(&w.lower);
                if parts.iter().any(plural) {
                    w.used = true;
                }
            }
        }
    }

    // Values: a word that is a field's value (or has the shape of one).
    // A common word written as the data writes a value ("GET") is the value.
    let written_value = |w: &Word| {
        w.text.chars().any(char::is_uppercase)
            && catalog
                .fields
                .iter()
                .any(|f| f.values.contains_key(&w.text))
    };
    for w in words
        .iter_mut()
        .filter(|w| !w.used && (!is_stop(&w.lower) || written_value(w)))
    {
        if stream_values.iter().any(|v| names_stream(v, &w.lower)) {
            w.used = true;
            g.notes
                .push(format!("{:?} names the stream itself: no filter", w.text));
            continue;
        }
        if words_over_values && message_form(catalog, evidence, &w.lower).is_some() {
            continue;
        }
        // "Which user had the most failed logins": the word that names the
        // field is no value of it, whatever a line holds.
        let names_own_field = |f: &Field| {
            f.name.eq_ignore_ascii_case(&w.lower)
                && (u.by.as_deref() == Some(w.lower.as_str())
                    || matches!(
                        u.intent,
                        super::understand::Intent::TopK { .. }
                            | super::understand::Intent::DistinctCount
                    ))
        };
        if let Some((field, value)) =
            value_field(catalog, &w.text).filter(|(f, _)| !names_own_field(f))
        {
            g.filters
                .push(LabelFilter::Matcher(value_matcher(field, value)));
            g.notes.push(format!(
                "{:?} is a value of the field {}",
                w.text, field.name
            ));
            w.used = true;
        }
    }

    // Field names: what to group by, and what to measure.
    let wants_group = matches!(
        u.intent,
        super::understand::Intent::TopK { .. } | super::understand::Intent::DistinctCount
    );
    let by_words: Vec<String> = match &u.by {
        Some(by) => vec![by.clone()],
        // "Which payment provider…": the words that name a field, in order;
        // the head of the first phrase first where it is a field's whole
        // name ("scrape targets" are `target`'s values, not `scrape_pool`'s).
        None if wants_group => {
            let free: Vec<usize> = (0..words.len())
                .filter(|&i| !words[i].used && !is_stop(&words[i].lower))
                .collect();
            let mut named: Vec<String> = free.iter().map(|&i| words[i].lower.clone()).collect();
            let verb_like = |w: &str| w.ends_with("ed") || w.ends_with("ing");
            let phrase = free
                .iter()
                .enumerate()
                .take_while(|(k, &i)| {
                    *k == 0 || (i == free[k - 1] + 1 && !verb_like(&words[i].lower))
                })
                .count();
            if phrase >= 2 {
                let head = &named[phrase - 1];
                let base = name_base(head);
                let whole = catalog.fields.iter().any(|f| {
                    f.name.eq_ignore_ascii_case(head) || f.name.eq_ignore_ascii_case(&base)
                });
                if whole {
                    let head = named.remove(phrase - 1);
                    named.insert(0, head);
                }
            }
            named
        }
        None => Vec::new(),
    };
    // Lines counted per value of an id are one each: no ranking by lines.
    let counting = matches!(u.intent, super::understand::Intent::TopK { .. })
        && u.measure.is_none()
        && super::understand::named_statistic(&u.question).is_none();
    for by in &by_words {
        g.group_by = group_field(catalog, by, &words)
            .filter(|f| !(counting && catalog.field(f).is_some_and(|f| f.unique_per_line())));
        if let Some(f) = &g.group_by {
            g.notes
                .push(format!("grouping by the field {f} (the question's {by:?})"));
            mark_name_words(&mut words, f);
            mark_shortened_words(&mut words, f);
            // The phrase that named the grouping ("client addresses" for
            // `ip`) names the field, not the lines.
            if u.by.as_deref() == Some(by.as_str()) {
                for w in words.iter_mut() {
                    if u.by_words.contains(&w.lower) {
                        w.used = true;
                    }
                }
            }
            break;
        }
    }
    if u.measure.is_some() || matches!(u.intent, super::understand::Intent::NumericAggregate(_)) {
        // The measure is read on the lines the grouping and filters keep.
        let mut with: Vec<String> = g.group_by.iter().cloned().collect();
        with.extend(
            g.filters
                .iter()
                .flat_map(LabelFilter::names)
                .map(str::to_string),
        );
        let mut ranked = measure_fields(catalog, u.measure.as_deref(), &words, &with).into_iter();
        g.measure = ranked.next();
        g.other_measures = ranked.collect();
        if let Some(f) = &g.measure {
            g.notes.push(format!("measuring the field {f}"));
            if crate::knowledge::fields::is_unnamed_column(f) {
                g.notes.push(format!(
                    "{f} is the access log's unnamed trailing number, read as the request time \
                     in the unit the server writes (microseconds for %D, seconds for $request_time)"
                ));
            }
            mark_name_words(&mut words, f);
            // "request latency": the words that named the measure name it,
            // not the lines (a filter on "request" drops lines that carry it).
            for w in words.iter_mut() {
                if u.measure_words.contains(&w.lower) {
                    w.used = true;
                }
            }
        }
    }

    // "Longer than 10 seconds": a filter on the quantity's field, in the
    // field's unit.
    if let Some(t) = super::threshold::threshold(&u.question) {
        if let Some((field, filter)) = threshold_filter(catalog, u, &words, &t) {
            g.notes
                .push(format!("{:?} is the filter {filter}", t.words.join(" ")));
            g.filters.push(filter);
            mark_name_words(&mut words, &field);
            for w in words.iter_mut() {
                if t.words.contains(&w.lower) {
                    w.used = true;
                }
            }
        }
    }

    // Addresses and identifiers no field holds as a value: the lines
    // hold them as written (`"remote":"10.2.0.55:51234"`).
    let e = &u.entities;
    for w in words.iter_mut().filter(|w| !w.used) {
        let named = e
            .ips
            .iter()
            .chain(&e.ids)
            .chain(&e.hosts)
            .chain(&e.paths)
            .any(|v| *v == w.text);
        if named {
            g.notes
                .push(format!("{:?} is matched in the lines as written", w.text));
            g.contains.push(w.text.clone());
            w.used = true;
        }
    }

    // A status code no status field holds: as the values write it inside
    // a text (`TCP_DENIED/403`), with the character before it.
    for w in words.iter_mut().filter(|w| !w.used) {
        let Ok(code) = w.lower.parse::<u16>() else {
            continue;
        };
        if !e.status_codes.contains(&code) {
            continue;
        }
        if let Some(written) = code_as_written(catalog, &w.lower) {
            g.notes
                .push(format!("{:?} is in the lines as {written:?}", w.text));
            g.contains.push(written);
            w.used = true;
        }
    }

    // "How many requests returned 429": where fields already say which
    // lines, the counted noun names what every line is, not a filter.
    if g.filters.len() > g.categories.len() {
        if let Some(i) = counted_noun(&words) {
            g.notes.push(format!(
                "{:?} is what is counted; the fields say which lines",
                words[i].text
            ));
            words[i].used = true;
        }
    }

    // Words the messages write joined by hyphens ("out of order" →
    // `out-of-order`): the joined form, little words and all.
    for i in 0..words.len() {
        for n in [3, 2] {
            let Some(run) = words.get(i..i + n) else {
                continue;
            };
            let plain = |w: &Word| !w.used && w.lower.chars().all(char::is_alphabetic);
            if !run.iter().all(plain) {
                continue;
            }
            let joined = run
                .iter()
                .map(|w| w.lower.as_str())
                .collect::<Vec<_>>()
                .join("-");
            if let Some(form) = hyphenated_form(catalog, evidence, &joined) {
                g.notes.push(format!(
                    "{:?} is in the messages as {form:?}",
                    run.iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
                g.contains.push(form);
                for w in &mut words[i..i + n] {
                    w.used = true;
                }
                break;
            }
        }
    }

    // What is left: words of the messages.
    let mut last_category: Option<usize> = None;
    for i in 0..words.len() {
        let w = &words[i];
        if w.used || is_stop(&w.lower) || !w.lower.chars().any(char::is_alphabetic) {
            continue;
        }
        // Two words the messages write as one ("timing out" → "timeout").
        if let Some(next) = words.get(i + 1).filter(|n| !n.used) {
            if let Some(form) = compound_form(catalog, evidence, &w.lower, &next.lower) {
                g.notes.push(format!(
                    "{:?} is in the messages as {form:?}",
                    format!("{} {}", w.text, next.text)
                ));
                g.contains.push(form);
                words[i + 1].used = true;
                continue;
            }
        }
        // A category word ("errors" → level="error") before a text word,
        // unless this reading takes words as the messages write them.
        let as_text = words_over_values && message_form(catalog, evidence, &w.lower).is_some();
        if let Some((f, v)) = category_value(catalog, &w.lower).filter(|_| !as_text) {
            // "Fatal errors": the first level word qualifies the second.
            let same_field =
                |c: &LabelFilter| matches!(c, LabelFilter::Matcher(m) if m.name == f.name);
            let after_category = i > 0 && last_category == Some(i - 1);
            if after_category && g.categories.iter().any(same_field) {
                g.notes
                    .push(format!("{:?} is qualified by the level before it", w.text));
                continue;
            }
            // "warnings or errors": one filter that takes either level.
            let joined = i >= 2 && words[i - 1].lower == "or" && last_category == Some(i - 2);
            if let Some(at) = g.filters.iter().rposition(same_field).filter(|_| joined) {
                if let Some(either) = either_value(&g.filters[at], &v) {
                    if let Some(c) = g.categories.iter_mut().rfind(|c| **c == g.filters[at]) {
                        *c = either.clone();
                    }
                    g.notes
                        .push(format!("{:?} is also the {} {v:?}", w.text, f.name));
                    g.filters[at] = either;
                    last_category = Some(i);
                    continue;
                }
            }
            last_category = Some(i);
            g.notes
                .push(format!("{:?} is the {} {v:?}", w.text, f.name));
            let filter = LabelFilter::Matcher(Matcher::new(&f.name, MatchOp::Eq, v.clone()));
            g.categories.push(filter.clone());
            g.filters.push(filter);
            // "errors … journal priority err": the words that name the
            // field filtered on, or the same value again, say nothing more.
            let name = f.name.clone();
            mark_name_words(&mut words[i + 1..], &name);
            for later in words[i + 1..].iter_mut() {
                let same = category_value(catalog, &later.lower)
                    .is_some_and(|(g, value)| g.name == name && value == v);
                if same {
                    later.used = true;
                }
            }
            continue;
        }
        if let Some(share) = ubiquitous(catalog, evidence, &w.lower) {
            g.notes.push(format!(
                "{:?} is in nearly every line ({:.0}%): no filter",
                w.text,
                share * 100.0
            ));
            continue;
        }
        match message_form(catalog, evidence, &w.lower) {
            Some(form) => {
                // "hit the rate limit": a word the question and the messages
                // both write beside this one makes the filter a phrase.
                let beside = [i.checked_sub(1), Some(i + 1)].map(|j| j.and_then(|j| words.get(j)));
                let phrase = match beside {
                    [Some(prev), _] if phrase_word(prev) => {
                        usual_phrase(catalog, evidence, &prev.lower, &form, true)
                    }
                    _ => None,
                }
                .or_else(|| match beside {
                    [_, Some(next)] if phrase_word(next) => {
                        usual_phrase(catalog, evidence, &next.lower, &form, false)
                    }
                    _ => None,
                });
                let form = phrase.unwrap_or(form);
                g.notes
                    .push(format!("{:?} is in the messages as {form:?}", w.text));
                g.contains.push(form);
            }
            None => {
                // "open" where the messages say "accepted": a word logs use
                // for it, where the data has one.
                let other = crate::retrieve::terms_of(&w.lower)
                    .first()
                    .and_then(|term| {
                        super::select::synonyms(term)
                            .find_map(|alt| message_form(catalog, evidence, alt))
                    });
                match other {
                    Some(form) => {
                        g.notes.push(format!(
                            "{:?} is in the messages as {form:?}, a word for it",
                            w.text
                        ));
                        g.contains.push(form);
                    }
                    None => {
                        g.notes
                            .push(format!("{:?} is nowhere in the data: dropped", w.text));
                        g.dropped.push(w.lower.clone());
                    }
                }
            }
        }
    }
    merge_phrases(catalog, evidence, &mut g.contains);
    g
}

/// A code as the values of a text field write it after a separator
/// (`/403` of `TCP_DENIED/403`): the separator and the code, when every
/// value holding the code as a token writes the same one before it.
fn code_as_written(catalog: &Catalog, code: &str) -> Option<String> {
    let mut found: Option<char> = None;
    for f in catalog.fields.iter().filter(|f| !f.stream) {
        for v in f.values.keys() {
            for at in super::anchor::whole_matches(v, code) {
                let Some(sep) = v[..at].chars().next_back().filter(|c| !c.is_whitespace()) else {
                    continue;
                };
                match found {
                    Some(s) if s != sep => return None,
                    _ => found = Some(sep),
                }
            }
        }
    }
    found.map(|sep| format!("{sep}{code}"))
}

/// The words of the question that, side by side, spell a stream label's
/// value ("error log" of `log="error_log"`, "access log" of `access-log`):
/// together they name the stream, even where one alone is a level word.
pub(crate) fn stream_phrase_words(question: &str, values: &[&str]) -> Vec<String> {
    let words: Vec<String> = question
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out = Vec::new();
    for pair in words.windows(2) {
        let spelled = |joiner: &str| format!("{}{joiner}{}", pair[0], pair[1]);
        let named = values.iter().any(|v| {
            let v = v.to_lowercase();
            ["_", "-", ""].iter().any(|j| v == spelled(j))
        });
        if named {
            out.extend(pair.iter().cloned());
        }
    }
    out
}

/// A word naming a stream label's value: the value, one of its parts
/// (`mongo` of `mongo-0`) or either short of a few letters (`mongo` of
/// `mongodb` or of `mongod.jsonl`, `payment` of `payments`). A file's
/// extension is not part of its name. Level words are levels even where
/// a label says `error_log`.
pub(crate) fn names_stream(value: &str, word: &str) -> bool {
    if level_named(word).is_some() {
        return false;
    }
    let value = value.to_lowercase();
    let extends = |name: &str| {
        name.strip_prefix(word).is_some_and(|rest| {
            word.len() >= 4 && rest.len() <= 3 && rest.chars().all(|c| c.is_ascii_alphanumeric())
        })
    };
    // A part short of fewer letters: `check` is no name of `checkout-api`.
    let part_extends = |part: &str| {
        part.strip_prefix(word)
            .is_some_and(|rest| word.len() >= 4 && rest.len() <= 2)
    };
    let stem = without_extensions(&value);
    value == word
        || stem == word
        || extends(stem)
        || stem
            .split(['-', '_', '.', '/'])
            .any(|p| p.len() >= 3 && (p == word || part_extends(p)))
}

/// A file name short of its extensions (`api.log.gz` → `api`): the
/// trailing dotted parts of up to five letters or digits.
fn without_extensions(name: &str) -> &str {
    let mut stem = name;
    while let Some((head, ext)) = stem.rsplit_once('.') {
        let is_extension = !head.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric());
        if !is_extension {
            break;
        }
        stem = head;
    }
    stem
}

/// The field a threshold is on, and the filter written in its unit: a
/// time on a duration field, a size on a bytes field, a bare number on
/// the field the question names.
fn threshold_filter(
    catalog: &Catalog,
    u: &Understanding,
    words: &[Word],
    t: &super::threshold::Threshold,
) -> Option<(String, LabelFilter)> {
    use super::threshold::Unit;
    let measure = match t.unit {
        Some(Unit::Time(_)) => u.measure.as_deref().or(Some("duration")),
        Some(Unit::Bytes(_)) => Some("bytes"),
        None => u.measure.as_deref(),
    };
    let name = match measure {
        Some(m) => measure_field(catalog, Some(m), words)?,
        // "more than 3 retries": the field the word after the number names.
        None => {
            let after = t.words.last()?;
            let i = words.iter().position(|w| &w.lower == after)?;
            let next = words.get(i + 1)?;
            catalog
                .fields
                .iter()
                .find(|f| f.is_numeric() && !f.is_status() && name_matches(f, &next.lower))?
                .name
                .clone()
        }
    };
    let field = catalog.field(&name)?;
    use super::threshold::Written;
    let written = match (field.kind, field.typed) {
        (FieldKind::Duration, _) => Written::GoDuration,
        (
            _,
            Some(TypedKind::Duration {
                unit,
                suffixed: false,
            }),
        ) => Written::TimeIn(unit),
        (_, Some(TypedKind::Bytes { suffixed: true })) => Written::SuffixedBytes,
        (FieldKind::Number, Some(TypedKind::Bytes { suffixed: false })) => Written::Bytes,
        (FieldKind::Number, _) => Written::Plain,
        _ => return None,
    };
    // A time on numbers of no known unit: no guess.
    let filter = t.filter(&name, written, false)?;
    Some((name, filter))
}

/// The noun after "how many" or "number of", if it is still free.
fn counted_noun(words: &[Word]) -> Option<usize> {
    let i = words.windows(2).position(|w| {
        (w[0].lower == "how" && w[1].lower == "many")
            || (w[0].lower == "number" && w[1].lower == "of")
    })? + 2;
    // "number of failed jobs": the noun, past a participle that qualifies it.
    let participle = |w: &Word| super::understand::is_participle(&w.lower);
    let i = if words.get(i).is_some_and(participle) {
        i + 1
    } else {
        i
    };
    let w = words.get(i)?;
    (!w.used && !is_stop(&w.lower) && w.lower.chars().all(char::is_alphabetic)).then_some(i)
}

/// The question's words, punctuation around them trimmed (inner dots,
/// dashes and slashes stay: `checkout-api`, `/api/v1`, `10.0.0.7`).
fn words_of(u: &Understanding) -> Vec<Word> {
    u.question
        .split_whitespace()
        // "(re)start": the word without its optional part, as understanding reads it.
        .map(|t| {
            super::understand::optional_base(t.trim_end_matches(['?', '!', ',', '.', ';', ':']))
                .unwrap_or(t)
        })
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '_'))
        .map(|t| t.trim_end_matches('/'))
        // "the controller's warnings": the possessive is the noun.
        .map(|t| t.strip_suffix("'s").or(t.strip_suffix("’s")).unwrap_or(t))
        .filter(|t| !t.is_empty())
        .map(|t| Word {
            text: t.to_string(),
            lower: t.to_lowercase(),
            used: false,
        })
        .collect()
}

/// `status >= 500`, with the upper bound only where the data goes past it
/// (an expert writes `status >= 500` for 5xx, not a two-sided range).
fn range_filter(name: &str, lo: f64, hi: f64, field: &Field) -> LabelFilter {
    let low = LabelFilter::Number {
        name: name.to_string(),
        op: CmpOp::Gte,
        value: lo,
    };
    if field.max < hi {
        return low;
    }
    LabelFilter::And(
        Box::new(low),
        Box::new(LabelFilter::Number {
            name: name.to_string(),
            op: CmpOp::Lt,
            value: hi,
        }),
    )
}

/// Status codes named one by one: codes joined by "or" become one `or`
/// filter ("502 or 504"), the others each their own.
/// Statuses named by their meaning ("throttled" → 429), where the
/// messages do not say the words themselves (a log that writes "rate limit
/// exceeded" is searched for that).
fn named_statuses(
    catalog: &Catalog,
    evidence: &Evidence<'_>,
    words: &mut [Word],
    statuses: &mut Vec<(u16, bool)>,
) {
    let mut i = 0;
    while i < words.len() {
        let rest: Vec<&str> = words[i..].iter().map(|w| w.lower.as_str()).collect();
        let named = super::status_words::named_status(&rest).filter(|(_, n)| {
            let run = &words[i..i + n];
            run.iter().all(|w| !w.used)
                && run
                    .iter()
                    .filter(|w| !is_stop(&w.lower))
                    .all(|w| message_form(catalog, evidence, &w.lower).is_none())
        });
        match named {
            Some((code, n)) => {
                let joined = i >= 1 && words[i - 1].lower == "or" && !statuses.is_empty();
                statuses.push((code, joined));
                for w in &mut words[i..i + n] {
                    w.used = true;
                }
                i += n;
            }
            None => i += 1,
        }
    }
}

fn push_status_filters(g: &mut Grounded, name: &str, statuses: &[(u16, bool)]) {
    let eq = |code: u16| LabelFilter::Number {
        name: name.to_string(),
        op: CmpOp::Eq,
        value: f64::from(code),
    };
    let mut current: Option<LabelFilter> = None;
    for &(code, joined) in statuses {
        current = match (current.take(), joined) {
            (Some(prev), true) => Some(LabelFilter::Or(Box::new(prev), Box::new(eq(code)))),
            (Some(prev), false) => {
                g.filters.push(prev);
                Some(eq(code))
            }
            (None, _) => Some(eq(code)),
        };
        g.notes.push(format!("{code} is a value of {name}"));
    }
    g.filters.extend(current);
}

/// A category filter widened to take one more value: `level="warn"` and
/// "error" make `level=~"warn|error"`.
fn either_value(filter: &LabelFilter, value: &str) -> Option<LabelFilter> {
    let LabelFilter::Matcher(m) = filter else {
        return None;
    };
    let alternatives = match m.op {
        MatchOp::Eq => regex::escape(&m.value),
        MatchOp::Re => m.value.clone(),
        MatchOp::Neq | MatchOp::Nre => return None,
    };
    let value = format!("{alternatives}|{}", regex::escape(value));
    Some(LabelFilter::Matcher(Matcher::new(
        &m.name,
        MatchOp::Re,
        value,
    )))
}

/// A value of a small category (a level, a method) that a word names by
/// its stem: "errors" → `level="error"`. The value must be one word and
/// the only one of its field the word names ("charge" names none of
/// `charge.failed`, `charge.refunded`).
fn category_value<'c>(catalog: &'c Catalog, word: &str) -> Option<(&'c Field, String)> {
    severity_value(catalog, word)
        .or_else(|| numeric_severity(catalog, word))
        .or_else(|| letter_severity(catalog, word))
        .or_else(|| named_category(catalog, word))
}

/// A level word ("errors", "warnings") in a field whose values are levels
/// (`level`, `severity`), before any other field that happens to have a
/// value like it (`err.type="Error"`).
fn severity_value<'c>(catalog: &'c Catalog, word: &str) -> Option<(&'c Field, String)> {
    use crate::analyze::severity::Level;
    let level = level_named(word)?;
    catalog
        .fields
        .iter()
        .filter(|f| !f.free_text && f.values.len() <= 12)
        .filter(|f| {
            f.values
                .keys()
                .filter(|v| Level::parse(v).is_some())
                .count()
                >= 2
        })
        .find_map(|f| {
            let mut same = f
                .values
                .iter()
                .filter(|(v, _)| v.len() >= 3 && Level::parse(v) == Some(level));
            // The most frequent spelling where a field has two ("ERROR", "error").
            let first = same.next()?;
            let best = same.fold(first, |a, b| if b.1 > a.1 { b } else { a });
            Some((f, best.0.clone()))
        })
}

/// The level a word names by the level's own name ("errors", "warning");
/// "failures" or "alerts" are words of the messages more often than levels.
fn level_named(word: &str) -> Option<crate::analyze::severity::Level> {
    const NAMES: &[&str] = &[
        "trace", "debug", "info", "warn", "warning", "error", "fatal", "critical",
    ];
    let singular = word.trim_end_matches('s');
    let name = NAMES.iter().find(|n| **n == word || **n == singular)?;
    crate::analyze::severity::Level::parse(name)
}

/// A word that is one of a field's few values ("declined" in a status).
fn named_category<'c>(catalog: &'c Catalog, word: &str) -> Option<(&'c Field, String)> {
    catalog
        .fields
        .iter()
        .filter(|f| !f.free_text && !f.high_cardinality && f.values.len() <= 12)
        .find_map(|f| {
            let mut named = f.values.keys().filter(|v| {
                v.len() >= 3
                    && v.chars().all(char::is_alphanumeric)
                    && stem_match(word, &v.to_lowercase())
            });
            match (named.next(), named.next()) {
                (Some(v), None) => Some((f, v.clone())),
                _ => None,
            }
        })
}

/// Severities written as one letter (`"s":"E"`, klog's `E1206`): the
/// letter of the level the word names, in a field of such letters.
fn letter_severity<'c>(catalog: &'c Catalog, word: &str) -> Option<(&'c Field, String)> {
    use crate::analyze::severity::Level;
    let level = level_named(word)?;
    catalog
        .fields
        .iter()
        .filter(|f| {
            f.values.len() >= 2
                // `I`, `W`, `E`; MongoDB writes debug as `D1`..`D5`.
                && f.values.keys().all(|v| {
                    let mut c = v.chars();
                    c.next().is_some_and(|c| c.is_ascii_uppercase())
                        && c.as_str().len() <= 1
                        && c.all(|c| c.is_ascii_digit())
                })
        })
        .find_map(|f| {
            if let Some(v) = f.values.keys().find(|v| Level::parse(v) == Some(level)) {
                return Some((f, v.clone()));
            }
            // A rare level the sample missed: its initial, where the
            // field's other letters read as levels too.
            let levels = f
                .values
                .keys()
                .filter(|v| Level::parse(v).is_some())
                .count();
            let initial = format!("{level:?}").chars().next()?.to_string();
            (levels >= 2 && Level::parse(&initial) == Some(level)).then_some((f, initial))
        })
}

/// A numeric severity scale: the level names with their numbers, the
/// words a field's name holds, and which numbers the scale has.
struct SeverityScale {
    levels: &'static [(&'static str, u32)],
    field_words: &'static [&'static str],
    holds: fn(u32) -> bool,
}

/// Node's pino and bunyan (`"level":50` is an error): a level field whose
/// values are all tens from 10 to 60.
const PINO: SeverityScale = SeverityScale {
    levels: &[
        ("trace", 10),
        ("debug", 20),
        ("info", 30),
        ("warn", 40),
        ("warning", 40),
        ("error", 50),
        ("fatal", 60),
    ],
    field_words: &["level", "severity"],
    holds: |n| n % 10 == 0 && (10..=60).contains(&n),
};

/// Syslog's (RFC 5424; journald's `PRIORITY`): a priority, severity or
/// level field whose values are all from 0 to 7; "errors" is 3.
const SYSLOG: SeverityScale = SeverityScale {
    levels: &[
        ("emergency", 0),
        ("alert", 1),
        ("critical", 2),
        ("crit", 2),
        ("error", 3),
        ("err", 3),
        ("warning", 4),
        ("warn", 4),
        ("notice", 5),
        ("info", 6),
        ("debug", 7),
    ],
    field_words: &["priority", "severity", "level"],
    holds: |n| n <= 7,
};

/// Severities written as numbers on a known scale: the number of the
/// level a word names, in a field whose values all sit on the scale.
fn numeric_severity<'c>(catalog: &'c Catalog, word: &str) -> Option<(&'c Field, String)> {
    [PINO, SYSLOG].iter().find_map(|scale| {
        let level = scale
            .levels
            .iter()
            .find(|(name, _)| stem_match(word, name))
            .map(|(_, n)| *n)?;
        catalog
            .fields
            .iter()
            .filter(|f| {
                let name = f.name.to_lowercase();
                scale.field_words.iter().any(|n| name.contains(n))
            })
            .find(|f| {
                !f.values.is_empty()
                    && f.values
                        .keys()
                        .all(|v| v.parse::<u32>().is_ok_and(scale.holds))
            })
            .map(|f| (f, level.to_string()))
    })
}

/// The text field with the fewest values where `value` finds one, and
/// that value.
fn category_with<'c>(
    catalog: &'c Catalog,
    value: impl Fn(&'c Field) -> Option<&'c str>,
) -> Option<(&'c Field, String)> {
    catalog
        .fields
        .iter()
        .filter(|f| !f.free_text && f.kind == FieldKind::Text)
        .filter_map(|f| value(f).map(|v| (f, v.to_string())))
        .min_by_key(|(f, _)| f.values.len())
}

/// The field a word is a value of: an observed value first, else a field
/// whose values share the word's shape (`u-1337` and `u-42`).
fn value_field<'c>(catalog: &'c Catalog, word: &str) -> Option<(&'c Field, String)> {
    let exact = category_with(catalog, |f| f.value_like(word));
    if exact.is_some() {
        return exact;
    }
    // In the other number; a level word stays a level ("errors").
    if level_named(word).is_none() {
        let in_number = category_with(catalog, |f| f.value_in_number(word));
        if in_number.is_some() {
            return in_number;
        }
    }
    // Shapes only for words that look like identifiers or addresses, not
    // quantities ("p95", "5xx", "2s").
    if super::anchor::is_quantity(word) {
        return None;
    }
    let s = shape(word);
    let distinctive =
        word.chars().any(|c| c.is_ascii_digit()) && word.len() >= 3 || word.starts_with('/');
    if !distinctive {
        return None;
    }
    catalog
        .fields
        .iter()
        // A stream label's values are all known: a shape is no value.
        .filter(|f| !f.free_text && f.kind == FieldKind::Text && !f.stream)
        .map(|f| (f, path_share(f, word).max(f.shape_share(&s))))
        .filter(|(_, share)| *share >= 0.3)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(f, _)| (f, word.to_string()))
}

/// For a path, the share of a field's values that are paths.
/// The matcher for a value a word names: `="…"`, or for a path whose
/// lines carry query strings (`/search?q=…`), the path with any query
/// (`=~"/search(\?.*)?"`), as the user means the path.
fn value_matcher(field: &Field, value: String) -> Matcher {
    // A route written with placeholders (`/api/products/<id>`, `{id}`,
    // `:id`, `*`) that no line writes so: any one segment in their place.
    if !field.values.contains_key(&value) {
        if let Some(pattern) = route_pattern(&value) {
            return Matcher::new(&field.name, MatchOp::Re, pattern);
        }
    }
    let with_query = format!("{value}?");
    let queried = value.starts_with('/') && field.values.keys().any(|v| v.starts_with(&with_query));
    if queried {
        let pattern = format!(r"{}(\?.*)?", regex::escape(&value));
        return Matcher::new(&field.name, MatchOp::Re, pattern);
    }
    Matcher::new(&field.name, MatchOp::Eq, value)
}

/// The regex of a path with placeholder segments, the query string
/// allowed; None when no segment is a placeholder.
fn route_pattern(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        return None;
    }
    let placeholder = |seg: &str| {
        seg == "*" || (seg.len() > 1 && (seg.starts_with(['<', '{']) || seg.starts_with(':')))
    };
    let segments: Vec<&str> = path.split('/').collect();
    if !segments.iter().any(|s| placeholder(s)) {
        return None;
    }
    let body: Vec<String> = segments
        .iter()
        .map(|s| {
            if placeholder(s) {
                "[^/?]+".to_string()
            } else {
                regex::escape(s)
            }
        })
        .collect();
    Some(format!(r"{}(\?.*)?", body.join("/")))
}

fn path_share(f: &Field, word: &str) -> f64 {
    if !word.starts_with('/') || f.values.is_empty() {
        return 0.0;
    }
    let paths = f.values.keys().filter(|v| v.starts_with('/')).count();
    paths as f64 / f.values.len() as f64
}

/// A question word as a field name writes it: without its plural ending
/// ("bodies" → "body", "errors" → "error").
pub(crate) fn name_base(word: &str) -> String {
    match word.strip_suffix("ies") {
        Some(stem) if stem.len() >= 2 => format!("{stem}y"),
        _ => word.trim_end_matches('s').to_string(),
    }
}

/// Two words are one when they share a stem: a common prefix of five
/// letters, or of four when little else differs ("failures"/"failed").
pub fn stem_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    if shorter < 3 {
        return false;
    }
    common >= 5 || (common >= 4 && common + 3 >= shorter) || (common == shorter && shorter >= 3)
}

fn name_matches(f: &Field, word: &str) -> bool {
    let word = &name_base(word);
    f.parts().iter().any(|p| part_named(p, word))
}

/// A part of a field's name that `base` (a word through [`name_base`])
/// names.
fn part_named(part: &str, base: &str) -> bool {
    part.len() >= 2 && (stem_match(base, part) || part == base)
}

/// A field's name read as question words run together or shortened:
/// `dstport` is "destination ports", `srcaddr` "source address". `by` is
/// one of the words, and the name is read in at least two pieces.
fn spelled_by(f: &Field, by: &str, words: &[Word]) -> bool {
    let name: String = f.parts().concat();
    if name.len() > 32 || !name.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let by = name_base(by);
    let mut vocabulary: Vec<String> = words
        .iter()
        .filter(|w| !is_stop(&w.lower))
        .map(|w| name_base(&w.lower))
        .collect();
    vocabulary.push(by.clone());
    // reach[i][b]: the first i bytes are read, with `by` among them (b).
    let n = name.len();
    let mut reach = vec![[false; 2]; n + 1];
    reach[0][0] = true;
    for i in 0..n {
        for had_by in [0, 1] {
            if !reach[i][had_by] {
                continue;
            }
            for w in &vocabulary {
                for end in i + 2..=n {
                    if abbreviates(&name[i..end], w) {
                        let b = had_by.max(usize::from(*w == by));
                        reach[end][b] = true;
                    }
                }
            }
        }
    }
    // Read in one piece, the name is `by` itself (or shortens it alone):
    // that is `name_matches`' case, not a name spelled by the question.
    reach[n][1] && !abbreviates(&name, &by)
}

/// A piece of a name that writes `word` whole, or shortens it as names
/// do: its first letter, then some of its letters in order (`dst`,
/// `addr`, `msg`).
fn abbreviates(piece: &str, word: &str) -> bool {
    if piece == word {
        return true;
    }
    // Only plain words are shortened (not `api.stripe.com` to `api`).
    if piece.len() < 3
        || piece.len() >= word.len()
        || piece.as_bytes()[0] != word.as_bytes()[0]
        || !word.bytes().all(|b| b.is_ascii_lowercase())
    {
        return false;
    }
    let mut letters = word.bytes();
    piece.bytes().all(|c| letters.any(|w| w == c))
}

fn group_field(catalog: &Catalog, by: &str, words: &[Word]) -> Option<String> {
    let by = by.to_lowercase();
    // Free text groups only where named in full ("user agent" is
    // `user_agent`, whose values have spaces).
    let named_in_full = |f: &Field| f.parts() == split_name(&by);
    let candidates = catalog
        .fields
        .iter()
        .filter(|f| (!f.free_text || named_in_full(f)) && !f.is_numeric() || f.is_status());
    // The question's own word for the dimension ("route" read as "path"):
    // a field it names is what the user means (`http_route`, not
    // `http_path`).
    let written: Vec<&str> = words
        .iter()
        .map(|w| w.lower.as_str())
        .filter(|w| *w != by && dimension(w).is_some() && dimension(w) == dimension(&by))
        .collect();
    // By name: the field whose name parts match the by-word, and most of the
    // question's other words.
    // (other words named, named by the by-word, the word names its head,
    // names not identifiers, lines)
    type Rank = (usize, usize, usize, usize, usize);
    let mut best: Option<(Rank, &Field)> = None;
    for f in candidates.clone() {
        // A field only the synonym names holds values of the dimension's
        // shape, or another word of the question names it too
        // ("upstream addresses" → `upstream_addr`; "client addresses" are
        // the addresses, not `upstream_addr`'s host:port pairs).
        let by_synonym = || {
            written.iter().any(|w| name_matches(f, w))
                && (fits_dimension(f, &by)
                    || words.iter().any(|w| {
                        dimension(&w.lower).is_none()
                            && !is_stop(&w.lower)
                            && name_matches(f, &w.lower)
                    }))
        };
        if !name_matches(f, &by) && !by_synonym() && !spelled_by(f, &by, words) {
            continue;
        }
        let others = words.iter().filter(|w| name_matches(f, &w.lower)).count();
        // Of as many words named, the field the by-word names; then the one
        // that names things (`user_username`) over opaque identifiers
        // (`user_uid`'s UUIDs): "which users" asks for names.
        let key = (
            others,
            usize::from(name_matches(f, &by)),
            usize::from(head_named(f, &by)),
            usize::from(!mostly_identifiers(f)),
            f.lines,
        );
        if best.is_none_or(|(k, _)| key > k) {
            best = Some((key, f));
        }
    }
    if let Some((_, f)) = best {
        return Some(f.name.clone());
    }
    // Whole numbers that name things ("which worker", `worker=5`,
    // `partition=3`): a numeric field named by the word itself.
    let singular = by.strip_suffix('s').unwrap_or(&by);
    let named = catalog.fields.iter().find(|f| {
        let name = f.name.to_lowercase();
        f.is_numeric()
            && (name == by || name == singular || spelled_by(f, &by, words))
            && f.values
                .keys()
                .all(|v| v.bytes().all(|b| b.is_ascii_digit()))
    });
    if let Some(f) = named {
        return Some(f.name.clone());
    }
    // By shape: "ip" is the field whose values are addresses.
    if by == "ip" || by == "ips" || by == "address" {
        // Addresses, else addresses with their port (`10.2.0.55:51234`),
        // whose address part is grouped.
        let of_shape = |shape: &str| {
            candidates
                .clone()
                .filter(|f| f.shape_share(shape) >= 0.5)
                .max_by_key(|f| f.lines)
                .map(|f| f.name.clone())
        };
        return of_shape(IPV4).or_else(|| of_shape(IPV4_WITH_PORT));
    }
    None
}

/// The word names what the field is, not a part of something it
/// describes: its last part (`path`), or the part before a last "name" or
/// "id" (`kubernetes_pod_name` is a pod; `kubernetes_labels_pod_template_hash`
/// is a hash).
fn head_named(f: &Field, word: &str) -> bool {
    let parts = f.parts();
    let word = name_base(word);
    match parts.as_slice() {
        [.., before, last] if matches!(last.as_str(), "name" | "names" | "id" | "uid") => {
            part_named(before, &word) || part_named(last, &word)
        }
        [.., last] => part_named(last, &word),
        [] => false,
    }
}

/// Most of a field's values are opaque identifiers (UUIDs, hashes) that
/// name nothing a reader knows.
fn mostly_identifiers(f: &Field) -> bool {
    let opaque = |v: &str| {
        v.len() >= 16
            && v.bytes().any(|b| b.is_ascii_digit())
            && v.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
    };
    let total: usize = f.values.values().sum();
    let ids: usize = f
        .values
        .iter()
        .filter(|(v, _)| opaque(v))
        .map(|(_, n)| *n)
        .sum();
    total > 0 && ids * 2 > total
}

/// Whether a field's values have the shape of a dimension's: addresses
/// for "ip", paths for "path"; any values for the others.
fn fits_dimension(f: &Field, dimension: &str) -> bool {
    let most = |share: f64| share >= 0.5;
    match dimension {
        "ip" => most(f.shape_share(IPV4)),
        "path" => {
            let total: usize = f.values.values().sum();
            let paths: usize = f
                .values
                .iter()
                .filter(|(v, _)| v.starts_with('/'))
                .map(|(_, n)| *n)
                .sum();
            total > 0 && most(paths as f64 / total as f64)
        }
        _ => true,
    }
}

fn measure_field(catalog: &Catalog, measure: Option<&str>, words: &[Word]) -> Option<String> {
    measure_fields(catalog, measure, words, &[])
        .into_iter()
        .next()
}

/// The fields a measure may be, likeliest first: the best by name and
/// kind, then the others of the kind it was chosen by (a duration, a
/// size). Empty where nothing fits.
fn measure_fields(
    catalog: &Catalog,
    measure: Option<&str>,
    words: &[Word],
    with: &[String],
) -> Vec<String> {
    let sized = measure.is_some_and(|m| m == "size" || m == "bytes");
    // A time asked for ("latency", "how long"), not a field's own name
    // ("total amount").
    let time_asked =
        measure.is_some_and(|m| matches!(m, "latency" | "duration" | "took" | "response time"));
    let is_duration = |f: &Field| {
        f.kind == FieldKind::Duration || matches!(f.typed, Some(TypedKind::Duration { .. }))
    };
    // Fields the lines the question keeps hold: `took` of request lines,
    // not `dur` of database lines, for "duration per route".
    let beside = |f: &Field| with.iter().all(|w| catalog.together(&f.name, w));
    let any_beside = catalog
        .fields
        .iter()
        .any(|f| f.is_numeric() && !f.is_status() && beside(f));
    let numeric = move || {
        catalog
            .fields
            .iter()
            .filter(move |f| f.is_numeric() && !f.is_status() && (!any_beside || beside(f)))
    };
    let by_words = |f: &Field| {
        let parts = f.parts();
        words
            .iter()
            .filter(|w| !is_stop(&w.lower))
            .filter(|w| {
                parts
                    .iter()
                    .any(|p| p.len() >= 2 && stem_match(&name_base(&w.lower), p))
            })
            .count()
    };
    let score = |f: &Field| {
        let parts = f.parts();
        let by_words = by_words(f);
        let by_measure = measure.is_some_and(|m| {
            split_name(m)
                .iter()
                .any(|mp| parts.iter().any(|p| stem_match(mp, p)))
        });
        // The kind the values have: a size for "size"/"bytes", a duration
        // for a time.
        let by_kind = match (sized, f.typed) {
            (true, Some(TypedKind::Bytes { .. })) => true,
            (false, Some(TypedKind::Duration { .. })) => time_asked,
            (false, _) => time_asked && f.kind == FieldKind::Duration,
            _ => false,
        };
        // The kind outweighs one word of the name ("latency of /search
        // requests" is `duration`, not `request_tls_version`); two words
        // of the name outweigh the kind ("response time" is
        // `responseTime`, whatever unit it has).
        by_words * 2 + usize::from(by_measure) + 3 * usize::from(by_kind)
    };
    // On a tie, the field the question names more completely ("bytes"
    // over "upstream_response_length" for "size in bytes").
    let named_share = |f: &Field| {
        let parts = f.parts();
        let named = parts
            .iter()
            .filter(|p| {
                words
                    .iter()
                    .any(|w| p.len() >= 2 && stem_match(&name_base(&w.lower), p))
            })
            .count();
        named * 1000 / parts.len().max(1)
    };
    let mut ranked: Vec<(usize, usize, usize, &Field)> = numeric()
        .map(|f| (score(f), named_share(f), f.lines, f))
        .collect();
    // Of full ties, the last field wins, as it always has.
    ranked.reverse();
    ranked.sort_by_key(|r| std::cmp::Reverse((r.0, r.1, r.2)));
    if let Some(&(best, ..)) = ranked.first().filter(|(s, ..)| *s > 0) {
        let of_kind = |f: &Field| {
            if sized {
                matches!(f.typed, Some(TypedKind::Bytes { .. }))
            } else {
                is_duration(f)
            }
        };
        let first = ranked[0].3;
        // Alternatives only where the kind, not a word naming it, chose
        // the first.
        let by_kind = measure.is_some() && of_kind(first) && by_words(first) == 0;
        return ranked
            .iter()
            .filter(|(s, _, _, f)| *s == best || (by_kind && *s > 0 && of_kind(f)))
            .take(1 + usize::from(by_kind) * MEASURE_ALTERNATIVES)
            .map(|(.., f)| f.name.clone())
            .collect();
    }
    // Nothing named: a duration when the question measures time, or names
    // no quantity at all ("p95 slow query time" over one `durationMillis`).
    let timed = measure.is_none_or(|m| m != "size" && m != "bytes");
    if timed {
        // The one the sample saw, then those only the knowledge base did.
        let (seen, rare): (Vec<&Field>, Vec<&Field>) =
            numeric().filter(|f| is_duration(f)).partition(|f| !f.rare);
        if let [only] = seen.as_slice() {
            return std::iter::once(*only)
                .chain(rare.into_iter().take(MEASURE_ALTERNATIVES))
                .map(|f| f.name.clone())
                .collect();
        }
    }
    // A time asked for and no duration anywhere: an access log's one
    // unnamed trailing number is its request time (nginx's
    // `$request_time`, gunicorn's and Apache's `%D`), read in its own unit.
    if time_asked {
        let unnamed: Vec<&Field> = numeric()
            .filter(|f| crate::knowledge::fields::is_unnamed_column(&f.name))
            .filter(|f| !matches!(f.typed, Some(TypedKind::Bytes { .. })))
            .collect();
        if let [only] = unnamed.as_slice() {
            return vec![only.name.clone()];
        }
    }
    Vec::new()
}

fn mark_name_words(words: &mut [Word], field: &str) {
    let parts = split_name(field);
    for w in words.iter_mut() {
        let lw = &name_base(&w.lower);
        if parts.iter().any(|p| p.len() >= 2 && stem_match(lw, p)) {
            w.used = true;
        }
    }
}

/// The words a grouped field's run-together name shortens (`dst` of
/// `dstport` is "destination"): they named the grouping, not the lines.
fn mark_shortened_words(words: &mut [Word], field: &str) {
    let joined = split_name(field).concat();
    let shortened = |w: &str| {
        (0..joined.len()).any(|i| {
            (i + 3..=joined.len()).any(|end| {
                joined.is_char_boundary(i)
                    && joined.is_char_boundary(end)
                    && abbreviates(&joined[i..end], w)
            })
        })
    };
    for w in words.iter_mut() {
        if shortened(&name_base(&w.lower)) {
            w.used = true;
        }
    }
}

/// How the lines write a word of the question ("failures" → "failed"):
/// the form most lines use, among the words of the sampled text fields
/// and of the known templates.
fn message_form(catalog: &Catalog, evidence: &Evidence<'_>, word: &str) -> Option<String> {
    let mut forms: std::collections::HashMap<&str, u64> = Default::default();
    // (text, lines, whether its snake_case identifiers are words of it:
    // messages and the values of fields with few values are, a user
    // agent's or a path's are not)
    let texts = catalog
        .fields
        .iter()
        .filter(|f| f.kind == FieldKind::Text)
        .flat_map(|f| {
            let worded = !f.high_cardinality && f.values.len() <= 12;
            f.values
                .iter()
                .map(move |(v, n)| (v.as_str(), *n as u64, worded))
        })
        .chain(evidence.texts.iter().map(|(t, n)| (t.as_str(), *n, true)));
    // Parts of identifiers (`timeout` of `response_timeout`) count only
    // where no whole word matches.
    let mut parts: std::collections::HashMap<&str, u64> = Default::default();
    for (text, n, worded) in texts {
        for token in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')) {
            if let Some(form) = form_in(word, token) {
                *forms.entry(form).or_default() += n;
            } else if worded && token.contains('_') {
                for part in token.split('_') {
                    if part.len() >= 3 && stem_match(word, &part.to_lowercase()) {
                        *parts.entry(part).or_default() += n;
                    }
                }
            }
        }
    }
    if forms.is_empty() {
        forms = parts;
    }
    // Where the data writes the word itself, or a form of it, a word it
    // begins with is no form of it: "ready" is not `read`.
    let stemmed = crate::retrieve::terms_of(word);
    let same_stem = |f: &str| !stemmed.is_empty() && crate::retrieve::terms_of(f) == stemmed;
    if forms.keys().any(|f| same_stem(f)) {
        forms.retain(|f, _| {
            let lower = f.to_lowercase();
            same_stem(f) || !(lower.len() < word.len() && word.starts_with(&lower))
        });
    }
    // A form inside others ("account" in "accounts") filters for them all:
    // each form counts the lines of every form that holds it.
    let covered = |f: &str| -> u64 {
        forms
            .iter()
            .filter(|(g, _)| g.contains(f))
            .map(|(_, n)| n)
            .sum()
    };
    forms
        .keys()
        .map(|f| (*f, covered(f)))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(f, _)| f.to_string())
}

/// Lines a word is in, at least this share of them, and it says nothing
/// about which lines are meant (the system's own name, "upstream" in a
/// proxy's log). Short of all lines, the few without it may be the point
/// ("requests" where 5% of lines are not requests, "finished" where 1% of
/// jobs failed).
const UBIQUITOUS: f64 = 0.999;

/// The share of lines that hold the word, when nearly all of them do: in
/// the templates' texts, or in one field's values.
fn ubiquitous(catalog: &Catalog, evidence: &Evidence<'_>, word: &str) -> Option<f64> {
    // Words as `message_form` reads them (`web-api-8080` is one, and
    // `web-api` is not in `web-frontend-80`); a plain word also where an
    // identifier contains it (`upstream` in `via_upstream`), but its forms
    // only in plain words.
    let plain = |w: &str| w.chars().all(char::is_alphabetic);
    let holds = |text: &str| {
        text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .any(|t| {
                t.len() >= 3 && t.to_lowercase().contains(word)
                    || (plain(t) && form_in(word, t).is_some())
            })
    };
    let share = |pairs: &mut dyn Iterator<Item = (&str, u64)>, total: u64| {
        let held: u64 = pairs.filter(|(t, _)| holds(t)).map(|(_, n)| n).sum();
        (total > 0).then(|| held as f64 / total as f64)
    };
    let text_total: u64 = evidence.texts.iter().map(|(_, n)| n).sum();
    let in_texts = share(
        &mut evidence.texts.iter().map(|(t, n)| (t.as_str(), *n)),
        text_total,
    );
    let in_fields = catalog
        .fields
        .iter()
        .filter(|f| !f.stream && !f.is_numeric())
        .filter_map(|f| {
            share(
                &mut f.values.iter().map(|(v, n)| (v.as_str(), *n as u64)),
                catalog.sampled as u64,
            )
        });
    in_texts
        .into_iter()
        .chain(in_fields)
        .fold(None, |best: Option<f64>, s| {
            Some(best.map_or(s, |b| b.max(s)))
        })
        .filter(|s| *s >= UBIQUITOUS)
}

/// The form of a word a token writes: a plain word's stem-mate
/// ("failures" → `failed`), or, for a word with digits or joiners
/// (`web-api`, `v43`), the word itself inside the token (`web-api` of
/// `web-api-8080`, never of `web-frontend-80`).
fn form_in<'t>(word: &str, token: &'t str) -> Option<&'t str> {
    if token.len() < 3 {
        return None;
    }
    let lower = token.to_lowercase();
    if word.chars().all(char::is_alphabetic) {
        return stem_match(word, &lower).then_some(token);
    }
    let at = lower.find(word)?;
    if !token.is_ascii() {
        return (lower == word).then_some(token);
    }
    token.get(at..at + word.len())
}

/// The token the messages write for `joined` (`out-of-order`), as written.
fn hyphenated_form(catalog: &Catalog, evidence: &Evidence<'_>, joined: &str) -> Option<String> {
    catalog
        .fields
        .iter()
        .filter(|f| f.kind == FieldKind::Text)
        .flat_map(|f| f.values.keys().map(String::as_str))
        .chain(evidence.texts.iter().map(|(t, _)| t.as_str()))
        .flat_map(|t| t.split(|c: char| !(c.is_alphanumeric() || c == '-')))
        .find(|token| token.eq_ignore_ascii_case(joined))
        .map(str::to_string)
}

/// A verb and its particle that the messages write as one word: "timing
/// out" → `timeout`, "logging in" → `login`. The first word is tried bare
/// and without its inflection (-ing, -ed, -s, with a dropped final e).
fn compound_form(
    catalog: &Catalog,
    evidence: &Evidence<'_>,
    first: &str,
    second: &str,
) -> Option<String> {
    if second.len() < 2 || !second.chars().all(char::is_alphabetic) {
        return None;
    }
    let mut stems = vec![first.to_string()];
    for suffix in ["ing", "ed", "s"] {
        if let Some(stem) = first.strip_suffix(suffix).filter(|s| s.len() >= 2) {
            stems.push(stem.to_string());
            stems.push(format!("{stem}e"));
        }
    }
    let wanted: Vec<String> = stems.iter().map(|s| format!("{s}{second}")).collect();
    catalog
        .fields
        .iter()
        .filter(|f| f.kind == FieldKind::Text)
        .flat_map(|f| f.values.keys().map(String::as_str))
        .chain(evidence.texts.iter().map(|(t, _)| t.as_str()))
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .find(|token| wanted.iter().any(|w| token.eq_ignore_ascii_case(w)))
        .map(str::to_string)
}

/// A word of the question that reads as glue ("rate" of "rate limit",
/// "the") and so has no filter of its own, but may join a word that has
/// one into the phrase the messages write.
fn phrase_word(w: &Word) -> bool {
    !w.used && is_stop(&w.lower) && w.lower.len() >= 4 && w.lower.chars().all(char::is_alphabetic)
}

/// `glue` and `form` side by side (`glue` first where `glue_first`), as the
/// messages write them, where they write the form so at least half the
/// time: then the phrase is the data's usual way of saying it, and keeps
/// its sense when other words of the question are relaxed away.
fn usual_phrase(
    catalog: &Catalog,
    evidence: &Evidence<'_>,
    glue: &str,
    form: &str,
    glue_first: bool,
) -> Option<String> {
    let texts = catalog
        .fields
        .iter()
        .filter(|f| f.kind == FieldKind::Text)
        .flat_map(|f| f.values.iter().map(|(v, n)| (v.as_str(), *n as u64)))
        .chain(evidence.texts.iter().map(|(t, n)| (t.as_str(), *n)));
    let (mut with_form, mut in_phrase) = (0u64, 0u64);
    let mut written: Option<String> = None;
    for (text, n) in texts {
        let words = word_spans(text);
        if !words.iter().any(|&(a, b)| &text[a..b] == form) {
            continue;
        }
        with_form += n;
        // Two words side by side: one space between them.
        let found = words.windows(2).find_map(|pair| {
            let [(a0, a1), (b0, b1)] = [pair[0], pair[1]];
            let (first, second) = (&text[a0..a1], &text[b0..b1]);
            let (g, f) = if glue_first {
                (first, second)
            } else {
                (second, first)
            };
            (&text[a1..b0] == " " && f == form && g.eq_ignore_ascii_case(glue))
                .then(|| text[a0..b1].to_string())
        });
        if let Some(p) = found {
            in_phrase += n;
            written.get_or_insert(p);
        }
    }
    (with_form > 0 && in_phrase * 2 >= with_form).then_some(written?)
}

/// The byte spans of a text's words (runs of letters and digits).
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    spans
}

/// Words that stand side by side in the messages become one phrase:
/// `|= "price cache"` rather than `|= "price" |= "cache"`.
fn merge_phrases(catalog: &Catalog, evidence: &Evidence<'_>, contains: &mut Vec<String>) {
    if contains.len() < 2 {
        return;
    }
    let sampled = catalog
        .message
        .as_deref()
        .and_then(|m| catalog.field(m))
        .into_iter()
        .flat_map(|f| f.values.keys().map(String::as_str));
    let msgs: Vec<&str> = sampled
        .chain(evidence.texts.iter().map(|(t, _)| t.as_str()))
        .collect();
    // The shortest span of a message holding every word, shared by all the
    // messages that hold them all.
    let spans: Vec<String> = msgs
        .iter()
        .filter_map(|m| covering_span(m, contains))
        .collect();
    if let Some(first) = spans.first() {
        if spans.iter().all(|s| s == first) && first.len() <= 60 {
            *contains = vec![first.clone()];
        }
    }
}

fn covering_span(msg: &str, words: &[String]) -> Option<String> {
    let mut lo = usize::MAX;
    let mut hi = 0;
    for w in words {
        let at = msg.find(w.as_str())?;
        lo = lo.min(at);
        hi = hi.max(at + w.len());
    }
    Some(msg[lo..hi].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ask::understand::{understand, Clock};

    /// A fixed clock: 2025-12-06 05:46:40 UTC.
    fn test_clock() -> Clock {
        Clock {
            now: 1_765_000_000_000_000_000,
            utc_offset_secs: 0,
        }
    }

    fn catalog() -> Catalog {
        let lines = [
            r#"{"level":"error","msg":"payment authorization failed","pod":"co-1","user_id":"u-1337","status":502,"duration_ms":30,"path":"/api/v1/cart"}"#,
            r#"{"level":"info","msg":"request completed","pod":"co-2","user_id":"u-7","status":200,"duration_ms":12,"path":"/api/v1/checkout"}"#,
            r#"{"level":"info","msg":"request completed","pod":"co-1","user_id":"u-8","status":504,"duration_ms":14,"path":"/api/v1/cart"}"#,
            r#"{"level":"warn","msg":"slow request","pod":"co-2","user_id":"u-9","status":201,"duration_ms":1900,"path":"/api/v1/cart"}"#,
        ];
        Catalog::from_lines(lines).unwrap()
    }

    fn ground_q(q: &str) -> Grounded {
        ground_with(q, &["checkout".to_string()], &[])
    }

    fn ground_with(q: &str, streams: &[String], texts: &[(String, u64)]) -> Grounded {
        let clock = test_clock();
        let evidence = Evidence {
            stream_values: streams,
            texts,
        };
        ground(&understand(q, &clock), &catalog(), &evidence).remove(0)
    }

    /// Grounds a question in a catalog of the given lines.
    fn ground_lines(q: &str, lines: &[String]) -> Grounded {
        let clock = test_clock();
        let catalog = Catalog::from_lines(lines.iter().map(String::as_str)).unwrap();
        ground(&understand(q, &clock), &catalog, &Evidence::default()).remove(0)
    }

    fn gateway_lines() -> Vec<String> {
        (0..40)
            .map(|i| {
                let (msg, code) = match i % 4 {
                    0 => ("rate limit exceeded", 429),
                    1 => ("token cache hit", 200),
                    _ => ("request served", 200),
                };
                format!(
                    r#"{{"msg":"{msg}","tenant":"t{}","code":{code},"request":{{"uri":"/search?q={i}","tls_version":772}},"duration":0.{i:02},"size":{}}}"#,
                    i % 3,
                    1000 + i
                )
            })
            .collect()
    }

    #[test]
    fn a_word_no_message_holds_is_met_by_a_word_logs_use_for_it() {
        let lines: Vec<String> = (0..40)
            .map(|i| {
                let msg = if i % 2 == 0 {
                    "Connection accepted"
                } else {
                    "Connection ended"
                };
                format!(r#"{{"msg":"{msg}","remote":"10.2.0.{}:5{i:03}"}}"#, i % 5)
            })
            .collect();
        let g = ground_lines("how many connections did clients open?", &lines);
        assert!(g.contains.contains(&"accepted".to_string()), "{g:?}");
        assert!(!g.dropped.contains(&"open".to_string()), "{g:?}");
    }

    #[test]
    fn a_word_the_messages_write_beside_another_makes_a_phrase() {
        let g = ground_lines(
            "which tenant hit the rate limit most often?",
            &gateway_lines(),
        );
        assert!(g.contains.contains(&"rate limit".to_string()), "{g:?}");
        assert!(!g.contains.contains(&"limit".to_string()), "{g:?}");
    }

    #[test]
    fn a_status_named_by_its_meaning_is_its_code() {
        let lines: Vec<String> = gateway_lines()
            .into_iter()
            .map(|l| l.replace("rate limit exceeded", "request refused"))
            .collect();
        let g = ground_lines("which tenant got throttled the most?", &lines);
        assert_eq!(g.filters.len(), 1, "{g:?}");
        assert_eq!(g.filters[0].to_string(), "code==429");
        // Where the messages say it, the words are the messages'.
        let g = ground_lines("how many requests were rate limited?", &gateway_lines());
        assert!(g.filters.is_empty(), "{g:?}");
    }

    #[test]
    fn a_path_matches_its_lines_with_query_strings() {
        let g = ground_lines("p95 latency of /search requests", &gateway_lines());
        let shown: Vec<String> = g.filters.iter().map(ToString::to_string).collect();
        assert_eq!(shown, [r#"request_uri=~`/search(\?.*)?`"#], "{g:?}");
    }

    #[test]
    fn a_field_named_whole_is_grouped_before_one_a_modifier_names() {
        let lines: Vec<String> = (0..60)
            .map(|i| {
                format!(
                    r#"level=debug scrape_pool=pool/{} target=http://10.0.0.{}:9100/metrics msg="{}""#,
                    i % 3,
                    i % 7,
                    if i % 10 == 0 { "threshold exceeded" } else { "Scrape failed" }
                )
            })
            .collect();
        let g = ground_lines("which three scrape targets failed the most?", &lines);
        assert_eq!(g.group_by.as_deref(), Some("target"), "{g:?}");
        // Also where a few lines have a field the modifier names whole.
        let mut lines = lines;
        lines.push(r#"level=info scrape=manager msg="started""#.to_string());
        let g = ground_lines("which three scrape targets failed the most?", &lines);
        assert_eq!(g.group_by.as_deref(), Some("target"), "{g:?}");
        // The number asked for is no word of the lines.
        assert!(!g.contains.iter().any(|c| c.contains("thr")), "{g:?}");
    }

    #[test]
    fn words_the_messages_join_with_hyphens_are_the_joined_word() {
        let lines: Vec<String> = (0..60)
            .map(|i| {
                let msg = if i % 3 == 0 {
                    "Error on ingesting out-of-order samples"
                } else {
                    "Error on ingesting samples with different value but same timestamp"
                };
                format!(r#"level=warn msg="{msg}" num_dropped={}"#, i + 1)
            })
            .collect();
        let g = ground_lines(
            "how many samples were dropped for being out of order?",
            &lines,
        );
        assert!(g.contains.contains(&"out-of-order".to_string()), "{g:?}");
    }

    #[test]
    fn a_word_is_not_met_by_a_word_it_begins_with() {
        let lines: Vec<String> = (0..60)
            .map(|i| {
                let msg = match i % 20 {
                    0 => "Server is ready to receive web requests.",
                    n if n % 2 == 0 => "wrote block to disk",
                    _ => "read block from disk",
                };
                format!(r#"level=info component=web msg="{msg}" n={i}"#)
            })
            .collect();
        let g = ground_lines("when was it ready again?", &lines);
        assert!(g.contains.iter().any(|c| c.contains("ready")), "{g:?}");
        assert!(!g.contains.contains(&"read".to_string()), "{g:?}");
    }

    #[test]
    fn a_route_with_placeholders_matches_any_segment_in_their_place() {
        for question in [
            "p95 latency of GET /search/<term> requests",
            "p95 latency of GET /search/{term} requests",
            "p95 latency of GET /search/:term requests",
        ] {
            let g = ground_lines(question, &gateway_lines());
            let shown: Vec<String> = g.filters.iter().map(ToString::to_string).collect();
            assert!(
                shown.contains(&r#"request_uri=~`/search/[^/?]+(\?.*)?`"#.to_string()),
                "{question}: {g:?}"
            );
        }
        assert_eq!(route_pattern("/v1/accounts"), None);
        assert_eq!(
            route_pattern("/v1/*/entries").as_deref(),
            Some(r"/v1/[^/?]+/entries(\?.*)?")
        );
    }

    #[test]
    fn a_measure_of_time_is_a_duration_before_a_name_word() {
        // "requests" names a part of `request_tls_version`, which is no
        // duration.
        let g = ground_lines("p95 latency of /search requests", &gateway_lines());
        assert_eq!(g.measure.as_deref(), Some("duration"), "{g:?}");
        let g = ground_lines("average response size in bytes", &gateway_lines());
        assert_eq!(g.measure.as_deref(), Some("size"), "{g:?}");
    }

    #[test]
    fn a_measure_named_by_its_kind_has_the_other_fields_of_that_kind_as_alternatives() {
        // `dur` on queries, `took` on requests, `elapsed` on a batch's 3
        // lines of 1,003: too rare for the sample, known to the knowledge
        // base.
        let mut all: Vec<String> = (0..1000)
            .map(|i| match i % 2 {
                0 => format!("level=info msg=\"db query\" table=t{} dur={i}ms", i % 3),
                _ => format!("level=info msg=\"request completed\" status=200 took={i}ms"),
            })
            .collect();
        all.extend((0..3).map(|i| format!("level=info msg=\"batch settled\" elapsed=1m{i}s")));
        let known =
            crate::knowledge::fields::profile_lines(all.iter().map(String::as_str)).unwrap();
        let mut catalog = Catalog::from_lines(all[..200].iter().map(String::as_str)).unwrap();
        assert!(catalog.field("elapsed").is_none());
        catalog.add_known_fields(&known);
        assert!(catalog.field("elapsed").is_some_and(|f| f.rare));
        let clock = test_clock();
        let u = understand("longest settlement batch run", &clock);
        let readings = ground(&u, &catalog, &Evidence::default());
        let measures: Vec<Option<&str>> = readings.iter().map(|g| g.measure.as_deref()).collect();
        assert_eq!(measures[0], Some("dur"), "{readings:?}");
        for other in ["took", "elapsed"] {
            assert!(measures.contains(&Some(other)), "{other}: {measures:?}");
        }
        // A measure the question names has no alternatives.
        let u = understand("p95 of took", &clock);
        let readings = ground(&u, &catalog, &Evidence::default());
        assert!(
            readings
                .iter()
                .all(|g| g.measure.as_deref() == Some("took")),
            "{readings:?}"
        );
    }

    #[test]
    fn levels_joined_by_or_are_one_filter_and_a_negated_status_class_excludes_it() {
        let lines: Vec<String> = (0..300)
            .map(|i| {
                let level = ["info", "warn", "error"][i % 3];
                let status = [200, 201, 404, 504][i % 4];
                format!(
                    "level={level} caller=c{} path=/p{} status={status} msg=\"request done\"",
                    i % 7,
                    i % 5
                )
            })
            .collect();
        let catalog = Catalog::from_lines(lines.iter().map(String::as_str)).unwrap();
        let clock = test_clock();
        let shown = |q: &str| {
            let g = &ground(&understand(q, &clock), &catalog, &Evidence::default())[0];
            g.filters
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            shown("how many different callers logged warnings or errors?"),
            [r#"level=~"warn|error""#]
        );
        assert_eq!(
            shown("which 2 paths return the most non-2xx statuses?"),
            [r#"status!~"2..""#]
        );
        assert_eq!(shown("how many not 5xx responses?"), [r#"status!~"5..""#]);
    }

    #[test]
    fn a_total_of_a_word_naming_a_numeric_field_is_its_sum() {
        let lines: Vec<String> = (0..200)
            .map(|i| {
                format!(
                    r#"{{"msg":"refund issued","amount":{{"value":{}.5,"currency":"EUR"}},"provider_latency_ms":{}}}"#,
                    i % 40,
                    i % 90
                )
            })
            .collect();
        let catalog = Catalog::from_lines(lines.iter().map(String::as_str)).unwrap();
        let clock = test_clock();
        let u = understand("total amount refunded in EUR", &clock);
        let summed = total_of_a_field(&u, &catalog).expect("a sum");
        assert_eq!(summed.measure.as_deref(), Some("amount"));
        let g = &ground(&summed, &catalog, &Evidence::default())[0];
        assert_eq!(g.measure.as_deref(), Some("amount_value"), "{g:?}");
        // A total of what no numeric field names stays a count of lines.
        let u = understand("total refunds in EUR", &clock);
        assert!(total_of_a_field(&u, &catalog).is_none());
    }

    #[test]
    fn the_users_own_word_for_a_dimension_picks_the_field_it_names() {
        let lines: Vec<String> = (0..300)
            .map(|i| {
                format!(
                    r#"{{"ip":"10.1.{}.{}","upstream_addr":"10.244.0.{}:8080","http":{{"route":"/v1/r{}","path":"/v1/r{}/{i}"}},"ms":{i}}}"#,
                    i % 3,
                    i % 50,
                    i % 4,
                    i % 5,
                    i % 5
                )
            })
            .collect();
        let catalog = Catalog::from_lines(lines.iter().map(String::as_str)).unwrap();
        let clock = test_clock();
        let by = |q: &str| {
            ground(&understand(q, &clock), &catalog, &Evidence::default())[0]
                .group_by
                .clone()
        };
        assert_eq!(
            by("which route is the slowest on average?").as_deref(),
            Some("http_route")
        );
        assert_eq!(
            by("number of unique client addresses").as_deref(),
            Some("ip")
        );
        assert_eq!(
            by("which 3 upstream addresses served the most requests?").as_deref(),
            Some("upstream_addr")
        );
    }

    #[test]
    fn a_word_in_nearly_every_line_is_no_filter() {
        let texts = [
            ("upstream call to   ok".to_string(), 95),
            ("upstream call to   failed: response_timeout".to_string(), 5),
        ];
        let g = ground_with("any upstream timeouts?", &[], &texts);
        assert_eq!(g.contains, ["timeout"], "{g:?}");
        assert!(
            g.notes.iter().any(|n| n.contains("nearly every line")),
            "{g:?}"
        );
        // A hyphenated name is one word: "web-api" is not every "web-…".
        let texts = [
            ("upstream web-api-8080 ok".to_string(), 30),
            ("upstream web-frontend-80 ok".to_string(), 70),
        ];
        let g = ground_with("show me web-api errors", &[], &texts);
        assert!(
            !g.notes.iter().any(|n| n.contains("nearly every line")),
            "{g:?}"
        );
        // Where it tells lines apart, it filters.
        let texts = [
            ("upstream call to   failed".to_string(), 5),
            ("cache refreshed".to_string(), 95),
        ];
        let g = ground_with("any upstream failures?", &[], &texts);
        assert!(g.contains.iter().any(|c| c.contains("upstream")), "{g:?}");
    }

    #[test]
    fn names_with_joiners_are_found_as_written() {
        let texts = [
            ("upstream web-api-8080 returned".to_string(), 30),
            ("upstream web-frontend-80 returned".to_string(), 70),
        ];
        assert_eq!(form_in("web-api", "web-api-8080"), Some("web-api"));
        assert_eq!(form_in("web-api", "web-frontend-80"), None);
        assert_eq!(form_in("failures", "failed"), Some("failed"));
        let g = ground_with("any web-api lines?", &[], &texts);
        assert!(g.contains.iter().any(|c| c.contains("web-api")), "{g:?}");
        assert!(!g.contains.iter().any(|c| c.contains("frontend")), "{g:?}");
    }

    #[test]
    fn identifier_parts_are_words_only_where_no_whole_word_is() {
        let texts = [
            ("reset reason: connection_refused".to_string(), 3),
            ("client python-requests connected".to_string(), 3),
        ];
        let g = ground_with("any refused connections?", &[], &texts);
        assert!(g.contains.iter().any(|c| c == "refused"), "{g:?}");
        // A hyphenated name is not split into words.
        let g = ground_with("any requests?", &[], &texts[1..]);
        assert!(!g.contains.iter().any(|c| c == "requests"), "{g:?}");
    }

    #[test]
    fn words_naming_the_stream_are_no_filter_but_levels_stay_levels() {
        let streams = ["mongodb".to_string(), "error_log".to_string()];
        let g = ground_with("show me the mongo errors", &streams, &[]);
        assert!(g.contains.is_empty(), "{g:?}");
        assert_eq!(g.filters[0].to_string(), "level=\"error\"");
        let g = ground_with(
            "show me the controller's warnings",
            &["rollout-controller".into()],
            &[],
        );
        assert!(g.contains.is_empty(), "{g:?}");
        assert!(
            g.notes.iter().any(|n| n.contains("names the stream")),
            "{g:?}"
        );
        assert!(names_stream("payments", "payment"));
        assert!(names_stream("mongo-0", "mongo"));
        assert!(names_stream("mongod.jsonl", "mongo"));
        assert!(names_stream("billing-api.log", "billing-api"));
        assert!(names_stream("/var/log/auth.log.1", "auth"));
        assert!(!names_stream("mongod.jsonl", "jsonl"));
        assert!(!names_stream("error_log", "errors"));
        assert!(!names_stream("checkout-api-gateway", "check"));
    }

    #[test]
    fn a_form_inside_others_filters_for_them_all() {
        let texts = [
            ("GET /v1/accounts/ balance".to_string(), 90),
            ("account locked after failed attempts".to_string(), 3),
            ("cache refreshed".to_string(), 50),
        ];
        let g = ground_with("when was the first account locked?", &[], &texts);
        assert!(
            g.contains
                .iter()
                .any(|c| c.contains("account") && !c.contains("accounts")),
            "{g:?}"
        );
    }

    #[test]
    fn whole_numbers_named_by_the_word_group() {
        let lines = [
            r#"time=1 level=info msg="job finished" queue=emails worker=5 dur=1.2ms"#,
            r#"time=2 level=info msg="job finished" queue=hooks worker=7 dur=3ms"#,
            r#"time=3 level=info msg="job finished" queue=emails worker=5 dur=2ms"#,
        ];
        let catalog = Catalog::from_lines(lines).unwrap();
        assert_eq!(
            group_field(&catalog, "workers", &[]).as_deref(),
            Some("worker")
        );
        // A measure is not a thing to group by.
        assert_eq!(group_field(&catalog, "dur", &[]), None);
    }

    #[test]
    fn run_together_and_shortened_names_group_by_the_words_they_spell() {
        let lines: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "srcaddr=10.0.0.{} dstaddr=10.1.0.{} srcport={} dstport={} action=ACCEPT",
                    i % 7,
                    i % 3,
                    40000 + i,
                    [22, 80, 443, 5432][i % 4]
                )
            })
            .collect();
        let g = ground_lines("how many different destination ports were probed?", &lines);
        assert_eq!(g.group_by.as_deref(), Some("dstport"), "{g:?}");
        // A name no question word spells is not guessed at.
        assert_eq!(
            group_field(
                &Catalog::from_lines(lines.iter().map(String::as_str)).unwrap(),
                "destination",
                &[]
            ),
            None
        );
        // Shortening keeps the word's first letter and order.
        assert!(abbreviates("dst", "destination"));
        assert!(abbreviates("addr", "address"));
        assert!(!abbreviates("tds", "destination"));
        assert!(!abbreviates("api", "api.stripe.com"));
    }

    #[test]
    fn a_time_asked_of_an_access_log_is_its_one_unnamed_trailing_number() {
        let lines: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "10.0.0.{} - - [06/Dec/2026:09:00:{:02} +0000] \"GET /api/search?q={i} HTTP/1.1\" 200 {} \"-\" \"curl/8.5\" {}",
                    i % 5,
                    i % 60,
                    1000 + i * 7,
                    20000 + i * 313
                )
            })
            .collect();
        let g = ground_lines("avg latency of /api/search in ms", &lines);
        assert_eq!(g.measure.as_deref(), Some("extra_1"), "{g:?}");
        // A size is not read from it.
        let g = ground_lines("average response size of /api/search", &lines);
        assert_eq!(g.measure.as_deref(), Some("bytes"), "{g:?}");
    }

    #[test]
    fn the_phrase_that_named_the_grouping_filters_no_lines() {
        let lines: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "10.0.0.{} - - [06/Dec/2026:09:00:{:02} +0000] \"GET /api/x HTTP/1.1\" 200 {} \"-\" \"{}\"",
                    i % 5,
                    i % 60,
                    1000 + i,
                    ["http client/1.0", "curl/8.5"][i % 2]
                )
            })
            .collect();
        let q = "how many unique client addresses show up?";
        assert_eq!(
            understand(q, &test_clock()).by_words,
            ["client", "addresses"]
        );
        let g = ground_lines(q, &lines);
        assert_eq!(g.group_by.as_deref(), Some("ip"), "{g:?}");
        assert!(g.contains.is_empty(), "{g:?}");
    }

    #[test]
    fn thresholds_are_written_in_the_fields_unit() {
        let g = ground_q("did any request take longer than 10 seconds?");
        assert!(
            g.filters
                .iter()
                .any(|f| f.to_string() == "duration_ms>10000"),
            "{g:?}"
        );
        assert!(!g.contains.iter().any(|c| c.contains("second")), "{g:?}");
        let g = ground_q("how many requests were faster than 20ms?");
        assert!(
            g.filters.iter().any(|f| f.to_string() == "duration_ms<20"),
            "{g:?}"
        );
        // Go durations compare as durations.
        let lines = [
            r#"time=1 level=INFO msg="job done" took=183.456ms"#,
            r#"time=2 level=INFO msg="job done" took=2m10.057s"#,
        ];
        let catalog = Catalog::from_lines(lines).unwrap();
        let clock = test_clock();
        let u = understand("jobs that took over 2s", &clock);
        let evidence = Evidence {
            stream_values: &[],
            texts: &[],
        };
        let g = ground(&u, &catalog, &evidence).remove(0);
        assert!(
            g.filters.iter().any(|f| f.to_string() == "took>2s"),
            "{g:?}"
        );
    }

    #[test]
    fn status_classes_and_alternatives_become_field_filters() {
        let g = ground_q("how many 5xx responses did checkout return?");
        assert_eq!(g.filters.len(), 1, "{g:?}");
        assert_eq!(g.filters[0].to_string(), "status>=500");
        assert!(g.contains.is_empty(), "{g:?}");
        let g = ground_q("502 or 504 responses");
        assert_eq!(g.filters[0].to_string(), "( status==502 or status==504 )");
    }

    #[test]
    fn the_counted_noun_filters_only_where_no_field_does() {
        let g = ground_q("how many requests returned 504?");
        assert_eq!(g.filters[0].to_string(), "status==504");
        assert!(g.contains.is_empty(), "{g:?}");
        // Nothing else says which lines: the noun is the subject.
        let g = ground_q("how many slow requests?");
        assert!(g.filters.is_empty(), "{g:?}");
        assert!(!g.contains.is_empty(), "{g:?}");
    }

    #[test]
    fn values_group_and_measure_come_from_the_fields() {
        let g = ground_q("top 3 users by 502s");
        assert_eq!(g.group_by.as_deref(), Some("user_id"));
        let g = ground_q("requests from u-4242");
        assert_eq!(g.filters[0].to_string(), r#"user_id="u-4242""#);
        let g = ground_q("p95 duration of requests to /api/v1/cart");
        assert_eq!(g.measure.as_deref(), Some("duration_ms"));
        assert_eq!(g.filters[0].to_string(), r#"path="/api/v1/cart""#);
    }

    #[test]
    fn message_words_take_the_data_form_and_unknown_words_drop() {
        let g = ground_q("how many payment authorization failures?");
        assert_eq!(g.contains, ["payment authorization failed"], "{g:?}");
        let g = ground_q("how many errors mentioning kubernetes?");
        assert_eq!(g.filters[0].to_string(), r#"level="error""#);
        assert!(g.contains.is_empty());
        assert!(g
            .notes
            .iter()
            .any(|n| n.contains("kubernetes") && n.contains("dropped")));
    }

    /// Every reading of a question over a catalog, with no other evidence.
    fn readings_over(catalog: &Catalog, q: &str) -> Vec<Grounded> {
        let clock = test_clock();
        ground(&understand(q, &clock), catalog, &Evidence::default())
    }

    #[test]
    fn numeric_levels_read_severity_words() {
        let lines = [
            r#"{"level":30,"msg":"sent","tenant":"acme"}"#,
            r#"{"level":40,"msg":"slow smtp","tenant":"acme"}"#,
            r#"{"level":50,"msg":"smtp timeout","tenant":"hooli"}"#,
            r#"{"level":60,"msg":"out of memory","tenant":"hooli"}"#,
        ];
        let catalog = Catalog::from_lines(lines).unwrap();
        let ground_here = |q: &str| readings_over(&catalog, q).remove(0);
        let g = ground_here("how many warnings?");
        assert_eq!(g.filters[0].to_string(), r#"level="40""#, "{g:?}");
        let g = ground_here("errors by tenant");
        assert_eq!(g.filters[0].to_string(), r#"level="50""#, "{g:?}");
        // The first level word qualifies the second, and no reading drops
        // the level to count every line.
        let readings = readings_over(&catalog, "any fatal errors?");
        assert_eq!(readings[0].filters.len(), 1, "{:?}", readings[0]);
        assert_eq!(readings[0].filters[0].to_string(), r#"level="60""#);
        assert!(readings
            .iter()
            .all(|g| !g.filters.is_empty() || !g.contains.is_empty()));
        // A level field of words keeps its words.
        assert_eq!(
            ground_q("how many warnings?").filters[0].to_string(),
            r#"level="warn""#
        );
    }

    #[test]
    fn syslog_priorities_read_severity_words() {
        let lines = [
            r#"{"PRIORITY":"6","MESSAGE":"Started session 4","_HOSTNAME":"app-01"}"#,
            r#"{"PRIORITY":"4","MESSAGE":"disk nearly full","_HOSTNAME":"app-02"}"#,
            r#"{"PRIORITY":"3","MESSAGE":"Failed to start worker","_HOSTNAME":"app-03"}"#,
            r#"{"PRIORITY":"3","MESSAGE":"Main process exited","_HOSTNAME":"app-03"}"#,
            r#"{"PRIORITY":"2","MESSAGE":"worker crashed","_HOSTNAME":"app-03"}"#,
        ];
        let catalog = Catalog::from_lines(lines).unwrap();
        let ground_here = |q: &str| readings_over(&catalog, q).remove(0);
        let g = ground_here("which host logged the most errors?");
        assert_eq!(g.filters[0].to_string(), r#"PRIORITY="3""#, "{g:?}");
        let g = ground_here("how many warnings?");
        assert_eq!(g.filters[0].to_string(), r#"PRIORITY="4""#, "{g:?}");
        // The field's name and the level's syslog name again add nothing.
        let g = ground_here("which host logged the most errors, priority err?");
        assert_eq!(g.filters.len(), 1, "{g:?}");
        assert!(g.contains.is_empty(), "{g:?}");
    }

    #[test]
    fn one_letter_levels_and_addresses_as_written() {
        let lines = [
            r#"{"s":"I","msg":"Connection accepted","remote":"10.2.0.55:51234"}"#,
            r#"{"s":"W","msg":"Slow query","remote":"10.2.0.9:4411"}"#,
            r#"{"s":"E","msg":"Authentication failed","remote":"10.2.0.55:51240"}"#,
        ];
        let catalog = Catalog::from_lines(lines).unwrap();
        let ground_here = |q: &str| readings_over(&catalog, q).remove(0);
        let g = ground_here("show me the errors");
        assert_eq!(g.filters[0].to_string(), r#"s="E""#, "{g:?}");
        let g = ground_here("how many connections did 10.2.0.55 open?");
        assert!(g.contains.contains(&"10.2.0.55".to_string()), "{g:?}");
    }

    #[test]
    fn users_are_grouped_by_their_names_not_their_uuids() {
        let lines: Vec<String> = (0..40)
            .map(|i| {
                let who = ["ci-runner", "backup-job", "alice"][i % 3];
                let uid = [
                    "5c1f0e2d-9b8a-4c63-8d41-2f6a0d8b7c41",
                    "73e2d6bc-24d8-4a06-9e15-3b9c6f2e8d41",
                    "0653ef77-56f8-4833-b6d1-10576e4e59af",
                ][i % 3];
                format!(
                    r#"{{"verb":"get","user":{{"uid":"{uid}","username":"{who}"}},"code":200}}"#
                )
            })
            .collect();
        let g = ground_lines("top 3 users by number of requests", &lines);
        assert_eq!(
            g.group_by.as_deref(),
            Some("user_username"),
            "{:?}",
            g.notes
        );
        // Readable identifiers are names too: `user_id`'s `u-1337`.
        let g = ground_q("top 3 users by number of requests");
        assert_eq!(g.group_by.as_deref(), Some("user_id"), "{:?}", g.notes);
    }

    #[test]
    fn the_measure_is_one_the_kept_lines_hold() {
        // Database lines time their queries in `dur`; request lines in
        // `took`. "Duration" names `dur` best, but per route only `took`
        // is there to read.
        let lines: Vec<String> = (0..40)
            .map(|i| {
                if i % 2 == 0 {
                    format!(
                        r#"level=debug msg="db query" table=t{} dur={}.5ms"#,
                        i % 3,
                        i
                    )
                } else {
                    format!(
                        r#"level=info msg="request completed" method={} path=/v1/r{} took={}ms"#,
                        if i % 3 == 0 { "POST" } else { "GET" },
                        i % 4,
                        10 + i
                    )
                }
            })
            .collect();
        let g = ground_lines("p99 duration per path", &lines);
        assert_eq!(g.group_by.as_deref(), Some("path"), "{:?}", g.notes);
        assert_eq!(g.measure.as_deref(), Some("took"), "{:?}", g.notes);
        let g = ground_lines("average duration of POST requests", &lines);
        assert_eq!(g.measure.as_deref(), Some("took"), "{:?}", g.notes);
        // Nothing to keep lines by: the name decides.
        let g = ground_lines("average duration", &lines);
        assert_eq!(g.measure.as_deref(), Some("dur"), "{:?}", g.notes);
    }

    #[test]
    fn free_text_named_in_full_groups() {
        let agents = [
            "curl/8.5.0",
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
            "Go-http-client/1.1",
        ];
        let lines: Vec<String> = (0..30)
            .map(|i| {
                format!(
                    r#"10.0.0.{} - - [06/Dec/2026:09:00:{:02} +0000] "GET /p{} HTTP/1.1" 200 {} "-" "{}""#,
                    i % 5,
                    i,
                    i % 3,
                    100 + i,
                    agents[i % 3]
                )
            })
            .collect();
        let g = ground_lines("which user agent made the most requests?", &lines);
        assert_eq!(g.group_by.as_deref(), Some("user_agent"), "{:?}", g.notes);
    }

    #[test]
    fn a_pod_is_the_field_that_names_pods_not_a_label_of_them() {
        let lines: Vec<String> = (0..30)
            .map(|i| {
                format!(
                    r#"{{"level":"{}","msg":"m","kubernetes":{{"pod_name":"cart-7f9c-{}","labels":{{"pod-template-hash":"7f9c"}}}}}}"#,
                    if i % 4 == 0 { "error" } else { "info" },
                    i % 3
                )
            })
            .collect();
        let g = ground_lines("which pod logged the most errors?", &lines);
        assert_eq!(
            g.group_by.as_deref(),
            Some("kubernetes_pod_name"),
            "{:?}",
            g.notes
        );
    }
}
