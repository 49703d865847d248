//! The JSON API: each request answered from the session, every change of
//! the plan checked by [`check_plan`] (the rules of `xuncha check`) before
//! it is applied, and the working plan saved after it.
//!
//! | method | path | what |
//! |---|---|---|
//! | GET | `/api/state?lang=zh` | the round, groups, cards, score, violations, revision |
//! | GET | `/api/revision` | the revision and whether a re-plan runs (tabs poll it) |
//! | GET | `/api/person?id=P&lang=` | where a person may go, and why not elsewhere |
//! | GET | `/api/replace?person=P&top=N&lang=` | who could take their place (`replace`) |
//! | GET | `/api/diff?lang=` | the working plan against the starting one (`diff`) |
//! | GET | `/api/replan` | the re-plan's progress |
//! | GET | `/api/download?format=csv\|json\|xlsx` | the plan as a file (valid plans only) |
//! | POST | `/api/move` | `{person, group\|null, leader?, with?, insist?, revision}` |
//! | POST | `/api/lock` | `{group?\|person?, locked, revision}` |
//! | POST | `/api/undo` | `{revision}` |
//! | POST | `/api/replan` | `{revision}`: re-plan all but the locked (202) |
//! | POST | `/api/replan/cancel` | stop the re-plan, keeping the best plan so far |
//! | POST | `/api/save` | `{format, name?}`: written atomically into `编组方案/` in the case's folder |

use super::session::{new_violations, save_path, Session, Workspace};
use super::views;
use super::{Job, Reply, Shared};
use crate::explain::{violation_json, Lang};
use crate::model::{GroupId, PersonId, Pin, Plan, Role};
use crate::review::{apply, places, replacements, Move};
use crate::solve::{Outcome, Progress, ScoreModel, SolveOptions, Solver};
use crate::validate::check_plan;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// A JSON error with its status.
pub fn error(status: u16, code: &str, message: impl Into<String>) -> Reply {
    Reply::json(status, json!({"error": code, "message": message.into()}))
}

fn lang_of(q: &HashMap<String, String>) -> Lang {
    match q.get("lang").map(String::as_str) {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

fn person_arg(sh: &Shared, v: Option<&str>) -> Result<PersonId, Reply> {
    let id = v.ok_or_else(|| error(400, "bad-request", "a person's id is needed"))?;
    sh.ws
        .case
        .person_by_id(id)
        .ok_or_else(|| error(400, "unknown-person", format!("no person has the id {id}")))
}

fn group_arg(sh: &Shared, id: &str) -> Result<GroupId, Reply> {
    sh.ws
        .case
        .group_by_id(id)
        .ok_or_else(|| error(400, "unknown-group", format!("no group has the id {id}")))
}

/// Answers a GET.
pub fn get(sh: &Shared, path: &str, q: &HashMap<String, String>) -> Reply {
    let lang = lang_of(q);
    let s = sh.session();
    let r = (|| -> Result<Reply, Reply> {
        Ok(match path {
            "/api/state" => {
                let mut v = views::state_json(lang, &sh.ws, &s);
                v["replan"] = sh.job_json(lang);
                Reply::json(200, v)
            }
            "/api/revision" => Reply::json(
                200,
                json!({"revision": s.revision, "running": sh.running()}),
            ),
            "/api/person" => {
                let p = person_arg(sh, q.get("id").map(String::as_str))?;
                Reply::json(200, views::person_view(lang, &sh.ws, &s, p))
            }
            "/api/replace" => {
                let p = person_arg(sh, q.get("person").map(String::as_str))?;
                let top = q
                    .get("top")
                    .and_then(|t| t.parse::<usize>().ok())
                    .unwrap_or(8)
                    .clamp(1, 50);
                let ws = &sh.ws;
                let r = replacements(&ws.case, &ws.elig, &ws.model, &s.plan, p, top);
                let mut v = crate::explain::replace_json(lang, &ws.case, &ws.model, &r);
                // each term that changes, with its label
                for list in ["allowed", "refused"] {
                    for c in v[list].as_array_mut().into_iter().flatten() {
                        for x in c["changes"].as_array_mut().into_iter().flatten() {
                            let key = x["term"].as_str().unwrap_or_default().to_string();
                            x["label"] =
                                json!(crate::explain::plan::term_label(lang, &ws.case, &key));
                        }
                    }
                }
                Reply::json(200, v)
            }
            "/api/diff" => Reply::json(200, views::diff_view(lang, &sh.ws, &s)),
            "/api/replan" => Reply::json(200, sh.job_json(lang)),
            "/api/download" => download(sh, &s, q.get("format").map(String::as_str), lang)?,
            _ => error(404, "not-found", format!("no such page: {path}")),
        })
    })();
    r.unwrap_or_else(|e| e).labelled(lang)
}

/// Answers a POST with a JSON body.
pub fn post(sh: &Shared, path: &str, body: &[u8]) -> Reply {
    let v: Value = match serde_json::from_slice(body) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return error(400, "bad-request", "the body must be a JSON object"),
        Err(e) => return error(400, "bad-request", format!("the body is not JSON: {e}")),
    };
    let lang = match v["lang"].as_str() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    };
    if path == "/api/replan/cancel" {
        if let Some(job) = sh.job().as_ref() {
            job.progress.stop.store(true, Ordering::SeqCst);
        }
        return Reply::json(200, json!({"cancelled": true}));
    }
    if path == "/api/save" {
        let s = sh.session();
        return save(sh, &s, &v, lang).unwrap_or_else(|e| e);
    }
    if sh.running() {
        return error(
            409,
            "busy",
            "a re-plan is running: wait for it or cancel it first",
        );
    }
    let mut s = sh.session();
    // last write wins: a change from a tab that had not seen the newest
    // revision is applied to it, and the tab is told
    let stale = v["revision"].as_u64().is_some_and(|r| r != s.revision);
    let r = match path {
        "/api/move" => change(sh, &mut s, &v, lang),
        "/api/lock" => lock(sh, &mut s, &v),
        "/api/undo" => {
            if s.undo() {
                Ok(json!({"applied": true}))
            } else {
                Err(error(409, "nothing-to-undo", "there is no change to undo"))
            }
        }
        "/api/replan" => return start_replan(sh, &s, stale),
        _ => Err(error(404, "not-found", format!("no such action: {path}"))),
    };
    match r {
        Ok(mut out) => {
            if out["applied"].as_bool() == Some(true) {
                if let Err(e) = s.save(&sh.ws) {
                    out["save_error"] = json!(e.to_string());
                }
            }
            out["revision"] = json!(s.revision);
            out["stale"] = json!(stale);
            views::label_rules(lang, &mut out);
            Reply::json(200, out)
        }
        Err(e) => e,
    }
}

