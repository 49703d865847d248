//! Rule 9: each group has the required number of members with each expertise.

use super::{Cause, Staffing, Violation};
use crate::model::{GroupId, RuleId};

/// Per group and area: members with level ≥ 1 against the requirement.
pub fn check_requirements(s: &Staffing, out: &mut Vec<Violation>) {
    let case = s.case;
    for (gi, (_, members)) in s.groups.iter().enumerate() {
        let g = GroupId(gi as u32);
        let mut members = members.clone();
        members.sort_unstable();
        members.dedup();
        for k in 0..case.round.areas.len() {
            let need = case.round.requirements[k] as usize;
            if need == 0 {
                continue;
            }
            let have = members
                .iter()
                .filter(|&&p| case.person(p).levels[k] >= 1)
                .count();
            if have < need {
                out.push(
                    Violation::new(
                        RuleId::Requirement,
                        "requirement",
                        Cause::Requirement {
                            group: g,
                            area: k,
                            have,
                            need,
                        },
                    )
                    .in_group(case, g),
                );
            }
        }
    }
}
