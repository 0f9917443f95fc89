//! Template-mining accuracy on the Loghub 2k samples.
//!
//! ```text
//! cargo run --release --example loghub_accuracy [-- DIR...]
//! ```
//!
//! Each `DIR` (default `../shared/loghub` next to the crate) holds one folder
//! per dataset `D` with `D/D_2k.log_structured.csv` (columns `Content`,
//! `EventTemplate`); every such folder is scored, in name order. The
//! generated sets of `eval/mining/gen_mining.py` have the same layout.
//! Every `Content` is mined in order with [`askloki::mining::Miner`], then
//! `finish` is called and each message gets its cluster's final template.
//!
//! Metrics follow the Loghub-2.0 study (Jiang et al., ISSTA 2024):
//! * GA  – a message is correct when the set of messages sharing its predicted
//!   template equals the set sharing its ground-truth template;
//! * FGA – F1 of precision/recall of predicted groups equal to a truth group;
//! * PA  – share of messages whose template equals the truth exactly;
//! * FTA – F1 over templates that are correct in group *and* text.
//!
//! As in the study, groups are formed by template text, and templates (both
//! predicted and truth) are normalised with the study's `correct_single_template`
//! rules (whitespace, paths, booleans/default user names, digits, words glued to
//! variables, `<*>.<*>`, consecutive `<*>`) before comparison.
//!
//! Set `LOGHUB_DEBUG=<dataset>` to print the mismatching templates.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use askloki::mining::{Miner, MinerConfig};

/// `(name, structured csv)` of every dataset folder under `dir`.
fn datasets(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                let csv = e.path().join(format!("{name}_2k.log_structured.csv"));
                csv.is_file().then_some((name, csv))
            })
            .collect(),
        Err(e) => {
            eprintln!("skipping {}: {e}", dir.display());
            Vec::new()
        }
    };
    v.sort();
    v
}

fn main() {
    let mut dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/loghub"));
    }
    let debug = std::env::var("LOGHUB_DEBUG").ok();
    let mut config = MinerConfig::default();
    if let Ok(s) = std::env::var("MINER_SIMILARITY") {
        config.similarity = s.parse().expect("MINER_SIMILARITY");
    }
    if let Ok(s) = std::env::var("MINER_K") {
        config.min_variants = s.parse().expect("MINER_K");
    }
    if let Ok(s) = std::env::var("MINER_DEPTH") {
        config.depth = s.parse().expect("MINER_DEPTH");
    }

    println!(
        "{:<10} {:>6} {:>7} {:>7} {:>7} {:>7} {:>6} {:>6}",
        "Dataset", "lines", "GA", "FGA", "PA", "FTA", "found", "truth"
    );
    let mut sums = [0.0f64; 4];
    let mut done = 0usize;
    for (d, path) in dirs.iter().flat_map(|d| datasets(d)) {
        let d = d.as_str();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("skipping {d}: {}: {e}", path.display());
                continue;
            }
        };
        let rows = parse_csv(&text);
        let Some(header) = rows.first() else { continue };
        let col = |name: &str| header.iter().position(|h| h == name);
        let (Some(ci), Some(ti)) = (col("Content"), col("EventTemplate")) else {
            eprintln!("skipping {d}: no Content/EventTemplate column");
            continue;
        };
        let rows = &rows[1..];
        let mut miner = Miner::new(config.clone());
        let ids: Vec<u32> = rows
            .iter()
            .map(|r| miner.add(r.get(ci).map_or("", String::as_str)))
            .collect();
        miner.finish();
        if let Ok(needle) = std::env::var("LOGHUB_RAW") {
            for (r, &id) in rows.iter().zip(&ids) {
                let c = r.get(ci).map_or("", String::as_str);
                if c.contains(&needle) {
                    println!("  RAW {c:?} -> {:?}", miner.template(id).text);
                }
            }
        }
        let pred: Vec<String> = ids
            .iter()
            .map(|&id| normalise(&miner.template(id).text))
            .collect();
        let truth: Vec<String> = rows
            .iter()
            .map(|r| normalise(r.get(ti).map_or("", String::as_str)))
            .collect();
        let s = score(&pred, &truth);
        println!(
            "{:<10} {:>6} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>6} {:>6}",
            d,
            pred.len(),
            s.ga,
            s.fga,
            s.pa,
            s.fta,
            s.found,
            s.truth
        );
        sums[0] += s.ga;
        sums[1] += s.fga;
        sums[2] += s.pa;
        sums[3] += s.fta;
        done += 1;
        if debug.as_deref() == Some(d) {
            print_mismatches(rows, ci, &pred, &truth);
        }
    }
    if done > 0 {
        let n = done as f64;
        println!(
            "{:<10} {:>6} {:>7.3} {:>7.3} {:>7.3} {:>7.3}",
            "Mean",
            "",
            sums[0] / n,
            sums[1] / n,
            sums[2] / n,
            sums[3] / n
        );
    }
}

