//! What the review-page tests share: `xuncha serve` on a copy of a case
//! (stopped when dropped), and a small HTTP/1.1 client over a TCP stream
//! (enough for the server's JSON and for a WebDriver).
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A server running on a copy of a case.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    /// The case's copy (plans are saved into it).
    pub case: PathBuf,
}

impl Served {
    /// `xuncha serve CASE --port 0 ARGS…`, once it prints its address.
    pub fn start(case: &Path, args: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xuncha"))
            .arg("serve")
            .arg(case)
            .args(["--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout piped"))
            .read_line(&mut line)
            .expect("the server prints its address");
        let url = line
            .trim()
            .strip_prefix("xuncha serve: ")
            .unwrap_or_else(|| panic!("not an address: {line:?}"))
            .to_string();
        Served {
            child,
            url,
            case: case.to_path_buf(),
        }
    }

    /// `host:port`.
    pub fn host(&self) -> String {
        self.url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string()
    }

    /// GET `path`, as JSON.
    pub fn get(&self, path: &str) -> (u16, Value) {
        let (s, b) = request(&self.host(), "GET", path, None, &[]);
        (s, serde_json::from_slice(&b).unwrap_or(Value::Null))
    }

    /// POST `body` (JSON) to `path`.
    pub fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let (s, b) = request(
            &self.host(),
            "POST",
            path,
            Some(body.to_string().as_bytes()),
            &[("Content-Type", "application/json")],
        );
        (s, serde_json::from_slice(&b).unwrap_or(Value::Null))
    }

    /// The current revision.
    pub fn revision(&self) -> u64 {
        self.get("/api/revision").1["revision"].as_u64().unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request (`Connection: close`): the status and the body.
pub fn request(
    host: &str,
    method: &str,
    path: &str,
    body: Option<&[u8]>,
    headers: &[(&str, &str)],
) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(host).expect("the server listens");
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {host}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    let body = body.unwrap_or_default();
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    // read the head, then as much body as Content-Length says (a
    // WebDriver may keep the connection open), else to the end
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let split = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = s.read(&mut buf).expect("an answer");
        assert!(n > 0, "the connection closed before the head");
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let lower = head.to_ascii_lowercase();
    let length = lower
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let mut body = raw[split + 4..].to_vec();
    match length {
        Some(n) => {
            while body.len() < n {
                let k = s.read(&mut buf).expect("the body");
                if k == 0 {
                    break;
                }
                body.extend_from_slice(&buf[..k]);
            }
            body.truncate(n);
        }
        None => {
            s.read_to_end(&mut body).expect("the body");
            if lower.contains("transfer-encoding: chunked") {
                body = unchunk(&body);
            }
        }
    }
    (status, body)
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&b[..eol]);
        let size =
            usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&b[start..start + size]);
        b = &b[start + size + 2..];
    }
    out
}

/// A placed person and a group that 地域回避 forbids them only by their
/// native region (籍贯), found through the API: (person, group).
pub fn native_refusal(s: &Served) -> (String, String) {
    let (_, st) = s.get("/api/state?lang=zh");
    for g in st["groups"].as_array().unwrap() {
        for p in g["members"].as_array().unwrap() {
            let id = p["id"].as_str().unwrap();
            let (_, v) = s.get(&format!("/api/person?id={id}&lang=zh"));
            for (group, reasons) in v["blocked"].as_object().unwrap() {
                let kinds: Vec<&str> = reasons
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["fact"]["kind"].as_str().unwrap_or(""))
                    .collect();
                if group != g["id"].as_str().unwrap() && kinds.iter().all(|k| *k == "native") {
                    return (id.to_string(), group.clone());
                }
            }
        }
    }
    panic!("the sample has nobody kept out of a group by 籍贯 alone");
}
