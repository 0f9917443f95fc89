//! `askloki logql query` on the embedded engine or on Loki, and
//! `askloki push`: the same request, the same Loki-shaped output.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use askloki::engine::data::{self, Opened};
use askloki::engine::ingest::{self, IngestOptions};
use askloki::engine::{Engine, Store};
use askloki::logql;
use askloki::loki::{choose_step, push::PushOptions, LokiClient};
use askloki::source::{
    Direction, Entry, InstantQuery, Labels, LogSource, QueryResponse, QueryResult, RangeQuery,
    Stream,
};
use clap::{ArgGroup, Args};

use crate::connect::LokiArgs;
use crate::{ingest_options, print_stdout};

/// Where a query's logs come from and which window it reads.
#[derive(Args)]
#[command(group(ArgGroup::new("source").args(["data", "loki"])))]
pub struct QueryArgs {
    /// A log file (ingested once, then cached), a store file, or a data directory.
    #[arg(long)]
    data: Option<PathBuf>,
    /// Memory one query may hold at once on local data, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = askloki::engine::DEFAULT_QUERY_MEMORY >> 20)]
    max_query_memory: usize,
    /// Most series one query may answer on local data (Loki's
    /// max_query_series): raise it to list many groups, e.g. a count per IP.
    #[arg(long, value_name = "N", default_value_t = askloki::engine::Limits::default().max_series)]
    max_series: usize,
    #[command(flatten)]
    loki: LokiArgs,
    /// Instant query at this time (RFC3339, Unix seconds or nanoseconds, or
    /// `latest`: the newest entry's time, with --data).
    #[arg(long, conflicts_with_all = ["start", "end", "step"])]
    time: Option<String>,
    /// Range start (default: end - --since; with --data and no --end, the first entry).
    #[arg(long, visible_alias = "from")]
    start: Option<String>,
    /// Range end, exclusive for log lines (default: now; with --data and no --start, just after the last entry).
    #[arg(long, visible_alias = "to")]
    end: Option<String>,
    /// How far back from the end a range starts when --start is not given
    /// (a duration, as logcli: 1h by default on Loki).
    #[arg(long, conflicts_with_all = ["start", "time"])]
    since: Option<String>,
    /// Log lines as Loki's JSON body (json), or as logcli prints them:
    /// `default` (time, labels, line), `raw` (the line), `jsonl` (an object a line).
    #[arg(short = 'o', long, value_enum, default_value_t = Output::Json)]
    output: Output,
    /// Say nothing on stderr but errors.
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Range step: a duration (30s, 5m) or seconds (default: Loki's, range/250, at most 11,000 points).
    #[arg(long)]
    step: Option<String>,
    /// Maximum number of log lines.
    #[arg(long, default_value_t = 100)]
    limit: u32,
    /// Order of log lines: forward or backward.
    #[arg(long, default_value = "backward")]
    direction: String,
    /// Labels for a plain-text --data file, e.g. '{app="web"}'.
    #[arg(long)]
    labels: Option<String>,
    #[command(flatten)]
    text: crate::TextArgs,
}

const HOUR_NS: i64 = 3_600_000_000_000;

/// How `logql query` prints log lines (metric results are always JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Output {
    /// Loki's `/query_range` JSON body.
    Json,
    /// `<RFC3339 time> <labels> <line>`, as logcli prints by default.
    Default,
    /// The line only.
    Raw,
    /// `{"labels":{…},"line":"…","timestamp":"…"}` a line.
    Jsonl,
}

fn parse_time(name: &str, text: &str) -> anyhow::Result<i64> {
    ingest::timestamp::parse_api_time(text).map_err(|e| anyhow::anyhow!("invalid --{name}: {e}"))
}

/// Loki's step forms: float seconds, or a Prometheus duration.
fn parse_step(text: &str) -> anyhow::Result<i64> {
    if let Ok(secs) = text.parse::<f64>() {
        if secs.is_finite() && (secs * 1e9).abs() < i64::MAX as f64 {
            return Ok((secs * 1e9) as i64);
        }
    }
    logql::duration::parse_model_duration(text)
        .ok_or_else(|| anyhow::anyhow!("invalid --step: cannot parse {text:?} to a valid duration"))
}

fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

enum Request {
    Instant(InstantQuery),
    Range(RangeQuery),
}

/// Turn the arguments into Loki's request. `span` is the data's own time
/// span when the source is local: the default window instead of the last
/// hour, which rarely holds a local file's lines.
fn request(args: &QueryArgs, query: &str, span: Option<(i64, i64)>) -> anyhow::Result<Request> {
    let direction = Direction::parse(&args.direction)
        .ok_or_else(|| anyhow::anyhow!("invalid direction '{}'", args.direction))?;
    let now = now_ns();
    if let Some(t) = &args.time {
        let time = match (t.as_str(), span) {
            ("latest", Some((_, last))) => last,
            _ => parse_time("time", t)?,
        };
        return Ok(Request::Instant(InstantQuery {
            query: query.to_string(),
            time,
            limit: args.limit,
            direction,
        }));
    }
    let start = args
        .start
        .as_deref()
        .map(|t| parse_time("start", t))
        .transpose()?;
    let end = args
        .end
        .as_deref()
        .map(|t| parse_time("end", t))
        .transpose()?;
    let since = args
        .since
        .as_deref()
        .map(|d| {
            logql::duration::parse_model_duration(d).ok_or_else(|| {
                anyhow::anyhow!("invalid --since: {d:?} is not a duration (30m, 2h, 7d)")
            })
        })
        .transpose()?;
    let (start, end) = match (start, end, span, since) {
        (Some(s), Some(e), _, _) => (s, e),
        (Some(s), None, _, _) => (s, now),
        (None, Some(e), _, since) => (e.saturating_sub(since.unwrap_or(HOUR_NS)), e),
        (None, None, Some((_, last)), Some(since)) => {
            let end = last.saturating_add(1);
            (end.saturating_sub(since), end)
        }
        (None, None, Some((first, last)), None) => (first, last.saturating_add(1)),
        (None, None, None, since) => (now - since.unwrap_or(HOUR_NS), now),
    };
    let step = args.step.as_deref().map(parse_step).transpose()?;
    // An explicit step is passed through (Loki itself refuses one that is
    // too small, with its own message); the default respects the cap.
    let step = step.unwrap_or_else(|| choose_step(start, end, None));
    Ok(Request::Range(RangeQuery {
        query: query.to_string(),
        start,
        end,
        step,
        limit: args.limit,
        direction,
    }))
}

pub fn run(args: QueryArgs, query: &str) -> anyhow::Result<ExitCode> {
    // Check the query before touching any data: a typo should not wait for
    // ingestion or a network round trip.
    logql::parse(query)?;
    let response = match &args.data {
        Some(path) => {
            let opts = ingest_options(args.labels.as_deref(), None, &args.text)?;
            let Opened { store, report, .. } = data::open(path, &opts)?;
            if let Some(report) = report.filter(|_| !args.quiet) {
                tracing::info!("{}", report.to_string().trim_end());
                for w in &report.warnings {
                    eprintln!("warning: {w}");
                }
            }
            let engine = Engine::new(store).with_limits(askloki::engine::Limits {
                max_query_bytes: args.max_query_memory << 20,
                max_series: args.max_series,
                ..Default::default()
            });
            let req = request(&args, query, engine.store().time_span())?;
            runtime()?.block_on(execute(&engine, &req))?
        }
        None => {
            let client = args.loki.client()?;
            let req = request(&args, query, None)?;
            runtime()?.block_on(execute(&client, &req))?
        }
    };
    if response.truncated && !args.quiet {
        eprintln!(
            "note: the result holds {} lines, the limit; more may match (raise --limit up to 5000 or narrow the time range)",
            args.limit
        );
    }
    let printed = match (&response.result, args.output) {
        (QueryResult::Streams(streams), output) if output != Output::Json => {
            let forward = args.direction.eq_ignore_ascii_case("forward");
            print_stdout(&log_lines(streams, output, forward))
        }
        _ => crate::write_stdout(|out| response.result.write_loki_json(out)),
    };
    // The process ends here: freeing a large answer piece by piece (a
    // million series) would only delay the exit.
    std::mem::forget(response);
    printed
}

