//! The planner's search: a rule-abiding start (pins, then leaders by
//! bipartite matching, then the scarcest areas, then the rest), improved by
//! moves that keep every hard rule — move, swap, swap with someone left out,
//! add, drop, a leader handing over to a member, an ejection chain (one
//! person takes another's place, who moves on to a third group or out), and,
//! on rounds of a few groups, every group one person larger or smaller at once.

use super::engine::{self, Budget, Cost, Found, Progress, Search};
use super::state::{Ctx, State, OUT};
use crate::model::{GroupId, PersonId, Plan};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

mod lns;

/// Who was where before a move: up to three people.
#[derive(Debug, Clone, Copy)]
pub struct Undo {
    n: usize,
    who: [(u32, u32, bool); 3],
    to: [(u32, u32, bool); 3],
}

/// A proposed change: a few people (the common case, no allocation), or
/// one person per group (a whole round one size up or down).
#[derive(Debug, Clone)]
pub enum Change {
    /// Up to three people.
    Few(Undo),
    /// Any number: where each was, and where each went.
    Many {
        /// (person, group or OUT, leader) before.
        who: Vec<(u32, u32, bool)>,
        /// (person, group or OUT, leader) after.
        to: Vec<(u32, u32, bool)>,
    },
}

/// Share of moves aimed at a spread (0.1–0.6 measured on the sample over
/// eight seeds; 0.4 gave the lowest mean score).
const AIMED_SHARE: f64 = 0.4;

/// A placement: everyone's group ([`OUT`] for none) and role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Per person: group index or [`OUT`].
    pub group: Vec<u32>,
    /// Per person: leader.
    pub lead: Vec<bool>,
}

impl Placement {
    /// As a plan: leaders first, then members, each in id order.
    pub fn plan(&self, ctx: &Ctx) -> Plan {
        let mut plan = Plan::empty(ctx.case);
        for (p, &g) in self.group.iter().enumerate() {
            if g != OUT {
                plan.groups[g as usize].members.push(PersonId(p as u32));
            }
        }
        for pg in &mut plan.groups {
            pg.members
                .sort_unstable_by_key(|p| (!self.lead[p.ix()], *p));
            pg.leaders = pg
                .members
                .iter()
                .copied()
                .filter(|p| self.lead[p.ix()])
                .collect();
        }
        plan
    }
}

/// The planner as a [`Search`].
pub struct PlanSearch<'c, 'a> {
    /// The state.
    pub s: State<'c, 'a>,
    /// Are whole-round size changes ([`Change::Many`]) proposed? Only on
    /// rounds of a few groups, where they are cheap.
    pub level_moves: bool,
    /// Share of large-neighbourhood moves (free a few groups, repair them).
    pub lns_share: f64,
    /// Free must-serve people who may join some active group.
    must: Vec<u32>,
}

impl<'c, 'a> PlanSearch<'c, 'a> {
    /// A search over `s`.
    pub fn new(s: State<'c, 'a>) -> Self {
        let groups = s.ctx.active.iter().filter(|&&a| a).count();
        let ctx = s.ctx;
        let must = ctx
            .pool
            .iter()
            .copied()
            .filter(|&p| ctx.model.must_serve[p as usize])
            .filter(|&p| ctx.elig.groups_of(PersonId(p)).any(|g| ctx.active[g.ix()]))
            .collect();
        PlanSearch {
            s,
            level_moves: groups <= MAX_LEVEL_GROUPS,
            lns_share: LNS_SHARE,
            must,
        }
    }
}

/// Share of moves that change the size of every group at once.
const LEVEL_SHARE: f64 = 0.01;

/// Rounds of at most this many groups get whole-round size changes.
const MAX_LEVEL_GROUPS: usize = 16;

