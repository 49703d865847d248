//! Ranks (职级) as offices write them: the ranks of the 2019 civil-service
//! system (一级巡视员 … 二级科员) and the old 职务 levels (正处级 … 办事员),
//! placed on one finer scale that keeps 一级 and 二级 apart.
//!
//! **The scale.** Step 1 (二级科员) to step 12 (一级巡视员), one step per
//! rank of the 2019 sequence. Its source is the sequence of 综合管理类
//! ranks in the Civil Servant Law (《中华人民共和国公务员法》, 2018 revision,
//! art. 21) and their correspondence to the levels of leading posts in the
//! Provisions on Parallel Posts and Ranks (《公务员职务与职级并行规定》, 2019):
//! 一级巡视员 ↔ 厅局级正职, 二级巡视员 ↔ 厅局级副职, 一级/二级调研员 ↔
//! 县处级正职, 三级/四级调研员 ↔ 县处级副职, 一级/二级主任科员 ↔ 乡科级正职,
//! 三级/四级主任科员 ↔ 乡科级副职, 一级科员 ↔ 科员, 二级科员 ↔ 办事员.
//!
//! **Old levels.** An old level spans two steps (正处 is 一级 and 二级调研员);
//! it is placed on the senior one (正处 = step 10), so that a leader written
//! by an old level is never taken as junior to a member of the same level
//! written by a 2019 rank. The old non-leading posts (非领导职务) are placed
//! where the 2019 conversion (套转) put them: 调研员 → 二级调研员, 副调研员 →
//! 四级调研员, 主任科员 → 二级主任科员, 副主任科员 → 四级主任科员, 巡视员 →
//! 一级巡视员, 副巡视员 → 二级巡视员. An office that counts differently says
//! so in the import's mapping file (`[ranks]`).
//!
//! **The score's level.** The score balances the 1–5 level of SPEC §2.2
//! (科员 1, 副科 2, 正科 3, 副处 4, 正处 5): steps 1–2 are level 1, 3–4 level
//! 2, 5–6 level 3, 7–8 level 4, and 9–12 level 5 (the 厅局级 ranks counted
//! as 正处 in the balance; their step is kept). A plain number 1–5 in a case
//! is that level, on the senior step of its band.

use super::text::fold_width;

/// A rank as read: its level (1–5, what the score balances) and its step on
/// the finer scale (1–12, what seniority compares).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// 1 (科员) ..= 5 (正处).
    pub level: u8,
    /// 1 (二级科员) ..= 12 (一级巡视员).
    pub step: u8,
}

impl Rank {
    /// The rank on a step of the finer scale.
    pub fn at_step(step: u8) -> Rank {
        let step = step.clamp(1, TOP_STEP);
        Rank {
            level: step.div_ceil(2).min(5),
            step,
        }
    }

    /// A 1–5 level, on the senior step of its band.
    pub fn at_level(level: u8) -> Rank {
        let level = level.clamp(1, 5);
        Rank {
            level,
            step: level * 2,
        }
    }
}

/// The highest step (一级巡视员).
pub const TOP_STEP: u8 = 12;

/// Where a name of the table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A rank of the 2019 sequence.
    Rank2019,
    /// An old 职务 level (正处, 副科 …).
    OldLevel,
    /// An old non-leading post (调研员 …), as converted in 2019.
    OldNonLeading,
}

/// The rank table: every name it knows, its step, and where the name comes
/// from. Names are compared without a trailing 级 and spaces (正处级 = 正处).
pub const RANK_TABLE: [(&str, u8, Source); 26] = [
    ("一级巡视员", 12, Source::Rank2019),
    ("二级巡视员", 11, Source::Rank2019),
    ("一级调研员", 10, Source::Rank2019),
    ("二级调研员", 9, Source::Rank2019),
    ("三级调研员", 8, Source::Rank2019),
    ("四级调研员", 7, Source::Rank2019),
    ("一级主任科员", 6, Source::Rank2019),
    ("二级主任科员", 5, Source::Rank2019),
    ("三级主任科员", 4, Source::Rank2019),
    ("四级主任科员", 3, Source::Rank2019),
    ("一级科员", 2, Source::Rank2019),
    ("二级科员", 1, Source::Rank2019),
    ("正厅", 12, Source::OldLevel),
    ("副厅", 11, Source::OldLevel),
    ("正处", 10, Source::OldLevel),
    ("副处", 8, Source::OldLevel),
    ("正科", 6, Source::OldLevel),
    ("副科", 4, Source::OldLevel),
    ("科员", 2, Source::OldLevel),
    ("办事员", 1, Source::OldLevel),
    ("巡视员", 12, Source::OldNonLeading),
    ("副巡视员", 11, Source::OldNonLeading),
    ("调研员", 9, Source::OldNonLeading),
    ("副调研员", 7, Source::OldNonLeading),
    ("主任科员", 5, Source::OldNonLeading),
    ("副主任科员", 3, Source::OldNonLeading),
];

