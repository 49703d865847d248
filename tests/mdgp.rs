//! The MDGP mode: the reader refuses malformed instances naming file, line
//! and column; the search finds the optimum of small instances (checked by
//! brute force); the command line is reproducible on one or two threads.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::process::Command;
use xuncha::mdgp::{parse_instance, read_instance, solve, Instance};
use xuncha::solve::Budget;

/// An instance text: `n` elements with random distances, the given bounds.
fn instance_text(n: usize, bounds: &[(usize, usize)], seed: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let kind = if bounds.iter().all(|&(a, b)| a == b) {
        "ss"
    } else {
        "ds"
    };
    let mut t = format!("{n} {} {kind}", bounds.len());
    for (a, b) in bounds {
        t.push_str(&format!(" {a} {b}"));
    }
    t.push_str(" \n");
    for i in 0..n {
        for j in i + 1..n {
            t.push_str(&format!("{i} {j} {:.3}\n", rng.random_range(0.0..100.0)));
        }
    }
    t
}

/// The best objective over every assignment within the bounds.
fn brute_force(inst: &Instance) -> f64 {
    let (n, m) = (inst.n, inst.m);
    let mut group = vec![0u32; n];
    let mut best = f64::NEG_INFINITY;
    loop {
        if let Some(f) = inst.objective(&group) {
            best = best.max(f);
        }
        let mut i = 0;
        loop {
            if i == n {
                return best;
            }
            group[i] += 1;
            if (group[i] as usize) < m {
                break;
            }
            group[i] = 0;
            i += 1;
        }
    }
}

#[test]
fn the_search_finds_the_optimum_of_small_instances() {
    // (n, bounds): equal and different sizes
    let shapes: [(usize, &[(usize, usize)]); 4] = [
        (8, &[(4, 4), (4, 4)]),
        (9, &[(3, 3), (3, 3), (3, 3)]),
        (9, &[(2, 5), (3, 4), (2, 3)]),
        (10, &[(1, 6), (4, 6)]),
    ];
    for (k, &(n, bounds)) in shapes.iter().enumerate() {
        for seed in 0..5u64 {
            let text = instance_text(n, bounds, 100 * k as u64 + seed);
            let inst = parse_instance(&text, "small").unwrap();
            let best = brute_force(&inst);
            let (found, objective, _) = solve(
                &inst,
                2,
                seed,
                &Budget::new(Some(20_000), None),
                &Default::default(),
            );
            assert_eq!(inst.objective(&found.solution), Some(objective));
            assert!(
                (objective - best).abs() < 1e-6,
                "shape {k}, seed {seed}: found {objective}, optimum {best}"
            );
        }
    }
}

#[test]
fn malformed_instances_are_refused_naming_file_line_and_column() {
    let good = instance_text(4, &[(2, 2), (2, 2)], 1);
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "line 1"),
        (
            "4 2 xx 2 2 2 2\n".to_string() + &good[good.find('\n').unwrap() + 1..],
            "`ss` or `ds`",
        ),
        (good.replacen("4 2 ss 2 2 2 2", "4 2 ss 2 2", 1), "bounds"),
        (
            good.replacen("4 2 ss 2 2 2 2", "4 two ss 2 2 2 2", 1),
            "column m (groups)",
        ),
        (
            good.replacen("4 2 ss 2 2 2 2", "4 2 ss 1 1 1 1", 1),
            "allow",
        ),
        (good.replacen("0 1 ", "0 9 ", 1), "line 2"),
        (good.replacen("0 1 ", "0 0 ", 1), "two different"),
        (good.replacen("0 2 ", "0 1 ", 1), "given twice"),
        (good.replacen("\n0 1 ", "\n0 1 x", 1), "column d_ij"),
        (
            good.lines().take(5).collect::<Vec<_>>().join("\n"),
            "n(n-1)/2 = 6",
        ),
        (good.clone() + "3 4 1.0\n", "line 8"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (text, expect)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("bad{i}.txt"));
        std::fs::write(&path, text).unwrap();
        let err = read_instance(&path).expect_err(&format!("case {i} is refused"));
        let msg = err.to_string();
        assert!(msg.contains(&format!("bad{i}.txt")), "case {i}: {msg}");
        assert!(
            msg.contains(expect),
            "case {i}: expected `{expect}` in: {msg}"
        );
    }
    // the command line: exit 2 and the message
    let path = dir.path().join("bad3.txt");
    let o = Command::new(env!("CARGO_BIN_EXE_xuncha"))
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .args(["mdgp"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad3.txt"));
}

#[test]
fn the_command_prints_the_objective_and_gives_the_same_solution_on_one_or_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("i.txt");
    std::fs::write(&file, instance_text(30, &[(10, 10); 3], 7)).unwrap();
    let inst = read_instance(&file).unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let sol = dir.path().join(format!("sol{threads}.txt"));
        let o = Command::new(env!("CARGO_BIN_EXE_xuncha"))
            .env("LC_ALL", "C")
            .env("LANG", "C")
            .args([
                "mdgp",
                "--iterations",
                "50000",
                "--threads",
                threads,
                "--out",
            ])
            .arg(&sol)
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let printed: f64 = String::from_utf8_lossy(&o.stdout).trim().parse().unwrap();
        let groups: Vec<u32> = std::fs::read_to_string(&sol)
            .unwrap()
            .lines()
            .map(|l| l.parse().unwrap())
            .collect();
        assert_eq!(groups.len(), 30);
        let f = inst.objective(&groups).expect("sizes kept");
        assert!((f - printed).abs() < 1e-3, "{f} vs {printed}");
        outputs.push((printed.to_bits(), groups));
    }
    assert_eq!(outputs[0], outputs[1]);
}
