//! Exact repair of a freed part: one to three groups give up some of their
//! members (not leaders or deputies), a few people left out join them as
//! candidates (the most promising of those drawn, by the best single move
//! each makes), and a depth-first branch and bound puts every candidate
//! back into one of those groups or out, the other groups fixed, keeping
//! every hard rule and the groups' size bounds; the best assignment by the
//! full cost is kept when it beats the plan. The bound adds what the partial
//! assignment already costs (repeats, recency) to what the spreads must at
//! least be given the values the candidates left can bring. The search is
//! exact over the part unless it reaches its node cap (then it keeps the
//! best it has seen). In a quarter of the parts the first group also
//! changes its leader: a leader-pool person left out takes over, the members
//! above them (leader seniority) are among those freed, and the old leader
//! becomes a candidate who may stay as a member or go; with a requirement
//! that only the old leader met, no single move can make that change (it
//! would open a deficit), so the annealing stays with the leaders it drew
//! first. Run as a descent after the annealing ([`repair_descent`]), it
//! changes several people of a few groups at once, which single moves reach
//! only through worse plans.

use super::construct::shuffle;
use super::{Change, PlanSearch};
use crate::model::{GroupId, PersonId, Role};
use crate::solve::budget::Budget;
use crate::solve::engine::{Cost, Search, EPS};
use crate::solve::score::Kept;
use crate::solve::state::{State, OUT};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use std::cmp::Ordering;

/// Nodes (people placed) one repair may visit.
const NODE_CAP: u64 = 40_000;

/// People left out drawn per candidate kept.
const DRAWS_PER_OUT: usize = 6;

/// The shapes of a part: groups freed, members freed per group at most,
/// people left out drawn as candidates.
const SHAPES: [(usize, usize, usize); 3] = [(1, 6, 20), (2, 4, 10), (3, 3, 6)];

/// Share of the parts in which a group also changes its leader.
const SWITCH_SHARE: f64 = 0.25;

/// Draws of a leader-pool person left out to lead a freed group.
const SWITCH_DRAWS: usize = 8;

/// A freed part: its groups, how many people each must and may take
/// back (its size bounds less the people it keeps), the candidates (the
/// freed members first), and where each was.
struct Part {
    groups: Vec<u32>,
    /// (group, its leader, who takes over): a change of leader, the old
    /// one among the candidates, who may stay as a member or go.
    switch: Option<(u32, u32, u32)>,
    need: Vec<u32>,
    room: Vec<u32>,
    freed: usize,
    /// Trial moves made to choose the candidates left out (counted as nodes).
    tried: u64,
    cands: Vec<u32>,
    was: Vec<u32>,
}

/// The branch and bound over one part.
struct Dfs<'x, 'c, 'a> {
    s: &'x mut State<'c, 'a>,
    part: Part,
    /// People taken back so far, per freed group.
    added: Vec<u32>,
    /// Per attribute: (max, min) of the fixed active groups' values.
    fixed: Vec<(i64, i64)>,
    /// Per depth and attribute: prefix sums of the candidates' values from
    /// that depth on, sorted ascending.
    pre: Vec<Vec<Vec<i64>>>,
    /// Per depth: must-serve candidates from there on, and their moved costs when out.
    must_from: Vec<i64>,
    moved_from: Vec<i64>,
    assign: Vec<u32>,
    best: Cost,
    best_assign: Option<Vec<u32>>,
    nodes: u64,
    cap: u64,
}

