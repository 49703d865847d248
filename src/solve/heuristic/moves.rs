//! The planner's moves, each keeping every hard rule: a repair aimed at a
//! missing leader, area or member; a swap aimed at a spread; relocate,
//! swap, swap with someone left out, add, drop, hand the leader's role
//! over, an ejection chain; and on rounds of a few groups every group one
//! person larger or smaller at once.

use super::construct::shuffle;
use super::{Change, PlanSearch, Undo};
use crate::model::{GroupId, PersonId, Role};
use crate::solve::engine::Cost;
use crate::solve::state::OUT;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// Share of moves aimed at a spread (0.1–0.6 measured on the sample over
/// eight seeds; 0.4 gave the lowest mean score).
const AIMED_SHARE: f64 = 0.4;

/// Share of moves that change the size of every group at once.
const LEVEL_SHARE: f64 = 0.01;

impl<'c, 'a> PlanSearch<'c, 'a> {
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
        // what it lacks, in order: a leader, a deputy, an area, people
        let role = if self.s.n_leaders[g] < ctx.leaders {
            Role::Leader
        } else if self.s.n_deputies[g] < ctx.deputies {
            Role::Deputy
        } else {
            Role::Member
        };
        let lacking_area = (0..ctx.req.len()).find(|&k| self.s.area_count(g, k) < ctx.req[k]);
        let list: &[u32] = if role == Role::Leader {
            &ctx.leader_pool
        } else if role == Role::Deputy {
            &ctx.deputy_pool
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
            self.attempt(&[(c, g, role)])
        } else {
            // full: c takes the place of a member that is not a leader or deputy
            let victims: Vec<u32> = self.s.members[g as usize]
                .iter()
                .copied()
                .filter(|&q| ctx.free[q as usize] && self.s.role[q as usize] == Role::Member)
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
            self.attempt(&[(c, g, role), (q, q_to, Role::Member)])
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
            let (lp, lq) = (self.s.role[p as usize], self.s.role[q as usize]);
            return if gq == OUT {
                self.attempt(&[(p, OUT, Role::Member), (q, g, lp)])
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
                if !self.s.can_insert(q, g, Role::Member) {
                    continue;
                }
                self.s.insert(q, g, Role::Member);
                let c = self.s.cost();
                self.s.remove(q);
                if best.is_none_or(|(b, _)| c.cmp_lex(&b) == std::cmp::Ordering::Less) {
                    best = Some((c, q));
                }
            }
            if let Some((_, q)) = best {
                self.s.insert(q, g, Role::Member);
                to.push((q, g, Role::Member));
            }
        }
        if to.is_empty() {
            return None;
        }
        let who = to.iter().map(|&(q, _, _)| (q, OUT, Role::Member)).collect();
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
                if !ctx.free[p as usize] || self.s.role[p as usize] != Role::Member {
                    continue;
                }
                self.s.remove(p);
                let c = self.s.cost();
                self.s.insert(p, g, Role::Member);
                if best.is_none_or(|(b, _)| c.cmp_lex(&b) == std::cmp::Ordering::Less) {
                    best = Some((c, p));
                }
            }
            if let Some((_, p)) = best {
                self.s.remove(p);
                who.push((p, g, Role::Member));
            }
        }
        if who.is_empty() {
            return None;
        }
        let to = who
            .iter()
            .map(|&(p, _, _)| (p, OUT, Role::Member))
            .collect();
        Some(Change::Many { who, to })
    }

    pub(super) fn random_change(&mut self, rng: &mut ChaCha8Rng) -> Option<Change> {
        if self.level_moves && rng.random_bool(LEVEL_SHARE) {
            return if rng.random_bool(0.5) {
                self.grow_all(rng)
            } else {
                self.shrink_all(rng)
            };
        }
        self.random_move(rng).map(Change::Few)
    }

    /// One of the moves of a few people, drawn by kind (a repair while a
    /// lower bound is missed, a swap aimed at a spread, else by the shares
    /// below); `None` when the draw finds no legal move.
    fn random_move(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        if self.s.deficit() > 0 && rng.random_bool(0.5) {
            return self.repair(rng);
        }
        if rng.random_bool(AIMED_SHARE) {
            return self.aimed(rng);
        }
        match rng.random_range(0..100u32) {
            0..=24 => self.relocate(rng),
            25..=54 => self.swap(rng),
            55..=74 => self.swap_out(rng),
            75..=79 => self.add(rng),
            80..=84 => self.drop_one(rng),
            85..=89 => self.hand_over(rng),
            _ => self.eject(rng),
        }
    }

    /// A member moves to another group.
    fn relocate(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        let ctx = self.s.ctx;
        let p = self.random_in(rng)?;
        let gp = self.s.group[p as usize];
        // a few draws for a group p may join
        let g = (0..4)
            .map(|_| self.random_group(rng))
            .find(|&g| g != gp && ctx.elig.allowed(PersonId(p), GroupId(g)))?;
        self.attempt(&[(p, g, Role::Member)])
    }

    /// Two people of different groups change places, and roles with them.
    fn swap(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        let ctx = self.s.ctx;
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
        let (lp, lq) = (self.s.role[p as usize], self.s.role[q as usize]);
        self.attempt(&[(p, gq, lq), (q, gp, lp)])
    }

    /// Someone left out takes a member's place (and role).
    fn swap_out(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        let ctx = self.s.ctx;
        let p = self.random_in(rng)?;
        let (g, l) = (self.s.group[p as usize], self.s.role[p as usize]);
        let q = if ctx.cands[g as usize].is_empty() {
            self.random_out(rng)?
        } else {
            // someone left out who may join p's group
            (0..4)
                .map(|_| self.partner_for(g, rng))
                .find(|&q| q.is_some_and(|q| self.s.group[q as usize] == OUT))??
        };
        self.attempt(&[(p, OUT, Role::Member), (q, g, l)])
    }

    /// Someone left out joins a group.
    fn add(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        let q = self.random_out(rng)?;
        let g = self.random_group(rng);
        self.attempt(&[(q, g, Role::Member)])
    }

    /// A member (not a leader) is left out.
    fn drop_one(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        let p = self.random_in(rng)?;
        if self.s.role[p as usize] != Role::Member {
            return None;
        }
        self.attempt(&[(p, OUT, Role::Member)])
    }

    /// A leader hands over to a member of the leader pool in the same group
    /// (or a member takes over from the leader).
    fn hand_over(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        let ctx = self.s.ctx;
        let p = self.random_in(rng)?;
        let g = self.s.group[p as usize];
        let others: Vec<u32> = self.s.members[g as usize]
            .iter()
            .copied()
            .filter(|&q| q != p && ctx.free[q as usize])
            .filter(|&q| self.s.role[q as usize] != self.s.role[p as usize])
            .collect();
        if others.is_empty() {
            return None;
        }
        let q = others[rng.random_range(0..others.len())];
        let (lp, lq) = (self.s.role[p as usize], self.s.role[q as usize]);
        self.attempt(&[(p, g, lq), (q, g, lp)])
    }

    /// An ejection chain: p takes q's place, q moves on to a third group or
    /// out, and half the time someone left out fills p's old place.
    fn eject(&mut self, rng: &mut ChaCha8Rng) -> Option<Undo> {
        let p = self.random_in(rng).or_else(|| self.random_out(rng))?;
        let q = self.random_in(rng)?;
        let (gp, gq) = (self.s.group[p as usize], self.s.group[q as usize]);
        if gp == gq {
            return None;
        }
        let lq = self.s.role[q as usize];
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
            let lp = self.s.role[p as usize];
            return self.attempt(&[(p, gq, lq), (q, to, Role::Member), (r, gp, lp)]);
        }
        self.attempt(&[(p, gq, lq), (q, to, Role::Member)])
    }
}
