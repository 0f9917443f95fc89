#!/usr/bin/env python3
"""Generated template-mining datasets with ground truth, Loghub-2.0 layout.

    python3 eval/mining/gen_mining.py OUT_DIR

writes, for every dataset NAME, `OUT_DIR/NAME/NAME_2k.log` (full lines with a
header) and `OUT_DIR/NAME/NAME_2k.log_structured.csv` (columns LineId,
Content, EventId, EventTemplate), the layout `examples/loghub_accuracy.rs`
scores. Standard library only, fixed seed: the output is the same on every run.

Ground truth follows the Loghub-2.0 annotation style: every variable is `<*>`
(numbers, ids, hex, paths, URLs, hosts, IPs, ports, durations, sizes, values of
key=value pairs, object hashes, user and program names); `host:port` and
`ip:port` are two variables `<*>:<*>`; punctuation around a variable is kept.
A value written with a varying number of tokens within one event (`0 bytes` /
`1190 bytes (1.16 KB)`, `<1 sec` / `00:02` / `3 min 4 sec`, `app.exe` /
`app.exe *64`) is one `<*>` for the whole span.

Datasets are in two groups: DEV (used while developing the miner) and HELDOUT
(scored only at the end). Shapes are in the same families (proxy, mobile OS,
desktop syslog, batch-job, health app, application logs) but every dataset
has its own templates and vocabulary.
"""

import csv
import os
import random
import re
import sys

SEED = 20261206
LINES = 2000

# ---------------------------------------------------------------- variables

WORDS = ("alpha bravo cedar delta ember falcon garnet harbor indigo juniper kestrel lumen "
         "meadow nectar onyx pepper quartz raven sierra tundra umber velvet willow xenon yarrow zephyr").split()
TLDS = ["com", "net", "org", "io", "hk", "cn", "de", "ru", "co.uk", "edu.hk", "xyz", "ai", "jp", "fr", "cloud", "app", "tv"]


def r_int(r, a, b):
    return str(r.randint(a, b))


def r_hex(r, n):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def r_ip(r):
    return "%d.%d.%d.%d" % (r.randint(1, 223), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def r_port(r):
    return str(r.choice([80, 443, 8080, 5070, 3128, 1080, 9000, r.randint(1024, 65535), r.randint(1024, 65535)]))


def r_host(r):
    shape = r.randint(0, 5)
    if shape == 0:
        return "%s.%s.%s" % (r.choice(["www", "api", "cdn", "mail", "img"]), r.choice(WORDS), r.choice(TLDS))
    if shape == 1:
        return "%s%d.%s.%s" % (r.choice(WORDS), r.randint(1, 99), r.choice(WORDS), r.choice(TLDS))
    if shape == 2:
        return "%s-%s.%s.%s.%s" % (r.choice(WORDS), r_hex(r, 4), r.choice(WORDS), r.choice(WORDS), r.choice(TLDS))
    if shape == 3:
        return "%s.%s" % (r.choice(WORDS), r.choice(TLDS))
    if shape == 4:
        return "e%d.%s.akamaiedge.net" % (r.randint(1, 9999), r.choice(["a", "b", "dscx"]))
    return "%s.%s.%s.%s" % (r.choice(WORDS), r.choice(WORDS), r.choice(WORDS), r.choice(TLDS))


def r_hostname(r):
    return "%s-%s%d" % (r.choice(WORDS), r.choice(["node", "db", "web", "worker"]), r.randint(1, 40))


def r_path(r):
    n = r.randint(2, 5)
    parts = [r.choice(WORDS + ["usr", "lib", "var", "tmp", "opt", "etc", "Library", "Users", "data"]) for _ in range(n)]
    if r.random() < 0.5:
        parts[-1] += r.choice([".so", ".plist", ".conf", ".log", ".db", ".json", ".jar", ".dylib"])
    return "/" + "/".join(parts)


def r_url(r):
    return "%s://%s/%s%s" % (r.choice(["http", "https"]), r_host(r), "/".join(r.choice(WORDS) for _ in range(r.randint(1, 3))),
                             r.choice(["", "?id=%d" % r.randint(1, 9999), "?q=%s&page=%d" % (r.choice(WORDS), r.randint(1, 9))]))


def r_uuid(r):
    h = r_hex(r, 32)
    if r.random() < 0.5:
        h = h.upper()
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def r_dur(r):
    return r.choice(["%dms" % r.randint(1, 999), "%.3fs" % r.uniform(0, 60), "%dus" % r.randint(1, 9999), "%.1fms" % r.uniform(0, 99)])


def r_float(r):
    return "%.*f" % (r.randint(1, 4), r.uniform(0, 1000))


def r_pkg(r):
    return "com.%s.%s" % (r.choice(WORDS), r.choice(WORDS))


def r_user(r):
    return r.choice(WORDS) + r.choice(["", "", str(r.randint(1, 99)), "_" + r.choice(WORDS)])


def r_prog(r):
    return r.choice(["chrome.exe", "firefox.exe", "outlook.exe", "Teams.exe", "svchost.exe", "git-remote-https.exe",
                     "Dropbox.exe", "slack.exe", "Spotify.exe", "OneDrive.exe", "zoom.exe", "code.exe", "steam.exe",
                     "WeChat.exe", "python.exe", "java.exe", "curl.exe", "node.exe", "msedge.exe", "skype.exe"])


def r_bool(r):
    return r.choice(["true", "false"])


def r_time(r):
    return "%02d:%02d:%02d" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))


