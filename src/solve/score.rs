//! The score of a plan (SPEC §4), term by term: what "good" means once every
//! hard rule holds. Lower is better.
//!
//! Every term is linear in the assignment (with a few auxiliary variables for
//! the spreads), so the exact mode can state the same score as a MILP:
//!
//! - `expertise`: per area, the spread (max − min) over the groups of the
//!   sum of members' levels;
//! - `rank`, `age`, `gender`: the spread (max − min) over the groups of the
//!   group's mean rank, mean age (years) and share of women, whatever the
//!   groups' sizes. It is kept as Σ (x − x̄) × L / n per group, n the group's
//!   size, x̄ the drawable pool's mean (which cancels in the spread) and L a
//!   common multiple of every size a group may take ([`mean_scale`]), so the
//!   value is an exact integer; the exact mode states it with one indicator
//!   per group and size;
//! - `mixing`: members sharing a region or a unit with an earlier member of
//!   their group, less what the pool forces (a group that can only draw from
//!   three regions must repeat one when it has four members);
//! - `must_serve`: must-serve people left out;
//! - `recent`: for each person used, 3 if they served this round's year, 2 the
//!   year before, 1 two years before, else 0;
//! - `moved`: with a baseline plan, the people whose group or role differs from it.
//!
//! Values are kept as integers (rank, age and gender in hundredths, times L
//! for the means) so they are exact and the same on every machine; weights
//! apply when totalling.

use crate::constraints::Eligibility;
use crate::model::{Case, Gender, GroupId, PersonId, Plan, Weights};
use serde::Serialize;

/// Fixed-point scale of the rank, age and gender deviations.
pub const SCALE: i64 = 100;

/// The constants of the score for one case: weights, reference means, per
/// person attributes as integers, and the baseline.
#[derive(Debug, Clone)]
pub struct ScoreModel {
    /// The weights (`[weights]`).
    pub weights: Weights,
    /// Number of areas.
    pub areas: usize,
    /// Per person: rank, age and gender (1 for a woman) deviation from the
    /// pool's mean, ×[`SCALE`].
    pub dev: Vec<[i64; 3]>,
    /// Per person: levels per area.
    pub levels: Vec<Vec<i64>>,
    /// Per person: the `recent` cost of using them.
    pub recency: Vec<i64>,
    /// Per person: must serve (and drawable).
    pub must_serve: Vec<bool>,
    /// L: the group means of rank, age and gender are kept as Σ dev × L / n,
    /// exact integers (see [`mean_scale`]).
    pub mean_scale: i64,
    /// Mixing repeats no plan can avoid.
    pub forced_mixing: i64,
    /// Per person: the group in the baseline plan and whether leader there,
    /// if there is a baseline.
    pub baseline: Option<Vec<Option<(GroupId, bool)>>>,
}

/// Pool means ×SCALE, rounded: rank, age, share of women.
fn reference_means(case: &Case) -> [i64; 3] {
    let drawable: Vec<PersonId> = case.person_ids().filter(|&p| case.drawable(p)).collect();
    if drawable.is_empty() {
        return [0; 3];
    }
    let n = drawable.len() as i64;
    let mut sums = [0i64; 3];
    for &p in &drawable {
        let x = case.person(p);
        sums[0] += x.rank as i64;
        sums[1] += case.age(p) as i64;
        sums[2] += (x.gender == Gender::Female) as i64;
    }
    // round half away from zero, in integers
    sums.map(|s| (2 * s * SCALE + n) / (2 * n))
}

impl ScoreModel {
    /// The model for `case`, with an optional baseline plan.
    pub fn new(case: &Case, elig: &Eligibility, baseline: Option<&Plan>) -> ScoreModel {
        let refs = reference_means(case);
        let year = case.round.year;
        let dev = case
            .person_ids()
            .map(|p| {
                let x = case.person(p);
                [
                    x.rank as i64 * SCALE - refs[0],
                    case.age(p) as i64 * SCALE - refs[1],
                    (x.gender == Gender::Female) as i64 * SCALE - refs[2],
                ]
            })
            .collect();
        let levels = case
            .people
            .iter()
            .map(|x| x.levels.iter().map(|&l| l as i64).collect())
            .collect();
        let recency = case
            .people
            .iter()
            .map(|x| match x.last_served {
                Some(y) if y <= year => (3 - (year - y)).max(0) as i64,
                Some(_) => 3,
                None => 0,
            })
            .collect();
        let must_serve = case
            .person_ids()
            .map(|p| case.person(p).must_serve && case.drawable(p))
            .collect();
        let max_size = case
            .round
            .groups
            .iter()
            .map(|g| g.size.1)
            .max()
            .unwrap_or(1);
        let baseline = baseline.map(|b| {
            let mut v = vec![None; case.people.len()];
            for pg in &b.groups {
                for &p in &pg.members {
                    v[p.ix()] = Some((pg.group, pg.leaders.contains(&p)));
                }
            }
            v
        });
        ScoreModel {
            weights: case.round.weights.clone(),
            areas: case.round.areas.len(),
            dev,
            levels,
            recency,
            must_serve,
            mean_scale: mean_scale(max_size),
            forced_mixing: forced_mixing(case, elig),
            baseline,
        }
    }

