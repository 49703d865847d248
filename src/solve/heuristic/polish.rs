//! A last exhaustive descent on the best plan of a small round.

use super::{Change, PlanSearch};
use crate::model::Role;
use crate::solve::budget::Budget;
use crate::solve::engine::{Cost, Search};
use crate::solve::state::OUT;

/// Steepest-free descent to a local optimum of the whole neighbourhood:
/// every relocation of a placed person, every swap of two placed people and
/// every exchange of a placed person with one left out, accepting the first
/// move that lowers the cost, until none does or after `max_passes` passes.
/// Used on the best plan when the neighbourhood is small (a city round); the
/// random moves of the annealing may miss the last improving one. Stops
/// when `budget` is done (out of time, or asked to stop). Gives the passes
/// that improved.
pub fn polish(s: &mut PlanSearch, max_pairs: usize, max_passes: usize, budget: &Budget) -> usize {
    let ctx = s.s.ctx;
    let n_groups = ctx.active.len() as u32;
    let mut improved = 0;
    loop {
        let placed = s.s.in_list.clone();
        let out = s.s.out_list.clone();
        if too_large(s, max_pairs) {
            return improved;
        }
        let mut cur = s.s.cost();
        let mut any = false;
        let try_move = |s: &mut PlanSearch, steps: &[(u32, u32, Role)], cur: &mut Cost| {
            if let Some(u) = s.attempt(steps) {
                let c = s.s.cost();
                if c.cmp_lex(cur) == std::cmp::Ordering::Less {
                    *cur = c;
                    return true;
                }
                s.reject(Change::Few(u));
            }
            false
        };
        for &p in &placed {
            if budget.done() {
                return improved + any as usize;
            }
            let (gp, lp) = (s.s.group[p as usize], s.s.role[p as usize]);
            if gp == OUT {
                continue; // moved by an earlier improvement in this pass
            }
            for g in (0..n_groups).chain([OUT]) {
                if g != gp && (ctx.active.get(g as usize).copied().unwrap_or(true)) {
                    any |= try_move(s, &[(p, g, Role::Member)], &mut cur);
                }
                if s.s.group[p as usize] != gp {
                    break;
                }
            }
            if s.s.group[p as usize] != gp {
                continue;
            }
            for &q in placed.iter().chain(&out) {
                let gq = s.s.group[q as usize];
                if q == p || gq == gp || s.s.group[p as usize] != gp {
                    continue;
                }
                if gq != OUT && !ctx.free[q as usize] {
                    continue;
                }
                let lq = s.s.role[q as usize];
                if try_move(s, &[(p, gq, lq), (q, gp, lp)], &mut cur) {
                    any = true;
                    break;
                }
            }
        }
        if !any {
            return improved;
        }
        improved += 1;
        if improved >= max_passes {
            return improved;
        }
    }
}

/// Is the neighbourhood over `max_pairs` (placed × drawable people)? The
/// last descents then do nothing.
pub(super) fn too_large(s: &PlanSearch, max_pairs: usize) -> bool {
    let (placed, out) = (s.s.in_list.len(), s.s.out_list.len());
    placed * (placed + out) > max_pairs
}

/// One exchange inside a group: `p` leaves group `g` (a `role`), `q`, left
/// out, takes the place.
#[derive(Clone, Copy)]
struct Exchange {
    p: u32,
    q: u32,
    g: u32,
    role: Role,
}

