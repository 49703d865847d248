//! The import's mapping file (`--mapping FILE`, TOML): what an office fixes
//! once and reuses every round.
//!
//! ```toml
//! year = 2026                       # the round's year (default: this year)
//! areas = ["discipline", "organization", "audit", "finance", "legal"]
//! [columns]                         # a header as written = what it holds
//! "单位名称及职务" = "unit_post"
//! [ranks]                           # a rank as written = a rank of the table
//! "主任科员级" = "二级主任科员"
//! [keywords]                        # a word of 专业特长 = an area
//! "财会" = "finance"
//! [units]                           # a unit's name as written = its full name
//! "县财政局" = "东安县财政局"
//! [policy]                          # copied into round.toml
//! group_size = [4, 6]
//! ```

use crate::error::{InputError, InputErrors};
use crate::msg::Msg;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The roles a roster column may have.
pub const ROLES: [&str; 13] = [
    "name",
    "gender",
    "birth",
    "native",
    "unit_post",
    "post",
    "rank",
    "speciality",
    "leader",
    "deputy",
    "available",
    "must_serve",
    "last_served",
];

/// A mapping file as read.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The round's year.
    pub year: Option<i32>,
    /// The round's areas (default: the four standard ones).
    pub areas: Option<Vec<String>>,
    /// Header as written → role (one of [`ROLES`]).
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Rank as written → a rank the table knows.
    #[serde(default)]
    pub ranks: BTreeMap<String, String>,
    /// Keyword of 专业特长 → area.
    #[serde(default)]
    pub keywords: BTreeMap<String, String>,
    /// Unit name as written → full name.
    #[serde(default)]
    pub units: BTreeMap<String, String>,
    /// `[policy]` of round.toml, copied.
    pub policy: Option<toml::Table>,
    /// `[requirements]` of round.toml, copied.
    pub requirements: Option<toml::Table>,
}

impl Mapping {
    /// Reads a mapping file; an unknown key, a column role or a rank that
    /// does not exist is an error naming the file and line.
    pub fn read(path: &Path) -> Result<Mapping, InputErrors> {
        let display = path.display().to_string();
        let io = |message: Msg| -> InputErrors {
            InputError::Io {
                path: display.clone(),
                message,
            }
            .into()
        };
        let text = std::fs::read_to_string(path).map_err(|e| io(Msg::io(e)))?;
        let m: Mapping = toml::from_str(&text)
            .map_err(|e| io(Msg::new("toml-error").s("why", e.to_string())))?;
        for (header, role) in &m.columns {
            if !ROLES.contains(&role.as_str()) {
                return Err(io(Msg::new("mapping-role-bad")
                    .s("header", header.clone())
                    .s("role", role.clone())
                    .list("roles", ROLES.iter().copied())));
            }
        }
        for (from, to) in &m.ranks {
            if crate::io::ranks::parse_rank(to).is_none() {
                return Err(io(Msg::new("mapping-rank-bad")
                    .s("from", from.clone())
                    .s("to", to.clone())));
            }
        }
        Ok(m)
    }
}