    /// The value kept for a group's mean of deviation `sum` over `n` members:
    /// `sum × L / n` ([`ScoreModel::mean_scale`]), 0 for an empty group.
    #[inline]
    pub fn mean_value(&self, sum: i64, n: usize) -> i64 {
        mean_value(sum, n, self.mean_scale)
    }

    /// The divisor that turns a kept mean value into its unit (ranks, years,
    /// share of women).
    pub fn mean_unit(&self) -> f64 {
        SCALE as f64 * self.mean_scale as f64
    }

    /// The cost of `p`'s place (group and whether leader; None: left out)
    /// against the baseline: 1 if it differs.
    #[inline]
    pub fn moved_cost(&self, p: PersonId, place: Option<(GroupId, bool)>) -> i64 {
        match &self.baseline {
            None => 0,
            Some(b) => (b[p.ix()] != place) as i64,
        }
    }
}

/// The kinds of term the score adds up, each with its weight from
/// `[weights]` ([`ScoreModel::weight_of`]) and its unit ([`ScoreModel::unit_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Spread of an area's level sums (levels).
    Expertise,
    /// Spread of the groups' mean rank (ranks).
    Rank,
    /// Spread of the groups' mean age (years).
    Age,
    /// Spread of the groups' share of women (0–1).
    Gender,
    /// Region and unit repeats beyond the forced ones (repeats).
    Mixing,
    /// Must-serve people left out (people).
    MustServe,
    /// Recency of the people used (points: 3, 2 or 1 per person).
    Recent,
    /// People moved against the baseline (people).
    Moved,
}

impl TermKind {
    /// The mean terms, in the order of the attributes after the areas.
    pub const MEANS: [TermKind; 3] = [TermKind::Rank, TermKind::Age, TermKind::Gender];
}

/// A score's values as kept, in integers (the areas' spreads summed): what
/// the weights multiply. Built from a [`Score`], or by the search from the
/// counts it keeps move by move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kept {
    /// Σ over the areas of the spread of the level sums.
    pub expertise: i64,
    /// Spread of the mean rank, ×SCALE×L ([`ScoreModel::mean_unit`]).
    pub rank: i64,
    /// Spread of the mean age, ×SCALE×L.
    pub age: i64,
    /// Spread of the share of women, ×SCALE×L.
    pub gender: i64,
    /// Repeats beyond the forced ones.
    pub mixing: i64,
    /// Must-serve people left out.
    pub must_serve: i64,
    /// Recency points of the people used.
    pub recent: i64,
    /// People moved against the baseline.
    pub moved: i64,
}

impl ScoreModel {
    /// The weight of one unit of a term (a level, a rank, a year, a share
    /// of women of 1, a repeat, a person, a recency point): the one table of
    /// the weighting, read by the total ([`ScoreModel::weighted`]), the
    /// terms shown, the search's tie-break and the MILP objective.
    #[inline]
    pub fn weight_of(&self, kind: TermKind) -> f64 {
        let w = &self.weights;
        match kind {
            TermKind::Expertise => w.expertise,
            TermKind::Rank => w.rank,
            TermKind::Age => w.age,
            TermKind::Gender => w.gender,
            TermKind::Mixing => w.mixing,
            TermKind::MustServe => w.must_serve,
            TermKind::Recent => w.recent,
            TermKind::Moved => w.stability,
        }
    }

    /// How many kept units make one unit of the term: SCALE × L for the
    /// means, 1 for the counted terms.
    #[inline]
    pub fn unit_of(&self, kind: TermKind) -> f64 {
        match kind {
            TermKind::Rank | TermKind::Age | TermKind::Gender => self.mean_unit(),
            _ => 1.0,
        }
    }

    /// A kept value in the term's unit.
    #[inline]
    pub fn in_unit(&self, kind: TermKind, kept: i64) -> f64 {
        kept as f64 / self.unit_of(kind)
    }

