#!/usr/bin/env python3
"""A second set of generated template-mining datasets, Loghub-2.0 layout.

    python3 eval/mining/gen_mining2.py OUT_DIR

writes `OUT_DIR/{dev,heldout}/NAME/NAME_2k.log` and
`NAME_2k.log_structured.csv` (LineId, Content, EventId, EventTemplate), the
layout `examples/loghub_accuracy.rs` scores. Standard library only, fixed
seed: the output is the same on every run.

The shapes are new, written independently of the miner and of
`gen_mining.py`: Windows CBS/CSI servicing logs, ZooKeeper, supercomputer
syslog (Thunderbird-like), a proxy log of `host:port` pairs and byte counts,
Android logcat (ActivityManager, PowerManagerService, WindowManager), macOS
kernel and `com.apple.*` syslog, Hadoop MapReduce application-master logs,
a step-counter health app, Spark executor logs.

Ground truth is what a careful annotator writes (the conventions of
eval/mining/README.md): every value that varies from one instance of an event
to the next is `<*>` (numbers, ids, hex, hosts, IPs, ports, paths, durations,
user, program and package names, states reported as values); the words of
the event stay; punctuation around a value stays; `host:port` is `<*>:<*>`;
a literal prefix glued to an id stays (`u0a<*>`, `t<*>`, `rdd_<*>_<*>`), while a hex
value with its `0x` is one `<*>`; a value
written with a varying number of tokens within one event (`0 bytes` /
`1190 bytes (1.16 KB)`, `<1 sec` / `01:17`, `chrome.exe` / `chrome.exe *64`,
a quoted tag `"View Lock"` / `"RILJ"`, a stack list `@0x1 @0x2 ...`) is one
`<*>` for the whole span.

Events have a long-tailed frequency: a few events make most lines, several
appear only a handful of times, as in real 2k samples.
"""

import os
import random
import sys

import gen_mining
from gen_mining import r_hex as rhex, r_int as ri, r_ip as rip, write

SEED = 7202612
LINES = 2000

NAMES = ("acorn birch cobalt dune elm fjord glacier heron iris jade koala lark maple nova orchid pine quill "
         "reef sage thistle umbra vale wren yew zinnia").split()
USERS = ["root", "admin", "hdfs", "yarn", "curi", "spark", "jdoe", "mlee", "operator", "backup", "nobody", "svc_etl"]
TLD = ["com", "net", "org", "cn", "hk", "edu", "io", "de", "co.jp", "gov"]
PROGS = ["chrome.exe", "firefox.exe", "iexplore.exe", "Dropbox.exe", "OneDrive.exe", "svchost.exe", "WeChat.exe",
         "QQ.exe", "git-remote-https.exe", "putty.exe", "Skype.exe", "outlook.exe", "thunderbird.exe",
         "YodaoDict.exe", "SogouCloud.exe", "360se.exe", "pycharm64.exe", "idea64.exe", "steam.exe", "wget.exe"]
ANDROID_PKGS = ["com.android.systemui", "com.tencent.mm", "com.tencent.qt.qtl", "com.android.phone", "com.huawei.health",
                "com.sina.weibo", "com.android.settings", "com.google.android.gms", "com.eg.android.AlipayGphone",
                "com.netease.cloudmusic", "android", "com.android.bluetooth", "com.baidu.map.location"]
ANDROID_CLS = [".activity.info.NewsDetailXmlActivity", ".ui.LauncherUI", ".Settings$WifiSettingsActivity",
               ".main.MainActivity", "com.android.launcher3.Launcher", ".plugin.webview.ui.tools.WebViewUI",
               ".home.HomeActivity", ".player.PlayerActivity"]
WL_TAGS = ["View Lock", "*launch*", "RILJ", "AudioMix", "WindowManager", "*alarm*", "NlpWakeLock",
           "GCoreFlp", "wake:com.tencent.mm/.booter.CoreService", "Wifi Lock", "SyncLoopWakeLock",
           "*job*/com.google.android.gms/.gcm.nts.TaskExecutionService"]
APPLE_SVCS = ["com.apple.Safari.SafeBrowsing.Update", "com.apple.CacheDelete.daily", "com.apple.photoanalysisd.backgroundanalysis",
              "com.apple.icloud.fmfd.heartbeat", "com.apple.SoftwareUpdate.Activity", "com.apple.metadata.mds.scan",
              "com.apple.ical.sync.x-coredata", "com.apple.mobileassetd.autoasset"]
MAC_PROCS = ["QQ", "Safari", "mdworker", "WeChat", "Microsoft Word", "Google Chrome Helper", "cloudd", "nsurlsessiond",
             "Dropbox", "Preview", "Mail", "corespotlightd"]
MAC_PROCS_1 = ["QQ", "Safari", "mdworker", "WeChat", "cloudd", "nsurlsessiond", "Dropbox", "Preview", "Mail",
               "corespotlightd", "sharingd", "UserEventAgent"]
HOSTS = ["tn%d" % i for i in range(1, 30)] + ["an%d" % i for i in range(200, 260)]


def rport(r):
    return str(r.choice([80, 443, 443, 443, 5070, 8080, 1080, 22, 993, 5222, r.randint(1025, 65535)]))


