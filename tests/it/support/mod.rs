//! Shared test support. An in-test HTTP server that answers as Loki (or an
//! OpenAI-compatible endpoint) does: the test decides each
//! answer (status, headers, body, delay, or a reset connection) and every
//! request is recorded for assertions. Plain HTTP/1.1 over tokio, one
//! request per connection.

#![allow(dead_code)]

pub mod layouts;
pub mod time_truth;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub enum Reply {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
        delay: Duration,
    },
    /// Close the connection without answering.
    Reset,
}

impl Reply {
    pub fn json(body: impl Into<String>) -> Reply {
        Reply::Respond {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    /// Loki answers errors as plain text.
    pub fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }

    pub fn with_status(mut self, code: u16) -> Reply {
        if let Reply::Respond { status, .. } = &mut self {
            *status = code;
        }
        self
    }

    pub fn after(mut self, d: Duration) -> Reply {
        if let Reply::Respond { delay, .. } = &mut self {
            *delay = d;
        }
        self
    }
}

type Handler = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

pub struct TestLoki {
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl TestLoki {
    /// Serve on a free loopback port; `handler` gets each request and its
    /// index (0 for the first).
    pub async fn start(
        handler: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static,
    ) -> TestLoki {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests: Arc<Mutex<Vec<Recorded>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let recorded = requests.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let handler = handler.clone();
                let recorded = recorded.clone();
                tokio::spawn(async move {
                    let Some(req) = read_request(&mut socket).await else {
                        return;
                    };
                    let index = {
                        let mut all = recorded.lock().unwrap();
                        all.push(req.clone());
                        all.len() - 1
                    };
                    match handler(&req, index) {
                        Reply::Reset => {
                            let _ = socket.set_zero_linger();
                            drop(socket);
                        }
                        Reply::Respond {
                            status,
                            headers,
                            body,
                            delay,
                        } => {
                            tokio::time::sleep(delay).await;
                            let mut head = format!(
                                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                                body.len()
                            );
                            for (k, v) in headers {
                                head.push_str(&format!("{k}: {v}\r\n"));
                            }
                            head.push_str("\r\n");
                            let _ = socket.write_all(head.as_bytes()).await;
                            let _ = socket.write_all(body.as_bytes()).await;
                            let _ = socket.shutdown().await;
                        }
                    }
                });
            }
        });
        TestLoki {
            url: format!("http://{addr}"),
            requests,
        }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let header_end = loop {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_string();
    let target = first.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[header_end + 4..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    Some(Recorded {
        method,
        path: path.to_string(),
        query,
        headers,
        body,
    })
}

/// Whether a test that reads these Loghub samples must be skipped: on a
/// machine with nothing beside the clone they are missing (scripts/test.sh
/// names the skipped tests); where `ASKLOKI_REQUIRE_LOGHUB` is set (CI, and
/// test.sh when it found them) a missing sample fails instead.
#[allow(dead_code)]
pub fn skip_without_loghub(names: &[&str]) -> bool {
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| !loghub(n).exists())
        .collect();
    if missing.is_empty() {
        return false;
    }
    if std::env::var_os("ASKLOKI_REQUIRE_LOGHUB").is_some() {
        panic!("the Loghub samples {missing:?} are missing (looked in ../shared/loghub and $ASKLOKI_LOGHUB)");
    }
    eprintln!("skipped: needs the Loghub samples {missing:?}");
    true
}

/// A Loghub 2k sample: beside the checkout (`../shared/loghub`), or where
/// `ASKLOKI_LOGHUB` says.
#[allow(dead_code)]
pub fn loghub(name: &str) -> PathBuf {
    std::env::var_os("ASKLOKI_LOGHUB")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/loghub"))
        .join(name)
        .join(format!("{name}_2k.log"))
}

/// The lines of the shipped example log, examples/logs/sshd.log.
pub fn sshd_lines() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/logs/sshd.log");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Runs the `askloki` binary with its caches in `cache`: (exit code,
/// stdout, stderr).
pub fn askloki(args: &[&str], cache: &Path) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_askloki"))
        .args(args)
        .env("ASKLOKI_CACHE_DIR", cache)
        .output()
        .expect("the askloki binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
