use super::*;

fn mine(lines: &[&str]) -> (Miner, Vec<ClusterId>) {
    let mut m = Miner::new(MinerConfig::default());
    let ids = lines.iter().map(|l| m.add(l)).collect();
    m.finish();
    (m, ids)
}

#[test]
fn keeps_punctuation_and_spacing() {
    let (m, ids) = mine(&[
        "Receiving block blk_1 src: /10.0.0.1:50010 dest: /10.0.0.2:50010",
        "Receiving block blk_-2 src: /10.0.0.3:50010 dest: /10.0.0.4:50011",
    ]);
    assert_eq!(
        m.template(ids[0]).text,
        "Receiving block <*> src: <*>:<*> dest: <*>:<*>"
    );
    assert_eq!(m.template(ids[0]), m.template(ids[1]));
    let (m, ids) =
        mine(&["[instance: 0b2e3c4d-1111-2222-3333-444455556666] VM Started (Lifecycle Event)"]);
    assert_eq!(
        m.template(ids[0]).text,
        "[instance: <*>] VM Started (Lifecycle Event)"
    );
    let (m, ids) = mine(&["a  b\tc 1"]);
    assert_eq!(m.template(ids[0]).text, "a  b\tc <*>");
}

#[test]
fn generalises_words() {
    let users = ["alice", "bob", "carol", "dave", "erin", "frank"];
    let mut lines: Vec<String> = users
        .iter()
        .enumerate()
        .map(|(i, u)| format!("Accepted password for {u} from 1.2.3.{i} port 2{i} ssh2"))
        .collect();
    lines.push("Failed password for carol from 1.2.3.5 port 23 ssh2".into());
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (m, ids) = mine(&refs);
    assert_eq!(
        m.template(ids[0]).text,
        "Accepted password for <*> from <*> port <*> ssh2"
    );
    assert_eq!(m.template(ids[0]).count, 6);
    assert_eq!(m.template(ids[5]), m.template(ids[0]));
    assert_ne!(m.template(ids[6]).id, m.template(ids[0]).id);
    assert_eq!(m.templates().len(), 2);
    assert_eq!(m.templates()[0].count, 6);
}

#[test]
fn few_constant_variants_stay_apart() {
    let mut lines = Vec::new();
    for i in 0..20 {
        for w in ["Started", "Stopped", "Paused"] {
            lines.push(format!(
                "[instance: 0b2e3c4d-1111-2222-3333-4444555566{i:02}] VM {w} (Lifecycle Event)"
            ));
        }
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (m, _) = mine(&refs);
    let texts: Vec<&str> = m.templates().iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts.contains(&"[instance: <*>] VM Paused (Lifecycle Event)"));
}

#[test]
fn partial_token_generalisation() {
    assert_eq!(
        generalize_token("tty=NODEVssh", "tty=:<*>").as_deref(),
        Some("tty=<*>")
    );
    assert_eq!(generalize_token("alice", "bob").as_deref(), Some("<*>"));
    assert_eq!(generalize_token("<*>]", "x]").as_deref(), None);
    assert_eq!(generalize_token("(a)", "(b)").as_deref(), Some("(<*>)"));
    assert!(glob("a<*>b<*>c", "axxbyc"));
    assert!(!glob("a<*>b", "ab"));
    assert!(glob("<*>", "x"));
}

#[test]
fn wildcards_are_found_by_their_bytes() {
    use crate::tokens::{find_wildcard, has_wildcard};
    for s in [
        "", "<", "<*", "a<b>*>", "<<*>", "x<*>y<*>", "<*", "*><*>", "é<*>",
    ] {
        assert_eq!(find_wildcard(s), s.find(WILDCARD), "{s:?}");
        assert_eq!(has_wildcard(s), s.contains(WILDCARD), "{s:?}");
    }
    assert!(glob("<<*>>", "<x>"));
    assert!(glob("a<*>-<*>z", "a1-2-3z"));
    assert!(!glob("a<*>-<*>z", "a-z"));
}

