//! Renders checks and explanations for people: violations of a plan, the
//! feasibility report, and who may go where and why not. Wording lives here
//! only, so the rules and solvers never change when it does.

use crate::constraints::{blockers, blockers_for_targets, Eligibility};
use crate::model::{Case, GroupId, PersonId, RuleId, UnitId};
use crate::validate::feasibility::Feasibility;
use i18n::{t, tr, Args};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write;

mod check;
pub mod facts;
pub mod i18n;
pub mod input;
pub(crate) mod plan;
pub mod report;
mod report_json;
mod review;
pub mod solve;
pub mod whatif;

pub use check::{check_json, rule_label, violation_json, violations_text};
pub use facts::{cause_text, fact_chain};
pub use i18n::Lang;
pub use plan::plan_text;
pub use report::{claim_text, fact_json, feasibility_json, finding_json, finding_text, hint_text};
pub use review::{diff_json, diff_text, replace_json, replace_text};
pub use solve::{
    ending_text, left_out_text, missing_text, no_plan_json, no_plan_line, no_plan_text, rule_word,
    solver_text, unstaffed_text,
};

/// One line describing the case.
pub fn case_line(lang: Lang, case: &Case) -> String {
    let drawable = case.person_ids().filter(|&p| case.drawable(p)).count();
    let leaders = case
        .person_ids()
        .filter(|&p| case.drawable(p) && case.person(p).leader)
        .count();
    let name = if case.round.name.is_empty() {
        i18n::t(lang, "case-line-round")
    } else {
        case.round.name.clone()
    };
    i18n::tr(
        lang,
        "case-line",
        &i18n::Args::new()
            .s("name", name)
            .s("year", case.round.year.to_string())
            .n("people", case.people.len() as f64)
            .n("drawable", drawable as f64)
            .n("leaders", leaders as f64)
            .n("units", case.units.len() as f64)
            .n("groups", case.round.groups.len() as f64),
    )
}

use crate::io::output::display_width;

/// `s` padded with spaces to `w` columns of a terminal (CJK characters take two).
pub fn pad(s: &str, w: usize) -> String {
    let n = crate::io::output::display_width(s);
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

/// `s` right-aligned in `w` columns of a terminal.
pub fn pad_left(s: &str, w: usize) -> String {
    let n = crate::io::output::display_width(s);
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

/// The pre-solve feasibility report in text.
pub fn feasibility_text(lang: Lang, case: &Case, f: &Feasibility) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", case_line(lang, case));
    // the areas by the words of the language: the label in Chinese, the key in English
    let areas: Vec<String> = case
        .round
        .areas
        .iter()
        .zip(&case.round.requirements)
        .map(|(a, r)| {
            let name = if lang == Lang::Zh { &a.label } else { &a.key };
            format!("{name}≥{r}")
        })
        .collect();
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    let targets: Vec<String> = case
        .round
        .groups
        .iter()
        .map(|g| {
            g.targets
                .iter()
                .map(|&t| case.unit(t).name.as_str())
                .collect::<Vec<_>>()
                .join(sep)
        })
        .collect();
    let w_group = case
        .round
        .groups
        .iter()
        .map(|g| display_width(&g.id))
        .chain(std::iter::once(display_width(&t(lang, "report-col-group"))))
        .max()
        .unwrap_or(0);
    let w_targets = targets
        .iter()
        .map(|x| display_width(x))
        .chain(std::iter::once(display_width(&t(
            lang,
            "report-col-targets",
        ))))
        .max()
        .unwrap_or(0);
    let heads = [
        t(lang, "report-col-eligible"),
        t(lang, "report-col-leaders"),
        t(lang, "report-col-mixcap"),
    ];
    let w_num: Vec<usize> = heads.iter().map(|h| display_width(h).max(5)).collect();
    let _ = writeln!(
        s,
        "\n{}  {}  {}  {}",
        pad(&t(lang, "report-col-group"), w_group),
        pad(&t(lang, "report-col-targets"), w_targets),
        heads
            .iter()
            .zip(&w_num)
            .map(|(h, &w)| pad_left(h, w))
            .collect::<Vec<_>>()
            .join("  "),
        areas.join("  ")
    );
    for ((g, st), targets) in case.round.groups.iter().zip(&f.groups).zip(&targets) {
        let nums = [st.eligible, st.eligible_leaders, st.mixing_capacity];
        let per: Vec<String> = st
            .per_area
            .iter()
            .zip(&areas)
            .map(|(n, a)| pad_left(&n.to_string(), display_width(a)))
            .collect();
        let _ = writeln!(
            s,
            "{}  {}  {}  {}",
            pad(&g.id, w_group),
            pad(targets, w_targets),
            nums.iter()
                .zip(&w_num)
                .map(|(n, &w)| pad_left(&n.to_string(), w))
                .collect::<Vec<_>>()
                .join("  "),
            per.join("  ")
        );
    }
    let _ = writeln!(s, "{}", t(lang, "report-legend"));
    if f.findings.is_empty() {
        let _ = writeln!(s, "\n{}", t(lang, "report-none-starved"));
    } else {
        let n = f.findings.len() as f64;
        let _ = writeln!(
            s,
            "\n{}",
            tr(lang, "report-infeasible", &Args::new().n("n", n))
        );
        for finding in &f.findings {
            finding_text(lang, case, &mut s, finding);
        }
    }
    s
}

/// Where a person may go, and why not elsewhere.
pub fn person_text(lang: Lang, case: &Case, elig: &Eligibility, p: PersonId) -> String {
    let mut s = String::new();
    let x = case.person(p);
    let status = if !x.available {
        t(lang, "person-not-available")
    } else if case.excluded[p.ix()] {
        t(lang, "person-excluded")
    } else {
        t(lang, "person-available")
    };
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "person-head",
            &Args::new()
                .s("who", case.person_label(p))
                .s("unit", case.unit_label(x.unit))
                .s("region", case.region(x.region))
                .s(
                    "native",
                    x.native_region
                        .map_or("none".to_string(), |n| case.region(n).to_string())
                )
                .s("rank", x.rank.to_string())
                .s("leader", if x.leader { "yes" } else { "no" })
                .s("status", status)
        )
    );
    let may: Vec<&str> = elig
        .groups_of(p)
        .map(|g| case.group(g).id.as_str())
        .collect();
    let groups = if may.is_empty() {
        t(lang, "person-allowed-none")
    } else {
        may.join(", ")
    };
    let _ = writeln!(
        s,
        "  {}",
        tr(lang, "person-allowed", &Args::new().s("groups", groups))
    );
    for g in case.group_ids() {
        let bs = blockers(case, p, g);
        if bs.is_empty() {
            continue;
        }
        let gid = &case.group(g).id;
        let _ = writeln!(
            s,
            "  {}",
            tr(lang, "person-not-group", &Args::new().s("group", gid))
        );
        for b in &bs {
            let _ = writeln!(
                s,
                "    [{}] {}",
                b.rule(),
                fact_chain(lang, case, b, Some(g))
            );
        }
    }
    s
}

