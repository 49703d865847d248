//! `xuncha serve`: a review page served by the binary itself on
//! 127.0.0.1, over the library (see [`api`] for the JSON API). The page's
//! files (plain HTML, CSS and JavaScript modules) are embedded in the
//! binary: no network, no build step.
//!
//! Safety: the server listens on the loopback address only, answers only
//! requests addressed to it by that name (`Host`), takes changes only as
//! JSON from its own page (`Origin`, `Content-Type`), writes only into the
//! case's folder, and keeps the working plan in `.xuncha-review/` after
//! each change. A bad request gets a JSON error with its status, never a
//! panic.

pub mod api;
pub mod session;
pub mod views;

use crate::explain::Lang;
use crate::solve::{NoPlan, Progress};
use serde_json::{json, Value};
use session::{Session, Workspace};
use std::collections::HashMap;
use std::io::Read;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// The page's files: path, content type, bytes.
const PAGE: &[(&str, &str, &str)] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_str!("page/index.html"),
    ),
    (
        "/style.css",
        "text/css; charset=utf-8",
        include_str!("page/style.css"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_str!("page/app.js"),
    ),
    (
        "/words.js",
        "text/javascript; charset=utf-8",
        include_str!("page/words.js"),
    ),
    (
        "/render.js",
        "text/javascript; charset=utf-8",
        include_str!("page/render.js"),
    ),
];

/// Largest request body read (a move is a few hundred bytes).
const MAX_BODY: u64 = 64 * 1024;

/// An answer: a status and JSON, a page file or a download.
pub struct Reply {
    status: u16,
    content_type: String,
    body: Vec<u8>,
    download: Option<String>,
}

impl Reply {
    /// JSON with a status.
    pub fn json(status: u16, v: Value) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8".into(),
            body: serde_json::to_vec(&v).expect("JSON values serialize"),
            download: None,
        }
    }

    /// A file to download as `name`.
    pub fn file(body: Vec<u8>, content_type: &str, name: &str) -> Reply {
        Reply {
            status: 200,
            content_type: content_type.into(),
            body,
            download: Some(name.into()),
        }
    }

    /// With the rules' labels in `lang` beside their ids (JSON only).
    fn labelled(self, lang: Lang) -> Reply {
        if self.download.is_some() || !self.content_type.starts_with("application/json") {
            return self;
        }
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(mut v) => {
                views::label_rules(lang, &mut v);
                Reply::json(self.status, v)
            }
            Err(_) => self,
        }
    }

    /// The status.
    pub fn status(&self) -> u16 {
        self.status
    }
}

/// Why a re-plan gave no plan.
pub enum JobError {
    /// The solver's answer (rendered in the page's language).
    NoPlan(NoPlan),
    /// Anything else, in words.
    Message(String),
}

/// A re-plan running in the background, or its result.
pub struct Job {
    /// Moves done, and the stop flag.
    pub progress: Arc<Progress>,
    /// Moves in all, when known.
    pub total: Option<u64>,
    /// When it started.
    pub started: Instant,
    /// `None` while it runs; the new revision, or why not.
    pub result: Option<Result<u64, JobError>>,
}

/// What every request handler shares.
#[derive(Clone)]
pub struct Shared {
    /// The case.
    pub ws: Arc<Workspace>,
    session: Arc<Mutex<Session>>,
    job: Arc<Mutex<Option<Job>>>,
}

impl Shared {
    /// A server's state for `session` of `ws`.
    pub fn new(ws: Workspace, session: Session) -> Shared {
        Shared {
            ws: Arc::new(ws),
            session: Arc::new(Mutex::new(session)),
            job: Arc::new(Mutex::new(None)),
        }
    }

