//! The search core, independent of what is being grouped: simulated
//! annealing over a [`Search`] (a state that proposes moves and knows their
//! cost), run as several independent searches in parallel on rayon.
//!
//! The round planner ([`super::heuristic`]) is one `Search`; the Maximally
//! Diverse Grouping Problem is another, so both share this loop.
//!
//! Determinism: each search `i` draws from its own `ChaCha8Rng` (the seed,
//! stream `i`), the searches never talk to each other, and the best one is
//! chosen by (cost, i). With a work budget (moves per search) the result is
//! the same whatever the number of threads.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering as AtomicOrdering};
use std::time::Instant;

use super::budget::Budget;

/// The cost of a state, compared lexicographically: first the hard-rule
/// deficit (people, leaders or experts still missing), then the score, then a
/// smooth tie-break that steers the search across plateaus of the score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    /// Units still missing to meet the lower bounds of the rules; 0 when feasible.
    pub deficit: i64,
    /// The score (lower is better).
    pub score: f64,
    /// A smooth secondary measure (lower is better), not reported.
    pub tie: f64,
}

/// Scores closer than this are equal (they are sums of a few weighted integers).
pub const EPS: f64 = 1e-9;

impl Cost {
    /// Lexicographic order with [`EPS`] on the floats.
    pub fn cmp_lex(&self, o: &Cost) -> Ordering {
        self.deficit.cmp(&o.deficit).then_with(|| {
            if (self.score - o.score).abs() > EPS {
                self.score.total_cmp(&o.score)
            } else if (self.tie - o.tie).abs() > EPS {
                self.tie.total_cmp(&o.tie)
            } else {
                Ordering::Equal
            }
        })
    }

    /// What annealing minimises once the deficit is equal.
    fn annealed(&self, tie_weight: f64) -> f64 {
        self.score + tie_weight * self.tie
    }
}

/// A state the engine can search.
pub trait Search {
    /// A proposed change, enough to make it stick, take it back or make it again.
    type Move: Clone;
    /// What the search hands out at the end.
    type Solution: Clone + Send;

    /// The current cost.
    fn cost(&self) -> Cost;
    /// Proposes a random move that keeps every hard rule, with the cost the
    /// state would have after it. It may already be applied; the engine then
    /// calls [`Search::accept`] or [`Search::reject`]. `None`: no legal move found.
    fn propose(&mut self, rng: &mut ChaCha8Rng) -> Option<(Self::Move, Cost)>;
    /// Makes the proposed move stick.
    fn accept(&mut self, m: Self::Move);
    /// Takes the proposed move back.
    fn reject(&mut self, m: Self::Move);
    /// Makes a move again after it was taken back (the state being as when
    /// it was proposed); gives the move as [`Search::propose`] would.
    fn redo(&mut self, m: Self::Move) -> Self::Move;
    /// The current state as a solution.
    fn solution(&self) -> Self::Solution;
}

/// Final temperature of the annealing as a share of the initial one
/// (measured on the sample over 20 seeds at 4 × 280k moves: 3e-2 gave a
/// mean score of 0.34, 1e-2 0.38 and 1e-1 0.49; 1e-3, with the former
/// initial temperature, 0.45).
pub const DEFAULT_COOLING: f64 = 3e-2;

/// How one search anneals: what it minimises beside the cost, how fast it
/// cools and how it accepts a worse move. (What it may spend is the run's
/// [`Budget`].)
#[derive(Debug, Clone)]
pub struct Schedule {
    /// Weight of the tie-break inside the annealed cost.
    pub tie_weight: f64,
    /// Final temperature as a fraction (0–1) of the initial one.
    pub cooling: f64,
    /// How worse moves are accepted.
    pub acceptance: Acceptance,
    /// Stop as soon as the state keeps every rule (the first plan, for benchmarks).
    pub first_feasible: bool,
}

impl Default for Schedule {
    /// Annealing with the default cooling, no tie-break.
    fn default() -> Self {
        Schedule {
            tie_weight: 0.0,
            cooling: DEFAULT_COOLING,
            acceptance: Acceptance::Annealing,
            first_feasible: false,
        }
    }
}

/// How a search accepts a move that makes the cost worse.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Acceptance {
    /// Simulated annealing: with probability exp(−Δ/T), T falling
    /// geometrically over the budget (the default; see the README for why).
    Annealing,
    /// Late acceptance hill climbing: if no worse than the cost this many moves ago.
    LateAcceptance(usize),
}

/// What one search found.
#[derive(Debug, Clone)]
pub struct Found<S> {
    /// The best solution seen.
    pub solution: S,
    /// Its cost.
    pub cost: Cost,
    /// Which search (its stream number).
    pub search: usize,
    /// Moves proposed (a count, the warm-up included).
    pub iterations: u64,
    /// Did the clock stop it before its move budget?
    pub stopped_by_time: bool,
}

