//! Reading and writing: CSV and workbook tables as offices keep them, the
//! names of a case's tables, regions by name, `round.toml`, plans.

pub mod birth;
pub mod book;
pub mod case;
pub mod case_files;
pub mod columns;
pub mod discover;
pub mod grid;
pub mod import;
pub(crate) mod index;
pub mod output;
pub mod people;
pub mod pins;
pub mod plan;
pub mod plan_book;
pub mod ranks;
pub mod refs;
pub mod regions;
pub mod round;
pub mod round_resolve;
mod round_sheets;
pub mod sheet;
pub mod tables;
pub mod template;
pub mod text;
pub mod workbook;
pub mod write_case;

pub use case::load_case;
pub use plan::read_plan;