#[test]
fn ids_are_stable() {
    assert_eq!(template_id(""), "cbf29ce484222325");
    assert_eq!(template_id("a"), "af63dc4c8601ec8c");
    let (m1, i1) = mine(&["disk sda1 full at 99%"]);
    let (m2, i2) = mine(&["disk sda1 full at 98%"]);
    assert_eq!(m1.template(i1[0]).id, m2.template(i2[0]).id);
    assert_eq!(m1.template(i1[0]).id, template_id(&m1.template(i1[0]).text));
}

#[test]
fn json_and_logfmt_are_mined_on_message() {
    let (m, ids) = mine(&[
        r#"{"level":"info","msg":"user 42 connected"}"#,
        r#"level=info msg="user 43 connected" ts=1"#,
    ]);
    assert_eq!(m.template(ids[0]).text, "user <*> connected");
    assert_eq!(ids[0], ids[1]);
}

#[test]
fn eviction_is_bounded_and_protects_frequent() {
    let mut m = Miner::new(MinerConfig {
        max_clusters: 10,
        ..MinerConfig::default()
    });
    for _ in 0..5 {
        m.add("frequent message here");
    }
    for i in 0..1000 {
        m.add(&format!(
            "unique{} word{} x{}",
            char::from(b'a' + (i % 26) as u8),
            i % 7,
            i
        ));
        assert!(m.len() <= 10);
    }
    assert!(m
        .templates()
        .iter()
        .any(|t| t.text == "frequent message here"));
    assert!(m.clusters.len() <= 11);
}

#[test]
fn finish_merges_over_split() {
    let mut m = Miner::new(MinerConfig::default());
    // different routing branches (variable in the first tokens)
    let a = m.add("R02-M1-N0 node card failed code 7");
    let b = m.add("R13-M0-N4 node card failed code 9");
    m.finish();
    assert_eq!(m.cluster_of(a), m.cluster_of(b));
    assert_eq!(m.template(a).text, "<*> node card failed code <*>");
    assert_eq!(m.template(a).count, 2);
    let before: Vec<Template> = m.templates().into_iter().cloned().collect();
    m.finish();
    let after: Vec<Template> = m.templates().into_iter().cloned().collect();
    assert_eq!(before, after);
    // constants that differ are not merged
    let mut m = Miner::new(MinerConfig::default());
    let a = m.add("cupsd startup succeeded");
    let b = m.add("hcid startup succeeded");
    m.finish();
    assert_ne!(m.cluster_of(a), m.cluster_of(b));
}

/// Regression: logfmt access logs without a `msg` field (RFC 3339
/// timestamp, word values for level/method/agent, numeric rest) must
/// converge to one cluster per combination of word values while mining,
/// not one per message.
#[test]
fn access_logs_converge_online() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let levels = ["info", "info", "info", "warn", "error"];
    let methods = ["GET", "GET", "POST", "PUT", "DELETE"];
    let paths = ["/api/users", "/api/orders", "/health", "/static/app.js"];
    let agents = [
        "Mozilla/5.0",
        "curl/8.5.0",
        "Go-http-client/1.1",
        "python-requests/2.31",
    ];
    let mut m = Miner::new(MinerConfig::default());
    let mut ms = 0u64;
    for _ in 0..20_000 {
        ms += next(40);
        let line = format!(
            "2024-05-{:02}T{:02}:{:02}:{:02}.{:03}Z level={} method={} path={}/{} status={} took={}ms ip=10.{}.{}.{} agent=\"{}\"",
            1 + ms / 86_400_000,
            ms / 3_600_000 % 24,
            ms / 60_000 % 60,
            ms / 1000 % 60,
            ms % 1000,
            levels[next(5) as usize],
            methods[next(5) as usize],
            paths[next(4) as usize],
            next(100_000),
            [200, 201, 404, 503][next(4) as usize],
            next(3000),
            next(256),
            next(256),
            next(256),
            agents[next(4) as usize],
        );
        m.add(&line);
    }
    // 3 levels x 4 methods x 4 agents = 48 templates
    assert!(m.len() <= 200, "{} live clusters", m.len());
    m.finish();
    let t = m.templates();
    assert!(t.len() <= 48, "{} templates", t.len());
    assert!(t[0]
        .text
        .starts_with("<*> level=info method=GET path=<*> status=<*> took=<*> ip=<*> agent="));
}

