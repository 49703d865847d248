//! The Maximally Diverse Grouping Problem (MDGP) on the same search core as
//! the round planner: `n` elements into `m` groups of `a_g..=b_g` elements,
//! maximising the sum over groups of the pairwise distances inside them.
//! Instances in the MDGPLIB format (see `../shared/bench/mdgp`).
//!
//! The search keeps, per element and group, the sum of distances from the
//! element to the group's members, so a move or a swap is priced in O(1) and
//! applied in O(n). Each search anneals for a short share of its budget,
//! then runs an iterated tabu search (best relocation or swap per step,
//! perturbation from the best state) for the rest.

use crate::error::{InputError, InputErrors, Position};
use crate::solve::engine::{self, Cost, Found, Schedule, Search};
use crate::solve::Budget;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use std::path::Path;

/// An MDGP instance.
#[derive(Debug, Clone)]
pub struct Instance {
    /// Elements.
    pub n: usize,
    /// Groups.
    pub m: usize,
    /// Per group: (least, most) elements.
    pub bounds: Vec<(usize, usize)>,
    /// Distances, n × n, symmetric, 0 on the diagonal.
    pub d: Vec<f64>,
}

impl Instance {
    /// The distance between `i` and `j`.
    #[inline]
    pub fn dist(&self, i: usize, j: usize) -> f64 {
        self.d[i * self.n + j]
    }

    /// The objective of an assignment (group per element), recomputed from
    /// scratch; `None` if a group index is out of range or a size bound is broken.
    pub fn objective(&self, group: &[u32]) -> Option<f64> {
        if group.len() != self.n || group.iter().any(|&g| g as usize >= self.m) {
            return None;
        }
        let mut size = vec![0usize; self.m];
        for &g in group {
            size[g as usize] += 1;
        }
        if size
            .iter()
            .zip(&self.bounds)
            .any(|(&s, &(lo, hi))| s < lo || s > hi)
        {
            return None;
        }
        let mut f = 0.0;
        for i in 0..self.n {
            for j in i + 1..self.n {
                if group[i] == group[j] {
                    f += self.dist(i, j);
                }
            }
        }
        Some(f)
    }
}

/// Reads an instance: `n m ss|ds a_1 b_1 … a_m b_m`, then `i j d_ij` lines.
/// Errors name the file and the line.
pub fn read_instance(path: &Path) -> Result<Instance, InputErrors> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        InputErrors::from(InputError::Io {
            path: display.clone(),
            message: e.to_string().into(),
        })
    })?;
    parse_instance(&text, &display)
}

/// Parses an instance from its text; `display` names it in errors.
pub fn parse_instance(text: &str, display: &str) -> Result<Instance, InputErrors> {
    let at = |line: usize| Position {
        file: display.to_string(),
        line: Some(line),
        ..Default::default()
    };
    let fail = |line: usize, msg: String| InputErrors::from(InputError::data(at(line), msg));
    let fail_in = |line: usize, column: &str, msg: String| {
        InputErrors::from(InputError::data(at(line).col(column), msg))
    };
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((hl, header)) = lines.next() else {
        return Err(fail(
            1,
            "empty file: the first line must be `n m ss|ds a_1 b_1 …`".into(),
        ));
    };
    let hl = hl + 1;
    let words: Vec<&str> = header.split_whitespace().collect();
    if words.len() < 3 {
        return Err(fail(
            hl,
            format!("the first line must be `n m ss|ds a_1 b_1 …`, found `{header}`"),
        ));
    }
    let number = |w: &str, what: &str, line: usize| -> Result<usize, InputErrors> {
        w.parse::<usize>()
            .map_err(|_| fail_in(line, what, format!("must be a whole number, found `{w}`")))
    };
    let n = number(words[0], "n (elements)", hl)?;
    let m = number(words[1], "m (groups)", hl)?;
    if n < 2 || m < 1 || m > n {
        return Err(fail(
            hl,
            format!("need 2 ≤ n and 1 ≤ m ≤ n, found n = {n}, m = {m}"),
        ));
    }
    let kind = words[2];
    if kind != "ss" && kind != "ds" {
        return Err(fail(
            hl,
            format!("the third value must be `ss` or `ds`, found `{kind}`"),
        ));
    }
    let rest = &words[3..];
    if rest.len() != 2 * m {
        return Err(fail(
            hl,
            format!(
                "{m} groups need {} bounds (a_g b_g per group), found {}",
                2 * m,
                rest.len()
            ),
        ));
    }
    let mut bounds = Vec::with_capacity(m);
    for g in 0..m {
        let lo = number(rest[2 * g], "a_g", hl)?;
        let hi = number(rest[2 * g + 1], "b_g", hl)?;
        if lo > hi {
            return Err(fail(
                hl,
                format!("group {g}: least size {lo} above most size {hi}"),
            ));
        }
        bounds.push((lo, hi));
    }
    let (least, most): (usize, usize) = bounds
        .iter()
        .fold((0, 0), |(a, b), &(lo, hi)| (a + lo, b + hi));
    if least > n || most < n {
        return Err(fail(
            hl,
            format!("the group sizes allow {least}..={most} elements, but n = {n}"),
        ));
    }
    if kind == "ss" && bounds.iter().any(|&(lo, hi)| lo != hi || lo * m != n) {
        return Err(fail(
            hl,
            format!("`ss` needs every group to hold exactly n/m = {n}/{m} elements"),
        ));
    }
    let mut d = vec![0.0; n * n];
    let mut seen = vec![false; n * n];
    let mut count = 0usize;
    for (l, line) in lines {
        let l = l + 1;
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() != 3 {
            return Err(fail(
                l,
                format!("expected `i j d_ij`, found `{}`", line.trim()),
            ));
        }
        let i = number(f[0], "i", l)?;
        let j = number(f[1], "j", l)?;
        let v: f64 = f[2]
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| fail_in(l, "d_ij", format!("must be a number, found `{}`", f[2])))?;
        if i >= n || j >= n || i == j {
            return Err(fail(
                l,
                format!("elements must be two different indices below n = {n}, found {i} and {j}"),
            ));
        }
        if seen[i * n + j] {
            return Err(fail(l, format!("the pair {i} {j} is given twice")));
        }
        seen[i * n + j] = true;
        seen[j * n + i] = true;
        d[i * n + j] = v;
        d[j * n + i] = v;
        count += 1;
    }
    let want = n * (n - 1) / 2;
    if count != want {
        return Err(fail(
            text.lines().count().max(1),
            format!("expected n(n-1)/2 = {want} distance lines, found {count}"),
        ));
    }
    Ok(Instance { n, m, bounds, d })
}

