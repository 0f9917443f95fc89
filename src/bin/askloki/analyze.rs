//! `askloki analyze`: parse, anomalies, explain, rootcause, recommend, and
//! `run` for a free-form instruction routed to one of them.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use askloki::analyze::lines::{prepare, Prepared};
use askloki::analyze::{anomaly, explain, parse, recommend, rootcause, route, Task};
use askloki::engine::data::{self, Opened};
use askloki::source::Labels;
use clap::{Args, Subcommand};

use crate::connect::LlmArgs;
use crate::{ingest_options, print_stdout};

#[derive(Args)]
pub struct Input {
    /// A log file (or store) to analyse (`explain` and `recommend --line`
    /// can do without).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Labels for a plain-text file, e.g. '{app="web"}'.
    #[arg(long)]
    labels: Option<String>,
    #[command(flatten)]
    text: crate::TextArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum AnalyzeCommand {
    /// The templates of the logs, with counts and parameter types.
    Parse {
        #[command(flatten)]
        input: Input,
    },
    /// What is unusual: failure-like lines, spikes, new templates, error bursts.
    Anomalies {
        #[command(flatten)]
        input: Input,
        /// Print {"line":N,"anomalous":bool,"score":X} for every input line, in order.
        #[arg(long)]
        per_line: bool,
    },
    /// Explain one log line: its template, parameters, frequency, neighbours,
    /// failure class, component, usual causes and what to check first.
    Explain {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        llm: LlmArgs,
        /// The line to explain (put it after `--` if it starts with a dash).
        #[arg(allow_hyphen_values = true)]
        line: String,
    },
    /// What started before an error burst and went on with it.
    Rootcause {
        #[command(flatten)]
        input: Input,
        /// The burst's time (RFC3339 or Unix); default: the worst burst.
        #[arg(long)]
        at: Option<String>,
    },
    /// How to fix what the logs show (with an LLM: grounded in the evidence),
    /// or what one line (`--line`, or "…: LINE" in the question) calls for.
    Recommend {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        llm: LlmArgs,
        #[arg(long)]
        at: Option<String>,
        /// Advise on this line instead of the data's worst burst.
        #[arg(long, allow_hyphen_values = true)]
        line: Option<String>,
        /// What you want fixed, in your words.
        #[arg(default_value = "How do I fix this?")]
        question: String,
    },
    /// A free-form instruction ("what is unusual?", "explain: LINE", "what caused the errors?").
    Run {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        llm: LlmArgs,
        instruction: String,
    },
}

fn data_of(input: &Input) -> anyhow::Result<&Path> {
    input
        .data
        .as_deref()
        .context("this task reads logs: pass --data FILE")
}

/// Lines in time order, with their streams' labels (for findings).
fn by_time(input: &Input) -> anyhow::Result<Prepared> {
    let path = data_of(input)?;
    let opts = ingest_options(input.labels.as_deref(), None, &input.text)?;
    let Opened { store, .. } = data::open(path, &opts)?;
    let mut all: Vec<(Labels, i64, String)> = Vec::new();
    for s in store.streams() {
        for (i, &ts) in s.timestamps().iter().enumerate() {
            all.push((s.labels.clone(), ts, s.line(i).to_string()));
        }
    }
    all.sort_by_key(|x| x.1);
    anyhow::ensure!(!all.is_empty(), "{} holds no log lines", path.display());
    Ok(prepare(all))
}

/// Lines in file order, one per input line (for per-line verdicts).
fn by_file_order(path: &Path) -> anyhow::Result<Prepared> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let labels = Labels::from_pairs([(
        "filename".to_string(),
        path.file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
    )]);
    let mut all = Vec::new();
    for (i, line) in std::io::BufReader::new(file).split(b'\n').enumerate() {
        let mut bytes = line?;
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        all.push((
            labels.clone(),
            i as i64 * 1_000_000,
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    Ok(prepare(all))
}

fn parse_at(at: &Option<String>) -> anyhow::Result<Option<i64>> {
    at.as_deref()
        .map(|t| {
            askloki::engine::ingest::timestamp::parse_api_time(t)
                .map_err(|e| anyhow::anyhow!("invalid --at: {e}"))
        })
        .transpose()
}

fn scope_of(p: &Prepared) -> String {
    p.lines
        .first()
        .map(|l| askloki::knowledge::sample::selector_of(&l.labels))
        .unwrap_or_default()
}

fn time(ns: i64) -> String {
    goformat::time::format_rfc3339_nano(ns)
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

pub fn run(command: AnalyzeCommand) -> anyhow::Result<ExitCode> {
    match command {
        AnalyzeCommand::Parse { input } => do_parse(&input),
        AnalyzeCommand::Anomalies { input, per_line } => do_anomalies(&input, per_line),
        AnalyzeCommand::Explain { input, llm, line } => do_explain(&input, &llm, &line),
        AnalyzeCommand::Rootcause { input, at } => do_rootcause(&input, parse_at(&at)?),
        AnalyzeCommand::Recommend {
            input,
            llm,
            at,
            line,
            question,
        } => do_recommend(&input, &llm, parse_at(&at)?, line.as_deref(), &question),
        AnalyzeCommand::Run {
            input,
            llm,
            instruction,
        } => {
            let task = route(&instruction);
            eprintln!(
                "instruction read as: {}",
                serde_json::to_value(task)?.as_str().unwrap_or("?")
            );
            match task {
                Task::Parse => do_parse(&input),
                Task::Anomalies => do_anomalies(&input, false),
                Task::Explain => do_explain(&input, &llm, explain::line_of(&instruction)),
                Task::RootCause => do_rootcause(&input, None),
                Task::Recommend => do_recommend(&input, &llm, None, None, &instruction),
            }
        }
    }
}

fn do_parse(input: &Input) -> anyhow::Result<ExitCode> {
    let p = by_time(input)?;
    let t = parse::templates(&p);
    if input.json {
        return print_stdout(&serde_json::to_string(&t)?);
    }
    let mut out = format!("{} templates over {} lines:\n", t.len(), p.lines.len());
    for x in &t {
        out.push_str(&format!(
            "{:>7}  {}  [{}]\n",
            x.count,
            x.template,
            x.params.join(", ")
        ));
    }
    print_stdout(out.trim_end())
}

fn do_anomalies(input: &Input, per_line: bool) -> anyhow::Result<ExitCode> {
    if per_line {
        let p = by_file_order(data_of(input)?)?;
        let mut out = String::new();
        for v in anomaly::per_line(&p) {
            out.push_str(&serde_json::to_string(&v)?);
            out.push('\n');
        }
        return print_stdout(out.trim_end());
    }
    let p = by_time(input)?;
    let (scored, facts) = anomaly::score_all(&p);
    let f = anomaly::findings_from(&p, &scope_of(&p), &scored, &facts);
    if input.json {
        return print_stdout(&serde_json::to_string(&f)?);
    }
    let flagged = scored
        .iter()
        .filter(|s| s.score >= anomaly::THRESHOLD)
        .count();
    let mut out = format!(
        "{flagged} of {} lines read as failures; {} findings, most anomalous first:\n",
        p.lines.len(),
        f.len()
    );
    for x in f.iter().take(15) {
        out.push_str(&format!(
            "- {:.2} {:?}{} {} – {}: {} — {}\n  evidence: {}\n  e.g. {}\n",
            x.score,
            x.kind,
            x.class
                .map(|c| format!(" ({})", explain::class_id(c.info())))
                .unwrap_or_default(),
            time(x.start),
            time(x.end),
            x.template,
            x.summary,
            x.evidence,
            x.examples.first().map(String::as_str).unwrap_or("")
        ));
    }
    print_stdout(out.trim_end())
}

fn do_explain(input: &Input, llm: &LlmArgs, line: &str) -> anyhow::Result<ExitCode> {
    // Without data the line is read on its own.
    let p = match input.data {
        Some(_) => by_time(input)?,
        None => prepare([(Labels::default(), 0, line.to_string())]),
    };
    let mut e = explain::explain_line(&p, line);
    if input.data.is_none() {
        // No data to count it in: the line is of no known template.
        e.template = None;
        e.count = 0;
        e.first_seen = None;
        e.last_seen = None;
    }
    if let Some(client) = llm.client()? {
        if let Err(err) = runtime()?.block_on(explain::with_llm(&mut e, &client)) {
            eprintln!("no LLM explanation: {err}");
        }
    }
    if input.json {
        return print_stdout(&serde_json::to_string(&e)?);
    }
    let mut out = explain::describe(&e);
    if let Some(text) = &e.llm {
        out.push_str(&format!("\n{text}\n"));
    }
    print_stdout(out.trim_end())
}

fn do_rootcause(input: &Input, at: Option<i64>) -> anyhow::Result<ExitCode> {
    let p = by_time(input)?;
    let rc = rootcause::analyze(&p, at)
        .context("no error burst to analyse: no line reads as a failure")?;
    if input.json {
        return print_stdout(&serde_json::to_string(&rc)?);
    }
    let mut out = format!(
        "burst {} – {} ({} failure lines); candidates, most likely first:\n",
        time(rc.burst_start),
        time(rc.burst_end),
        rc.burst_lines
    );
    for c in &rc.candidates {
        out.push_str(&format!(
            "- {:.2} {} {}{} ({} lines from {}{})\n  e.g. {}\n",
            c.score,
            c.template,
            if c.source.is_empty() { "" } else { "from " },
            c.source,
            c.count,
            time(c.first),
            if c.precedes { ", before the burst" } else { "" },
            c.example
        ));
    }
    print_stdout(out.trim_end())
}

fn do_recommend(
    input: &Input,
    llm: &LlmArgs,
    at: Option<i64>,
    line: Option<&str>,
    question: &str,
) -> anyhow::Result<ExitCode> {
    if let Some(line) = line.or_else(|| recommend::line_in(question)) {
        return recommend_line(input, llm, line, question);
    }
    let p = by_time(input)?;
    let rc = rootcause::analyze(&p, at).context("nothing to fix: no line reads as a failure")?;
    let text = match llm.client()? {
        Some(client) => match runtime()?.block_on(recommend::with_llm(&rc, question, &client)) {
            Ok(t) => format!("{t}\n\nEvidence:\n{}", recommend::evidence(&rc)),
            Err(e) => {
                eprintln!("no LLM recommendation ({e}); what the evidence points at:");
                recommend::deterministic(&rc)
            }
        },
        None => recommend::deterministic(&rc),
    };
    if input.json {
        return print_stdout(
            &serde_json::json!({"recommendation": text, "rootcause": rc}).to_string(),
        );
    }
    print_stdout(text.trim_end())
}

/// What one line calls for: its class, component, usual causes and what to
/// check first; with an LLM, a fix written from that.
fn recommend_line(
    input: &Input,
    llm: &LlmArgs,
    line: &str,
    question: &str,
) -> anyhow::Result<ExitCode> {
    let advice = recommend::for_line(line);
    let plain = recommend::describe_line(&advice);
    let text = match llm.client()? {
        Some(client) => {
            match runtime()?.block_on(recommend::line_with_llm(&advice, question, &client)) {
                Ok(t) => format!("{t}\n\nEvidence:\n[E1] {plain}"),
                Err(e) => {
                    eprintln!("no LLM recommendation ({e}); what the line calls for:");
                    plain
                }
            }
        }
        None => plain,
    };
    if input.json {
        return print_stdout(
            &serde_json::json!({"recommendation": text, "line": advice}).to_string(),
        );
    }
    print_stdout(text.trim_end())
}
