//! `askloki ask`: a question in, LogQL, results and an answer out.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use askloki::ask::cache::QueryCache;
use askloki::ask::understand::Clock;
use askloki::ask::{labels_of, Answer, AskError, Asker};
use askloki::engine::data::{self, Opened};
use askloki::engine::Engine;
use askloki::knowledge::{self, Knowledge};
use askloki::source::TimeRange;
use clap::{ArgGroup, Args};

use crate::connect::{LlmArgs, LokiArgs};
use crate::{ingest_options, print_stdout};

#[derive(Args)]
#[command(group(ArgGroup::new("source").args(["data", "loki"])))]
pub struct AskArgs {
    /// Local logs: a log file, a store file or a data directory.
    #[arg(long)]
    data: Option<PathBuf>,
    /// Memory one query may hold at once on local data, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = askloki::engine::DEFAULT_QUERY_MEMORY >> 20)]
    max_query_memory: usize,
    #[command(flatten)]
    loki: LokiArgs,
    #[command(flatten)]
    llm: LlmArgs,
    /// A knowledge base built by `askloki index` (with --data one is built on the fly).
    #[arg(long)]
    knowledge: Option<PathBuf>,
    /// Labels for a plain-text --data file, e.g. '{app="web"}'.
    #[arg(long)]
    labels: Option<String>,
    #[command(flatten)]
    text: crate::TextArgs,
    /// The window when the question names none (default: the data's span, or the last hour on Loki).
    #[arg(long)]
    start: Option<String>,
    #[arg(long)]
    end: Option<String>,
    /// The time zone questions are read in ("since 10:00", "yesterday"):
    /// local, UTC, an offset like +05:30, or an IANA name like Europe/Berlin.
    #[arg(long, default_value = "local", allow_hyphen_values = true)]
    tz: crate::zone::Zone,
    /// A fixed offset from UTC in minutes instead of --tz (older scripts).
    #[arg(long, allow_hyphen_values = true, conflicts_with = "tz")]
    utc_offset_minutes: Option<i32>,
    /// Print {"logql", "result", "answer", "attempts"} as JSON.
    #[arg(long)]
    json: bool,
    /// Also show how the question was read, what was retrieved and every attempt.
    #[arg(long)]
    explain: bool,
    /// Run this LogQL for the question instead of generating one (still
    /// checked against the scope); `$__range` and `$__interval` work.
    #[arg(long, value_name = "QUERY")]
    logql: Option<String>,
    /// Remember the query that answers, so later asks of this question run
    /// it without generation.
    #[arg(long)]
    pin: bool,
    /// Neither read nor write the cache of generated queries.
    #[arg(long)]
    no_cache: bool,
    question: String,
}

const HOUR_NS: i64 = 3_600_000_000_000;

fn parse_time(name: &str, t: &str) -> anyhow::Result<i64> {
    askloki::engine::ingest::timestamp::parse_api_time(t)
        .map_err(|e| anyhow::anyhow!("invalid --{name}: {e}"))
}

pub fn run(args: AskArgs) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let zone = match args.utc_offset_minutes {
        Some(m) => crate::zone::Zone::Fixed(m.saturating_mul(60)),
        None => args.tz.clone(),
    };
    let given =
        |name: &str, v: &Option<String>| v.as_deref().map(|t| parse_time(name, t)).transpose();
    let (start, end) = (given("start", &args.start)?, given("end", &args.end)?);
    let loaded: Option<Knowledge> = args.knowledge.as_deref().map(knowledge::load).transpose()?;
    let llm = args.llm.client()?;
    let cache = if args.no_cache {
        None
    } else {
        data::cache_dir()
            .map(|d| QueryCache::open(&d.join("queries.json"), 1000))
            .transpose()?
    };
    let answer = match &args.data {
        Some(path) => {
            let opts = ingest_options(args.labels.as_deref(), None, &args.text)?;
            let Opened {
                store,
                report,
                cache: store_cache,
            } = data::open(path, &opts)?;
            let (first, last) = store.time_span().context("the data holds no log lines")?;
            let scope = match &args.loki.scope {
                Some(s) => s.clone(),
                None => {
                    crate::templates::common_selector(store.streams().iter().map(|s| &s.labels))
                }
            };
            anyhow::ensure!(
                !scope.is_empty(),
                "the streams share no label to scope the questions to; give --scope '{{name=\"value\"}}'"
            );
            let knowledge = match loaded {
                Some(k) => k,
                None => cached_knowledge(path, &store, &scope, store_cache, report.is_some()),
            };
            let engine = Engine::new(store).with_limits(askloki::engine::Limits {
                max_query_bytes: args.max_query_memory << 20,
                ..Default::default()
            });
            let window = (start.unwrap_or(first), end.unwrap_or(last + 1));
            let labels = runtime.block_on(labels_of(
                &engine,
                TimeRange {
                    start: first,
                    end: last + 1,
                },
            ));
            // Relative times ("last 2 hours") count back from the newest line.
            let clock = Clock {
                now: last + 1,
                utc_offset_secs: zone.offset_at(last + 1),
            };
            let mut asker = Asker::new(&engine, scope, window, clock);
            asker.knowledge = Some(&knowledge);
            asker.labels = labels;
            asker.llm = llm.as_ref();
            asker.cache = cache.as_ref();
            runtime.block_on(ask(&asker, &args))?
        }
        None => {
            let client = args.loki.client()?;
            let scope = args.loki.scope.clone().context(
                "--scope is required with --loki: the stream selector questions are asked within",
            )?;
            let now = Clock::system(0).now;
            let clock = Clock::system(zone.offset_at(now));
            let window = (
                start.unwrap_or(clock.now - HOUR_NS),
                end.unwrap_or(clock.now),
            );
            let labels = runtime.block_on(labels_of(
                &client,
                TimeRange {
                    start: window.0,
                    end: window.1,
                },
            ));
            let mut asker = Asker::new(&client, scope, window, clock);
            asker.knowledge = loaded.as_ref();
            asker.labels = labels;
            asker.llm = llm.as_ref();
            asker.cache = cache.as_ref();
            runtime.block_on(ask(&asker, &args))?
        }
    };
    if let Some(c) = &cache {
        if let Err(e) = c.save() {
            tracing::warn!("{e}");
        }
    }
    print_answer(&answer, &args)
}

