//! The relationship model: one petgraph graph over people and units whose edges
//! are the case's facts (posts, kin, relatives, conflicts, business ties, parents).

use super::{KinFact, Person, PersonId, Post, Tie, Unit, UnitFact, UnitId};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

/// A node: a unit or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// A unit.
    Unit(UnitId),
    /// A person.
    Person(PersonId),
}

/// An edge: one fact, with the index of the record it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// unit → the unit it belongs to (`parent`).
    Parent,
    /// person → current unit (工作单位).
    Works,
    /// person → unit of a listed post (index into `Case::posts`).
    Post(u32),
    /// person → person (index into `Case::kin`); stored in both directions.
    Kin(u32),
    /// person → unit where a relative outside the pool works (index into `Case::relatives`).
    RelativeAt(u32),
    /// person → unit with a declared conflict (index into `Case::conflicts`).
    Conflict(u32),
    /// unit → unit business tie (index into `Case::ties`); stored in both directions.
    Business(u32),
}

/// People and units with their facts as edges. Unit `u` is node `u`, person `p`
/// is node `units + p`.
#[derive(Debug, Clone)]
pub struct RelationGraph {
    graph: DiGraph<Node, Edge, u32>,
    units: usize,
}

impl RelationGraph {
    /// Builds the graph from the case's records.
    pub fn build(
        units: &[Unit],
        people: &[Person],
        posts: &[Post],
        kin: &[KinFact],
        relatives: &[UnitFact],
        conflicts: &[UnitFact],
        ties: &[Tie],
    ) -> Self {
        let edges = units.len() + people.len() + posts.len() + 2 * kin.len() + 2 * ties.len();
        let mut graph = DiGraph::with_capacity(units.len() + people.len(), edges);
        for i in 0..units.len() {
            graph.add_node(Node::Unit(UnitId(i as u32)));
        }
        for i in 0..people.len() {
            graph.add_node(Node::Person(PersonId(i as u32)));
        }
        let mut g = RelationGraph {
            graph,
            units: units.len(),
        };
        for (i, u) in units.iter().enumerate() {
            if let Some(parent) = u.parent {
                g.add(
                    g.unit_node(UnitId(i as u32)),
                    g.unit_node(parent),
                    Edge::Parent,
                );
            }
        }
        for (i, p) in people.iter().enumerate() {
            g.add(
                g.person_node(PersonId(i as u32)),
                g.unit_node(p.unit),
                Edge::Works,
            );
        }
        for (i, post) in posts.iter().enumerate() {
            g.add(
                g.person_node(post.person),
                g.unit_node(post.unit),
                Edge::Post(i as u32),
            );
        }
        for (i, k) in kin.iter().enumerate() {
            let (a, b) = (g.person_node(k.a), g.person_node(k.b));
            g.add(a, b, Edge::Kin(i as u32));
            g.add(b, a, Edge::Kin(i as u32));
        }
        for (i, r) in relatives.iter().enumerate() {
            g.add(
                g.person_node(r.person),
                g.unit_node(r.unit),
                Edge::RelativeAt(i as u32),
            );
        }
        for (i, c) in conflicts.iter().enumerate() {
            g.add(
                g.person_node(c.person),
                g.unit_node(c.unit),
                Edge::Conflict(i as u32),
            );
        }
        for (i, t) in ties.iter().enumerate() {
            let (a, b) = (g.unit_node(t.a), g.unit_node(t.b));
            g.add(a, b, Edge::Business(i as u32));
            g.add(b, a, Edge::Business(i as u32));
        }
        g
    }

    fn add(&mut self, a: NodeIndex, b: NodeIndex, e: Edge) {
        self.graph.add_edge(a, b, e);
    }

    /// The node of a unit.
    pub fn unit_node(&self, u: UnitId) -> NodeIndex {
        NodeIndex::new(u.ix())
    }

    /// The node of a person.
    pub fn person_node(&self, p: PersonId) -> NodeIndex {
        NodeIndex::new(self.units + p.ix())
    }

    /// The underlying petgraph graph.
    pub fn inner(&self) -> &DiGraph<Node, Edge, u32> {
        &self.graph
    }

    fn as_unit(&self, n: NodeIndex) -> UnitId {
        debug_assert!(n.index() < self.units);
        UnitId(n.index() as u32)
    }

    fn as_person(&self, n: NodeIndex) -> PersonId {
        PersonId((n.index() - self.units) as u32)
    }

    /// Units that belong to `u`, directly or further down, in breadth-first order.
    pub fn descendants(&self, u: UnitId) -> Vec<UnitId> {
        let mut out = Vec::new();
        let mut stack = vec![self.unit_node(u)];
        while let Some(n) = stack.pop() {
            for e in self.graph.edges_directed(n, Direction::Incoming) {
                if *e.weight() == Edge::Parent {
                    out.push(self.as_unit(e.source()));
                    stack.push(e.source());
                }
            }
        }
        out
    }

    /// Every unit related to `t` (SPEC §2.1): `t`, its ancestors and its descendants.
    pub fn related_units(&self, t: UnitId) -> Vec<UnitId> {
        let mut out = vec![t];
        let mut n = self.unit_node(t);
        let mut guard = 0;
        while let Some(e) = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .find(|e| *e.weight() == Edge::Parent)
        {
            n = e.target();
            out.push(self.as_unit(n));
            guard += 1;
            if guard > self.units {
                break;
            }
        }
        out.extend(self.descendants(t));
        out
    }

    /// The person's facts that point at units: `(edge, unit)` for the current
    /// unit, posts, relatives and conflicts.
    pub fn person_units(&self, p: PersonId) -> impl Iterator<Item = (Edge, UnitId)> + '_ {
        self.graph
            .edges_directed(self.person_node(p), Direction::Outgoing)
            .filter(|e| e.target().index() < self.units)
            .map(|e| (*e.weight(), self.as_unit(e.target())))
    }

    /// The person's kin in the pool: `(kin fact index, relative)`.
    pub fn kin_of(&self, p: PersonId) -> impl Iterator<Item = (u32, PersonId)> + '_ {
        self.graph
            .edges_directed(self.person_node(p), Direction::Outgoing)
            .filter_map(|e| match *e.weight() {
                Edge::Kin(i) => Some((i, self.as_person(e.target()))),
                _ => None,
            })
    }

    /// The units tied to `u` by business: `(tie index, other unit)`.
    pub fn business_of(&self, u: UnitId) -> impl Iterator<Item = (u32, UnitId)> + '_ {
        self.graph
            .edges_directed(self.unit_node(u), Direction::Outgoing)
            .filter_map(|e| match *e.weight() {
                Edge::Business(i) => Some((i, self.as_unit(e.target()))),
                _ => None,
            })
    }

    /// The current unit of a person, read from the graph.
    pub fn works_at(&self, p: PersonId) -> Option<UnitId> {
        self.person_units(p)
            .find(|(e, _)| *e == Edge::Works)
            .map(|(_, u)| u)
    }
}
