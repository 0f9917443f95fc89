//! One datasource as the plugin serves it: its log source (Loki, or the
//! embedded engine over local data), its LLM client, its query cache, its
//! label list, and its knowledge base, built in the background, kept in a
//! data directory and refreshed on a schedule.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::operator::OperatorSettings;
use super::resources::Caller;
use super::settings::{Settings, SettingsError, SourceSettings};
use crate::ask::cache::QueryCache;
use crate::engine::data;
use crate::engine::Engine;
use crate::knowledge::{self, BuildOptions, Knowledge, KnowledgeBuilder, SampleOptions};
use crate::llm::{Audit, LlmClient, LlmError};
use crate::loki::{LokiClient, LokiError};
use crate::source::{LogSource, TimeRange};

#[derive(Debug, thiserror::Error)]
pub enum InstanceError {
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error("the Loki settings are unusable: {0}")]
    Loki(#[from] LokiError),
    #[error("the LLM settings are unusable: {0}")]
    Llm(#[from] LlmError),
    #[error("the local data cannot be opened: {0}")]
    Data(#[from] data::DataError),
}

#[derive(Debug, Clone, PartialEq)]
pub enum KnowledgeState {
    Empty,
    Building,
    Ready,
    Failed(String),
}

struct Status {
    state: KnowledgeState,
    built_at: Option<i64>,
}

pub struct Instance {
    pub settings: Settings,
    pub source: Arc<dyn LogSource>,
    pub llm: Option<LlmClient>,
    pub cache: QueryCache,
    /// For the embedded source: the engine, whose store the knowledge reads.
    engine: Option<Arc<Engine>>,
    knowledge: RwLock<Option<Arc<Knowledge>>>,
    status: Mutex<Status>,
    labels: Mutex<Option<(Instant, LabelList)>>,
    data_dir: Option<PathBuf>,
    llm_quota: RateLimiter,
}

/// The LLM as one request may use it.
pub struct RequestLlm {
    /// A session of the datasource's client: this request's placeholders,
    /// audit lines naming the user. None: no LLM, or the user's quota is spent.
    pub client: Option<LlmClient>,
    /// Why the LLM was left out, for the user.
    pub notice: Option<String>,
}

/// LLM requests per user per minute, as token buckets (`0`: no limit).
struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
            buckets: Mutex::default(),
        }
    }

    /// Take one request from `user`'s bucket; false when it is empty.
    fn take(&self, user: &str) -> bool {
        if self.per_minute == 0 {
            return true;
        }
        let capacity = f64::from(self.per_minute);
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let (tokens, at) = buckets.entry(user.to_string()).or_insert((capacity, now));
        let refill = now.duration_since(*at).as_secs_f64() * capacity / 60.0;
        *tokens = (*tokens + refill).min(capacity);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Label names with some of their values.
pub type LabelList = Vec<(String, Vec<String>)>;

/// Label lists are fetched at most this often.
const LABELS_TTL: Duration = Duration::from_secs(300);

/// Where knowledge bases are kept: the operator's `data_dir` (default
/// `$GF_PATHS_DATA/askloki`), else the user cache.
fn data_root(operator: &OperatorSettings) -> Option<PathBuf> {
    operator.data_dir.clone().or_else(|| {
        std::env::var_os("HOME").map(|h| {
            PathBuf::from(h)
                .join(".cache")
                .join("askloki")
                .join("plugin")
        })
    })
}

impl Instance {
    pub fn new(
        settings: Settings,
        operator: &OperatorSettings,
    ) -> Result<Arc<Instance>, InstanceError> {
        let (source, engine): (Arc<dyn LogSource>, Option<Arc<Engine>>) = match &settings.source {
            SourceSettings::Loki(c) => (Arc::new(LokiClient::new((**c).clone())?), None),
            SourceSettings::Embedded(path) => {
                let opened = data::open(path, &Default::default())?;
                let limits = crate::engine::Limits {
                    max_query_bytes: settings.max_query_bytes,
                    ..Default::default()
                };
                let engine = Arc::new(Engine::new(opened.store).with_limits(limits));
                (engine.clone(), Some(engine))
            }
        };
        let llm = settings.llm.clone().map(LlmClient::new).transpose()?;
        let data_dir = data_root(operator).map(|r| r.join(sanitize(&settings.uid)));
        let instance = Arc::new(Instance {
            settings,
            source,
            llm,
            cache: QueryCache::in_memory(1000),
            engine,
            knowledge: RwLock::new(None),
            status: Mutex::new(Status {
                state: KnowledgeState::Empty,
                built_at: None,
            }),
            labels: Mutex::new(None),
            data_dir,
            llm_quota: RateLimiter::new(operator.llm_requests_per_minute),
        });
        instance.load_saved();
        Ok(instance)
    }

    /// The window metadata calls use when the caller gives none: the last
    /// hour on Loki, the data's whole span on the embedded engine.
    pub fn default_range(&self) -> TimeRange {
        if let Some((first, last)) = self.engine.as_ref().and_then(|e| e.store().time_span()) {
            return TimeRange {
                start: first,
                end: last + 1,
            };
        }
        let now = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(i64::MAX);
        TimeRange {
            start: now - 3_600_000_000_000,
            end: now,
        }
    }

    pub fn knowledge(&self) -> Option<Arc<Knowledge>> {
        self.knowledge
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The knowledge base, waiting up to `patience` for one being built
    /// (the first questions after a start); None if there is none by then.
    pub async fn knowledge_within(&self, patience: Duration) -> Option<Arc<Knowledge>> {
        let started = Instant::now();
        loop {
            if let Some(k) = self.knowledge() {
                return Some(k);
            }
            if self.state() != KnowledgeState::Building || started.elapsed() >= patience {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub fn state(&self) -> KnowledgeState {
        self.status
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .state
            .clone()
    }

    /// A knowledge base saved earlier for this scope, if any.
    fn load_saved(&self) {
        let Some(dir) = &self.data_dir else {
            return;
        };
        if !dir.join(knowledge::KNOWLEDGE_FILE).exists() {
            return;
        }
        match knowledge::load(dir) {
            Ok(k) if k.scope == self.settings.scope => self.publish(k),
            Ok(_) => {
                tracing::info!(uid = %self.settings.uid, "the saved knowledge base is for another scope; rebuilding")
            }
            Err(e) => {
                tracing::warn!(uid = %self.settings.uid, "ignoring the saved knowledge base: {e}")
            }
        }
    }

    fn publish(&self, k: Knowledge) {
        let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner());
        status.state = KnowledgeState::Ready;
        status.built_at = Some(chrono::Utc::now().timestamp_millis());
        *self.knowledge.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(k));
    }

    /// Build (or refresh) the knowledge base in the background, unless a
    /// build is already running; returns whether one was started.
    pub fn start_knowledge(self: &Arc<Self>) -> bool {
        {
            let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner());
            if status.state == KnowledgeState::Building {
                return false;
            }
            status.state = KnowledgeState::Building;
        }
        let me = self.clone();
        tokio::spawn(async move {
            match me.build_knowledge().await {
                Ok(k) => {
                    if let Some(dir) = &me.data_dir {
                        if let Err(e) = std::fs::create_dir_all(dir)
                            .map_err(|e| e.to_string())
                            .and_then(|_| knowledge::save(&k, dir).map_err(|e| e.to_string()))
                        {
                            tracing::warn!(uid = %me.settings.uid, "could not keep the knowledge base: {e}");
                        }
                    }
                    tracing::info!(uid = %me.settings.uid, templates = k.templates.len(), "knowledge base ready");
                    me.publish(k);
                }
                Err(e) => {
                    tracing::warn!(uid = %me.settings.uid, "knowledge base build failed: {e}");
                    let mut status = me.status.lock().unwrap_or_else(|p| p.into_inner());
                    status.state = KnowledgeState::Failed(e);
                }
            }
        });
        true
    }

    /// Refresh on the configured schedule while the instance lives.
    pub fn schedule_refresh(self: &Arc<Self>) {
        let Some(every) = self.settings.refresh else {
            return;
        };
        let weak: Weak<Instance> = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                let Some(me) = weak.upgrade() else {
                    return;
                };
                me.start_knowledge();
            }
        });
    }

    async fn build_knowledge(&self) -> Result<Knowledge, String> {
        let scope = self.settings.scope.clone();
        if let Some(engine) = &self.engine {
            let engine = engine.clone();
            let source = self.settings.uid.clone();
            return tokio::task::spawn_blocking(move || {
                let mut b = KnowledgeBuilder::new(&scope, &source, BuildOptions::default());
                b.add_store(engine.store());
                b.finish()
            })
            .await
            .map_err(|e| e.to_string());
        }
        // From Loki: sample the last day (or since the last build) and merge.
        let now = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(i64::MAX);
        let previous = self.knowledge();
        let start = previous
            .as_ref()
            .map_or(now - 24 * 3_600_000_000_000, |k| k.covered_until + 1);
        let selector = if scope.trim().is_empty() {
            let names = self
                .source
                .labels(TimeRange { start, end: now })
                .await
                .map_err(|e| e.to_string())?;
            let name = names
                .into_iter()
                .find(|n| !n.starts_with("__"))
                .ok_or("Loki has no labels in the last day: nothing to learn from yet")?;
            // Every stream that has the label.
            crate::logql::Expr::Log(crate::logql::LogExpr {
                selector: vec![crate::logql::Matcher::new(
                    name,
                    crate::logql::MatchOp::Re,
                    ".+",
                )],
                pipeline: Vec::new(),
            })
            .to_string()
        } else {
            scope.clone()
        };
        let mut opts = SampleOptions::new(TimeRange { start, end: now });
        opts.lines_per_stream = self.settings.sample_lines;
        let mut b = KnowledgeBuilder::new(&scope, &self.settings.name, BuildOptions::default());
        knowledge::sample_source(&*self.source, &selector, opts, &mut b, &mut |_, _| {})
            .await
            .map_err(|e| e.to_string())?;
        let built = b.finish();
        Ok(match previous {
            Some(old) => {
                let mut merged = (*old).clone();
                merged.merge(built);
                merged
            }
            None => built,
        })
    }

    /// An asker over this datasource: its source, scope, LLM, cache and
    /// limits, with the knowledge and labels the caller fetched.
    /// The LLM for one user's request, within their per-minute quota.
    pub fn llm_for(&self, caller: &Caller) -> RequestLlm {
        let Some(llm) = &self.llm else {
            return RequestLlm {
                client: None,
                notice: None,
            };
        };
        let user = if caller.login.is_empty() {
            "(anonymous)"
        } else {
            caller.login.as_str()
        };
        if !self.llm_quota.take(user) {
            tracing::warn!(user, datasource = %self.settings.uid, "LLM quota spent; answering without the LLM");
            return RequestLlm {
                client: None,
                notice: Some(format!(
                    "you asked the LLM more than {} times in a minute on this datasource: this answer comes from AskLoki's own planner",
                    self.llm_quota.per_minute
                )),
            };
        }
        RequestLlm {
            client: Some(llm.session(Some(Audit {
                user: user.to_string(),
                datasource: self.settings.uid.clone(),
            }))),
            notice: None,
        }
    }

    pub fn asker<'a>(
        &'a self,
        window: (i64, i64),
        knowledge: Option<&'a Knowledge>,
        labels: LabelList,
        llm: Option<&'a LlmClient>,
    ) -> crate::ask::Asker<'a> {
        let clock = crate::ask::understand::Clock::system(0);
        let mut asker =
            crate::ask::Asker::new(&*self.source, self.settings.scope.clone(), window, clock);
        asker.knowledge = knowledge;
        asker.labels = labels;
        asker.llm = llm;
        asker.cache = Some(&self.cache);
        asker.options.limits = self.settings.limits;
        asker
    }

    /// Label names and (some) values within the scope, cached for a while.
    pub async fn labels(&self, range: TimeRange) -> Vec<(String, Vec<String>)> {
        if let Some((at, labels)) = &*self.labels.lock().unwrap_or_else(|p| p.into_inner()) {
            if at.elapsed() < LABELS_TTL {
                return labels.clone();
            }
        }
        let out = crate::ask::labels_of(&*self.source, range).await;
        *self.labels.lock().unwrap_or_else(|p| p.into_inner()) =
            Some((Instant::now(), out.clone()));
        out
    }

    pub fn status_json(&self) -> Value {
        let status = self.status.lock().unwrap_or_else(|p| p.into_inner());
        let k = self.knowledge();
        let (state, error) = match &status.state {
            KnowledgeState::Empty => ("empty", None),
            KnowledgeState::Building => ("building", None),
            KnowledgeState::Ready => ("ready", None),
            KnowledgeState::Failed(e) => ("failed", Some(e.clone())),
        };
        json!({
            "source": match self.settings.source {
                SourceSettings::Loki(_) => "loki",
                SourceSettings::Embedded(_) => "embedded",
            },
            "scope": self.settings.scope,
            "llm": {
                "configured": self.llm.is_some(),
                "model": self.llm.as_ref().map(|l| l.config().model.clone()),
            },
            "knowledge": {
                "state": state,
                "templates": k.as_ref().map_or(0, |k| k.templates.len()),
                "lines": k.as_ref().map_or(0, |k| k.lines),
                "builtAt": status.built_at,
                "error": error,
            },
        })
    }
}