/// Default share of large-neighbourhood moves ([`PlanSearch::lns`]): none.
/// Measured at an equal time limit (BENCHMARKS.md, issue 14), a share of
/// 0.0005 or 0.002 gave worse plans than none on the sample, on tight
/// generated rounds and on tight rounds with many must-serve people: the
/// repairs are rarely better than the annealing's own moves and cost about
/// a millisecond each.
pub const LNS_SHARE: f64 = 0.0;

impl<'c, 'a> PlanSearch<'c, 'a> {
    /// Moves `steps` (person → group or OUT, as leader?) all at once, or
    /// nothing if some step would break a hard rule.
    fn attempt(&mut self, steps: &[(u32, u32, bool)]) -> Option<Undo> {
        let mut undo = Undo {
            n: steps.len(),
            who: [(0, OUT, false); 3],
            to: [(0, OUT, false); 3],
        };
        undo.to[..steps.len()].copy_from_slice(steps);
        for (i, &(p, _, _)) in steps.iter().enumerate() {
            let pu = p as usize;
            undo.who[i] = (p, self.s.group[pu], self.s.is_leader[pu]);
        }
        for &(p, _, _) in steps {
            if self.s.group[p as usize] != OUT {
                self.s.remove(p);
            }
        }
        for (i, &(p, g, lead)) in steps.iter().enumerate() {
            if g == OUT {
                continue;
            }
            if !self.s.can_insert(p, g, lead) {
                // take back the steps made so far
                for &(q, h, _) in &steps[..i] {
                    if h != OUT {
                        self.s.remove(q);
                    }
                }
                self.restore(&undo);
                return None;
            }
            self.s.insert(p, g, lead);
        }
        Some(undo)
    }

    fn restore(&mut self, u: &Undo) {
        for &(p, g, lead) in &u.who[..u.n] {
            if g != OUT {
                self.s.insert(p, g, lead);
            }
        }
    }

    /// A random active group (there is one: the search is not run without).
    fn random_group(&self, rng: &mut ChaCha8Rng) -> u32 {
        let ctx = self.s.ctx;
        loop {
            let g = rng.random_range(0..ctx.active.len());
            if ctx.active[g] {
                return g as u32;
            }
        }
    }

    fn random_in(&self, rng: &mut ChaCha8Rng) -> Option<u32> {
        let l = &self.s.in_list;
        (!l.is_empty()).then(|| l[rng.random_range(0..l.len())])
    }

    fn random_out(&self, rng: &mut ChaCha8Rng) -> Option<u32> {
        let l = &self.s.out_list;
        (!l.is_empty()).then(|| l[rng.random_range(0..l.len())])
    }

    /// Someone who may join group `g` (drawn from its eligible people when
    /// the round keeps those lists), wherever they are now.
    fn partner_for(&self, g: u32, rng: &mut ChaCha8Rng) -> Option<u32> {
        let list = &self.s.ctx.cands[g as usize];
        if !list.is_empty() {
            Some(list[rng.random_range(0..list.len())])
        } else if rng.random_bool(0.5) {
            self.random_out(rng)
        } else {
            self.random_in(rng)
        }
    }

