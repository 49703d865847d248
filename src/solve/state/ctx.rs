//! The fixed facts of a case as flat arrays for the search's inner loop:
//! per person their region, unit, leader flag, expertise bits and summed
//! attributes; per group its targets' regions, size bounds and candidates.

use super::OUT;
use crate::constraints::Eligibility;
use crate::model::{Case, PersonId};
use crate::solve::score::{ScoreModel, TermKind};

/// The fixed facts of a case, as flat arrays for the inner loop.
pub struct Ctx<'a> {
    /// The case.
    pub case: &'a Case,
    /// Rules 1–3.
    pub elig: &'a Eligibility,
    /// The score's constants.
    pub model: &'a ScoreModel,
    /// Per person: region index.
    pub region: Vec<u32>,
    /// Per person: unit index.
    pub unit: Vec<u32>,
    /// Per person: may be drawn and is not pinned (the search may move them).
    pub free: Vec<bool>,
    /// Per person: in the leader pool.
    pub leader: Vec<bool>,
    /// Per person: in the deputy pool (副组长库).
    pub deputy: Vec<bool>,
    /// Per person: the step on the rank scale (`Person::rank_step`).
    pub step: Vec<u8>,
    /// `leader_outranks_members`: no member above the group's leader.
    pub seniority: bool,
    /// Per person: bit k set when the level in area k is ≥ 1.
    pub has: Vec<u32>,
    /// Per person: kin in the pool.
    pub kin: Vec<Vec<u32>>,
    /// Per person and attribute: the value summed per group (area levels,
    /// then rank, age and gender deviations).
    pub attr: Vec<i64>,
    /// Number of attributes (areas + 3).
    pub n_attr: usize,
    /// Per attribute: weight per unit of spread (of the kept group values:
    /// level sums, and rank, age and gender means × SCALE × L).
    pub attr_weight: Vec<f64>,
    /// Attributes from this index on (rank, age, gender) are kept per group
    /// as means ([`ScoreModel::mean_value`]), the ones before as sums.
    pub first_mean: usize,
    /// Per group: distinct target regions.
    pub target_regions: Vec<Vec<u32>>,
    /// Per group: (min, max) size.
    pub size: Vec<(u32, u32)>,
    /// Leaders per group.
    pub leaders: u32,
    /// Deputy leaders per group (`deputies_per_group`).
    pub deputies: u32,
    /// Per area: required members with level ≥ 1.
    pub req: Vec<u32>,
    /// Groups the search staffs (the others stay empty: `--allow-partial`).
    pub active: Vec<bool>,
    /// Number of regions.
    pub n_regions: usize,
    /// Drawable people the search may move, leader-pool ones, and per area.
    pub pool: Vec<u32>,
    /// … in the leader pool.
    pub leader_pool: Vec<u32>,
    /// … in the deputy pool.
    pub deputy_pool: Vec<u32>,
    /// … per area with level ≥ 1.
    pub area_pool: Vec<Vec<u32>>,
    /// Per attribute: the free people grouped by their other attributes
    /// (age left out of the key but for the age attribute itself), so a swap
    /// between two of a group changes mostly that one attribute.
    pub twins: Vec<Vec<Vec<u32>>>,
    /// Per attribute and person: the index of their group in `twins`.
    pub twin_of: Vec<Vec<u32>>,
    /// Per group: the free people eligible for it (rules 1–3), so that
    /// moves draw partners that may go there; empty (and unused) when the
    /// round is too large for the lists to be cheap.
    pub cands: Vec<Vec<u32>>,
    /// Eligible (free person, group) pairs.
    pub eligible_pairs: usize,
}

/// Eligible (person, group) pairs up to which [`Ctx::cands`] is built.
const MAX_CAND_PAIRS: usize = 4_000_000;

