//! The Maximally Diverse Grouping Problem (MDGP) on the same search core as
//! the round planner: `n` elements into `m` groups of `a_g..=b_g` elements,
//! maximising the sum over groups of the pairwise distances inside them.
//! Instances in the MDGPLIB format (see `../shared/bench/mdgp`).
//!
//! The search keeps, per element and group, the sum of distances from the
//! element to the group's members, so a move or a swap is priced in O(1) and
//! applied in O(n).

use crate::error::{InputError, InputErrors, Position};
use crate::solve::engine::{self, Budget, Cost, Found, Progress, Search};
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
            message: e.to_string(),
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

/// Runs `searches` annealing searches in parallel (the engine of the
/// planner) and gives the best assignment with its objective recomputed.
pub fn solve(
    inst: &Instance,
    searches: usize,
    seed: u64,
    budget: &Budget,
    progress: Option<&Progress>,
) -> (Found<Vec<u32>>, f64, u64) {
    let (found, moves) = engine::run_parallel(searches, seed, budget, progress, |_, rng| {
        let start = MdgpSearch::random_start(inst, rng);
        MdgpSearch::new(inst, start)
    });
    let objective = inst
        .objective(&found.solution)
        .expect("the search keeps the size bounds");
    (found, objective, moves)
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