/// Log lines as logcli prints them: all streams merged in time order.
fn log_lines(streams: &[Stream], output: Output, forward: bool) -> String {
    let mut rows: Vec<(&Labels, &Entry)> = streams
        .iter()
        .flat_map(|s| s.entries.iter().map(move |e| (&s.labels, e)))
        .collect();
    rows.sort_by_key(|(_, e)| e.ts);
    if !forward {
        rows.reverse();
    }
    let text: Vec<String> = rows
        .into_iter()
        .map(|(labels, e)| {
            let time = goformat::time::format_rfc3339_nano(e.ts);
            match output {
                Output::Raw => e.line.to_string(),
                Output::Jsonl => serde_json::json!({
                    "labels": labels.iter().collect::<std::collections::BTreeMap<_, _>>(),
                    "line": e.line,
                    "timestamp": time,
                })
                .to_string(),
                Output::Default | Output::Json => format!("{time} {labels} {}", e.line),
            }
        })
        .collect();
    text.join("\n")
}

/// The one place a request meets a source: the CLI does not care which.
async fn execute(source: &dyn LogSource, req: &Request) -> anyhow::Result<QueryResponse> {
    Ok(match req {
        Request::Instant(q) => source.query_instant(q).await?,
        Request::Range(q) => source.query_range(q).await?,
    })
}

pub fn push(
    loki: &LokiArgs,
    files: &[PathBuf],
    opts: &IngestOptions,
    shift_to_now: bool,
    anchor: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let client = loki.client()?;
    let (store, report) = ingest::ingest_files(files, opts)?;
    eprint!("{report}");
    let rt = runtime()?;
    let shift_to = match (shift_to_now, anchor) {
        (false, _) => None,
        (true, None) => Some(now_ns()),
        (true, Some(path)) => Some(rt.block_on(anchor_time(&client, &store, path))?),
    };
    let push_opts = PushOptions {
        shift_to,
        resume: true,
        ..PushOptions::default()
    };
    let result = rt.block_on(client.push_store(&store, push_opts))?;
    eprint!("{result}");
    Ok(if result.rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Where `--shift-to-now --anchor FILE` puts the newest entry: the time
/// FILE holds, while Loki still holds entries pushed there; else now,
/// written to FILE before anything is pushed. A re-run thus sends the very
/// entries of the first run (which Loki keeps once) instead of a copy at a
/// new "now" whose older part Loki would refuse as too far behind.
async fn anchor_time(client: &LokiClient, store: &Store, path: &Path) -> anyhow::Result<i64> {
    let newest = store.time_span().map_or(0, |(_, newest)| newest);
    if path.exists() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the anchor {}", path.display()))?;
        let t = parse_anchor(&text).with_context(|| {
            format!(
                "{} does not hold an RFC 3339 time; delete it to anchor the logs at now",
                path.display()
            )
        })?;
        if client.holds_any(store, t - newest).await? {
            eprintln!(
                "anchor {}: the newest entry goes to {} as in the first push",
                path.display(),
                format_anchor(t)
            );
            return Ok(t);
        }
        eprintln!(
            "anchor {}: Loki holds nothing pushed at {} (its data was removed); anchoring at now",
            path.display(),
            format_anchor(t)
        );
    }
    let t = now_ns();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating {} for the anchor", dir.display()))?;
    }
    // Written whole or not at all: a half-written anchor would fail the
    // next run.
    let tmp = path.with_extension("tmp");
    std::fs::write(
        &tmp,
        format!(
            "{}\n# askloki push --anchor: where --shift-to-now put the newest entry; delete this file to move the logs to a new now\n",
            format_anchor(t)
        ),
    )
    .and_then(|()| std::fs::rename(&tmp, path))
    .with_context(|| format!("writing the anchor {}", path.display()))?;
    eprintln!(
        "anchor {}: the newest entry goes to {} (now)",
        path.display(),
        format_anchor(t)
    );
    Ok(t)
}

fn format_anchor(t: i64) -> String {
    chrono::DateTime::from_timestamp_nanos(t).to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

fn parse_anchor(text: &str) -> anyhow::Result<i64> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .context("the file is empty")?;
    chrono::DateTime::parse_from_rfc3339(line)?
        .timestamp_nanos_opt()
        .context("the time is out of range")
}
