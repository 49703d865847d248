//! Renders checks and explanations for people: violations of a plan, the
//! feasibility report, and who may go where and why not. Wording lives here
//! only, so the rules and solvers never change when it does.

use crate::constraints::{blockers, blockers_for_targets, describe, Eligibility, Violation};
use crate::model::{Case, GroupId, PersonId, RuleId, UnitId};
use crate::validate::feasibility::{Feasibility, Finding};
use std::collections::BTreeMap;
use std::fmt::Write;

pub(crate) mod plan;
pub use plan::plan_text;

/// One line describing the case.
pub fn case_line(case: &Case) -> String {
    let drawable = case.person_ids().filter(|&p| case.drawable(p)).count();
    let leaders = case
        .person_ids()
        .filter(|&p| case.drawable(p) && case.person(p).leader)
        .count();
    format!(
        "{} ({}): {} people ({} drawable, {} of them leaders), {} units, {} groups",
        if case.round.name.is_empty() {
            "round"
        } else {
            &case.round.name
        },
        case.round.year,
        case.people.len(),
        drawable,
        leaders,
        case.units.len(),
        case.round.groups.len()
    )
}

/// The `check` report in text: each violation with its facts, then a count
/// per rule. With no violation but warnings that could hide a broken rule
/// (`hiding`: a sheet not read, a 籍贯 matching no region), it says "valid,
/// but" and lists them, never a plain "valid".
pub fn violations_text(
    case: &Case,
    plan_name: &str,
    placed: usize,
    vs: &[Violation],
    hiding: &[&crate::error::InputWarning],
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "checking {plan_name} against {}", case_line(case));
    if vs.is_empty() && !hiding.is_empty() {
        let _ = writeln!(
            s,
            "valid, but: the plan keeps every rule as far as the input was read ({placed} people \
             in {} groups), and {} warning{} could hide a broken rule:",
            case.round.groups.len(),
            hiding.len(),
            if hiding.len() == 1 { "" } else { "s" }
        );
        for w in hiding {
            let _ = writeln!(s, "  - [{}] {w}", w.code);
        }
        return s;
    }
    if vs.is_empty() {
        let _ = writeln!(
            s,
            "valid: the plan keeps every rule ({placed} people in {} groups)",
            case.round.groups.len()
        );
        return s;
    }
    let _ = writeln!(s);
    for v in vs {
        let mut head = format!("[{}] ", v.rule);
        let mut parts = Vec::new();
        if let Some(g) = &v.group {
            parts.push(g.clone());
        }
        if let Some(p) = &v.person {
            parts.push(
                case.person_by_id(p)
                    .map(|x| case.person_label(x))
                    .unwrap_or(p.clone()),
            );
        }
        if let Some(t) = &v.target {
            parts.push(format!("target {t}"));
        }
        head.push_str(&parts.join(" · "));
        let _ = writeln!(s, "{head}");
        let _ = writeln!(s, "    {}", v.message);
    }
    let mut per_rule: BTreeMap<RuleId, usize> = BTreeMap::new();
    for v in vs {
        *per_rule.entry(v.rule).or_default() += 1;
    }
    let _ = writeln!(
        s,
        "\ninvalid: {} violation{} of {} rule{}",
        vs.len(),
        if vs.len() == 1 { "" } else { "s" },
        per_rule.len(),
        if per_rule.len() == 1 { "" } else { "s" }
    );
    for (r, n) in per_rule {
        let _ = writeln!(s, "  {:<20} {n:>4}  {}", r.as_str(), r.label());
    }
    s
}

/// One finding of the pre-solve report in text: the cause, the facts, the hints.
pub fn finding_text(s: &mut String, f: &Finding) {
    let _ = writeln!(s, "  cause: {} ({})", f.claim, f.rule);
    if let Some(pool) = &f.pool {
        let _ = writeln!(s, "    of {pool}:");
    }
    for b in &f.because {
        if f.pool.is_some() {
            let _ = writeln!(s, "    - {} {} ({})", b.count, b.text, b.rule);
        } else {
            let _ = writeln!(s, "    - {} ({})", b.text, b.rule);
        }
        for e in &b.examples {
            let _ = writeln!(s, "        e.g. {e}");
        }
        if b.count > b.examples.len() && !b.examples.is_empty() {
            let _ = writeln!(s, "        … and {} more", b.count - b.examples.len());
        }
    }
    for h in &f.hints {
        let _ = writeln!(s, "  hint: {h}");
    }
}