/// A descent by *pairs* of exchanges in one group that together leave every
/// balanced attribute but one unchanged: two members leave, two people left
/// out join in their roles, and the group's other sums (area levels, rank,
/// gender and all but the chosen attribute) stay as they were. On a round
/// whose other terms are already balanced, single exchanges that move only
/// the last unbalanced attribute are rare (the people left out must match a
/// member in every other attribute), while pairs that compensate each other
/// are common. The attribute worked on is the one of largest weighted
/// spread. Each pair is tried whole ([`PlanSearch::attempt`] on both, every
/// hard rule checked) and kept when the cost falls; at most `max_tries`
/// pairs per pass and `max_passes` passes; nothing when placed × drawable
/// people is over `max_pairs` (as [`polish`]). Gives the pairs kept.
pub fn pair_descent(
    s: &mut PlanSearch,
    max_pairs: usize,
    max_tries: usize,
    max_passes: usize,
    budget: &Budget,
) -> usize {
    let ctx = s.s.ctx;
    if too_large(s, max_pairs) {
        return 0;
    }
    let na = ctx.n_attr;
    let mut kept = 0;
    'pass: for _ in 0..max_passes {
        let Some(a) = super::redraw::worst_attribute(s) else {
            return kept;
        };
        let mut cur = s.s.cost();
        let mut tries = 0;
        let hi = s.s.extreme_group(a, true);
        let lo = s.s.extreme_group(a, false);
        let mut groups: Vec<u32> = [hi, lo].into_iter().flatten().map(|g| g as u32).collect();
        groups.dedup();
        for g in groups {
            let exchanges = exchanges_of(s, g);
            let key = |e: &Exchange, sign: i64| -> Vec<i64> {
                (0..na)
                    .filter(|&b| b != a)
                    .map(|b| {
                        sign * (ctx.attr[e.q as usize * na + b] - ctx.attr[e.p as usize * na + b])
                    })
                    .collect()
            };
            // what an exchange does to attribute a
            let change =
                |e: &Exchange| ctx.attr[e.q as usize * na + a] - ctx.attr[e.p as usize * na + a];
            let mut buckets: std::collections::HashMap<Vec<i64>, Vec<usize>> = Default::default();
            for (i, e) in exchanges.iter().enumerate() {
                buckets.entry(key(e, 1)).or_default().push(i);
            }
            for (i, e1) in exchanges.iter().enumerate() {
                let Some(bucket) = buckets.get(&key(e1, -1)) else {
                    continue;
                };
                for &j in bucket.iter().filter(|&&j| j > i) {
                    let e2 = exchanges[j];
                    if e2.p == e1.p || e2.q == e1.q {
                        continue;
                    }
                    if change(e1) + change(&e2) == 0 {
                        continue;
                    }
                    tries += 1;
                    if tries > max_tries || (tries % 256 == 0 && budget.done()) {
                        return kept;
                    }
                    if try_pair(s, e1, &e2, &mut cur) {
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

/// Every exchange of a free member of `g` with someone left out that keeps
/// every hard rule.
fn exchanges_of(s: &mut PlanSearch, g: u32) -> Vec<Exchange> {
    let ctx = s.s.ctx;
    let members: Vec<u32> = s.s.members[g as usize]
        .iter()
        .copied()
        .filter(|&p| ctx.free[p as usize])
        .collect();
    let out = s.s.out_list.clone();
    let mut found = Vec::new();
    for &p in &members {
        let role = s.s.role[p as usize];
        for &q in &out {
            if let Some(u) = s.attempt(&[(p, OUT, Role::Member), (q, g, role)]) {
                found.push(Exchange { p, q, g, role });
                s.reject(Change::Few(u));
            }
        }
    }
    found
}

/// Makes both exchanges; keeps them (and lowers `cur`) if the cost falls.
fn try_pair(s: &mut PlanSearch, e1: &Exchange, e2: &Exchange, cur: &mut Cost) -> bool {
    let Some(u1) = s.attempt(&[(e1.p, OUT, Role::Member), (e1.q, e1.g, e1.role)]) else {
        return false;
    };
    if let Some(u2) = s.attempt(&[(e2.p, OUT, Role::Member), (e2.q, e2.g, e2.role)]) {
        let c = s.s.cost();
        if c.cmp_lex(cur) == std::cmp::Ordering::Less {
            *cur = c;
            return true;
        }
        s.reject(Change::Few(u2));
    }
    s.reject(Change::Few(u1));
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::Eligibility;
    use crate::solve::engine::Schedule;
    use crate::solve::state::{Ctx, State};
    use crate::solve::ScoreModel;
    use std::cmp::Ordering;

    /// The descents after the search only lower the cost, keep their
    /// incremental counts right (a state rebuilt from their plan agrees) and
    /// give plans the independent checker passes.
    #[test]
    fn last_descents_lower_the_cost_and_keep_the_rules() {
        let case = crate::io::load_case("data/sample".as_ref()).unwrap();
        let elig = Eligibility::build(&case);
        let model = ScoreModel::new(&case, &elig, None);
        let ctx = Ctx::new(&case, &elig, &model, vec![true; case.round.groups.len()]);
        let sch = Schedule {
            tie_weight: 0.05,
            ..Schedule::default()
        };
        let unbounded = Budget::new(None, None);
        let mut improved = 0;
        for seed in 1..=6 {
            let budget = Budget::new(Some(20_000), None);
            let (found, _) = super::super::search(&ctx, 2, seed, &budget, &sch, None);
            let mut s = PlanSearch::new(State::from_placement(&ctx, &found.solution));
            let before = s.s.cost();
            polish(&mut s, 200_000, 5, &unbounded);
            let after_polish = s.s.cost();
            assert_ne!(after_polish.cmp_lex(&before), Ordering::Greater);
            let n = pair_descent(&mut s, 200_000, 50_000, 20, &unbounded)
                + super::super::redraw_descent(&mut s, 200_000, 20, &unbounded);
            let after = s.s.cost();
            if n > 0 {
                improved += 1;
                assert_eq!(after.cmp_lex(&after_polish), Ordering::Less);
            } else {
                assert_eq!(after.cmp_lex(&after_polish), Ordering::Equal);
            }
            let rebuilt = State::from_placement(&ctx, &s.s.placement());
            assert_eq!(rebuilt.kept(), s.s.kept());
            assert_eq!(rebuilt.deficit(), 0);
            let plan = s.s.placement().plan(&ctx);
            assert!(
                crate::validate::check_plan(&case, &plan).is_empty(),
                "seed {seed}"
            );
        }
        // on these short searches the pairs and re-draws find something
        assert!(improved > 0);
    }
}