/// Many distinct word combinations in one leaf: every add stays bounded.
#[test]
fn large_leaf_stays_bounded() {
    let words = [
        "alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta",
    ];
    let mut m = Miner::new(MinerConfig::default());
    for i in 0..20_000usize {
        let line = format!(
            "job state {} {} {} {}",
            words[i % 8],
            words[i / 8 % 8],
            words[i / 64 % 8],
            words[i / 512 % 8]
        );
        m.add(&line);
    }
    assert!(m.len() <= 4096, "{}", m.len());
    m.finish();
    assert!(!m.templates().is_empty());
}

#[test]
fn no_panics_on_random_input() {
    let alphabet = [
        "a",
        "Z",
        "0",
        "9",
        " ",
        "  ",
        "\t",
        ":",
        "::",
        ".",
        "/",
        "-",
        "_",
        "=",
        "\"",
        "'",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "<*>",
        "<",
        "*",
        ">",
        "@",
        "é",
        "ü1",
        "\u{1F600}",
        "0x",
        "ff",
        "user",
        "Jun",
        "Mon",
        "12:00:00",
        "2005",
        "HTTP/1.1",
        "http://",
        "blk_",
        "req-",
        "?",
        "&",
        "%",
        "msg=",
        "{\"msg\":",
        "\\",
        ",",
        "k",
        "ms",
    ];
    let mut seed: u64 = 0x1234_5678;
    let mut m = Miner::new(MinerConfig {
        max_clusters: 50,
        ..MinerConfig::default()
    });
    for _ in 0..5000 {
        let mut s = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 24) as usize;
        for k in 0..n {
            let r = seed.rotate_left(k as u32 * 5) as usize;
            s.push_str(alphabet[r % alphabet.len()]);
        }
        let id = m.add(&s);
        assert!(m.len() <= 50);
        let _ = m.template(id);
    }
    m.finish();
    let _ = m.templates();
}

#[test]
fn no_panics_on_odd_input() {
    let mut m = Miner::new(MinerConfig::default());
    for s in [
        "",
        " ",
        "<*>",
        "<*><*>",
        "é",
        "\u{0}",
        "{",
        "{}",
        "a=",
        "=",
        "\"",
        "::",
        "/",
        "x/\u{1F600}",
        "<",
        "<*",
        "*>",
        "<*>.<*>",
        "1.2.3.4.5.6.7.8.9",
        "a<*>b <*>c<",
        "ü1:ü2:ü3",
    ] {
        let id = m.add(s);
        let _ = m.template(id);
        let id2 = m.add(&format!("{s} {s}"));
        let _ = m.template(id2);
    }
    m.finish();
    let _ = m.template(123_456);
}

#[test]
fn word_variants_merge_across_routing_leaves() {
    // the varying word leads the line, so every variant routes to its own leaf
    let progs = [
        "chrome.exe",
        "slack.exe",
        "zoom.exe",
        "curl.exe",
        "code.exe",
        "steam.exe",
    ];
    let lines: Vec<String> = progs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!("{p} - db-{i}.example.net:443 open through proxy 10.0.0.{i}:3128 HTTPS")
        })
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (m, ids) = mine(&refs);
    assert_eq!(m.templates().len(), 1);
    assert_eq!(
        m.template(ids[0]).text,
        "<*> - <*>:<*> open through proxy <*>:<*> HTTPS"
    );
    // too few variants, or a short line: the words stay constants
    let (m, _) = mine(&refs[..3]);
    assert_eq!(m.templates().len(), 3);
    let daemons = ["cupsd", "klogd", "hcid", "sdpd", "portmap", "syslogd"];
    let lines: Vec<String> = daemons
        .iter()
        .map(|d| format!("{d} startup succeeded"))
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (m, _) = mine(&refs);
    assert_eq!(m.templates().len(), 6);
}