def r_date(r):
    return "2026-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28))


def r_objid(r):
    return "%s@%s" % (r.choice(["android.os.Binder", "com.android.server.am.ActivityRecord", "android.view.ViewRootImpl",
                                 "com.example.ui.MainFragment"]), r_hex(r, r.randint(6, 8)))


# Variable spans whose token count varies between lines of one event: the
# whole span is one `<*>` in the ground truth (a size with or without its
# human-readable twin, a duration in words or on a clock, a program name
# with or without a bitness suffix).

def r_size_span(r):
    n = r.randint(0, 5000000)
    if n == 0 or r.random() < 0.4:
        return "%d bytes" % n
    return "%d bytes (%.2f %s)" % (n, n / 1024.0, r.choice(["KB", "MB"]))


def r_elapsed_span(r):
    k = r.randint(0, 3)
    if k == 0:
        return "<1 sec"
    if k == 1:
        return "%02d:%02d" % (r.randint(0, 59), r.randint(0, 59))
    if k == 2:
        return "%d min %d sec" % (r.randint(1, 59), r.randint(0, 59))
    return "%d sec" % r.randint(1, 59)


def r_prog_span(r):
    name = r.choice(["worker.bin", "indexer.bin", "thumbnailer", "sync-agent", "updater.exe", "backupd"])
    return name + r.choice(["", "", " *32", " (x64)"])


def r_size_span2(r):
    n = r.randint(0, 90000000)
    if r.random() < 0.5:
        return "%d B" % n
    return "%d B (%.1f MiB)" % (n, n / 1048576.0)


def r_elapsed_span2(r):
    k = r.randint(0, 2)
    if k == 0:
        return "%ds" % r.randint(1, 59)
    if k == 1:
        return "%dm %ds" % (r.randint(1, 59), r.randint(0, 59))
    return "%dh %dm %ds" % (r.randint(1, 9), r.randint(0, 59), r.randint(0, 59))


def r_app_span(r):
    name = r.choice(["PhotoSync", "MailCheck", "NoteKeeper", "Tracker", "Gallery", "Vault"])
    return name + r.choice(["", "", " (32-bit)", " [beta]"])


