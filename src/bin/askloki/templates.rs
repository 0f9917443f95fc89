//! `askloki templates mine|list` and `askloki index`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use askloki::engine::data::{self, Opened};
use askloki::knowledge::{self, BuildOptions, Knowledge, KnowledgeBuilder, SampleOptions};
use askloki::mining::{Miner, MinerConfig};
use askloki::source::TimeRange;
use clap::{ArgGroup, Args};
use indicatif::{ProgressBar, ProgressStyle};

use crate::connect::LokiArgs;
use crate::ingest_options;

/// `askloki templates mine FILE`: one JSON line per input line, in order:
/// `{"line":N,"template":"...","template_id":"..."}`.
pub fn mine(file: &Path) -> anyhow::Result<ExitCode> {
    let reader: Box<dyn BufRead> = if file == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
        Box::new(std::io::BufReader::with_capacity(1 << 20, f))
    };
    let mut miner = Miner::new(MinerConfig::default());
    let mut clusters = Vec::new();
    let mut buf = Vec::new();
    let mut reader = reader;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let raw = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        clusters.push(miner.add(&String::from_utf8_lossy(raw)));
    }
    miner.finish();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for (n, c) in clusters.iter().enumerate() {
        let t = miner.template(*c);
        let row = serde_json::json!({"line": n + 1, "template": t.text, "template_id": t.id});
        if let Err(e) = writeln!(out, "{row}") {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(e.into());
        }
    }
    out.flush().ok();
    Ok(ExitCode::SUCCESS)
}

/// `askloki templates list DIR`
pub fn list(dir: &Path) -> anyhow::Result<ExitCode> {
    use std::fmt::Write as _;
    let k = knowledge::load(dir)?;
    let mut out = String::new();
    let scope = if k.scope.is_empty() {
        "all streams"
    } else {
        &k.scope
    };
    writeln!(
        out,
        "{} templates over {} lines of {scope} (from {})",
        k.templates.len(),
        k.lines,
        k.source
    )?;
    if let Some(f) = &k.fields {
        let names: Vec<String> = f
            .fields
            .iter()
            .take(12)
            .map(|p| format!("{}:{}", p.name, p.kind.name()))
            .collect();
        let more = f.fields.len().saturating_sub(names.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{} fields ({}): {}{more}; see askloki templates fields",
            f.fields.len(),
            f.format.name(),
            names.join(", ")
        )?;
    }
    write!(
        out,
        "{:<16}  {:>8}  {:<5}  template",
        "id", "count", "exact"
    )?;
    for t in &k.templates {
        let exact = if t.queries.exact { "yes" } else { "no" };
        write!(
            out,
            "\n{:<16}  {:>8}  {exact:<5}  {}",
            t.id, t.count, t.text
        )?;
        if !t.params.is_empty() {
            let params: Vec<String> = t
                .params
                .iter()
                .map(|p| format!("{}:{} ({} distinct)", p.name, p.kind.name(), p.cardinality))
                .collect();
            write!(out, "\n{:<33}params: {}", "", params.join(", "))?;
        }
        write!(out, "\n{:<33}select: {}", "", t.queries.selection())?;
    }
    crate::print_stdout(&out)
}

#[derive(Args)]
#[command(group(ArgGroup::new("from").args(["data", "loki"])))]
pub struct IndexArgs {
    /// Build from local logs: a log file, a store file or a data directory.
    #[arg(long)]
    data: Option<PathBuf>,
    #[command(flatten)]
    loki: LokiArgs,
    /// The streams to describe, e.g. '{namespace="prod"}' (required with --loki).
    #[arg(long)]
    selector: Option<String>,
    /// How far back to sample from Loki (a duration; default 24h, or
    /// since the knowledge base's newest line when refreshing).
    #[arg(long)]
    since: Option<String>,
    /// Labels for a plain-text --data file.
    #[arg(long)]
    labels: Option<String>,
    #[command(flatten)]
    text: crate::TextArgs,
    /// Lines sampled per stream from Loki.
    #[arg(long, default_value_t = 5000)]
    lines_per_stream: usize,
    /// Where the knowledge base lives; an existing one is refreshed.
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    llm: crate::connect::LlmArgs,
    /// Ask the LLM (--llm-url) for a one-line summary of each template.
    #[arg(long)]
    summarize: bool,
    /// Embed each template with --llm-embedding-model, for hybrid retrieval.
    #[arg(long)]
    embed: bool,
}