def rhost(r):
    k = r.randint(0, 6)
    if k == 0:
        return rip(r)
    if k == 1:
        return "www.%s.%s" % (r.choice(NAMES), r.choice(TLD))
    if k == 2:
        return "%s%d.%s.%s" % (r.choice(["mail", "img", "static", "api", "s"]), r.randint(1, 30), r.choice(NAMES), r.choice(TLD))
    if k == 3:
        return "proxy.%s.%s.%s" % (r.choice(["cse", "ie", "cs"]), r.choice(NAMES), r.choice(TLD))
    if k == 4:
        return "%s.%s" % (r.choice(NAMES), r.choice(TLD))
    if k == 5:
        return "a%d.phobos.%s.%s" % (r.randint(1, 2000), r.choice(NAMES), r.choice(TLD))
    return "%s-%s.%s.%s" % (r.choice(NAMES), r.choice(["edge", "cdn", "lb"]), r.choice(NAMES), r.choice(TLD))


def rnode(r):
    return "%s-%s" % (r.choice(["MININT", "msra-sa", "cn", "ip"]), r.choice(["%d" % r.randint(10, 99), "FNANLI5", "%d-%d" % (r.randint(1, 99), r.randint(1, 99))]))


def rsize(r):
    n = r.choice([0, 0, r.randint(1, 900), r.randint(1000, 99999), r.randint(100000, 90000000)])
    if n < 1000:
        return "%d bytes" % n
    if n < 1048576:
        return "%d bytes (%.2f KB)" % (n, n / 1024.0)
    return "%d bytes (%.2f MB)" % (n, n / 1048576.0)


def rlife(r):
    k = r.randint(0, 4)
    if k <= 1:
        return "<1 sec"
    if k <= 3:
        return "%02d:%02d" % (r.randint(0, 59), r.randint(0, 59))
    return "%02d:%02d:%02d" % (r.randint(1, 23), r.randint(0, 59), r.randint(0, 59))


def rprog(r):
    p = r.choice(PROGS)
    return p + (" *64" if r.random() < 0.3 else "")


def rver4(r):
    return "%d.%d.%d.%d" % (r.randint(6, 10), r.randint(0, 3), r.randint(7600, 17763), r.randint(16384, 23500))


def rwinpath(r):
    return "C:\\Windows\\%s\\%s" % (r.choice(["winsxs", "Logs\\CBS", "servicing", "SoftwareDistribution\\Download"]),
                                    r.choice(["amd64_microsoft-windows-servicingstack_31bf3856ad364e35_%s_none_%s" % (rver4(r), rhex(r, 16)),
                                              "Temp", "CbsPersist_%d" % r.randint(20160000000000, 20169999999999), rhex(r, 32)]))


def rpkgid(r):
    return "Package_%sfor_KB%d~31bf3856ad364e35~amd64~~%s" % (r.choice(["", "1_", "2_", "13_"]), r.randint(2000000, 4999999), rver4(r))


def rstack(r):
    return " ".join("@0x%s" % rhex(r, r.choice([9, 11])) for _ in range(r.randint(1, 4)))


def rattempt(r):
    return "attempt_%d_%04d_%s_%06d_%d" % (r.randint(1445000000000, 1445999999999), r.randint(1, 30), r.choice("mr"),
                                           r.randint(0, 40), r.randint(0, 2))


def rhadoophost(r):
    return "MININT-%s.%s.%s" % (r.choice(["FNANLI5", "75DGDAM1", "KH3I2EL"]), r.choice(["fareast", "northamerica"]), "corp.microsoft.com")


def rzkpath(r):
    return "/%s/%s" % (r.choice(["hbase", "storm", "kafka", "solr"]), r.choice(["brokers/ids/%d" % r.randint(0, 9), "rs", "assignments",
                                                                                 "election/n_%010d" % r.randint(0, 99999)]))


def rws(r):
    return r.choice(["null", "null", "WorkSource{%d}" % r.randint(10000, 10200)])


def rcomp(r):
    p = r.choice(ANDROID_PKGS[1:])
    return "%s/%s" % (p, r.choice(ANDROID_CLS))


def rproc(r):
    p = r.choice(ANDROID_PKGS)
    return p + r.choice(["", "", ":push", ":remote", ":tools"])


def rjob(r):
    return "%d.%s" % (r.randint(10000, 99999), r.choice(["tbird-admin1", "tbird-sn1", "tbird-sn2"]))


