//! The kept counts of a state that are not per group: the extremes of each
//! attribute over the groups (a segment tree) and the region-to-region
//! inspection flows of reciprocal avoidance.

/// Max and min of one attribute over the active groups: a segment tree
/// over the groups, O(log groups) per change, O(1) to read.
#[derive(Debug, Clone)]
pub(super) struct Extremes {
    leaves: usize,
    /// (max, min) per node; node 1 is the root; inactive leaves hold (MIN, MAX).
    node: Vec<(i64, i64)>,
}

impl Extremes {
    pub(super) fn new(active: &[bool]) -> Extremes {
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
    pub(super) fn set(&mut self, g: usize, v: i64) {
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
    pub(super) fn arg(&self, hi: bool) -> Option<usize> {
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
    pub(super) fn spread(&self) -> i64 {
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
pub(super) enum Flows {
    Dense(usize, Vec<u32>),
    Sparse(std::collections::HashMap<(u32, u32), u32>),
}

impl Flows {
    pub(super) fn new(n: usize) -> Flows {
        if n <= 2048 {
            Flows::Dense(n, vec![0; n * n])
        } else {
            Flows::Sparse(Default::default())
        }
    }
    #[inline]
    pub(super) fn get(&self, a: u32, b: u32) -> u32 {
        match self {
            Flows::Dense(n, v) => v[a as usize * n + b as usize],
            Flows::Sparse(m) => m.get(&(a, b)).copied().unwrap_or(0),
        }
    }
    #[inline]
    pub(super) fn add(&mut self, a: u32, b: u32, d: i32) {
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
