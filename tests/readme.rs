//! The README's printed examples are real: each `$ xuncha …` block is run and
//! what the README shows must appear, line for line, in what the command prints.

use std::process::Command;

#[test]
fn readme_examples_match_the_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut checked = 0;
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(cmd) = line.strip_prefix("$ xuncha ") else {
            continue;
        };
        let mut shown = String::new();
        while let Some(l) = lines.next_if(|l| !l.starts_with("```")) {
            shown.push_str(l);
            shown.push('\n');
        }
        let out = Command::new(env!("CARGO_BIN_EXE_xuncha"))
            .env("LC_ALL", "C")
            .env("LANG", "C")
            .args(cmd.split_whitespace())
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        let printed = String::from_utf8(out.stdout).unwrap();
        assert!(
            printed.contains(&shown),
            "README shows for `xuncha {cmd}`:\n{shown}\nbut it prints:\n{printed}"
        );
        checked += 1;
    }
    assert_eq!(checked, 7, "the README has seven printed examples");
}