/// A move of the MDGP search, priced but not yet applied.
#[derive(Debug, Clone, Copy)]
pub enum Move {
    /// Element `i` to group `to`.
    Relocate {
        /// The element.
        i: u32,
        /// Its new group.
        to: u32,
        /// Change of the objective.
        delta: f64,
    },
    /// Elements `i` and `j` (of different groups) change groups.
    Swap {
        /// One element.
        i: u32,
        /// The other.
        j: u32,
        /// Change of the objective.
        delta: f64,
    },
}

/// The MDGP as a [`Search`] (the engine minimises, so the cost is −objective).
pub struct MdgpSearch<'a> {
    inst: &'a Instance,
    group: Vec<u32>,
    size: Vec<usize>,
    /// gain[i·m + g]: Σ of d(i, j) over the members j ≠ i of g.
    gain: Vec<f64>,
    objective: f64,
}

impl<'a> MdgpSearch<'a> {
    /// A search from `group` (which must respect the size bounds).
    pub fn new(inst: &'a Instance, group: Vec<u32>) -> Self {
        let (n, m) = (inst.n, inst.m);
        let mut size = vec![0usize; m];
        let mut gain = vec![0.0; n * m];
        for (i, &g) in group.iter().enumerate() {
            size[g as usize] += 1;
            for k in 0..n {
                if k != i {
                    gain[k * m + g as usize] += inst.dist(i, k);
                }
            }
        }
        let objective = (0..n).map(|i| gain[i * m + group[i] as usize]).sum::<f64>() / 2.0;
        MdgpSearch {
            inst,
            group,
            size,
            gain,
            objective,
        }
    }

    /// A random assignment within the bounds: every group filled to its
    /// least size, the rest placed where there is room.
    pub fn random_start(inst: &Instance, rng: &mut ChaCha8Rng) -> Vec<u32> {
        let mut order: Vec<usize> = (0..inst.n).collect();
        for i in (1..order.len()).rev() {
            let j = rng.random_range(0..=i);
            order.swap(i, j);
        }
        let mut group = vec![0u32; inst.n];
        let mut size = vec![0usize; inst.m];
        let mut next = order.into_iter();
        for (g, &(lo, _)) in inst.bounds.iter().enumerate() {
            for _ in 0..lo {
                let i = next.next().expect("the bounds were checked against n");
                group[i] = g as u32;
                size[g] += 1;
            }
        }
        for i in next {
            let open: Vec<usize> = (0..inst.m)
                .filter(|&g| size[g] < inst.bounds[g].1)
                .collect();
            let g = open[rng.random_range(0..open.len())];
            group[i] = g as u32;
            size[g] += 1;
        }
        group
    }

