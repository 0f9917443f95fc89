//! General knowledge of how software and hardware report failure, as
//! weighted cues: phrases that report a failure of a class (log-odds > 0)
//! and benign look-alikes (< 0): routine statuses, recoveries, counts of
//! nothing, requested stops, clients' and users' own mistakes, security
//! controls doing their job, advisories, housekeeping. Written from how
//! kernels, daemons, runtimes, databases, schedulers, network gear and
//! devices word things, not from any one log's strings.
//!
//! Weights are log-odds: 4 says "a failure" on its own, 2–3.5 needs a
//! second sign (a level, another cue), below 2 only nudges. Phrases that
//! a specific failure can explain away (a missing file beside a library
//! that failed to load) are marked `yields`.

use std::sync::OnceLock;

use regex::RegexSet;
use serde::Serialize;

use super::classes::FailureClass::{self, *};
use super::views::Views;

/// One cue found in a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Log-odds: > 0 reads as a failure, < 0 as routine.
    pub weight: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<FailureClass>,
    /// A benign reading that a strong failure cue overrides.
    #[serde(skip)]
    pub yields: bool,
    /// A phrase or shape that names its failure, as opposed to a common
    /// word ("error", "failed") that the phrase may well contain.
    #[serde(skip)]
    pub specific: bool,
    pub why: &'static str,
}

/// A hit that says "failure" on its own (and overrides benign readings
/// that yield).
pub const STRONG: f64 = 4.0;

#[derive(Clone, Copy, PartialEq)]
enum View {
    /// Specific phrases: read the message as written (counts of nothing neutralised).
    Plain,
    /// Common words: read only where they are prose, not identifiers.
    Prose,
}

struct Cue {
    view: View,
    weight: f64,
    class: Option<FailureClass>,
    yields: bool,
    why: &'static str,
    pattern: &'static str,
}

const fn fail(class: FailureClass, weight: f64, why: &'static str, pattern: &'static str) -> Cue {
    Cue {
        view: View::Plain,
        weight,
        class: Some(class),
        yields: false,
        why,
        pattern,
    }
}

const fn word(
    class: Option<FailureClass>,
    weight: f64,
    why: &'static str,
    pattern: &'static str,
) -> Cue {
    Cue {
        view: View::Prose,
        weight,
        class,
        yields: false,
        why,
        pattern,
    }
}

/// A benign look-alike; `yields` to a strong failure cue.
const fn benign(
    view: View,
    weight: f64,
    yields: bool,
    why: &'static str,
    pattern: &'static str,
) -> Cue {
    Cue {
        view,
        weight: -weight,
        class: None,
        yields,
        why,
        pattern,
    }
}