VARS = {
    "int": lambda r: ri(r, 0, 99999),
    "small": lambda r: ri(r, 0, 64),
    "digit": lambda r: ri(r, 0, 9),
    "neg": lambda r: ri(r, -9999, 9999),
    "big": lambda r: ri(r, 1500000000000, 1519999999999),
    "float": lambda r: "%.*f" % (r.randint(1, 4), r.uniform(0, 100000)),
    "frac": lambda r: "%.*f" % (r.randint(1, 6), r.random()),
    "hex": lambda r: rhex(r, r.randint(6, 9)),
    "hex16": lambda r: rhex(r, 16),
    "0x": lambda r: "0x" + rhex(r, r.choice([1, 2, 4, 8])),
    "0xd": lambda r: "0x%d" % r.randint(0, 9),
    "0xh": lambda r: "0x" + rhex(r, r.randint(6, 9)),
    "0xs": lambda r: "0x" + rhex(r, 15).lstrip("0"),
    "ip": rip,
    "port": rport,
    "host": rhost,
    "size": rsize,
    "life": rlife,
    "prog": rprog,
    "user": lambda r: r.choice(USERS),
    "pid": lambda r: ri(r, 2, 32768),
    "uid": lambda r: ri(r, 1000, 10180),
    "name": lambda r: r.choice(NAMES),
    "ver4": rver4,
    "winpath": rwinpath,
    "pkgid": rpkgid,
    "cbspath": lambda r: rwinpath(r) + "\\cbscore.dll",
    "sqmpath": lambda r: rwinpath(r) + "\\SQM*.sqm",
    "stack": rstack,
    "sess": lambda r: "%d_%d" % (r.randint(30000000, 30999999), r.randint(10 ** 9, 4 * 10 ** 9)),
    "csiseq": lambda r: "%08x" % r.randint(1, 4000),
    "csits": lambda r: "2016/9/%d:%02d:%02d:%02d.%03d" % (r.randint(1, 30), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999)),
    "kb": lambda r: ri(r, 2000000, 4999999),
    "attempt": rattempt,
    "task": lambda r: "task_%d_%04d_%s_%06d" % (r.randint(1445000000000, 1445999999999), r.randint(1, 30), r.choice("mr"), r.randint(0, 40)),
    "container": lambda r: "container_%d_%04d_01_%06d" % (r.randint(1445000000000, 1445999999999), r.randint(1, 30), r.randint(1, 40)),
    "appattempt": lambda r: "appattempt_%d_%04d_%06d" % (r.randint(1445000000000, 1445999999999), r.randint(1, 30), r.randint(1, 3)),
    "jvm": lambda r: "jvm_%d_%04d_m_%06d" % (r.randint(1445000000000, 1445999999999), r.randint(1, 30), r.randint(1, 40)),
    "hhost": rhadoophost,
    "zkpath": rzkpath,
    "zkstate": lambda r: r.choice(["LOOKING", "FOLLOWING", "LEADING"]),
    "ws": rws,
    "wltag": lambda r: r.choice(WL_TAGS),
    "apkg": lambda r: r.choice(ANDROID_PKGS),
    "comp": rcomp,
    "proc": rproc,
    "bool": lambda r: r.choice(["true", "false"]),
    "Bool": lambda r: r.choice(["True", "False"]),
    "svc": lambda r: r.choice(APPLE_SVCS),
    "macproc": lambda r: r.choice(MAC_PROCS),
    "macproc1": lambda r: r.choice(MAC_PROCS_1),
    "clock": lambda r: "%02d:%02d:%02d.%03d" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999)),
    "mode": lambda r: r.choice(["AUTO", "SUSPENDED", "INACTIVE", "ACTIVE"]),
    "tbhost": lambda r: r.choice(HOSTS),
    "tbjob": rjob,
    "dev": lambda r: "sd%s%d" % (r.choice("abcd"), r.randint(1, 8)),
    "path": lambda r: "/%s/%s/%s" % (r.choice(["var", "opt", "home", "tmp", "usr/local"]), r.choice(NAMES), r.choice(NAMES + ["data.bin", "run.log", "gmond.conf"])),
    "hdfs": lambda r: "hdfs://%s:%s/user/%s/%s/part-%05d" % (r.choice(HOSTS), r.choice(["8020", "9000"]), r.choice(USERS), r.choice(NAMES), r.randint(0, 999)),
    "spark_dir": lambda r: "/opt/hdfs/nodemanager/usercache/%s/appcache/application_%d_%04d/blockmgr-%s" % (
        r.choice(USERS), r.randint(1485000000000, 1499999999999), r.randint(1, 9999), "-".join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)])),
    "nkey": lambda r: "0|%s|%d|%s|%d" % (r.choice(ANDROID_PKGS), r.randint(1, 999), r.choice(["null", "ongoing", "tag%d" % r.randint(1, 9)]), r.randint(1000, 10180)),
    "hdate": lambda r: "2017122%d" % r.randint(3, 9),
    "signed": lambda r: "%+.6f" % r.uniform(-1, 1),
}


def render(r, spec):
    return gen_mining.render(r, spec, VARS)


# ---------------------------------------------------------------- headers

def h_proxifier(r):
    return "[%02d.%02d %02d:%02d:%02d] " % (r.randint(10, 11), r.randint(1, 30), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))


def h_proxy2(r):
    return "2026/12/%02d %02d:%02d:%02d.%03d " % (r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999))


def h_logcat(tag):
    def h(r):
        return "03-%02d %02d:%02d:%02d.%03d  %4d  %4d %s %s: " % (r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
                                                                 r.randint(0, 999), r.randint(100, 9999), r.randint(100, 9999), r.choice("DIVWE"), tag)
    return h


def h_mac(proc):
    def h(r):
        return "Jul %2d %02d:%02d:%02d calvisitor-10-105-%d-%d %s: " % (r.randint(1, 8), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
                                                                        r.randint(160, 163), r.randint(1, 254), proc)
    return h


def h_hadoop(cls):
    def h(r):
        return "2015-10-18 %02d:%02d:%02d,%03d %s [%s] %s: " % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999),
                                                               r.choice(["INFO", "INFO", "WARN"]), r.choice(["main", "RMCommunicator Allocator", "AsyncDispatcher event handler"]), cls)
    return h


def h_health(comp):
    def h(r):
        return "2017122%d-%02d:%02d:%02d:%d|%s|%d|" % (r.randint(3, 9), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999), comp, r.randint(30002300, 30002400))
    return h


def h_zk(r):
    return "2015-07-29 %02d:%02d:%02d,%03d - %s  [%s] - " % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999),
                                                           r.choice(["INFO", "WARN", "ERROR"]), r.choice(["QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774",
                                                                                                          "NIOServerCxn.Factory:0.0.0.0/0.0.0.0:2181:NIOServerCnxn@1001",
                                                                                                          "SyncThread:1:NIOServerCnxn@1001"]))


def h_win(comp):
    def h(r):
        return "2016-09-%02d %02d:%02d:%02d, %-22s%-7s" % (r.randint(1, 30), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.choice(["Info", "Info", "Warning"]), comp)
    return h