    fn shift(&mut self, i: usize, from: usize, to: usize) {
        let (n, m) = (self.inst.n, self.inst.m);
        for k in 0..n {
            let d = self.inst.dist(i, k);
            let row = &mut self.gain[k * m..(k + 1) * m];
            row[from] -= d;
            row[to] += d;
        }
        self.group[i] = to as u32;
        self.size[from] -= 1;
        self.size[to] += 1;
    }

    fn cost_of(objective: f64) -> Cost {
        Cost {
            deficit: 0,
            score: -objective,
            tie: 0.0,
        }
    }

    /// The objective as kept (incrementally).
    pub fn objective(&self) -> f64 {
        self.objective
    }
}

impl Search for MdgpSearch<'_> {
    type Move = Move;
    type Solution = Vec<u32>;

    fn cost(&self) -> Cost {
        Self::cost_of(self.objective)
    }

    fn propose(&mut self, rng: &mut ChaCha8Rng) -> Option<(Move, Cost)> {
        let (n, m) = (self.inst.n, self.inst.m);
        let i = rng.random_range(0..n);
        let g = self.group[i] as usize;
        let gi = &self.gain[i * m..(i + 1) * m];
        if rng.random_bool(0.3) {
            let h = rng.random_range(0..m);
            if h == g
                || self.size[g] <= self.inst.bounds[g].0
                || self.size[h] >= self.inst.bounds[h].1
            {
                return None;
            }
            let delta = gi[h] - gi[g];
            return Some((
                Move::Relocate {
                    i: i as u32,
                    to: h as u32,
                    delta,
                },
                Self::cost_of(self.objective + delta),
            ));
        }
        let j = rng.random_range(0..n);
        let h = self.group[j] as usize;
        if h == g {
            return None;
        }
        let dij = self.inst.dist(i, j);
        let gj = &self.gain[j * m..(j + 1) * m];
        let delta = (gi[h] - dij - gi[g]) + (gj[g] - dij - gj[h]);
        Some((
            Move::Swap {
                i: i as u32,
                j: j as u32,
                delta,
            },
            Self::cost_of(self.objective + delta),
        ))
    }

    fn accept(&mut self, mv: Move) {
        match mv {
            Move::Relocate { i, to, delta } => {
                let from = self.group[i as usize] as usize;
                self.shift(i as usize, from, to as usize);
                self.objective += delta;
            }
            Move::Swap { i, j, delta } => {
                let (gi, gj) = (
                    self.group[i as usize] as usize,
                    self.group[j as usize] as usize,
                );
                self.shift(i as usize, gi, gj);
                self.shift(j as usize, gj, gi);
                self.objective += delta;
            }
        }
    }

    // moves are priced, not applied: nothing to take back
    fn reject(&mut self, _m: Move) {}

    fn redo(&mut self, m: Move) -> Move {
        m
    }

    fn solution(&self) -> Vec<u32> {
        self.group.clone()
    }
}

/// Share of the budget (time or moves) the annealing takes; the rest goes to
/// the iterated tabu search from the annealing's best. (RanReal n = 120, 3 s,
/// seeds 2 and 3: 1.0, annealing only, gave mean gaps of 0.35 and 0.28 %,
/// 0.5 0.25 and 0.26 %, 0.2 0.23 %, 0.05 0.10 and 0.09 %, 0 0.21 and 0.19 %.)
const ANNEAL_SHARE: f64 = 0.05;

/// Runs `searches` independent searches in parallel within `budget`, each
/// an annealing (the engine of the planner, by `schedule`) for a share of
/// its part of the budget followed by an iterated tabu search from its best,
/// and gives the best assignment by (objective, search) with its objective
/// recomputed, and the moves made (a tabu step counts as `n` moves).
pub fn solve(
    inst: &Instance,
    searches: usize,
    seed: u64,
    budget: &Budget,
    schedule: &Schedule,
) -> (Found<Vec<u32>>, f64, u64) {
    let (found, moves) = engine::run_parallel(searches, seed, budget, |k, mut rng, part| {
        let s = MdgpSearch::new(inst, MdgpSearch::random_start(inst, &mut rng));
        search_one(inst, s, rng, part, schedule, k)
    });
    let objective = inst
        .objective(&found.solution)
        .expect("the search keeps the size bounds");
    (found, objective, moves)
}

