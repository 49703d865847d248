//! A rule-abiding start: the pins, leaders and deputies by bipartite matching, the
//! scarcest areas first, then people up to each group's minimum size.

use crate::model::{GroupId, PersonId, Role};
use crate::solve::state::{Ctx, State, OUT};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// Leader slots matched to eligible leader-pool people (rules 1–3 only), by
/// augmenting paths; candidates tried in `order`. Gives per group the people matched.
pub fn match_leaders(ctx: &Ctx, need: &[u32], order: &[u32]) -> Vec<Vec<u32>> {
    let n_groups = need.len();
    let mut owner: Vec<u32> = vec![OUT; ctx.case.people.len()];
    let mut slots: Vec<Vec<u32>> = vec![Vec::new(); n_groups];
    fn augment(
        ctx: &Ctx,
        g: usize,
        order: &[u32],
        owner: &mut [u32],
        slots: &mut [Vec<u32>],
        seen: &mut [bool],
    ) -> bool {
        let gid = GroupId(g as u32);
        // a free candidate first, then one who can be re-matched elsewhere
        for &c in order {
            if owner[c as usize] == OUT && ctx.elig.allowed(PersonId(c), gid) {
                owner[c as usize] = g as u32;
                slots[g].push(c);
                return true;
            }
        }
        for &c in order {
            let h = owner[c as usize];
            if h == OUT
                || h as usize == g
                || seen[h as usize]
                || !ctx.elig.allowed(PersonId(c), gid)
            {
                continue;
            }
            seen[h as usize] = true;
            if augment(ctx, h as usize, order, owner, slots, seen) {
                // h found a replacement; c comes to g
                slots[h as usize].retain(|&x| x != c);
                owner[c as usize] = g as u32;
                slots[g].push(c);
                return true;
            }
        }
        false
    }
    let mut seen = vec![false; n_groups];
    for g in 0..n_groups {
        while (slots[g].len() as u32) < need[g] {
            seen.iter_mut().for_each(|s| *s = false);
            seen[g] = true;
            if !augment(ctx, g, order, &mut owner, &mut slots, &mut seen) {
                break;
            }
        }
    }
    slots
}

/// A rule-abiding start: pins (already in `s`), leaders by matching, then the
/// scarcest areas first, then people up to each group's minimum size. What
/// cannot be placed here is left to the search as a deficit.
pub fn construct(s: &mut State, rng: &mut ChaCha8Rng) {
    let ctx = s.ctx;
    let n_groups = ctx.active.len();
    let mut groups: Vec<usize> = (0..n_groups).filter(|&g| ctx.active[g]).collect();
    shuffle(&mut groups, rng);
    // leaders, then deputies (副组长), each by matching
    for role in [Role::Leader, Role::Deputy] {
        let (pool, per_group, have) = match role {
            Role::Leader => (&ctx.leader_pool, ctx.leaders, &s.n_leaders),
            _ => (&ctx.deputy_pool, ctx.deputies, &s.n_deputies),
        };
        if per_group == 0 {
            continue;
        }
        let mut order = pool.clone();
        shuffle(&mut order, rng);
        // people eligible for few groups go first
        order.sort_by_key(|&p| ctx.elig.count_of(PersonId(p)));
        let need: Vec<u32> = (0..n_groups)
            .map(|g| {
                if ctx.active[g] {
                    per_group.saturating_sub(have[g])
                } else {
                    0
                }
            })
            .collect();
        let matched = match_leaders(ctx, &need, &order);
        for &g in &groups {
            for &c in &matched[g] {
                if s.can_insert(c, g as u32, role) {
                    s.insert(c, g as u32, role);
                } else if let Some(&alt) = order.iter().find(|&&a| s.can_insert(a, g as u32, role))
                {
                    s.insert(alt, g as u32, role);
                }
            }
        }
    }
    // areas by how thin the supply is against the demand
    let mut areas: Vec<usize> = (0..ctx.req.len()).filter(|&k| ctx.req[k] > 0).collect();
    areas.sort_by_key(|&k| (ctx.area_pool[k].len() as u64 * 1000) / ctx.req[k] as u64);
    const TRIES: usize = 4000;
    let fill = |s: &mut State, g: usize, list: &[u32], rng: &mut ChaCha8Rng, k: Option<usize>| {
        if list.is_empty() {
            return;
        }
        let start = rng.random_range(0..list.len());
        for i in 0..list.len().min(TRIES) {
            let done = match k {
                Some(k) => s.area_count(g, k) >= ctx.req[k],
                None => s.members[g].len() as u32 >= ctx.size[g].0,
            };
            if done || s.members[g].len() as u32 >= ctx.size[g].1 {
                return;
            }
            let c = list[(start + i) % list.len()];
            if s.can_insert(c, g as u32, Role::Member) {
                s.insert(c, g as u32, Role::Member);
            }
        }
    };
    for &k in &areas {
        for &g in &groups {
            fill(s, g, &ctx.area_pool[k], rng, Some(k));
        }
    }
    let must: Vec<u32> = ctx
        .pool
        .iter()
        .copied()
        .filter(|&p| ctx.model.must_serve[p as usize])
        .collect();
    for &g in &groups {
        fill(s, g, &must, rng, None);
        fill(s, g, &ctx.pool, rng, None);
    }
}

pub(crate) fn shuffle<T>(v: &mut [T], rng: &mut ChaCha8Rng) {
    for i in (1..v.len()).rev() {
        let j = rng.random_range(0..=i);
        v.swap(i, j);
    }
}
