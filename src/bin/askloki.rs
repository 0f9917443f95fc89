//! The `askloki` command line: a thin shell over the library.

use std::process::ExitCode;

use anyhow::Context;
use askloki::logql::{self, QueryFacts, Scope};
use clap::{Parser, Subcommand};

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
    /// Work with LogQL queries: check, format, scope.
    Logql {
        #[command(subcommand)]
        command: LogqlCommand,
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
    }
}