/// One search: the annealing for [`ANNEAL_SHARE`] of `budget`, then the
/// iterated tabu search from its best for the rest.
fn search_one(
    inst: &Instance,
    s: MdgpSearch,
    rng: ChaCha8Rng,
    budget: &Budget,
    schedule: &Schedule,
    k: usize,
) -> Found<Vec<u32>> {
    let mut tabu_rng = rng.clone();
    tabu_rng.set_stream((1 << 32) + k as u64);
    let anneal_budget = budget
        .with_moves(
            budget
                .moves()
                .map(|n| ((n as f64 * ANNEAL_SHARE) as u64).max(1)),
        )
        .share(ANNEAL_SHARE);
    let annealed = engine::anneal(s, rng, &anneal_budget, schedule, k);
    let budget = budget.with_moves(
        budget
            .moves()
            .map(|n| n.saturating_sub(annealed.iterations)),
    );
    let (solution, objective, used, by_time) =
        iterated_tabu(inst, annealed.solution, &mut tabu_rng, &budget);
    Found {
        solution,
        cost: MdgpSearch::cost_of(objective),
        search: k,
        iterations: annealed.iterations + used,
        stopped_by_time: annealed.stopped_by_time || by_time,
    }
}

/// Tabu steps without a better state in a run before the run ends, per element.
/// (10 did a little better than 5 and 15 on RanReal n = 120.)
const TABU_DEPTH_PER_ELEMENT: u64 = 10;

/// Iterated tabu search: tabu runs on the combined neighbourhood (every
/// relocation and every swap, the best non-tabu one taken, a tabu one if it
/// beats the run's best), each run ending after a number of steps without
/// improvement; the next run starts from the best state after a few random
/// swaps (and relocations), more of them while the best does not improve.
/// Within the budget's moves (a step counts `n`) and/or its clock; without
/// either, one run. Gives the best assignment, its objective, the moves
/// made and whether the clock stopped it.
fn iterated_tabu(
    inst: &Instance,
    start: Vec<u32>,
    rng: &mut ChaCha8Rng,
    budget: &Budget,
) -> (Vec<u32>, f64, u64, bool) {
    let units = budget.moves();
    let (n, m) = (inst.n, inst.m);
    let mut s = MdgpSearch::new(inst, start);
    let mut best_sol = s.group.clone();
    let mut best = s.objective;
    let mut tabu = vec![0u64; n * m];
    let mut step: u64 = 0;
    let mut used: u64 = 0;
    let depth = TABU_DEPTH_PER_ELEMENT * n as u64;
    // tenure: n/20..=n/10 steps (n/10..=n/5 and n/40..=n/20 did worse on RanReal n = 120)
    let (t_lo, t_hi) = ((n / 20).max(3), (n / 10).max(5));
    let (k_lo, k_hi) = ((n / 40).max(2), (n / 8).max(3));
    let mut strength = k_lo;
    let mut by_time = false;
    'outer: loop {
        // one tabu run from s
        let mut run_best = s.objective;
        let mut run_sol = s.group.clone();
        let mut idle = 0;
        while idle < depth {
            if units.is_some_and(|u| used + n as u64 > u) {
                break 'outer;
            }
            if budget.out_of_time() {
                by_time = true;
                break 'outer;
            }
            budget.report(n as u64);
            if budget.stopped() {
                break 'outer;
            }
            used += n as u64;
            step += 1;
            let Some(mv) = s.best_step(&tabu, step, run_best) else {
                break;
            };
            let tenure = |rng: &mut ChaCha8Rng| step + rng.random_range(t_lo..=t_hi) as u64;
            match mv {
                Move::Relocate { i, .. } => {
                    let g = s.group[i as usize] as usize;
                    tabu[i as usize * m + g] = tenure(rng);
                }
                Move::Swap { i, j, .. } => {
                    let gi = s.group[i as usize] as usize;
                    let gj = s.group[j as usize] as usize;
                    tabu[i as usize * m + gi] = tenure(rng);
                    tabu[j as usize * m + gj] = tenure(rng);
                }
            }
            s.accept(mv);
            if s.objective > run_best + engine::EPS {
                run_best = s.objective;
                run_sol.clone_from(&s.group);
                idle = 0;
            } else {
                idle += 1;
            }
        }
        if run_best > best + engine::EPS {
            best = run_best;
            best_sol = run_sol;
            strength = k_lo;
        } else {
            strength = (strength + 1).min(k_hi);
        }
        if budget.unbounded() {
            break;
        }
        // perturb the best state; once stagnated, at times move several
        // elements between two groups first (on Geo n = 120 ds, seeds 1 and
        // 2, this took the mean gap from 0.31 and 0.28 % to −0.08 %)
        s = MdgpSearch::new(inst, best_sol.clone());
        if strength == k_hi && rng.random_bool(0.5) {
            s.transfer(rng);
        }
        let mut done = 0;
        let mut tries = 0;
        while done < strength && tries < 100 * strength {
            tries += 1;
            if let Some((mv, _)) = s.propose(rng) {
                s.accept(mv);
                done += 1;
            }
        }
    }
    (best_sol, best, used, by_time)
}

