//! Exact re-draws of one group's free part: a large-neighbourhood step
//! that makes a group's sums equal to another group's.
//!
//! When every balanced attribute's spread must reach 0 (a round whose
//! optimum is 0, or nearly), the last steps need a group's rank, age,
//! gender and level sums to match the others' all at once. Single moves
//! rarely do that: whoever joins must match whoever leaves in every
//! attribute. Here up to three of a group's free members leave (the leader
//! among them, if a joiner from the leader pool takes the lead) and up to
//! three people left out join, chosen by meet-in-the-middle over their
//! attribute vectors (a table of the vectors of every pair of candidates)
//! so that the group's kept values become exactly another group's, or its
//! value of the worst attribute does and the others stay its own; every
//! such draw is then made with every hard rule checked and kept when the
//! cost falls.

use super::PlanSearch;
use crate::model::{GroupId, PersonId, Role};
use crate::solve::budget::Budget;
use crate::solve::engine::Cost;
use crate::solve::state::{Ctx, OUT};
use std::cmp::Ordering;
use std::collections::HashMap;

/// People who may leave a group in one re-draw, and who may join.
const MAX_CHANGED: usize = 3;

/// Candidates to join beyond which the pair table is not built (it grows
/// with their square).
const MAX_CANDIDATES: usize = 600;

/// Rounds of more groups get no re-draws: each pass builds a table per
/// group (at 1,000 people in 30 groups the descent took 1–2 s without a
/// clock and found nothing the single moves had not).
const MAX_GROUPS: usize = 8;

/// Re-draws tried per group and target before moving on.
const MAX_TRIES: usize = 4_000;

/// A descent by exact re-draws ([module docs](self)): for each group (the
/// extremes of the worst attribute first) and each other group as target,
/// the first re-draw that lowers the cost is kept; at most `max_passes`
/// passes, nothing when placed × drawable people is over `max_pairs` (as
/// [`super::polish`]) or on a round of more than [`MAX_GROUPS`] groups.
/// Stops when `budget` is done. Gives the re-draws kept.
pub fn redraw_descent(
    s: &mut PlanSearch,
    max_pairs: usize,
    max_passes: usize,
    budget: &Budget,
) -> usize {
    let ctx = s.s.ctx;
    if super::polish::too_large(s, max_pairs) {
        return 0;
    }
    let groups: Vec<u32> = (0..ctx.active.len() as u32)
        .filter(|&g| ctx.active[g as usize])
        .collect();
    if groups.len() > MAX_GROUPS {
        return 0;
    }
    let mut kept = 0;
    'pass: for _ in 0..max_passes {
        let mut cur = s.s.cost();
        let worst = worst_attribute(s);
        for g in order(s, worst, &groups) {
            if budget.done() {
                return kept;
            }
            let table = Table::of(s, g);
            // an empty group has no sums to match
            let targets: Vec<u32> = groups
                .iter()
                .copied()
                .filter(|&h| h != g && !s.s.members[h as usize].is_empty())
                .collect();
            // all of h's values, then h's value of the worst attribute only
            for only in [None, worst] {
                for &h in &targets {
                    if redraw(s, g, h, only, &table, &mut cur) {
                        kept += 1;
                        continue 'pass;
                    }
                }
            }
        }
        return kept;
    }
    kept
}

/// The groups, those at either extreme of the `worst` attribute first.
fn order(s: &PlanSearch, worst: Option<usize>, groups: &[u32]) -> Vec<u32> {
    let mut first: Vec<u32> = worst
        .map(|a| [s.s.extreme_group(a, true), s.s.extreme_group(a, false)])
        .into_iter()
        .flatten()
        .flatten()
        .map(|g| g as u32)
        .collect();
    first.dedup();
    let rest = groups
        .iter()
        .filter(|g| !first.contains(g))
        .copied()
        .collect::<Vec<_>>();
    first.extend(rest);
    first
}

/// The attribute with the largest weighted spread, if any is spread.
pub(super) fn worst_attribute(s: &PlanSearch) -> Option<usize> {
    let ctx = s.s.ctx;
    (0..ctx.n_attr)
        .filter(|&a| s.s.spread(a) > 0)
        .max_by(|&x, &y| {
            let w = |a: usize| ctx.attr_weight[a] * s.s.spread(a) as f64;
            w(x).total_cmp(&w(y)).then(y.cmp(&x))
        })
}

