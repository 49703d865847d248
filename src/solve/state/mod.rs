//! The planner's search state: who is where, with every quantity the rules
//! and the score need kept up to date move by move, so that checking a move
//! and costing it takes time independent of the pool's size (a group holds at
//! most a handful of people; a spread is re-scanned only when its sole
//! extreme group changes).

mod counts;
mod ctx;

pub use ctx::Ctx;

use super::engine::Cost;
use super::score::{Kept, Score};
use crate::model::{GroupId, PersonId, Plan, Role};
use counts::{Extremes, Flows};

/// No group.
pub const OUT: u32 = u32::MAX;

/// A placement: everyone's group ([`OUT`] for none) and role; what a search
/// hands out, and a state can be rebuilt from ([`State::from_placement`]).
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

/// The search state.
#[derive(Clone)]
pub struct State<'c, 'a> {
    /// The fixed facts.
    pub ctx: &'c Ctx<'a>,
    /// Per person: group index or [`OUT`].
    pub group: Vec<u32>,
    /// Per person: holds a leader's place.
    pub is_leader: Vec<bool>,
    /// Per group: its people.
    pub members: Vec<Vec<u32>>,
    /// Per group: its leaders.
    pub n_leaders: Vec<u32>,
    /// Per group and area: members with level ≥ 1.
    area_count: Vec<u32>,
    /// Per group and attribute: the sum.
    sums: Vec<i64>,
    /// Per group and attribute: the value whose spread is scored (the sum,
    /// or for rank, age and gender the mean, see [`Ctx::first_mean`]).
    vals: Vec<i64>,
    /// Per attribute: Σ over active groups of the value, and of its square.
    tot: Vec<(i64, i128)>,
    ext: Vec<Extremes>,
    flows: Flows,
    /// Σ over active groups of what the lower bounds still miss.
    deficit: i64,
    /// Region and unit repeats within groups.
    repeats: i64,
    recent: i64,
    must_out: i64,
    moved: i64,
    n_active: i64,
    /// Free people not placed, and each one's place in that list.
    pub out_list: Vec<u32>,
    out_pos: Vec<u32>,
    /// Free people placed, and each one's place in that list.
    pub in_list: Vec<u32>,
    in_pos: Vec<u32>,
}

impl<'c, 'a> State<'c, 'a> {
    /// Everyone out, then the pins placed.
    pub fn new(ctx: &'c Ctx<'a>) -> State<'c, 'a> {
        let case = ctx.case;
        let n = case.people.len();
        let g = case.round.groups.len();
        let areas = ctx.req.len();
        let n_active = ctx.active.iter().filter(|&&a| a).count() as i64;
        let mut s = State {
            ctx,
            group: vec![OUT; n],
            is_leader: vec![false; n],
            members: vec![Vec::new(); g],
            n_leaders: vec![0; g],
            area_count: vec![0; g * areas],
            sums: vec![0; g * ctx.n_attr],
            vals: vec![0; g * ctx.n_attr],
            tot: vec![(0, 0); ctx.n_attr],
            ext: vec![Extremes::new(&ctx.active); ctx.n_attr],
            flows: Flows::new(ctx.n_regions),
            deficit: 0,
            repeats: 0,
            recent: 0,
            must_out: 0,
            moved: 0,
            n_active,
            out_list: Vec::new(),
            out_pos: vec![OUT; n],
            in_list: Vec::new(),
            in_pos: vec![OUT; n],
        };
        for gi in 0..g {
            s.deficit += s.group_deficit(gi);
        }
        for p in 0..n as u32 {
            if ctx.model.must_serve[p as usize] {
                s.must_out += 1;
            }
            s.moved += ctx.model.moved_cost(PersonId(p), None);
            if ctx.free[p as usize] {
                s.out_pos[p as usize] = s.out_list.len() as u32;
                s.out_list.push(p);
            }
        }
        for pin in &case.round.pins {
            if ctx.active[pin.group.ix()] {
                s.insert(pin.person.0, pin.group.0, pin.role == Role::Leader);
            }
        }
        s
    }

    fn group_deficit(&self, g: usize) -> i64 {
        if !self.ctx.active[g] {
            return 0;
        }
        let ctx = self.ctx;
        let areas = ctx.req.len();
        let mut d = (ctx.leaders as i64 - self.n_leaders[g] as i64).max(0)
            + (ctx.size[g].0 as i64 - self.members[g].len() as i64).max(0);
        for k in 0..areas {
            d += (ctx.req[k] as i64 - self.area_count[g * areas + k] as i64).max(0);
        }
        d
    }