/// The knowledge of a `--data` store: the cached one when the store file,
/// the scope and the build match, else built now and cached.
fn cached_knowledge(
    path: &std::path::Path,
    store: &askloki::engine::Store,
    scope: &str,
    store_cache: Option<PathBuf>,
    ingested: bool,
) -> Knowledge {
    // The store file the knowledge is keyed by: the cached store, or the
    // store the user gave; a file ingested without a cache gets no cached
    // knowledge either.
    let store_file = match (store_cache, ingested) {
        (Some(c), _) => Some(c),
        (None, false) if path.is_dir() => Some(path.join(data::STORE_FILE)),
        (None, false) => Some(path.to_path_buf()),
        (None, true) => None,
    };
    let cached = store_file
        .zip(data::cache_dir())
        .map(|(f, root)| knowledge::cache::cache_dir_for(&root.join("knowledge"), &f, scope));
    knowledge::cache::load_or_build(store, scope, &path.display().to_string(), cached.as_deref())
}

/// The answer as JSON (`--json`) or text, with the reasoning (`--explain`).
fn print_answer(answer: &Answer, args: &AskArgs) -> anyhow::Result<ExitCode> {
    if args.json {
        let body = serde_json::json!({
            "logql": answer.logql,
            "result": answer.result.to_loki_json()["data"],
            "answer": answer.written.as_deref().unwrap_or(&answer.answer),
            "summary": answer.answer,
            "origin": answer.origin,
            "attempts": answer.attempts,
            "llm_tokens": answer.llm_usage,
        });
        return print_stdout(&body.to_string());
    }
    // A picture of the numbers for a person at a terminal; pipes and
    // scripts get the plain text.
    let picture = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        crate::plot::picture(&answer.result)
            .map(|p| format!("\n\n{p}"))
            .unwrap_or_default()
    } else {
        String::new()
    };
    let mut out = match &answer.written {
        Some(w) => format!(
            "{w}\n\n{}{picture}\n\nLogQL: {}",
            answer.answer, answer.logql
        ),
        None => format!("{}{picture}\n\nLogQL: {}", answer.answer, answer.logql),
    };
    if args.explain {
        let u = &answer.understanding;
        out.push_str(&format!(
            "\n\nread as: {:?}, by {:?}, measure {:?}, keywords {:?}, entities {:?}",
            u.intent, u.by, u.measure, u.keywords, u.entities
        ));
        for w in &answer.why {
            out.push_str(&format!("\nwhy: {w}"));
        }
        for (i, a) in answer.attempts.iter().enumerate() {
            let outcome = match &a.error {
                Some(e) => format!("failed: {e}"),
                None => format!("{} returned", a.returned),
            };
            out.push_str(&format!(
                "\nattempt {} ({}): {} — {outcome}",
                i + 1,
                a.origin.as_str(),
                a.logql
            ));
        }
    }
    print_stdout(&out)
}

/// A pinned query from --logql, else the pipeline; --pin remembers the result.
async fn ask(asker: &Asker<'_>, args: &AskArgs) -> Result<Answer, AskError> {
    let answer = match &args.logql {
        Some(q) => asker.ask_pinned(&args.question, q).await?,
        None => asker.ask(&args.question).await?,
    };
    if args.pin {
        match asker.cache {
            Some(c) => c.pin(&asker.cache_key(&args.question), &answer.reusable),
            None => tracing::warn!("--pin has no effect with --no-cache"),
        }
    }
    Ok(answer)
}
