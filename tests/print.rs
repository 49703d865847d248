//! The printed 编组名单: LibreOffice converts the workbook `plan` writes to
//! PDF, and each page is read back (pdftotext): no group's members span two
//! pages, every page carries its sheet's header row, 说明 is one page. And
//! `check` reads the workbook back, as written and as a clerk edits it.
//!
//! The print tests need LibreOffice and poppler-utils (`.ci/run` installs
//! them); without them they say "skipped" on stderr, and fail under CI.

mod common;

use common::{code, stderr, stdout, write_book, xuncha_in, Sheet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `prog` on the PATH, if there.
fn which(prog: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(prog))
        .find(|p| p.is_file())
}

/// LibreOffice, and poppler's pdfinfo and pdftotext; `None` (said loudly)
/// when one is missing outside CI; a failure under CI.
fn print_tools() -> Option<PathBuf> {
    let office = which("soffice").or_else(|| which("libreoffice"));
    let missing: Vec<&str> = [
        ("soffice (LibreOffice)", office.is_some()),
        ("pdfinfo", which("pdfinfo").is_some()),
        ("pdftotext", which("pdftotext").is_some()),
    ]
    .iter()
    .filter(|(_, ok)| !ok)
    .map(|(n, _)| *n)
    .collect();
    if missing.is_empty() {
        return office;
    }
    let msg = format!(
        "skipped: the print test needs {} (Debian: apt-get install -y libreoffice-calc \
         poppler-utils fonts-noto-cjk; .ci/run installs them)",
        missing.join(", ")
    );
    assert!(std::env::var_os("CI").is_none(), "{msg}: CI never skips it");
    eprintln!("\n*** {msg} ***\n");
    None
}

/// Converts `xlsx` to PDF beside it; the PDF's path.
fn to_pdf(office: &Path, xlsx: &Path) -> PathBuf {
    let dir = xlsx.parent().unwrap();
    // a profile of its own: no clash with another LibreOffice running
    let profile = dir.join("lo-profile");
    let out = Command::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(xlsx)
        .output()
        .expect("LibreOffice runs");
    let pdf = xlsx.with_extension("pdf");
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// The text of each page.
fn pages(pdf: &Path) -> Vec<String> {
    let info = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let n: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    (1..=n)
        .map(|i| {
            let o = Command::new("pdftotext")
                .args(["-layout", "-f", &i.to_string(), "-l", &i.to_string()])
                .arg(pdf)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout).into_owned()
        })
        .collect()
}

/// Per group, the ids of its people, from a plan.csv.
fn groups_of(plan_csv: &Path) -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(plan_csv).unwrap();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.trim_start_matches('\u{feff}').lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        out.entry(f[0].to_string())
            .or_default()
            .push(f[2].to_string());
    }
    out
}