    /// May `p` join `g` (as leader if `lead`) now, keeping every hard rule
    /// except the lower bounds?
    pub fn can_insert(&self, p: u32, g: u32, lead: bool) -> bool {
        let ctx = self.ctx;
        let (pu, gu) = (p as usize, g as usize);
        if self.group[pu] != OUT || !ctx.active[gu] {
            return false;
        }
        if !ctx.elig.allowed(PersonId(p), GroupId(g)) {
            return false;
        }
        let members = &self.members[gu];
        if members.len() as u32 >= ctx.size[gu].1 {
            return false;
        }
        if lead && (!ctx.leader[pu] || self.n_leaders[gu] >= ctx.leaders) {
            return false;
        }
        let policy = &ctx.case.round.policy;
        let (r, u) = (ctx.region[pu], ctx.unit[pu]);
        let mut same_r = 0;
        let mut same_u = 0;
        let step = ctx.step[pu];
        for &q in members {
            let qu = q as usize;
            same_r += (ctx.region[qu] == r) as u32;
            same_u += (ctx.unit[qu] == u) as u32;
            // a leader above every member, a member below every leader
            if ctx.seniority
                && ((lead && !self.is_leader[qu] && ctx.step[qu] > step)
                    || (!lead && self.is_leader[qu] && ctx.step[qu] < step))
            {
                return false;
            }
        }
        if same_r >= policy.max_same_region || same_u >= policy.max_same_unit {
            return false;
        }
        if ctx.kin[pu].iter().any(|&k| self.group[k as usize] == g) {
            return false;
        }
        if policy.reciprocal_avoidance {
            for &b in &ctx.target_regions[gu] {
                if b != r && self.flows.get(b, r) > 0 {
                    return false;
                }
            }
        }
        true
    }

    /// Sets group `g`'s sum of attribute `a` (its members already updated)
    /// and the scored value that follows from it.
    fn set_sum(&mut self, g: usize, a: usize, sum: i64) {
        let ctx = self.ctx;
        let i = g * ctx.n_attr + a;
        self.sums[i] = sum;
        let new = if a >= ctx.first_mean {
            ctx.model.mean_value(sum, self.members[g].len())
        } else {
            sum
        };
        let old = self.vals[i];
        if old == new {
            return;
        }
        self.vals[i] = new;
        let t = &mut self.tot[a];
        t.0 += new - old;
        t.1 += (new as i128) * (new as i128) - (old as i128) * (old as i128);
        self.ext[a].set(g, new);
    }

    fn list_move(list: &mut Vec<u32>, pos: &mut [u32], p: u32) {
        let i = pos[p as usize] as usize;
        let last = *list.last().expect("listed");
        list.swap_remove(i);
        if last != p {
            pos[last as usize] = i as u32;
        }
        pos[p as usize] = OUT;
    }

    /// Places `p` (who must be out) in `g`; the caller has checked [`State::can_insert`].
    pub fn insert(&mut self, p: u32, g: u32, lead: bool) {
        let ctx = self.ctx;
        let (pu, gu) = (p as usize, g as usize);
        debug_assert_eq!(self.group[pu], OUT);
        self.deficit -= self.group_deficit(gu);
        let (r, u) = (ctx.region[pu], ctx.unit[pu]);
        for &q in &self.members[gu] {
            self.repeats += (ctx.region[q as usize] == r) as i64;
            self.repeats += (ctx.unit[q as usize] == u) as i64;
        }
        self.members[gu].push(p);
        self.group[pu] = g;
        self.is_leader[pu] = lead;
        if lead {
            self.n_leaders[gu] += 1;
        }
        let areas = ctx.req.len();
        let has = ctx.has[pu];
        for k in 0..areas {
            self.area_count[gu * areas + k] += has >> k & 1;
        }
        for a in 0..ctx.n_attr {
            let v = self.sums[gu * ctx.n_attr + a] + ctx.attrs(p)[a];
            self.set_sum(gu, a, v);
        }
        if ctx.case.round.policy.reciprocal_avoidance {
            for &b in &ctx.target_regions[gu] {
                if b != r {
                    self.flows.add(r, b, 1);
                }
            }
        }
        self.deficit += self.group_deficit(gu);
        self.recent += ctx.model.recency[pu];
        self.must_out -= ctx.model.must_serve[pu] as i64;
        self.moved += ctx.model.moved_cost(PersonId(p), Some((GroupId(g), lead)))
            - ctx.model.moved_cost(PersonId(p), None);
        if ctx.free[pu] {
            Self::list_move(&mut self.out_list, &mut self.out_pos, p);
            self.in_pos[pu] = self.in_list.len() as u32;
            self.in_list.push(p);
        }
    }

