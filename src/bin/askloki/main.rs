//! The `askloki` command line: a thin shell over the library.

mod analyze;
mod ask;
mod connect;
mod fields;
mod plot;
mod query;
mod templates;
mod zone;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use askloki::engine::data;
use askloki::engine::disk;
use askloki::engine::ingest::{self, IngestOptions};
use askloki::logql::{self, QueryFacts, Scope};
use clap::{Parser, Subcommand};

use connect::LokiArgs;
use query::QueryArgs;

// Static (musl) builds only: musl's malloc serialises threads on one lock,
// and the parsers, JSON and gRPC allocate from every worker; mimalloc keeps
// them at the glibc build's speed (docs/deploy.md, "Static builds").
// glibc's allocator is already fast: glibc builds (tests, development)
// keep it and compile no extra C.
#[cfg(target_env = "musl")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        #[command(flatten)]
        text: TextArgs,
        /// Where to write the store: a directory (store.arrow inside) or a file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Analyse logs: parse, anomalies, explain, rootcause, recommend, or run an instruction.
    Analyze {
        #[command(subcommand)]
        command: analyze::AnalyzeCommand,
    },
    /// Ask a question of your logs in plain language.
    Ask {
        #[command(flatten)]
        args: Box<ask::AskArgs>,
    },
    /// Template mining and the knowledge base.
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// Build (or refresh) a knowledge base of the templates of a scope.
    Index {
        #[command(flatten)]
        args: Box<templates::IndexArgs>,
    },
    /// Load log files into Loki through its push API, in batches. Entries
    /// Loki already holds from an earlier push of the same files are not
    /// sent again.
    Push {
        #[command(flatten)]
        loki: LokiArgs,
        /// Log files, in any form `askloki ingest` reads.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Labels for plain-text lines, e.g. '{app="web"}'.
        #[arg(long)]
        labels: Option<String>,
        /// Year for timestamps without one (syslog).
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        text: TextArgs,
        /// Move the timestamps so the newest entry is now (Loki refuses old entries).
        #[arg(long)]
        shift_to_now: bool,
        /// Keep the "now" of --shift-to-now in this file: the first push
        /// writes it, later pushes reuse it while Loki still holds the
        /// entries, so re-running the push adds nothing twice.
        #[arg(long, value_name = "FILE", requires = "shift_to_now")]
        anchor: Option<PathBuf>,
    },
}

/// How plain-text lines are read.
#[derive(clap::Args)]
pub(crate) struct TextArgs {
    /// The lines' time pattern when inference cannot decide, e.g.
    /// 'yyyy-MM-dd HH:mm:ss,SSS', 'MMM dd HH:mm:ss', 'dd/MMM/yyyy:HH:mm:ss Z' or epoch_ms
    /// (where it sits in the line is still found).
    #[arg(long, value_name = "PATTERN")]
    time_format: Option<String>,
    /// Keep every line its own entry: do not join continuation lines (stack
    /// traces, tracebacks) to the entry before them.
    #[arg(long)]
    no_multiline: bool,
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Mine templates from a file of messages (one per line; - for stdin) and
    /// print {"line":N,"template":"...","template_id":"..."} per line.
    Mine { file: PathBuf },
    /// Show a knowledge base's templates.
    List { dir: PathBuf },
    /// Show the typed fields of structured lines (JSON, logfmt, access
    /// logs): of a knowledge base (DIR), or of a log or store file read now.
    Fields {
        path: PathBuf,
        /// Print the profiles as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        text: TextArgs,
    },
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
    /// Run a query on local logs (--data) or on Loki (--loki) and print Loki's JSON response body.
    Query {
        #[command(flatten)]
        args: Box<QueryArgs>,
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
    // A bug must still end in a clean error and exit status 1, never an
    // abort or Rust's exit status 101 with a backtrace hint.
    std::panic::set_hook(Box::new(|info| {
        let cause = askloki::isolate::panic_message(info.payload());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "askloki: internal error{at}: {cause}; please report it with the command you ran"
        );
        std::process::exit(1);
    }));
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
            text,
            out,
        } => {
            let opts = ingest_options(labels.as_deref(), year, &text)?;
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
        Command::Templates { command } => match command {
            TemplatesCommand::Mine { file } => templates::mine(&file),
            TemplatesCommand::List { dir } => templates::list(&dir),
            TemplatesCommand::Fields { path, json, text } => fields::run(&path, json, &text),
        },
        Command::Index { args } => templates::index(*args),
        Command::Ask { args } => ask::run(*args),
        Command::Analyze { command } => analyze::run(command),
        Command::Push {
            loki,
            files,
            labels,
            year,
            text,
            shift_to_now,
            anchor,
        } => {
            let opts = ingest_options(labels.as_deref(), year, &text)?;
            query::push(&loki, &files, &opts, shift_to_now, anchor.as_deref())
        }
    }
}

pub(crate) fn ingest_options(
    labels: Option<&str>,
    year: Option<i32>,
    text: &TextArgs,
) -> anyhow::Result<IngestOptions> {
    Ok(IngestOptions {
        labels: labels.map(ingest::parse_labels).transpose()?,
        default_year: year,
        time_format: text
            .time_format
            .as_deref()
            .map(str::parse)
            .transpose()
            .context("--time-format")?,
        multiline: !text.no_multiline,
    })
}

/// Print a result; a closed pipe (`| head`) ends quietly instead of panicking.
pub(crate) fn print_stdout(text: &str) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}

/// [`print_stdout`] for output written piece by piece (a large answer is
/// never held whole as text).
pub(crate) fn write_stdout(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush())
    {
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
            scoped(&query, scope.as_deref())?;
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
        LogqlCommand::Query { args, query } => query::run(*args, &query),
    }
}
