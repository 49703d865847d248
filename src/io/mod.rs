//! Reading and writing: CSV and workbook tables, `round.toml`, plans.

pub mod case;
pub mod output;
pub mod plan;
pub mod round;
pub mod sheet;
pub mod workbook;
pub mod write_case;

pub use case::load_case;
pub use plan::read_plan;
