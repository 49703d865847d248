//! What-if staffing analysis (SPEC §6):
//! - [`run_scenario`]: variants of a case, each solved with the base plan as
//!   its baseline (so a variant that changes nothing moves nobody), side by side;
//! - [`capacity::capacity`]: how many more groups the pool could staff, and
//!   what runs out first;
//! - [`critical::critical`]: the people whose absence makes the round
//!   infeasible or clearly worse, ranked.
//!
//! Every solve runs on a budget of moves, never on the clock, and the variants
//! are solved in parallel: the same seed gives the same report whatever the
//! thread count.

pub mod capacity;
pub mod critical;

pub mod scenario;

use crate::constraints::Eligibility;
use crate::error::InputErrors;
use crate::io::case::CaseSheets;
use crate::model::{Case, Plan, PlanGroup};
use crate::solve::{self, NoPlan, Outcome, ScoreModel, SolveOptions};
use rayon::prelude::*;
use scenario::{variant_case, Scenario, BASE_NAME};
use serde::Serialize;
use std::collections::BTreeMap;

/// How each case is solved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The seed of every solve.
    pub seed: u64,
    /// Moves per search; default: as `plan` would use for the case.
    pub iterations: Option<u64>,
    /// Independent searches per solve.
    pub searches: usize,
    /// The language the reasons (why no plan) are put in.
    pub lang: crate::explain::Lang,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            seed: 1,
            iterations: None,
            searches: 4,
            lang: crate::explain::Lang::En,
        }
    }
}

/// A person's place in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The group's id.
    pub group: String,
    /// Leader of it.
    pub leader: bool,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.leader {
            write!(f, "{} (leader)", self.group)
        } else {
            write!(f, "{}", self.group)
        }
    }
}

/// A person whose place differs from the base plan.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// Person id.
    pub person: String,
    /// Name.
    pub name: String,
    /// Place in the base plan (None: not in it).
    pub from: Option<Place>,
    /// Place in the variant's plan (None: not in it).
    pub to: Option<Place>,
    /// Removed by the variant.
    pub removed: bool,
    /// Not in the base plan, and placed in a group the variant added.
    pub into_added_group: bool,
}

/// One solved case: the base or a variant.
#[derive(Debug, Clone)]
pub struct Solved {
    /// `base` or the variant's name.
    pub name: String,
    /// The case solved.
    pub case: Case,
    /// Its score model (with the base plan as baseline, for a variant).
    pub model: ScoreModel,
    /// The plan, or why there is none.
    pub result: Result<Outcome, NoPlan>,
    /// Drawable people the variant removed, by id.
    pub removed: Vec<String>,
    /// People the variant added.
    pub added: usize,
    /// Remarks on how the variant applied.
    pub notes: Vec<crate::msg::Msg>,
    /// People placed differently from the base plan (empty for the base).
    pub changes: Vec<Change>,
}

impl Solved {
    /// People moved against the base plan: placed differently in the
    /// base's groups (a change of role counts, and so does someone removed
    /// from the plan); joining a group the variant added is counted apart.
    pub fn moved(&self) -> usize {
        self.changes.len() - self.joined_added_groups()
    }

    /// People from outside the base plan placed in groups the variant added.
    pub fn joined_added_groups(&self) -> usize {
        self.changes.iter().filter(|c| c.into_added_group).count()
    }

    /// The score's total without the stability term (so that cases compare
    /// on quality; `moved` is reported apart); None without a plan.
    pub fn quality(&self) -> Option<f64> {
        self.result
            .as_ref()
            .ok()
            .map(|o| quality(&o.score, &self.model))
    }
}

/// A score's total without the stability term.
pub fn quality(score: &solve::Score, model: &ScoreModel) -> f64 {
    score.total(model) - model.weights.stability * score.moved as f64
}

/// Solves `case` as `plan` would, on a budget of moves. With a baseline,
/// moving people away from it costs `stability`; the search starts from
/// `start` (where the rules still allow).
pub fn solve_case(
    case: &Case,
    baseline: Option<&Plan>,
    start: Option<&Plan>,
    settings: &Settings,
    exact_fallback: bool,
) -> (ScoreModel, Result<Outcome, NoPlan>) {
    let elig = Eligibility::build(case);
    let model = ScoreModel::new(case, &elig, baseline);
    let opts = SolveOptions {
        seed: settings.seed,
        iterations: Some(
            settings
                .iterations
                .unwrap_or_else(|| solve::default_iterations(case)),
        ),
        time_limit: None,
        searches: settings.searches.max(1),
        start: start.cloned(),
        exact_fallback,
        ..SolveOptions::default()
    };
    let result = solve::plan_heuristic(case, &elig, &model, &opts, false, None);
    (model, result)
}

/// Is there a plan keeping every rule? A search that stops at the first one
/// found, on a budget of moves (deterministic), without the exact solver's
/// fallback (it could take 20 s each time this is asked).
pub fn first_plan(case: &Case, settings: &Settings) -> Result<(), NoPlan> {
    solve::first_plan(case, settings.seed, settings.iterations, settings.searches)
}