impl MdgpSearch<'_> {
    /// Moves a random number of random elements from one group that can
    /// shrink to one that can grow (different group sizes: the size pattern
    /// of a state is hard to leave by single moves).
    fn transfer(&mut self, rng: &mut ChaCha8Rng) {
        let b = &self.inst.bounds;
        let from: Vec<usize> = (0..self.inst.m)
            .filter(|&g| self.size[g] > b[g].0)
            .collect();
        let to: Vec<usize> = (0..self.inst.m)
            .filter(|&g| self.size[g] < b[g].1)
            .collect();
        if from.is_empty() || to.is_empty() {
            return;
        }
        let a = from[rng.random_range(0..from.len())];
        let c = to[rng.random_range(0..to.len())];
        if a == c {
            return;
        }
        let most = (self.size[a] - b[a].0).min(b[c].1 - self.size[c]);
        let t = rng.random_range(1..=most);
        for _ in 0..t {
            let members: Vec<usize> = (0..self.inst.n)
                .filter(|&i| self.group[i] as usize == a)
                .collect();
            let i = members[rng.random_range(0..members.len())];
            let m = self.inst.m;
            let delta = self.gain[i * m + c] - self.gain[i * m + a];
            self.shift(i, a, c);
            self.objective += delta;
        }
    }

    /// The best relocation or swap that is not tabu at `step` (or that
    /// beats `aspire`); `None` if there is no legal one.
    fn best_step(&self, tabu: &[u64], step: u64, aspire: f64) -> Option<Move> {
        let (n, m) = (self.inst.n, self.inst.m);
        let mut best: Option<Move> = None;
        let mut best_delta = f64::NEG_INFINITY;
        let own: Vec<f64> = (0..n)
            .map(|i| self.gain[i * m + self.group[i] as usize])
            .collect();
        let room_out: Vec<bool> = (0..m)
            .map(|g| self.size[g] > self.inst.bounds[g].0)
            .collect();
        let room_in: Vec<bool> = (0..m)
            .map(|g| self.size[g] < self.inst.bounds[g].1)
            .collect();
        let any_in = room_in.iter().any(|&b| b);
        for i in 0..n {
            let gi = self.group[i] as usize;
            let row = &self.gain[i * m..(i + 1) * m];
            let oi = own[i];
            if any_in && room_out[gi] {
                for h in 0..m {
                    if h == gi || !room_in[h] {
                        continue;
                    }
                    let delta = row[h] - oi;
                    if delta > best_delta
                        && (tabu[i * m + h] <= step
                            || self.objective + delta > aspire + engine::EPS)
                    {
                        best_delta = delta;
                        best = Some(Move::Relocate {
                            i: i as u32,
                            to: h as u32,
                            delta,
                        });
                    }
                }
            }
            let di = &self.inst.d[i * n..(i + 1) * n];
            for j in i + 1..n {
                let gj = self.group[j] as usize;
                if gj == gi {
                    continue;
                }
                let delta = row[gj] - oi + self.gain[j * m + gi] - own[j] - 2.0 * di[j];
                if delta > best_delta
                    && ((tabu[i * m + gj] <= step && tabu[j * m + gi] <= step)
                        || self.objective + delta > aspire + engine::EPS)
                {
                    best_delta = delta;
                    best = Some(Move::Swap {
                        i: i as u32,
                        j: j as u32,
                        delta,
                    });
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Instance {
        // 6 elements, 2 groups of 3; element i at position i on a line
        let mut text = String::from("6 2 ss 3 3 3 3\n");
        for i in 0..6 {
            for j in i + 1..6 {
                text.push_str(&format!("{i} {j} {}\n", (j - i) as f64));
            }
        }
        parse_instance(&text, "tiny").unwrap()
    }

    #[test]
    fn the_kept_objective_matches_a_recount_after_moves() {
        let inst = tiny();
        let mut rng = engine::rng_for(7, 0);
        let mut s = MdgpSearch::new(&inst, MdgpSearch::random_start(&inst, &mut rng));
        for _ in 0..200 {
            if let Some((m, c)) = s.propose(&mut rng) {
                s.accept(m);
                let f = inst.objective(&s.solution()).unwrap();
                assert!((f - s.objective()).abs() < 1e-9);
                assert!((c.score + f).abs() < 1e-9);
            }
        }
    }
}