/// The plan after the move or swap `v` asks for.
fn moved(sh: &Shared, s: &Session, v: &Value) -> Result<(Plan, Vec<PersonId>), Reply> {
    let case = &sh.ws.case;
    let p = person_arg(sh, v["person"].as_str())?;
    if !case.drawable(p) {
        return Err(error(
            400,
            "not-drawable",
            format!(
                "{} is not available or excluded this round",
                case.person_label(p)
            ),
        ));
    }
    let where_ = places(case, &s.plan);
    if let Some(w) = v["with"].as_str() {
        let q = person_arg(sh, Some(w))?;
        let plan =
            match (where_[p.ix()], where_[q.ix()]) {
                (Some((g, _)), Some((h, _))) if g != h => {
                    apply(case, &s.plan, p, Move::Swap { with: q, group: h })
                }
                (Some(_), None) => apply(case, &s.plan, p, Move::Replace { by: q }),
                (None, Some(_)) => apply(case, &s.plan, q, Move::Replace { by: p }),
                _ => return Err(error(
                    400,
                    "bad-request",
                    "a swap needs two people of different groups, or one placed and one left out",
                )),
            };
        return Ok((plan, vec![p, q]));
    }
    let to = match v["group"].as_str() {
        Some(g) => Some(group_arg(sh, g)?),
        None => None,
    };
    let mut plan = s.plan.clone();
    for pg in &mut plan.groups {
        pg.members.retain(|&q| q != p);
        pg.leaders.retain(|&q| q != p);
        pg.deputies.retain(|&q| q != p);
    }
    if let Some(g) = to {
        let was = where_[p.ix()].map_or(Role::Member, |(_, r)| r);
        let role = match v["leader"].as_bool() {
            Some(true) => Role::Leader,
            Some(false) if was == Role::Leader => Role::Member,
            _ => was,
        };
        let pg = &mut plan.groups[g.ix()];
        pg.members.push(p);
        match role {
            Role::Leader => pg.leaders.push(p),
            Role::Deputy => pg.deputies.push(p),
            Role::Member => {}
        }
    }
    Ok((plan, vec![p]))
}