/// The base case's plan: `given` (an approved plan, checked by the caller)
/// scored as it is, else solved.
pub fn base_outcome(
    case: &Case,
    given: Option<&Plan>,
    settings: &Settings,
) -> (ScoreModel, Result<Outcome, NoPlan>) {
    let Some(plan) = given else {
        return solve_case(case, None, None, settings, true);
    };
    let elig = Eligibility::build(case);
    let model = ScoreModel::new(case, &elig, None);
    let outcome = Outcome {
        score: solve::evaluate(case, &model, plan),
        left_out: solve::left_out(case, &elig, plan),
        plan: plan.clone(),
        seed: settings.seed,
        solver: solve::SolverName::Given,
        elapsed: std::time::Duration::ZERO,
        iterations: 0,
        status: solve::Ending::Given,
        unstaffed: Vec::new(),
    };
    (model, Ok(outcome))
}

/// Where each person of a plan is, by person id.
pub fn places(case: &Case, plan: &Plan) -> BTreeMap<String, Place> {
    let mut out = BTreeMap::new();
    for pg in &plan.groups {
        for &p in &pg.members {
            out.insert(
                case.person(p).id.clone(),
                Place {
                    group: case.group(pg.group).id.clone(),
                    leader: pg.leaders.contains(&p),
                },
            );
        }
    }
    out
}

/// A plan of `from` restated in `to`'s ids; people and groups `to` does not
/// have are left out.
pub fn translate(from: &Case, plan: &Plan, to: &Case) -> Plan {
    let mut out = Plan::empty(to);
    for pg in &plan.groups {
        let Some(g) = to.group_by_id(&from.group(pg.group).id) else {
            continue;
        };
        let map = |ps: &[crate::model::PersonId]| -> Vec<crate::model::PersonId> {
            ps.iter()
                .filter_map(|&p| to.person_by_id(&from.person(p).id))
                .collect()
        };
        out.groups[g.ix()] = PlanGroup {
            group: g,
            leaders: map(&pg.leaders),
            deputies: map(&pg.deputies),
            members: map(&pg.members),
        };
    }
    out
}

/// The people placed differently in `after` than in `before`, by person id.
pub fn changes(
    before: &BTreeMap<String, Place>,
    after: &BTreeMap<String, Place>,
    case: &Case,
    removed: &[String],
    base_groups: &[String],
) -> Vec<Change> {
    let mut ids: Vec<&String> = before.keys().chain(after.keys()).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .filter(|id| before.get(*id) != after.get(*id))
        .map(|id| Change {
            into_added_group: before.get(id).is_none()
                && after
                    .get(id)
                    .is_some_and(|p| !base_groups.contains(&p.group)),
            person: id.clone(),
            name: case
                .person_by_id(id)
                .map(|p| case.person(p).name.clone())
                .unwrap_or_default(),
            from: before.get(id).cloned(),
            to: after.get(id).cloned(),
            removed: removed.contains(id),
        })
        .collect()
}

/// Solves the base case (or takes `base_plan`, checked by the caller) and
/// every variant of the scenario (in parallel), each variant with the base
/// plan as baseline and start. The base comes first.
/// Every variant is built before anything is solved, so a mistake in any of
/// them is reported at once (with file, line and column).
pub fn run_scenario(
    sheets: &CaseSheets,
    base: &Case,
    scenario: &Scenario,
    base_plan: Option<&Plan>,
    settings: &Settings,
) -> Result<Vec<Solved>, InputErrors> {
    let mut errors = InputErrors::default();
    let built: Vec<_> = scenario
        .variants
        .iter()
        .filter_map(|v| errors.keep(variant_case(sheets, base, v)).map(|c| (v, c)))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let (base_model, base_result) = base_outcome(base, base_plan, settings);
    let base_plan = base_result.as_ref().ok().map(|o| o.plan.clone());
    let before = base_plan
        .as_ref()
        .map(|p| places(base, p))
        .unwrap_or_default();
    let base_groups: Vec<String> = base.round.groups.iter().map(|g| g.id.clone()).collect();
    let variants: Vec<Solved> = built
        .into_par_iter()
        .map(|(v, vc)| {
            let baseline = base_plan.as_ref().map(|p| translate(base, p, &vc.case));
            let (model, result) = solve_case(
                &vc.case,
                baseline.as_ref(),
                baseline.as_ref(),
                settings,
                true,
            );
            let after = result
                .as_ref()
                .map(|o| places(&vc.case, &o.plan))
                .unwrap_or_default();
            let changes = if result.is_ok() {
                changes(&before, &after, &vc.case, &vc.removed, &base_groups)
            } else {
                Vec::new()
            };
            Solved {
                name: v.name.clone(),
                case: vc.case,
                model,
                result,
                removed: vc.removed,
                added: vc.added,
                notes: vc.notes,
                changes,
            }
        })
        .collect();
    let mut out = vec![Solved {
        name: BASE_NAME.to_string(),
        case: base.clone(),
        model: base_model,
        result: base_result,
        removed: Vec::new(),
        added: 0,
        notes: Vec::new(),
        changes: Vec::new(),
    }];
    out.extend(variants);
    Ok(out)
}