    /// A move aimed at a group that still misses a leader, people or an area.
    fn repair(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        let ctx = self.s.ctx;
        let n = ctx.active.len();
        let start = rng.random_range(0..n);
        let g = (0..n)
            .map(|i| (start + i) % n)
            .find(|&g| self.s.deficit_of(g) > 0)?;
        let (lo, hi) = ctx.size[g];
        let len = self.s.members[g].len() as u32;
        // what it lacks, in order: a leader, an area, people
        let lacks_leader = self.s.n_leaders[g] < ctx.leaders;
        let lacking_area = (0..ctx.req.len()).find(|&k| self.s.area_count(g, k) < ctx.req[k]);
        let list: &[u32] = if lacks_leader {
            &ctx.leader_pool
        } else if let Some(k) = lacking_area {
            &ctx.area_pool[k]
        } else if len < lo {
            &ctx.pool
        } else {
            return None;
        };
        if list.is_empty() {
            return None;
        }
        let c = list[rng.random_range(0..list.len())];
        if self.s.group[c as usize] == g as u32 {
            return None;
        }
        let g = g as u32;
        if len < hi {
            self.attempt(&[(c, g, lacks_leader)])
        } else {
            // full: c takes the place of a member that is not needed as leader
            let victims: Vec<u32> = self.s.members[g as usize]
                .iter()
                .copied()
                .filter(|&q| ctx.free[q as usize] && !self.s.is_leader[q as usize])
                .collect();
            if victims.is_empty() {
                return None;
            }
            let q = victims[rng.random_range(0..victims.len())];
            let h = self.s.group[c as usize];
            // q goes where c was (or out), c joins g
            let q_to = if h != OUT && rng.random_bool(0.5) {
                h
            } else {
                OUT
            };
            self.attempt(&[(c, g, lacks_leader), (q, q_to, false)])
        }
    }

    /// A swap aimed at a spread: a member of the group at an attribute's max
    /// (min) changes places with someone lower (higher) in it, left out or in
    /// another group.
    fn aimed(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        let ctx = self.s.ctx;
        // an attribute that is not balanced yet
        let unbalanced = (0..ctx.n_attr).filter(|&a| self.s.spread(a) > 0).count();
        if unbalanced == 0 {
            return None;
        }
        let nth = rng.random_range(0..unbalanced);
        let a = (0..ctx.n_attr)
            .filter(|&a| self.s.spread(a) > 0)
            .nth(nth)
            .expect("counted");
        let hi = rng.random_bool(0.5);
        let g = self.s.extreme_group(a, hi)? as u32;
        let members: &[u32] = &self.s.members[g as usize];
        if members.is_empty() {
            return None;
        }
        let p = members[rng.random_range(0..members.len())];
        if !ctx.free[p as usize] {
            return None;
        }
        let vp = ctx.attrs(p)[a];
        let twins = &ctx.twins[a][ctx.twin_of[a][p as usize] as usize];
        for _ in 0..8 {
            // half the time a twin (the same but for this attribute), else anyone
            let q = if twins.len() > 1 && rng.random_bool(0.5) {
                twins[rng.random_range(0..twins.len())]
            } else {
                self.partner_for(g, rng)?
            };
            let vq = ctx.attrs(q)[a];
            let gq = self.s.group[q as usize];
            if gq == g || (hi && vq >= vp) || (!hi && vq <= vp) {
                continue;
            }
            let (lp, lq) = (self.s.is_leader[p as usize], self.s.is_leader[q as usize]);
            return if gq == OUT {
                self.attempt(&[(p, OUT, false), (q, g, lp)])
            } else {
                self.attempt(&[(p, gq, lq), (q, g, lp)])
            };
        }
        None
    }

    /// Every group with room takes one more person: per group, the best of
    /// a few drawn from those left out. Lets the round change its common
    /// size, which one person at a time would unbalance every spread.
    fn grow_all(&mut self, rng: &mut ChaCha8Rng) -> Option<Change> {
        const DRAWS: usize = 8;
        let ctx = self.s.ctx;
        let mut groups: Vec<u32> = (0..ctx.active.len() as u32)
            .filter(|&g| ctx.active[g as usize])
            .filter(|&g| (self.s.members[g as usize].len() as u32) < ctx.size[g as usize].1)
            .collect();
        if groups.len() < 2 {
            return None;
        }
        shuffle(&mut groups, rng);
        let mut to = Vec::with_capacity(groups.len());
        for g in groups {
            let mut best: Option<(Cost, u32)> = None;
            for _ in 0..DRAWS {
                let Some(q) = self.random_out(rng) else { break };
                if !self.s.can_insert(q, g, false) {
                    continue;
                }
                self.s.insert(q, g, false);
                let c = self.s.cost();
                self.s.remove(q);
                if best.is_none_or(|(b, _)| c.cmp_lex(&b) == std::cmp::Ordering::Less) {
                    best = Some((c, q));
                }
            }
            if let Some((_, q)) = best {
                self.s.insert(q, g, false);
                to.push((q, g, false));
            }
        }
        if to.is_empty() {
            return None;
        }
        let who = to.iter().map(|&(q, _, _)| (q, OUT, false)).collect();
        Some(Change::Many { who, to })
    }