/// Shared counters a progress display can read.
#[derive(Debug, Default)]
pub struct Progress {
    /// Moves proposed so far, over all searches.
    pub moves: AtomicU64,
    /// Set to stop every search early (e.g. on Ctrl-C); they return their best.
    pub stop: AtomicBool,
}

/// The search's own random stream: the seed, stream `i`.
pub fn rng_for(seed: u64, i: usize) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(i as u64);
    rng
}

/// Sizes the initial temperature: a short descent first (so that the
/// measure is taken near good states, not at the unbalanced start), then a
/// low quantile of the uphill changes of the annealed cost over sampled
/// moves (all taken back): the small steps between good states, not the
/// large ones (a must-serve person dropped) that a median would follow.
/// Gives the moves made.
fn initial_temperature<S: Search>(
    s: &mut S,
    rng: &mut ChaCha8Rng,
    tie_weight: f64,
    budget: Option<u64>,
) -> (f64, u64) {
    // a tenth of a small budget at most
    let cap = budget.map_or(u64::MAX, |n| n / 10);
    let mut moves = 0;
    for _ in 0..DESCENT_MOVES.min(cap) {
        moves += 1;
        let before = s.cost();
        if let Some((m, c)) = s.propose(rng) {
            if c.cmp_lex(&before) != Ordering::Greater {
                s.accept(m);
            } else {
                s.reject(m);
            }
        }
    }
    let cur = s.cost();
    let mut ups = Vec::new();
    for _ in 0..SAMPLE_MOVES.min(cap).max(MIN_SAMPLE) {
        moves += 1;
        if let Some((m, c)) = s.propose(rng) {
            let d = c.annealed(tie_weight) - cur.annealed(tie_weight);
            if c.deficit == cur.deficit && d > EPS {
                ups.push(d);
            }
            s.reject(m);
        }
    }
    if ups.is_empty() {
        return (1.0, moves);
    }
    ups.sort_by(|a, b| a.total_cmp(b));
    let i = (ups.len() as f64 * UPHILL_QUANTILE) as usize;
    (ups[i.min(ups.len() - 1)], moves)
}

/// Moves of the descent before the temperature is sized.
const DESCENT_MOVES: u64 = 5_000;
/// Moves sampled to size the temperature.
const SAMPLE_MOVES: u64 = 1_000;
/// … at least, whatever the budget.
const MIN_SAMPLE: u64 = 100;
/// The quantile of the sampled uphill changes taken as the initial
/// temperature (on the sample, over 20 seeds at 4 × 280k moves: 0.1, 0.2,
/// 0.3 and 0.5 gave mean scores 0.37, 0.34, 0.30 and 0.50 with the cooling
/// of 3e-2; on the 25 small cases 0.2 reached 15 optima, 0.3 14).
const UPHILL_QUANTILE: f64 = 0.2;

/// One annealing run from the state as given, within `budget` (its moves,
/// its clock, its stop flag): the temperature falls geometrically from the
/// one [`initial_temperature`] measures to `schedule.cooling` of it, by the
/// moves made with a move budget, else by the clock.
pub fn anneal<S: Search>(
    mut s: S,
    mut rng: ChaCha8Rng,
    budget: &Budget,
    schedule: &Schedule,
    search: usize,
) -> Found<S::Solution> {
    let tw = schedule.tie_weight;
    if schedule.first_feasible && s.cost().deficit == 0 {
        let cost = s.cost();
        return Found {
            solution: s.solution(),
            cost,
            search,
            iterations: 0,
            stopped_by_time: false,
        };
    }
    let (t0, warm_up) = initial_temperature(&mut s, &mut rng, tw, budget.moves());
    let mut run = Run {
        t0,
        t_end: t0 * schedule.cooling,
        start: Instant::now(),
        total_time: budget
            .deadline()
            .map(|d| d.saturating_duration_since(Instant::now()).as_secs_f64()),
        it: warm_up,
        unreported: warm_up,
    };
    let mut cur = s.cost();
    let mut best = cur;
    let mut best_sol = s.solution();
    // the best state is copied lazily: only when the search is about to leave it
    let mut dirty = false;
    let mut history = match schedule.acceptance {
        Acceptance::LateAcceptance(n) => vec![cur.annealed(tw); n.max(1)],
        Acceptance::Annealing => Vec::new(),
    };
    let mut temp = t0;
    let mut stopped_by_time = false;
    loop {
        if budget.moves().is_some_and(|n| run.it >= n) {
            break;
        }
        if run.it.is_multiple_of(CHECK_EVERY) {
            match run.check(budget) {
                Check::Go(t) => temp = t,
                Check::Stop { by_time } => {
                    stopped_by_time = by_time;
                    break;
                }
            }
        }
        run.it += 1;
        run.unreported += 1;
        let Some((m, c)) = s.propose(&mut rng) else {
            continue;
        };
        let ok = match c.deficit.cmp(&cur.deficit) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => {
                let d = c.annealed(tw) - cur.annealed(tw);
                match schedule.acceptance {
                    Acceptance::Annealing => d <= EPS || rng.random::<f64>() < (-d / temp).exp(),
                    Acceptance::LateAcceptance(_) => {
                        let slot = (run.it as usize) % history.len();
                        let ok = d <= EPS || c.annealed(tw) <= history[slot] + EPS;
                        history[slot] = if ok { c.annealed(tw) } else { cur.annealed(tw) };
                        ok
                    }
                }
            }
        };
        if !ok {
            s.reject(m);
            continue;
        }
        let m = if dirty && c.cmp_lex(&best) == Ordering::Greater {
            // leaving the best state: copy it first
            s.reject(m.clone());
            best_sol = s.solution();
            dirty = false;
            s.redo(m)
        } else {
            m
        };
        s.accept(m);
        cur = c;
        if cur.cmp_lex(&best) == Ordering::Less {
            best = cur;
            dirty = true;
        }
        if schedule.first_feasible && cur.deficit == 0 {
            break;
        }
    }
    budget.report(run.unreported);
    if dirty {
        best_sol = s.solution();
    }
    Found {
        solution: best_sol,
        cost: best,
        search,
        iterations: run.it,
        stopped_by_time,
    }
}

