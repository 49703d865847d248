//! Who may join which group under rules 1–3: a bit table over (person, group)
//! with O(1) look-up, built from inverse indexes rather than pair by pair. The
//! reasons for a refusal are computed on demand by [`super::avoidance`].

use crate::model::{Case, Edge, GroupId, PersonId, UnitId};
use rayon::prelude::*;

/// `allowed(p, g)` for every person and group, one row of bits per person.
///
/// Only the pairwise rules 1–3 are in the table; availability and `exclude`
/// are per person ([`Case::drawable`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eligibility {
    groups: usize,
    words: usize,
    bits: Vec<u64>,
}

/// Groups listed per key (a compact vector of small vectors).
struct Index {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Index {
    fn from_lists(lists: Vec<Vec<u32>>) -> Index {
        let mut start = Vec::with_capacity(lists.len() + 1);
        let mut items = Vec::new();
        start.push(0);
        for mut l in lists {
            l.sort_unstable();
            l.dedup();
            items.extend(l);
            start.push(items.len() as u32);
        }
        Index { start, items }
    }

    #[inline]
    fn get(&self, k: usize) -> &[u32] {
        &self.items[self.start[k] as usize..self.start[k + 1] as usize]
    }
}

impl Eligibility {
    /// Builds the table, rows in parallel on the current rayon pool.
    pub fn build(case: &Case) -> Eligibility {
        let n_groups = case.round.groups.len();
        let words = n_groups.div_ceil(64).max(1);
        let graph = case.graph();
        let policy = &case.round.policy;

        // unit -> groups having a target related to it (either direction)
        let mut by_unit: Vec<Vec<u32>> = vec![Vec::new(); case.units.len()];
        let mut by_region: Vec<Vec<u32>> = vec![Vec::new(); case.regions.len()];
        for (gi, g) in case.round.groups.iter().enumerate() {
            for &t in &g.targets {
                for u in graph.related_units(t) {
                    by_unit[u.ix()].push(gi as u32);
                }
                by_region[case.unit(t).region.ix()].push(gi as u32);
            }
        }
        let by_unit = Index::from_lists(by_unit);
        let by_region = Index::from_lists(by_region);
        // unit -> groups barred through its business ties
        let by_business = if policy.business_avoidance {
            let lists = (0..case.units.len())
                .map(|u| {
                    let mut l = Vec::new();
                    for (_, other) in graph.business_of(UnitId(u as u32)) {
                        l.extend_from_slice(by_unit.get(other.ix()));
                    }
                    l
                })
                .collect();
            Some(Index::from_lists(lists))
        } else {
            None
        };

        let mut bits = vec![0u64; words * case.people.len()];
        let full_words = n_groups / 64;
        let tail = n_groups % 64;
        bits.par_chunks_mut(words)
            .enumerate()
            .for_each(|(pi, row)| {
                for w in row.iter_mut().take(full_words) {
                    *w = !0;
                }
                if tail > 0 {
                    row[full_words] = (1u64 << tail) - 1;
                }
                let clear = |row: &mut [u64], gs: &[u32]| {
                    for &g in gs {
                        row[(g / 64) as usize] &= !(1u64 << (g % 64));
                    }
                };
                let p = PersonId(pi as u32);
                let person = case.person(p);
                if policy.region_avoidance {
                    clear(row, by_region.get(person.region.ix()));
                }
                if policy.native_avoidance {
                    if let Some(n) = person.native_region {
                        clear(row, by_region.get(n.ix()));
                    }
                }
                if let Some(b) = &by_business {
                    clear(row, b.get(person.unit.ix()));
                }
                for (edge, unit) in graph.person_units(p) {
                    let counts = match edge {
                        Edge::Works | Edge::RelativeAt(_) | Edge::Conflict(_) => true,
                        Edge::Post(i) => case.post_counts(case.posts[i as usize].to_year),
                        _ => false,
                    };
                    if counts {
                        clear(row, by_unit.get(unit.ix()));
                    }
                }
                for (_, kin) in graph.kin_of(p) {
                    clear(row, by_unit.get(case.person(kin).unit.ix()));
                }
            });
        Eligibility {
            groups: n_groups,
            words,
            bits,
        }
    }

    /// May `p` join `g` under rules 1–3?
    #[inline]
    pub fn allowed(&self, p: PersonId, g: GroupId) -> bool {
        let w = self.bits[p.ix() * self.words + g.ix() / 64];
        (w >> (g.ix() % 64)) & 1 == 1
    }

    /// The person's row of bits (bit `g` set: allowed).
    #[inline]
    pub fn row(&self, p: PersonId) -> &[u64] {
        &self.bits[p.ix() * self.words..(p.ix() + 1) * self.words]
    }

    /// The groups `p` may join.
    pub fn groups_of(&self, p: PersonId) -> impl Iterator<Item = GroupId> + '_ {
        let row = self.row(p);
        (0..self.groups)
            .filter(move |&g| (row[g / 64] >> (g % 64)) & 1 == 1)
            .map(|g| GroupId(g as u32))
    }

    /// How many groups `p` may join.
    pub fn count_of(&self, p: PersonId) -> usize {
        self.row(p).iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Number of groups.
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// Number of people.
    pub fn people(&self) -> usize {
        self.bits.len() / self.words
    }

    /// The people allowed in `g`, in id order.
    pub fn people_for(&self, g: GroupId) -> Vec<PersonId> {
        (0..self.people() as u32)
            .map(PersonId)
            .filter(|&p| self.allowed(p, g))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_lists_are_sorted_and_unique() {
        let ix = Index::from_lists(vec![vec![3, 1, 3], vec![], vec![2]]);
        assert_eq!(ix.get(0), &[1, 3]);
        assert!(ix.get(1).is_empty());
        assert_eq!(ix.get(2), &[2]);
    }
}