    /// Every group above its least size gives up one member: per group, the
    /// one whose leaving costs least (leaders and pinned people stay).
    fn shrink_all(&mut self, rng: &mut ChaCha8Rng) -> Option<Change> {
        let ctx = self.s.ctx;
        let mut groups: Vec<u32> = (0..ctx.active.len() as u32)
            .filter(|&g| ctx.active[g as usize])
            .filter(|&g| (self.s.members[g as usize].len() as u32) > ctx.size[g as usize].0)
            .collect();
        if groups.len() < 2 {
            return None;
        }
        shuffle(&mut groups, rng);
        let mut who = Vec::with_capacity(groups.len());
        for g in groups {
            let members = self.s.members[g as usize].clone();
            let mut best: Option<(Cost, u32)> = None;
            for p in members {
                if !ctx.free[p as usize] || self.s.is_leader[p as usize] {
                    continue;
                }
                self.s.remove(p);
                let c = self.s.cost();
                self.s.insert(p, g, false);
                if best.is_none_or(|(b, _)| c.cmp_lex(&b) == std::cmp::Ordering::Less) {
                    best = Some((c, p));
                }
            }
            if let Some((_, p)) = best {
                self.s.remove(p);
                who.push((p, g, false));
            }
        }
        if who.is_empty() {
            return None;
        }
        let to = who.iter().map(|&(p, _, _)| (p, OUT, false)).collect();
        Some(Change::Many { who, to })
    }

    fn random_change(&mut self, rng: &mut ChaCha8Rng) -> Option<Change> {
        if self.lns_share > 0.0 && rng.random_bool(self.lns_share) {
            return self.lns(rng);
        }
        if self.level_moves && rng.random_bool(LEVEL_SHARE) {
            return if rng.random_bool(0.5) {
                self.grow_all(rng)
            } else {
                self.shrink_all(rng)
            };
        }
        self.random_move(rng).map(Change::Few)
    }