    /// The weighted total of kept values, the score's one formula: Σ over
    /// the terms of weight × value in the term's unit. [`Score::total`] and
    /// the search's incremental cost both call it, so the two agree to the
    /// last bit on the same plan.
    #[inline]
    pub fn weighted(&self, k: &Kept) -> f64 {
        let part = |kind: TermKind, v: i64| self.weight_of(kind) * self.in_unit(kind, v);
        part(TermKind::Expertise, k.expertise)
            + part(TermKind::Rank, k.rank)
            + part(TermKind::Age, k.age)
            + part(TermKind::Gender, k.gender)
            + part(TermKind::Mixing, k.mixing)
            + part(TermKind::MustServe, k.must_serve)
            + part(TermKind::Recent, k.recent)
            + part(TermKind::Moved, k.moved)
    }
}

/// Largest L kept exact: beyond it (groups of more than 30 people) the
/// means are rounded to 1/2^42 of their unit.
const MAX_MEAN_SCALE: i64 = 1 << 42;

/// L = lcm(1, 2, …, `max_size`): every size a group may take divides it, so
/// `Σ dev × L / n` is an exact integer. Capped at 2^42 (sizes above 30).
pub fn mean_scale(max_size: u32) -> i64 {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    let mut l: i64 = 1;
    for s in 2..=max_size.max(1) as i64 {
        let next = l / gcd(l, s) * s;
        if next > MAX_MEAN_SCALE {
            return MAX_MEAN_SCALE;
        }
        l = next;
    }
    l
}

/// `sum × scale / n`, rounded half away from zero when `n` does not divide
/// `scale`; 0 when `n` is 0.
#[inline]
pub fn mean_value(sum: i64, n: usize, scale: i64) -> i64 {
    if n == 0 {
        return 0;
    }
    let n = n as i64;
    if scale % n == 0 {
        sum * (scale / n)
    } else {
        let x = sum as i128 * scale as i128;
        let n = n as i128;
        let q = (2 * x.abs() + n) / (2 * n);
        (if x < 0 { -q } else { q }) as i64
    }
}

/// Σ over groups of the repeats the pool forces: a group whose eligible
/// drawable people come from `d` regions (units) must repeat `min size − d` of them.
fn forced_mixing(case: &Case, elig: &Eligibility) -> i64 {
    let mut forced = 0i64;
    for g in case.group_ids() {
        let need = case.group(g).size.0 as usize;
        let mut regions = Vec::new();
        let mut units = Vec::new();
        for p in case.person_ids() {
            if regions.len() >= need && units.len() >= need {
                break;
            }
            if !case.drawable(p) || !elig.allowed(p, g) {
                continue;
            }
            let x = case.person(p);
            if regions.len() < need && !regions.contains(&x.region) {
                regions.push(x.region);
            }
            if units.len() < need && !units.contains(&x.unit) {
                units.push(x.unit);
            }
        }
        forced += need.saturating_sub(regions.len()) as i64;
        forced += need.saturating_sub(units.len()) as i64;
    }
    forced
}

/// A plan's score, term by term (integers as counted; see [`Score::total`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Score {
    /// Per area: spread of the groups' level sums.
    pub expertise: Vec<i64>,
    /// Spread of the groups' mean rank, ×SCALE×L ([`ScoreModel::mean_unit`]).
    pub rank: i64,
    /// Spread of the groups' mean age (years), ×SCALE×L.
    pub age: i64,
    /// Spread of the groups' share of women, ×SCALE×L.
    pub gender: i64,
    /// Region and unit repeats within groups beyond the forced ones.
    pub mixing: i64,
    /// Must-serve people left out.
    pub must_serve: i64,
    /// Recency cost of the people used.
    pub recent: i64,
    /// People moved against the baseline.
    pub moved: i64,
}

/// One term of the score for display: key, value in its unit, weighted cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// Key, e.g. `expertise.audit` or `age`.
    pub key: String,
    /// The value in its own unit (levels, ranks, years, share, people).
    pub value: f64,
    /// The weight.
    pub weight: f64,
    /// value × weight.
    pub cost: f64,
}

impl Score {
    /// The terms with their weights, in a fixed order.
    pub fn terms(&self, case: &Case, m: &ScoreModel) -> Vec<Term> {
        let mut out = Vec::new();
        let mut push = |key: String, kind: TermKind, kept: i64| {
            let (value, weight) = (m.in_unit(kind, kept), m.weight_of(kind));
            out.push(Term {
                key,
                value,
                weight,
                cost: value * weight,
            })
        };
        for (k, &v) in self.expertise.iter().enumerate() {
            let key = format!("expertise.{}", case.round.areas[k].key);
            push(key, TermKind::Expertise, v);
        }
        push("rank".into(), TermKind::Rank, self.rank);
        push("age".into(), TermKind::Age, self.age);
        push("gender".into(), TermKind::Gender, self.gender);
        push("mixing".into(), TermKind::Mixing, self.mixing);
        push("must_serve".into(), TermKind::MustServe, self.must_serve);
        push("recent".into(), TermKind::Recent, self.recent);
        if m.baseline.is_some() {
            push("moved".into(), TermKind::Moved, self.moved);
        }
        out
    }

