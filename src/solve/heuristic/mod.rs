//! The planner's search: a rule-abiding start (pins, then leaders by
//! bipartite matching, then the scarcest areas, then the rest), improved by
//! moves that keep every hard rule — move, swap, swap with someone left out,
//! add, drop, a leader handing over to a member, an ejection chain (one
//! person takes another's place, who moves on to a third group or out), and,
//! on rounds of a few groups, every group one person larger or smaller at once.

mod construct;
mod moves;
mod polish;
mod redraw;
mod repair;

pub use construct::construct;
pub use polish::{pair_descent, polish};
pub use redraw::redraw_descent;
pub use repair::repair_descent;

use super::budget::Budget;
use super::engine::{self, Cost, Found, Schedule, Search};
use super::state::{Ctx, Placement, State, OUT};
use crate::model::{Plan, Role};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// Who was where before a move: up to three people.
#[derive(Debug, Clone, Copy)]
pub struct Undo {
    n: usize,
    who: [(u32, u32, Role); 3],
    to: [(u32, u32, Role); 3],
}

/// A proposed change: a few people (the common case, no allocation), or
/// one person per group (a whole round one size up or down).
#[derive(Debug, Clone)]
pub enum Change {
    /// Up to three people.
    Few(Undo),
    /// Any number: where each was, and where each went.
    Many {
        /// (person, group or OUT, role) before.
        who: Vec<(u32, u32, Role)>,
        /// (person, group or OUT, role) after.
        to: Vec<(u32, u32, Role)>,
    },
}

/// The planner as a [`Search`].
pub struct PlanSearch<'c, 'a> {
    /// The state.
    pub s: State<'c, 'a>,
    /// Are whole-round size changes ([`Change::Many`]) proposed? Only on
    /// rounds of a few groups, where they are cheap.
    pub level_moves: bool,
}

impl<'c, 'a> PlanSearch<'c, 'a> {
    /// A search over `s`.
    pub fn new(s: State<'c, 'a>) -> Self {
        let groups = s.ctx.active.iter().filter(|&&a| a).count();
        PlanSearch {
            s,
            level_moves: groups <= MAX_LEVEL_GROUPS,
        }
    }
}

/// Rounds of at most this many groups get whole-round size changes.
const MAX_LEVEL_GROUPS: usize = 16;

impl<'c, 'a> PlanSearch<'c, 'a> {
    /// Moves `steps` (person → group or OUT, in a role) all at once, or
    /// nothing if some step would break a hard rule.
    pub(super) fn attempt(&mut self, steps: &[(u32, u32, Role)]) -> Option<Undo> {
        let mut undo = Undo {
            n: steps.len(),
            who: [(0, OUT, Role::Member); 3],
            to: [(0, OUT, Role::Member); 3],
        };
        undo.to[..steps.len()].copy_from_slice(steps);
        for (i, &(p, _, _)) in steps.iter().enumerate() {
            let pu = p as usize;
            undo.who[i] = (p, self.s.group[pu], self.s.role[pu]);
        }
        for &(p, _, _) in steps {
            if self.s.group[p as usize] != OUT {
                self.s.remove(p);
            }
        }
        for (i, &(p, g, role)) in steps.iter().enumerate() {
            if g == OUT {
                continue;
            }
            if !self.s.can_insert(p, g, role) {
                // take back the steps made so far
                for &(q, h, _) in &steps[..i] {
                    if h != OUT {
                        self.s.remove(q);
                    }
                }
                self.restore(&undo);
                return None;
            }
            self.s.insert(p, g, role);
        }
        Some(undo)
    }

    fn restore(&mut self, u: &Undo) {
        for &(p, g, role) in &u.who[..u.n] {
            if g != OUT {
                self.s.insert(p, g, role);
            }
        }
    }

    /// A random active group (there is one: the search is not run without).
    pub(super) fn random_group(&self, rng: &mut ChaCha8Rng) -> u32 {
        let ctx = self.s.ctx;
        loop {
            let g = rng.random_range(0..ctx.active.len());
            if ctx.active[g] {
                return g as u32;
            }
        }
    }