/// Who may join group `g`: single people and pairs, by a fingerprint of
/// their attribute vector (the sums are compared exactly on a hit).
struct Table {
    cands: Vec<u32>,
    singles: HashMap<u64, Vec<u32>>,
    pairs: HashMap<u64, Vec<(u32, u32)>>,
}

/// A fingerprint of an attribute vector.
fn fingerprint(v: impl Iterator<Item = i64>) -> u64 {
    v.fold(0xcbf2_9ce4_8422_2325, |h, x| {
        (h ^ x as u64)
            .wrapping_mul(0x0100_0000_01b3)
            .rotate_left(29)
    })
}

impl Table {
    fn of(s: &PlanSearch, g: u32) -> Table {
        let ctx = s.s.ctx;
        let mut cands: Vec<u32> =
            s.s.out_list
                .iter()
                .copied()
                .filter(|&q| ctx.elig.allowed(PersonId(q), GroupId(g)))
                .collect();
        cands.sort_unstable();
        let mut singles: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut pairs: HashMap<u64, Vec<(u32, u32)>> = HashMap::new();
        for &q in &cands {
            singles
                .entry(fingerprint(ctx.attrs(q).iter().copied()))
                .or_default()
                .push(q);
        }
        if cands.len() <= MAX_CANDIDATES {
            for (i, &q1) in cands.iter().enumerate() {
                let a1 = ctx.attrs(q1);
                for &q2 in &cands[i + 1..] {
                    let v = a1.iter().zip(ctx.attrs(q2)).map(|(a, b)| a + b);
                    pairs.entry(fingerprint(v)).or_default().push((q1, q2));
                }
            }
        }
        Table {
            cands,
            singles,
            pairs,
        }
    }
}

/// Tries the re-draws of `g` that give it `h`'s kept values (with `only`,
/// `h`'s value of that attribute and its own of the others); keeps the
/// first that lowers `cur`.
fn redraw(
    s: &mut PlanSearch,
    g: u32,
    h: u32,
    only: Option<usize>,
    t: &Table,
    cur: &mut Cost,
) -> bool {
    let ctx = s.s.ctx;
    let (gu, hu, na) = (g as usize, h as usize, ctx.n_attr);
    let free: Vec<u32> = s.s.members[gu]
        .iter()
        .copied()
        .filter(|&p| {
            ctx.free[p as usize]
                && s.s.role[p as usize] != Role::Deputy
                && !ctx.model.must_serve[p as usize]
        })
        .collect();
    let n_g = s.s.members[gu].len() as i64;
    let n_h = s.s.members[hu].len() as i64;
    let (lo, hi) = ctx.size[gu];
    let mut tries = 0;
    let leaders: Vec<u32> = free
        .iter()
        .copied()
        .filter(|&p| s.s.role[p as usize] == Role::Leader)
        .collect();
    for leaving in subsets(&free, MAX_CHANGED) {
        if leaving.iter().filter(|p| leaders.contains(p)).count() > 1 {
            continue;
        }
        let n_left = (s.s.members[gu].len() - leaving.len()) as i64;
        let rest: Vec<i64> = (0..na)
            .map(|a| s.s.sum_of(gu, a) - leaving.iter().map(|&p| ctx.attrs(p)[a]).sum::<i64>())
            .collect();
        for joining in 0..=MAX_CHANGED as i64 {
            let n = n_left + joining;
            if n < lo as i64 || n > hi as i64 || (leaving.is_empty() && joining == 0) {
                continue;
            }
            // the sums the joining people must bring: the model group's
            // sums, or for a mean its mean at g's new size
            let need: Option<Vec<i64>> = (0..na)
                .map(|a| {
                    let (model, size) = match only {
                        Some(b) if b != a => (gu, n_g),
                        _ => (hu, n_h),
                    };
                    let sm = s.s.sum_of(model, a);
                    let target = if a >= ctx.first_mean {
                        (size > 0 && sm * n % size == 0).then(|| sm * n / size)?
                    } else {
                        sm
                    };
                    Some(target - rest[a])
                })
                .collect();
            let Some(need) = need else { continue };
            for joiners in draws(t, &need, joining as usize, ctx) {
                tries += 1;
                if tries > MAX_TRIES {
                    return false;
                }
                if try_draw(s, g, &leaving, &joiners, cur) {
                    return true;
                }
            }
        }
    }
    false
}