impl Dfs<'_, '_, '_> {
    fn go(&mut self, d: usize) {
        if self.nodes >= self.cap {
            return;
        }
        self.nodes += 1;
        let n = self.part.cands.len();
        if d == n {
            let c = self.s.cost();
            if c.cmp_lex(&self.best) == Ordering::Less {
                self.best = c;
                self.best_assign = Some(self.assign.clone());
            }
            return;
        }
        if self.best.deficit == 0 && self.bound(d) > self.best.score + EPS {
            return;
        }
        let p = self.part.cands[d];
        let k = self.part.groups.len();
        // the candidate's own group first, then the others, then out
        let first = (0..k).position(|i| self.part.groups[i] == self.part.was[d]);
        for j in 0..=k {
            let i = match first {
                Some(f) if j == 0 => f,
                Some(f) if j <= f => j - 1,
                _ => j,
            };
            if i == k {
                if n - d > self.short() {
                    self.assign[d] = OUT;
                    self.go(d + 1);
                }
                continue;
            }
            let g = self.part.groups[i];
            if self.added[i] >= self.part.room[i] || !self.s.can_insert(p, g, Role::Member) {
                continue;
            }
            self.s.insert(p, g, Role::Member);
            self.added[i] += 1;
            self.assign[d] = g;
            self.go(d + 1);
            self.added[i] -= 1;
            self.s.remove(p);
        }
    }

    /// People the freed groups still need to reach their least sizes.
    fn short(&self) -> usize {
        (0..self.added.len())
            .map(|i| self.part.need[i].saturating_sub(self.added[i]) as usize)
            .sum()
    }

    /// A lower bound on the score of every completion of the assignment
    /// made down to depth `d`.
    fn bound(&self, d: usize) -> f64 {
        let ctx = self.s.ctx;
        let kept = self.s.kept();
        let left = self.part.cands.len() - d;
        let areas = ctx.req.len();
        let mut lb = Kept {
            mixing: kept.mixing,
            recent: kept.recent,
            moved: kept.moved - self.moved_from[d],
            ..Kept::default()
        };
        let mut open = 0;
        for a in 0..ctx.n_attr {
            let pre = &self.pre[d][a];
            let (mut hi, mut lo) = self.fixed[a];
            for (i, &g) in self.part.groups.iter().enumerate() {
                let need = self.part.need[i].saturating_sub(self.added[i]) as usize;
                let room = ((self.part.room[i] - self.added[i]) as usize).min(left);
                if a == 0 {
                    open += room;
                }
                let sum = self.s.sum_of(g as usize, a);
                let now = self.s.members[g as usize].len();
                let (mut vmin, mut vmax) = (i64::MAX, i64::MIN);
                for k in need.min(room)..=room {
                    let (smin, smax) = (sum + pre[k], sum + pre[left] - pre[left - k]);
                    let (x, y) = if a >= ctx.first_mean {
                        let m = &ctx.model;
                        (m.mean_value(smin, now + k), m.mean_value(smax, now + k))
                    } else {
                        (smin, smax)
                    };
                    vmin = vmin.min(x);
                    vmax = vmax.max(y);
                }
                hi = hi.max(vmin);
                lo = lo.min(vmax);
            }
            let sp = hi.saturating_sub(lo).max(0);
            match a {
                _ if a < areas => lb.expertise += sp,
                _ if a == areas => lb.rank = sp,
                _ if a == areas + 1 => lb.age = sp,
                _ => lb.gender = sp,
            }
        }
        lb.must_serve = kept.must_serve - self.must_from[d].min(open as i64);
        ctx.model.weighted(&lb)
    }
}

