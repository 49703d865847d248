//! Large-neighbourhood moves: free two or three groups (or the people that
//! keep a must-serve person out) and staff them again by a randomised greedy
//! repair, as one [`Change::Many`] that the annealing accepts or rejects like
//! any other move.
//!
//! With reciprocal avoidance, mixing caps and scarce leaders, the plans that
//! keep every rule are islands that single moves and swaps cannot connect: a
//! must-serve person of region A stays out of a group inspecting B while
//! anyone of B sits in a group inspecting A, and no single move both takes
//! that person out and puts the first one in. A repair of a whole part
//! crosses such gaps in one step.
//!
//! The repair, per freed group: its leader first, then a member for each
//! area it still lacks, then people up to a size (its size before, or at
//! times another size within its bounds), each time the best of a few
//! candidates drawn from those left out who may join it, "best" by the full
//! cost (deficit, then score). A repair that cannot meet a lower bound
//! gives up and restores everything.

use super::construct::shuffle;
use super::{Change, PlanSearch};
use crate::solve::engine::Cost;
use crate::solve::state::OUT;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use std::cmp::Ordering;

/// Candidates weighed per place filled.
const DRAWS: usize = 12;

/// Up to two (person, group or OUT, leader) steps of a move weighed.
type Steps = [(u32, u32, bool); 2];

/// Passes of the descent after a repair.
const PASSES: usize = 3;

/// What a freed group still needs before anything else.
#[derive(Clone, Copy)]
enum Need {
    Leader,
    Area(usize),
    Size,
}

