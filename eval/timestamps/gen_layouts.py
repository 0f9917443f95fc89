#!/usr/bin/env python3
"""Log files in common timestamp layouts, with the instant of every line known.

    python3 eval/timestamps/gen_layouts.py OUT_DIR [LINES]

writes, for every layout SLUG, `OUT_DIR/SLUG.log` (LINES lines, default 2000)
and one `OUT_DIR/manifest.json`: per layout its name, whether the text carries
a year, and the written instant of every line (Unix nanoseconds; a time with
no zone is UTC). `examples/timestamp_layouts.rs OUT_DIR` ingests each file as
plain text through the engine and scores it; the committed fixtures under
`tests/it/fixtures/timestamps/` are this script's output with LINES=60.
An event is one line, or `lines_per_event` lines of which the first has the time.
`order_open` marks a file that cannot tell day from month (all on one date,
day <= 12): ingestion must say so rather than be right.

Standard library only, fixed seed: the output is the same on every run.

The layouts are the ones real software writes (servers, runtimes, syslog,
web access logs, structured JSON and logfmt loggers), each with its own
start date, pace and zone. Start dates are chosen so day-first and
month-first readings both parse (days <= 12) in some files, and lines are
unique (they carry a counter) so a scorer can match entries to lines.
"""

import datetime as dt
import json
import os
import random
import sys

SEED = 20261206
NS = 1_000_000_000
UTC = dt.timezone.utc

WORDS = ("request served cache miss connection accepted closed retry timeout "
         "session opened block replicated worker started stopped queue flushed").split()
LEVELS = ["INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"]


def words(r, i):
    return " ".join(r.choice(WORDS) for _ in range(r.randint(2, 6))) + " id=%d" % i


