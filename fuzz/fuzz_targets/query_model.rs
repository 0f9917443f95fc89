//! The plugin's query model arrives as JSON from any Grafana user: it must
//! decode or fail with an error, never panic, whatever its nesting.
#![no_main]

use askloki::plugin::model::QueryModel;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(model) = serde_json::from_slice::<QueryModel>(data) {
        if let Some(q) = model.logql.as_deref() {
            let _ = askloki::logql::parse(q);
        }
    }
});