def h_spark(cls):
    def h(r):
        return "17/06/%02d %02d:%02d:%02d %s %s: " % (r.randint(1, 30), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.choice(["INFO", "INFO", "WARN"]), cls)
    return h


def h_tbird(r):
    host = r.choice(HOSTS)
    return "- %d 2005.11.%02d %s Nov %d %02d:%02d:%02d %s/%s " % (r.randint(1131500000, 1131999999), r.randint(9, 20), host, r.randint(9, 20),
                                                                 r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), host, host)


# ---------------------------------------------------------------- datasets
# (weight, header, spec)

DEV = {
    "G2Proxifier": [
        (300, h_proxifier, "{prog} - {host}:{port} open through proxy {host}:{port} HTTPS"),
        (320, h_proxifier, "{prog} - {host}:{port} close, {size} sent, {size} received, lifetime {life}"),
        (60, h_proxifier, "{prog} - {host}:{port} open through proxy {host}:{port} SOCKS5"),
        (40, h_proxifier, "{prog} - {host}:{port} error : Could not connect to proxy {host}:{port} - connection attempt failed with error {int}"),
        (30, h_proxifier, "{prog} - {host}:{port} error : A connection request was canceled before the completion."),
        (20, h_proxifier, "{prog} - {host}:{port} open directly"),
        (12, h_proxifier, "{host}:{port} close, {size} sent, {size} received, lifetime {life}"),
        (6, h_proxifier, "{prog} - {host}:{port} error : Could not connect through proxy {host}:{port} - Proxy server cannot establish a connection with the target, status code {int}"),
        (4, h_proxifier, "{prog} - resolve {host} : Local DNS service is used"),
        (2, h_proxifier, "Welcome to Proxifier v{ver4}"),
        (1, h_proxifier, "Log file enabled."),
    ],
    "G2Android": [
        (140, h_logcat("PowerManagerService"), "acquire lock={int}, flags={0xd}, tag=\"{wltag}\", name={apkg}, ws={ws}, uid={uid}, pid={pid}"),
        (130, h_logcat("PowerManagerService"), "release:lock={int}, flg={0xd}, tag=\"{wltag}\", name={apkg}\", ws={ws}, uid={uid}, pid={pid}"),
        (60, h_logcat("DisplayPowerController"), "Animating brightness: target={small}, rate={small}"),
        (50, h_logcat("PowerManagerService"), "ready={bool},policy={digit},wakefulness={digit},wksummary={0xh},uasummary={0xd},bootcompleted={bool},boostinprogress={bool},waitmodeenable={bool},mode={bool},manual={small},auto={neg},adj={frac}userId={digit}"),
        (40, h_logcat("WindowManager"), "printFreezingDisplayLogsopening app wtoken = AppWindowToken{{hex} token=Token{{hex} ActivityRecord{{hex} u0 {comp} t{int}}}}, allDrawn= {bool}, startingDisplayed =  {bool}, startingMoved =  {bool}, isRelaunching =  {bool}"),
        (30, h_logcat("ActivityManager"), "Start proc {pid}:{proc}/u0a{small} for service {comp}"),
        (20, h_logcat("ActivityManager"), "Start proc {pid}:{proc}/u0a{small} for broadcast {comp}"),
        (25, h_logcat("WindowManager"), "Changing focus from Window{{hex} u0 {comp}} to Window{{hex} u0 {comp}}"),
        (20, h_logcat("ActivityManager"), "Killing {pid}:{proc}/u0a{small} (adj {int}): empty #{small}"),
        (15, h_logcat("ActivityManager"), "Process {proc} (pid {pid}) has died"),
        (15, h_logcat("PowerManagerService"), "userActivityNoUpdateLocked: eventTime={int}, event={digit}, flags={0xd}, uid={uid}"),
        (12, h_logcat("BatteryService"), "level:{small}, scale:100, voltage:{int}, temperature:{int}, status:{digit}, health:{digit}, plugged:{digit}"),
        (8, h_logcat("WindowManager"), "Skipping AppWindowToken{{hex} token=Token{{hex} ActivityRecord{{hex} u0 {comp} t{int}}}} -- going to hide"),
        (6, h_logcat("ActivityManager"), "Posting notification key={nkey} id={int}"),
        (3, h_logcat("ActivityManager"), "Unable to start service Intent { act={apkg}.ACTION_START } U=0: not found"),
        (2, h_logcat("PowerManagerService"), "Going to sleep due to screen timeout (uid {uid})..."),
        (1, h_logcat("ActivityManager"), "Config changes=480 {config}"),
    ],
    "G2Mac": [
        (120, h_mac("kernel[0]"), "ARPT: {float}: wl0: wl_update_tcpkeep_seq: Original Seq: {int}, Ack: {int}, Win size: {int}"),
        (90, h_mac("kernel[0]"), "ARPT: {float}: AirPort_Brcm43xx::syncPowerState: WWEN[enabled]"),
        (70, h_mac("com.apple.cts[258]"), "{svc}: scheduler_evaluate_activity told me to run this job; however, but the start time isn't for {int} seconds.  Ignoring."),
        (60, h_mac("com.apple.CDScheduler[43]"), "Thermal pressure state: {digit} Memory pressure state: {digit}"),
        (50, h_mac("kernel[0]"), "IO80211AWDLPeerManager::setAwdlOperatingMode Setting the AWDL operation mode from {mode} to {mode}"),
        (45, h_mac("kernel[0]"), "Sandbox: {macproc1}({pid}) deny(1) mach-lookup {svc}"),
        (40, h_mac("sharingd[30299]"), "{clock} : Scanning mode Contacts Only"),
        (35, h_mac("QQ[10018]"), "FA||Url||taskID[{int}] dealloc"),
        (25, h_mac("WindowServer[184]"), "device_generate_desktop_screenshot: authw {0x}({int}), shield {0x}({int})"),
        (20, h_mac("kernel[0]"), "hibernate_page_list_setall time: {int} ms"),
        (15, h_mac("symptomsd[215]"), "__73-[NetworkAnalyticsEngine observeValueForKeyPath:ofObject:change:context:]_block_invoke unexpected switch value {digit}"),
        (12, h_mac("mDNSResponder[91]"), "mDNS_DeregisterInterface: Frequent transitions for interface en0 ({ip})"),
        (10, h_mac("kernel[0]"), "AppleCamIn::systemWakeCall - messageType = {0x}"),
        (8, h_mac("kernel[0]"), "en0: channel changed to {small}"),
        (4, h_mac("WindowServer[184]"), "CGXDisplayDidWakeNotification [{big}]: posting kCGSDisplayDidWake"),
        (2, h_mac("kernel[0]"), "Previous sleep cause: {digit}"),
        (1, h_mac("kernel[0]"), "Wake reason: ?"),
    ],
    "G2MapReduce": [
        (150, h_hadoop("org.apache.hadoop.mapred.TaskAttemptListenerImpl"), "Progress of TaskAttempt {attempt} is : {frac}"),
        (80, h_hadoop("org.apache.hadoop.ipc.Client"), "Retrying connect to server: {hhost}/{ip}:{port}. Already tried {digit} time(s); retry policy is RetryUpToMaximumCountWithFixedSleep(maxRetries={small}, sleepTime={int} MILLISECONDS)"),
        (60, h_hadoop("org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator"), "Recalculating schedule, headroom=<memory:{int}, vCores:{neg}>"),
        (50, h_hadoop("org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator"), "Reduce slow start threshold not met. completedMapsForReduceSlowstart {small}"),
        (40, h_hadoop("org.apache.hadoop.mapred.TaskAttemptListenerImpl"), "JVM with ID : {jvm} asked for a task"),
        (40, h_hadoop("org.apache.hadoop.mapred.TaskAttemptListenerImpl"), "JVM with ID: {jvm} given task: {attempt}"),
        (35, h_hadoop("org.apache.hadoop.mapreduce.v2.app.job.impl.TaskAttemptImpl"), "Diagnostics report from {attempt}: Container killed by the ApplicationMaster."),
        (30, h_hadoop("org.apache.hadoop.mapred.TaskAttemptListenerImpl"), "MapCompletionEvents request from {attempt}. startIndex {small} maxEvents {int}"),
        (25, h_hadoop("org.apache.hadoop.mapred.TaskAttemptListenerImpl"), "Done acknowledgement from {attempt}"),
        (20, h_hadoop("org.apache.hadoop.mapreduce.v2.app.rm.RMContainerRequestor"), "getResources() for {appattempt}: ask={digit} release= {digit} newContainers={digit} finishedContainers={digit} resourcelimit=<memory:{int}, vCores:{neg}> knownNMs={digit}"),
        (20, h_hadoop("org.apache.hadoop.mapreduce.v2.app.launcher.ContainerLauncherImpl"), "Shuffle port returned by ContainerManager for {attempt} : {port}"),
        (18, h_hadoop("org.apache.hadoop.yarn.util.RackResolver"), "Resolved {hhost} to /default-rack"),
        (15, h_hadoop("org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator"), "Got allocated containers {digit}"),
        (12, h_hadoop("org.apache.hadoop.mapreduce.v2.app.launcher.ContainerLauncherImpl"), "KILLING {attempt}"),
        (10, h_hadoop("org.apache.hadoop.mapreduce.v2.app.rm.RMCommunicator"), "ERROR IN CONTACTING RM."),
        (6, h_hadoop("org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator"), "Address change detected. Old: {hhost}/{ip}:{port} New: {hhost}:{port}"),
        (4, h_hadoop("org.apache.hadoop.mapreduce.v2.app.MRAppMaster"), "Created MRAppMaster for application {appattempt}"),
        (2, h_hadoop("org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator"), "mapResourceRequest:<memory:{int}, vCores:{digit}>"),
        (1, h_hadoop("org.apache.hadoop.mapreduce.v2.app.MRAppMaster"), "Executing with tokens:"),
    ],
    "G2Health": [
        (200, h_health("Step_LSC"), "onStandStepChanged {int}"),
        (120, h_health("Step_SPUtils"), "setTodayTotalDetailSteps={big}##{int}##{int}##{int}##{int}##{big}"),
        (90, h_health("Step_LSC"), "onExtend:{big} {int} {digit} {digit}"),
        (60, h_health("Step_StandReportReceiver"), "onReceive action: android.intent.action.SCREEN_ON"),
        (55, h_health("Step_StandReportReceiver"), "onReceive action: android.intent.action.SCREEN_OFF"),
        (40, h_health("Step_LSC"), "calculateCaloriesWithCache totalCalories={int}"),
        (35, h_health("HiH_HiHealthDataInsertStore"), "saveHealthDetailData() size = {digit},type = {int},app = {digit},who = {digit},isNeedSync = {bool}"),
        (30, h_health("Step_DataCache"), "insertDataToDB totalSteps={int}, totalCalories={int}, totalDistance={int}, totalFloor={small}"),
        (20, h_health("Step_ExtSDM"), "calculateAltitudeWithCache totalAltitude={int}"),
        (15, h_health("Step_NotificationUtil"), "notifyTodayData steps={int},calorie={int},distance={int},floor={small},duration={int}"),
        (10, h_health("Step_LSC"), "checkCurrentDay a new day comes , time is {big}"),
        (8, h_health("Step_SPUtils"), "getTodayBasicStandSteps={int} lastStandStep={int}"),
        (5, h_health("Step_LSC"), "tryRegisterHandler() isDeviceMaxNum={bool}"),
        (3, h_health("Step_ExtSDM"), "stepCounter is sensor enable : {bool}"),
        (1, h_health("Step_LSC"), "flush sensor data"),
    ],
    "G2Zookeeper": [
        (110, h_zk, "Accepted socket connection from /{ip}:{port}"),
        (100, h_zk, "Closed socket connection for client /{ip}:{port} which had sessionid {0xs}"),
        (80, h_zk, "Client attempting to establish new session at /{ip}:{port}"),
        (75, h_zk, "Established session {0xs} with negotiated timeout {int} for client /{ip}:{port}"),
        (60, h_zk, "Notification: {digit} (n.leader), {0xh} (n.zxid), {0xd} (n.round), {zkstate} (n.state), {digit} (n.sid), {0xd} (n.peerEPoch), {zkstate} (my state)"),
        (45, h_zk, "Processed session termination for sessionid: {0xs}"),
        (35, h_zk, "Expiring session {0xs}, timeout of {int}ms exceeded"),
        (30, h_zk, "EndOfStreamException: Unable to read additional data from client sessionid {0xs}, likely client has closed socket"),
        (25, h_zk, "Cannot open channel to {digit} at election address /{ip}:{port}"),
        (20, h_zk, "Connection broken for id {digit}, my id = {digit}, error = "),
        (20, h_zk, "Closed socket connection for client /{ip}:{port} (no session established for client)"),
        (15, h_zk, "Got user-level KeeperException when processing sessionid:{0xs} type:create cxid:{0xh} zxid:{0xh} txntype:-1 reqpath:n/a Error Path:{zkpath} Error:KeeperErrorCode = NodeExists for {zkpath}"),
        (12, h_zk, "Have smaller server identifier, so dropping the connection: ({digit}, {digit})"),
        (10, h_zk, "Received connection request /{ip}:{port}"),
        (6, h_zk, "Send worker leaving thread"),
        (4, h_zk, "Interrupted while waiting for message on queue"),
        (2, h_zk, "caught end of stream exception"),
    ],
    "G2WinCBS": [
        (160, h_win("CBS"), "Read out cached package applicability for package: {pkgid}, ApplicableState: {small}, CurrentState:{small}"),
        (100, h_win("CSI"), "{csiseq} IAdvancedInstallerAwareStore_ResolvePendingTransactions (call {int}) (flags = {0x}, progress = NULL, phase = {digit}, pdwDisposition = @{0x}"),
        (90, h_win("CBS"), "Session: {sess} initialized by client WindowsUpdateAgent."),
        (70, h_win("CBS"), "Failed to get next element [HRESULT = {0xh} - CBS_E_MANIFEST_INVALID_ITEM]"),
        (60, h_win("CBS"), "Warning: Unrecognized packageExtended attribute."),
        (50, h_win("CSI"), "{csiseq}@{csits} WcpInitialize (wcp.dll version {ver4}) called (stack {stack})"),
        (45, h_win("CBS"), "SQM: Initializing online with Windows opt-in: {Bool}"),
        (40, h_win("CBS"), "Loaded Servicing Stack v{ver4} with Core: {cbspath}"),
        (35, h_win("CBS"), "Appl: detect Parent, Package: {pkgid}, Parent: {pkgid}, Disposition = Detect, VersionComp: EQ, ServiceComp: GE, BuildComp: GE, DistributionComp: GE, RevisionComp: GE, Exist: present"),
        (30, h_win("CBS"), "SQM: Cleaning up report files older than {small} days."),
        (25, h_win("CBS"), "Starting TrustedInstaller initialization."),
        (25, h_win("CBS"), "Ending TrustedInstaller initialization."),
        (20, h_win("CBS"), "SQM: Failed to start upload with file pattern: {sqmpath}, flags: {0xd} [HRESULT = {0xh} - E_FAIL]"),
        (15, h_win("CBS"), "Expecting attribute name [HRESULT = {0xh} - CBS_E_MANIFEST_INVALID_ITEM]"),
        (10, h_win("CBS"), "NonStart: Checking to ensure startup processing was not required."),
        (6, h_win("CBS"), "Startup processing thread terminated normally"),
        (3, h_win("CBS"), "Scavenge: Starts, Flags: {0x}"),
        (1, h_win("CBS"), "TI: --- Initializing Trusted Installer ---"),
    ],
}

