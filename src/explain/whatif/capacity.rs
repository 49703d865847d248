//! `xuncha whatif --capacity` in words and JSON.

use super::{budget_line, round_line, table_lines};
use crate::explain::i18n::{t, tr, Args, Lang};
use crate::model::Case;
use crate::whatif::capacity::{Capacity, Probe, Resource};
use crate::whatif::Settings;
use serde_json::{json, Value};
use std::fmt::Write;

fn probe_text(lang: Lang, p: &Probe) -> String {
    match p {
        Probe::Staffed => t(lang, "wi-staffed"),
        Probe::Impossible { why, .. } => tr(lang, "wi-impossible", &Args::new().s("why", why)),
        Probe::NotFound { why } => why.clone(),
    }
}

/// A resource's name: `leaders (组长库)`, `audit (审计)` in English, 组长库,
/// 审计 in Chinese.
fn resource_label(lang: Lang, case: &Case, r: &Resource) -> String {
    if lang == Lang::En {
        return r.label.clone();
    }
    match r.key.strip_prefix("area.") {
        Some(k) => case
            .round
            .areas
            .iter()
            .find(|a| a.key == k)
            .map_or(k.to_string(), |a| a.label.clone()),
        None => t(lang, &format!("wi-res-{}", r.key)),
    }
}

/// `--capacity` in text (`case_path` as the user gave it, for the hints).
pub fn capacity_text(
    lang: Lang,
    case: &Case,
    case_path: &str,
    c: &Capacity,
    settings: &Settings,
) -> String {
    let mut s = String::new();
    let round = round_line(lang, case);
    let _ = writeln!(
        s,
        "{}",
        tr(lang, "wi-capacity-head", &Args::new().s("round", round))
    );
    if let Err(why) = &c.round_staffed {
        let _ = writeln!(
            s,
            "{}",
            tr(
                lang,
                "wi-capacity-not-own",
                &Args::new()
                    .n("n", c.round_groups as f64)
                    .s("why", why)
                    .s("case", case_path)
            )
        );
        return s;
    }
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "wi-capacity-staffs",
            &Args::new()
                .n("n", c.round_groups as f64)
                .n("more", c.more as f64)
                .n("total", (c.round_groups + c.more) as f64)
        )
    );
    let groups = case
        .round
        .groups
        .iter()
        .take(3)
        .map(|g| g.id.as_str())
        .chain(if case.round.groups.len() > 3 {
            Some("…")
        } else {
            None
        })
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "wi-capacity-how",
            &Args::new()
                .s("groups", groups)
                .s("budget", budget_line(lang, settings, case))
        )
    );
    if let Some(next) = &c.next {
        let _ = writeln!(
            s,
            "\n{}",
            tr(
                lang,
                "wi-capacity-next",
                &Args::new()
                    .s("k", (c.more + 1).to_string())
                    .s("result", probe_text(lang, next))
            )
        );
    }
    if c.proven_impossible_from > c.more + 1 {
        let _ = writeln!(
            s,
            "{}",
            tr(
                lang,
                "wi-capacity-proven-from",
                &Args::new().n("k", c.proven_impossible_from as f64)
            )
        );
    }
    let _ = writeln!(s, "\n{}", t(lang, "wi-capacity-resources"));
    let head = ["resource", "drawable", "per-group", "groups"]
        .iter()
        .map(|k| t(lang, &format!("wi-col-{k}")))
        .collect();
    let rows: Vec<Vec<String>> = std::iter::once(head)
        .chain(c.resources.iter().map(|r| {
            vec![
                resource_label(lang, case, r),
                r.available.to_string(),
                r.per_group.to_string(),
                r.groups.to_string(),
            ]
        }))
        .collect();
    s.push_str(&table_lines(&rows, true));
    let tried: Vec<String> = c
        .probes
        .iter()
        .filter(|(&k, _)| k > 0)
        .map(|(k, p)| {
            let word = t(
                lang,
                if matches!(p, Probe::Staffed) {
                    "wi-yes"
                } else {
                    "wi-no"
                },
            );
            format!("{k} {word}")
        })
        .collect();
    let _ = writeln!(
        s,
        "\n{}",
        tr(
            lang,
            "wi-capacity-tried",
            &Args::new().s("list", tried.join(&t(lang, "list-sep")))
        )
    );
    s
}

/// `--capacity` as JSON.
pub fn capacity_json(c: &Capacity) -> Value {
    json!({
        "round_groups": c.round_groups,
        "round_staffed": c.round_staffed.is_ok(),
        "why_not": c.round_staffed.as_ref().err(),
        "more": c.more,
        "total": c.round_groups + c.more,
        "next": c.next,
        "proven_impossible_from": c.proven_impossible_from,
        "resources": c.resources,
        "probes": c.probes.iter().map(|(k, p)| {
            let mut v = serde_json::to_value(p).expect("a probe serializes");
            v["extra"] = json!(k);
            v
        }).collect::<Vec<_>>(),
    })
}