/// Why a person may or may not inspect a unit (whether or not it is a target).
pub fn person_target_text(lang: Lang, case: &Case, p: PersonId, u: UnitId) -> String {
    let bs = blockers_for_targets(case, p, &[u]);
    let mut s = String::new();
    let args = Args::new()
        .s("who", case.person_label(p))
        .s("unit", case.unit_label(u));
    if bs.is_empty() {
        let _ = writeln!(s, "{}", tr(lang, "target-may", &args));
    } else {
        let _ = writeln!(s, "{}", tr(lang, "target-may-not", &args));
        for b in &bs {
            let _ = writeln!(s, "  [{}] {}", b.rule(), fact_chain(lang, case, b, None));
        }
    }
    if !case.drawable(p) {
        let id = &case.person(p).id;
        let _ = writeln!(
            s,
            "  {}",
            tr(lang, "target-not-drawable", &Args::new().s("id", id))
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
pub fn group_text(lang: Lang, case: &Case, elig: &Eligibility, g: GroupId) -> String {
    let mut s = String::new();
    let group = case.group(g);
    let targets: Vec<String> = group.targets.iter().map(|&t| case.unit_label(t)).collect();
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "group-head",
            &Args::new()
                .s("group", &group.id)
                .s("targets", targets.join(", "))
        )
    );
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
        "  {}",
        tr(
            lang,
            "group-eligible",
            &Args::new()
                .n("eligible", eligible.len() as f64)
                .n("drawable", drawable.len() as f64)
                .n("pool", case.people.len() as f64)
                .n("leaders", leaders.len() as f64)
                .n("need", case.round.policy.leaders_per_group as f64)
        )
    );
    for (k, a) in case.round.areas.iter().enumerate() {
        let n = eligible
            .iter()
            .filter(|&&p| case.person(p).levels[k] >= 1)
            .count();
        let _ = writeln!(
            s,
            "    {}",
            tr(
                lang,
                "group-area",
                &Args::new()
                    .s("area", &a.key)
                    .s("label", &a.label)
                    .n("n", n as f64)
                    .n("need", case.round.requirements[k] as f64)
            )
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
                    .push((p, fact_chain(lang, case, b, Some(g))));
            }
        }
    }
    let not = (drawable.len() - eligible.len()) as f64;
    let _ = writeln!(
        s,
        "  {}",
        tr(lang, "group-not-eligible", &Args::new().n("n", not))
    );
    for (r, list) in &per_rule {
        let _ = writeln!(
            s,
            "    {:<20} {:>4}  {}",
            r.as_str(),
            list.len(),
            rule_label(lang, *r)
        );
        for (_, text) in list {
            let _ = writeln!(s, "      {text}");
        }
    }
    let undrawable = (case.people.len() - drawable.len()) as f64;
    let _ = writeln!(
        s,
        "  {}",
        tr(lang, "group-not-drawable", &Args::new().n("n", undrawable))
    );
    let _ = writeln!(s, "  {}", t(lang, "group-leaders"));
    s.push_str(&wrap_ids(case, &leaders));
    s
}