fn bar(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template(&format!(
            "{what} {{bar:40}} {{pos}}/{{len}} {{msg}} ({{elapsed}})"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}

/// `askloki index`
pub fn index(args: IndexArgs) -> anyhow::Result<ExitCode> {
    // An older or broken knowledge base is rebuilt, not refreshed.
    let existing = match args.out.join(knowledge::KNOWLEDGE_FILE).exists() {
        true => match knowledge::load(&args.out) {
            Ok(k) => Some(k),
            Err(e) => {
                eprintln!("rebuilding from scratch: {e}");
                None
            }
        },
        false => None,
    };
    let built = match &args.data {
        Some(path) => index_data(&args, path)?,
        None => index_loki(&args, existing.as_ref())?,
    };
    // Local data is read whole every time: the new build replaces the old.
    // From Loki only lines after the old build are sampled: they add up.
    let knowledge = match existing {
        Some(mut old) if old.scope == built.scope && args.data.is_none() => {
            old.merge(built);
            old
        }
        _ => built,
    };
    let mut knowledge = knowledge;
    if args.summarize || args.embed {
        enrich(&args, &mut knowledge)?;
    }
    let exact = knowledge
        .templates
        .iter()
        .filter(|t| t.queries.exact)
        .count();
    let path = knowledge::save(&knowledge, &args.out)?;
    eprintln!(
        "{} templates ({} with exactly verified LogQL) over {} lines; wrote {}",
        knowledge.templates.len(),
        exact,
        knowledge.lines,
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// LLM summaries and embeddings; what could not be done is reported, and
/// the knowledge base is saved either way.
fn enrich(args: &IndexArgs, k: &mut Knowledge) -> anyhow::Result<()> {
    use askloki::knowledge::enrich;
    let llm = args
        .llm
        .client()?
        .context("--summarize and --embed need an LLM endpoint: give --llm-url")?;
    anyhow::ensure!(
        !args.embed || llm.config().embedding_model.is_some(),
        "--embed needs --llm-embedding-model"
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut report = enrich::EnrichReport::default();
    let pb = ProgressBar::new_spinner().with_message(format!(
        "asking the LLM about {} templates",
        k.templates.len()
    ));
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    runtime.block_on(async {
        if args.summarize {
            enrich::summarize(k, &llm, &mut report).await;
        }
        if args.embed {
            enrich::embed(k, &llm, &mut report).await;
        }
    });
    pb.finish_and_clear();
    eprintln!(
        "{} templates summarized, {} embedded{}",
        report.summarized,
        report.embedded,
        match &report.first_error {
            Some(e) => format!("; {} requests failed, the first with: {e}", report.failures),
            None => String::new(),
        }
    );
    Ok(())
}

/// From local logs: every line of the selected streams.
fn index_data(args: &IndexArgs, path: &Path) -> anyhow::Result<Knowledge> {
    let opts = ingest_options(args.labels.as_deref(), None, &args.text)?;
    let Opened { store, .. } = data::open(path, &opts)?;
    let matchers = match &args.selector {
        Some(s) => {
            let askloki::logql::Expr::Log(log) = askloki::logql::parse(s)? else {
                anyhow::bail!("--selector must be a stream selector such as '{{app=\"web\"}}'");
            };
            log.selector
        }
        None => Vec::new(),
    };
    let streams: Vec<_> = store
        .streams()
        .iter()
        .filter(|s| {
            matchers.iter().all(|m| {
                let v = s.labels.get(&m.name).unwrap_or("");
                match m.op {
                    askloki::logql::MatchOp::Eq => v == m.value,
                    askloki::logql::MatchOp::Neq => v != m.value,
                    askloki::logql::MatchOp::Re => {
                        askloki::logql::regex_check::compile_anchored(&m.value)
                            .is_ok_and(|r| r.is_match(v))
                    }
                    askloki::logql::MatchOp::Nre => {
                        !askloki::logql::regex_check::compile_anchored(&m.value)
                            .is_ok_and(|r| r.is_match(v))
                    }
                }
            })
        })
        .collect();
    let scope = args
        .selector
        .clone()
        .unwrap_or_else(|| common_selector(streams.iter().map(|s| &s.labels)));
    let mut builder =
        KnowledgeBuilder::new(&scope, &path.display().to_string(), BuildOptions::default());
    let total: usize = streams.iter().map(|s| s.len()).sum();
    let pb = bar(total as u64, "mining");
    for s in &streams {
        for (i, &ts) in s.timestamps().iter().enumerate() {
            builder.add(&s.labels, ts, s.line(i));
            if i % 4096 == 0 {
                pb.set_position(builder.lines());
            }
        }
    }
    pb.finish_and_clear();
    Ok(builder.finish())
}

/// The labels every stream shares, as a selector (`{}`-free: at least one
/// matcher, else empty).
pub fn common_selector<'a>(
    mut labels: impl Iterator<Item = &'a askloki::source::Labels>,
) -> String {
    let Some(first) = labels.next() else {
        return String::new();
    };
    let mut common = first.clone();
    for l in labels {
        common.retain(|k, v| l.get(k) == Some(v));
    }
    if common.is_empty() {
        String::new()
    } else {
        knowledge::sample::selector_of(&common)
    }
}

/// From Loki: a bounded sample per stream over the window.
fn index_loki(args: &IndexArgs, existing: Option<&Knowledge>) -> anyhow::Result<Knowledge> {
    let selector = args
        .selector
        .clone()
        .context("--selector is required with --loki (which streams to describe)")?;
    let client = args.loki.client()?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    let start = match (&args.since, existing) {
        (Some(d), existing) => {
            let since = now.saturating_sub(
                askloki::logql::duration::parse_model_duration(d)
                    .with_context(|| format!("--since {d:?}: give a duration such as 6h or 7d"))?,
            );
            // Never sample again what the knowledge base already counted.
            match existing {
                Some(k) if k.scope == selector && k.covered_until > 0 => {
                    since.max(k.covered_until + 1)
                }
                _ => since,
            }
        }
        (None, Some(k)) if k.scope == selector && k.covered_until > 0 => k.covered_until + 1,
        (None, _) => now - 24 * 3_600_000_000_000,
    };
    let mut opts = SampleOptions::new(TimeRange { start, end: now });
    opts.lines_per_stream = args.lines_per_stream;
    let mut builder = KnowledgeBuilder::new(
        &selector,
        &askloki::redact::redacted_url(&client.config().url),
        BuildOptions::default(),
    );
    let pb = bar(0, "sampling");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let report = runtime.block_on(knowledge::sample_source(
        &client,
        &selector,
        opts,
        &mut builder,
        &mut |done, total| {
            pb.set_length(total);
            pb.set_position(done);
        },
    ))?;
    pb.finish_and_clear();
    eprintln!(
        "sampled {} lines ({} bytes) from {} streams{}",
        report.lines,
        report.bytes,
        report.streams,
        if report.capped_streams > 0 {
            format!(
                "; {} streams stopped at the per-stream bound",
                report.capped_streams
            )
        } else {
            String::new()
        }
    );
    Ok(builder.finish())
}