impl<'a> Ctx<'a> {
    /// Flattens the case for the search; `active` groups only are staffed.
    pub fn new(
        case: &'a Case,
        elig: &'a Eligibility,
        model: &'a ScoreModel,
        active: Vec<bool>,
    ) -> Ctx<'a> {
        let n = case.people.len();
        let areas = case.round.areas.len();
        let mut pinned = vec![false; n];
        for pin in &case.round.pins {
            pinned[pin.person.ix()] = true;
        }
        let free: Vec<bool> = case
            .person_ids()
            .map(|p| case.drawable(p) && !pinned[p.ix()])
            .collect();
        let mut kin = vec![Vec::new(); n];
        for k in &case.kin {
            kin[k.a.ix()].push(k.b.0);
            kin[k.b.ix()].push(k.a.0);
        }
        let n_attr = areas + 3;
        let mut attr = Vec::with_capacity(n * n_attr);
        for p in 0..n {
            attr.extend_from_slice(&model.levels[p]);
            attr.extend_from_slice(&model.dev[p]);
        }
        // the weight of one kept unit of each attribute
        let per_kept = |kind| model.weight_of(kind) * (1.0 / model.unit_of(kind));
        let mut attr_weight = vec![per_kept(TermKind::Expertise); areas];
        attr_weight.extend(TermKind::MEANS.map(per_kept));
        let target_regions = case
            .round
            .groups
            .iter()
            .map(|g| {
                let mut r: Vec<u32> = g.targets.iter().map(|&t| case.unit(t).region.0).collect();
                r.sort_unstable();
                r.dedup();
                r
            })
            .collect();
        let has: Vec<u32> = case
            .people
            .iter()
            .map(|x| {
                x.levels
                    .iter()
                    .enumerate()
                    .filter(|(_, &l)| l >= 1)
                    .fold(0u32, |m, (k, _)| m | (1 << k))
            })
            .collect();
        let pool: Vec<u32> = (0..n as u32).filter(|&p| free[p as usize]).collect();
        let leader_pool = pool
            .iter()
            .copied()
            .filter(|&p| case.people[p as usize].leader)
            .collect();
        let deputy_pool = pool
            .iter()
            .copied()
            .filter(|&p| case.people[p as usize].deputy)
            .collect();
        let area_pool = (0..areas)
            .map(|k| {
                pool.iter()
                    .copied()
                    .filter(|&p| has[p as usize] >> k & 1 == 1)
                    .collect()
            })
            .collect();
        let (twins, twin_of) = twins(&attr, n_attr, areas + 1, &pool, n);
        let pairs: usize = pool.iter().map(|&p| elig.count_of(PersonId(p))).sum();
        let mut cands = vec![Vec::new(); case.round.groups.len()];
        if pairs <= MAX_CAND_PAIRS {
            for &p in &pool {
                for g in elig.groups_of(PersonId(p)) {
                    cands[g.ix()].push(p);
                }
            }
        }
        Ctx {
            eligible_pairs: pairs,
            cands,
            twins,
            twin_of,
            case,
            elig,
            model,
            region: case.people.iter().map(|x| x.region.0).collect(),
            unit: case.people.iter().map(|x| x.unit.0).collect(),
            free,
            leader: case.people.iter().map(|x| x.leader).collect(),
            deputy: case.people.iter().map(|x| x.deputy).collect(),
            step: case.people.iter().map(|x| x.rank_step).collect(),
            seniority: case.round.policy.leader_outranks_members,
            has,
            kin,
            attr,
            n_attr,
            attr_weight,
            first_mean: areas,
            target_regions,
            size: case.round.groups.iter().map(|g| g.size).collect(),
            leaders: case.round.policy.leaders_per_group,
            deputies: case.round.policy.deputies_per_group,
            req: case.round.requirements.clone(),
            active,
            n_regions: case.regions.len(),
            pool,
            leader_pool,
            deputy_pool,
            area_pool,
        }
    }

    /// The person's attribute values (area levels, then rank, age and gender deviations).
    #[inline]
    pub fn attrs(&self, p: u32) -> &[i64] {
        let i = p as usize * self.n_attr;
        &self.attr[i..i + self.n_attr]
    }
}

/// Per attribute, the people of `pool` grouped by their other attributes
/// (age left out of the key but for the age attribute itself, at index
/// `age`), and per person the index of their group: a swap between two of
/// a group changes mostly that one attribute.
#[allow(clippy::type_complexity)]
fn twins(
    attr: &[i64],
    n_attr: usize,
    age: usize,
    pool: &[u32],
    n: usize,
) -> (Vec<Vec<Vec<u32>>>, Vec<Vec<u32>>) {
    let mut twins = Vec::with_capacity(n_attr);
    let mut twin_of = Vec::with_capacity(n_attr);
    for a in 0..n_attr {
        let mut index: std::collections::HashMap<Vec<i64>, u32> = Default::default();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        let mut of = vec![OUT; n];
        for &p in pool {
            let v = &attr[p as usize * n_attr..(p as usize + 1) * n_attr];
            let key: Vec<i64> = (0..n_attr)
                .filter(|&b| b != a && (b != age || a == age))
                .map(|b| v[b])
                .collect();
            let next = lists.len() as u32;
            let i = *index.entry(key).or_insert(next);
            if i == next {
                lists.push(Vec::new());
            }
            lists[i as usize].push(p);
            of[p as usize] = i;
        }
        twins.push(lists);
        twin_of.push(of);
    }
    (twins, twin_of)
}