/// A uid as a directory name.
fn sanitize(uid: &str) -> String {
    let s: String = uid
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() {
        "default".into()
    } else {
        s
    }
}

/// The live instances, by datasource uid; a settings change (a new
/// `updated` time) replaces an instance.
#[derive(Default)]
pub struct Instances {
    map: Mutex<HashMap<String, Arc<Instance>>>,
    operator: OperatorSettings,
}

impl Instances {
    pub fn new(operator: OperatorSettings) -> Instances {
        Instances {
            map: Mutex::default(),
            operator,
        }
    }

    pub fn operator(&self) -> &OperatorSettings {
        &self.operator
    }

    pub fn get(
        &self,
        s: &super::proto::DataSourceInstanceSettings,
    ) -> Result<Arc<Instance>, InstanceError> {
        let key = if s.uid.is_empty() {
            s.id.to_string()
        } else {
            s.uid.clone()
        };
        if let Some(i) = self.map.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            if i.settings.updated == s.last_updated_ms {
                return Ok(i.clone());
            }
        }
        let mut settings = Settings::from_instance(s, &self.operator)?;
        settings.uid = key.clone();
        let instance = Instance::new(settings, &self.operator)?;
        instance.start_knowledge();
        instance.schedule_refresh();
        self.map
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, instance.clone());
        Ok(instance)
    }
}
