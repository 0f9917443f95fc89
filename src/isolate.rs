//! One request never takes a process down: work for one refId or one
//! resource call runs as its own task, and a panic in it becomes that
//! request's error (and a log line) instead of silence or a dead process.
//! Stack overflows are aborts, not panics; those are prevented where trees
//! are built from untrusted text (`logql::MAX_DEPTH`, the template parser's
//! nesting limit, serde_json's recursion limit).

use std::any::Any;
use std::future::Future;

/// What a task left behind when it panicked, as text for an error.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// The error a request gets when its task failed.
pub fn internal_error(what: &str, join: tokio::task::JoinError) -> String {
    let cause = if join.is_panic() {
        panic_message(join.into_panic().as_ref())
    } else {
        "the task was cancelled".to_string()
    };
    tracing::error!(what, cause, "a request failed inside the plugin");
    format!("AskLoki failed internally while answering this {what} ({cause}); other requests are unaffected. Please report it with the query.")
}

/// Run `work` as its own task; a panic comes back as an error message.
pub async fn run<T, F>(what: &str, work: F) -> Result<T, String>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    tokio::spawn(work)
        .await
        .map_err(|e| internal_error(what, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_becomes_an_error_and_the_runtime_goes_on() {
        let failed: Result<(), String> = run("query", async { panic!("boom at row 3") }).await;
        let err = failed.unwrap_err();
        assert!(err.contains("boom at row 3"), "{err}");
        assert_eq!(run("query", async { 41 + 1 }).await, Ok(42));
    }
}