def civil(t_ns, offset_s=0):
    """The civil time `offset_s` east of UTC at `t_ns` (microseconds kept)."""
    return dt.datetime.fromtimestamp(t_ns // NS, tz=UTC).replace(
        microsecond=(t_ns % NS) // 1000) + dt.timedelta(seconds=offset_s)


def frac(t_ns, digits):
    return ("%09d" % (t_ns % NS))[:digits]


def off(offset_s, colon=True):
    sign = "-" if offset_s < 0 else "+"
    h, m = abs(offset_s) // 3600, abs(offset_s) // 60 % 60
    return "%s%02d%s%02d" % (sign, h, ":" if colon else "", m)


def d(t, f):
    """strftime with the C locale's English names (the layouts' own)."""
    return t.strftime(f)


def hour12(t):
    return "%d" % (t.hour % 12 or 12)


# Every layout: (slug, name, has_year, resolution_ns, render(r, t_ns, i));
# has_year "time" marks a layout with a time of day and no date at all.
# The truth is t_ns cut to the resolution; offsets only shift the text.

def L(slug, name, has_year, res, render):
    return {"slug": slug, "name": name, "has_year": has_year, "res": res, "render": render}


MS, US = 1_000_000, 1_000


def _layouts():
    out = []
    add = out.append

    add(L("iso_t_z", "ISO 8601 T, Z", True, NS, lambda r, t, i:
          "%sZ %s %s" % (d(civil(t), "%Y-%m-%dT%H:%M:%S"), r.choice(LEVELS), words(r, i))))
    add(L("iso_t_ms_z", "ISO 8601 T, ms, Z", True, MS, lambda r, t, i:
          "%s.%sZ [%s] %s" % (d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 3), r.choice(LEVELS).lower(), words(r, i))))
    add(L("iso_t_offset", "ISO 8601 T, +hh:mm offset", True, NS, lambda r, t, i:
          (lambda o: "%s%s host%d %s" % (d(civil(t, o), "%Y-%m-%dT%H:%M:%S"), off(o), r.randint(1, 9), words(r, i)))(
              r.choice([3600, -18000, 19800, 0]))))
    add(L("iso_t_us_offset_nocolon", "ISO 8601 T, µs, +hhmm offset", True, US, lambda r, t, i:
          "%s.%s%s %s %s" % (d(civil(t, -25200), "%Y-%m-%dT%H:%M:%S"), frac(t, 6), off(-25200, False),
                             r.choice(LEVELS), words(r, i))))
    add(L("iso_t_ns_nozone", "ISO 8601 T, ns, no zone", True, 1, lambda r, t, i:
          "%s.%s %s %s" % (d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 9), r.choice(LEVELS), words(r, i))))
    add(L("iso_space", "ISO date, space, seconds", True, NS, lambda r, t, i:
          "%s %s %s" % (d(civil(t), "%Y-%m-%d %H:%M:%S"), r.choice(LEVELS), words(r, i))))
    add(L("iso_space_ms", "ISO date, space, .SSS", True, MS, lambda r, t, i:
          "%s.%s %5s --- [main] c.e.app.Service : %s" % (d(civil(t), "%Y-%m-%d %H:%M:%S"), frac(t, 3),
                                                         r.choice(LEVELS), words(r, i))))
    add(L("java_comma", "Java yyyy-MM-dd HH:mm:ss,SSS", True, MS, lambda r, t, i:
          "%s,%s %-5s [pool-%d-thread-%d] org.example.Worker - %s" % (
              d(civil(t), "%Y-%m-%d %H:%M:%S"), frac(t, 3), r.choice(LEVELS), r.randint(1, 4), r.randint(1, 16),
              words(r, i))))
    add(L("python_bracketed", "Python logging [yyyy-MM-dd HH:mm:ss,SSS]", True, MS, lambda r, t, i:
          "[%s,%s] %s in views: %s" % (d(civil(t), "%Y-%m-%d %H:%M:%S"), frac(t, 3), r.choice(LEVELS), words(r, i))))
    add(L("rfc3164_pri", "RFC 3164 syslog with priority", False, NS, lambda r, t, i:
          "<%d>%s %s %s[%d]: %s" % (r.randint(0, 191), d(civil(t), "%b %e %H:%M:%S"), r.choice(["gw", "db1", "edge"]),
                                    r.choice(["sshd", "cron", "kernel"]), r.randint(100, 65000), words(r, i))))
    add(L("rfc3164_plain", "RFC 3164 syslog as files hold it", False, NS, lambda r, t, i:
          "%s %s %s[%d]: %s" % (d(civil(t), "%b %e %H:%M:%S"), r.choice(["gw", "db1", "edge"]),
                                r.choice(["sshd", "postfix/smtpd", "systemd"]), r.randint(100, 65000), words(r, i))))
    add(L("rfc5424", "RFC 5424 syslog", True, US, lambda r, t, i:
          "<%d>1 %s.%sZ host%d app %d ID%d - %s" % (r.randint(0, 191), d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 6),
                                                   r.randint(1, 9), r.randint(100, 9999), r.randint(1, 99),
                                                   words(r, i))))
    add(L("apache_access", "Apache/nginx access [dd/MMM/yyyy:HH:mm:ss Z]", True, NS, lambda r, t, i:
          "10.%d.%d.%d - %s [%s %s] \"GET /item/%d HTTP/1.1\" %s %d \"-\" \"curl/8.0\"" % (
              r.randint(0, 255), r.randint(0, 255), r.randint(1, 254), r.choice(["-", "alice"]),
              d(civil(t, -14400), "%d/%b/%Y:%H:%M:%S"), off(-14400, False), i,
              r.choice(["200", "304", "404", "500"]), r.randint(0, 99999))))
    add(L("nginx_error", "nginx error log yyyy/MM/dd", True, NS, lambda r, t, i:
          "%s [%s] %d#%d: *%d %s" % (d(civil(t), "%Y/%m/%d %H:%M:%S"), r.choice(["error", "warn", "notice"]),
                                     r.randint(1, 9999), r.randint(0, 3), i, words(r, i))))
    add(L("apache24_error", "Apache 2.4 error [EEE MMM dd HH:mm:ss.SSSSSS yyyy]", True, US, lambda r, t, i:
          "[%s.%s %s] [core:%s] [pid %d] %s" % (d(civil(t), "%a %b %d %H:%M:%S"), frac(t, 6), d(civil(t), "%Y"),
                                               r.choice(["error", "notice"]), r.randint(100, 9999), words(r, i))))
    add(L("klog", "Go klog Lmmdd hh:mm:ss.uuuuuu", False, US, lambda r, t, i:
          "%s%s.%s %7d %s.go:%d] %s" % (r.choice("IIWE"), d(civil(t), "%m%d %H:%M:%S"), frac(t, 6),
                                       r.randint(1, 99999), r.choice(["server", "controller"]), r.randint(1, 900),
                                       words(r, i))))
    add(L("go_log", "Go log yyyy/MM/dd HH:mm:ss", True, NS, lambda r, t, i:
          "%s %s" % (d(civil(t), "%Y/%m/%d %H:%M:%S"), words(r, i))))
    add(L("de_dotted", "dd.MM.yyyy HH:mm:ss", True, NS, lambda r, t, i:
          "%s %s %s" % (d(civil(t), "%d.%m.%Y %H:%M:%S"), r.choice(LEVELS), words(r, i))))
    add(L("us_12h", "US MM/dd/yyyy hh:mm:ss AM", True, NS, lambda r, t, i:
          "%s %s:%s %s %s" % (d(civil(t), "%m/%d/%Y"), d(civil(t), "%I:%M"), d(civil(t), "%S"), d(civil(t), "%p"),
                              words(r, i))))
    add(L("windows_event", "Windows M/d/yyyy h:mm:ss AM", True, NS, lambda r, t, i:
          (lambda c: "%d/%d/%d %s:%s %s\t%s\tService Control Manager\t%d\t%s" % (
              c.month, c.day, c.year, hour12(c), d(c, "%M:%S"), d(c, "%p"), r.choice(["Information", "Warning"]),
              r.randint(7000, 7045), words(r, i)))(civil(t))))
    add(L("windows_cbs", "Windows CBS yyyy-MM-dd HH:mm:ss, Info", True, NS, lambda r, t, i:
          "%s, %-7s %-6s %s" % (d(civil(t), "%Y-%m-%d %H:%M:%S"), r.choice(["Info", "Warning"]),
                                r.choice(["CBS", "CSI"]), words(r, i))))
    add(L("windows_dhcp_csv", "Windows DHCP CSV MM/dd/yy,HH:mm:ss", True, NS, lambda r, t, i:
          "%d,%s,%s,Assign,10.0.%d.%d,host%d.corp.example,%s," % (
              r.choice([10, 11, 12]), d(civil(t), "%m/%d/%y"), d(civil(t), "%H:%M:%S"), r.randint(0, 255),
              r.randint(1, 254), i, "".join(r.choice("0123456789ABCDEF") for _ in range(12)))))
    add(L("spark_yy", "yy/MM/dd HH:mm:ss", True, NS, lambda r, t, i:
          "%s %s scheduler.TaskSetManager: %s" % (d(civil(t), "%y/%m/%d %H:%M:%S"), r.choice(LEVELS), words(r, i))))
    add(L("compact_dash_colon_ms", "yyyyMMdd-HH:mm:ss:SSS", True, MS, lambda r, t, i:
          "%s:%s|Step_Counter|%d|%s" % (d(civil(t), "%Y%m%d-%H:%M:%S"), frac(t, 3), r.randint(10000, 99999),
                                        words(r, i))))
    add(L("bracket_mm_dd", "[MM.dd HH:mm:ss]", False, NS, lambda r, t, i:
          "[%s] %s.exe - %s:%d %s" % (d(civil(t), "%m.%d %H:%M:%S"), r.choice(["chrome", "svchost"]),
                                      r.choice(["proxy.example.net", "10.1.1.1"]), r.randint(80, 9000),
                                      words(r, i))))
    add(L("epoch_s_first", "epoch seconds, first column", True, NS, lambda r, t, i:
          "%d %s %s" % (t // NS, r.choice(LEVELS), words(r, i))))
    add(L("epoch_ms_third", "epoch ms, third column", True, MS, lambda r, t, i:
          "node-%d %s %d %s" % (r.randint(1, 40), r.choice(LEVELS), t // MS, words(r, i))))
    add(L("epoch_us_second", "epoch µs, second column", True, US, lambda r, t, i:
          "%s %d %s" % (r.choice(["web", "api", "db"]), t // US, words(r, i))))
    add(L("epoch_ns_fifth", "epoch ns, fifth column", True, 1, lambda r, t, i:
          "%d %s %s %d %d %s" % (i, r.choice(["a", "b"]), r.choice(LEVELS), r.randint(0, 999), t, words(r, i))))
    add(L("epoch_s_frac_squid", "epoch s.ms, padded (Squid)", True, MS, lambda r, t, i:
          "%d.%s %6d 10.0.%d.%d TCP_%s/%s %d GET http://example.net/%d - HIER_DIRECT/1.2.3.4 text/html" % (
              t // NS, frac(t, 3), r.randint(1, 99999), r.randint(0, 255), r.randint(1, 254),
              r.choice(["MISS", "HIT"]), r.choice(["200", "404"]), r.randint(100, 99999), i)))
    add(L("level_then_iso", "time after the level", True, MS, lambda r, t, i:
          "%-5s %s.%s [main] %s" % (r.choice(LEVELS), d(civil(t), "%Y-%m-%d %H:%M:%S"), frac(t, 3), words(r, i))))
    add(L("bracket_level_then_iso", "[LEVEL] then ISO T", True, NS, lambda r, t, i:
          "[%s] %sZ %s" % (r.choice(LEVELS), d(civil(t), "%Y-%m-%dT%H:%M:%S"), words(r, i))))
    add(L("redis_pid", "pid:role dd MMM yyyy HH:mm:ss.SSS (Redis)", True, MS, lambda r, t, i:
          "%d:%s %s.%s %s %s" % (r.randint(1, 99999), r.choice("MSC"), d(civil(t), "%d %b %Y %H:%M:%S"), frac(t, 3),
                                 r.choice("*#-."), words(r, i))))
    add(L("postgres_zone_name", "yyyy-MM-dd HH:mm:ss.SSS UTC [pid]", True, MS, lambda r, t, i:
          "%s.%s UTC [%d] %s:  %s" % (d(civil(t), "%Y-%m-%d %H:%M:%S"), frac(t, 3), r.randint(100, 99999),
                                      r.choice(["LOG", "ERROR", "WARNING"]), words(r, i))))
    add(L("mysql_error", "MySQL yyyy-MM-ddTHH:mm:ss.SSSSSSZ thread [Note]", True, US, lambda r, t, i:
          "%s.%sZ %d [%s] [MY-%06d] [Server] %s" % (d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 6), r.randint(0, 99),
                                                    r.choice(["Note", "Warning", "System"]), r.randint(1, 15000),
                                                    words(r, i))))
    add(L("tomcat_catalina", "dd-MMM-yyyy HH:mm:ss.SSS", True, MS, lambda r, t, i:
          "%s.%s %s [main] org.apache.catalina.startup.Catalina.start %s" % (
              d(civil(t), "%d-%b-%Y %H:%M:%S"), frac(t, 3), r.choice(["INFO", "WARNING", "SEVERE"]), words(r, i))))
    add(L("jul_12h", "java.util.logging MMM dd, yyyy h:mm:ss a", True, NS, lambda r, t, i:
          (lambda c: "%s %s:%s %s org.example.Task%d run\n%s: %s" % (
              d(c, "%b %d, %Y"), hour12(c), d(c, "%M:%S"), d(c, "%p"), i, r.choice(["INFO", "WARNING", "SEVERE"]),
              words(r, i)))(civil(t))))
    add(L("rfc1123", "RFC 1123 EEE, dd MMM yyyy HH:mm:ss GMT", True, NS, lambda r, t, i:
          "%s GMT %s %s" % (d(civil(t), "%a, %d %b %Y %H:%M:%S"), r.choice(LEVELS), words(r, i))))
    add(L("ctime", "ctime EEE MMM d HH:mm:ss yyyy", True, NS, lambda r, t, i:
          "%s %s %s" % (d(civil(t), "%a %b %e %H:%M:%S %Y"), r.choice(["kernel:", "daemon:"]), words(r, i))))
    add(L("cisco_star", "Cisco *MMM d HH:mm:ss.SSS:", False, MS, lambda r, t, i:
          "*%s.%s: %%%s-%d-%s: %s" % (d(civil(t), "%b %e %H:%M:%S"), frac(t, 3),
                                      r.choice(["LINK", "LINEPROTO", "SYS"]), r.randint(0, 7),
                                      r.choice(["UPDOWN", "CONFIG_I"]), words(r, i))))
    add(L("erlang_offset", "yyyy-MM-dd HH:mm:ss.SSSSSS+00:00 [info] <pid>", True, US, lambda r, t, i:
          "%s.%s%s [%s] <0.%d.0> %s" % (d(civil(t, 7200), "%Y-%m-%d %H:%M:%S"), frac(t, 6), off(7200),
                                        r.choice(["info", "warning", "error"]), r.randint(100, 9999), words(r, i))))
    add(L("git_spaced_offset", "yyyy-MM-dd HH:mm:ss +hhmm", True, NS, lambda r, t, i:
          "%s %s %s" % (d(civil(t, 3600), "%Y-%m-%d %H:%M:%S"), off(3600, False), words(r, i))))
    add(L("compact_14", "yyyyMMddHHmmss", True, NS, lambda r, t, i:
          "%s %s %s" % (d(civil(t), "%Y%m%d%H%M%S"), r.choice(LEVELS), words(r, i))))
    add(L("cri_container", "Kubernetes CRI yyyy-MM-ddTHH:mm:ss.SSSSSSSSSZ stdout F", True, 1, lambda r, t, i:
          "%s.%sZ %s F %s" % (d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 9), r.choice(["stdout", "stderr"]),
                              words(r, i))))
    add(L("uk_day_first", "dd/MM/yyyy HH:mm:ss", True, NS, lambda r, t, i:
          "%s %s %s" % (d(civil(t), "%d/%m/%Y %H:%M:%S"), r.choice(LEVELS), words(r, i))))
    add(L("year_dotted", "yyyy.MM.dd HH:mm:ss", True, NS, lambda r, t, i:
          "%s %s %s" % (d(civil(t), "%Y.%m.%d %H:%M:%S"), r.choice(LEVELS), words(r, i))))
    add(L("haproxy", "syslog header and [dd/MMM/yyyy:HH:mm:ss.SSS]", False, MS, lambda r, t, i:
          "%s lb haproxy[%d]: 10.0.%d.%d:%d [%s.%s] fe be/srv%d 0/0/1/%d/%d 200 %d - - ---- 1/1/0/0/0 0/0 \"GET /%d HTTP/1.1\"" % (
              d(civil(t), "%b %e %H:%M:%S"), r.randint(100, 9999), r.randint(0, 255), r.randint(1, 254),
              r.randint(1024, 65535), d(civil(t), "%d/%b/%Y:%H:%M:%S"), frac(t, 3), r.randint(1, 4),
              r.randint(1, 99), r.randint(1, 999), r.randint(100, 9999), i)))
    add(L("json_iso_time", "JSON \"time\": ISO 8601 ms Z", True, MS, lambda r, t, i:
          json.dumps({"time": "%s.%sZ" % (d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 3)), "level": r.choice(LEVELS),
                      "msg": words(r, i)})))
    add(L("json_epoch_ms", "JSON \"timestamp\": epoch ms", True, MS, lambda r, t, i:
          json.dumps({"level": r.choice(LEVELS).lower(), "timestamp": t // MS, "message": words(r, i)})))
    add(L("json_space_time", "JSON \"ts\": yyyy-MM-dd HH:mm:ss,SSS, not first", True, MS, lambda r, t, i:
          json.dumps({"levelname": r.choice(LEVELS), "name": "app.db", "message": words(r, i),
                      "asctime": "%s,%s" % (d(civil(t), "%Y-%m-%d %H:%M:%S"), frac(t, 3))})))
    add(L("json_offset_nested", "JSON {\"t\":{\"$date\": ...+00:00}} (MongoDB)", True, MS, lambda r, t, i:
          json.dumps({"t": {"$date": "%s.%s+00:00" % (d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 3))}, "s": "I",
                      "c": r.choice(["NETWORK", "STORAGE"]), "id": r.randint(10000, 99999), "ctx": "conn%d" % i,
                      "msg": words(r, i)}, separators=(",", ":"))))
    add(L("json_epoch_float", "JSON \"ts\": epoch seconds float", True, US, lambda r, t, i:
          json.dumps({"level": r.choice(["info", "warn"]), "ts": float("%d.%s" % (t // NS, frac(t, 6))),
                      "caller": "main.go:%d" % r.randint(1, 500), "msg": words(r, i)})))
    add(L("logfmt_ts_us", "logfmt ts=…µsZ (go-kit)", True, US, lambda r, t, i:
          "ts=%s.%sZ caller=main.go:%d level=%s msg=\"%s\"" % (d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 6),
                                                               r.randint(1, 500), r.choice(["info", "warn"]),
                                                               words(r, i))))
    add(L("logfmt_quoted_time", "logfmt time=\"…\" (logrus)", True, NS, lambda r, t, i:
          "time=\"%s%s\" level=%s msg=\"%s\"" % (d(civil(t, -10800), "%Y-%m-%dT%H:%M:%S"), off(-10800),
                                                 r.choice(["info", "warning"]), words(r, i))))
    add(L("logfmt_t_offset", "logfmt t=…+hhmm lvl=", True, NS, lambda r, t, i:
          "t=%s%s lvl=%s msg=\"%s\" logger=%s" % (d(civil(t), "%Y-%m-%dT%H:%M:%S"), off(0, False),
                                                  r.choice(["info", "eror"]), words(r, i),
                                                  r.choice(["server", "sqlstore"]))))
    add(L("logfmt_epoch", "logfmt ts=epoch s.ms, not first", True, MS, lambda r, t, i:
          "level=%s ts=%d.%s msg=\"%s\"" % (r.choice(["info", "debug"]), t // NS, frac(t, 3), words(r, i))))
    add(L("fortigate_kv", "date= and time= pairs (FortiGate)", True, NS, lambda r, t, i:
          "date=%s time=%s devname=\"FG%d\" logid=\"%010d\" type=\"traffic\" srcip=10.0.%d.%d action=\"%s\"" % (
              d(civil(t), "%Y-%m-%d"), d(civil(t), "%H:%M:%S"), r.randint(100, 900), i, r.randint(0, 255),
              r.randint(1, 254), r.choice(["accept", "deny", "close"]))))
    add(L("mysql55", "MySQL 5.5 yyMMdd H:mm:ss, hour space-padded", True, NS, lambda r, t, i:
          "%s %2d:%s [%s] %s" % (d(civil(t), "%y%m%d"), civil(t).hour, d(civil(t), "%M:%S"),
                                 r.choice(["Note", "Warning", "ERROR"]), words(r, i))))
    add(L("de_short_year", "dd.MM.yy HH:mm:ss", True, NS, lambda r, t, i:
          "%s %s %s" % (d(civil(t), "%d.%m.%y %H:%M:%S"), r.choice(LEVELS), words(r, i))))
    add(L("websphere", "WebSphere [M/d/yy H:mm:ss:SSS UTC]", True, MS, lambda r, t, i:
          (lambda c: "[%d/%d/%s %d:%s:%s UTC] %08x %s %s %s" % (
              c.month, c.day, d(c, "%y"), c.hour, d(c, "%M:%S"), frac(t, 3), r.randint(1, 255),
              r.choice(["SystemOut", "WebContainer"]), r.choice("OIWE"), words(r, i)))(civil(t))))
    add(L("go_time_string", "Go time.Time String()", True, 1, lambda r, t, i:
          "%s.%s +0000 UTC m=+%d.%06d %s" % (d(civil(t), "%Y-%m-%d %H:%M:%S"), frac(t, 9), i, r.randint(0, 999999),
                                            words(r, i))))
    add(L("date_cmd", "date(1) EEE MMM d HH:mm:ss UTC yyyy", True, NS, lambda r, t, i:
          "%s UTC %s %s" % (d(civil(t), "%a %b %e %H:%M:%S"), d(civil(t), "%Y"), words(r, i))))
    add(L("journal_short_full", "journalctl short-full EEE yyyy-MM-dd HH:mm:ss UTC", True, NS, lambda r, t, i:
          "%s UTC %s %s[%d]: %s" % (d(civil(t), "%a %Y-%m-%d %H:%M:%S"), r.choice(["gw", "db1"]),
                                   r.choice(["sshd", "systemd"]), r.randint(1, 65000), words(r, i))))
    add(L("elasticsearch", "[yyyy-MM-ddTHH:mm:ss,SSS][LEVEL]", True, MS, lambda r, t, i:
          "[%s,%s][%-5s][o.e.c.m.MetadataIndexTemplateService] [node-%d] %s" % (
              d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 3), r.choice(LEVELS), r.randint(1, 3), words(r, i))))
    add(L("cassandra", "LEVEL [thread] yyyy-MM-dd HH:mm:ss,SSS", True, MS, lambda r, t, i:
          "%-5s [%s] %s,%s %s.java:%d - %s" % (
              r.choice(LEVELS), r.choice(["main", "CompactionExecutor:3", "GossipStage:1"]),
              d(civil(t), "%Y-%m-%d %H:%M:%S"), frac(t, 3), r.choice(["StorageService", "Gossiper"]),
              r.randint(1, 3000), words(r, i))))
    add(L("airflow", "[yyyy-MM-dd, HH:mm:ss UTC]", True, NS, lambda r, t, i:
          "[%s UTC] {%s.py:%d} %s - %s" % (d(civil(t), "%Y-%m-%d, %H:%M:%S"), r.choice(["taskinstance", "dagbag"]),
                                           r.randint(1, 2000), r.choice(LEVELS), words(r, i))))
    add(L("ruby_logger", "Ruby Logger L, [yyyy-MM-ddTHH:mm:ss.SSSSSS #pid]", True, US, lambda r, t, i:
          (lambda lvl: "%s, [%s.%s #%d] %5s -- : %s" % (lvl[0], d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 6),
                                                       r.randint(100, 99999), lvl, words(r, i)))(r.choice(LEVELS))))
    add(L("samba_two_line", "Samba [yyyy/MM/dd HH:mm:ss.SSSSSS,  N] then an indented line", True, US, lambda r, t, i:
          "[%s.%s,  %d] ../source3/smbd/server.c:%d(main)\n  %s" % (
              d(civil(t), "%Y/%m/%d %H:%M:%S"), frac(t, 6), r.randint(0, 10), r.randint(1, 2000), words(r, i))))
    add(L("windows_update_tabs", "WindowsUpdate yyyy-MM-dd<TAB>HH:mm:ss:SSS", True, MS, lambda r, t, i:
          "%s\t%s:%s\t%4d\t%x\t%s\t%s" % (d(civil(t), "%Y-%m-%d"), d(civil(t), "%H:%M:%S"), frac(t, 3),
                                         r.randint(100, 9999), r.randint(256, 4095),
                                         r.choice(["Agent", "Handler", "DnldMgr"]), words(r, i))))
    add(L("windows_event_csv", "Windows event CSV Level,M/d/yyyy h:mm:ss AM,...", True, NS, lambda r, t, i:
          (lambda c: "%s,%d/%d/%d %s:%s %s,Service Control Manager,%d,None,\"%s\"" % (
              r.choice(["Information", "Warning", "Error"]), c.month, c.day, c.year, hour12(c), d(c, "%M:%S"),
              d(c, "%p"), r.randint(7000, 7045), words(r, i)))(civil(t))))
    add(L("cloudfront_tsv", "CloudFront TSV yyyy-MM-dd<TAB>HH:mm:ss", True, NS, lambda r, t, i:
          "%s\t%s\t%s%d-C%d\t%d\t10.0.%d.%d\tGET\td111.cloudfront.net\t/img/%d.png\t200" % (
              d(civil(t), "%Y-%m-%d"), d(civil(t), "%H:%M:%S"), r.choice(["LAX", "FRA", "NRT"]), r.randint(1, 9),
              r.randint(1, 9), r.randint(100, 99999), r.randint(0, 255), r.randint(1, 254), i)))
    add(L("csv_time_third", "CSV \"host\",\"level\",\"yyyy-MM-dd HH:mm:ss.SSS\",...", True, MS, lambda r, t, i:
          "\"ip-10-0-%d-%d.eu-west-1.compute.internal\",\"%s\",\"%s.%s\",\"%s\"" % (
              r.randint(0, 255), r.randint(1, 254), r.choice(LEVELS), d(civil(t), "%Y-%m-%d %H:%M:%S"), frac(t, 3),
              words(r, i))))
    add(L("kibana_at", "Kibana export MMM d, yyyy @ HH:mm:ss.SSS", True, MS, lambda r, t, i:
          "%s %d, %s @ %s.%s\t%s\t%s" % (d(civil(t), "%b"), civil(t).day, d(civil(t), "%Y"),
                                          d(civil(t), "%H:%M:%S"), frac(t, 3), r.choice(LEVELS), words(r, i))))
    add(L("nagios_bracket_epoch", "Nagios [epoch s]", True, NS, lambda r, t, i:
          "[%d] SERVICE ALERT: host%d;%s;%s;HARD;3;%s" % (t // NS, r.randint(1, 50), r.choice(["HTTP", "PING"]),
                                                        r.choice(["OK", "CRITICAL"]), words(r, i))))
    add(L("dmesg_ctime", "dmesg -T [EEE MMM d HH:mm:ss yyyy]", True, NS, lambda r, t, i:
          "[%s] %s: %s" % (d(civil(t), "%a %b %e %H:%M:%S %Y"), r.choice(["usb 1-1", "e1000e", "EXT4-fs (sda1)"]),
                           words(r, i))))
    add(L("syslog_ng_year", "yyyy MMM d HH:mm:ss host", True, NS, lambda r, t, i:
          "%s %s %s[%d]: %s" % (d(civil(t), "%Y %b %e %H:%M:%S"), r.choice(["gw", "db1"]),
                                r.choice(["sshd", "cron"]), r.randint(1, 65000), words(r, i))))
    add(L("docker_json", "Docker json-file {\"log\":…,\"time\":…ns Z}", True, 1, lambda r, t, i:
          json.dumps({"log": words(r, i) + "\n", "stream": r.choice(["stdout", "stderr"]),
                      "time": "%s.%sZ" % (d(civil(t), "%Y-%m-%dT%H:%M:%S"), frac(t, 9))}, separators=(",", ":"))))
    add(L("gcp_protobuf_ts", "JSON {\"timestamp\":{\"seconds\":…,\"nanos\":…}}", True, NS, lambda r, t, i:
          json.dumps({"severity": r.choice(LEVELS), "message": words(r, i),
                      "timestamp": {"seconds": t // NS, "nanos": 0}}, separators=(",", ":"))))
    # Added after inference was written (scored before the code learnt them).
    add(L("logcat_mm_dd", "MM-dd HH:mm:ss.SSS pid tid L Tag: (Android logcat)", False, MS, lambda r, t, i:
          "%s.%s %5d %5d %s %s: %s" % (d(civil(t), "%m-%d %H:%M:%S"), frac(t, 3), r.randint(100, 9999),
                                       r.randint(100, 9999), r.choice("VDIWE"), r.choice(["ActivityManager", "wifi"]),
                                       words(r, i))))
    add(L("epoch_s_middle", "id host component epoch_s flag (epoch seconds in the middle)", True, NS, lambda r, t, i:
          "%d node-%d %s %d %d %s" % (100000 + i, r.randint(1, 400), r.choice(["unix.hw", "boot_cmd", "node.psu"]),
                                      t // NS, r.randint(0, 1), words(r, i))))
    add(L("time_only_ms", "HH:mm:ss.SSS [thread] LEVEL logger (time of day only)", "time", MS, lambda r, t, i:
          "%s.%s [%s] %-5s c.e.Worker - %s" % (d(civil(t), "%H:%M:%S"), frac(t, 3), r.choice(["main", "pool-1"]),
                                               r.choice(LEVELS), words(r, i))))
    add(L("time_only_comma", "HH:mm:ss,SSS LEVEL (time of day only)", "time", MS, lambda r, t, i:
          "%s,%s %s %s" % (d(civil(t), "%H:%M:%S"), frac(t, 3), r.choice(LEVELS), words(r, i))))
    add(L("time_only_ampm", "[h:mm:ss AM] nick: (time of day only, 12-hour)", "time", NS, lambda r, t, i:
          "[%s:%s %s] <user%d> %s" % (hour12(civil(t)), d(civil(t), "%M:%S"), d(civil(t), "%p"), r.randint(1, 9),
                                      words(r, i))))
    add(L("iana_zone", "yyyy-MM-dd HH:mm:ss.SSS Europe/Berlin (IANA zone name)", True, MS, lambda r, t, i:
          "%s.%s %s %s %s" % (d(named_zone(t, "Europe/Berlin"), "%Y-%m-%d %H:%M:%S"), frac(t, 3), "Europe/Berlin",
                              r.choice(LEVELS), words(r, i))))
    add(L("java_date_abbrev", "Java Date EEE MMM dd HH:mm:ss zzz yyyy (EST/EDT)", True, NS, lambda r, t, i:
          "%s %s" % (d(named_zone(t, "America/New_York"), "%a %b %d %H:%M:%S %Z %Y"), words(r, i))))
    add(L("zoned_date_time", "Java ZonedDateTime …+hh:mm[America/Sao_Paulo]", True, MS, lambda r, t, i:
          (lambda z: "%s.%s%s[America/Sao_Paulo] %s %s" % (d(z, "%Y-%m-%dT%H:%M:%S"), frac(t, 3),
                                                         off(int(z.utcoffset().total_seconds())),
                                                         r.choice(LEVELS), words(r, i)))(
              named_zone(t, "America/Sao_Paulo"))))
    add(L("ambiguous_ist", "yyyy-MM-dd HH:mm:ss IST (abbreviation of several zones)", True, NS, lambda r, t, i:
          "%s IST %s %s" % (d(civil(t, 19800), "%Y-%m-%d %H:%M:%S"), r.choice(LEVELS), words(r, i))))
    add(L("level_then_abbrev_zone", "[LEVEL] yyyy/MM/dd HH:mm:ss zzz (JST)", True, NS, lambda r, t, i:
          "[%s] %s %s" % (r.choice(LEVELS), d(named_zone(t, "Asia/Tokyo"), "%Y/%m/%d %H:%M:%S %Z"), words(r, i))))
    add(L("db2_dashed", "DB2 yyyy-MM-dd-HH.mm.ss.SSSSSS", True, US, lambda r, t, i:
          "%s.%s %s %s" % (d(civil(t), "%Y-%m-%d-%H.%M.%S"), frac(t, 6), r.choice(["E", "I", "W"]), words(r, i))))
    add(L("iso_space_ns_offset", "yyyy-MM-dd HH:mm:ss.SSSSSSSSS -hh:mm", True, 1, lambda r, t, i:
          "%s.%s%s %s" % (d(civil(t, -10800), "%Y-%m-%d %H:%M:%S"), frac(t, 9), off(-10800), words(r, i))))
    add(L("iso_12h_ms", "yyyy-MM-dd hh:mm:ss.SSS a", True, MS, lambda r, t, i:
          "%s %s:%s.%s %s %s" % (d(civil(t), "%Y-%m-%d"), d(civil(t), "%I"), d(civil(t), "%M:%S"), frac(t, 3),
                                 d(civil(t), "%p"), words(r, i))))
    add(L("dd_mmm_yy_12h", "dd-MMM-yy hh.mm.ss a (Oracle)", True, NS, lambda r, t, i:
          "%s %s.%s %s %s" % (d(civil(t), "%d-%b-%y").upper(), d(civil(t), "%I"), d(civil(t), "%M.%S"),
                              d(civil(t), "%p"), words(r, i))))
    return out


def named_zone(t_ns, name):
    """The civil time in the IANA zone `name` at `t_ns` (system tz database)."""
    from zoneinfo import ZoneInfo
    return dt.datetime.fromtimestamp(t_ns // NS, tz=ZoneInfo(name))


# Layouts that write day and month as bare numbers in an order other than
# year-first: a file all on one date with a day of 12 or less (`02/06/2026`)
# does not say which is which, and the manifest marks it `order_open`.
NUMERIC_DAY_MONTH = {"us_12h", "windows_event", "windows_dhcp_csv", "de_dotted", "spark_yy", "bracket_mm_dd",
                     "uk_day_first", "de_short_year", "websphere", "windows_event_csv"}


# Layouts whose zone abbreviation names several zones (IST: India, Ireland,
# Israel): ingestion must say it read them as UTC rather than pick one.
ZONE_OPEN = {"ambiguous_ist"}


def order_open(layout, truth):
    if layout["slug"] not in NUMERIC_DAY_MONTH:
        return False
    dates = {civil(t).date() for t in truth}
    if len(dates) != 1:
        return False
    (day,) = dates
    return day.day <= 12 and day.day != day.month


# Each layout's start and pace: where it begins (2023-2026 where the text has a year, days
# 1-12 for a third of them) and how far apart its lines are.
def plan(r, has_year):
    year = r.choice([2023, 2024, 2025, 2026]) if has_year else 2026
    month = r.randint(1, 11)
    day = r.randint(1, 12) if r.random() < 0.4 else r.randint(13, 28)
    start = dt.datetime(year, month, day, r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), tzinfo=UTC)
    pace = r.choice([0.05, 0.5, 3.0, 30.0, 240.0])  # mean seconds between lines
    return int(start.timestamp()) * NS, pace


def generate(layout, lines, r):
    t, pace = plan(r, layout["has_year"])
    truth, text = [], []
    for i in range(lines):
        t += int(r.expovariate(1.0 / pace) * NS)
        at = t - t % layout["res"]
        text.append(layout["render"](r, at, i))
        truth.append(at)
    return text, truth


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    os.makedirs(out, exist_ok=True)
    r = random.Random(SEED)
    manifest = []
    for layout in _layouts():
        text, truth = generate(layout, lines, r)
        with open(os.path.join(out, layout["slug"] + ".log"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(text) + "\n")
        # An event may span lines (java.util.logging writes two); every
        # event of a layout spans the same number.
        per_event = text[0].count("\n") + 1
        time_only = layout["has_year"] == "time"
        manifest.append({"slug": layout["slug"], "name": layout["name"], "has_year": bool(layout["has_year"]),
                         "has_date": not time_only, "lines_per_event": per_event,
                         "order_open": order_open(layout, truth), "zone_open": layout["slug"] in ZONE_OPEN,
                         "times_ns": truth})
        if time_only:
            # A file is written as its lines are: its modification time is
            # just after the last one, the only date a time-only log has.
            last_s = truth[-1] // NS + 1
            os.utime(os.path.join(out, layout["slug"] + ".log"), (last_s, last_s))
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, separators=(",", ":"))
        f.write("\n")
    print("%d layouts x %d lines -> %s" % (len(manifest), lines, out))


if __name__ == "__main__":
    main()