/// Plans `case` into plan.xlsx and plan.csv (the same plan: same seed) in a
/// temp dir.
fn planned(case: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("plan.xlsx");
    let csv = dir.path().join("plan.csv");
    for out in [&xlsx, &csv] {
        let mut args = vec![
            "plan",
            case.to_str().unwrap(),
            "--lang",
            "zh",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = xuncha_in(dir.path(), &args);
        assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    }
    (dir, xlsx, csv)
}

/// The page checks: every group on one page, every page with its header.
/// Gives the number of pages of the roster.
fn assert_printed_right(text: &[String], groups: &BTreeMap<String, Vec<String>>) -> usize {
    let mut roster_pages = 0;
    for (i, page) in text.iter().enumerate() {
        let no = i + 1;
        let roster = page.contains("巡察对象");
        if roster {
            roster_pages += 1;
            for h in ["组别", "角色", "姓名", "编号"] {
                assert!(page.contains(h), "page {no}: the roster's header lacks {h}");
            }
        } else if page.contains("输入文件摘要") {
            assert!(
                page.contains("随机种子") && page.contains("程序版本"),
                "page {no}"
            );
        } else if page.contains("权重") {
            assert!(
                page.contains("项目") && page.contains("含义"),
                "page {no}: {page}"
            );
        } else {
            // 未入选
            for h in ["姓名", "工作单位", "须参加", "情况", "原因"] {
                assert!(page.contains(h), "page {no}: 未入选's header lacks {h}");
            }
        }
        assert!(page.contains("制表人"), "page {no}: the footer");
    }
    for (g, ids) in groups {
        let on: Vec<usize> = text
            .iter()
            .enumerate()
            .filter(|(_, p)| p.contains("巡察对象"))
            .filter(|(_, p)| ids.iter().any(|id| p.contains(id.as_str())))
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(on.len(), 1, "group {g} is printed on pages {on:?}");
        let page = &text[on[0] - 1];
        for id in ids {
            assert!(
                page.contains(id.as_str()),
                "{id} of {g} not on page {}",
                on[0]
            );
        }
    }
    let about = text.iter().filter(|p| p.contains("输入文件摘要")).count();
    assert_eq!(about, 1, "说明 is one page");
    roster_pages
}

#[test]
fn the_sample_prints_each_group_whole_with_headers_on_every_page() {
    let Some(office) = print_tools() else { return };
    let (_dir, xlsx, csv) = planned(&common::root().join("data/sample"), &[]);
    let pdf = to_pdf(&office, &xlsx);
    let text = pages(&pdf);
    let roster = assert_printed_right(&text, &groups_of(&csv));
    // four groups of six on one page, under the title block; 评分 one page;
    // the 336 people not placed on four; 说明 one
    assert_eq!(roster, 1, "the sample's groups on one page");
    assert!(text[0].contains("文号：云巡办〔2026〕7号"), "{}", text[0]);
    assert_eq!(text.len(), 7, "pages of the sample's plan.xlsx");
}

#[test]
fn a_large_round_breaks_pages_between_groups() {
    let Some(office) = print_tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("big");
    let o = xuncha_in(
        dir.path(),
        &[
            "gen",
            "--people",
            "300",
            "--groups",
            "14",
            "--out",
            case.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (_d, xlsx, csv) = planned(&case, &["--iterations", "200000"]);
    let pdf = to_pdf(&office, &xlsx);
    let text = pages(&pdf);
    let groups = groups_of(&csv);
    assert_eq!(groups.len(), 14);
    let roster = assert_printed_right(&text, &groups);
    assert!(roster >= 3, "14 groups need several pages, got {roster}");
}

/// The roster sheet as a clerk keeps it after editing: a title, a header,
/// then per group its rows under one merged 组别 cell.
fn clerk_book(path: &Path, rows: &[(String, String, String, String)]) {
    let mut csv = String::from("第七轮交叉巡察编组名单,,,,\n组别,角色,姓名,编号,备注\n");
    let mut merges = vec![(0, 0, 0, 4)];
    let mut start = 2u32;
    for (i, (g, role, name, id)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        csv.push_str(&format!("{g},{role},{name},{id},\n"));
        let last = i + 1 == rows.len() || rows[i + 1].0 != *g;
        if last {
            if r > start {
                merges.push((start, 0, r, 0));
            }
            start = r + 1;
        }
    }
    let mut sheet = Sheet::new("编组名单", &csv);
    sheet.merges = merges;
    write_book(path, &[sheet, Sheet::new("说明", "轮次,第七轮\n")]);
}

/// (group, role, name, id) per row of a plan.csv.
fn rows_of(plan_csv: &Path) -> Vec<(String, String, String, String)> {
    let text = std::fs::read_to_string(plan_csv).unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let role = if f[1] == "leader" { "组长" } else { "组员" };
            (f[0].into(), role.into(), f[3].into(), f[2].into())
        })
        .collect()
}

fn check(dir: &Path, plan: &Path) -> (i32, String) {
    let o = xuncha_in(
        dir,
        &[
            "check",
            common::root().join("data/sample").to_str().unwrap(),
            "--plan",
            plan.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    (code(&o), format!("{}{}", stdout(&o), stderr(&o)))
}

#[test]
fn check_reads_the_workbook_as_written_and_as_edited() {
    let (dir, xlsx, csv) = planned(&common::root().join("data/sample"), &[]);
    let d = dir.path();
    let (c, out) = check(d, &xlsx);
    assert_eq!(c, 0, "{out}");
    assert!(
        out.contains("valid: the plan keeps every rule (24 people"),
        "{out}"
    );
    assert!(!out.contains("but"), "{out}");

    let rows = rows_of(&csv);
    // as retyped from the print: the same plan
    let same = d.join("same.xlsx");
    clerk_book(&same, &rows);
    let (c, out) = check(d, &same);
    assert_eq!(c, 0, "{out}");

    // a member's row deleted (one with no required expertise, so that no
    // requirement goes short): still a valid plan of 23
    let people = std::fs::read_to_string(common::root().join("data/sample/people.csv")).unwrap();
    let expert = |id: &str| {
        people.lines().any(|l| {
            let f: Vec<&str> = l.split(',').collect();
            f[0] == id
                && f[f.len() - 4..]
                    .iter()
                    .any(|v| v.parse::<u32>().is_ok_and(|x| x >= 1))
        })
    };
    let mut fewer = rows.clone();
    let gone = fewer
        .iter()
        .rposition(|r| r.1 == "组员" && !expert(&r.3))
        .unwrap();
    fewer.remove(gone);
    let path = d.join("fewer.xlsx");
    clerk_book(&path, &fewer);
    let (c, out) = check(d, &path);
    assert_eq!(c, 0, "{out}");
    assert!(out.contains("(23 people"), "{out}");

    // a member's row moved from G1 into G2's block: G2 has seven
    let mut moved = rows.clone();
    let i = moved.iter().rposition(|r| r.0 == "G1").unwrap();
    let mut row = moved.remove(i);
    row.0 = "G2".into();
    let at = moved.iter().rposition(|r| r.0 == "G2").unwrap();
    moved.insert(at + 1, row);
    let path = d.join("moved.xlsx");
    clerk_book(&path, &moved);
    let (c, out) = check(d, &path);
    assert_eq!(c, 1, "{out}");
    assert!(out.contains("group-size"), "{out}");

    // a name retyped: someone from G2's own region (南溪县, R05) put in G2
    // by name, the 编号 left as it was: read by the name, and refused
    let case = xuncha::io::load_case(&common::root().join("data/sample")).unwrap();
    let g2 = case.group_by_id("G2").unwrap();
    let target_region = case.unit(case.group(g2).targets[0]).region;
    let placed: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
    let local = case
        .person_ids()
        .map(|p| case.person(p))
        .find(|x| {
            x.region == target_region
                && case.drawable(case.person_by_id(&x.id).unwrap())
                && !placed.contains(&x.id.as_str())
                && case.people.iter().filter(|o| o.name == x.name).count() == 1
        })
        .expect("someone of 南溪县 in the pool");
    let mut retyped = rows.clone();
    let j = retyped
        .iter()
        .rposition(|r| r.0 == "G2" && r.1 == "组员")
        .unwrap();
    retyped[j].2 = local.name.clone();
    let path = d.join("retyped.xlsx");
    clerk_book(&path, &retyped);
    let (c, out) = check(d, &path);
    assert_eq!(c, 1, "{out}");
    assert!(out.contains("region-avoidance"), "{out}");
    assert!(
        out.contains(&local.name) && out.contains("by the name"),
        "{out}"
    );
}