    fn random_move(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        let ctx = self.s.ctx;
        if self.s.deficit() > 0 && rng.random_bool(0.5) {
            return self.repair(rng);
        }
        if rng.random_bool(AIMED_SHARE) {
            return self.aimed(rng);
        }
        let kind = rng.random_range(0..100u32);
        match kind {
            // relocate a member to another group
            0..=24 => {
                let p = self.random_in(rng)?;
                let gp = self.s.group[p as usize];
                // a few draws for a group p may join
                let g = (0..4)
                    .map(|_| self.random_group(rng))
                    .find(|&g| g != gp && ctx.elig.allowed(PersonId(p), GroupId(g)))?;
                self.attempt(&[(p, g, false)])
            }
            // swap two people of different groups, roles with the places
            25..=54 => {
                let p = self.random_in(rng)?;
                let gp = self.s.group[p as usize];
                let q = if ctx.cands[gp as usize].is_empty() {
                    self.random_in(rng)?
                } else {
                    // someone placed elsewhere who may join p's group
                    (0..4)
                        .map(|_| self.partner_for(gp, rng))
                        .find(|&q| q.is_some_and(|q| self.s.group[q as usize] != OUT))??
                };
                let gq = self.s.group[q as usize];
                if gp == gq {
                    return None;
                }
                let (lp, lq) = (self.s.is_leader[p as usize], self.s.is_leader[q as usize]);
                self.attempt(&[(p, gq, lq), (q, gp, lp)])
            }
            // someone left out takes a place
            55..=74 => {
                let p = self.random_in(rng)?;
                let (g, l) = (self.s.group[p as usize], self.s.is_leader[p as usize]);
                let q = if ctx.cands[g as usize].is_empty() {
                    self.random_out(rng)?
                } else {
                    // someone left out who may join p's group
                    (0..4)
                        .map(|_| self.partner_for(g, rng))
                        .find(|&q| q.is_some_and(|q| self.s.group[q as usize] == OUT))??
                };
                self.attempt(&[(p, OUT, false), (q, g, l)])
            }
            // add someone left out
            75..=79 => {
                let q = self.random_out(rng)?;
                let g = self.random_group(rng);
                self.attempt(&[(q, g, false)])
            }
            // drop a member
            80..=84 => {
                let p = self.random_in(rng)?;
                if self.s.is_leader[p as usize] {
                    return None;
                }
                self.attempt(&[(p, OUT, false)])
            }
            // a leader hands over to a member of the leader pool in the same group
            85..=89 => {
                let p = self.random_in(rng)?;
                let g = self.s.group[p as usize];
                let others: Vec<u32> = self.s.members[g as usize]
                    .iter()
                    .copied()
                    .filter(|&q| q != p && ctx.free[q as usize])
                    .filter(|&q| self.s.is_leader[q as usize] != self.s.is_leader[p as usize])
                    .collect();
                if others.is_empty() {
                    return None;
                }
                let q = others[rng.random_range(0..others.len())];
                let (lp, lq) = (self.s.is_leader[p as usize], self.s.is_leader[q as usize]);
                self.attempt(&[(p, g, lq), (q, g, lp)])
            }
            // ejection chain: p takes q's place, q moves on to a third group or out
            _ => {
                let p = self.random_in(rng).or_else(|| self.random_out(rng))?;
                let q = self.random_in(rng)?;
                let (gp, gq) = (self.s.group[p as usize], self.s.group[q as usize]);
                if gp == gq {
                    return None;
                }
                let lq = self.s.is_leader[q as usize];
                let to = if rng.random_bool(0.3) {
                    OUT
                } else {
                    let h = self.random_group(rng);
                    if h == gq || h == gp {
                        return None;
                    }
                    h
                };
                if rng.random_bool(0.5) && self.s.out_list.len() > 1 {
                    // … and someone left out fills p's old place
                    let r = self.random_out(rng)?;
                    if r == p || gp == OUT {
                        return None;
                    }
                    let lp = self.s.is_leader[p as usize];
                    return self.attempt(&[(p, gq, lq), (q, to, false), (r, gp, lp)]);
                }
                self.attempt(&[(p, gq, lq), (q, to, false)])
            }
        }
    }
}

impl<'c, 'a> Search for PlanSearch<'c, 'a> {
    type Move = Change;
    type Solution = Placement;

    fn cost(&self) -> Cost {
        self.s.cost()
    }

    fn propose(&mut self, rng: &mut ChaCha8Rng) -> Option<(Change, Cost)> {
        let c = self.random_change(rng)?;
        Some((c, self.s.cost()))
    }

    fn accept(&mut self, _m: Change) {}

    fn reject(&mut self, m: Change) {
        match m {
            Change::Few(u) => {
                for &(p, _, _) in &u.who[..u.n] {
                    if self.s.group[p as usize] != OUT {
                        self.s.remove(p);
                    }
                }
                self.restore(&u);
            }
            Change::Many { who, .. } => {
                for &(p, _, _) in &who {
                    if self.s.group[p as usize] != OUT {
                        self.s.remove(p);
                    }
                }
                for &(p, g, lead) in &who {
                    if g != OUT {
                        self.s.insert(p, g, lead);
                    }
                }
            }
        }
    }

