//! A last exhaustive descent on the best plan of a small round.

use super::{Change, PlanSearch};
use crate::model::Role;
use crate::solve::budget::Budget;
use crate::solve::engine::{Cost, Search};
use crate::solve::state::OUT;

/// Steepest-free descent to a local optimum of the whole neighbourhood:
/// every relocation of a placed person, every swap of two placed people and
/// every exchange of a placed person with one left out, accepting the first
/// move that lowers the cost, until none does or after `max_passes` passes.
/// Used on the best plan when the neighbourhood is small (a city round); the
/// random moves of the annealing may miss the last improving one. Stops
/// when `budget` is done (out of time, or asked to stop). Gives the passes
/// that improved.
pub fn polish(s: &mut PlanSearch, max_pairs: usize, max_passes: usize, budget: &Budget) -> usize {
    let ctx = s.s.ctx;
    let n_groups = ctx.active.len() as u32;
    let mut improved = 0;
    loop {
        let placed = s.s.in_list.clone();
        let out = s.s.out_list.clone();
        if placed.len() * (placed.len() + out.len()) > max_pairs {
            return improved;
        }
        let mut cur = s.s.cost();
        let mut any = false;
        let try_move = |s: &mut PlanSearch, steps: &[(u32, u32, Role)], cur: &mut Cost| {
            if let Some(u) = s.attempt(steps) {
                let c = s.s.cost();
                if c.cmp_lex(cur) == std::cmp::Ordering::Less {
                    *cur = c;
                    return true;
                }
                s.reject(Change::Few(u));
            }
            false
        };
        for &p in &placed {
            if budget.done() {
                return improved + any as usize;
            }
            let (gp, lp) = (s.s.group[p as usize], s.s.role[p as usize]);
            if gp == OUT {
                continue; // moved by an earlier improvement in this pass
            }
            for g in (0..n_groups).chain([OUT]) {
                if g != gp && (ctx.active.get(g as usize).copied().unwrap_or(true)) {
                    any |= try_move(s, &[(p, g, Role::Member)], &mut cur);
                }
                if s.s.group[p as usize] != gp {
                    break;
                }
            }
            if s.s.group[p as usize] != gp {
                continue;
            }
            for &q in placed.iter().chain(&out) {
                let gq = s.s.group[q as usize];
                if q == p || gq == gp || s.s.group[p as usize] != gp {
                    continue;
                }
                if gq != OUT && !ctx.free[q as usize] {
                    continue;
                }
                let lq = s.s.role[q as usize];
                if try_move(s, &[(p, gq, lq), (q, gp, lp)], &mut cur) {
                    any = true;
                    break;
                }
            }
        }
        if !any {
            return improved;
        }
        improved += 1;
        if improved >= max_passes {
            return improved;
        }
    }
}