impl<'c, 'a> PlanSearch<'c, 'a> {
    /// One large-neighbourhood move: aimed at a must-serve person left out
    /// when there is one (half the time), else two or three groups freed.
    pub(super) fn lns(&mut self, rng: &mut ChaCha8Rng) -> Option<Change> {
        let ctx = self.s.ctx;
        let out_must: Vec<u32> = self
            .must
            .iter()
            .copied()
            .filter(|&p| self.s.group[p as usize] == OUT)
            .collect();
        let mut freed: Vec<u32> = Vec::new();
        let mut groups: Vec<u32> = Vec::new();
        let mut first: Option<(u32, u32)> = None;
        if !out_must.is_empty() && rng.random_bool(0.5) {
            // the groups m may join, and those holding whoever keeps m out
            let m = out_must[rng.random_range(0..out_must.len())];
            let gs: Vec<u32> = (0..ctx.active.len() as u32)
                .filter(|&g| ctx.active[g as usize])
                .filter(|&g| {
                    ctx.elig
                        .allowed(crate::model::PersonId(m), crate::model::GroupId(g))
                })
                .collect();
            if gs.is_empty() {
                return None;
            }
            let g = gs[rng.random_range(0..gs.len())];
            groups.push(g);
            freed.extend(self.s.members[g as usize].iter().copied());
            if ctx.case.round.policy.reciprocal_avoidance {
                // members of a target region of g in groups inspecting m's region
                let r = ctx.region[m as usize];
                for h in 0..ctx.active.len() as u32 {
                    if h == g || !ctx.target_regions[h as usize].contains(&r) {
                        continue;
                    }
                    let blockers: Vec<u32> = self.s.members[h as usize]
                        .iter()
                        .copied()
                        .filter(|&q| {
                            let rq = ctx.region[q as usize];
                            rq != r && ctx.target_regions[g as usize].contains(&rq)
                        })
                        .collect();
                    if !blockers.is_empty() {
                        groups.push(h);
                        freed.extend(blockers);
                    }
                }
            }
            first = Some((m, g));
        } else {
            let n = ctx.active.iter().filter(|&&a| a).count();
            if n < 2 {
                return None;
            }
            let k = if n >= 3 && rng.random_bool(0.5) { 3 } else { 2 };
            // half the time the two extremes of an unbalanced attribute
            let unbalanced: Vec<usize> =
                (0..ctx.n_attr).filter(|&a| self.s.spread(a) > 0).collect();
            if !unbalanced.is_empty() && rng.random_bool(0.5) {
                let a = unbalanced[rng.random_range(0..unbalanced.len())];
                for hi in [true, false] {
                    if let Some(g) = self.s.extreme_group(a, hi) {
                        if !groups.contains(&(g as u32)) {
                            groups.push(g as u32);
                        }
                    }
                }
            }
            while groups.len() < k {
                let g = self.random_group(rng);
                if !groups.contains(&g) {
                    groups.push(g);
                }
            }
            for &g in &groups {
                freed.extend(self.s.members[g as usize].iter().copied());
            }
        }
        freed.retain(|&p| ctx.free[p as usize]);
        freed.sort_unstable();
        freed.dedup();
        // everyone touched, with where they were
        let mut who: Vec<(u32, u32, bool)> = freed
            .iter()
            .map(|&p| (p, self.s.group[p as usize], self.s.is_leader[p as usize]))
            .collect();
        let sizes: Vec<u32> = groups
            .iter()
            .map(|&g| self.s.members[g as usize].len() as u32)
            .collect();
        for &p in &freed {
            self.s.remove(p);
        }
        let mut placed: Vec<u32> = Vec::new();
        let undo = |me: &mut Self, placed: &[u32], who: &[(u32, u32, bool)]| {
            for &p in placed {
                me.s.remove(p);
            }
            for &(p, g, lead) in who {
                if g != OUT {
                    me.s.insert(p, g, lead);
                }
            }
        };
        if let Some((m, g)) = first {
            let lead = ctx.leader[m as usize] && self.s.n_leaders[g as usize] < ctx.leaders;
            if !self.s.can_insert(m, g, lead) {
                undo(self, &placed, &who);
                return None;
            }
            self.s.insert(m, g, lead);
            placed.push(m);
            who.push((m, OUT, false));
        }
        // the lower bounds of every freed group, then each up to a size
        let mut order: Vec<usize> = (0..groups.len()).collect();
        shuffle(&mut order, rng);
        for &i in &order {
            let g = groups[i];
            while let Some(need) = self.need_of(g) {
                match self.best_insert(g, need, rng) {
                    Some(q) => {
                        placed.push(q);
                        who.push((q, OUT, false));
                    }
                    None => {
                        undo(self, &placed, &who);
                        return None;
                    }
                }
            }
        }
        for &i in &order {
            let g = groups[i];
            let (lo, hi) = ctx.size[g as usize];
            let target = if rng.random_bool(0.7) {
                sizes[i].clamp(lo, hi)
            } else {
                rng.random_range(lo..=hi)
            };
            while (self.s.members[g as usize].len() as u32) < target {
                match self.best_insert(g, Need::Size, rng) {
                    Some(q) => {
                        placed.push(q);
                        who.push((q, OUT, false));
                    }
                    None => break,
                }
            }
        }
        self.descend(&groups, &mut who, rng);
        // one entry per person: where they were before the move (the first
        // recorded; the sort is stable)
        who.sort_by_key(|x| x.0);
        who.dedup_by_key(|x| x.0);
        let to: Vec<(u32, u32, bool)> = who
            .iter()
            .map(|&(p, _, _)| (p, self.s.group[p as usize], self.s.is_leader[p as usize]))
            .collect();
        if who.iter().zip(&to).all(|(a, b)| a == b) {
            return None;
        }
        Some(Change::Many { who, to })
    }

