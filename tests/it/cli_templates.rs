//! `askloki templates mine` (a contract other tools rely on), `askloki
//! index` and `askloki templates list`.

use std::path::Path;

use crate::support::askloki;

use serde_json::Value;

#[test]
fn mine_prints_one_json_line_per_input_line_in_order() {
    let dir = std::env::temp_dir().join(format!("askloki-mine-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("messages.log");
    let mut text = String::new();
    for i in 0..50 {
        text.push_str(&format!(
            "Accepted password for user{} from 10.0.0.{} port {}\r\n",
            i % 3,
            i,
            40000 + i
        ));
        text.push_str(&format!(
            "Connection closed by 10.0.1.{} port {}\n",
            i,
            50000 + i
        ));
    }
    std::fs::write(&file, &text).unwrap();
    let (code, stdout, stderr) = askloki(&["templates", "mine", file.to_str().unwrap()], &dir);
    assert_eq!(code, 0, "{stderr}");
    let rows: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 100);
    for (n, row) in rows.iter().enumerate() {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["line", "template", "template_id"], "the exact form");
        assert_eq!(row["line"], n + 1);
    }
    let closed: Vec<&Value> = rows.iter().skip(1).step_by(2).collect();
    assert!(closed
        .iter()
        .all(|r| r["template"] == closed[0]["template"]));
    assert_eq!(closed[0]["template"], "Connection closed by <*> port <*>");
    let accepted = &rows[0];
    assert_ne!(accepted["template_id"], closed[0]["template_id"]);
    let id = accepted["template_id"].as_str().unwrap();
    assert!(
        id.len() >= 8 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
    // Stable ids: the same input gives the same ids.
    let (_, again, _) = askloki(&["templates", "mine", file.to_str().unwrap()], &dir);
    assert_eq!(again, stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn index_then_list() {
    let dir = std::env::temp_dir().join(format!("askloki-index-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let kb = dir.join("kb");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/logs/sshd.log");
    let (code, _, stderr) = askloki(
        &[
            "index",
            "--data",
            data.to_str().unwrap(),
            "--labels",
            r#"{app="sshd"}"#,
            "--out",
            kb.to_str().unwrap(),
        ],
        &dir,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("templates ("), "{stderr}");
    let (code, stdout, stderr) = askloki(&["templates", "list", kb.to_str().unwrap()], &dir);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Failed password for"), "{stdout}");
    assert!(stdout.contains("select: |="), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