/// A move or swap, checked: applied when it breaks no rule the plan kept,
/// or when the user insists; else the rules it breaks, with their facts.
fn change(sh: &Shared, s: &mut Session, v: &Value, lang: Lang) -> Result<Value, Reply> {
    let case = &sh.ws.case;
    let (plan, who) = moved(sh, s, v)?;
    if let Some(&p) = who.iter().find(|&&p| s.is_locked(case, p)) {
        return Ok(json!({
            "applied": false, "locked": true,
            "message": format!("{} is locked: unlock them or their group first", case.person_label(p)),
        }));
    }
    let before = check_plan(case, &s.plan);
    let broken = new_violations(case, &before, check_plan(case, &plan));
    let rendered: Vec<Value> = broken
        .iter()
        .map(|x| violation_json(lang, case, x))
        .collect();
    let insist = v["insist"].as_bool() == Some(true);
    if !broken.is_empty() && !insist {
        return Ok(json!({"applied": false, "violations": rendered}));
    }
    s.change(plan);
    Ok(
        json!({"applied": true, "violations": rendered, "valid": check_plan(case, &s.plan).is_empty()}),
    )
}

fn lock(sh: &Shared, s: &mut Session, v: &Value) -> Result<Value, Reply> {
    let on = v["locked"].as_bool().unwrap_or(true);
    if let Some(g) = v["group"].as_str() {
        let g = group_arg(sh, g)?;
        if on {
            s.locked_groups.insert(g);
        } else {
            s.locked_groups.remove(&g);
        }
    } else {
        let p = person_arg(sh, v["person"].as_str())?;
        if on {
            s.locked_people.insert(p);
        } else {
            s.locked_people.remove(&p);
        }
    }
    s.revision += 1;
    Ok(json!({"applied": true}))
}

/// The case with the locks as pins: the locked groups' people and the
/// locked people kept where they are, in their role, and a locked group
/// kept at its size.
fn pinned_case(sh: &Shared, s: &Session) -> crate::model::Case {
    let mut case = sh.ws.case.clone();
    let where_ = places(&case, &s.plan);
    let mut pins: Vec<Pin> = Vec::new();
    for p in case.person_ids() {
        if let Some((g, lead)) = where_[p.ix()] {
            if s.locked_groups.contains(&g) || s.locked_people.contains(&p) {
                pins.push(Pin {
                    person: p,
                    group: g,
                    role: lead,
                });
            }
        }
    }
    case.round
        .pins
        .retain(|x| !pins.iter().any(|y| y.person == x.person));
    case.round.pins.extend(pins);
    // a locked group takes nobody more
    for &g in &s.locked_groups {
        let n = s.plan.groups[g.ix()].members.len() as u32;
        case.round.groups[g.ix()].size = (n, n);
    }
    case
}

/// Starts a re-plan of all but the locked groups and people in the
/// background (the same solve and seed as `xuncha plan`), from the working
/// plan; the result becomes the working plan when it keeps every rule.
fn start_replan(sh: &Shared, s: &Session, stale: bool) -> Reply {
    let case = pinned_case(sh, s);
    let start = s.plan.clone();
    let progress = Arc::new(Progress::default());
    let opts = SolveOptions {
        start: Some(start),
        ..SolveOptions::default()
    };
    let total = opts
        .moves_per_search(&case)
        .map(|n| n * opts.searches as u64);
    *sh.job() = Some(Job {
        progress: progress.clone(),
        total,
        started: std::time::Instant::now(),
        result: None,
    });
    let sh2 = sh.clone();
    std::thread::spawn(move || {
        let ws = &sh2.ws;
        let model = ScoreModel::new(&case, &ws.elig, None);
        let solved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            Solver::new(&case, &ws.elig, &model)
                .with_options(opts)
                .with_progress(Some(&progress))
                .solve()
        }));
        let result = match solved {
            Ok(Ok(o)) if check_plan(&ws.case, &o.plan).is_empty() => {
                let mut s = sh2.session();
                let mut plan = o.plan;
                // a locked group keeps the order it was shown in
                for &g in &s.locked_groups {
                    let (old, new) = (&s.plan.groups[g.ix()], &mut plan.groups[g.ix()]);
                    let same = |a: &[PersonId], b: &[PersonId]| {
                        a.len() == b.len() && a.iter().all(|p| b.contains(p))
                    };
                    if same(&old.members, &new.members)
                        && same(&old.leaders, &new.leaders)
                        && same(&old.deputies, &new.deputies)
                    {
                        *new = old.clone();
                    }
                }
                s.change(plan);
                let _ = s.save(ws);
                Ok(s.revision)
            }
            Ok(Ok(_)) => Err(super::JobError::Message(
                "the re-plan's plan broke a rule of the case; nothing changed".into(),
            )),
            Ok(Err(why)) => Err(super::JobError::NoPlan(why)),
            Err(_) => Err(super::JobError::Message(
                "the re-plan failed unexpectedly; nothing changed".into(),
            )),
        };
        if let Some(job) = sh2.job().as_mut() {
            job.result = Some(result);
        }
    });
    Reply::json(
        202,
        json!({"started": true, "total": total, "stale": stale}),
    )
}