VARS = {
    "sizespan": r_size_span,
    "elapsed": r_elapsed_span,
    "progspan": r_prog_span,
    "sizespan2": r_size_span2,
    "elapsed2": r_elapsed_span2,
    "appspan": r_app_span,
    "prog64": lambda r: r_prog(r) + r.choice(["", "", "", " *64"]),
    "int": lambda r: r_int(r, 0, 99999),
    "small": lambda r: r_int(r, 0, 64),
    "neg": lambda r: r_int(r, -500, 500),
    "big": lambda r: r_int(r, 100000, 9999999999),
    "float": r_float,
    "hex": lambda r: r_hex(r, r.choice([6, 8, 12, 16])),
    "0x": lambda r: "0x" + r_hex(r, r.choice([2, 4, 8])),
    "ip": r_ip,
    "port": r_port,
    "host": r_host,
    "hostname": r_hostname,
    "path": r_path,
    "url": r_url,
    "uuid": r_uuid,
    "dur": r_dur,
    "pkg": r_pkg,
    "user": r_user,
    "prog": r_prog,
    "bool": r_bool,
    "time": r_time,
    "date": r_date,
    "objid": r_objid,
    "word": lambda r: r.choice(WORDS),
    "bytes": lambda r: r_int(r, 0, 5000000),
    "mb": lambda r: "%dMB" % r.randint(1, 4096),
    "attempt": lambda r: "attempt_%d_%04d_%s_%06d_%d" % (r.randint(1400000000000, 1500000000000), r.randint(1, 99),
                                                         r.choice("mr"), r.randint(0, 99), r.randint(0, 3)),
    "container": lambda r: "container_%d_%04d_01_%06d" % (r.randint(1400000000000, 1500000000000), r.randint(1, 99), r.randint(1, 99)),
    "job": lambda r: "job_%d_%04d" % (r.randint(1400000000000, 1500000000000), r.randint(1, 99)),
    "task": lambda r: "task_%d_%04d_%s_%06d" % (r.randint(1400000000000, 1500000000000), r.randint(1, 99), r.choice("mr"), r.randint(0, 99)),
    "appid": lambda r: "application_%d_%04d" % (r.randint(1400000000000, 1500000000000), r.randint(1, 99)),
    "hex12": lambda r: r_hex(r, 12),
    "traceid": lambda r: r_hex(r, 32),
    "mac": lambda r: ":".join(r_hex(r, 2) for _ in range(6)),
    "ver": lambda r: "%d.%d.%d" % (r.randint(0, 9), r.randint(0, 20), r.randint(0, 99)),
    "sha": lambda r: r_hex(r, 40),
    "email": lambda r: "%s@%s" % (r.choice(WORDS), r_host(r)),
    "pid": lambda r: r_int(r, 1, 65535),
    "uid": lambda r: r_int(r, 0, 10200),
    "sid": lambda r: "S-1-5-21-%d-%d" % (r.randint(10**8, 10**9), r.randint(1000, 9999)),
}

VAR_RE = re.compile(r"\{(\w+)\}")


def render(r, spec, variables=None):
    """Content and ground-truth template of one template spec, its `{name}`s drawn from
    `variables` (default this generator's VARS)."""
    variables = VARS if variables is None else variables
    content = VAR_RE.sub(lambda m: variables[m.group(1)](r), spec)
    template = VAR_RE.sub("<*>", spec)
    return content, template


# ---------------------------------------------------------------- datasets
# Each dataset: header function (line -> full log line) and weighted specs.

def hdr_logcat(r, i):
    return "12-%02d %s.%03d %5d %5d %s %s: " % (r.randint(1, 28), r_time(r), r.randint(0, 999), r.randint(100, 30000),
                                                  r.randint(100, 30000), r.choice("VDIWE"), r.choice(["ActivityManager", "WindowManager", "PowerManagerService", "Bluetooth", "wpa_supplicant"]))


def hdr_syslog(r, i):
    return "Dec %2d %s %s %s[%d]: " % (r.randint(1, 28), r_time(r), r_hostname(r), r.choice(["kernel", "configd", "sharingd", "mDNSResponder"]), r.randint(1, 9999))


def hdr_java(r, i):
    return "2026-12-06 %s,%03d INFO [%s] %s: " % (r_time(r), r.randint(0, 999), r.choice(["main", "IPC Server handler 3", "pool-1-thread-2"]), r.choice(["org.apache.hadoop.mapred.Task", "com.acme.Service"]))