/// Moves between two looks at the clock, the stop flag and the temperature.
const CHECK_EVERY: u64 = 512;

/// The bookkeeping of one annealing run.
struct Run {
    t0: f64,
    t_end: f64,
    /// When the annealing proper began (after the warm-up).
    start: Instant,
    /// Seconds from `start` to the deadline, if there is one.
    total_time: Option<f64>,
    /// Moves made, the warm-up included.
    it: u64,
    /// Moves not yet counted in the progress display.
    unreported: u64,
}

/// What a look at the budget decided.
enum Check {
    /// Go on at this temperature.
    Go(f64),
    /// Stop; `by_time`: the clock ended a search that had moves left.
    Stop { by_time: bool },
}

impl Run {
    /// The temperature now (by the moves made with a move budget, else by
    /// the clock), or a stop: the deadline passed, the stop flag set, or no
    /// budget at all beyond the warm-up.
    fn check(&mut self, budget: &Budget) -> Check {
        let frac = match (budget.moves(), self.total_time) {
            (Some(n), _) => self.it as f64 / n.max(1) as f64,
            (None, Some(total)) if total > 0.0 => {
                (self.start.elapsed().as_secs_f64() / total).min(1.0)
            }
            _ => 1.0,
        };
        let temp = self.t0 * (self.t_end / self.t0).powf(frac);
        if budget.out_of_time() {
            return Check::Stop {
                by_time: budget.moves().is_some_and(|n| self.it < n),
            };
        }
        budget.report(self.unreported);
        self.unreported = 0;
        if budget.stopped() || budget.unbounded() {
            return Check::Stop { by_time: false };
        }
        Check::Go(temp)
    }
}

/// Runs `searches` independent searches on the current rayon pool and
/// keeps the best by (cost, search). Search `i` gets its own random stream
/// ([`rng_for`]`(seed, i)`) and its part of the budget: with a clock, an
/// equal share of what remains when it starts (searches beyond the number
/// of threads wait for a thread, and would otherwise find the clock run
/// out); with a move budget alone, the whole budget, so the result does not
/// depend on the threads. Gives the best with the moves made by all.
pub fn run_parallel<T, F>(searches: usize, seed: u64, budget: &Budget, run: F) -> (Found<T>, u64)
where
    T: Send,
    F: Fn(usize, ChaCha8Rng, &Budget) -> Found<T> + Sync,
{
    let searches = searches.max(1);
    let threads = rayon::current_num_threads().max(1);
    let begun = AtomicUsize::new(0);
    let found: Vec<Found<T>> = (0..searches)
        .into_par_iter()
        .map(|i| {
            // this search and those not begun yet, in rounds of `threads`
            let left = searches - begun.fetch_add(1, AtomicOrdering::Relaxed);
            let part = budget.slice(left.div_ceil(threads));
            run(i, rng_for(seed, i), &part)
        })
        .collect();
    let total = found.iter().map(|f| f.iterations).sum();
    let best = found
        .into_iter()
        .min_by(|a, b| a.cost.cmp_lex(&b.cost).then(a.search.cmp(&b.search)))
        .expect("at least one search");
    (best, total)
}