/// Failure cues, in order of precedence when two classes weigh the same.
const FAILURES: &[Cue] = &[
    // Lost liveness.
    fail(
        Liveness,
        4.0,
        "stopped responding",
        r"(?i)\bnot respond(ing)?\b|\bstopped responding\b|\bno response from\b|\bunresponsive\b|\bANR in\b|\bapplication not responding\b",
    ),
    fail(
        Liveness,
        4.0,
        "missed heartbeat",
        r"(?i)\b(heartbeats?|keep-?alives?)\b(?:[^.;]|\.\S){0,60}\b(miss(ed|ing)?|fail(ed|ure)?|lost|late|timed? ?out|expired|overdue)\b|\b(missed|no|lost|failed)\b(?:[^.;]|\.\S){0,20}\bheartbeats?\b|\b(lease|renewal|check-?in)\b(?:[^.;]|\.\S){0,30}\b(overdue|missed|failed|lost|timed? ?out)\b",
    ),
    fail(
        Liveness,
        4.0,
        "quorum lost",
        r"(?i)\b(quorum|majority)\b(?:[^.;]|\.\S){0,30}\b(lost|loss|not (reached|available|present)|unavailable)\b|\b(lost|no|without)\s+(the\s+)?quorum\b",
    ),
    fail(
        Liveness,
        4.0,
        "lockup or hung task",
        r"(?i)\b(soft|hard) lockup\b|\bstuck for \d+\s*s|\bhung tasks?\b|\bblocked for more than \d+ seconds\b|\b(rcu|cpu)\b(?:[^.;]|\.\S){0,30}\bstall|\bwatchdog\b(?:[^.;]|\.\S){0,40}\b(timeout|timed out|expired|reset|bark|bite|did not|detected)\b",
    ),
    fail(
        Liveness,
        4.0,
        "lost contact",
        r"(?i)\b(lost|loss of)\s+(the\s+)?(connection|contact|communication|link|carrier|signal|sync(hroni[sz]ation)?|leader(ship)?|heartbeat|lease|power|redundancy|connectivity)\b|\b(signal|carrier|connection|contact|communication|connectivity|redundancy|leader(ship)?)\s+(lost|loss)\b",
    ),
    fail(
        Liveness,
        4.0,
        "monitoring stopped",
        r"(?i)\bmonitoring (suspended|stopped|interrupted|lost|unavailable)\b|\bno (readings|data|samples|telemetry|measurements|updates)\b(?:[^.;]|\.\S){0,20}\b(received|for|since|from)\b",
    ),
    fail(
        Liveness,
        3.5,
        "sensor or probe detached",
        r"(?i)\b(sensor|lead|electrode|transducer|probe)\s+(\S+\s+)?(disconnected|detached|dislodged|fell off|removed|lost)\b",
    ),
    fail(
        Liveness,
        4.0,
        "connection lost",
        r"(?i)\b(connection|link|contact|communication|session)\b(?:[^.;]|\.\S){0,60}\b((was|is|has been|got) )?lost\b",
    ),
    fail(
        Liveness,
        4.0,
        "nothing left to serve",
        r"(?i)\bno (servers?|peers?|hosts?|nodes?|members?|backends?|upstreams?|replicas?|brokers?|endpoints?|paths?)\s+(are\s+|is\s+)?(reachable|available|alive|left|responding|healthy|up)\b|\b(remaining|active|available|healthy|alive|live|usable)\s+(\w+\s+)?(paths|members|replicas|nodes|servers|backends|workers|brokers|peers|devices|disks)\s*[:=]\s*0\b",
    ),
    fail(
        Liveness,
        3.5,
        "unreachable",
        r"(?i)\bunreachable\b|\bnot reachable\b",
    ),
    fail(
        Liveness,
        3.0,
        "offline",
        r"(?i)\b(went|gone|is|now|going|marked( as)?|backend)\s+offline\b",
    ),
    fail(
        Hardware,
        4.0,
        "non-maskable interrupt",
        r"(?i)\bNMI\b(?:[^.;]|\.\S){0,40}\b(received|unknown reason|error|watchdog)",
    ),
    fail(
        Hardware,
        3.0,
        "lost timer ticks",
        r"(?i)\blosing (some )?ticks\b|\blost ticks\b",
    ),
    // Hardware.
    fail(
        Hardware,
        4.0,
        "hardware error report",
        r"(?i)\bmachine check\b(?:[^.;]|\.\S){0,40}\b(error|events? logged)\b|\bmachine check exception:|\bEDAC\b(?:[^.;]|\.\S){0,40}\b(errors?|UE|CE)\b|\bhardware error\b|\bMCE\b(?:[^.;]|\.\S){0,20}\b(error|event)|\bMCA\b(?:[^.;]|\.\S){0,20}\berror",
    ),
    fail(
        Hardware,
        4.0,
        "uncorrectable memory error",
        r"(?i)\buncorrect(able|ed)\b(?:[^.;]|\.\S){0,30}\b(errors?|ecc|memory|ue)\b|\b(ecc|edac)\b(?:[^.;]|\.\S){0,30}\buncorrect",
    ),
    fail(
        Hardware,
        4.0,
        "parity or ECC error",
        r"(?i)\b(ecc|parity)\s+(errors?|failures?|faults?)\b",
    ),
    fail(
        Hardware,
        3.5,
        "memory error",
        r"(?i)\b(memory|dimm|dram|ddr|cache)\s+(errors?|failures?|faults?)\b",
    ),
    fail(
        Hardware,
        4.0,
        "failing sectors",
        r"(?i)\b(pending|reallocated|uncorrectable|unreadable)\b(?:[^.;]|\.\S){0,20}\bsectors?\b",
    ),
    fail(
        Hardware,
        3.5,
        "cable or link fault",
        r"(?i)\bcable\b(?:[^.;]|\.\S){0,20}\b(unplugged|removed|fault|error|failure)\b|\blink (errors?|failures?|flap(ping)?)\b",
    ),
    fail(
        Hardware,
        4.0,
        "disk health failing",
        r"(?i)\bSMART\b(?:[^.;]|\.\S){0,40}\b(fail(ed|ure|ing)?|threshold exceeded|pre-?fail)\b|\bFAILED SMART\b|\bback up (your )?data\b|\bdrive (is )?failing\b|\bimminent\b(?:[^.;]|\.\S){0,20}\bfailure\b",
    ),
    fail(
        Hardware,
        4.0,
        "link down",
        r"(?i)\blink is down\b|\blink down\b|\bcarrier (lost|off|down)\b|\bno carrier\b|\blink (failure|lost|failed)\b",
    ),
    fail(
        Hardware,
        3.0,
        "bus error report",
        r"(?i)\b(pcie?|aer)\b(?:[^.;]|\.\S){0,40}\b(uncorrect\w*|fatal)\b|\bbus error\b",
    ),
    fail(
        Hardware,
        4.0,
        "thermal, fan or power fault",
        r"(?i)\b(thermal|temperature|over-?temp(erature)?)\b(?:[^.;]|\.\S){0,40}\b(shutdown|critical|trip(ped)?|exceed(s|ed)?|too high|throttl(ed|ing))\b|\boverheat(ing|ed)?\b|\bfans?\b(?:[^.;]|\.\S){0,20}\b(fail(ed|ure)?|stopped|fault)\b|\b(power supply|psu|voltage)\b(?:[^.;]|\.\S){0,30}\b(fail(ed|ure)?|lost|fault|out of range|critical)\b|\b(ac|power) (lost|loss|failure|fail)\b",
    ),
    fail(
        Hardware,
        4.0,
        "critical temperature",
        r"(?i)\b(critical|excessive) temperature\b|\btemperature (critical|alarm)\b",
    ),
    fail(
        Hardware,
        3.0,
        "high temperature",
        r"(?i)\bhigh temperature\b|\btemperature (too high|warning)\b",
    ),
    fail(
        Hardware,
        3.5,
        "device fault",
        r"(?i)\bhardware (failure|fault|problem)\b|\bfirmware\b(?:[^.;]|\.\S){0,20}\b(error|crash(ed)?|fault|hang|hung|assert)\b|\bdevice (error|fault|failure|malfunction)\b|\bmalfunction(ing)?\b",
    ),
    // Storage and filesystems.
    fail(
        Storage,
        4.0,
        "I/O error",
        r"(?i)\bi/o error\b|\binput/output error\b|\bEIO\b|\bbuffer i/o\b|\bmedium error\b|\bunrecovered read error\b|\bbad (sector|block)s?\b|\b(read|write) error\b|\bsense key\b",
    ),
    fail(
        Storage,
        4.0,
        "filesystem error",
        r"(?i)-fs error\b|\b(filesystem|file system|fs) (error|corruption|corrupt|damaged|inconsistent)\b|\bremount(ing)?\b(?:[^.;]|\.\S){0,30}\bread-only\b|\bread-only file ?system\b|\bEROFS\b|\bjournal\b(?:[^.;]|\.\S){0,20}\b(abort(ed)?|error|fail)|\baborted journal\b|\bneeds? (fsck|repair)\b|\bmust be checked\b|\b(shutting|shut) down (the )?(filesystem|file system|fs)\b|\bforced? shutdown\b",
    ),
    fail(
        Storage,
        4.0,
        "filesystem reports an error",
        r"(?i)\b(ext[234]|xfs|btrfs|zfs|jfs|reiserfs|f2fs|nfs|cifs|smb|lustre|gpfs|ocfs2|gfs2|ceph|panfs)\b(?:[^.;]|\.\S){0,12}\b(error|critical|panic)\b",
    ),
    fail(
        Storage,
        4.0,
        "disk device error",
        r"(?i)\b(hd[a-z]|sd[a-z]+|nvme\d+(n\d+)?|ata\d+(\.\d+)?|scsi\d*|cciss|mmcblk\d+)\b(?:[^.;]|\.\S){0,30}\b(errors?|failed|failure|timeout|timed out|exception|not ready)\b|\b(disk|drive|device|controller)\b(?:[^.;]|\.\S){0,20}\bnot[ -]ready\b|\bscsi error\b|\bcheck condition\b|\b(rejecting|failing) i/o\b|\boffline device\b|\bdevice offline\b",
    ),
    fail(
        Storage,
        3.5,
        "storage error handling",
        r"(?i)\b(task|command) abort\b|\battempting (task )?abort\b|\b(bus|host|device|target|controller|adapter) reset\b|\bresetting (the )?(device|bus|controller|adapter|link|host)\b",
    ),
    fail(
        Storage,
        4.0,
        "array event",
        r"(?i)\bDegraded\w*|\bfail(ed)? event\b|\bFailSpare\b",
    ),
    fail(
        Storage,
        3.5,
        "mount failed",
        r"(?i)\bmount(ing)?\b(?:[^.;]|\.\S){0,20}\bfail(ed|ure|s)?\b|\bfail(ed|ure)? to mount\b|\bmount error\b|\b(cannot|can't|unable to|could not) mount\b",
    ),
    fail(
        Storage,
        4.0,
        "disk or array failed",
        r"(?i)\b(disk|drive|array|raid\d*|md\d+|mirror|lun|osd|device|path)\b(?:[^.;]|\.\S){0,30}\b(failed|failure|faulted|failing|degraded|kicked)\b|\b(pool|vdev|volume)\b(?:[^.;]|\.\S){0,30}\b(degraded|faulted|unavail(able)?)\b|\bdisabling device\b",
    ),
    fail(
        Storage,
        3.5,
        "stale file handle",
        r"(?i)\bstale (file handle|nfs)|\bESTALE\b",
    ),
    // Resources exhausted.
    fail(
        Resource,
        4.0,
        "out of memory",
        r"(?i)\bout of memory\b|\bOOM\b|\boom[-_ ]?kill(er|ed|ing|s)?\b|\bOOMKilled\b|\bOutOfMemory(Error)?\b|\bMemoryError\b|\bcannot allocate memory\b|\bENOMEM\b|\bmemory allocation (failed|failure|error)\b|\bpage allocation failure\b|\bfailed to allocate\b|\bjava heap space\b|\bGC overhead limit exceeded\b|\bheap out of memory\b|\bkilled process\b",
    ),
    fail(
        Resource,
        4.0,
        "no space left",
        r"(?i)\bno space left\b|\bENOSPC\b|\b(disk|file ?system|volume|partition|tablespace|quota)\b(?:[^.;]|\.\S){0,30}\bfull\b|\bquota exceeded\b|\bout of (disk )?space\b|\binsufficient (disk )?space\b|\bout of inodes\b",
    ),
    fail(
        Resource,
        3.5,
        "full",
        r"(?i)\b(is|are|now|became|becomes|got) (completely |almost )?full\b",
    ),
    fail(
        Resource,
        3.5,
        "pool, descriptors or queue exhausted",
        r"(?i)\btoo many open files\b|\bE[MN]FILE\b|\btoo many (connections|clients|processes|threads)\b|\b(connection|thread|worker|session|db|database) pool\b(?:[^.;]|\.\S){0,40}\b(exhausted|full|timed? ?out|timeout)\b|\bconnection is not available\b|\bresource temporarily unavailable\b|\b(queue|buffer|backlog|ring)\b(?:[^.;]|\.\S){0,20}\b(full|overflow(ed)?|overrun)\b|\bexhausted\b|\bno (free|available) (slots|workers|threads|connections|memory|buffers)\b|\b(cannot|can't|unable to|could not) fork\b|\bfork failed\b",
    ),
    fail(
        Resource,
        3.5,
        "memory or disk alarm",
        r"(?i)\bmemory\b(?:[^.;]|\.\S){0,30}\b(alarm|pressure|limit (exceeded|reached))\b|\bhigh (memory|disk|cpu) (usage|watermark|alarm)\b|\bwatermark\b(?:[^.;]|\.\S){0,20}\b(exceeded|reached)|\b(disk|memory|cpu)\b(?:[^.;]|\.\S){0,20}\balarm\b",
    ),
    fail(
        Resource,
        3.0,
        "limit exceeded",
        r"(?i)\b(limit|threshold|quota|budget)\b(?:[^.;]|\.\S){0,20}\b(exceeded|reached|breached)\b|\bexceed(s|ed|ing)\b(?:[^.;]|\.\S){0,30}\b(limit|threshold|quota|maximum|capacity)\b|\bover (the )?(limit|quota|capacity)\b",
    ),
    fail(
        Resource,
        4.0,
        "killed at a limit",
        r"(?i)\b(limit|exceeded)\b(?:[^.;]|\.\S){0,40}\b(kill(ing|ed)?|terminat(ing|ed)|abort(ing|ed))\b",
    ),
    fail(
        Resource,
        4.0,
        "stopped at a limit",
        r"(?i)\bdue to (time|memory|mem|cpu|resource|wall ?clock|run ?time) ?limit\b|\bdue to (preemption|node failure)\b",
    ),
    // Communication.
    fail(
        Communication,
        4.0,
        "connection refused or reset",
        r"(?i)\bconnection (was )?(refused|reset|aborted)\b|\breset by peer\b|\bbroken pipe\b|\bECONN(REFUSED|RESET|ABORTED)\b|\bE(HOST|NET)UNREACH\b|\bETIMEDOUT\b|\bEPIPE\b|\bconnect(ion)? (error|failure|failed)\b|\bfailed to (connect|establish)\b|\bfailed (network )?connection\b|\bconnection (attempt )?failed\b|\b(could not|couldn't|cannot|can't|unable to) (connect|reach|contact|establish)\b|\bno (route|path) to host\b|\b(unable to|cannot|can't|could not|failed to) find (a |any )?(path|route)\b|\bhost is down\b|\bnetwork is unreachable\b",
    ),
    fail(
        Communication,
        3.5,
        "operation timed out",
        r"(?i)\b(read|write|connect|connection|request|response|operation|socket|i/o|rpc|call|query|handshake|upstream|lookup|dial|transaction|proxy|backend|gateway|worker|job|task|process|thread|send|receive|recv|peer|server|client|transmit|tx|rx|lock|wait|waiting)\b(?:[^.;]|\.\S){0,20}\b(timed? ?out|timeout)\b|\bdeadline exceeded\b|\bDEADLINE_EXCEEDED\b|\btimed out (after|waiting|while)\b|\b(has|have|had|was|were) timed out\b|\btimeout (expired|reached|occurred|while|waiting)\b",
    ),
    fail(
        Communication,
        4.0,
        "name resolution failed",
        r"(?i)\bno such host\b|\b(could not|couldn't|cannot|can't|unable to|failed to) resolve\b|\bname resolution (failed|failure)\b|\btemporary failure in name resolution\b|\bname or service not known\b|\bSERVFAIL\b",
    ),
    fail(
        Communication,
        3.5,
        "TLS failure",
        r"(?i)\bhandshake (failed|failure|error|timeout)\b|\b(ssl|tls)\b(?:[^.;]|\.\S){0,30}\b(error|fail(ed|ure)?)\b|\bcertificate\b(?:[^.;]|\.\S){0,40}\b(verify failed|verification failed|has expired|expired|not trusted|untrusted|revoked|unknown authority)\b|\bx509:",
    ),
    fail(
        Communication,
        4.0,
        "upstream failed",
        r"(?i)\bupstream\b(?:[^.;]|\.\S){0,40}\b(timed? ?out|refused|reset|prematurely closed|connect error|unavailable|failed|unhealthy)\b|\bno (healthy|live|available) (upstream|backend|server|host|endpoint|replica)s?\b|\bbad gateway\b|\bgateway time-?out\b",
    ),
    fail(
        Communication,
        3.5,
        "transfer failed",
        r"(?i)\b(error|failed|failure|unable)\s+(-?\d+\s+)?(occurred\s+)?(while\s+)?(reading|writing|sending|receiving|connecting|transmitting|communicating)\b|\bfailed to (read|write|send|receive|transmit|fetch|deliver|forward|publish|replicate|sync)\b",
    ),
    fail(
        Communication,
        3.5,
        "link severed",
        r"(?i)\b(link|connection|channel|stream|session|socket|pipe)\b(?:[^.;]|\.\S){0,20}\b(severed|broken|dropped|lost|closed unexpectedly|terminated unexpectedly)\b|\bsevered\b",
    ),
    fail(
        Communication,
        2.5,
        "closed by the other side",
        r"(?i)\bpeer closed\b|\bclosed by (remote|peer|foreign)\b|\bremote (end|host|side) closed\b|\bunexpected(ly)? (eof|end of (file|stream))\b|\bpremature(ly)? (eof|close|end)\b",
    ),
    fail(
        Communication,
        2.5,
        "packets lost",
        r"(?i)\b(packet|frame|message|datagram)s? (loss|lost|dropped|discarded)\b|\bretransmi(t|ssion)s?\b(?:[^.;]|\.\S){0,20}\b(timeout|failed|exceeded)\b",
    ),
    fail(
        Communication,
        2.0,
        "protocol error",
        r"(?i)\bprotocol error\b|\bmalformed (packet|frame|message|response)\b",
    ),
    // Crashes and fatal signals.
    fail(
        Crash,
        4.0,
        "memory-access fault or fatal signal",
        r"(?i)\bseg(mentation )?fault\b|\bsegv\b|\bSIG(SEGV|BUS|ABRT|ILL|FPE)\b|\bcore dumped\b|\bdumped core\b|\bgeneral protection( fault)?\b|\bstack smashing\b|\bdouble free\b|\bheap corruption\b|\bcorrupted (size|double-linked|top size|unsorted)\b|\bfloating point exception\b|\bstack overflow\b|\bStackOverflowError\b",
    ),
    fail(
        Crash,
        4.0,
        "processor exception",
        r"(?i)\b(data|instruction)[ -](storage|tlb(?: error| miss)?|access|bus error|page fault)[ -](interrupt|exception|fault|error|abort)\b|\b(data|prefetch) abort\b|\bunable to handle (kernel )?(paging request|page fault|null pointer)\b|\bpage fault\b|\binvalid opcode\b|\billegal instruction\b|\bprotection fault\b|\baccess violation\b|\bnull pointer dereference\b",
    ),
    fail(
        Crash,
        4.0,
        "uncaught exception or traceback",
        r"(?i)\bunhandled (exception|page fault|trap|error|signal|rejection)\b|\buncaught (exception|error|throwable)\b|\bfatal (exception|error|signal|fault|trap)\b|\bTraceback \(most recent call last\)|\bException in thread\b|\bthrew (an? )?(unexpected |unhandled )?exception\b|\bnested exception\b|\bwith root cause\b",
    ),
    fail(Crash, 4.0, "kernel oops", r"\bOops\b"),
    fail(
        Crash,
        3.5,
        "call trace",
        r"(?i)\bcall trace\b|\bstack trace\b|\bbacktrace\b",
    ),
    fail(
        Crash,
        3.5,
        "exception raised",
        r"\bCaused by:|(?i)\bexception (thrown |raised |occurred )?(while|when|during)\b",
    ),
    fail(
        Crash,
        4.0,
        "abnormal termination",
        r"(?i)\b(exit(ed)?|terminated|killed|stopped|died|quit|crashed|restarted)\b(?:[^.;]|\.\S){0,20}\b(unexpectedly|abnormally)\b|\babnormal(ly)? (exit|termination|end|shutdown)\b|\bterminated for reason\b|\b(unexpected|abnormal) (exit|termination|shutdown|restart|reboot)\b",
    ),
    fail(
        Crash,
        3.0,
        "killed",
        r"(?i)\b(job|task|step|process|container|worker|child|daemon|program|server)\b(?:[^.;]|\.\S){0,30}\bkilled\b|\bkilled by\b",
    ),
    // Violated assertions and invariants.
    fail(
        Invariant,
        4.0,
        "assertion failed",
        r"(?i)\bassert(ion)?\b(?:[^.;]|\.\S){0,40}\b(fail(ed|ure|s)?|violat(ed|ion))\b|\bfailed assertion\b|\bAssertionError\b",
    ),
    fail(
        Invariant,
        4.0,
        "invariant violated",
        r"\bBUG:|\bkernel BUG at\b|(?i)\bBUG_ON\b|\binvariant\b(?:[^.;]|\.\S){0,30}\b(violated|broken|failed)\b|\bshould (never|not) (happen|be reached)\b|\bunreachable code\b|\bsanity check failed\b|\bimpossible (state|condition)\b|\binconsistent state\b",
    ),
    fail(Invariant, 4.0, "deadlock", r"(?i)\bdeadlock(s)?\b"),
    // Services and jobs.
    fail(
        Service,
        3.5,
        "failed to start or run",
        r"(?i)\bfail(ed|ure)? to (start|launch|load|initiali[sz]e|bind|spawn|execute|run|create|register|attach|restart|reload|deploy|schedule|pull|provision|bootstrap)\b|\b(start|startup|launch|initiali[sz]ation|boot)(ing)?\b(?:[^.;]|\.\S){0,15}\bfail(ed|ure|s)?\b|\bentered failed state\b|\bfailed with result\b|\baddress already in use\b|\bEADDRINUSE\b",
    ),
    word(
        Some(Service),
        3.5,
        "an operation failed",
        r"(?i)\b(unit|service|daemon|job|task|step|build|pipeline|stage|deployment|backup|cron|container|pod|worker|check|test|migration|replication|sync|upload|download|transfer|import|export|batch|request|transaction|query|command|operation|update|upgrade|installation|rollout|snapshot|compaction|processing)\b(?:[^.;]|\.\S){0,30}\b(failed|failure|aborted|errored|crashed)\b",
    ),
    word(
        Some(Service),
        3.5,
        "something failed",
        r"(?i)\b[a-z][\w-]*\s+(has\s+|have\s+|had\s+)?failed(\s*[:,;!(]|\s+(with|for|on|at|after|because|due|status|rc|code|errno|error|-?\d)\b|\s*\.?\s*$)",
    ),
    fail(
        Other,
        3.5,
        "a call returned an error",
        r"(?i)\b(returned|returns|got|received|reported|raised) (an? )?(error|failure|fault)\b",
    ),
    fail(
        Service,
        4.0,
        "component failed to load",
        r"(?i)\bcannot open shared object\b|\b(failed to|unable to|could not|cannot|can't) (load|dlopen|open) (shared|module|library|plugin|driver|extension)\b|\bunable to dlopen\b|\bdlopen\b(?:[^.;]|\.\S){0,40}\b(fail|error|cannot)|\bmodule\b(?:[^.;]|\.\S){0,20}\bnot (found|loaded)\b|\bundefined symbol\b|\bsymbol lookup error\b",
    ),
    fail(
        Service,
        4.0,
        "restart loop",
        r"(?i)\bback-?off\b(?:[^.;]|\.\S){0,30}\brestart|\bCrashLoopBackOff\b|\bImagePullBackOff\b|\bErrImagePull\b|\bCreateContainerError\b|\bRunContainerError\b|\brestart(ing)? loop\b|\b(restarted|restarting|respawning|repeated) too (often|quickly|fast|many times)\b|\btoo (many|frequent) restarts\b",
    ),
    fail(
        Service,
        4.0,
        "probe or health check failed",
        r"(?i)\b(readiness|liveness|startup|health)[ -]?(probe|check)s?\b(?:[^.;]|\.\S){0,20}\b(fail(ed|ing|ure)?|unhealthy|timed? ?out)\b|\bunhealthy\b|\bstatus check\b(?:[^.;]|\.\S){0,30}\b(fail(ed|ure)?|impaired)\b|\bimpaired\b",
    ),
    fail(Service, 3.0, "evicted", r"(?i)\bevict(ed|ion)\b"),
    fail(
        Service,
        3.0,
        "requests blocked",
        r"(?i)\b(slow|blocked|stuck) (requests|ops|operations)\b|\b(requests|ops|operations) (are )?blocked\b",
    ),
    fail(
        Service,
        3.0,
        "degraded or unavailable",
        r"(?i)\bdegraded\b|\bout of service\b|\bservice (is |temporarily )?unavailable\b|\b(is|in) recovery mode\b|\bis starting up\b|\bread-only mode\b",
    ),
    fail(
        Service,
        3.5,
        "replication broken",
        r"(?i)\b(replication|replica|mirror(ing)?)\b(?:[^.;]|\.\S){0,30}\b(broken|stopped|error|failed|diverged)\b|\bout of sync\b",
    ),
    // Data integrity.
    fail(
        Integrity,
        4.0,
        "corruption or lost data",
        r"(?i)\bcorrupt(ed|ion)?\b|\bchecksum\b(?:[^.;]|\.\S){0,20}\b(mismatch|error|failed|invalid|wrong)\b|\bcrc\b(?:[^.;]|\.\S){0,10}\b(error|mismatch|failed)\b|\bbad (magic|checksum|crc|superblock)\b|\bdata loss\b|\blost (data|writes|records|messages|updates)\b|\bsplit[- ]brain\b|\bdiverged\b|\bunrecoverable\b",
    ),
    // Common words, read only where they are prose.
    word(Some(Crash), 4.0, "panic", r"(?i)\bpanic(ked|king|s)?\b"),
    word(Some(Crash), 3.5, "crash", r"(?i)\bcrash(ed|es|ing)?\b"),
    word(
        Some(Communication),
        2.5,
        "timeout",
        r"(?i)\btimed? ?out\b|\btimeout\b",
    ),
    word(Some(Communication), 2.5, "refused", r"(?i)\brefused\b"),
    word(Some(Service), 3.0, "bad state", r"\bnotgoodstate\b"),
    word(None, 2.5, "with errors", r"(?i)\bwith (\d+ )?errors\b"),
    word(None, 2.0, "excessive", r"(?i)\bexcessive\b"),
    word(Some(Crash), 2.5, "aborted", r"(?i)\babort(ed|ing|s)?\b"),
    word(Some(Crash), 2.5, "died", r"(?i)\b(died|dying)\b"),
    word(Some(Crash), 2.0, "killed", r"(?i)\bkill(ed|ing|s)?\b"),
    word(
        Some(Liveness),
        2.5,
        "stuck or hung",
        r"(?i)\b(stuck|hung|hangs|hanging)\b",
    ),
    word(None, 2.0, "failed", r"(?i)\bfail(s|ed|ure|ures|ing)?\b"),
    word(None, 1.5, "error", r"(?i)\berrors?\b|\berrno\b"),
    word(
        None,
        1.5,
        "fatal or critical",
        r"(?i)\b(fatal|critical|severe|emergency)\b",
    ),
    word(None, 1.5, "exception", r"(?i)\bexceptions?\b"),
    word(
        None,
        3.0,
        "abnormal",
        r"(?i)\babnormal(ly)?\b|\bgave up\b|\bgiving up\b",
    ),
    word(None, 2.5, "fault", r"(?i)\bfault(s|ed|y)?\b"),
    word(
        None,
        1.5,
        "unable",
        r"(?i)\bunable to\b|\bcannot\b|\bcan't\b|\bcan not\b|\bcould not\b|\bcouldn't\b|\bfailed to\b",
    ),
    word(None, 1.5, "unexpected", r"(?i)\bunexpected(ly)?\b"),
    word(None, 2.0, "broken or lost", r"(?i)\bbroken\b|\blost\b"),
    word(None, 1.5, "alarm", r"(?i)\balarm\b"),
    word(
        None,
        1.5,
        "alarm raised",
        r"(?i)\balarm\b(?:[^.;]|\.\S){0,20}\b(set|raised|triggered|active|on)\b",
    ),
    word(
        None,
        1.5,
        "dropped",
        r"(?i)\bdrop(ped|ping)\b|\boverflow\b|\boverrun\b",
    ),
    word(None, 1.5, "violation", r"(?i)\bviolat(ed|ion|es)\b"),
    word(
        None,
        1.0,
        "retrying",
        r"(?i)\bretry(ing)?\b|\bretries\b|\bstill trying\b",
    ),
    word(
        None,
        1.0,
        "rejected or denied",
        r"(?i)\brejected\b|\bdenied\b",
    ),
    word(
        None,
        1.0,
        "wrong or missing",
        r"(?i)\bwrong\b|\bmissing\b|\bmismatch\b",
    ),
    word(
        None,
        0.5,
        "warning",
        r"(?i)\bwarn(ing)?s?\b|\binvalid\b|\bbad\b",
    ),
];