    /// A descent over the freed groups after the repair: each free member
    /// replaced by the best of a few left out, swapped with a member of
    /// another freed group, or dropped, and each group given one more, when
    /// it lowers the cost; until nothing does (at most [`PASSES`] passes).
    /// Everyone it moves is added to `who` with where they were.
    fn descend(&mut self, groups: &[u32], who: &mut Vec<(u32, u32, bool)>, rng: &mut ChaCha8Rng) {
        let ctx = self.s.ctx;
        for _ in 0..PASSES {
            let mut improved = false;
            for &g in groups {
                let members = self.s.members[g as usize].clone();
                for p in members {
                    if !ctx.free[p as usize] || self.s.group[p as usize] != g {
                        continue;
                    }
                    let lp = self.s.is_leader[p as usize];
                    let mut best: Option<(Cost, Steps, usize)> = None;
                    let mut weigh = |me: &mut Self, steps: &[(u32, u32, bool)]| {
                        if let Some(u) = me.attempt(steps) {
                            let c = me.s.cost();
                            if best.is_none_or(|(b, _, _)| c.cmp_lex(&b) == Ordering::Less) {
                                let mut st = [(0, OUT, false); 2];
                                st[..steps.len()].copy_from_slice(steps);
                                best = Some((c, st, steps.len()));
                            }
                            <Self as crate::solve::engine::Search>::reject(me, Change::Few(u));
                        }
                    };
                    for q in self.draw_out(g, lp, rng) {
                        weigh(self, &[(p, OUT, false), (q, g, lp)]);
                    }
                    for &h in groups {
                        if h == g {
                            continue;
                        }
                        for q in self.s.members[h as usize].clone() {
                            if ctx.free[q as usize] {
                                let lq = self.s.is_leader[q as usize];
                                weigh(self, &[(p, h, lq), (q, g, lp)]);
                            }
                        }
                    }
                    if !lp {
                        weigh(self, &[(p, OUT, false)]);
                    }
                    let cur = self.s.cost();
                    if let Some((c, steps, n)) = best {
                        if c.cmp_lex(&cur) == Ordering::Less {
                            for &(q, _, _) in &steps[..n] {
                                let qu = q as usize;
                                who.push((q, self.s.group[qu], self.s.is_leader[qu]));
                            }
                            self.attempt(&steps[..n]).expect("weighed from this state");
                            improved = true;
                        }
                    }
                }
                // one more person
                let cur = self.s.cost();
                let mut best: Option<(Cost, u32)> = None;
                for q in self.draw_out(g, false, rng) {
                    if let Some(u) = self.attempt(&[(q, g, false)]) {
                        let c = self.s.cost();
                        if best.is_none_or(|(b, _)| c.cmp_lex(&b) == Ordering::Less) {
                            best = Some((c, q));
                        }
                        <Self as crate::solve::engine::Search>::reject(self, Change::Few(u));
                    }
                }
                if let Some((c, q)) = best {
                    if c.cmp_lex(&cur) == Ordering::Less {
                        self.attempt(&[(q, g, false)])
                            .expect("weighed from this state");
                        who.push((q, OUT, false));
                        improved = true;
                    }
                }
            }
            if !improved {
                return;
            }
        }
    }

    /// A few people left out who may join `g` (as leader: from the leader pool).
    fn draw_out(&self, g: u32, lead: bool, rng: &mut ChaCha8Rng) -> Vec<u32> {
        let ctx = self.s.ctx;
        let list: &[u32] = if !ctx.cands[g as usize].is_empty() {
            &ctx.cands[g as usize]
        } else if lead {
            &ctx.leader_pool
        } else {
            &self.s.out_list
        };
        let mut out = Vec::with_capacity(DRAWS);
        if list.is_empty() {
            return out;
        }
        for _ in 0..4 * DRAWS {
            let q = list[rng.random_range(0..list.len())];
            if self.s.group[q as usize] == OUT
                && (!lead || ctx.leader[q as usize])
                && !out.contains(&q)
            {
                out.push(q);
                if out.len() >= DRAWS {
                    break;
                }
            }
        }
        out
    }

    /// What group `g` lacks first: a leader, an area, people; `None` when
    /// its lower bounds hold.
    fn need_of(&self, g: u32) -> Option<Need> {
        let ctx = self.s.ctx;
        let gu = g as usize;
        if self.s.n_leaders[gu] < ctx.leaders {
            return Some(Need::Leader);
        }
        if let Some(k) = (0..ctx.req.len()).find(|&k| self.s.area_count(gu, k) < ctx.req[k]) {
            return Some(Need::Area(k));
        }
        ((self.s.members[gu].len() as u32) < ctx.size[gu].0).then_some(Need::Size)
    }