def hdr_health(r, i):
    return "20261206-%s:%03d|%s|%d|" % (r_time(r), r.randint(0, 999), r.choice(["Step_LSC", "Step_SPUtils", "HiH_HiHealthDataInsertStore"]), r.randint(1000, 40000))


def hdr_proxy(r, i):
    return "[12.06 %s] " % r_time(r)


def hdr_plain(r, i):
    return "%s %s " % (r_date(r), r_time(r))


DEV = {
    "GenProxy": (hdr_proxy, [
        (33, "{prog64} - {host}:{port} open through proxy {host}:{port} HTTPS"),
        (36, "{prog} - {host}:{port} close, {sizespan} sent, {sizespan} received, lifetime {elapsed}"),
        (10, "{prog} - {ip}:{port} open through proxy {host}:{port} SOCKS5"),
        (8, "{prog} - {host}:{port} error : Could not connect through proxy {host}:{port} - Proxy server cannot establish a connection with the target, status code {small}"),
        (4, "{prog} - {ip}:{port} matching {word} rule : direct connection"),
        (2, "{prog} - Could not resolve {host} error {int}"),
        (2, "Connection to {ip}:{port} timed out after {dur}"),
        (1, "DNS cache flushed, {small} entries removed"),
        (1, "Proxy {host}:{port} is not responding, switching to {host}:{port}"),
    ]),
    "GenLogcat": (hdr_logcat, [
        (20, "Skipping update of {pkg}: uid={uid} pid={pid} foreground={bool}"),
        (15, "Acquiring suspend blocker \"{word}\" for {objid} flags=0x{hex}"),
        (12, "mScreenOnFully={bool} mKeyguardShowing={bool} mBrightness={small}"),
        (10, "Start proc {pid}:{pkg}/u0a{small} for service {pkg}/.{word}Service"),
        (8, "setSystemUiVisibility vis={0x} mask={0x} oldVal={0x} newVal={0x} diff={0x}"),
        (8, "Displayed {pkg}/.MainActivity: +{dur}"),
        (6, "getRunningAppProcesses: caller {uid} does not hold REAL_GET_TASKS; limiting output"),
        (5, "ActivityRecord{{objid} u0 {pkg}/.{word}Activity t{small}} paused"),
        (5, "onTouchEvent action={small} x={float} y={float} pointerId={small}"),
        (4, "Killing {pid}:{pkg}/u0a{small} (adj {small}): empty #{small}"),
        (3, "Bluetooth connection state changed: addr={mac} state={small} prevState={small}"),
        (2, "wlan0: CTRL-EVENT-SCAN-RESULTS took {dur}"),
        (2, "releaseWakeLock lock={hex} flags=0x{hex} total={int}"),
    ]),
    "GenMacSyslog": (hdr_syslog, [
        (15, "ARPT: {float}: wl0: MDNS: IPV4 Addr: {ip}"),
        (12, "{pkg}: Connection interrupted for client {pid}, uuid {uuid}"),
        (10, "Failed to load plugin at path {path}: error {neg}"),
        (10, "AirPort: Link Up on en0 with bssid {mac} channel {small}"),
        (8, "Sandbox: {word}({pid}) deny(1) file-read-data {path}"),
        (8, "PM response took {int} ms ({small}, powerd)"),
        (6, "IOThunderboltSwitch<{0x}>({0x})::listenerCallback - Thunderbolt HPD packet for route = {0x} port = {small} unplug = {small}"),
        (6, "Previous shutdown cause: {neg}"),
        (5, "CMSessionMgr {uuid} became active for pid {pid}"),
        (4, "en0: BSSID changed to {mac}"),
        (3, "Process {word} [{pid}] exited, code {small}, {int} bytes leaked"),
        (2, "Wake reason: {word} ({small})"),
        (2, "<{pkg}: {0x}> Token {hex} refreshed for {email}"),
    ]),
    "GenHadoopJob": (hdr_java, [
        (18, "Progress of TaskAttempt {attempt} is : {float}"),
        (12, "TaskAttempt: [{attempt}] using containerId: [{container} on NM: [{hostname}:{port}]"),
        (10, "{attempt} TaskAttempt Transitioned from NEW to UNASSIGNED"),
        (10, "Assigned container {container} to {attempt}"),
        (8, "Read completed tasks from history {small}"),
        (8, "Diagnostics report from {attempt}: Error: java.net.ConnectException: Connection refused to {hostname}:{port}"),
        (6, "Address change detected. Old: {hostname}/{ip}:{port} New: {hostname}:{port}"),
        (6, "Before Scheduling: PendingReds:{small} ScheduledMaps:{small} ScheduledReds:{small} AssignedMaps:{small} AssignedReds:{small} CompletedMaps:{small} CompletedReds:{small}"),
        (5, "Reduce slow start threshold not met. completedMapsForReduceSlowstart {small}"),
        (4, "Num completed Tasks: {small}"),
        (4, "{job}Job Transitioned from RUNNING to COMMITTING"),
        (3, "Processing the event EventType: CONTAINER_REMOTE_LAUNCH for container {container} taskAttempt {attempt}"),
        (2, "Opening proxy : {hostname}:{port}"),
        (2, "Created MRAppMaster for application {appid}"),
    ]),
    "GenHealth": (hdr_health, [
        (25, "onStandStepChanged {int}"),
        (15, "onExtend:{big} {small} {small} {small}"),
        (12, "REPORT : {int} {int} {int} {float}"),
        (10, "setTodayTotalDetailSteps={big}##{int}##{int}##{int}##{int}##{big}"),
        (8, "processHandleBroadcastAction action:android.intent.action.SCREEN_{word}"),
        (8, "flush sensor data"),
        (6, "totalSteps={int} totalCalories={float} totalDistance={int}"),
        (5, "getTodayTotalDetailSteps = {big}##{int}##{int}##{int}##{int}##{big}"),
        (4, "insertHiHealthData() bulkSaveDetailHiHealthData fail errorCode = {small},errorMessage = ERR_DATA_INSERT"),
        (3, "upLoadOneMinuteDataToEngine time={big}"),
        (2, "checkInsertStatus stepSum or calorieSum is enough"),
        (2, "calculateAltitudeWithCache totalAltitude={float}"),
    ]),
    "GenJavaApp": (hdr_java, [
        (15, "Request req-{hex12} completed in {dur} with status {small}"),
        (12, "HikariPool-{small} - Connection {pkg}.PgConnection@{hex} marked as broken because of SQLSTATE({int})"),
        (10, "Fetched {int} rows from table orders in {dur}"),
        (10, "Cache miss for key user:{int}:profile"),
        (8, "Started {pkg}.Application in {float} seconds (JVM running for {float})"),
        (6, "Tomcat started on port(s): {port} (http) with context path ''"),
        (6, "Kafka consumer group {word}-consumers assigned partitions [{word}-{small}, {word}-{small}]"),
        (5, "Scheduled task {word}Job took {int} ms"),
        (5, "User {user} logged in from {ip}"),
        (4, "Retrying call to {url} (attempt {small} of {small})"),
        (4, "Heap usage {small}% exceeds threshold, GC pause {dur}"),
        (3, "Loaded {int} feature flags from {path}"),
    ]),
    "GenShuffle": (hdr_java, [
        (20, "Fetched {sizespan} of shuffle {small} from {hostname} in {elapsed}"),
        (15, "Task {float} in stage {float} finished on {hostname} (executor {small}) ({small}/{small})"),
        (12, "Stored {word}_{small}_piece{small} in memory (size {float} KB, free {float} MB)"),
        (10, "Executor {small} on {hostname} lost after {elapsed}"),
        (8, "{progspan} exited with code {small} after writing {sizespan}"),
        (8, "Committed output of {attempt} to {url}"),
        (6, "Spilling map output: {bytes} bytes, kvstart = {int}({int}); length = {int}"),
        (6, "Launching {progspan} for container {container} on {hostname}:{port}"),
        (5, "Registered block manager {hostname}:{port} with {float} MB RAM, BlockManagerId({small}, {hostname}, {port}, None)"),
        (4, "Shuffle spill of {sizespan} took {elapsed}"),
        (3, "Lost task {float} in stage {float} (TID {int}) on {hostname}: ExecutorLostFailure"),
    ]),
}