#[test]
fn lists_collapse_only_when_their_length_varies() {
    let (m, ids) = mine(&["onExtend:1 2 3 4", "onExtend:5 6 7 8"]);
    assert_eq!(m.template(ids[0]).text, "onExtend:<*> <*> <*> <*>");
    let (m, ids) = mine(&[
        "ask 10.0.0.1:50010 to delete blk_100001 blk_-100002 blk_100003",
        "ask 10.0.0.2:50010 to delete blk_200004 blk_200005 blk_200006 blk_200007 blk_200008",
    ]);
    assert_eq!(m.templates().len(), 1);
    assert_eq!(m.template(ids[1]).text, "ask <*>:<*> to delete <*>");
}

#[test]
fn compound_tokens_generalise_piece_by_piece() {
    assert_eq!(
        generalize_token("<*>:com.lumen.pepper/u0a49", "<*>:com.ember.raven/u0a12").as_deref(),
        Some("<*>:<*>/u0a<*>")
    );
    assert_eq!(
        generalize_token(
            "action:android.intent.action.SCREEN_ON",
            "action:android.intent.action.SCREEN_OFF"
        )
        .as_deref(),
        Some("action:android.intent.action.<*>")
    );
    assert_eq!(generalize_token("v1.12", "v1.0").as_deref(), Some("<*>"));
}

#[test]
fn ids_keep_the_letters_they_are_glued_to() {
    assert_eq!(
        generalize_token("u0a49", "u0a12").as_deref(),
        Some("u0a<*>")
    );
    assert_eq!(generalize_token("tty2", "tty7").as_deref(), Some("tty<*>"));
    // a word that differs is no glued id
    assert_eq!(generalize_token("ab2", "cd2").as_deref(), Some("<*>"));
    assert_eq!(generalize_token("u0a<*>", "u0a7"), None);
}

#[test]
fn file_names_vary_as_a_whole() {
    assert_eq!(
        generalize_token("chrome.exe", "slack.exe").as_deref(),
        Some("<*>")
    );
    assert_eq!(
        generalize_token("(a.so)", "(b.so)").as_deref(),
        Some("(<*>)")
    );
    // not an extension: a long last label, or a label before more dots
    assert_eq!(
        generalize_token("com.a.MainService", "com.b.MainService").as_deref(),
        Some("<*>.MainService")
    );
    assert_eq!(
        generalize_token("a.tar.gz", "b.tar.gz").as_deref(),
        Some("<*>.tar.gz")
    );
}

