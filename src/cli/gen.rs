//! `xuncha gen --people N --groups G --out DIR`: a synthetic case.

use super::load;
use crate::constraints::Eligibility;
use crate::explain::{self, Lang};
use std::path::PathBuf;

/// `gen`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// People in the pool.
    #[arg(long)]
    people: usize,
    /// Groups in the round (3 targets each).
    #[arg(long, value_parser = super::at_least_one_usize)]
    groups: usize,
    /// Seed: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Leaders and auditors scarce (at most two per group of each).
    #[arg(long)]
    tight: bool,
    /// Plant a starved group (for tests): every leader declares a
    /// conflict with a target of the first group.
    #[arg(long)]
    infeasible: bool,
    /// The directory to write (created if missing).
    #[arg(long)]
    out: PathBuf,
}

/// People per group the generator needs at least (a pool to choose from).
const GEN_PEOPLE_PER_GROUP: usize = 12;

/// Exit 0 with a staffable case written (or 1: none found, or the planted cause).
pub fn run(a: Args, lang: Lang) -> anyhow::Result<u8> {
    let Args {
        people,
        groups,
        seed,
        tight,
        infeasible,
        out,
    } = a;
    let out = out.as_path();
    if people < GEN_PEOPLE_PER_GROUP * groups {
        anyhow::bail!(
            "--people {people} is too few for {groups} groups: give at least {} ({GEN_PEOPLE_PER_GROUP} per group)",
            GEN_PEOPLE_PER_GROUP * groups
        );
    }
    let started = std::time::Instant::now();
    // a staffable case (a plan was found), unless --infeasible
    let (case, draws) = match crate::gen::feasible_case(&crate::gen::GenOptions {
        tight,
        infeasible,
        ..crate::gen::GenOptions::new(people, groups, seed)
    }) {
        Ok(x) => x,
        Err(why) => {
            errln!("gen: {why}\ngive more people per group, or another seed (nothing written)");
            return Ok(1);
        }
    };
    crate::io::write_case::write_case_dir(&case, out)?;
    // read back as any case is, so that what was written is what a user loads
    let loaded = load(lang, out)?;
    outln!(
        "wrote {}: {} people ({} in the leader pool), {} units in {} regions, {} groups; {:.2} s",
        out.display(),
        loaded.people.len(),
        loaded.people.iter().filter(|p| p.leader).count(),
        loaded.units.len(),
        loaded.regions.len(),
        loaded.round.groups.len(),
        started.elapsed().as_secs_f64()
    );
    if !infeasible {
        // feasible_case found a plan for it already
        outln!(
            "feasible: a plan keeping every rule was found{}",
            if draws > 1 {
                format!(" (draw {draws}: the earlier draws of this seed were not staffable)")
            } else {
                String::new()
            }
        );
        return Ok(0);
    }
    // --infeasible: the pre-solve report shows the planted cause
    let elig = Eligibility::build(&loaded);
    let report = crate::validate::feasibility::analyse(&loaded, &elig);
    if report.ok() {
        outln!("pre-solve report: every group can be staffed as far as it can tell");
        Ok(0)
    } else {
        out!("{}", explain::feasibility_text(lang, &loaded, &report));
        Ok(1)
    }
}
