//! The round's pins, checked as the case is read: a pin that breaks a hard
//! rule (SPEC §2.5) is an input error at the pin's place in the round file.
//!
//! Only the rules more people could not mend apply to pins (the constraints'
//! [`Mode::Partial`]): no lower bounds on size, leader count or requirements.

use super::round::RoundSpec;
use crate::constraints::{Mode, Staffing, Violation};
use crate::error::{InputError, InputErrors};
use crate::model::{Case, Role};

/// Pins that break a hard rule (SPEC §2.5): each an input error naming the
/// rule and the pin's place in the round file.
pub fn check_pins(case: &Case, spec: &RoundSpec) -> InputErrors {
    let mut errors = InputErrors::default();
    if case.round.pins.is_empty() {
        return errors;
    }
    for v in pin_violations(case) {
        // the pin the violation is about: by person, else the group's first pin
        let pin = spec
            .pins
            .iter()
            .find(|p| {
                Some(&p.person.0) == v.person.as_ref() && Some(&p.group.0) == v.group.as_ref()
            })
            .or_else(|| {
                spec.pins
                    .iter()
                    .find(|p| Some(&p.person.0) == v.person.as_ref())
            })
            .or_else(|| {
                spec.pins
                    .iter()
                    .find(|p| Some(&p.group.0) == v.group.as_ref())
            });
        let (pos, person, group) = match pin {
            Some(p) => (p.pos.clone(), p.person.0.clone(), p.group.0.clone()),
            None => (
                spec.source.clone(),
                v.person.clone().unwrap_or_default(),
                v.group.clone().unwrap_or_default(),
            ),
        };
        errors.push(InputError::Pin {
            pos,
            person,
            group,
            rule: v.rule.as_str(),
            message: crate::msg::Msg::new("pin-facts").both(
                "facts",
                crate::explain::facts::cause_text(crate::explain::Lang::En, case, &v.cause),
                crate::explain::facts::cause_text(crate::explain::Lang::Zh, case, &v.cause),
            ),
        });
    }
    errors
}

/// The pins as the rules see them: per group the pinned leaders and
/// everyone pinned (leaders and deputies included), and the pinned deputies.
fn pinned_staffing(case: &Case) -> Staffing<'_> {
    let n = case.round.groups.len();
    let mut groups = vec![(Vec::new(), Vec::new()); n];
    let mut deputies = vec![Vec::new(); n];
    for pin in &case.round.pins {
        let slot = &mut groups[pin.group.ix()];
        slot.1.push(pin.person);
        match pin.role {
            Role::Leader => slot.0.push(pin.person),
            Role::Deputy => deputies[pin.group.ix()].push(pin.person),
            Role::Member => {}
        }
    }
    Staffing {
        case,
        groups,
        deputies,
    }
}

/// The violations of the pins taken together, under the rules a partial
/// plan can break, sorted by rule, group, person and target (ties keep the
/// order the checks found them in).
fn pin_violations(case: &Case) -> Vec<Violation> {
    let s = pinned_staffing(case);
    let mut out = s.violations(Mode::Partial);
    out.sort_by(|a, b| {
        (a.rule, &a.group, &a.person, &a.target).cmp(&(b.rule, &b.group, &b.person, &b.target))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gen::{synthetic_case, GenOptions};
    use crate::model::{GroupId, PersonId, Pin};

    /// The pins' violations are those the plan checker finds in the pins
    /// taken as a partial plan.
    #[test]
    fn pin_violations_are_the_checkers_on_the_pinned_plan() {
        let mut case = synthetic_case(&GenOptions::new(300, 10, 3));
        let roles = [Role::Leader, Role::Deputy, Role::Member, Role::Member];
        case.round.pins = (0..60u32)
            .map(|i| Pin {
                // some people pinned twice, into other groups
                person: PersonId(i % 50),
                group: GroupId(i % 10),
                role: roles[i as usize % roles.len()],
            })
            .collect();
        let plan = crate::validate::pinned_plan(&case);
        let mut want = crate::validate::check_with_mode(&case, &plan, Mode::Partial);
        want.sort_by(|a, b| {
            (a.rule, &a.group, &a.person, &a.target).cmp(&(b.rule, &b.group, &b.person, &b.target))
        });
        let got = pin_violations(&case);
        assert!(!got.is_empty());
        assert_eq!(got, want);
    }
}
