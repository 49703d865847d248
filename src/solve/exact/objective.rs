//! The score of SPEC §4 as the MILP's objective, term by term, with the
//! weights of [`ScoreModel::weight_of`]: the spreads of the groups' level
//! sums and means (with size indicators), must-serve people left out, the
//! recency of the people used and the people moved against a baseline.

use super::model::{Milp, SizeIndicators};
use crate::model::{Case, GroupId};
use crate::solve::score::{ScoreModel, TermKind, SCALE};
use good_lp::{variable, Expression};

/// Adds the score to the objective: every term whose weight is not 0.
pub(super) fn add_score(m: &mut Milp, case: &Case, model: &ScoreModel) {
    // spreads of the groups' level sums and means (all groups are staffed
    // in a full plan)
    if case.round.groups.len() >= 2 {
        let w = model.weight_of(TermKind::Expertise);
        if w != 0.0 {
            for k in 0..model.areas {
                let vals: Vec<i64> = case.person_ids().map(|p| model.levels[p.ix()][k]).collect();
                add_spread(m, case, "score.expertise", w, &vals);
            }
        }
        for (i, (key, kind)) in [
            ("score.rank", TermKind::Rank),
            ("score.age", TermKind::Age),
            ("score.gender", TermKind::Gender),
        ]
        .into_iter()
        .enumerate()
        {
            // the means are stated in hundredths (the deviations ×SCALE)
            let w = model.weight_of(kind) / SCALE as f64;
            if w != 0.0 {
                let vals: Vec<i64> = case.person_ids().map(|p| model.dev[p.ix()][i]).collect();
                add_mean_spread(m, case, key, w, &vals);
            }
        }
    }
    add_counted(m, case, model);
}

/// The counted terms: must-serve people left out, recency, people moved.
fn add_counted(m: &mut Milp, case: &Case, model: &ScoreModel) {
    let w = model.weight_of(TermKind::MustServe);
    if w != 0.0 {
        for p in case.person_ids() {
            if model.must_serve[p.ix()] {
                m.objective += w;
                for &i in &m.by_person[p.ix()] {
                    m.slots[i].add_in(&mut m.objective, -w);
                }
            }
        }
    }
    let w = model.weight_of(TermKind::Recent);
    if w != 0.0 {
        for s in &m.slots {
            let r = model.recency[s.p.ix()];
            if r != 0 {
                s.add_in(&mut m.objective, w * r as f64);
            }
        }
    }
    let w = model.weight_of(TermKind::Moved);
    if let (Some(base), true) = (&model.baseline, w != 0.0) {
        for p in case.person_ids() {
            match base[p.ix()] {
                Some((bg, lead)) => {
                    // 1 unless p keeps both the group and the role
                    m.objective += w;
                    // a deputy keeps a member's place (and the other way
                    // round): the score's stability counts the leader's role only
                    if let Some(s) = m.slot(p, bg).copied() {
                        if lead {
                            if let Some(v) = s.leader {
                                m.objective.add_mul(-w, v);
                            }
                        } else {
                            s.add_not_leading(&mut m.objective, -w);
                        }
                    }
                }
                None => {
                    for &i in &m.by_person[p.ix()] {
                        m.slots[i].add_in(&mut m.objective, w);
                    }
                }
            }
        }
    }
}

/// `coef · (hi − lo)` with `lo ≤ Σ_p vals[p]·in(p,g) ≤ hi` for every group.
/// `hi` and `lo` are bounded by the least and greatest sums a group can reach
/// at all (any members of its candidates, at most its maximum size).
///
/// Every group counts, as in [`crate::solve::evaluate`] for a full plan: the loader
/// makes every group's minimum size at least 1, so no group is left empty. (A
/// hand-built case with a minimum of 0 would see an empty group counted here
/// with a sum of 0, where `evaluate` skips it.)
fn add_spread(m: &mut Milp, case: &Case, key: &'static str, coef: f64, vals: &[i64]) {
    let mut floor = i64::MAX;
    let mut ceil = i64::MIN;
    let mut sums = Vec::with_capacity(case.round.groups.len());
    for g in case.group_ids() {
        let mut v: Vec<i64> = m.by_group[g.ix()]
            .iter()
            .map(|&i| vals[m.slots[i].p.ix()])
            .collect();
        v.sort_unstable();
        let hi_size = case.group(g).size.1 as usize;
        let neg: i64 = v.iter().take(hi_size).filter(|&&x| x < 0).sum();
        let pos: i64 = v.iter().rev().take(hi_size).filter(|&&x| x > 0).sum();
        floor = floor.min(neg);
        ceil = ceil.max(pos);
        let mut e = Expression::default();
        for &i in &m.by_group[g.ix()] {
            let x = vals[m.slots[i].p.ix()];
            if x != 0 {
                m.slots[i].add_in(&mut e, x as f64);
            }
        }
        sums.push((g, e));
    }
    let (floor, ceil) = (floor as f64, ceil as f64);
    let hi = m.vars.add(variable().min(floor).max(ceil));
    let lo = m.vars.add(variable().min(floor).max(ceil));
    for (g, e) in sums {
        let id = &case.group(g).id;
        let mut up = e.clone();
        up.add_mul(-1.0, hi);
        m.add(key, || format!("{id},hi"), up.leq(0.0));
        let mut down = e;
        down.add_mul(-1.0, lo);
        m.add(key, || format!("{id},lo"), down.geq(0.0));
    }
    m.objective.add_mul(coef, hi);
    m.objective.add_mul(-coef, lo);
}

