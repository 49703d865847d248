//! The planner's search state: who is where, with every quantity the rules
//! and the score need kept up to date move by move, so that checking a move
//! and costing it takes time independent of the pool's size (a group holds at
//! most a handful of people; a spread is re-scanned only when its sole
//! extreme group changes).

use super::engine::Cost;
use super::score::{Score, ScoreModel};
use crate::constraints::Eligibility;
use crate::model::{Case, GroupId, PersonId, Role};

/// No group.
pub const OUT: u32 = u32::MAX;

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
        let w = &model.weights;
        let per = 1.0 / model.mean_unit();
        let mut attr_weight = vec![w.expertise; areas];
        attr_weight.extend([w.rank * per, w.age * per, w.gender * per]);
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
        let area_pool = (0..areas)
            .map(|k| {
                pool.iter()
                    .copied()
                    .filter(|&p| has[p as usize] >> k & 1 == 1)
                    .collect()
            })
            .collect();
        let age = areas + 1;
        let mut twins = Vec::with_capacity(n_attr);
        let mut twin_of = Vec::with_capacity(n_attr);
        for a in 0..n_attr {
            let mut index: std::collections::HashMap<Vec<i64>, u32> = Default::default();
            let mut lists: Vec<Vec<u32>> = Vec::new();
            let mut of = vec![OUT; n];
            for &p in &pool {
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
            req: case.round.requirements.clone(),
            active,
            n_regions: case.regions.len(),
            pool,
            leader_pool,
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

/// Max and min of one attribute over the active groups: a segment tree
/// over the groups, O(log groups) per change, O(1) to read.
#[derive(Debug, Clone)]
struct Extremes {
    leaves: usize,
    /// (max, min) per node; node 1 is the root; inactive leaves hold (MIN, MAX).
    node: Vec<(i64, i64)>,
}

impl Extremes {
    fn new(active: &[bool]) -> Extremes {
        let leaves = active.len().next_power_of_two().max(1);
        let mut node = vec![(i64::MIN, i64::MAX); 2 * leaves];
        for (g, &a) in active.iter().enumerate() {
            if a {
                node[leaves + g] = (0, 0);
            }
        }
        for i in (1..leaves).rev() {
            node[i] = Self::join(node[2 * i], node[2 * i + 1]);
        }
        Extremes { leaves, node }
    }

    #[inline]
    fn join(a: (i64, i64), b: (i64, i64)) -> (i64, i64) {
        (a.0.max(b.0), a.1.min(b.1))
    }

    #[inline]
    fn set(&mut self, g: usize, v: i64) {
        let mut i = self.leaves + g;
        self.node[i] = (v, v);
        while i > 1 {
            i /= 2;
            let j = Self::join(self.node[2 * i], self.node[2 * i + 1]);
            if self.node[i] == j {
                break;
            }
            self.node[i] = j;
        }
    }

    /// The group holding the max (`hi`) or the min of the attribute.
    fn arg(&self, hi: bool) -> Option<usize> {
        let (mx, mn) = self.node[1];
        if mx < mn {
            return None;
        }
        let want = if hi { mx } else { mn };
        let mut i = 1;
        while i < self.leaves {
            let l = self.node[2 * i];
            i = if (hi && l.0 == want) || (!hi && l.1 == want) {
                2 * i
            } else {
                2 * i + 1
            };
        }
        Some(i - self.leaves)
    }

    /// max − min, 0 with no active group.
    #[inline]
    fn spread(&self) -> i64 {
        let (hi, lo) = self.node[1];
        if hi < lo {
            0
        } else {
            hi - lo
        }
    }
}

/// Region-to-region inspection flows for reciprocal avoidance: dense for
/// up to 2048 regions, a hash map beyond.
#[derive(Debug, Clone)]
enum Flows {
    Dense(usize, Vec<u32>),
    Sparse(std::collections::HashMap<(u32, u32), u32>),
}

impl Flows {
    fn new(n: usize) -> Flows {
        if n <= 2048 {
            Flows::Dense(n, vec![0; n * n])
        } else {
            Flows::Sparse(Default::default())
        }
    }
    #[inline]
    fn get(&self, a: u32, b: u32) -> u32 {
        match self {
            Flows::Dense(n, v) => v[a as usize * n + b as usize],
            Flows::Sparse(m) => m.get(&(a, b)).copied().unwrap_or(0),
        }
    }
    #[inline]
    fn add(&mut self, a: u32, b: u32, d: i32) {
        match self {
            Flows::Dense(n, v) => {
                let x = &mut v[a as usize * *n + b as usize];
                *x = (*x as i32 + d) as u32;
            }
            Flows::Sparse(m) => {
                let x = m.entry((a, b)).or_insert(0);
                *x = (*x as i32 + d) as u32;
                if *x == 0 {
                    m.remove(&(a, b));
                }
            }
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

    /// The cost: deficit, score, and the weighted variance of the groups'
    /// sums as the tie-break.
    pub fn cost(&self) -> Cost {
        let ctx = self.ctx;
        let w = &ctx.model.weights;
        let mut score = 0.0;
        let mut tie = 0.0;
        let n = self.n_active.max(1) as f64;
        for a in 0..ctx.n_attr {
            let spread = self.ext[a].spread();
            score += ctx.attr_weight[a] * spread as f64;
            let (s, sq) = self.tot[a];
            let var = (sq as f64 * n - (s as f64) * (s as f64)) / (n * n);
            tie += ctx.attr_weight[a] * var.max(0.0).sqrt();
        }
        score += w.mixing * (self.repeats - ctx.model.forced_mixing).max(0) as f64
            + w.must_serve * self.must_out as f64
            + w.recent * self.recent as f64
            + w.stability * self.moved as f64;
        Cost {
            deficit: self.deficit,
            score,
            tie,
        }
    }

    /// Everyone's place now.
    pub fn placement(&self) -> super::heuristic::Placement {
        super::heuristic::Placement {
            group: self.group.clone(),
            lead: self.is_leader.clone(),
        }
    }

    /// The state of a placement found by a search (pins as in [`State::new`]).
    pub fn from_placement(ctx: &'c Ctx<'a>, p: &super::heuristic::Placement) -> State<'c, 'a> {
        let mut s = State::new(ctx);
        for (person, &g) in p.group.iter().enumerate() {
            if g != OUT && ctx.free[person] {
                s.insert(person as u32, g, p.lead[person]);
            }
        }
        s
    }
}