    /// Takes `p` out of their group; gives (group, was leader).
    pub fn remove(&mut self, p: u32) -> (u32, bool) {
        let ctx = self.ctx;
        let pu = p as usize;
        let g = self.group[pu];
        debug_assert_ne!(g, OUT);
        let gu = g as usize;
        let lead = self.is_leader[pu];
        self.deficit -= self.group_deficit(gu);
        let i = self.members[gu]
            .iter()
            .position(|&q| q == p)
            .expect("member");
        self.members[gu].swap_remove(i);
        let (r, u) = (ctx.region[pu], ctx.unit[pu]);
        for &q in &self.members[gu] {
            self.repeats -= (ctx.region[q as usize] == r) as i64;
            self.repeats -= (ctx.unit[q as usize] == u) as i64;
        }
        self.group[pu] = OUT;
        self.is_leader[pu] = false;
        if lead {
            self.n_leaders[gu] -= 1;
        }
        let areas = ctx.req.len();
        let has = ctx.has[pu];
        for k in 0..areas {
            self.area_count[gu * areas + k] -= has >> k & 1;
        }
        for a in 0..ctx.n_attr {
            let v = self.sums[gu * ctx.n_attr + a] - ctx.attrs(p)[a];
            self.set_sum(gu, a, v);
        }
        if ctx.case.round.policy.reciprocal_avoidance {
            for &b in &ctx.target_regions[gu] {
                if b != r {
                    self.flows.add(r, b, -1);
                }
            }
        }
        self.deficit += self.group_deficit(gu);
        self.recent -= ctx.model.recency[pu];
        self.must_out += ctx.model.must_serve[pu] as i64;
        self.moved += ctx.model.moved_cost(PersonId(p), None)
            - ctx.model.moved_cost(PersonId(p), Some((GroupId(g), lead)));
        if ctx.free[pu] {
            Self::list_move(&mut self.in_list, &mut self.in_pos, p);
            self.out_pos[pu] = self.out_list.len() as u32;
            self.out_list.push(p);
        }
        (g, lead)
    }

    /// The spread of attribute `a` now.
    pub fn spread(&self, a: usize) -> i64 {
        self.ext[a].spread()
    }

    /// The group at the max (`hi`) or min of attribute `a`.
    pub fn extreme_group(&self, a: usize, hi: bool) -> Option<usize> {
        self.ext[a].arg(hi)
    }

    /// Members of `g` with level ≥ 1 in area `k`.
    pub fn area_count(&self, g: usize, k: usize) -> u32 {
        self.area_count[g * self.ctx.req.len() + k]
    }

    /// The lower-bound deficit over all groups (0: every lower bound is met).
    pub fn deficit(&self) -> i64 {
        self.deficit
    }

    /// The lower-bound deficit of group `g` (leaders, size, requirements).
    pub fn deficit_of(&self, g: usize) -> i64 {
        self.group_deficit(g)
    }

    /// The score terms as kept by the state.
    pub fn score(&self) -> Score {
        let ctx = self.ctx;
        let areas = ctx.req.len();
        let spread = |a: usize| self.ext[a].spread();
        Score {
            expertise: (0..areas).map(spread).collect(),
            rank: spread(areas),
            age: spread(areas + 1),
            gender: spread(areas + 2),
            mixing: (self.repeats - ctx.model.forced_mixing).max(0),
            must_serve: self.must_out,
            recent: self.recent,
            moved: self.moved,
        }
    }

    /// The score's values as kept by the state (what the weights multiply).
    pub fn kept(&self) -> Kept {
        let ctx = self.ctx;
        let areas = ctx.req.len();
        let spread = |a: usize| self.ext[a].spread();
        Kept {
            expertise: (0..areas).map(spread).sum(),
            rank: spread(areas),
            age: spread(areas + 1),
            gender: spread(areas + 2),
            mixing: (self.repeats - ctx.model.forced_mixing).max(0),
            must_serve: self.must_out,
            recent: self.recent,
            moved: self.moved,
        }
    }

    /// The cost: deficit, score ([`ScoreModel::weighted`], as
    /// [`Score::total`] gives it for the same plan), and the weighted
    /// standard deviation of the groups' values as the tie-break.
    pub fn cost(&self) -> Cost {
        let ctx = self.ctx;
        let mut tie = 0.0;
        let n = self.n_active.max(1) as f64;
        for a in 0..ctx.n_attr {
            let (s, sq) = self.tot[a];
            let var = (sq as f64 * n - (s as f64) * (s as f64)) / (n * n);
            tie += ctx.attr_weight[a] * var.max(0.0).sqrt();
        }
        Cost {
            deficit: self.deficit,
            score: ctx.model.weighted(&self.kept()),
            tie,
        }
    }

    /// Everyone's place now.
    pub fn placement(&self) -> Placement {
        Placement {
            group: self.group.clone(),
            lead: self.is_leader.clone(),
        }
    }

    /// The state of a placement found by a search (pins as in [`State::new`]).
    pub fn from_placement(ctx: &'c Ctx<'a>, p: &Placement) -> State<'c, 'a> {
        let mut s = State::new(ctx);
        for (person, &g) in p.group.iter().enumerate() {
            if g != OUT && ctx.free[person] {
                s.insert(person as u32, g, p.lead[person]);
            }
        }
        s
    }
}