struct Score {
    ga: f64,
    fga: f64,
    pa: f64,
    fta: f64,
    found: usize,
    truth: usize,
}

fn groups(labels: &[String]) -> HashMap<&str, Vec<usize>> {
    let mut g: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, l) in labels.iter().enumerate() {
        g.entry(l.as_str()).or_default().push(i);
    }
    g
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn score(pred: &[String], truth: &[String]) -> Score {
    let n = pred.len().max(1) as f64;
    let pg = groups(pred);
    let tg = groups(truth);
    let mut ga_msgs = 0usize;
    let mut exact_groups = 0usize;
    let mut exact_templates = 0usize;
    for (ptext, members) in &pg {
        let t0 = truth[members[0]].as_str();
        let same = members.iter().all(|&i| truth[i] == t0);
        if same && tg[t0].len() == members.len() {
            ga_msgs += members.len();
            exact_groups += 1;
            if *ptext == t0 {
                exact_templates += 1;
            }
        }
    }
    let pa = pred.iter().zip(truth).filter(|(p, t)| p == t).count() as f64 / n;
    let (np, nt) = (pg.len().max(1) as f64, tg.len().max(1) as f64);
    Score {
        ga: ga_msgs as f64 / n,
        fga: f1(exact_groups as f64 / np, exact_groups as f64 / nt),
        pa,
        fta: f1(exact_templates as f64 / np, exact_templates as f64 / nt),
        found: pg.len(),
        truth: tg.len(),
    }
}

fn print_mismatches(rows: &[Vec<String>], ci: usize, pred: &[String], truth: &[String]) {
    let mut pairs: HashMap<(&str, &str), (usize, usize)> = HashMap::new();
    for (i, (p, t)) in pred.iter().zip(truth).enumerate() {
        if p != t {
            let e = pairs.entry((p.as_str(), t.as_str())).or_insert((0, i));
            e.0 += 1;
        }
    }
    let mut v: Vec<_> = pairs.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1 .0));
    for ((p, t), (count, first)) in v {
        println!("  {count:>5}x pred: {p}");
        println!("         truth: {t}");
        println!(
            "           msg: {}",
            rows[first].get(ci).map_or("", String::as_str)
        );
    }
    // grouping errors: predicted groups mixing several truth templates
    let pg = groups(pred);
    for (ptext, members) in pg {
        let ts: HashSet<&str> = members.iter().map(|&i| truth[i].as_str()).collect();
        if ts.len() > 1 {
            println!("  MIXED {ptext}  <- {ts:?}");
        }
    }
    // grouping errors: truth groups split over several predicted templates
    for (ttext, members) in groups(truth) {
        let ps: HashSet<&str> = members.iter().map(|&i| pred[i].as_str()).collect();
        if ps.len() > 1 {
            println!("  SPLIT {ttext}  -> {ps:?}");
        }
    }
}

/// RFC 4180 CSV: quoted fields may hold commas, quotes (`""`) and newlines.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                any = false;
            }
            _ => field.push(c),
        }
    }
    if any {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// The Loghub-2.0 template normalisation (`correct_single_template`).
fn normalise(template: &str) -> String {
    // DS: trim and collapse whitespace
    let mut t = template.split_whitespace().collect::<Vec<_>>().join(" ");

    // PS: path-like pieces between path delimiters become <*>
    let path_delim = |c: char| " ,!;:=|\"'[](){}".contains(c);
    t = map_pieces(&t, path_delim, |p| {
        let is_path = p.starts_with('/') && p[1..].split('/').all(|s| !s.is_empty());
        is_path.then(|| "<*>".to_string())
    });

    // BL, US, DG, WV on pieces between all token delimiters
    let tok_delim = |c: char| path_delim(c) || ".-+@#$%&".contains(c);
    t = map_pieces(&t, tok_delim, |p| {
        let lower = p.to_ascii_lowercase();
        if ["true", "false", "null", "root", "admin"].contains(&lower.as_str()) {
            return Some("<*>".into());
        }
        if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) {
            return Some("<*>".into());
        }
        if p.contains("<*>") && !p.contains('/') && !p.contains(char::is_whitespace) {
            return Some("<*>".into());
        }
        None
    });

    // DV then CV
    while t.contains("<*>.<*>") {
        t = t.replace("<*>.<*>", "<*>");
    }
    while t.contains("<*><*>") {
        t = t.replace("<*><*>", "<*>");
    }
    t
}

/// Split `s` into maximal non-delimiter pieces (delimiters kept as is) and
/// replace the pieces for which `f` returns a value.
fn map_pieces(s: &str, delim: impl Fn(char) -> bool, f: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if delim(c) {
            let piece = &s[start..i];
            out.push_str(&f(piece).unwrap_or_else(|| piece.to_string()));
            out.push(c);
            start = i + c.len_utf8();
        }
    }
    let piece = &s[start..];
    out.push_str(&f(piece).unwrap_or_else(|| piece.to_string()));
    out
}