    pub(super) fn random_in(&self, rng: &mut ChaCha8Rng) -> Option<u32> {
        let l = &self.s.in_list;
        (!l.is_empty()).then(|| l[rng.random_range(0..l.len())])
    }

    pub(super) fn random_out(&self, rng: &mut ChaCha8Rng) -> Option<u32> {
        let l = &self.s.out_list;
        (!l.is_empty()).then(|| l[rng.random_range(0..l.len())])
    }

    /// Someone who may join group `g` (drawn from its eligible people when
    /// the round keeps those lists), wherever they are now.
    pub(super) fn partner_for(&self, g: u32, rng: &mut ChaCha8Rng) -> Option<u32> {
        let list = &self.s.ctx.cands[g as usize];
        if !list.is_empty() {
            Some(list[rng.random_range(0..list.len())])
        } else if rng.random_bool(0.5) {
            self.random_out(rng)
        } else {
            self.random_in(rng)
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
                for &(p, g, role) in &who {
                    if g != OUT {
                        self.s.insert(p, g, role);
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
                for &(p, g, role) in &to {
                    if g != OUT {
                        debug_assert!(self.s.can_insert(p, g, role));
                        self.s.insert(p, g, role);
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

/// Runs the parallel heuristic within `budget`: `searches` searches from
/// rule-abiding starts (after `start`'s people where the rules allow),
/// each annealed by `schedule` and, on rounds of a few groups, its best
/// plan then repaired ([`repair_descent`], a tenth of its moves
/// or clock, its own random stream); gives the best placement found and
/// the moves (repair nodes included) over all searches.
pub fn search(
    ctx: &Ctx,
    searches: usize,
    seed: u64,
    budget: &Budget,
    schedule: &Schedule,
    start: Option<&Plan>,
) -> (Found<Placement>, u64) {
    engine::run_parallel(searches, seed, budget, |i, mut rng, part| {
        let mut s = State::new(ctx);
        if let Some(plan) = start {
            // leaders and deputies first so their places are kept
            for pg in &plan.groups {
                let order = pg.leaders.iter().chain(&pg.deputies).chain(&pg.members);
                for &p in order {
                    let role = pg.role_of(p).unwrap_or(Role::Member);
                    if ctx.free[p.ix()] && s.can_insert(p.0, pg.group.0, role) {
                        s.insert(p.0, pg.group.0, role);
                    }
                }
            }
        }
        construct(&mut s, &mut rng);
        let ps = PlanSearch::new(s);
        if !ps.level_moves || schedule.first_feasible {
            return engine::anneal(ps, rng, part, schedule, i);
        }
        let share = REPAIR_SHARE;
        // the annealing first, then exact repairs of its best plan
        let annealing = part
            .with_moves(part.moves().map(|n| n - (n as f64 * share) as u64))
            .share(1.0 - share);
        let mut found = engine::anneal(ps, rng, &annealing, schedule, i);
        let mut ps = PlanSearch::new(State::from_placement(ctx, &found.solution));
        let mut rng = engine::rng_for(seed ^ REPAIR_STREAM, i);
        let nodes = part
            .moves()
            .map(|n| (n as f64 * share * NODES_PER_MOVE) as u64);
        let (spent, better) = repair_descent(&mut ps, &mut rng, part, nodes);
        if better > 0 {
            found.solution = ps.s.placement();
            found.cost = ps.s.cost();
        }
        found.iterations += spent;
        found
    })
}

/// Share of a search's budget (moves, else clock) spent on exact repairs
/// of its best plan after the annealing, on rounds of a few groups (0.1
/// and 0.25 measured on the tight rounds with the default moves: 0.1 the
/// better; BENCHMARKS.md, issue 14).
const REPAIR_SHARE: f64 = 0.1;

/// Repair nodes per move of the budget they replace (a node, one person
/// placed and the bound, costs about what a move does).
const NODES_PER_MOVE: f64 = 1.0;

/// Mixed into the seed for the repairs' random streams.
const REPAIR_STREAM: u64 = 0x5EED_4E9A_1200_0000;