    /// The weighted total (lower is better): [`ScoreModel::weighted`] of
    /// the kept values.
    pub fn total(&self, m: &ScoreModel) -> f64 {
        m.weighted(&self.kept())
    }

    /// The values the weights multiply (the areas' spreads summed).
    pub fn kept(&self) -> Kept {
        Kept {
            expertise: self.expertise.iter().sum(),
            rank: self.rank,
            age: self.age,
            gender: self.gender,
            mixing: self.mixing,
            must_serve: self.must_serve,
            recent: self.recent,
            moved: self.moved,
        }
    }
}

/// Spread (max − min) of a list; 0 when empty.
fn spread(v: impl Iterator<Item = i64>) -> i64 {
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for x in v {
        lo = lo.min(x);
        hi = hi.max(x);
    }
    if lo > hi {
        0
    } else {
        hi - lo
    }
}

/// Scores a plan from scratch, straight from the definitions above. The
/// spreads run over the groups that have members (all of them in a full plan).
pub fn evaluate(case: &Case, m: &ScoreModel, plan: &Plan) -> Score {
    let staffed: Vec<&crate::model::PlanGroup> = plan
        .groups
        .iter()
        .filter(|g| !g.members.is_empty())
        .collect();
    let sum_level = |pg: &crate::model::PlanGroup, k: usize| -> i64 {
        pg.members.iter().map(|p| m.levels[p.ix()][k]).sum()
    };
    let mean_dev = |pg: &crate::model::PlanGroup, k: usize| -> i64 {
        let sum = pg.members.iter().map(|p| m.dev[p.ix()][k]).sum();
        m.mean_value(sum, pg.members.len())
    };
    let expertise = (0..m.areas)
        .map(|k| spread(staffed.iter().map(|pg| sum_level(pg, k))))
        .collect();
    let mut used = vec![None; case.people.len()];
    let mut mixing = 0i64;
    let mut recent = 0i64;
    for pg in &plan.groups {
        let mut regions = Vec::new();
        let mut units = Vec::new();
        for &p in &pg.members {
            used[p.ix()] = Some((pg.group, pg.leaders.contains(&p)));
            recent += m.recency[p.ix()];
            let x = case.person(p);
            if regions.contains(&x.region) {
                mixing += 1;
            } else {
                regions.push(x.region);
            }
            if units.contains(&x.unit) {
                mixing += 1;
            } else {
                units.push(x.unit);
            }
        }
    }
    let must_serve = case
        .person_ids()
        .filter(|p| m.must_serve[p.ix()] && used[p.ix()].is_none())
        .count() as i64;
    let moved = case
        .person_ids()
        .map(|p| m.moved_cost(p, used[p.ix()]))
        .sum();
    Score {
        expertise,
        rank: spread(staffed.iter().map(|pg| mean_dev(pg, 0))),
        age: spread(staffed.iter().map(|pg| mean_dev(pg, 1))),
        gender: spread(staffed.iter().map(|pg| mean_dev(pg, 2))),
        mixing: (mixing - m.forced_mixing).max(0),
        must_serve,
        recent,
        moved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_divides_the_mean_scale() {
        assert_eq!(mean_scale(1), 1);
        assert_eq!(mean_scale(6), 60);
        assert_eq!(mean_scale(9), 2520);
        for max in 1..=30u32 {
            let l = mean_scale(max);
            assert!((1..=max as i64).all(|n| l % n == 0), "{max}");
        }
        assert_eq!(mean_scale(31), MAX_MEAN_SCALE);
    }

    #[test]
    fn mean_values_are_exact_and_rounded_beyond_the_cap() {
        assert_eq!(mean_value(7, 3, 60), 140);
        assert_eq!(mean_value(-7, 3, 60), -140);
        assert_eq!(mean_value(5, 0, 60), 0);
        // 2^42 is not a multiple of 3: rounded half away from zero
        let v = mean_value(1, 3, MAX_MEAN_SCALE);
        assert_eq!(v, (MAX_MEAN_SCALE + 1) / 3);
        assert_eq!(mean_value(-1, 3, MAX_MEAN_SCALE), -v);
    }
}
