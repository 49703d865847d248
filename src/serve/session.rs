//! The review's state: the case (read once), the plan it started from, the
//! working plan with its undo history, the locks (pins for a re-plan) and a
//! revision counter; saved after each change to `.xuncha-review/` in the
//! case's folder, so that a crash loses nothing and a restart picks it up.

use crate::constraints::{Eligibility, Violation};
use crate::explain::{violation_json, Lang};
use crate::model::{Case, GroupId, PersonId, Plan};
use crate::solve::{NoPlan, ScoreModel};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The name of the folder, inside the case's folder, where the working plan is kept.
pub const WORK_DIR: &str = ".xuncha-review";

/// The working plan's file in [`WORK_DIR`].
pub const WORK_FILE: &str = "working-plan.json";

/// The folder, inside the case's folder, that saved plans go to: a
/// workbook or plan beside the case's CSV files would make `check` warn that
/// it was not read; a folder is passed over quietly.
pub const SAVE_DIR: &str = "编组方案";

/// Undo steps kept (older ones are dropped).
const HISTORY: usize = 100;

/// What does not change while the server runs: the case and what is built from it.
pub struct Workspace {
    /// The case.
    pub case: Case,
    /// The case as given on the command line.
    pub case_path: PathBuf,
    /// The folder plans are saved into: the case's directory, or the folder
    /// of its workbook.
    pub folder: PathBuf,
    /// Rules 1–3, as a table.
    pub elig: Eligibility,
    /// The score (no baseline).
    pub model: ScoreModel,
    /// SHA-256 of the case's files (a working plan of other inputs is not restored).
    pub digest: String,
    /// Why the plan the review started from is empty, when the round could not be planned.
    pub no_plan: Option<NoPlan>,
}

impl Workspace {
    /// Where plans are saved: [`SAVE_DIR`] in the case's folder.
    pub fn save_dir(&self) -> PathBuf {
        self.folder.join(SAVE_DIR)
    }

    /// The working plan's file.
    pub fn work_file(&self) -> PathBuf {
        self.folder.join(WORK_DIR).join(WORK_FILE)
    }
}

/// The state a review changes.
#[derive(Debug, Clone)]
pub struct Session {
    /// The plan the review started from (for `diff`).
    pub start: Plan,
    /// The working plan.
    pub plan: Plan,
    /// Earlier working plans, the last one first to come back on undo.
    pub history: Vec<Plan>,
    /// Raised by every change; a tab that writes with an older one is told.
    pub revision: u64,
    /// Groups kept as they are by a re-plan.
    pub locked_groups: BTreeSet<GroupId>,
    /// People kept where they are by a re-plan.
    pub locked_people: BTreeSet<PersonId>,
    /// When the working plan was restored from its file: the Unix time it was saved.
    pub restored: Option<u64>,
}

impl Session {
    /// A new review of `start`.
    pub fn new(start: Plan) -> Session {
        Session {
            plan: start.clone(),
            start,
            history: Vec::new(),
            revision: 1,
            locked_groups: BTreeSet::new(),
            locked_people: BTreeSet::new(),
            restored: None,
        }
    }

    /// Makes `plan` the working plan, keeping the old one for undo.
    pub fn change(&mut self, plan: Plan) {
        let old = std::mem::replace(&mut self.plan, plan);
        self.history.push(old);
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
        self.revision += 1;
    }

    /// Back to the plan before the last change; false when there is none.
    pub fn undo(&mut self) -> bool {
        match self.history.pop() {
            Some(p) => {
                self.plan = p;
                self.revision += 1;
                true
            }
            None => false,
        }
    }

    /// Is `p` kept in place by a lock (their own, or their group's)?
    pub fn is_locked(&self, case: &Case, p: PersonId) -> bool {
        self.locked_people.contains(&p)
            || crate::review::places(case, &self.plan)[p.ix()]
                .is_some_and(|(g, _)| self.locked_groups.contains(&g))
    }

    /// The session as the working file holds it.
    pub fn to_json(&self, ws: &Workspace, now: u64) -> Value {
        let case = &ws.case;
        json!({
            "format": "xuncha-review 1",
            "inputs_sha256": ws.digest,
            "saved_at": now,
            "revision": self.revision,
            "start": plan_ids(case, &self.start),
            "plan": plan_ids(case, &self.plan),
            "history": self.history.iter().map(|p| plan_ids(case, p)).collect::<Vec<_>>(),
            "locked_groups": self.locked_groups.iter().map(|&g| case.group(g).id.clone()).collect::<Vec<_>>(),
            "locked_people": self.locked_people.iter().map(|&p| case.person(p).id.clone()).collect::<Vec<_>>(),
        })
    }