/// The search found no plan keeping every rule although the pre-solve report
/// proves nothing: the groups it could not complete and what they miss.
/// With `proven`, the exact solver has shown that no plan exists.
pub fn not_found_text(
    lang: Lang,
    case: &Case,
    groups: &[(GroupId, crate::solve::Missing)],
    proven: bool,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", case_line(lang, case));
    let head = t(
        lang,
        if proven {
            "not-found-proven"
        } else {
            "not-found"
        },
    );
    let why = if proven {
        "not-found-why-proven"
    } else {
        "not-found-why"
    };
    let _ = writeln!(s, "{head} {}", t(lang, why));
    let _ = writeln!(s, "{}", t(lang, "not-found-misses"));
    for (g, what) in groups {
        let what = missing_text(lang, case, what);
        let _ = writeln!(s, "  {}: {what}", case.group(*g).id);
    }
    let _ = writeln!(s, "{}", t(lang, "not-found-try"));
    let first = groups
        .first()
        .map(|(g, _)| case.group(*g).id.as_str())
        .unwrap_or("G1");
    let _ = writeln!(
        s,
        "  {}",
        tr(
            lang,
            "not-found-try-explain",
            &Args::new().s("group", first)
        )
    );
    if !proven {
        // a search's failure proves nothing: another seed may find a plan
        let _ = writeln!(s, "  {}", t(lang, "not-found-try-longer"));
    }
    let _ = writeln!(s, "  {}", t(lang, "not-found-try-partial"));
    s
}

/// May a person inspect a unit, as data: the reasons with their facts.
pub fn person_target_json(lang: Lang, case: &Case, p: PersonId, u: UnitId) -> Value {
    let bs = blockers_for_targets(case, p, &[u]);
    json!({
        "person": case.person(p).id,
        "target": case.unit(u).id,
        "allowed": bs.is_empty(),
        "drawable": case.drawable(p),
        "reasons": bs.iter().map(|b| fact_json(lang, case, b, None)).collect::<Vec<_>>(),
        "message": person_target_text(lang, case, p, u).trim_end(),
    })
}

/// Where a person may go, as data: the groups allowed, and per group not
/// allowed the reasons with their facts.
pub fn person_json(lang: Lang, case: &Case, elig: &Eligibility, p: PersonId) -> Value {
    let mut blocked = serde_json::Map::new();
    for g in case.group_ids() {
        let bs = blockers(case, p, g);
        if !bs.is_empty() {
            blocked.insert(
                case.group(g).id.clone(),
                bs.iter()
                    .map(|b| fact_json(lang, case, b, Some(g)))
                    .collect(),
            );
        }
    }
    json!({
        "person": case.person(p).id,
        "drawable": case.drawable(p),
        "allowed": elig.groups_of(p).map(|g| case.group(g).id.clone()).collect::<Vec<_>>(),
        "blocked": blocked,
    })
}

/// Who may join a group, as data: the eligible (leaders, per area), and the
/// others with the reasons and facts that keep them out, counted per rule.
pub fn group_json(lang: Lang, case: &Case, elig: &Eligibility, g: GroupId) -> Value {
    let mut eligible = Vec::new();
    let mut not = Vec::new();
    let mut per_rule: BTreeMap<RuleId, usize> = BTreeMap::new();
    for p in case.person_ids().filter(|&p| case.drawable(p)) {
        if elig.allowed(p, g) {
            eligible.push(case.person(p).id.clone());
        } else {
            let bs = blockers(case, p, g);
            let mut rules: Vec<RuleId> = bs.iter().map(|b| b.rule()).collect();
            rules.sort();
            rules.dedup();
            for r in &rules {
                *per_rule.entry(*r).or_default() += 1;
            }
            not.push(json!({
                "person": case.person(p).id,
                "reasons": bs.iter().map(|b| fact_json(lang, case, b, Some(g))).collect::<Vec<_>>(),
            }));
        }
    }
    let leaders: Vec<&str> = case
        .person_ids()
        .filter(|&p| case.drawable(p) && case.person(p).leader && elig.allowed(p, g))
        .map(|p| case.person(p).id.as_str())
        .collect();
    let per_area: BTreeMap<&str, usize> = case
        .round
        .areas
        .iter()
        .enumerate()
        .map(|(k, a)| {
            (
                a.key.as_str(),
                case.person_ids()
                    .filter(|&p| {
                        case.drawable(p) && elig.allowed(p, g) && case.person(p).levels[k] >= 1
                    })
                    .count(),
            )
        })
        .collect();
    json!({
        "group": case.group(g).id,
        "eligible": eligible,
        "eligible_leaders": leaders,
        "eligible_per_area": per_area,
        "not_eligible_per_rule": per_rule,
        "not_eligible": not,
    })
}