/// The working plan as an [`Outcome`], for the plan writers.
fn outcome(ws: &Workspace, plan: &Plan) -> Outcome {
    Outcome {
        plan: plan.clone(),
        score: crate::solve::evaluate(&ws.case, &ws.model, plan),
        seed: SolveOptions::default().seed,
        solver: crate::solve::SolverName::Review,
        elapsed: std::time::Duration::ZERO,
        iterations: 0,
        status: crate::solve::Ending::Reviewed,
        left_out: crate::solve::left_out(&ws.case, &ws.elig, plan),
        unstaffed: Vec::new(),
    }
}

fn meta(ws: &Workspace) -> crate::io::output::PlanMeta {
    crate::io::output::PlanMeta {
        version: env!("CARGO_PKG_VERSION").to_string(),
        inputs_sha256: ws.digest.clone(),
        case: ws.case_path.display().to_string(),
    }
}

/// A plan that breaks a rule is not written as a plan.
fn refuse_invalid(ws: &Workspace, plan: &Plan) -> Result<(), Reply> {
    let n = check_plan(&ws.case, plan).len();
    if n > 0 {
        return Err(error(
            422,
            "invalid-plan",
            format!("the plan breaks {n} rule(s): undo or fix the change before saving"),
        ));
    }
    Ok(())
}

fn save(sh: &Shared, s: &Session, v: &Value, lang: Lang) -> Result<Reply, Reply> {
    let ws = &sh.ws;
    refuse_invalid(ws, &s.plan)?;
    let name = match (v["name"].as_str(), v["format"].as_str()) {
        (Some(n), _) => n.to_string(),
        (None, Some("csv")) => "plan.csv".into(),
        (None, Some("json")) => "plan.json".into(),
        (None, Some("xlsx")) => "编组名单.xlsx".into(),
        _ => {
            return Err(error(
                400,
                "bad-request",
                "give a format: csv, json or xlsx",
            ))
        }
    };
    let dir = ws.save_dir();
    let path = save_path(&dir, &name).map_err(|e| error(403, "outside-case", e))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| error(500, "write-failed", format!("{}: {e}", dir.display())))?;
    crate::print::write_plan(
        lang,
        &ws.case,
        &ws.model,
        &outcome(ws, &s.plan),
        &meta(ws),
        &path,
    )
    .map_err(|e| error(500, "write-failed", format!("{e:#}")))?;
    Ok(Reply::json(
        200,
        json!({"written": path.display().to_string(), "name": name}),
    ))
}

fn download(sh: &Shared, s: &Session, format: Option<&str>, lang: Lang) -> Result<Reply, Reply> {
    use crate::io::output::{plan_csv, plan_json};
    use crate::print::plan_xlsx;
    let ws = &sh.ws;
    refuse_invalid(ws, &s.plan)?;
    let o = outcome(ws, &s.plan);
    let (bytes, kind, name) = match format {
        Some("csv") => (plan_csv(&ws.case, &s.plan), "text/csv", "plan.csv"),
        Some("json") => {
            let text =
                serde_json::to_string_pretty(&plan_json(lang, &ws.case, &ws.model, &o, &meta(ws)))
                    .expect("JSON values serialize");
            (text.into_bytes(), "application/json", "plan.json")
        }
        Some("xlsx") => (
            plan_xlsx(lang, &ws.case, &ws.model, &o, &meta(ws))
                .map_err(|e| error(500, "write-failed", e.to_string()))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "plan.xlsx",
        ),
        _ => return Err(error(400, "bad-request", "format: csv, json or xlsx")),
    };
    Ok(Reply::file(bytes, kind, name))
}