    /// Writes the working file atomically (a temporary file renamed).
    pub fn save(&self, ws: &Workspace) -> std::io::Result<()> {
        let dir = ws.folder.join(WORK_DIR);
        std::fs::create_dir_all(&dir)?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut text =
            serde_json::to_string_pretty(&self.to_json(ws, now)).expect("JSON values serialize");
        text.push('\n');
        crate::io::workbook::write_atomic(&ws.work_file(), text.as_bytes())
    }

    /// The session kept in the working file, when there is one for these
    /// inputs; `Err` says why a file that is there cannot be used.
    pub fn restore(ws: &Workspace) -> Result<Option<Session>, String> {
        let path = ws.work_file();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let v: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        if v["inputs_sha256"].as_str() != Some(ws.digest.as_str()) {
            return Err(format!(
                "{} was made for other input files (the case changed since)",
                path.display()
            ));
        }
        let case = &ws.case;
        let plan = |v: &Value| -> Result<Plan, String> {
            crate::io::plan::plan_from_json(case, &v.to_string(), WORK_FILE)
                .map(|r| r.plan)
                .map_err(|e| format!("{}: {e}", path.display()))
        };
        let mut s = Session::new(plan(&v["start"])?);
        s.plan = plan(&v["plan"])?;
        for h in v["history"].as_array().into_iter().flatten() {
            s.history.push(plan(h)?);
        }
        s.revision = v["revision"].as_u64().unwrap_or(1);
        let strs = |k: &str| -> Vec<String> {
            v[k].as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        };
        s.locked_groups = strs("locked_groups")
            .iter()
            .filter_map(|g| case.group_by_id(g))
            .collect();
        s.locked_people = strs("locked_people")
            .iter()
            .filter_map(|p| case.person_by_id(p))
            .collect();
        s.restored = Some(v["saved_at"].as_u64().unwrap_or(0));
        Ok(Some(s))
    }
}

/// A plan as `{groups: [{id, leaders, deputies, members}]}` (ids), the form
/// [`crate::io::plan::plan_from_json`] reads.
pub fn plan_ids(case: &Case, plan: &Plan) -> Value {
    let groups: Vec<Value> = plan
        .groups
        .iter()
        .map(|pg| {
            let ids = |ps: &[PersonId]| -> Vec<String> {
                ps.iter().map(|&p| case.person(p).id.clone()).collect()
            };
            json!({
                "id": case.group(pg.group).id,
                "leaders": ids(&pg.leaders),
                "deputies": ids(&pg.deputies),
                "members": ids(&pg.members)
            })
        })
        .collect();
    json!({ "groups": groups })
}

/// The violations of `after` that `before` does not have (a change is
/// judged by what it breaks, not by what was broken already).
pub fn new_violations(case: &Case, before: &[Violation], after: Vec<Violation>) -> Vec<Violation> {
    let key = |v: &Violation| violation_json(Lang::En, case, v).to_string();
    let old: BTreeSet<String> = before.iter().map(key).collect();
    after
        .into_iter()
        .filter(|v| !old.contains(&key(v)))
        .collect()
}

/// A file name the page may save to: a plain name (no folder, not hidden)
/// ending in `.csv`, `.json` or `.xlsx`, directly inside `folder`.
pub fn save_path(folder: &Path, name: &str) -> Result<PathBuf, String> {
    let name = name.trim();
    let plain = !name.is_empty()
        && name.chars().count() <= 120
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':', '\0'])
        && !name.contains("..");
    if !plain {
        return Err(format!(
            "{name:?} is not a plain file name: plans are saved only into the case's folder"
        ));
    }
    let path = folder.join(name);
    if path.parent() != Some(folder) {
        return Err(format!("{name:?} is outside the case's folder"));
    }
    crate::io::output::plan_format(&path).map_err(|e| e.to_string())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_in_the_folder_are_saved_to() {
        let f = Path::new("/tmp/case");
        assert!(save_path(f, "plan.csv").is_ok());
        assert!(save_path(f, "编组名单.xlsx").is_ok());
        for bad in [
            "../plan.csv",
            "/etc/plan.csv",
            "a/b.csv",
            "a\\b.csv",
            "C:plan.csv",
            ".hidden.csv",
            "plan.txt",
            "",
            "..",
        ] {
            assert!(save_path(f, bad).is_err(), "{bad}");
        }
    }
}