    /// Places in `g` the best (by cost) of a few people left out who meet
    /// `need` and may join it now; gives who, or `None` if nobody may.
    fn best_insert(&mut self, g: u32, need: Need, rng: &mut ChaCha8Rng) -> Option<u32> {
        let ctx = self.s.ctx;
        let lead = matches!(need, Need::Leader);
        let fits = |p: u32| match need {
            Need::Leader => ctx.leader[p as usize],
            Need::Area(k) => ctx.has[p as usize] >> k & 1 == 1,
            Need::Size => true,
        };
        let drawn: Vec<u32>;
        let list: &[u32] = if !ctx.cands[g as usize].is_empty() {
            &ctx.cands[g as usize]
        } else {
            match need {
                Need::Leader => &ctx.leader_pool,
                Need::Area(k) => &ctx.area_pool[k],
                Need::Size => {
                    // a round too large for the lists: a few drawn from those left out
                    let out = &self.s.out_list;
                    if out.is_empty() {
                        return None;
                    }
                    drawn = (0..8 * DRAWS)
                        .map(|_| out[rng.random_range(0..out.len())])
                        .collect();
                    &drawn
                }
            }
        };
        if list.is_empty() {
            return None;
        }
        let mut best: Option<(Cost, u32)> = None;
        let mut seen = 0;
        // a random walk through the list from a random start: every
        // candidate may be weighed, the first DRAWS that fit are
        let start = rng.random_range(0..list.len());
        let step = if list.len() > 1 {
            coprime_step(list.len(), rng)
        } else {
            1
        };
        for i in 0..list.len() {
            let p = list[(start + i * step) % list.len()];
            if self.s.group[p as usize] != OUT || !fits(p) || !self.s.can_insert(p, g, lead) {
                continue;
            }
            self.s.insert(p, g, lead);
            let c = self.s.cost();
            self.s.remove(p);
            if best.is_none_or(|(b, _)| c.cmp_lex(&b) == Ordering::Less) {
                best = Some((c, p));
            }
            seen += 1;
            if seen >= DRAWS {
                break;
            }
        }
        let (_, p) = best?;
        self.s.insert(p, g, lead);
        Some(p)
    }
}

/// A step coprime with `n` (so `start + i·step mod n` visits every index once).
fn coprime_step(n: usize, rng: &mut ChaCha8Rng) -> usize {
    fn gcd(a: usize, b: usize) -> usize {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    loop {
        let s = rng.random_range(1..n);
        if gcd(s, n) == 1 {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::Eligibility;
    use crate::gen::{synthetic_case, GenOptions};
    use crate::solve::engine::{rng_for, Search};
    use crate::solve::heuristic::construct;
    use crate::solve::state::{Ctx, State};
    use crate::solve::ScoreModel;

    /// Every large-neighbourhood move keeps the rules, leaves the state as a
    /// fresh count of its placement would be, and is taken back and made
    /// again exactly.
    #[test]
    fn lns_moves_keep_the_rules_and_are_taken_back_exactly() {
        let mut o = GenOptions::new(200, 6, 3);
        o.tight = true;
        let mut case = synthetic_case(&o);
        // many must-serve people, so the aimed repairs run too
        for (i, p) in case.people.iter_mut().enumerate() {
            p.must_serve |= i % 9 == 0;
        }
        let elig = Eligibility::build(&case);
        let model = ScoreModel::new(&case, &elig, None);
        let ctx = Ctx::new(&case, &elig, &model, vec![true; case.round.groups.len()]);
        let mut rng = rng_for(5, 0);
        let mut s = State::new(&ctx);
        construct(&mut s, &mut rng);
        let mut ps = PlanSearch::new(s);
        let (mut made, mut kept) = (0, 0);
        for i in 0..300 {
            let before = ps.s.placement();
            let Some(ch) = ps.lns(&mut rng) else { continue };
            made += 1;
            let after = ps.s.placement();
            let fresh = State::from_placement(&ctx, &after);
            assert_eq!(fresh.cost().deficit, ps.s.cost().deficit);
            assert!((fresh.cost().score - ps.s.cost().score).abs() < 1e-9);
            ps.reject(ch.clone());
            assert_eq!(ps.s.placement(), before, "move {i} taken back");
            let ch = ps.redo(ch);
            assert_eq!(ps.s.placement(), after, "move {i} made again");
            if i % 2 == 0 {
                ps.accept(ch);
                kept += 1;
            } else {
                ps.reject(ch);
            }
        }
        assert!(made > 100 && kept > 0, "{made} moves made");
        if ps.s.deficit() == 0 {
            let plan = ps.s.placement().plan(&ctx);
            assert!(crate::validate::check_plan(&case, &plan).is_empty());
        }
    }
}