/// Benign look-alikes.
const BENIGN: &[Cue] = &[
    benign(
        View::Prose,
        3.0,
        false,
        "success",
        r"(?i)\b(succeeded|successful(ly)?|success)\b",
    ),
    benign(
        View::Prose,
        2.5,
        false,
        "passed",
        r"(?i)\b(passed|passing|passes)\b",
    ),
    benign(View::Prose, 2.0, false, "OK", r"(?i)\b(ok|okay)\b"),
    benign(
        View::Prose,
        2.0,
        false,
        "completed",
        r"(?i)\b(completed|done|finished successfully)\b|(^|[^o]\s)complete\b",
    ),
    benign(
        View::Prose,
        2.5,
        false,
        "recovered",
        r"(?i)\b(restored|recovered|resumed|cleared|resolved|rejoined|reconnected|re-?established|caught up|back (online|up|to normal|in service)|returned to service|came back|is back|now (up|responding|online|healthy|available|ready|in[- ]sync)|in[- ]sync|link (is )?up|is up|healthy|ready|established|connected|online|available|acquired)\b",
    ),
    benign(
        View::Prose,
        2.0,
        true,
        "a count of nothing",
        r"\bzerocount\b",
    ),
    benign(
        View::Prose,
        2.5,
        true,
        "requested or graceful stop",
        r"(?i)\bgraceful(ly)?\b|\bshutting down\b|\bshutdown (complete|completing|finished|requested|initiated)\b|\bstopp(ing|ed)\b|\b(received|caught|got|handling) (signal:? )?(sig)?(term|hup|int|winch|usr1|usr2|quit)\b|\bdraining\b|\bcancel(l)?(ed|ing)\b|\bby (the )?(user|owner|admin(istrator)?|operator|request)\b|\b(user|operator|admin)[- ]requested\b|\bon request\b|\breload(ed|ing)?\b|\breconfigur(ed|ing)\b|\bmaintenance\b|\bplanned\b|\bexiting\b",
    ),
    benign(
        View::Prose,
        2.5,
        true,
        "the client's doing",
        r"(?i)\bclient\b(?:[^.;]|\.\S){0,30}\b(closed|cancel(l)?ed|disconnected|went away|aborted|reset|timed out)\b|\b(closed|cancel(l)?ed|aborted|reset) by (the )?client\b|\bduplicate key\b|\bunique constraint\b|\bconstraint (violation|failed)\b|\bvalidation (error|failed)\b|\bbad request\b|\bnot found\b|\brate[- ]?limit(ed|er|ing)?\b|\bthrottl(ed|ing)\b|\btoo many requests\b|\btoo (large|big)\b",
    ),
    benign(
        View::Plain,
        2.5,
        true,
        "a caller's or configuration's mistake",
        r"(?i)\bno such file or directory\b|\bENOENT\b|\bpermission denied\b|\bEACCES\b|\boperation not permitted\b|\bEPERM\b|\bexec format error\b|\bunknown (user|command|option)\b|\binvalid or missing\b|\binvalid (argument|option|input|parameter|request|syntax|value)\b|\bis a directory\b|\bnot a directory\b|\bfile exists\b",
    ),
    benign(
        View::Plain,
        3.0,
        true,
        "access control working",
        r"(?i)\bfailed password\b|\bauthentication (failure|failed)\b|\binvalid user\b|\buser unknown\b|\bunknown user\b|\baccess denied for user\b|\b(failed|invalid|bad|incorrect|wrong) (login|logon|password|credentials|passcode|pin|otp)\b|\blogin (failed|failure|incorrect)\b|\bfailed login\b|\bmaximum authentication attempts\b|\btoo many authentication failures\b|\bpreauth\b|\b(account|user) (is )?locked\b|\blocked out\b|\bfail2ban\b|\b(un)?ban\b|\bunauthori[sz]ed\b|\bforbidden\b|\bnot authori[sz]ed\b",
    ),
    benign(
        View::Plain,
        3.0,
        true,
        "a filter or firewall working",
        r"(?i)\bblocked using\b|\bNOQUEUE: reject|\breject(ed)?: RCPT\b|\bUFW BLOCK\b|\bdenied (tcp|udp|icmp|ip)\b|\b(dropped|denied|blocked|rejected) by (policy|firewall|rule|acl)\b|\bspam\b|\bblock ?list|\bquarantin",
    ),
    benign(
        View::Prose,
        2.5,
        true,
        "advice or a warning of the future",
        r"(?i)\bdeprecat(ed|ion)\b|\bwill be removed\b|\bis enabled by default\b|\bdoes(n't| not) match a supported version\b|\bnot recommended\b|\bconsider (using|setting|increasing|upgrading)\b|\bplease use\b|\bexpir(es|ing) (in|on|soon)\b|\bbattery\b(?:[^.;]|\.\S){0,20}\blow\b|\blow battery\b|\breplace soon\b|\bmay (fail|cause|not|be)\b|\bmight\b|\badvis(e|ory)\b",
    ),
    benign(
        View::Prose,
        2.0,
        true,
        "housekeeping",
        r"(?i)\bto free \d+|\breclaim(ed|ing)?\b|\b(idle|inactive|inactivity|cached)\b|\bsession\b(?:[^.;]|\.\S){0,40}\bexpir(ed|ing|y)\b|\bexpir(ed|ing)\b(?:[^.;]|\.\S){0,40}\b(session|inactivity|idle|cache|ttl)\b|\b(cleanup|clean up|cleaning|rotat(e|ed|ing)|compaction|vacuum|retention|purg(e|ed|ing)|prun(e|ed|ing))\b",
    ),
    benign(
        View::Prose,
        1.0,
        true,
        "a definition, not an event",
        r"(?i)\b(registered|registering|register|loaded|loading|mapping|mapped|handlers?|configured|configuration|setting|settings|option|flag|templates?|pages?)\b",
    ),
    benign(
        View::Plain,
        2.0,
        true,
        "an expected probe",
        r"(?i)/health(z|check)?\b|/ready(z)?\b|/live(z|ness)?\b|/ping\b|\bkube-probe\b|\bhealth ?checks? (ok|passed|passing|succeeded)\b",
    ),
    benign(
        View::Prose,
        3.0,
        false,
        "a corrected error",
        r"(?i)\b(corrected|correctable|recovered) (errors?|ecc)\b|\b(detected and |was |were |been )corrected\b|\berrors? corrected\b|\bcorrected\b|\battempting to correct\b|\bcorrecting\b",
    ),
];

