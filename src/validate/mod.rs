//! Checks a plan against every hard rule (the independent plan checker),
//! pins included, and the pre-solve feasibility report. The round's pins
//! alone are checked as the case is read (`io::pins`).

pub mod feasibility;
mod roles;

use crate::constraints::{Cause, Mode, Staffing, Violation};
use crate::model::{Case, Plan, Role, RuleId};

/// Every violation of rules 1–9 (and of the round's pins) in a plan, sorted
/// by rule, group and person so the output is the same every time.
pub fn check_plan(case: &Case, plan: &Plan) -> Vec<Violation> {
    let mut out = check_with_mode(case, plan, Mode::Full);
    check_pins_kept(case, plan, &mut out);
    sort(&mut out);
    out
}

/// By rule, group, person and target; ties keep the order the checks found
/// them in (the same every time).
fn sort(out: &mut [Violation]) {
    out.sort_by(|a, b| {
        (a.rule, &a.group, &a.person, &a.target).cmp(&(b.rule, &b.group, &b.person, &b.target))
    });
}

/// The violations of `plan` under `mode`, unsorted.
pub fn check_with_mode(case: &Case, plan: &Plan, mode: Mode) -> Vec<Violation> {
    let mut groups = vec![(Vec::new(), Vec::new()); case.round.groups.len()];
    let mut deputies = vec![Vec::new(); case.round.groups.len()];
    for pg in &plan.groups {
        let slot = &mut groups[pg.group.ix()];
        slot.0.extend(pg.leaders.iter().copied());
        slot.1.extend(pg.members.iter().copied());
        for l in pg.leaders.iter().chain(&pg.deputies) {
            if !pg.members.contains(l) && !slot.1.contains(l) {
                slot.1.push(*l);
            }
        }
        deputies[pg.group.ix()].extend(pg.deputies.iter().copied());
    }
    let s = Staffing {
        case,
        groups,
        deputies,
    };
    s.violations(mode)
}

fn check_pins_kept(case: &Case, plan: &Plan, out: &mut Vec<Violation>) {
    for pin in &case.round.pins {
        let kept = plan.groups.iter().any(|pg| {
            pg.group == pin.group
                && match pin.role {
                    Role::Leader => pg.leaders.contains(&pin.person),
                    Role::Deputy => {
                        pg.deputies.contains(&pin.person) && !pg.leaders.contains(&pin.person)
                    }
                    Role::Member => {
                        pg.members.contains(&pin.person)
                            && !pg.leaders.contains(&pin.person)
                            && !pg.deputies.contains(&pin.person)
                    }
                }
        });
        if !kept {
            out.push(
                Violation::new(
                    RuleId::Pin,
                    "pin",
                    Cause::Pin {
                        person: pin.person,
                        group: pin.group,
                        role: pin.role,
                    },
                )
                .in_group(case, pin.group)
                .of(case, pin.person),
            );
        }
    }
}

/// The pins as a partial plan.
pub fn pinned_plan(case: &Case) -> Plan {
    let mut plan = Plan::empty(case);
    for pin in &case.round.pins {
        let pg = &mut plan.groups[pin.group.ix()];
        pg.members.push(pin.person);
        match pin.role {
            Role::Leader => pg.leaders.push(pin.person),
            Role::Deputy => pg.deputies.push(pin.person),
            Role::Member => {}
        }
    }
    plan
}
