//! xuncha forms cross-inspection groups (交叉巡察组) from an inspection talent
//! pool (巡察人才库) under the three avoidances (三回避): post, region and
//! official-business avoidance, plus the mixing, leader and expertise rules.
//!
//! Read a case, build the eligibility table, and check a plan:
//!
//! ```
//! use xuncha::{constraints::Eligibility, io, validate};
//!
//! let case = io::load_case("data/sample".as_ref()).expect("the sample loads");
//! let table = Eligibility::build(&case);
//! let g1 = case.group_by_id("G1").unwrap();
//! let someone = case.person_by_id("P0001").unwrap();
//! // O(1): may P0001 join G1 under rules 1–3? If not, the reasons say why.
//! let reasons = xuncha::constraints::blockers(&case, someone, g1);
//! assert_eq!(table.allowed(someone, g1), reasons.is_empty());
//!
//! let plan = io::read_plan(&case, "data/sample-plan.csv".as_ref()).unwrap();
//! assert!(validate::check_plan(&case, &plan.plan).is_empty());
//! ```
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod cli;
pub mod constraints;
pub mod error;
pub mod explain;
pub mod gen;
pub mod io;
pub mod mdgp;
pub mod model;
pub mod msg;
pub mod print;
pub mod review;
pub mod serve;
pub mod solve;
pub mod validate;
pub mod whatif;

pub use error::{InputError, InputErrors, Position};
pub use model::{Case, Plan, RuleId};

/// The README's Rust example, compiled and run by `cargo test`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
