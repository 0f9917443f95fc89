//! The AskLoki backend as Grafana runs it: go-plugin's handshake on
//! stdout, then the pluginv2 gRPC services on a loopback port, logs to
//! stderr in the form go-plugin reads (`[LEVEL] message`).

use std::io::Write;

use anyhow::Context;
use askloki::plugin::{Plugin, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE};
use tokio_stream::wrappers::TcpListenerStream;

mod log_format;

// Static (musl) builds only: musl's malloc serialises threads on one lock,
// and the parsers, JSON and gRPC allocate from every worker; mimalloc keeps
// them at the glibc build's speed (docs/deploy.md, "Static builds").
// glibc's allocator is already fast: glibc builds (tests, development)
// keep it and compile no extra C.
#[cfg(target_env = "musl")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    if std::env::var(MAGIC_COOKIE_KEY).as_deref() != Ok(MAGIC_COOKIE_VALUE) {
        eprintln!(
            "gpx_askloki is a Grafana plugin: Grafana starts it (with {MAGIC_COOKIE_KEY}={MAGIC_COOKIE_VALUE}).\n\
             To ask questions from a terminal, use the askloki command."
        );
        std::process::exit(1);
    }
    log_format::init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve())
}

async fn serve() -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .context("binding a loopback port")?;
    let addr = listener.local_addr()?;
    let plugin = Plugin::new();
    let (data, diagnostics, resource, controller) = plugin.services();
    let (mut reporter, health) = tonic_health::server::health_reporter();
    // go-plugin checks the service named "plugin"; others check "".
    reporter
        .set_service_status("plugin", tonic_health::ServingStatus::Serving)
        .await;
    reporter
        .set_service_status("", tonic_health::ServingStatus::Serving)
        .await;
    let stopped = {
        let plugin = plugin.clone();
        async move {
            let mut term =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                    .expect("a SIGTERM handler");
            tokio::select! {
                _ = plugin.stopped() => {}
                _ = term.recv() => tracing::info!("SIGTERM: stopping"),
            }
        }
    };
    // Frames of thousands of lines: windows big enough to send them in
    // one go rather than 64 KiB at a time.
    let server = tonic::transport::Server::builder()
        .initial_stream_window_size(Some(8 << 20))
        .initial_connection_window_size(Some(16 << 20))
        .add_service(health)
        .add_service(data)
        .add_service(diagnostics)
        .add_service(resource)
        .add_service(controller)
        .serve_with_incoming_shutdown(TcpListenerStream::new(listener), stopped);
    // The handshake: core protocol 1, app protocol 2, over gRPC.
    let mut stdout = std::io::stdout();
    writeln!(stdout, "1|2|tcp|{addr}|grpc")?;
    stdout.flush()?;
    tracing::info!(%addr, version = env!("CARGO_PKG_VERSION"), "AskLoki plugin serving");
    server.await.context("the gRPC server failed")?;
    Ok(())
}
