//! The failure classes a log line can report, each with what usually
//! causes it and what to check first. One table, read by the scorer (each
//! failure cue names its class), by `explain` and by `recommend`, and
//! mirrored in the README's log-analysis section.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FailureClass {
    Liveness,
    Communication,
    Crash,
    Invariant,
    Hardware,
    Storage,
    Resource,
    Service,
    Integrity,
    Other,
}

/// One row of [`CLASSES`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClassInfo {
    pub class: FailureClass,
    /// Short name, as people say it.
    pub name: &'static str,
    /// What lines of this class report.
    pub reports: &'static str,
    pub usual_causes: &'static str,
    pub check_first: &'static str,
}

/// The documented failure classes.
pub const CLASSES: &[ClassInfo] = &[
    ClassInfo {
        class: FailureClass::Liveness,
        name: "lost liveness",
        reports: "a node, peer, process or device stopped answering: missed heartbeats, \
                  'not responding', a peer or member down, a lost quorum or signal, \
                  lockups and hung tasks",
        usual_causes: "the other side crashed, hung or rebooted; a network partition; \
                       overload or long pauses (garbage collection, swapping) that starve \
                       heartbeats",
        check_first: "whether the peer is up and reachable (its own logs, ping), load and \
                      pauses on both sides, the network path between them",
    },
    ClassInfo {
        class: FailureClass::Communication,
        name: "broken or refused communication",
        reports: "connections refused, reset or timed out; name resolution, TLS handshake \
                  and upstream failures; server-side (5xx) request failures; an open \
                  circuit breaker",
        usual_causes: "the server is down or not listening; a firewall or security group; \
                       DNS or certificate problems; an overloaded server answering too \
                       slowly",
        check_first: "the remote service's health and port (curl, nc), DNS resolution and \
                      certificates, recent network, firewall or deployment changes",
    },
    ClassInfo {
        class: FailureClass::Crash,
        name: "crash or fatal signal",
        reports: "segmentation faults, panics, aborts, uncaught exceptions and tracebacks, \
                  processes killed by a signal, processor faults",
        usual_causes: "a software bug; corrupt input or state; incompatible libraries after \
                       an upgrade; faulty memory",
        check_first: "the stack trace or core dump, what was deployed or upgraded recently, \
                      whether it repeats on the same input or the same host",
    },
    ClassInfo {
        class: FailureClass::Invariant,
        name: "violated assertion or invariant",
        reports: "assertion failures, kernel BUG reports, deadlocks, 'should never happen' \
                  states",
        usual_causes: "a bug or race in the component; state left inconsistent by an earlier \
                       failure",
        check_first: "the stack trace and version, the events just before it, the \
                      component's known issues",
    },
    ClassInfo {
        class: FailureClass::Hardware,
        name: "hardware error",
        reports: "machine checks, uncorrectable memory errors, SMART failures, bus errors, \
                  NIC link loss, thermal, fan and power faults",
        usual_causes: "a failing component (memory, disk, CPU, NIC, cable, power supply); \
                       overheating",
        check_first: "the hardware's error counters and event log (EDAC, SMART, BMC/IPMI), \
                      cabling and temperature; plan a replacement",
    },
    ClassInfo {
        class: FailureClass::Storage,
        name: "storage or filesystem failure",
        reports: "I/O errors, filesystem errors, failed mounts, read-only remounts, failed \
                  or degraded disks and arrays",
        usual_causes: "a failing disk, controller or path; an unreachable network or \
                       cluster filesystem server; a filesystem damaged by an earlier crash",
        check_first: "the kernel log for the device, SMART and array status, the storage \
                      server or path; fsck once unmounted",
    },
    ClassInfo {
        class: FailureClass::Resource,
        name: "resource exhausted",
        reports: "out of memory and OOM kills, full disks, too many open files, exhausted \
                  pools and queues, limits and thresholds exceeded",
        usual_causes: "a leak or steady growth, a load spike, limits set too low",
        check_first: "usage of the named resource against its limit, what grew recently; \
                      raise the limit or shed load",
    },
    ClassInfo {
        class: FailureClass::Service,
        name: "service or job failure",
        reports: "a service failed to start or exited with a failure status, a job, step or \
                  probe failed, restart loops, a degraded or unavailable service",
        usual_causes: "bad configuration or a bad deploy, a dependency that is down, or one \
                       of the other classes underneath",
        check_first: "the service's own status and logs (systemctl status, kubectl describe, \
                      the job's output), its last change, its dependencies",
    },
    ClassInfo {
        class: FailureClass::Integrity,
        name: "data integrity",
        reports: "corruption, checksum mismatches, inconsistent or diverged replicas, data \
                  loss",
        usual_causes: "failing storage or memory, an unclean shutdown, a replication bug or \
                       a split brain",
        check_first: "which objects are affected, the storage health underneath, backups \
                      and replicas to restore from",
    },
    ClassInfo {
        class: FailureClass::Other,
        name: "unclassified failure",
        reports: "error or failure wording without a recognised kind",
        usual_causes: "depends on the component",
        check_first: "the component's lines just before this one and its recent changes",
    },
];

impl FailureClass {
    pub fn info(self) -> &'static ClassInfo {
        CLASSES
            .iter()
            .find(|c| c.class == self)
            .expect("every class has a row")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_exactly_one_documented_row() {
        let all = [
            FailureClass::Liveness,
            FailureClass::Communication,
            FailureClass::Crash,
            FailureClass::Invariant,
            FailureClass::Hardware,
            FailureClass::Storage,
            FailureClass::Resource,
            FailureClass::Service,
            FailureClass::Integrity,
            FailureClass::Other,
        ];
        assert_eq!(CLASSES.len(), all.len());
        for c in all {
            assert_eq!(CLASSES.iter().filter(|r| r.class == c).count(), 1, "{c:?}");
            let i = c.info();
            assert!(!i.usual_causes.is_empty() && !i.check_first.is_empty());
        }
    }

    #[test]
    fn the_readme_documents_every_class() {
        let readme = include_str!("../../README.md");
        for c in CLASSES {
            let id = serde_json::to_value(c.class).unwrap();
            let row = format!("| `{}` | {} |", id.as_str().unwrap(), c.name);
            assert!(readme.contains(&row), "README lacks {row}");
        }
    }
}