HELDOUT = {
    "G2ProxyB": [
        (280, h_proxy2, "{prog} - {host}:{port} open through proxy {host}:{port} SOCKS5"),
        (260, h_proxy2, "{prog} - {host}:{port} close, {size} sent, {size} received, lifetime {life}"),
        (120, h_proxy2, "session {int}: {ip}:{port} -> {host}:{port} tunnel established"),
        (100, h_proxy2, "session {int}: {host}:{port} closed, up {size} down {size}, duration {life}"),
        (40, h_proxy2, "{prog} - {host}:{port} error : Connection reset by the target"),
        (30, h_proxy2, "{prog} - {host}:{port} open directly"),
        (20, h_proxy2, "{host}:{port} open through proxy {host}:{port} HTTPS"),
        (10, h_proxy2, "Rule \"{name}\" matched {host}:{port} -> Block"),
        (6, h_proxy2, "{prog} - resolve {host} : Remote DNS is used"),
        (2, h_proxy2, "Traffic statistics: {size} sent, {size} received in {int} connections"),
        (1, h_proxy2, "Proxy checker finished"),
    ],
    "G2AndroidB": [
        (150, h_logcat("PowerManagerService"), "acquireWakeLockInternal: lock={int}, flags={0xd}, tag=\"{wltag}\", ws={ws}, uid={uid}, pid={pid}"),
        (110, h_logcat("ActivityManager"), "Setting requestedOrientation={digit} for ActivityRecord{{hex} u0 {comp} t{int}}"),
        (90, h_logcat("AudioManager"), "onAudioFocusChange focusChange={neg} packageName={apkg}"),
        (70, h_logcat("WindowManager"), "Screen frozen for +{int}ms due to AppWindowToken{{hex} token=Token{{hex} ActivityRecord{{hex} u0 {comp} t{int}}}}"),
        (60, h_logcat("ActivityManager"), "No longer want {proc} (pid {pid}): empty #{small}"),
        (50, h_logcat("DisplayPowerController"), "updateLightsLocked: state={digit}, mode={digit}, brightness={int}"),
        (40, h_logcat("ActivityManager"), "Pausing ActivityRecord{{hex} u0 {comp} t{int}}"),
        (35, h_logcat("NotificationService"), "enqueueNotificationInternal: pkg={apkg} id={int} notification=Notification(pri={neg} contentView={apkg}/{0x} vibrate=null sound=null defaults={0x} flags={0x} color={0x} vis=PRIVATE)"),
        (30, h_logcat("PowerManagerService"), "ready={bool},policy={digit},wakefulness={digit},wksummary={0xh},uasummary={0xd},bootcompleted={bool},boostinprogress={bool},waitmodeenable={bool},mode={bool},manual={small},auto={neg},adj={frac}userId={digit}"),
        (25, h_logcat("InputDispatcher"), "interceptKeyBeforeQueueing: key {small} , result : {digit}"),
        (20, h_logcat("ActivityManager"), "Failed to send result of ActivityRecord{{hex} u0 {comp} t{int}}"),
        (15, h_logcat("BluetoothManagerService"), "setBluetoothA2dpOn({bool})"),
        (10, h_logcat("AlarmManager"), "handleMessage: msg.what={digit}, mIsAlarmEnabled={bool}"),
        (5, h_logcat("ActivityManager"), "Scheduling restart of crashed service {comp} in {int}ms"),
        (2, h_logcat("WindowManager"), "Attempted to add window with non-application token WindowToken{{hex} null}.  Aborting."),
    ],
    "G2MacB": [
        (130, h_mac("kernel[0]"), "ARPT: {float}: wl0: setup_keepalive: interval {small}, retry_interval {small}, retry_count {small}"),
        (100, h_mac("com.apple.xpc.launchd[1]"), "({svc}[{pid}]) Service exited with abnormal code: {digit}"),
        (80, h_mac("kernel[0]"), "AppleThunderboltNHIType2::prePCIWake - power up complete - took {int} us"),
        (70, h_mac("com.apple.xpc.launchd[1]"), "({svc}) Service only ran for {small} seconds. Pushing respawn out by {small} seconds."),
        (60, h_mac("sharingd[30299]"), "{clock} : BTLE scanner Powered On"),
        (50, h_mac("nsurlsessiond[248]"), "NSURLSession task {int}.{digit} finished with error - code: {neg}"),
        (45, h_mac("kernel[0]"), "PM response took {int} ms ({small}, {macproc1})"),
        (40, h_mac("networkd[195]"), "-[NETClientConnection evaluateCrazyIvan46] CI46 - Perform CrazyIvan46! {macproc1}.{pid} tc{int} {ip}:{port}"),
        (35, h_mac("corecaptured[31174]"), "CCFile::captureLog Received Capture notice id: {big}, reason = AuthFail:sts:{digit}_rsn:{digit}"),
        (30, h_mac("kernel[0]"), "Sandbox: {macproc1}({pid}) deny(1) file-read-data {path}"),
        (20, h_mac("com.apple.CDScheduler[258]"), "Thermal pressure state: {digit} Memory pressure state: {digit}"),
        (15, h_mac("kernel[0]"), "Previous sleep cause: {digit}"),
        (10, h_mac("kernel[0]"), "Bluetooth -- LE is supported - Disable LE meta event"),
        (5, h_mac("locationd[82]"), "Location icon should now be in state 'Active'"),
        (2, h_mac("kernel[0]"), "IOPMrootDomain: idle cancel, state {digit}"),
    ],
    "G2Spark": [
        (200, h_spark("storage.BlockManager"), "Found block rdd_{int}_{int} locally"),
        (150, h_spark("executor.Executor"), "Finished task {float} in stage {float} (TID {int}). {int} bytes result sent to driver"),
        (130, h_spark("executor.Executor"), "Running task {float} in stage {float} (TID {int})"),
        (120, h_spark("executor.CoarseGrainedExecutorBackend"), "Got assigned task {int}"),
        (80, h_spark("spark.CacheManager"), "Partition rdd_{int}_{int} not found, computing it"),
        (60, h_spark("storage.ShuffleBlockFetcherIterator"), "Getting {int} non-empty blocks out of {int} blocks"),
        (55, h_spark("storage.ShuffleBlockFetcherIterator"), "Started {int} remote fetches in {int} ms"),
        (40, h_spark("broadcast.TorrentBroadcast"), "Started reading broadcast variable {int}"),
        (40, h_spark("broadcast.TorrentBroadcast"), "Reading broadcast variable {int} took {int} ms"),
        (35, h_spark("storage.MemoryStore"), "Block broadcast_{int}_piece0 stored as bytes in memory (estimated size {float} KB, free {float} KB)"),
        (30, h_spark("storage.MemoryStore"), "Block rdd_{int}_{int} stored as values in memory (estimated size {float} KB, free {float} GB)"),
        (20, h_spark("spark.SecurityManager"), "Changing view acls to: {user}"),
        (15, h_spark("spark.SecurityManager"), "SecurityManager: authentication disabled; ui acls disabled; users with view permissions: Set({user}); users with modify permissions: Set({user})"),
        (10, h_spark("storage.DiskBlockManager"), "Created local directory at {spark_dir}"),
        (8, h_spark("util.Utils"), "Successfully started service 'sparkExecutorActorSystem' on port {port}."),
        (5, h_spark("storage.MemoryStore"), "MemoryStore started with capacity {float} GB"),
        (3, h_spark("output.FileOutputCommitter"), "Saved output of task '{attempt}' to {hdfs}"),
        (2, h_spark("executor.CoarseGrainedExecutorBackend"), "Driver commanded a shutdown"),
    ],
    "G2HealthB": [
        (220, h_health("HiH_DataStatManager"), "onSensorData step={int} timestamp={big}"),
        (130, h_health("HiH_HiSyncControl"), "syncCloud begin, dataType={digit}"),
        (110, h_health("HiH_HiSyncControl"), "syncCloud end, dataType={digit}, cost={int}ms"),
        (80, h_health("HiH_HeartRate"), "getHeartRate: {small} bpm, quality:{digit}"),
        (70, h_health("HiH_DataStatManager"), "writeToDB stepsToday={int} caloriesToday={int} goal={int}"),
        (60, h_health("HiH_SleepManager"), "saveSleepData() result:{bool} count:{small}"),
        (45, h_health("Step_LSC"), "processHandleBroadcastAction action:android.intent.action.TIME_TICK"),
        (40, h_health("HiH_DataStatManager"), "dealWithSleepData startTime:{big} endTime:{big} sleepStatus:{digit}"),
        (30, h_health("HiH_HiHealthBinder"), "registerDataAutoReport type={int},isSuccess={bool}"),
        (20, h_health("HiH_DataStatManager"), "statDayData day={hdate} stepSum={int} calorieSum={int} distanceSum={int}"),
        (10, h_health("HiH_HiSyncControl"), "isSyncEnable false, wifi only"),
        (5, h_health("HiH_DeviceMgr"), "onDeviceConnected mac={0x} rssi={neg}"),
        (2, h_health("HiH_HiHealthBinder"), "unBindService"),
    ],
    "G2Thunderbird": [
        (250, h_tbird, "crond(pam_unix)[{pid}]: session opened for user {user} by (uid={digit})"),
        (240, h_tbird, "crond(pam_unix)[{pid}]: session closed for user {user}"),
        (150, h_tbird, "crond[{pid}]: ({user}) CMD (run-parts /etc/cron.hourly)"),
        (80, h_tbird, "kernel: ib_sm_sweep.c:{int}: ******************************* Initiate a heavy sweep ****"),
        (60, h_tbird, "ntpd[{pid}]: synchronized to {ip}, stratum {digit}"),
        (50, h_tbird, "ntpd[{pid}]: time reset {signed} s"),
        (45, h_tbird, "kernel: EXT3-fs error (device {dev}): ext3_find_entry: reading directory #{int} offset {digit}"),
        (40, h_tbird, "pbs_mom: Bad file descriptor ({small}) in tm_request, job {tbjob} not running"),
        (30, h_tbird, "gmond[{pid}]: slurpfile() open() error on file {path}: No such file or directory"),
        (25, h_tbird, "sshd[{pid}]: Accepted publickey for {user} from {ip} port {port} ssh2"),
        (20, h_tbird, "kernel: NMI received for unknown reason {hex} on CPU {digit}."),
        (15, h_tbird, "ib_sm.x[{pid}]: [ib_sm_sweep.c:{int}]: No topology change"),
        (10, h_tbird, "kernel: Losing some ticks... checking if CPU frequency changed."),
        (6, h_tbird, "postfix/postdrop[{pid}]: warning: unable to look up public/pickup: No such file or directory"),
        (3, h_tbird, "xinetd[{pid}]: START: auth pid={pid} from={ip}"),
        (1, h_tbird, "kernel: Kernel command line: ro root=LABEL=/ console=ttyS0,115200"),
    ],
}

VARS["config"] = lambda r: "{1.0 %d%s mcc460 mnc%02d zh_CN ldltr sw%ddp w%ddp h%ddp %ddpi nrml port finger -keyb/v/h -nav/h s.%d}" % (
    r.randint(0, 3), "", r.randint(0, 11), r.choice([360, 411]), r.choice([360, 411]), r.choice([640, 659, 780]), r.choice([320, 420, 480]), r.randint(1, 999))


def make(specs, seed):
    r = random.Random(seed)
    weights = [w for w, _, _ in specs]
    rows = []
    for _ in range(LINES):
        _, hdr, spec = r.choices(specs, weights=weights)[0]
        content, template = render(r, spec)
        rows.append((hdr(r) + content, content, template))
    return rows


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "target/mining-gen2"
    for group, sets in (("dev", DEV), ("heldout", HELDOUT)):
        for k, (name, specs) in enumerate(sorted(sets.items())):
            write(os.path.join(out, group), name, make(specs, SEED + 977 * k + (0 if group == "dev" else 4999)))
            print("%s/%s" % (group, name))


if __name__ == "__main__":
    main()
