//! `whatif --critical`: the people whose absence makes the round infeasible
//! or clearly worse, ranked.
//!
//! Only people in the base plan can matter: without anyone else the base
//! plan still keeps every rule. Each of them is removed in turn and the round
//! re-planned, starting from the base plan (the gap filled first, then the
//! search improves on it). The effect is the change of the score from the
//! base plan (with them) to the re-plan (without them), both scored by the
//! model of the case without them; "clearly worse" is at least
//! [`CLEARLY_WORSE`]. Moving people only breaks ties here: the question is
//! how good the round can be without them, and the moves are reported apart.

use super::{base_outcome, changes, places, quality, solve_case, Place, Settings};
use crate::explain::no_plan_line;
use crate::model::{Case, PersonId, Plan};
use crate::solve::{self, NoPlan};
use rayon::prelude::*;
use serde::Serialize;

/// A rise of the score at least this large is "clearly worse": one level of
/// expertise spread between groups, or its equal in the other terms.
pub const CLEARLY_WORSE: f64 = 1.0;

/// The stability weight of a re-plan: small enough that any gain in quality
/// (at least 0.002, a year of age spread) outweighs a few moves, large
/// enough that of two plans alike the one closer to the base plan wins.
const TIE_STABILITY: f64 = 1e-4;

/// What a person's absence does to the round.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    /// No plan keeps every rule without them (proven) or none was found.
    Infeasible {
        /// Proven (by the pre-solve report or the exact solver), not only unfound.
        proven: bool,
        /// Why, in words, with the rule id.
        why: String,
    },
    /// A plan exists; its score against the base plan's.
    Score {
        /// The re-plan's score minus the base plan's, both by the same
        /// model (the case without them).
        delta: f64,
        /// The score without them.
        score: f64,
        /// People placed differently from the base plan (them included).
        moved: usize,
    },
}

/// One person of the base plan and the effect of their absence.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Person id.
    pub person: String,
    /// Name.
    pub name: String,
    /// Their place in the base plan.
    pub place: Place,
    /// What their absence does.
    #[serde(flatten)]
    pub effect: Effect,
}

impl Entry {
    /// Infeasible, or at least [`CLEARLY_WORSE`].
    pub fn is_critical(&self) -> bool {
        match self.effect {
            Effect::Infeasible { .. } => true,
            Effect::Score { delta, .. } => delta >= CLEARLY_WORSE - 1e-9,
        }
    }

    fn rank_key(&self) -> (u8, f64) {
        match &self.effect {
            Effect::Infeasible { proven: true, .. } => (0, 0.0),
            Effect::Infeasible { proven: false, .. } => (1, 0.0),
            Effect::Score { delta, .. } => (2, -delta),
        }
    }
}

/// The answer to `--critical`.
#[derive(Debug, Clone, Serialize)]
pub struct Critical {
    /// The base plan's score (None: the round itself cannot be staffed).
    pub base_score: Option<f64>,
    /// Why the round itself cannot be staffed.
    pub base_why: Option<String>,
    /// Moves per search of each re-plan.
    pub iterations: u64,
    /// Everyone in the base plan, most critical first.
    pub entries: Vec<Entry>,
}

/// `case` without person `p` (excluded, and any pin of theirs dropped).
pub fn without(case: &Case, p: PersonId) -> Case {
    let mut c = case.clone();
    c.excluded[p.ix()] = true;
    if !c.round.exclude.contains(&p) {
        c.round.exclude.push(p);
    }
    c.round.pins.retain(|pin| pin.person != p);
    c
}

/// Ranks the people of the base plan (`base_plan`, checked by the caller,
/// else solved) by the effect of their absence; `progress.moves` counts the
/// re-plans done.
/// Each re-plan gets the base plan's budget (`settings.iterations`, by
/// default what `plan` uses), so that a difference is the person's absence
/// more than the luck of a shorter search.
pub fn critical(
    case: &Case,
    base_plan: Option<&Plan>,
    settings: &Settings,
    progress: Option<&crate::solve::engine::Progress>,
) -> Critical {
    let (base_model, base) = base_outcome(case, base_plan, settings);
    let iterations = settings
        .iterations
        .unwrap_or_else(|| solve::default_iterations(case));
    let base = match base {
        Ok(o) => o,
        Err(no) => {
            return Critical {
                base_score: None,
                base_why: Some(no_plan_line(settings.lang, case, &no)),
                iterations,
                entries: Vec::new(),
            }
        }
    };
    let base_score = quality(&base.score, &base_model);
    let before = places(case, &base.plan);
    let groups: Vec<String> = case.round.groups.iter().map(|g| g.id.clone()).collect();
    let people: Vec<(PersonId, Place)> = base
        .plan
        .groups
        .iter()
        .flat_map(|pg| {
            pg.members.iter().map(move |&p| {
                (
                    p,
                    Place {
                        group: case.group(pg.group).id.clone(),
                        leader: pg.leaders.contains(&p),
                    },
                )
            })
        })
        .collect();
    let replan = Settings {
        iterations: Some(iterations),
        ..settings.clone()
    };
    let mut entries: Vec<Entry> = people
        .into_par_iter()
        .map(|(p, place)| {
            let mut c = without(case, p);
            // moving people only breaks ties: quality comes first
            c.round.weights.stability = TIE_STABILITY;
            // no exact fallback: it could take 20 s for each person
            let (model, result) =
                solve_case(&c, Some(&base.plan), Some(&base.plan), &replan, false);
            let effect = match result {
                Ok(o) => {
                    // both plans scored by the same model, the one without
                    // them (their must_serve no longer counts, the pool's
                    // means are those of the people left); the search
                    // started from the base plan, so it is rarely worse
                    let score = quality(&o.score, &model);
                    let before_score = quality(&solve::evaluate(&c, &model, &base.plan), &model);
                    let id = case.person(p).id.clone();
                    let after = places(&c, &o.plan);
                    Effect::Score {
                        delta: score - before_score,
                        score,
                        moved: changes(&before, &after, &c, &[id], &groups).len(),
                    }
                }
                Err(no) => Effect::Infeasible {
                    proven: !matches!(no, NoPlan::NotFound(_)),
                    why: no_plan_line(settings.lang, &c, &no),
                },
            };
            if let Some(pr) = progress {
                pr.moves.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Entry {
                person: case.person(p).id.clone(),
                name: case.person(p).name.clone(),
                place,
                effect,
            }
        })
        .collect();
    entries.sort_by(|a, b| {
        let (ka, kb) = (a.rank_key(), b.rank_key());
        ka.0.cmp(&kb.0)
            .then(ka.1.total_cmp(&kb.1))
            .then_with(|| a.person.cmp(&b.person))
    });
    Critical {
        base_score: Some(base_score),
        base_why: None,
        iterations,
        entries,
    }
}
