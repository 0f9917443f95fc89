//! The `askloki` command line: a thin shell over the library.

use std::process::ExitCode;

use std::path::PathBuf;

use anyhow::Context;
use askloki::engine::data::{self, Opened};
use askloki::engine::ingest::{self, IngestOptions};
use askloki::engine::{disk, Engine};
use askloki::logql::{self, QueryFacts, Scope};
use askloki::source::{Direction, InstantQuery, RangeQuery};
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "askloki",
    version,
    about = "Ask questions of your logs in plain language"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Work with LogQL queries: check, format, scope, run.
    Logql {
        #[command(subcommand)]
        command: LogqlCommand,
    },
    /// Read log files into an embedded store (Arrow IPC) for fast queries.
    Ingest {
        /// Log files: Loki push JSON, JSON lines of push bodies, or plain text (gzip ok).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Labels for plain-text lines, e.g. '{app="web"}' (default: {filename="<name>"}).
        #[arg(long)]
        labels: Option<String>,
        /// Year for timestamps without one (syslog); default: the file's modification year.
        #[arg(long)]
        year: Option<i32>,
        /// Where to write the store: a directory (store.arrow inside) or a file.
        #[arg(long)]
        out: PathBuf,
    },
}

/// Where a query's logs come from and which window it reads.
#[derive(Args)]
struct QueryArgs {
    /// A log file (ingested once, then cached), a store file, or a data directory.
    #[arg(long)]
    data: PathBuf,
    /// Instant query at this time (RFC3339, Unix seconds or nanoseconds, or
    /// `latest`: the newest entry's time).
    #[arg(long, conflicts_with_all = ["start", "end", "step"])]
    time: Option<String>,
    /// Range start (default: the first entry when --end is also absent, else end - 1h).
    #[arg(long)]
    start: Option<String>,
    /// Range end, exclusive for log lines (default: just after the last entry when --start is also absent, else now).
    #[arg(long)]
    end: Option<String>,
    /// Range step: a duration (30s, 5m) or seconds (default: Loki's, range/250).
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
}

#[derive(Subcommand)]
enum LogqlCommand {
    /// Check a query: exit 0 when valid, exit 1 with the error on stderr when not.
    Check {
        query: String,
        /// Also require the query to stay inside this scope selector.
        #[arg(long)]
        scope: Option<String>,
    },
    /// Print a query in canonical form.
    Fmt {
        query: String,
        /// Rewrite the query so it stays inside this scope selector.
        #[arg(long)]
        scope: Option<String>,
    },
    /// Print what a query reads and costs, without running it.
    Facts { query: String },
    /// Run a query on local logs and print Loki's JSON response body.
    Query {
        #[command(flatten)]
        args: QueryArgs,
        query: String,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ASKLOKI_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Logql { command } => run_logql(command),
        Command::Ingest {
            files,
            labels,
            year,
            out,
        } => {
            let opts = ingest_options(labels.as_deref(), year)?;
            let (store, report) = ingest::ingest_files(&files, &opts)?;
            eprint!("{report}");
            let path = if out.is_dir() || out.extension().is_none() {
                std::fs::create_dir_all(&out)
                    .with_context(|| format!("creating {}", out.display()))?;
                out.join(data::STORE_FILE)
            } else {
                out
            };
            disk::save(&store, &path)?;
            eprintln!("wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn ingest_options(labels: Option<&str>, year: Option<i32>) -> anyhow::Result<IngestOptions> {
    Ok(IngestOptions {
        labels: labels.map(ingest::parse_labels).transpose()?,
        default_year: year,
    })
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

fn run_query(args: QueryArgs, query: &str) -> anyhow::Result<ExitCode> {
    let direction = Direction::parse(&args.direction)
        .ok_or_else(|| anyhow::anyhow!("invalid direction '{}'", args.direction))?;
    // Check the query before touching the data: a typo should not wait for ingestion.
    logql::parse(query)?;
    let opts = ingest_options(args.labels.as_deref(), None)?;
    let Opened { store, report, .. } = data::open(&args.data, &opts)?;
    if let Some(report) = report {
        tracing::info!("{}", report.to_string().trim_end());
        for w in &report.warnings {
            eprintln!("warning: {w}");
        }
    }
    let engine = Engine::new(store);
    let result = if let Some(t) = &args.time {
        let time = match (t.as_str(), engine.store().time_span()) {
            ("latest", Some((_, last))) => last,
            _ => parse_time("time", t)?,
        };
        engine.query_instant(&InstantQuery {
            query: query.to_string(),
            time,
            limit: args.limit,
            direction,
        })
    } else {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as i64)
            .unwrap_or(0);
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
        let (start, end) = match (start, end) {
            (Some(s), Some(e)) => (s, e),
            (Some(s), None) => (s, now),
            (None, Some(e)) => (e - HOUR_NS, e),
            // Local files are rarely from the last hour: default to their span.
            (None, None) => match engine.store().time_span() {
                Some((first, last)) => (first, last + 1),
                None => (now - HOUR_NS, now),
            },
        };
        let step = match &args.step {
            Some(s) => parse_step(s)?,
            None => ((end - start) / 1_000_000_000 / 250).max(1) * 1_000_000_000,
        };
        engine.query_range(&RangeQuery {
            query: query.to_string(),
            start,
            end,
            step,
            limit: args.limit,
            direction,
        })
    };
    print_stdout(&result?.to_loki_json().to_string())
}

/// Print a result; a closed pipe (`| head`) ends quietly instead of panicking.
fn print_stdout(text: &str) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}

fn scoped(query: &str, scope: Option<&str>) -> anyhow::Result<logql::Expr> {
    let mut expr = logql::parse(query)?;
    if let Some(scope) = scope {
        let scope = Scope::parse(scope).context("--scope")?;
        scope.apply(&mut expr)?;
    }
    Ok(expr)
}

fn run_logql(command: LogqlCommand) -> anyhow::Result<ExitCode> {
    match command {
        LogqlCommand::Check { query, scope } => {
            let mut expr = logql::parse(&query)?;
            if let Some(scope) = scope {
                let scope = Scope::parse(&scope).context("--scope")?;
                scope.apply(&mut expr)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        LogqlCommand::Fmt { query, scope } => {
            println!("{}", scoped(&query, scope.as_deref())?);
            Ok(ExitCode::SUCCESS)
        }
        LogqlCommand::Facts { query } => {
            let expr = logql::parse(&query)?;
            let f = QueryFacts::of(&expr);
            println!("kind: {}", if f.is_log { "log" } else { "metric" });
            println!("selectors: {}", f.selectors);
            println!(
                "max range: {}",
                logql::duration::format_model_duration(f.max_range)
            );
            println!(
                "max offset: {}",
                logql::duration::format_go_duration(f.max_offset)
            );
            println!("parsers: {}", f.parsers.join(", "));
            println!("positive line filters: {}", f.positive_line_filters);
            println!("regex line filters: {}", f.regex_line_filters);
            println!("unwrap: {}", f.has_unwrap);
            println!("unbounded series: {}", f.unbounded_series);
            Ok(ExitCode::SUCCESS)
        }
        LogqlCommand::Query { args, query } => run_query(args, &query),
    }
}
