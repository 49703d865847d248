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
use crate::model::{Case, GroupId, PersonId, Plan, Role, RuleId};
use counts::{Extremes, Flows};

/// No group.
pub const OUT: u32 = u32::MAX;

/// A placement: everyone's group ([`OUT`] for none) and role; what a search
/// hands out, and a state can be rebuilt from ([`State::from_placement`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Per person: group index or [`OUT`].
    pub group: Vec<u32>,
    /// Per person: the role held (`Member` when out).
    pub role: Vec<Role>,
}

/// Print order of roles: leaders, deputies, members.
fn role_order(r: Role) -> u8 {
    match r {
        Role::Leader => 0,
        Role::Deputy => 1,
        Role::Member => 2,
    }
}

impl Placement {
    /// As a plan: leaders first, then deputies, then members, each in id order.
    pub fn plan(&self, ctx: &Ctx) -> Plan {
        let mut plan = Plan::empty(ctx.case);
        for (p, &g) in self.group.iter().enumerate() {
            if g != OUT {
                plan.groups[g as usize].members.push(PersonId(p as u32));
            }
        }
        for pg in &mut plan.groups {
            pg.members
                .sort_unstable_by_key(|p| (role_order(self.role[p.ix()]), *p));
            let with = |r: Role| -> Vec<PersonId> {
                pg.members
                    .iter()
                    .copied()
                    .filter(|p| self.role[p.ix()] == r)
                    .collect()
            };
            pg.leaders = with(Role::Leader);
            pg.deputies = with(Role::Deputy);
        }
        plan
    }
}

/// Why [`State::check_insert`] refuses a placement: an avoidance (rules
/// 1–3, which one is found by [`Refusal::rule`]), or another hard rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Refusal {
    /// Rules 1–3 keep the person away from a target of the group.
    Avoidance,
    /// The rule that refuses (`one-group` when the person is placed
    /// already, `group-size` when the group is full or not staffed).
    Rule(RuleId),
}

impl Refusal {
    /// The rule id: for an avoidance, the first rule among the person's
    /// blockers for the group (`post-avoidance` when none is found).
    pub fn rule(self, case: &Case, p: PersonId, g: GroupId) -> RuleId {
        match self {
            Refusal::Rule(r) => r,
            Refusal::Avoidance => crate::constraints::blockers(case, p, g)
                .first()
                .map_or(RuleId::PostAvoidance, |b| b.rule()),
        }
    }
}