/// Other ways offices write an old level: (as written, the table's name).
pub const LEVEL_SYNONYMS: [(&str, &str); 18] = [
    ("正厅局", "正厅"),
    ("副厅局", "副厅"),
    ("厅局级正职", "正厅"),
    ("厅局级副职", "副厅"),
    ("正县", "正处"),
    ("副县", "副处"),
    ("正县处", "正处"),
    ("副县处", "副处"),
    ("县处级正职", "正处"),
    ("县处级副职", "副处"),
    ("正乡", "正科"),
    ("副乡", "副科"),
    ("正乡科", "正科"),
    ("副乡科", "副科"),
    ("乡科级正职", "正科"),
    ("乡科级副职", "副科"),
    ("科员级", "科员"),
    ("办事员级", "办事员"),
];

/// The text a rank name is compared by: full-width forms folded, spaces
/// removed, a trailing 级 dropped (正处级 = 正处), synonyms replaced.
pub fn rank_key(s: &str) -> String {
    let t: String = fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if let Some((_, to)) = LEVEL_SYNONYMS.iter().find(|(from, _)| *from == t) {
        return to.to_string();
    }
    let stem = t.strip_suffix('级').filter(|s| !s.is_empty()).unwrap_or(&t);
    match LEVEL_SYNONYMS.iter().find(|(from, _)| *from == stem) {
        Some((_, to)) => to.to_string(),
        None => stem.to_string(),
    }
}

/// A rank by a name of the table (or a synonym), else a plain level 1–5.
pub fn parse_rank(s: &str) -> Option<Rank> {
    let key = rank_key(s);
    if let Some((_, step, _)) = RANK_TABLE.iter().find(|(n, _, _)| *n == key) {
        return Some(Rank::at_step(*step));
    }
    match super::columns::parse_int(&key) {
        Some(v @ 1..=5) => Some(Rank::at_level(v as u8)),
        _ => None,
    }
}

/// The name of a step: the 2019 rank.
pub fn step_name(step: u8) -> &'static str {
    RANK_TABLE
        .iter()
        .find(|(_, s, src)| *s == step && *src == Source::Rank2019)
        .map_or("", |(n, _, _)| n)
}

/// The names a rank may be written with, for a message or a drop-down: the
/// 2019 ranks, senior first, then the old levels.
pub fn rank_names() -> Vec<&'static str> {
    RANK_TABLE
        .iter()
        .filter(|(_, _, s)| *s != Source::OldNonLeading)
        .map(|(n, _, _)| *n)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_old_levels_on_one_scale() {
        assert_eq!(parse_rank("一级调研员"), Some(Rank { level: 5, step: 10 }));
        assert_eq!(parse_rank("二级调研员"), Some(Rank { level: 5, step: 9 }));
        assert_eq!(parse_rank("正处级"), Some(Rank { level: 5, step: 10 }));
        assert_eq!(parse_rank("副处级"), Some(Rank { level: 4, step: 8 }));
        assert_eq!(parse_rank("四级主任科员"), Some(Rank { level: 2, step: 3 }));
        assert_eq!(parse_rank("副县级"), Some(Rank { level: 4, step: 8 }));
        assert_eq!(parse_rank("乡科级正职"), Some(Rank { level: 3, step: 6 }));
        assert_eq!(parse_rank("二级科员"), Some(Rank { level: 1, step: 1 }));
        assert_eq!(parse_rank("二级巡视员"), Some(Rank { level: 5, step: 11 }));
        assert_eq!(parse_rank("调研员"), Some(Rank { level: 5, step: 9 }));
        assert_eq!(parse_rank("３"), Some(Rank { level: 3, step: 6 }));
        assert_eq!(parse_rank("科员"), Some(Rank { level: 1, step: 2 }));
        assert_eq!(parse_rank("处长"), None);
        assert_eq!(parse_rank("6"), None);
    }

    #[test]
    fn every_step_has_a_2019_name_and_the_levels_fit() {
        for step in 1..=TOP_STEP {
            assert!(!step_name(step).is_empty(), "{step}");
            let r = Rank::at_step(step);
            assert!((1..=5).contains(&r.level));
        }
        for level in 1..=5 {
            assert_eq!(Rank::at_step(Rank::at_level(level).step).level, level);
        }
        // the drop-down list of a template fits Excel's 255 characters
        assert!(rank_names().join(",").chars().count() < 255);
    }
}
