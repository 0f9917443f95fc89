//! `askloki logql query` on the embedded engine or on Loki, and
//! `askloki push`: the same request, the same Loki-shaped output.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use askloki::engine::data::{self, Opened};
use askloki::engine::ingest::{self, IngestOptions};
use askloki::engine::Engine;
use askloki::logql;
use askloki::loki::{choose_step, push::PushOptions};
use askloki::source::{Direction, InstantQuery, LogSource, QueryResponse, RangeQuery};
use clap::{ArgGroup, Args};

use crate::connect::LokiArgs;
use crate::{ingest_options, print_stdout};

/// Where a query's logs come from and which window it reads.
#[derive(Args)]
#[command(group(ArgGroup::new("source").required(true).args(["data", "loki"])))]
pub struct QueryArgs {
    /// A log file (ingested once, then cached), a store file, or a data directory.
    #[arg(long)]
    data: Option<PathBuf>,
    /// Memory one query may hold at once on local data, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = askloki::engine::DEFAULT_QUERY_MEMORY >> 20)]
    max_query_memory: usize,
    #[command(flatten)]
    loki: LokiArgs,
    /// Instant query at this time (RFC3339, Unix seconds or nanoseconds, or
    /// `latest`: the newest entry's time, with --data).
    #[arg(long, conflicts_with_all = ["start", "end", "step"])]
    time: Option<String>,
    /// Range start (default: end - 1h; with --data and no --end, the first entry).
    #[arg(long)]
    start: Option<String>,
    /// Range end, exclusive for log lines (default: now; with --data and no --start, just after the last entry).
    #[arg(long)]
    end: Option<String>,
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
    let (start, end) = match (start, end, span) {
        (Some(s), Some(e), _) => (s, e),
        (Some(s), None, _) => (s, now),
        (None, Some(e), _) => (e.saturating_sub(HOUR_NS), e),
        (None, None, Some((first, last))) => (first, last.saturating_add(1)),
        (None, None, None) => (now - HOUR_NS, now),
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
            if let Some(report) = report {
                tracing::info!("{}", report.to_string().trim_end());
                for w in &report.warnings {
                    eprintln!("warning: {w}");
                }
            }
            let engine = Engine::new(store).with_limits(askloki::engine::Limits {
                max_query_bytes: args.max_query_memory << 20,
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
    if response.truncated {
        eprintln!(
            "note: the result holds {} lines, the limit; more may match (raise --limit up to 5000 or narrow the time range)",
            args.limit
        );
    }
    print_stdout(&response.result.to_loki_json().to_string())
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
) -> anyhow::Result<ExitCode> {
    let client = loki.client()?;
    let (store, report) = ingest::ingest_files(files, opts)?;
    eprint!("{report}");
    let push_opts = PushOptions {
        shift_to: shift_to_now.then(now_ns),
        ..PushOptions::default()
    };
    let result = runtime()?.block_on(client.push_store(&store, push_opts))?;
    eprint!("{result}");
    Ok(if result.rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