/// Every subset of `items` of at most `k` elements (the empty one first).
fn subsets(items: &[u32], k: usize) -> Vec<Vec<u32>> {
    let mut all = vec![Vec::new()];
    for &x in items {
        let grown: Vec<Vec<u32>> = all
            .iter()
            .filter(|v| v.len() < k)
            .map(|v| v.iter().copied().chain([x]).collect())
            .collect();
        all.extend(grown);
    }
    all
}

/// The sets of `r` candidates whose attribute vectors add up to `need`.
fn draws(t: &Table, need: &[i64], r: usize, ctx: &Ctx) -> Vec<Vec<u32>> {
    let adds_up = |set: &[u32], need: &[i64]| {
        (0..need.len()).all(|a| set.iter().map(|&q| ctx.attrs(q)[a]).sum::<i64>() == need[a])
    };
    let key = fingerprint(need.iter().copied());
    match r {
        0 => {
            if need.iter().all(|&x| x == 0) {
                vec![Vec::new()]
            } else {
                Vec::new()
            }
        }
        1 => t.singles.get(&key).map_or(Vec::new(), |v| {
            v.iter()
                .map(|&q| vec![q])
                .filter(|d| adds_up(d, need))
                .collect()
        }),
        2 => t.pairs.get(&key).map_or(Vec::new(), |v| {
            v.iter()
                .map(|&(a, b)| vec![a, b])
                .filter(|d| adds_up(d, need))
                .collect()
        }),
        _ => {
            let mut found = Vec::new();
            let mut rest = vec![0; need.len()];
            for &q in &t.cands {
                for (a, x) in rest.iter_mut().enumerate() {
                    *x = need[a] - ctx.attrs(q)[a];
                }
                if let Some(v) = t.pairs.get(&fingerprint(rest.iter().copied())) {
                    // each set once: q before the pair
                    found.extend(
                        v.iter()
                            .filter(|&&(a, b)| q < a && adds_up(&[a, b], &rest))
                            .map(|&(a, b)| vec![q, a, b]),
                    );
                }
                if found.len() > MAX_TRIES {
                    break;
                }
            }
            found
        }
    }
}

/// Makes the re-draw (every hard rule checked on each joining; when the
/// leader leaves, the first joiner from the leader pool leads); keeps it and
/// lowers `cur` if the cost falls, else takes it back.
fn try_draw(s: &mut PlanSearch, g: u32, leaving: &[u32], joining: &[u32], cur: &mut Cost) -> bool {
    let ctx = s.s.ctx;
    let roles: Vec<Role> = leaving.iter().map(|&p| s.s.role[p as usize]).collect();
    let mut order: Vec<(u32, Role)> = joining.iter().map(|&q| (q, Role::Member)).collect();
    if roles.contains(&Role::Leader) {
        let Some(i) = joining.iter().position(|&q| ctx.leader[q as usize]) else {
            return false;
        };
        order.swap(0, i);
        order[0].1 = Role::Leader;
    }
    for &p in leaving {
        s.s.remove(p);
    }
    let mut made = 0;
    for &(q, role) in &order {
        if s.s.group[q as usize] != OUT || !s.s.can_insert(q, g, role) {
            break;
        }
        s.s.insert(q, g, role);
        made += 1;
    }
    if made == order.len() {
        let c = s.s.cost();
        if c.cmp_lex(cur) == Ordering::Less {
            *cur = c;
            return true;
        }
    }
    for &(q, _) in &order[..made] {
        s.s.remove(q);
    }
    // the leader back first (members may be checked against the leader)
    let mut back: Vec<(u32, Role)> = leaving.iter().copied().zip(roles).collect();
    back.sort_by_key(|&(_, r)| r != Role::Leader);
    for (p, role) in back {
        s.s.insert(p, g, role);
    }
    false
}