    fn redo(&mut self, m: Change) -> Change {
        match m {
            Change::Few(u) => Change::Few(
                self.attempt(&u.to[..u.n])
                    .expect("a move that was legal is legal again from the same state"),
            ),
            Change::Many { who, to } => {
                for &(p, _, _) in &to {
                    if self.s.group[p as usize] != OUT {
                        self.s.remove(p);
                    }
                }
                for &(p, g, lead) in &to {
                    if g != OUT {
                        debug_assert!(self.s.can_insert(p, g, lead));
                        self.s.insert(p, g, lead);
                    }
                }
                Change::Many { who, to }
            }
        }
    }

    fn solution(&self) -> Placement {
        self.s.placement()
    }
}

/// Steepest-free descent to a local optimum of the whole neighbourhood:
/// every relocation of a placed person, every swap of two placed people and
/// every exchange of a placed person with one left out, accepting the first
/// move that lowers the cost, until none does or after `max_passes` passes.
/// Used on the best plan when the neighbourhood is small (a city round); the
/// random moves of the annealing may miss the last improving one.
pub fn polish(s: &mut PlanSearch, max_pairs: usize, max_passes: usize) -> usize {
    let ctx = s.s.ctx;
    let n_groups = ctx.active.len() as u32;
    let mut improved = 0;
    loop {
        let placed = s.s.in_list.clone();
        let out = s.s.out_list.clone();
        if placed.len() * (placed.len() + out.len()) > max_pairs {
            return improved;
        }
        let mut cur = s.s.cost();
        let mut any = false;
        let try_move = |s: &mut PlanSearch, steps: &[(u32, u32, bool)], cur: &mut Cost| {
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
            let (gp, lp) = (s.s.group[p as usize], s.s.is_leader[p as usize]);
            if gp == OUT {
                continue; // moved by an earlier improvement in this pass
            }
            for g in (0..n_groups).chain([OUT]) {
                if g != gp && (ctx.active.get(g as usize).copied().unwrap_or(true)) {
                    any |= try_move(s, &[(p, g, false)], &mut cur);
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
                let lq = s.s.is_leader[q as usize];
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

/// Leader slots matched to eligible leader-pool people (rules 1–3 only), by
/// augmenting paths; candidates tried in `order`. Gives per group the people matched.
pub fn match_leaders(ctx: &Ctx, need: &[u32], order: &[u32]) -> Vec<Vec<u32>> {
    let n_groups = need.len();
    let mut owner: Vec<u32> = vec![OUT; ctx.case.people.len()];
    let mut slots: Vec<Vec<u32>> = vec![Vec::new(); n_groups];
    fn augment(
        ctx: &Ctx,
        g: usize,
        order: &[u32],
        owner: &mut [u32],
        slots: &mut [Vec<u32>],
        seen: &mut [bool],
    ) -> bool {
        let gid = GroupId(g as u32);
        // a free candidate first, then one who can be re-matched elsewhere
        for &c in order {
            if owner[c as usize] == OUT && ctx.elig.allowed(PersonId(c), gid) {
                owner[c as usize] = g as u32;
                slots[g].push(c);
                return true;
            }
        }
        for &c in order {
            let h = owner[c as usize];
            if h == OUT
                || h as usize == g
                || seen[h as usize]
                || !ctx.elig.allowed(PersonId(c), gid)
            {
                continue;
            }
            seen[h as usize] = true;
            if augment(ctx, h as usize, order, owner, slots, seen) {
                // h found a replacement; c comes to g
                slots[h as usize].retain(|&x| x != c);
                owner[c as usize] = g as u32;
                slots[g].push(c);
                return true;
            }
        }
        false
    }
    let mut seen = vec![false; n_groups];
    for g in 0..n_groups {
        while (slots[g].len() as u32) < need[g] {
            seen.iter_mut().for_each(|s| *s = false);
            seen[g] = true;
            if !augment(ctx, g, order, &mut owner, &mut slots, &mut seen) {
                break;
            }
        }
    }
    slots
}

/// A rule-abiding start: pins (already in `s`), leaders by matching, then the
/// scarcest areas first, then people up to each group's minimum size. What
/// cannot be placed here is left to the search as a deficit.
pub fn construct(s: &mut State, rng: &mut ChaCha8Rng) {
    let ctx = s.ctx;
    let n_groups = ctx.active.len();
    let mut order = ctx.leader_pool.clone();
    shuffle(&mut order, rng);
    // people eligible for few groups go first
    order.sort_by_key(|&p| ctx.elig.count_of(PersonId(p)));
    let need: Vec<u32> = (0..n_groups)
        .map(|g| {
            if ctx.active[g] {
                ctx.leaders.saturating_sub(s.n_leaders[g])
            } else {
                0
            }
        })
        .collect();
    let matched = match_leaders(ctx, &need, &order);
    let mut groups: Vec<usize> = (0..n_groups).filter(|&g| ctx.active[g]).collect();
    shuffle(&mut groups, rng);
    for &g in &groups {
        for &c in &matched[g] {
            if s.can_insert(c, g as u32, true) {
                s.insert(c, g as u32, true);
            } else if let Some(&alt) = order.iter().find(|&&a| s.can_insert(a, g as u32, true)) {
                s.insert(alt, g as u32, true);
            }
        }
    }
    // areas by how thin the supply is against the demand
    let mut areas: Vec<usize> = (0..ctx.req.len()).filter(|&k| ctx.req[k] > 0).collect();
    areas.sort_by_key(|&k| (ctx.area_pool[k].len() as u64 * 1000) / ctx.req[k] as u64);
    const TRIES: usize = 4000;
    let fill = |s: &mut State, g: usize, list: &[u32], rng: &mut ChaCha8Rng, k: Option<usize>| {
        if list.is_empty() {
            return;
        }
        let start = rng.random_range(0..list.len());
        for i in 0..list.len().min(TRIES) {
            let done = match k {
                Some(k) => s.area_count(g, k) >= ctx.req[k],
                None => s.members[g].len() as u32 >= ctx.size[g].0,
            };
            if done || s.members[g].len() as u32 >= ctx.size[g].1 {
                return;
            }
            let c = list[(start + i) % list.len()];
            if s.can_insert(c, g as u32, false) {
                s.insert(c, g as u32, false);
            }
        }
    };
    for &k in &areas {
        for &g in &groups {
            fill(s, g, &ctx.area_pool[k], rng, Some(k));
        }
    }
    let must: Vec<u32> = ctx
        .pool
        .iter()
        .copied()
        .filter(|&p| ctx.model.must_serve[p as usize])
        .collect();
    for &g in &groups {
        fill(s, g, &must, rng, None);
        fill(s, g, &ctx.pool, rng, None);
    }
}

fn shuffle<T>(v: &mut [T], rng: &mut ChaCha8Rng) {
    for i in (1..v.len()).rev() {
        let j = rng.random_range(0..=i);
        v.swap(i, j);
    }
}

/// Runs the parallel heuristic; gives the best placement found and the
/// number of moves over all searches.
pub fn search(
    ctx: &Ctx,
    searches: usize,
    seed: u64,
    budget: &Budget,
    progress: Option<&Progress>,
    start: Option<&Plan>,
    lns_share: f64,
) -> (Found<Placement>, u64) {
    engine::run_parallel(searches, seed, budget, progress, |_, rng| {
        let mut s = State::new(ctx);
        if let Some(plan) = start {
            // leaders first so their places are kept
            for pg in &plan.groups {
                for &p in pg.leaders.iter().chain(&pg.members) {
                    let lead = pg.leaders.contains(&p);
                    if ctx.free[p.ix()] && s.can_insert(p.0, pg.group.0, lead) {
                        s.insert(p.0, pg.group.0, lead);
                    }
                }
            }
        }
        construct(&mut s, rng);
        let mut search = PlanSearch::new(s);
        search.lns_share = lns_share;
        search
    })
}