    /// The session (a handler that panicked leaves it usable).
    pub fn session(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn job(&self) -> MutexGuard<'_, Option<Job>> {
        self.job.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Is a re-plan running?
    pub fn running(&self) -> bool {
        self.job().as_ref().is_some_and(|j| j.result.is_none())
    }

    fn job_json(&self, lang: Lang) -> Value {
        let job = self.job();
        let Some(j) = job.as_ref() else {
            return json!({"running": false});
        };
        let mut v = json!({
            "running": j.result.is_none(),
            "moves": j.progress.moves.load(Ordering::Relaxed),
            "total": j.total,
            "seconds": j.started.elapsed().as_secs_f64(),
        });
        match &j.result {
            Some(Ok(rev)) => v["revision"] = json!(rev),
            Some(Err(JobError::NoPlan(why))) => {
                v["error"] =
                    crate::explain::no_plan_json(lang, &self.ws.case, why)["message"].clone()
            }
            Some(Err(JobError::Message(m))) => v["error"] = json!(m),
            None => {}
        }
        v
    }
}

fn query(url: &str) -> (String, HashMap<String, String>) {
    let (path, q) = url.split_once('?').unwrap_or((url, ""));
    let map = q
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    (path.to_string(), map)
}

/// `%E5%BC%A0` → 张, `+` → space; a bad escape is kept as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Is the request addressed to this server by a loopback name (no DNS
/// rebinding), and for a change, from its own page?
fn trusted(req: &tiny_http::Request, port: u16) -> bool {
    let header = |name: &'static str| {
        req.headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let ours = |host: &str| {
        [
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ]
        .iter()
        .any(|h| h == host)
    };
    if !header("Host").is_some_and(|h| ours(&h)) {
        return false;
    }
    if let Some(origin) = header("Origin") {
        let host = origin
            .strip_prefix("http://")
            .unwrap_or("")
            .trim_end_matches('/');
        if !ours(host) {
            return false;
        }
    }
    true
}

/// Answers one request.
pub fn answer(sh: &Shared, req: &mut tiny_http::Request, port: u16) -> Reply {
    if !trusted(req, port) {
        return api::error(
            403,
            "forbidden",
            "only the review page on this computer may use this server",
        );
    }
    let (path, q) = query(req.url());
    let method = req.method().as_str().to_string();
    if method == "GET" {
        if let Some((_, kind, text)) = PAGE.iter().find(|(p, _, _)| *p == path) {
            return Reply {
                status: 200,
                content_type: (*kind).into(),
                body: text.as_bytes().to_vec(),
                download: None,
            };
        }
    }
    match (method.as_str(), path.starts_with("/api/")) {
        ("GET", true) => api::get(sh, &path, &q),
        ("POST", true) => {
            let json = req.headers().iter().any(|h| {
                h.field.equiv("Content-Type") && h.value.as_str().starts_with("application/json")
            });
            if !json {
                return api::error(415, "bad-request", "changes are sent as application/json");
            }
            let mut body = Vec::new();
            if req
                .as_reader()
                .take(MAX_BODY + 1)
                .read_to_end(&mut body)
                .is_err()
                || body.len() as u64 > MAX_BODY
            {
                return api::error(
                    400,
                    "bad-request",
                    "the body could not be read or is too long",
                );
            }
            api::post(sh, &path, &body)
        }
        ("GET", false) => api::error(404, "not-found", format!("no such page: {path}")),
        _ => api::error(
            405,
            "bad-method",
            format!("{method} {path} is not answered"),
        ),
    }
}

fn respond(req: tiny_http::Request, r: Reply) {
    let mut resp = tiny_http::Response::from_data(r.body).with_status_code(r.status);
    let mut add = |k: &str, v: &str| {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            resp.add_header(h);
        }
    };
    add("Content-Type", &r.content_type);
    add("Cache-Control", "no-store");
    add("X-Content-Type-Options", "nosniff");
    if let Some(name) = &r.download {
        add(
            "Content-Disposition",
            &format!("attachment; filename=\"{name}\""),
        );
    }
    let _ = req.respond(resp);
}

/// A server bound to 127.0.0.1.
pub struct Server {
    http: Arc<tiny_http::Server>,
    port: u16,
    shared: Shared,
}

impl Server {
    /// Binds 127.0.0.1:`port` (0: a free port).
    ///
    /// # Errors
    ///
    /// When the port cannot be bound (taken, or not allowed).
    pub fn bind(shared: Shared, port: u16) -> anyhow::Result<Server> {
        let http = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = http
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| anyhow::anyhow!("the server has no TCP address"))?;
        Ok(Server {
            http: Arc::new(http),
            port,
            shared,
        })
    }

    /// The page's address.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Answers requests until the process ends, each on its own thread; a
    /// handler that panics answers 500 and the server goes on.
    pub fn run(&self) {
        for mut req in self.http.incoming_requests() {
            let sh = self.shared.clone();
            let port = self.port;
            std::thread::spawn(move || {
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    answer(&sh, &mut req, port)
                }))
                .unwrap_or_else(|_| {
                    api::error(500, "internal", "the server failed on this request")
                });
                respond(req, r);
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_decoded() {
        let (p, q) = query("/api/person?id=%E5%BC%A0%E4%B8%89&lang=en&x");
        assert_eq!(p, "/api/person");
        assert_eq!(q["id"], "张三");
        assert_eq!(q["lang"], "en");
        assert_eq!(q["x"], "");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz%"), "%zz%");
    }
}
