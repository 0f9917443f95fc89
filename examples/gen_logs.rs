//! Generate realistic synthetic logs for benchmarks: web-service access
//! lines in logfmt, or the same events as JSON lines.
//!
//! `cargo run --release --example gen_logs -- logfmt 1000000000 > app.log`
//! `cargo run --release --example gen_logs -- json 200000000 > app.json.log`
//!
//! Deterministic (a fixed xorshift seed), so runs compare like with like.

use std::io::{BufWriter, Write};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const METHODS: &[&str] = &["GET", "GET", "GET", "POST", "PUT", "DELETE"];
const PATHS: &[&str] = &[
    "/api/users",
    "/api/orders",
    "/api/cart",
    "/api/search",
    "/health",
    "/api/payments",
    "/static/app.js",
    "/api/inventory",
];
const AGENTS: &[&str] = &[
    "curl/8.5.0",
    "Mozilla/5.0",
    "python-requests/2.31",
    "Go-http-client/1.1",
];
const MESSAGES: &[&str] = &[
    "request served",
    "request served",
    "request served",
    "cache miss",
    "slow upstream response",
    "upstream connection refused",
    "retrying request",
    "user session expired",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(kind), Some(bytes)) = (args.get(1), args.get(2).and_then(|b| b.parse::<u64>().ok()))
    else {
        eprintln!("usage: gen_logs logfmt|json BYTES > FILE");
        std::process::exit(2);
    };
    let json = kind == "json";
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let out = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, out.lock());
    let mut written = 0u64;
    // 2024-05-01T00:00:00Z, advancing a few milliseconds per line.
    let mut ms: u64 = 1_714_521_600_000;
    let mut line = String::new();
    while written < bytes {
        ms += rng.below(5);
        let (secs, milli) = (ms / 1000, ms % 1000);
        let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
        let day = 1 + (secs - 1_714_521_600) / 86_400;
        let status = match rng.below(100) {
            0..=84 => 200,
            85..=89 => 404,
            90..=94 => 302,
            95..=97 => 500,
            _ => 503,
        };
        let level = if status >= 500 {
            "error"
        } else if status >= 400 {
            "warn"
        } else {
            "info"
        };
        let method = rng.pick(METHODS);
        let path = rng.pick(PATHS);
        let id = rng.below(100_000);
        let took = 1 + rng.below(if status >= 500 { 5000 } else { 300 });
        let ip = (10, rng.below(256), rng.below(256), 1 + rng.below(254));
        let msg = if status >= 500 {
            "upstream connection refused"
        } else {
            rng.pick(MESSAGES)
        };
        let agent = rng.pick(AGENTS);
        line.clear();
        use std::fmt::Write as _;
        let ts = format!("2024-05-{day:02}T{h:02}:{m:02}:{s:02}.{milli:03}Z");
        if json {
            let _ = write!(
                line,
                r#"{{"ts":"{ts}","level":"{level}","method":"{method}","path":"{path}/{id}","status":{status},"took_ms":{took},"client":{{"ip":"{}.{}.{}.{}","agent":"{agent}"}},"msg":"{msg}"}}"#,
                ip.0, ip.1, ip.2, ip.3
            );
        } else {
            let _ = write!(
                line,
                r#"{ts} level={level} method={method} path={path}/{id} status={status} took={took}ms ip={}.{}.{}.{} agent="{agent}" msg="{msg}""#,
                ip.0, ip.1, ip.2, ip.3
            );
        }
        line.push('\n');
        if out.write_all(line.as_bytes()).is_err() {
            return;
        }
        written += line.len() as u64;
    }
    let _ = out.flush();
}