impl<'c, 'a> PlanSearch<'c, 'a> {
    /// Draws a part to free: its groups (half the time the two extremes of
    /// an unbalanced attribute first), up to a few of their members that
    /// are neither leaders nor deputies, and people left out who may join
    /// one of them (half of them twins of a freed member).
    fn draw_part(&mut self, rng: &mut ChaCha8Rng) -> Option<Part> {
        let ctx = self.s.ctx;
        let n_active = ctx.active.iter().filter(|&&a| a).count();
        let (k, per, outs) = SHAPES[rng.random_range(0..SHAPES.len())];
        let k = k.min(n_active);
        let mut groups: Vec<u32> = Vec::with_capacity(k);
        let unbalanced: Vec<usize> = (0..ctx.n_attr).filter(|&a| self.s.spread(a) > 0).collect();
        if !unbalanced.is_empty() && rng.random_bool(0.5) {
            let a = unbalanced[rng.random_range(0..unbalanced.len())];
            let hi = rng.random_bool(0.5);
            for h in [hi, !hi] {
                if let Some(g) = self.s.extreme_group(a, h) {
                    if groups.len() < k && !groups.contains(&(g as u32)) {
                        groups.push(g as u32);
                    }
                }
            }
        }
        for _ in 0..8 * k {
            if groups.len() >= k {
                break;
            }
            let g = self.random_group(rng);
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
        let switch = if rng.random_bool(SWITCH_SHARE) {
            self.draw_switch(groups[0], rng)
        } else {
            None
        };
        let mut part = Part {
            switch,
            need: vec![0; groups.len()],
            room: vec![0; groups.len()],
            groups,
            freed: 0,
            tried: 0,
            cands: Vec::new(),
            was: Vec::new(),
        };
        for (i, &g) in part.groups.iter().enumerate() {
            let mut m: Vec<u32> = self.s.members[g as usize]
                .iter()
                .copied()
                .filter(|&q| ctx.free[q as usize] && self.s.role[q as usize] == Role::Member)
                .collect();
            shuffle(&mut m, rng);
            match switch {
                Some((sg, _, new)) if sg == g && ctx.seniority => {
                    // the members above the new leader leave first
                    m.sort_by_key(|&q| ctx.step[q as usize] <= ctx.step[new as usize]);
                    let above = m
                        .iter()
                        .filter(|&&q| ctx.step[q as usize] > ctx.step[new as usize])
                        .count();
                    m.truncate(per.max(above));
                }
                _ => m.truncate(per),
            }
            let (lo, hi) = ctx.size[g as usize];
            let keeps = (self.s.members[g as usize].len() - m.len()) as u32;
            part.need[i] = lo.saturating_sub(keeps);
            part.room[i] = hi.saturating_sub(keeps);
            part.was.extend(m.iter().map(|_| g));
            part.cands.extend(m);
        }
        if part.cands.is_empty() {
            return None;
        }
        let freed = part.cands.len();
        part.freed = freed;
        // drawn people left out, the most promising kept: by the best plan
        // one of them makes joining a freed group or taking a freed member's place
        let mut drawn: Vec<(Cost, u32)> = Vec::new();
        for t in 0..DRAWS_PER_OUT * outs {
            let q = if t % 2 == 0 {
                let a = rng.random_range(0..ctx.n_attr);
                let p = part.cands[rng.random_range(0..freed)];
                let twins = &ctx.twins[a][ctx.twin_of[a][p as usize] as usize];
                twins[rng.random_range(0..twins.len())]
            } else {
                let g = part.groups[rng.random_range(0..part.groups.len())];
                match self.partner_for(g, rng) {
                    Some(q) => q,
                    None => continue,
                }
            };
            let taking_over = switch.is_some_and(|(_, _, new)| new == q);
            if taking_over || self.s.group[q as usize] != OUT || drawn.iter().any(|&(_, x)| x == q)
            {
                continue;
            }
            part.tried += (part.groups.len() + freed) as u64;
            if let Some(c) = self.promise(q, &part) {
                drawn.push((c, q));
            }
        }
        drawn.sort_by(|a, b| a.0.cmp_lex(&b.0).then(a.1.cmp(&b.1)));
        for &(_, q) in drawn.iter().take(outs) {
            part.cands.push(q);
            part.was.push(OUT);
        }
        if let Some((_, old, _)) = switch {
            // the old leader may stay as a member, or go
            part.cands.push(old);
            part.was.push(OUT);
        }
        Some(part)
    }

    /// A change of leader for group `g`: its leader (not pinned) and a
    /// leader-pool person left out who may lead `g` (drawn); `None` if the
    /// draws find none.
    fn draw_switch(&self, g: u32, rng: &mut ChaCha8Rng) -> Option<(u32, u32, u32)> {
        let ctx = self.s.ctx;
        let pool = &ctx.leader_pool;
        let old = self.s.members[g as usize]
            .iter()
            .copied()
            .find(|&q| self.s.role[q as usize] == Role::Leader && ctx.free[q as usize])?;
        if pool.is_empty() {
            return None;
        }
        (0..SWITCH_DRAWS)
            .map(|_| pool[rng.random_range(0..pool.len())])
            .find(|&q| self.s.group[q as usize] == OUT && ctx.elig.allowed(PersonId(q), GroupId(g)))
            .map(|new| (g, old, new))
    }

    /// The best cost `q` (left out) reaches by joining one of the part's
    /// groups or taking the place of one of its freed members; `None` if
    /// neither is allowed.
    fn promise(&mut self, q: u32, part: &Part) -> Option<Cost> {
        let mut best: Option<Cost> = None;
        let mut keep = |c: Cost| {
            if best.is_none_or(|b| c.cmp_lex(&b) == Ordering::Less) {
                best = Some(c);
            }
        };
        for &g in &part.groups {
            if let Some(u) = self.attempt(&[(q, g, Role::Member)]) {
                keep(self.s.cost());
                self.reject(Change::Few(u));
            }
        }
        for i in 0..part.freed {
            let (p, g) = (part.cands[i], part.was[i]);
            if let Some(u) = self.attempt(&[(p, OUT, Role::Member), (q, g, Role::Member)]) {
                keep(self.s.cost());
                self.reject(Change::Few(u));
            }
        }
        best
    }

    /// One exact repair of a drawn part, visiting at most `cap` nodes; the
    /// state ends as the best assignment found (the plan as it was if none
    /// beats it). Gives whether the cost fell, and the nodes visited.
    pub(super) fn repair_part(&mut self, rng: &mut ChaCha8Rng, cap: u64) -> (bool, u64) {
        let Some(part) = self.draw_part(rng) else {
            return (false, 1);
        };
        let ctx = self.s.ctx;
        let before = self.s.cost();
        let fixed = (0..ctx.n_attr)
            .map(|a| {
                (0..ctx.active.len())
                    .filter(|&g| ctx.active[g] && !part.groups.contains(&(g as u32)))
                    .fold((i64::MIN, i64::MAX), |(hi, lo), g| {
                        let v = self.s.value_of(g, a);
                        (hi.max(v), lo.min(v))
                    })
            })
            .collect();
        let n = part.cands.len();
        let pre = (0..=n)
            .map(|d| {
                (0..ctx.n_attr)
                    .map(|a| {
                        let mut v: Vec<i64> =
                            part.cands[d..].iter().map(|&p| ctx.attrs(p)[a]).collect();
                        v.sort_unstable();
                        let mut pre = vec![0];
                        pre.extend(v.iter().scan(0, |acc, &x| {
                            *acc += x;
                            Some(*acc)
                        }));
                        pre
                    })
                    .collect()
            })
            .collect();
        let suffix = |f: &dyn Fn(u32) -> i64| -> Vec<i64> {
            let mut v = vec![0; n + 1];
            for d in (0..n).rev() {
                v[d] = v[d + 1] + f(part.cands[d]);
            }
            v
        };
        let must_from = suffix(&|p| ctx.model.must_serve[p as usize] as i64);
        let moved_from = suffix(&|p| ctx.model.moved_cost(PersonId(p), None));
        for &p in &part.cands[..part.freed] {
            self.s.remove(p);
        }
        if let Some((g, old, new)) = part.switch {
            self.s.remove(old);
            if !self.s.can_insert(new, g, Role::Leader) {
                // a deputy above the new leader, or another rule: as it was
                self.s.insert(old, g, Role::Leader);
                for (&p, &h) in part.cands[..part.freed].iter().zip(&part.was) {
                    self.s.insert(p, h, Role::Member);
                }
                return (false, part.tried.max(1));
            }
            self.s.insert(new, g, Role::Leader);
        }
        let mut dfs = Dfs {
            s: &mut self.s,
            added: vec![0; part.groups.len()],
            fixed,
            pre,
            must_from,
            moved_from,
            assign: vec![OUT; n],
            best: before,
            best_assign: None,
            nodes: part.tried,
            cap,
            part,
        };
        dfs.go(0);
        let (nodes, part) = (dfs.nodes, dfs.part);
        let (assign, improved) = match dfs.best_assign {
            Some(a) => (a, true),
            None => (part.was.clone(), false),
        };
        if let (Some((g, old, new)), false) = (part.switch, improved) {
            self.s.remove(new);
            self.s.insert(old, g, Role::Leader);
        }
        for (&p, &g) in part.cands.iter().zip(&assign) {
            if g != OUT {
                debug_assert!(self.s.can_insert(p, g, Role::Member));
                self.s.insert(p, g, Role::Member);
            }
        }
        debug_assert!(improved || self.s.cost().cmp_lex(&before) == Ordering::Equal);
        (improved, nodes.max(1))
    }
}

/// Exact repairs of drawn parts, each kept when it lowers the cost, until
/// `nodes` nodes are spent (when given) or `budget` is done; gives the
/// nodes spent and the repairs that lowered the cost.
pub fn repair_descent(
    s: &mut PlanSearch,
    rng: &mut ChaCha8Rng,
    budget: &Budget,
    nodes: Option<u64>,
) -> (u64, u64) {
    if nodes.is_none() && budget.deadline().is_none() {
        return (0, 0);
    }
    let (mut spent, mut better) = (0, 0);
    while nodes.is_none_or(|n| spent < n) && !budget.done() {
        let cap = nodes.map_or(NODE_CAP, |n| (n - spent).min(NODE_CAP));
        let (ok, used) = s.repair_part(rng, cap);
        spent += used;
        better += ok as u64;
    }
    (spent, better)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::Eligibility;
    use crate::gen::{synthetic_case, GenOptions};
    use crate::solve::engine::Schedule;
    use crate::solve::state::Ctx;
    use crate::solve::ScoreModel;

    /// Repairs only lower the cost, keep the incremental counts right (a
    /// state rebuilt from their plan agrees) and give plans the independent
    /// checker passes; on a round of two groups whose best plans need other
    /// leaders than the annealing's (40 people, four in the leader pool),
    /// some repair hands a group to another leader.
    #[test]
    fn repairs_lower_the_cost_keep_the_rules_and_change_leaders() {
        let mut case = synthetic_case(&GenOptions::new(40, 2, 1000));
        let mut leaders = 0;
        for p in &mut case.people {
            leaders += p.leader as usize;
            p.leader &= leaders <= 4;
        }
        let elig = Eligibility::build(&case);
        let model = ScoreModel::new(&case, &elig, None);
        let ctx = Ctx::new(&case, &elig, &model, vec![true; case.round.groups.len()]);
        let sch = Schedule::default();
        let unbounded = Budget::new(None, None);
        let mut switched = 0;
        for seed in 1..=4 {
            let budget = Budget::new(Some(20_000), None);
            let (found, _) = super::super::search(&ctx, 1, seed, &budget, &sch, None);
            let mut s = PlanSearch::new(State::from_placement(&ctx, &found.solution));
            let lead_of = |s: &State| -> Vec<u32> {
                (0..ctx.active.len())
                    .flat_map(|g| s.members[g].clone())
                    .filter(|&p| s.role[p as usize] == Role::Leader)
                    .collect()
            };
            let before = (s.s.cost(), lead_of(&s.s));
            let mut rng = crate::solve::engine::rng_for(seed, 7);
            let (spent, better) = repair_descent(&mut s, &mut rng, &unbounded, Some(400_000));
            assert!(spent >= 400_000);
            let after = s.s.cost();
            if better > 0 {
                assert_eq!(after.cmp_lex(&before.0), Ordering::Less);
            } else {
                assert_eq!(after.cmp_lex(&before.0), Ordering::Equal);
            }
            switched += (lead_of(&s.s) != before.1) as usize;
            let rebuilt = State::from_placement(&ctx, &s.s.placement());
            assert_eq!(rebuilt.kept(), s.s.kept());
            assert_eq!(rebuilt.deficit(), 0);
            let plan = s.s.placement().plan(&ctx);
            assert!(
                crate::validate::check_plan(&case, &plan).is_empty(),
                "seed {seed}"
            );
        }
        assert!(switched > 0, "no repair changed a leader");
    }
}