/// The cues of one view, compiled, with each cue's place in the tables.
type Compiled = (RegexSet, Vec<(usize, &'static Cue)>);

fn compiled(view: View) -> &'static Compiled {
    static PLAIN: OnceLock<Compiled> = OnceLock::new();
    static PROSE: OnceLock<Compiled> = OnceLock::new();
    let cell = if view == View::Plain { &PLAIN } else { &PROSE };
    cell.get_or_init(|| {
        let cues: Vec<(usize, &'static Cue)> = FAILURES
            .iter()
            .chain(BENIGN)
            .enumerate()
            .filter(|(_, c)| c.view == view)
            .collect();
        let set =
            RegexSet::new(cues.iter().map(|(_, c)| c.pattern)).expect("the cue tables are valid");
        (set, cues)
    })
}

/// The cues a message's views match, in table order (failures first).
pub fn hits(v: &Views) -> Vec<Hit> {
    let mut out: Vec<(usize, Hit)> = Vec::new();
    for (view, text) in [(View::Plain, &v.plain), (View::Prose, &v.prose)] {
        let (set, cues) = compiled(view);
        for i in set.matches(text).iter() {
            let (order, cue) = cues[i];
            out.push((
                order,
                Hit {
                    weight: cue.weight,
                    class: cue.class,
                    yields: cue.yields,
                    specific: cue.view == View::Plain && cue.weight > 0.0,
                    why: cue.why,
                },
            ));
        }
    }
    out.sort_by_key(|(o, _)| *o);
    out.into_iter().map(|(_, h)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::views::views;
    use regex::Regex;

    fn classes(m: &str) -> Vec<Option<FailureClass>> {
        hits(&views(m, None))
            .into_iter()
            .filter(|h| h.weight > 0.0)
            .map(|h| h.class)
            .collect()
    }

    #[test]
    fn every_pattern_compiles() {
        for c in FAILURES.iter().chain(BENIGN) {
            assert!(Regex::new(c.pattern).is_ok(), "{}", c.pattern);
        }
    }

    #[test]
    fn cues_name_their_class() {
        assert_eq!(
            classes("e1000e 0000:00:1f.6 eth2: NIC Link is Down")[0],
            Some(Hardware)
        );
        assert_eq!(
            classes("XFS (dm-3): metadata I/O error in xfs_trans_read_buf")[0],
            Some(Storage)
        );
        assert_eq!(classes("worker 7 ran out of memory")[0], Some(Resource));
        assert_eq!(
            classes("dial tcp 10.1.2.3:5432: connect: connection refused")[0],
            Some(Communication)
        );
        assert_eq!(
            classes("Assertion `ptr != NULL' failed.")[0],
            Some(Invariant)
        );
    }

    #[test]
    fn look_alikes_read_as_routine() {
        for m in [
            "health check passed for backend api-2",
            "Failed password for root from 192.0.2.4 port 51234 ssh2",
            "client 192.0.2.9 closed connection while reading request",
            "received SIGTERM, shutting down gracefully",
            "WARNING: option --foo is deprecated and will be removed",
        ] {
            let h = hits(&views(m, None));
            assert!(h.iter().any(|h| h.weight < 0.0), "{m}: {h:?}");
        }
    }
}