HELDOUT = {
    "HoWinBackup": (hdr_plain, [
        (20, "Uploaded {sizespan2} to {url} in {elapsed2}"),
        (15, "{appspan} started backup job {int} for {user}"),
        (12, "Scanning {path}: {int} files, {sizespan2} changed"),
        (10, "Chunk {hex} deduplicated, saved {sizespan2}"),
        (8, "{appspan} finished in {elapsed2} with {small} warnings"),
        (8, "Retry {small}/{small} for {host}:{port} after {elapsed2}"),
        (6, "Snapshot {uuid} pruned, freed {sizespan2}"),
        (5, "Quota for {user} at {small}% ({sizespan2} of {mb})"),
        (4, "Verify pass over {int} chunks done in {elapsed2}"),
    ]),
    "HoSquid": (hdr_plain, [
        (30, "{float} {int} {ip} TCP_MISS/{small} {bytes} GET {url} - HIER_DIRECT/{ip} text/html"),
        (20, "{float} {int} {ip} TCP_TUNNEL/{small} {bytes} CONNECT {host}:{port} - HIER_DIRECT/{ip} -"),
        (15, "upstream connect {ip}:{port} -> {host}:{port} established in {dur}"),
        (10, "client {ip}:{port} connection reset by peer"),
        (8, "tunnel {host}:{port} closed after {int} bytes up {int} bytes down"),
        (6, "WARNING: {host}:{port} failed health check ({small} of {small})"),
        (5, "route {ip}/{small} via {ip} dev eth{small}"),
        (4, "parent proxy {host}:{port} marked DEAD"),
        (2, "cache_mem usage {small}%, swap {int} objects"),
    ]),
    "HoLogcat": (hdr_logcat, [
        (20, "notifyDataSetChanged count={int} visible={bool} adapter={objid}"),
        (15, "handleMessage what={small} obj={objid} arg1={int}"),
        (12, "WifiStateMachine: RSSI changed rssi={neg} bssid={mac} freq={int}"),
        (10, "Package {pkg} uid {uid} granted permission android.permission.{word}"),
        (8, "onBatteryChanged level={small} plugged={small} temp={int} voltage={int}"),
        (8, "Choreographer: Skipped {small} frames!  The application may be doing too much work on its main thread."),
        (6, "Window{{hex} u0 {pkg}/{pkg}.ui.HomeActivity} relayout vis={small} frame=Rect({small}, {small} - {int}, {int})"),
        (5, "JobScheduler: job id={int} uid={uid} tag={pkg}/.sync.SyncService latency={dur}"),
        (4, "ANR in {pkg} (pid {pid}) reason: Input dispatching timed out"),
        (3, "dex2oat: compiling {path} with filter speed-profile took {dur}"),
    ]),
    "HoLinuxSyslog": (hdr_syslog, [
        (20, "systemd[1]: Started Session {int} of user {user}."),
        (15, "kernel: [{float}] usb {small}-{small}: new high-speed USB device number {small} using xhci_hcd"),
        (12, "sshd[{pid}]: Accepted publickey for {user} from {ip} port {port} ssh2: RSA SHA256:{hex}"),
        (10, "NetworkManager[{pid}]: <info>  [{float}] device (wlp{small}s0): state change: activated -> deactivating"),
        (8, "kernel: [{float}] EXT4-fs ({word}{small}): mounted filesystem with ordered data mode"),
        (8, "dbus-daemon[{pid}]: [system] Activating service name='org.freedesktop.{word}' requested by ':{small}.{int}' (uid={uid} pid={pid})"),
        (6, "CRON[{pid}]: ({user}) CMD (run-parts {path})"),
        (5, "audit: type={int} audit({float}:{int}): apparmor=\"DENIED\" operation=\"open\" profile=\"{path}\" name=\"{path}\" pid={pid}"),
        (4, "kernel: [{float}] Out of memory: Killed process {pid} ({word}) total-vm:{int}kB, anon-rss:{int}kB"),
        (3, "udisksd[{pid}]: Mounted {path} at {path} on behalf of uid {uid}"),
    ]),
    "HoSpark": (hdr_java, [
        (20, "Finished task {float} in stage {float} (TID {int}) in {int} ms on {hostname} (executor {small}) ({small}/{small})"),
        (15, "Starting task {float} in stage {float} (TID {int}, {hostname}, executor {small}, partition {small}, PROCESS_LOCAL, {int} bytes)"),
        (12, "Block broadcast_{small}_piece{small} stored as bytes in memory (estimated size {float} KB, free {float} MB)"),
        (10, "Added rdd_{small}_{small} in memory on {hostname}:{port} (size: {float} KB, free: {float} MB)"),
        (8, "Registered executor NettyRpcEndpointRef(spark-client://Executor) ({ip}:{port}) with ID {small}"),
        (8, "Got assigned task {int}"),
        (6, "Running task {float} in stage {float} (TID {int})"),
        (5, "Container {container} on host: {hostname} was preempted."),
        (4, "Successfully stopped SparkContext for {appid}"),
        (3, "Input split: hdfs://{hostname}:{port}{path}:{int}+{int}"),
    ]),
    "HoWearable": (hdr_health, [
        (25, "heartRate={small} confidence={small} ts={big}"),
        (15, "syncSleepData start={big} end={big} records={int}"),
        (12, "onSensorChanged type={small} values=[{float}, {float}, {float}]"),
        (10, "uploadBatch size={int} result=ok cost={int}ms"),
        (8, "BLE rssi {neg} from device {mac}"),
        (8, "battery level {small} charging {bool}"),
        (6, "writeDailyStat day={int} steps={int} kcal={float} distance={int}m"),
        (5, "screen on, lastActive {big}"),
        (3, "alarm triggered id={int} repeat={bool}"),
    ]),
    "HoGoService": (hdr_plain, [
        (18, "http: TLS handshake error from {ip}:{port}: EOF"),
        (15, "GET {path} {small} {dur} bytes={int} trace_id={traceid}"),
        (12, "grpc: addrConn.createTransport failed to connect to {ip}:{port}. Err: connection error: desc = \"transport: dial tcp {ip}:{port}: connect: connection refused\""),
        (10, "leader election: lease {word}/{word}-lock acquired by {hostname}_{uuid}"),
        (8, "reconciled object {word}/{word} generation={small} in {dur}"),
        (8, "worker {small} processed {int} jobs, queue depth {int}"),
        (6, "Traceback (most recent call last): File \"{path}\", line {int}, in {word}"),
        (5, "redis: {ip}:{port} pool timeout after {dur}"),
        (4, "commit {sha} deployed to {hostname} by {email}"),
        (3, "s3 upload s3://{word}-bucket/{path} etag={hex} size={mb}"),
    ]),
}


def make(name, hdr, specs, seed):
    r = random.Random(seed)
    weights = [w for w, _ in specs]
    rows = []
    for i in range(LINES):
        spec = r.choices(specs, weights=weights)[0][1]
        content, template = render(r, spec)
        rows.append((hdr(r, i) + content, content, template))
    return rows


def write(out, name, rows):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    ids = {}
    with open(os.path.join(d, name + "_2k.log"), "w", encoding="utf-8", newline="\n") as f:
        for line, _, _ in rows:
            f.write(line + "\n")
    with open(os.path.join(d, name + "_2k.log_structured.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["LineId", "Content", "EventId", "EventTemplate"])
        for i, (_, content, template) in enumerate(rows, 1):
            eid = ids.setdefault(template, "E%d" % (len(ids) + 1))
            w.writerow([i, content, eid, template])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "target/mining-gen"
    for group, sets in (("dev", DEV), ("heldout", HELDOUT)):
        for k, (name, (hdr, specs)) in enumerate(sorted(sets.items())):
            write(os.path.join(out, group), name, make(name, hdr, specs, SEED + 1000 * k + (0 if group == "dev" else 500)))
            print("%s/%s" % (group, name))


if __name__ == "__main__":
    main()