/// The size indicators of group `g`: `z[g,s]` (binary) for each size `s` it
/// may take, with `Σ_s z = 1` and `Σ_p in(p,g) = Σ_s s·z` (counted under
/// `score.size`); made once per group, on first use. A group whose size is
/// fixed (its bounds, or its candidates, allow one) needs none.
pub(super) fn size_indicators(m: &mut Milp, case: &Case, g: GroupId) -> SizeIndicators {
    if let Some(z) = &m.sizes[g.ix()] {
        return z.clone();
    }
    let (lo, hi) = case.group(g).size;
    let hi = hi.min(m.by_group[g.ix()].len() as u32);
    let z: SizeIndicators = if lo >= hi {
        vec![(lo.max(1), None)]
    } else {
        let z: SizeIndicators = (lo.max(1)..=hi)
            .map(|s| (s, Some(m.vars.add(variable().binary()))))
            .collect();
        let id = case.group(g).id.clone();
        let mut one = Expression::default();
        let mut count = m.in_sum(&m.by_group[g.ix()]);
        for &(s, v) in &z {
            let v = v.expect("a size indicator");
            one.add_mul(1.0, v);
            count.add_mul(-(s as f64), v);
        }
        m.add("score.size", || format!("{id},one"), one.eq(1.0));
        m.add("score.size", || format!("{id},count"), count.eq(0.0));
        z
    };
    m.sizes[g.ix()] = Some(z.clone());
    z
}

/// `coef · (hi − lo)` with `lo ≤ mean_g ≤ hi` for every group, `mean_g` the
/// mean of `vals` over the group's members: `Σ_p vals[p]·in(p,g) − s·hi ≤
/// M·(1 − z[g,s])` for each size `s` the group may take (and alike for `lo`),
/// which holds exactly when the group has `s` members; a group of fixed size
/// `s` gets `Σ − s·hi ≤ 0`. `hi` and `lo` lie between the least and greatest
/// value of any candidate, and so does any mean.
fn add_mean_spread(m: &mut Milp, case: &Case, key: &'static str, coef: f64, vals: &[i64]) {
    let (mut floor, mut ceil) = (i64::MAX, i64::MIN);
    for s in &m.slots {
        let v = vals[s.p.ix()];
        floor = floor.min(v);
        ceil = ceil.max(v);
    }
    if floor > ceil {
        return;
    }
    let (floor, ceil) = (floor as f64, ceil as f64);
    let hi = m.vars.add(variable().min(floor).max(ceil));
    let lo = m.vars.add(variable().min(floor).max(ceil));
    for g in case.group_ids() {
        let mut e = Expression::default();
        let mut most_neg = Vec::new();
        for &i in &m.by_group[g.ix()] {
            let x = vals[m.slots[i].p.ix()];
            most_neg.push(x);
            if x != 0 {
                m.slots[i].add_in(&mut e, x as f64);
            }
        }
        most_neg.sort_unstable();
        let id = case.group(g).id.clone();
        let sizes = size_indicators(m, case, g);
        // the least and greatest sum the group can have, at any of its sizes,
        // bound the big M
        let (mut neg, mut pos) = (0i64, 0i64);
        for &(s, _) in &sizes {
            neg = neg.min(most_neg.iter().take(s as usize).sum());
            pos = pos.max(most_neg.iter().rev().take(s as usize).sum());
        }
        for (s, z) in sizes {
            let sf = s as f64;
            let mut up = e.clone();
            up.add_mul(-sf, hi);
            let mut down = e.clone();
            down.add_mul(-sf, lo);
            match z {
                None => {
                    m.add(key, || format!("{id},hi"), up.leq(0.0));
                    m.add(key, || format!("{id},lo"), down.geq(0.0));
                }
                Some(z) => {
                    let big_up = (pos as f64 - sf * floor).max(0.0);
                    let big_down = (sf * ceil - neg as f64).max(0.0);
                    up.add_mul(big_up, z);
                    down.add_mul(-big_down, z);
                    m.add(key, || format!("{id},hi,{s}"), up.leq(big_up));
                    m.add(key, || format!("{id},lo,{s}"), down.geq(-big_down));
                }
            }
        }
    }
    m.objective.add_mul(coef, hi);
    m.objective.add_mul(-coef, lo);
}
