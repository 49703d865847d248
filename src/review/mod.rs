//! Answers a review of a plan needs, as data: its score term by term and the
//! groups' means ([`score_report`]), who could take a person's place
//! ([`replacements`]), and what changed between two plans ([`diff`]). The
//! CLI (`check --format json`, `replace`, `diff`) and the review page render
//! them; the rules are those of [`crate::validate::check_plan`].

mod not_placed;
mod replace;

pub use not_placed::{not_placed, NotPlaced, NotPlacedWhy};

pub use replace::{apply, replacements, Candidate, Move, Refusal, Replacements};

use crate::constraints::Eligibility;
use crate::model::{Case, Gender, GroupId, PersonId, Plan, Role};
use crate::solve::{evaluate, Score, ScoreModel, Term};
use serde::Serialize;

/// A group's make-up: size, means and expertise sums.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSummary {
    /// The group's id.
    pub group: String,
    /// Members, leaders included.
    pub size: usize,
    /// Mean rank (1 科员 … 5 正处).
    pub mean_rank: f64,
    /// Mean age in the round's year, in years.
    pub mean_age: f64,
    /// Share of women, 0–1.
    pub share_women: f64,
    /// Per area (the round's order): the sum of the members' levels.
    pub expertise: Vec<(String, u32)>,
}

/// A plan's score term by term, its total, and the groups' make-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    /// The weighted total (lower is better).
    pub total: f64,
    /// The terms, each with its value, weight and cost.
    pub terms: Vec<Term>,
    /// Per group of the round.
    pub groups: Vec<GroupSummary>,
}

/// The make-up of group `g` in `plan` (an empty group: size 0, means 0).
pub fn group_summary(case: &Case, plan: &Plan, g: GroupId) -> GroupSummary {
    let pg = &plan.groups[g.ix()];
    let mut members: Vec<PersonId> = pg.members.clone();
    for &l in pg.leaders.iter().chain(&pg.deputies) {
        if !members.contains(&l) {
            members.push(l);
        }
    }
    let n = members.len();
    let mean = |f: &dyn Fn(PersonId) -> f64| {
        if n == 0 {
            0.0
        } else {
            members.iter().map(|&p| f(p)).sum::<f64>() / n as f64
        }
    };
    GroupSummary {
        group: case.group(g).id.clone(),
        size: n,
        mean_rank: mean(&|p| case.person(p).rank as f64),
        mean_age: mean(&|p| case.age(p) as f64),
        share_women: mean(&|p| (case.person(p).gender == Gender::Female) as u8 as f64),
        expertise: case
            .round
            .areas
            .iter()
            .enumerate()
            .map(|(k, a)| {
                let sum = members
                    .iter()
                    .map(|&p| case.person(p).levels[k] as u32)
                    .sum();
                (a.key.clone(), sum)
            })
            .collect(),
    }
}

/// The score of `plan` term by term and the make-up of every group.
pub fn score_report(case: &Case, model: &ScoreModel, plan: &Plan) -> ScoreReport {
    let score = evaluate(case, model, plan);
    ScoreReport {
        total: score.total(model),
        terms: score.terms(case, model),
        groups: case
            .group_ids()
            .map(|g| group_summary(case, plan, g))
            .collect(),
    }
}

/// Where a person is in a plan: the group and the role held there.
pub type Place = Option<(GroupId, Role)>;

/// Everyone's place in a plan.
pub fn places(case: &Case, plan: &Plan) -> Vec<Place> {
    let mut out = vec![None; case.people.len()];
    for pg in &plan.groups {
        for &p in pg.members.iter().chain(&pg.deputies).chain(&pg.leaders) {
            out[p.ix()] = pg.role_of(p).map(|r| (pg.group, r));
        }
    }
    out
}

/// One person whose place differs between two plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Who.
    pub person: PersonId,
    /// Where in the first plan.
    pub from: Place,
    /// Where in the second.
    pub to: Place,
}

/// What changed between two plans of one case: who moved (group or role),
/// and both plans' scores.
#[derive(Debug, Clone)]
pub struct PlanDiff {
    /// The people whose group or role differs, in person order.
    pub changes: Vec<Change>,
    /// The first plan's score.
    pub a: Score,
    /// The second plan's score.
    pub b: Score,
}

/// Who moved between plan `a` and plan `b`, and both scores (without a
/// baseline: the `moved` term is not part of them).
pub fn diff(case: &Case, elig: &Eligibility, a: &Plan, b: &Plan) -> (PlanDiff, ScoreModel) {
    let model = ScoreModel::new(case, elig, None);
    let (pa, pb) = (places(case, a), places(case, b));
    let changes = case
        .person_ids()
        .filter(|p| pa[p.ix()] != pb[p.ix()])
        .map(|p| Change {
            person: p,
            from: pa[p.ix()],
            to: pb[p.ix()],
        })
        .collect();
    let diff = PlanDiff {
        changes,
        a: evaluate(case, &model, a),
        b: evaluate(case, &model, b),
    };
    (diff, model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_of_a_group() {
        let case = crate::io::load_case("data/tiny".as_ref()).unwrap();
        let plan = crate::io::read_plan(&case, "data/tiny-plan.csv".as_ref())
            .unwrap()
            .plan;
        let g1 = group_summary(&case, &plan, GroupId(0));
        // G1: P01 (1970, rank 5, M), P03 (1985, 3, M), P04 (1988, 2, F)
        assert_eq!(g1.size, 3);
        assert!((g1.mean_rank - 10.0 / 3.0).abs() < 1e-12);
        assert!((g1.mean_age - (56.0 + 41.0 + 38.0) / 3.0).abs() < 1e-12);
        assert!((g1.share_women - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_plan_against_itself_moves_nobody() {
        let case = crate::io::load_case("data/tiny".as_ref()).unwrap();
        let elig = Eligibility::build(&case);
        let plan = crate::io::read_plan(&case, "data/tiny-plan.csv".as_ref())
            .unwrap()
            .plan;
        let (d, _) = diff(&case, &elig, &plan, &plan);
        assert!(d.changes.is_empty());
        assert_eq!(d.a, d.b);
    }
}
