//! `xuncha whatif --critical` in words and JSON.

use super::{round4, round_line, table_lines, thousands};
use crate::explain::i18n::{t, tr, Args, Lang};
use crate::explain::plan::num;
use crate::model::Case;
use crate::whatif::critical::{Critical, Effect, CLEARLY_WORSE};
use crate::whatif::Settings;
use serde_json::{json, Value};
use std::fmt::Write;

/// What a person's absence does, in a few words.
fn effect_text(lang: Lang, e: &Effect) -> String {
    match e {
        Effect::Infeasible { proven: true, why } => {
            tr(lang, "wi-infeasible", &Args::new().s("why", why))
        }
        Effect::Infeasible { proven: false, why } => why.clone(),
        Effect::Score {
            delta,
            score,
            moved,
        } => {
            let args = Args::new()
                .s("delta", num(delta.abs()))
                .s("score", num(*score))
                .n("moved", *moved as f64);
            let id = if num(delta.abs()) == "0" {
                "wi-score-same"
            } else if *delta > 0.0 {
                "wi-score-rises"
            } else {
                "wi-score-falls"
            };
            tr(lang, id, &args)
        }
    }
}

/// `--critical` in text: the `top` first entries (`case_path` as the user
/// gave it, for the hints).
pub fn critical_text(
    lang: Lang,
    case: &Case,
    case_path: &str,
    c: &Critical,
    settings: &Settings,
    top: usize,
) -> String {
    let mut s = String::new();
    let round = round_line(lang, case);
    let _ = writeln!(
        s,
        "{}",
        tr(lang, "wi-critical-head", &Args::new().s("round", round))
    );
    let Some(base) = c.base_score else {
        let _ = writeln!(
            s,
            "{}",
            tr(
                lang,
                "wi-critical-not-staffed",
                &Args::new()
                    .s("why", c.base_why.as_deref().unwrap_or(""))
                    .s("case", case_path)
            )
        );
        return s;
    };
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "wi-critical-base",
            &Args::new()
                .s("score", num(base))
                .n("people", c.entries.len() as f64)
                .s("seed", settings.seed.to_string())
                .n("searches", settings.searches.max(1) as f64)
                .s("moves", thousands(c.iterations))
        )
    );
    let n_critical = c.entries.iter().filter(|e| e.is_critical()).count();
    let _ = writeln!(
        s,
        "{}",
        tr(
            lang,
            "wi-critical-count",
            &Args::new()
                .n("n", n_critical as f64)
                .s("worse", num(CLEARLY_WORSE))
        )
    );
    let shown: Vec<_> = c.entries.iter().take(top).collect();
    let head = ["rank", "person", "place", "without"]
        .iter()
        .map(|k| t(lang, &format!("wi-col-{k}")))
        .collect();
    let rows: Vec<Vec<String>> = std::iter::once(head)
        .chain(shown.iter().enumerate().map(|(i, e)| {
            vec![
                format!("{}{}", i + 1, if e.is_critical() { " *" } else { "" }),
                format!("{} {}", e.person, e.name),
                e.place.to_string(),
                effect_text(lang, &e.effect),
            ]
        }))
        .collect();
    let _ = writeln!(s);
    s.push_str(&table_lines(&rows, false));
    if c.entries.len() > shown.len() {
        let _ = writeln!(
            s,
            "  {}",
            tr(
                lang,
                "wi-critical-more",
                &Args::new()
                    .n("n", (c.entries.len() - shown.len()) as f64)
                    .n("all", c.entries.len() as f64)
            )
        );
    }
    let _ = writeln!(s, "\n{}", t(lang, "wi-critical-legend"));
    s
}

/// `--critical` as JSON.
pub fn critical_json(c: &Critical) -> Value {
    json!({
        "base_score": c.base_score.map(round4),
        "why_not": c.base_why,
        "iterations": c.iterations,
        "clearly_worse": CLEARLY_WORSE,
        "people": c.entries.iter().map(|e| {
            let mut v = serde_json::to_value(e).expect("an entry serializes");
            v["critical"] = json!(e.is_critical());
            for k in ["delta", "score"] {
                if let Some(x) = v.get(k).and_then(Value::as_f64) {
                    v[k] = json!(round4(x));
                }
            }
            v
        }).collect::<Vec<_>>(),
    })
}