/// The pre-solve feasibility report in text.
pub fn feasibility_text(case: &Case, f: &Feasibility) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", case_line(case));
    let areas: Vec<&str> = case.round.areas.iter().map(|a| a.key.as_str()).collect();
    let _ = writeln!(
        s,
        "\n{:<6} {:<34} {:>8} {:>7} {:>6}  {}",
        "group",
        "targets",
        "eligible",
        "leaders",
        "mixcap",
        areas
            .iter()
            .zip(&case.round.requirements)
            .map(|(a, r)| format!("{a}≥{r}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    for (g, st) in case.round.groups.iter().zip(&f.groups) {
        let targets: Vec<&str> = g
            .targets
            .iter()
            .map(|&t| case.unit(t).id.as_str())
            .collect();
        let per: Vec<String> = st
            .per_area
            .iter()
            .zip(&areas)
            .map(|(n, a)| format!("{n:>w$}", w = a.len() + 2))
            .collect();
        let _ = writeln!(
            s,
            "{:<6} {:<34} {:>8} {:>7} {:>6}  {}",
            g.id,
            targets.join(", "),
            st.eligible,
            st.eligible_leaders,
            st.mixing_capacity,
            per.join(" ")
        );
    }
    if f.findings.is_empty() {
        let _ = writeln!(
            s,
            "\nno group is starved: each group alone has enough eligible leaders, people and \
             experts, and matching leaders, members and each area across all groups at once succeeds"
        );
    } else {
        let _ = writeln!(
            s,
            "\nerror: the case is infeasible ({} finding{})",
            f.findings.len(),
            if f.findings.len() == 1 { "" } else { "s" }
        );
        for finding in &f.findings {
            finding_text(&mut s, finding);
        }
    }
    s
}

/// Where a person may go, and why not elsewhere.
pub fn person_text(case: &Case, elig: &Eligibility, p: PersonId) -> String {
    let mut s = String::new();
    let x = case.person(p);
    let _ = writeln!(
        s,
        "{} — {}, region {}{}, rank {}, leader pool: {}, {}",
        case.person_label(p),
        case.unit_label(x.unit),
        case.region(x.region),
        x.native_region
            .map(|n| format!(" (籍贯 {})", case.region(n)))
            .unwrap_or_default(),
        x.rank,
        if x.leader { "yes" } else { "no" },
        if !x.available {
            "NOT available (可抽调 = 否): may join no group".to_string()
        } else if case.excluded[p.ix()] {
            "EXCLUDED from this round: may join no group".to_string()
        } else {
            "available".to_string()
        }
    );
    let may: Vec<&str> = elig
        .groups_of(p)
        .map(|g| case.group(g).id.as_str())
        .collect();
    let _ = writeln!(
        s,
        "  rules 1–3 allow: {}",
        if may.is_empty() {
            "no group".to_string()
        } else {
            may.join(", ")
        }
    );
    for g in case.group_ids() {
        let bs = blockers(case, p, g);
        if bs.is_empty() {
            continue;
        }
        let _ = writeln!(s, "  not {}:", case.group(g).id);
        for b in &bs {
            let _ = writeln!(s, "    [{}] {}", b.rule(), describe(case, b, Some(g)));
        }
    }
    s
}

/// Why a person may or may not inspect a unit (whether or not it is a target).
pub fn person_target_text(case: &Case, p: PersonId, t: UnitId) -> String {
    let bs = blockers_for_targets(case, p, &[t]);
    let mut s = String::new();
    if bs.is_empty() {
        let _ = writeln!(
            s,
            "{} may inspect {}: no post, region or business fact stands in the way",
            case.person_label(p),
            case.unit_label(t)
        );
    } else {
        let _ = writeln!(
            s,
            "{} may not inspect {}:",
            case.person_label(p),
            case.unit_label(t)
        );
        for b in &bs {
            let _ = writeln!(s, "  [{}] {}", b.rule(), describe(case, b, None));
        }
    }
    if !case.drawable(p) {
        let _ = writeln!(
            s,
            "  and {} is not drawable this round (unavailable or excluded)",
            case.person(p).id
        );
    }
    s
}

fn wrap_ids(case: &Case, ps: &[PersonId]) -> String {
    let mut s = String::new();
    for chunk in ps.chunks(6) {
        let line: Vec<String> = chunk.iter().map(|&p| case.person_label(p)).collect();
        let _ = writeln!(s, "    {}", line.join(", "));
    }
    s
}

/// Who may join a group, who may not, counted per rule.
pub fn group_text(case: &Case, elig: &Eligibility, g: GroupId) -> String {
    let mut s = String::new();
    let group = case.group(g);
    let targets: Vec<String> = group.targets.iter().map(|&t| case.unit_label(t)).collect();
    let _ = writeln!(s, "{} inspects {}", group.id, targets.join(", "));
    let drawable: Vec<PersonId> = case.person_ids().filter(|&p| case.drawable(p)).collect();
    let eligible: Vec<PersonId> = drawable
        .iter()
        .copied()
        .filter(|&p| elig.allowed(p, g))
        .collect();
    let leaders: Vec<PersonId> = eligible
        .iter()
        .copied()
        .filter(|&p| case.person(p).leader)
        .collect();
    let _ = writeln!(
        s,
        "  eligible: {} of {} drawable people ({} in the pool); {} eligible leaders (needs {})",
        eligible.len(),
        drawable.len(),
        case.people.len(),
        leaders.len(),
        case.round.policy.leaders_per_group
    );
    for (k, a) in case.round.areas.iter().enumerate() {
        let n = eligible
            .iter()
            .filter(|&&p| case.person(p).levels[k] >= 1)
            .count();
        let _ = writeln!(
            s,
            "    with {} ({}) expertise: {n} (needs {})",
            a.key, a.label, case.round.requirements[k]
        );
    }
    let mut per_rule: BTreeMap<RuleId, Vec<(PersonId, String)>> = BTreeMap::new();
    for &p in &drawable {
        let bs = blockers(case, p, g);
        let mut seen = Vec::new();
        for b in &bs {
            if !seen.contains(&b.rule()) {
                seen.push(b.rule());
                per_rule
                    .entry(b.rule())
                    .or_default()
                    .push((p, describe(case, b, Some(g))));
            }
        }
    }
    let not = drawable.len() - eligible.len();
    let _ = writeln!(
        s,
        "  not eligible: {not} drawable people (counted under each rule that keeps them out)"
    );
    for (r, list) in &per_rule {
        let _ = writeln!(s, "    {:<20} {:>4}  {}", r.as_str(), list.len(), r.label());
        for (_, text) in list {
            let _ = writeln!(s, "      {text}");
        }
    }
    let _ = writeln!(s, "  not drawable: {}", case.people.len() - drawable.len());
    let _ = writeln!(s, "  eligible leaders:");
    s.push_str(&wrap_ids(case, &leaders));
    s
}

/// The search found no plan keeping every rule although the pre-solve report
/// proves nothing: the groups it could not complete and what they miss.
/// With `proven`, the exact solver has shown that no plan exists.
pub fn not_found_text(case: &Case, groups: &[(GroupId, String)], proven: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", case_line(case));
    let _ = writeln!(
        s,
        "{} Each group has enough eligible people on its own, \
         but together they do not go round (kin, mixing caps, reciprocal avoidance or shared experts).",
        if proven {
            "No plan keeps every rule (proven by the exact solver)."
        } else {
            "No plan found that keeps every rule."
        }
    );
    let _ = writeln!(s, "The best attempt still misses:");
    for (g, what) in groups {
        let _ = writeln!(s, "  {}: {}", case.group(*g).id, what);
    }
    let _ = writeln!(s, "What to try:");
    let _ = writeln!(
        s,
        "  - see who may join a group and why not: xuncha explain CASE --group {}",
        groups
            .first()
            .map(|(g, _)| case.group(*g).id.as_str())
            .unwrap_or("G1")
    );
    let _ = writeln!(
        s,
        "  - a longer search (--iterations, --time-limit) or --allow-partial to staff the other groups"
    );
    s
}