#[test]
fn words_varying_at_several_positions_make_one_template() {
    let names = ["oak", "elm", "ash", "fir", "yew", "bay", "box", "lime"];
    let mut lines = Vec::new();
    for (i, a) in names.iter().enumerate() {
        let b = names[(i * 3 + 1) % names.len()];
        let c = names[(i * 5 + 2) % names.len()];
        lines.push(format!(
            "Stream reader {a}-readers subscribed to topics [{b}-{i}, {c}-{}]",
            i + 7
        ));
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (m, ids) = mine(&refs);
    assert_eq!(m.templates().len(), 1, "{:?}", m.templates());
    assert_eq!(
        m.template(ids[0]).text,
        "Stream reader <*>-readers subscribed to topics [<*>-<*>, <*>-<*>]"
    );
    // four variants are too few to call the columns variables
    let (m, _) = mine(&refs[..4]);
    assert_eq!(m.templates().len(), 4);
}

#[test]
fn object_references_vary_as_a_whole() {
    assert_eq!(
        generalize_token("{a.b.Binder@<*>", "{c.d.Window@<*>").as_deref(),
        Some("{<*>")
    );
}

#[test]
fn value_spans_of_varying_length_are_one_variable() {
    let (m, ids) = mine(&[
        "Fetched 0 bytes of shuffle 3 in <1 sec",
        "Fetched 1190 bytes (1.16 KB) of shuffle 4 in 00:02",
        "Fetched 52 bytes of shuffle 9 in 3 min 4 sec",
        "Fetched 2048 bytes (2.00 KB) of shuffle 1 in <1 sec",
    ]);
    assert_eq!(m.templates().len(), 1, "{:?}", m.templates());
    assert_eq!(m.template(ids[0]).text, "Fetched <*> of shuffle <*> in <*>");
    // spans of one length keep their words, and words outside spans keep
    // clusters apart
    let (m, _) = mine(&[
        "wrote 5 KB to disk",
        "wrote 7 MB to disk",
        "wrote 9 KB to tape",
    ]);
    assert_eq!(m.templates().len(), 3, "{:?}", m.templates());
}

#[test]
fn structured_values_of_a_key_vary_but_plain_words_need_variants() {
    let mut lines = Vec::new();
    for i in 0..6 {
        lines.push(format!("acquire lock={i}, ws=null, uid=10{i}"));
        lines.push(format!(
            "acquire lock={i}, ws=WorkSource{{1001{i}}}, uid=10{i}"
        ));
        lines.push(format!("request method=GET path=/a/{i} done"));
        lines.push(format!("request method=POST path=/a/{i} done"));
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (m, ids) = mine(&refs);
    assert_eq!(m.template(ids[0]).text, "acquire lock=<*>, ws=<*>, uid=<*>");
    assert_eq!(m.template(ids[0]), m.template(ids[1]));
    assert_eq!(m.template(ids[2]).text, "request method=GET path=<*> done");
    assert_ne!(m.template(ids[2]), m.template(ids[3]));
}

#[test]
fn quoted_values_with_spaces_are_one_variable() {
    let tags = [
        "View Lock",
        "RILJ",
        "*launch*",
        "AudioMix",
        "Wifi Lock",
        "GCoreFlp",
        "NlpWakeLock",
    ];
    let lines: Vec<String> = (0..28)
        .map(|i| {
            format!(
                "release:lock={i}, tag=\"{}\", uid=10{i}",
                tags[i % tags.len()]
            )
        })
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (m, ids) = mine(&refs);
    assert_eq!(m.templates().len(), 1, "{:?}", m.templates());
    assert_eq!(
        m.template(ids[0]).text,
        "release:lock=<*>, tag=\"<*>\", uid=<*>"
    );
}

#[test]
fn glued_pair_lists_keep_their_keys() {
    let lines: Vec<String> = (0..6)
        .map(|i| {
            format!(
                "ready=true,policy={i},wksummary=0x{:x}{i},auto=-{i}{i},adj=0.{i}userId={i}",
                1000 + 37 * i
            )
        })
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (m, ids) = mine(&refs);
    assert_eq!(m.templates().len(), 1, "{:?}", m.templates());
    assert_eq!(
        m.template(ids[0]).text,
        "ready=true,policy=<*>,wksummary=<*>,auto=<*>,adj=<*>userId=<*>"
    );
}

#[test]
fn an_id_glued_to_letters_survives_a_varying_name() {
    let (m, ids) = mine(&[
        "Start proc 4095:android/u0a6 for service x",
        "Start proc 411:com.a.b:push/u0a12 for service x",
        "Start proc 12:com.c.d/u0a3 for service x",
    ]);
    assert_eq!(
        m.template(ids[0]).text,
        "Start proc <*>:<*>/u0a<*> for service x"
    );
    assert_eq!(m.template(ids[1]), m.template(ids[2]));
}

#[test]
fn dotted_names_of_varying_length_vary_as_a_whole() {
    let (m, ids) = mine(&[
        "com.apple.Safari.SafeBrowsing.Update: told me to run this job, start in 5 s",
        "com.apple.CacheDelete.daily: told me to run this job, start in 7 s",
        "com.apple.metadata.mds.scan: told me to run this job, start in 9 s",
        "com.apple.ical.sync: told me to run this job, start in 1 s",
        "com.apple.cloud.fmfd.heartbeat: told me to run this job, start in 3 s",
        "com.apple.photos.analysis: told me to run this job, start in 2 s",
    ]);
    assert_eq!(
        m.template(ids[0]).text,
        "<*>: told me to run this job, start in <*> s"
    );
    // one label varying keeps the name's head
    let (m, ids) = mine(&[
        "action:android.intent.action.SCREEN_ON now",
        "action:android.intent.action.SCREEN_OFF now",
        "action:android.intent.action.TIME_TICK now",
    ]);
    assert!(m
        .template(ids[0])
        .text
        .starts_with("action:android.intent.action."));
    let _ = ids;
}

#[test]
fn words_that_combine_freely_are_variables() {
    let states = ["LOOKING", "FOLLOWING", "LEADING"];
    let mut lines = Vec::new();
    for i in 0..36 {
        lines.push(format!(
            "Notification: {} (n.leader), 0x{:x} (n.zxid), {} (n.state), {} (my state)",
            i % 5,
            i * 977,
            states[i % 3],
            states[(i / 3) % 3]
        ));
    }
    // two events of two objects: `up` / `down` of two interfaces stay apart
    for i in 0..12 {
        lines.push(format!(
            "link eth{} on bridge {} is {}",
            i % 2,
            if i % 4 < 2 { "lan" } else { "wan" },
            if i % 3 == 0 { "up" } else { "down" }
        ));
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (m, ids) = mine(&refs);
    assert_eq!(
        m.template(ids[0]).text,
        "Notification: <*> (n.leader), <*> (n.zxid), <*> (n.state), <*> (my state)"
    );
    assert_eq!(m.template(ids[0]).count, 36);
    let up = m.template(ids[36]).text.clone();
    assert!(up.ends_with(" is up"), "{up}");
}

#[test]
fn rare_spellings_of_values_join_the_template_that_holds_them() {
    let progs = [
        "chrome.exe",
        "firefox.exe",
        "curl.exe",
        "git.exe",
        "slack.exe",
        "zoom.exe",
    ];
    let mut lines = Vec::new();
    let mut x: usize = 12345;
    let mut next = move |n: usize| {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345) % (1 << 31);
        (x >> 8) % n
    };
    for i in 0..90 {
        lines.push(format!(
            "{} - h{i}.example.com:443 close, {} sent, {} received, lifetime {}",
            progs[next(progs.len())],
            ["7 bytes", "1190 bytes (1.16 KB)"][next(2)],
            ["0 bytes", "2048 bytes (2.00 KB)"][next(2)],
            ["<1 sec", "00:02", "01:17"][next(3)]
        ));
    }
    // rare: a bitness suffix, sizes with their readable twin, a lifetime in words
    lines.push(
        "putty.exe *64 - h1.example.com:22 close, 1190 bytes (1.16 KB) sent, 0 bytes received, lifetime 3 min 4 sec"
            .into(),
    );
    // another event with spans of its own stays apart
    lines.push(
        "putty.exe *64 - h1.example.com:22 error, 1190 bytes (1.16 KB) lost after 3 min 4 sec"
            .into(),
    );
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (m, ids) = mine(&refs);
    let t = m.template(ids[0]).text.clone();
    assert_eq!(
        t,
        "<*> - <*>:<*> close, <*> sent, <*> received, lifetime <*>"
    );
    assert_eq!(m.template(ids[90]).text, t);
    assert_ne!(m.template(ids[91]).text, t);
}
