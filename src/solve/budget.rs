//! The budget of one run: a deadline, a move budget per search and a stop
//! flag, made once when the run starts and from then on only asked what
//! remains (as vrp's `Environment` carries its quota).
//!
//! Everything that spends time reads the same object: the searches (their
//! move budget, their clock and the cooling that follows it), the last
//! descent, the exact solve after the heuristic (what is left of the clock)
//! and the exact fallback. So `--time-limit` bounds the whole solve; what
//! comes before the budget is made (reading the case, the eligibility table,
//! the score's constants) and after the solve (writing the plan) is outside it.

use super::engine::Progress;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// A run's budget: when it started, its deadline, the moves each search may
/// make, and the stop flag of a [`Progress`] (Ctrl-C). Cheap to copy; a part
/// of it (an earlier deadline, other moves) is another `Budget` on the same
/// clock and flag.
#[derive(Debug, Clone, Copy)]
pub struct Budget<'p> {
    started: Instant,
    deadline: Option<Instant>,
    moves: Option<u64>,
    progress: Option<&'p Progress>,
}

impl<'p> Budget<'p> {
    /// A budget starting now: `moves` per search (a work budget: the result
    /// is reproducible), `time_limit` of wall-clock time (the best plan when
    /// it is up); neither: a search makes only its warm-up moves.
    pub fn new(moves: Option<u64>, time_limit: Option<Duration>) -> Budget<'p> {
        Budget::since(Instant::now(), moves, time_limit)
    }

    /// As [`Budget::new`], with the clock started at `started` (so that work
    /// done before, such as reading the input, counts against `time_limit`).
    pub fn since(started: Instant, moves: Option<u64>, time_limit: Option<Duration>) -> Budget<'p> {
        Budget {
            started,
            deadline: time_limit.map(|t| started + t),
            moves,
            progress: None,
        }
    }

    /// The same budget, reporting moves to `progress` and stopping when its
    /// stop flag is set.
    pub fn with_progress(self, progress: Option<&'p Progress>) -> Budget<'p> {
        Budget { progress, ..self }
    }

    /// The same clock and flag with another move budget per search.
    pub fn with_moves(self, moves: Option<u64>) -> Budget<'p> {
        Budget { moves, ..self }
    }

    /// The same budget, ending at `deadline` if that is earlier.
    pub fn until(self, deadline: Instant) -> Budget<'p> {
        Budget {
            deadline: Some(self.deadline.map_or(deadline, |d| d.min(deadline))),
            ..self
        }
    }

    /// The same budget, ending once `share` (0–1) of the time that remains
    /// now has passed; unchanged without a deadline.
    pub fn share(self, share: f64) -> Budget<'p> {
        match self.remaining() {
            Some(left) => self.until(Instant::now() + left.mul_f64(share.clamp(0.0, 1.0))),
            None => self,
        }
    }

    /// When the run started.
    pub fn started(&self) -> Instant {
        self.started
    }

    /// Time since the run started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The deadline, if there is a clock.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Moves per search, if there is a work budget.
    pub fn moves(&self) -> Option<u64> {
        self.moves
    }

    /// Time left before the deadline (zero once it has passed); `None`
    /// without a clock.
    pub fn remaining(&self) -> Option<Duration> {
        self.deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
    }

    /// Has the deadline passed?
    pub fn out_of_time(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// Was the run asked to stop (Ctrl-C)?
    pub fn stopped(&self) -> bool {
        self.progress
            .is_some_and(|p| p.stop.load(Ordering::Relaxed))
    }

    /// Out of time or asked to stop: nothing more should start.
    pub fn done(&self) -> bool {
        self.stopped() || self.out_of_time()
    }

    /// Neither a move budget nor a clock.
    pub fn unbounded(&self) -> bool {
        self.moves.is_none() && self.deadline.is_none()
    }

    /// The progress counters, if any.
    pub fn progress(&self) -> Option<&'p Progress> {
        self.progress
    }

    /// Counts `moves` more moves made (for a progress display).
    pub fn report(&self, moves: u64) {
        if let Some(p) = self.progress {
            p.moves.fetch_add(moves, Ordering::Relaxed);
        }
    }

    /// This search's part of the clock when `waves` rounds of searches
    /// (itself included) still have to run one after another on the
    /// threads: an equal share of what remains. With a move budget alone,
    /// the budget itself.
    pub(crate) fn slice(self, waves: usize) -> Budget<'p> {
        if waves <= 1 {
            return self;
        }
        self.share(1.0 / waves as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_remains_falls_and_a_share_ends_earlier() {
        let b = Budget::new(Some(10), Some(Duration::from_secs(100)));
        let left = b.remaining().unwrap();
        assert!(left <= Duration::from_secs(100) && left > Duration::from_secs(99));
        let half = b.share(0.5);
        assert!(half.deadline().unwrap() < b.deadline().unwrap());
        assert_eq!(half.moves(), Some(10));
        assert!(half.remaining().unwrap() <= Duration::from_secs(50));
        // an earlier deadline is kept, a later one ignored
        let later = half.until(b.deadline().unwrap() + Duration::from_secs(5));
        assert_eq!(later.deadline(), half.deadline());
        assert!(!b.done());
        assert!(Budget::new(None, Some(Duration::ZERO)).out_of_time());
    }

    #[test]
    fn without_a_clock_nothing_runs_out_and_slices_are_whole() {
        let b = Budget::new(Some(5), None);
        assert_eq!(b.remaining(), None);
        assert!(!b.done());
        assert_eq!(b.slice(3).deadline(), None);
        assert!(Budget::new(None, None).unbounded());
    }

    #[test]
    fn the_stop_flag_ends_the_budget() {
        let p = Progress::default();
        let b = Budget::new(None, None).with_progress(Some(&p));
        assert!(!b.done());
        p.stop.store(true, Ordering::Relaxed);
        assert!(b.stopped() && b.done());
        b.report(7);
        assert_eq!(p.moves.load(Ordering::Relaxed), 7);
    }
}