/// The search state.
#[derive(Clone)]
pub struct State<'c, 'a> {
    /// The fixed facts.
    pub ctx: &'c Ctx<'a>,
    /// Per person: group index or [`OUT`].
    pub group: Vec<u32>,
    /// Per person: the role held (`Member` when out).
    pub role: Vec<Role>,
    /// Per group: its people.
    pub members: Vec<Vec<u32>>,
    /// Per group: its leaders.
    pub n_leaders: Vec<u32>,
    /// Per group: its deputy leaders (副组长).
    pub n_deputies: Vec<u32>,
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
            role: vec![Role::Member; n],
            members: vec![Vec::new(); g],
            n_leaders: vec![0; g],
            n_deputies: vec![0; g],
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
                s.insert(pin.person.0, pin.group.0, pin.role);
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
            + (ctx.deputies as i64 - self.n_deputies[g] as i64).max(0)
            + (ctx.size[g].0 as i64 - self.members[g].len() as i64).max(0);
        for k in 0..areas {
            d += (ctx.req[k] as i64 - self.area_count[g * areas + k] as i64).max(0);
        }
        d
    }

    /// May `p` join `g` in `role` now, keeping every hard rule except the
    /// lower bounds?
    #[inline]
    pub fn can_insert(&self, p: u32, g: u32, role: Role) -> bool {
        self.check_insert(p, g, role).is_ok()
    }

    /// [`State::can_insert`] with the rule that refuses: the first one
    /// found, in the order rules 4, 1–3, 5, 7, 6, 8 (the search's why-not).
    pub fn check_insert(&self, p: u32, g: u32, role: Role) -> Result<(), Refusal> {
        let ctx = self.ctx;
        let (pu, gu) = (p as usize, g as usize);
        let refuse = |r| Err(Refusal::Rule(r));
        if self.group[pu] != OUT {
            return refuse(RuleId::OneGroup);
        }
        if !ctx.active[gu] {
            return refuse(RuleId::GroupSize);
        }
        if !ctx.elig.allowed(PersonId(p), GroupId(g)) {
            return Err(Refusal::Avoidance);
        }
        let members = &self.members[gu];
        if members.len() as u32 >= ctx.size[gu].1 {
            return refuse(RuleId::GroupSize);
        }
        let lead = role == Role::Leader;
        match role {
            Role::Leader if !ctx.leader[pu] || self.n_leaders[gu] >= ctx.leaders => {
                return refuse(RuleId::Leader)
            }
            Role::Deputy if !ctx.deputy[pu] || self.n_deputies[gu] >= ctx.deputies => {
                return refuse(RuleId::Deputy)
            }
            _ => {}
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
            // a leader above every member (deputies included), a member
            // below every leader
            let q_leads = self.role[qu] == Role::Leader;
            if ctx.seniority
                && ((lead && !q_leads && ctx.step[qu] > step)
                    || (!lead && q_leads && ctx.step[qu] < step))
            {
                return refuse(RuleId::LeaderSeniority);
            }
        }
        if same_r >= policy.max_same_region {
            return refuse(RuleId::MixingRegion);
        }
        if same_u >= policy.max_same_unit {
            return refuse(RuleId::MixingUnit);
        }
        if ctx.kin[pu].iter().any(|&k| self.group[k as usize] == g) {
            return refuse(RuleId::KinSameGroup);
        }
        if policy.reciprocal_avoidance {
            for &b in &ctx.target_regions[gu] {
                if b != r && self.flows.get(b, r) > 0 {
                    return refuse(RuleId::Reciprocal);
                }
            }
        }
        Ok(())
    }

    /// Why `p` (left out) joins no group as a member now, counted (vrp's
    /// unassignment reasons): per rule, the active groups it refuses `p`
    /// for; and how many groups would take `p` as the rules stand.
    pub fn why_not(&self, p: u32) -> (std::collections::BTreeMap<RuleId, usize>, usize) {
        let mut rules = std::collections::BTreeMap::new();
        let mut open = 0;
        for g in 0..self.members.len() as u32 {
            if !self.ctx.active[g as usize] {
                continue;
            }
            match self.check_insert(p, g, Role::Member) {
                Ok(()) => open += 1,
                Err(r) => {
                    let rule = r.rule(self.ctx.case, PersonId(p), GroupId(g));
                    *rules.entry(rule).or_insert(0) += 1;
                }
            }
        }
        (rules, open)
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
    pub fn insert(&mut self, p: u32, g: u32, role: Role) {
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
        self.role[pu] = role;
        match role {
            Role::Leader => self.n_leaders[gu] += 1,
            Role::Deputy => self.n_deputies[gu] += 1,
            Role::Member => {}
        }
        let lead = role == Role::Leader;
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

    /// Takes `p` out of their group; gives (group, role held).
    pub fn remove(&mut self, p: u32) -> (u32, Role) {
        let ctx = self.ctx;
        let pu = p as usize;
        let g = self.group[pu];
        debug_assert_ne!(g, OUT);
        let gu = g as usize;
        let role = self.role[pu];
        let lead = role == Role::Leader;
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
        self.role[pu] = Role::Member;
        match role {
            Role::Leader => self.n_leaders[gu] -= 1,
            Role::Deputy => self.n_deputies[gu] -= 1,
            Role::Member => {}
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
        (g, role)
    }

    /// The spread of attribute `a` now.
    pub fn spread(&self, a: usize) -> i64 {
        self.ext[a].spread()
    }

    /// The group at the max (`hi`) or min of attribute `a`.
    pub fn extreme_group(&self, a: usize, hi: bool) -> Option<usize> {
        self.ext[a].arg(hi)
    }

    /// Group `g`'s sum of attribute `a` (its people's values added up).
    #[inline]
    pub fn sum_of(&self, g: usize, a: usize) -> i64 {
        self.sums[g * self.ctx.n_attr + a]
    }

    /// Group `g`'s scored value of attribute `a` (the sum, or the mean as
    /// [`ScoreModel::mean_value`] keeps it).
    #[inline]
    pub fn value_of(&self, g: usize, a: usize) -> i64 {
        self.vals[g * self.ctx.n_attr + a]
    }

    /// Members of `g` with level ≥ 1 in area `k`.
    pub fn area_count(&self, g: usize, k: usize) -> u32 {
        self.area_count[g * self.ctx.req.len() + k]
    }

    /// The lower-bound deficit over all groups (0: every lower bound is met).
    pub fn deficit(&self) -> i64 {
        self.deficit
    }

    /// The lower-bound deficit of group `g` (leaders, deputies, size, requirements).
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
            role: self.role.clone(),
        }
    }

    /// The state of a placement found by a search (pins as in [`State::new`]).
    pub fn from_placement(ctx: &'c Ctx<'a>, p: &Placement) -> State<'c, 'a> {
        let mut s = State::new(ctx);
        for (person, &g) in p.group.iter().enumerate() {
            if g != OUT && ctx.free[person] {
                s.insert(person as u32, g, p.role[person]);
            }
        }
        s
    }
}
