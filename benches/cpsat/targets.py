#!/usr/bin/env python3
"""The targets of issue 14 for one or more builds of xuncha, interleaved case
by case so that a busy machine weighs on each alike (BENCHMARKS.md).

    python3 benches/cpsat/targets.py [--parts sample,small,tight] [--work /tmp/xuncha-peer] BUILD...

BUILD is `path[|ENV=V,ENV2=V][|--flag value ...]`: a binary, optionally with
environment variables and extra `plan` flags (e.g. `target/release/xuncha||--searches 8`).
Needs the results of `table.py` (CP-SAT at 60 s on the tight rounds,
WORK/results.json) and of `table.py --small` (CP-SAT's proven optima of the
small cases, WORK/small.json). Prints per build:
- sample: the score of seeds 1-5 at `--time-limit 1`, how many are 0;
- small: how many of the proven optima `--iterations 250000 --time-limit 1`
  equals (as section 2 of `cargo bench --bench table`), and the misses;
- tight: for seeds 1..--tight-seeds, on how many tight rounds
  `--time-limit 2 --seed S` leaves out no more must-serve people than
  CP-SAT and scores within 2 % of it, CP-SAT's reference being the better
  of its 10-s and 60-s plans; how many of CP-SAT's proven optima it reaches.
Every plan is checked with `xuncha check`.
"""
import argparse, json, os, statistics, subprocess, tempfile

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--parts", default="sample,small,tight")
ap.add_argument("--work", default="/tmp/xuncha-peer")
ap.add_argument("--tight-seeds", type=int, default=3, help="seeds 1..N of each tight round at 2 s")
ap.add_argument("builds", nargs="+")
args = ap.parse_args()
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
W = args.work
TMP = tempfile.mkdtemp(prefix="xuncha-targets-")


def cpsat_best(r):
    """CP-SAT's better plan of its two runs (10 s, 60 s: its workers race, so
    the longer run is not always the better), and whether either proved it
    optimal."""
    found = [r[k] for k in ("c10", "c60") if "score" in r[k]]
    if not found:  # no plan from CP-SAT: any plan of xuncha's is ahead
        return {"score": float("inf"), "must_out": float("inf"), "proven": False}
    best = min(found, key=lambda c: (c["must_out"], c["score"]))
    return {"score": best["score"], "must_out": best["must_out"],
            "proven": any(c["status"] == "OPTIMAL" for c in found)}


def spec(b):
    parts = b.split("|")
    env = dict(os.environ)
    for kv in (parts[1].split(",") if len(parts) > 1 and parts[1] else []):
        k, v = kv.split("=")
        env[k] = v
    return parts[0], env, (parts[2].split() if len(parts) > 2 else [])


def run(b, case, extra, tag):
    path, env, flags = spec(b)
    out = os.path.join(TMP, f"{args.builds.index(b)}-{tag}.json")
    r = subprocess.run([path, "plan", case, "--quiet", "--out", out] + extra + flags,
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        return None, None
    v = json.load(open(out, encoding="utf-8"))
    terms = {x["key"]: x["value"] for x in v["score"]["terms"]}
    assert subprocess.run([path, "check", case, "--plan", out], capture_output=True).returncode == 0, (b, case)
    return v["score"]["total"], int(terms["must_serve"])


res = {b: {} for b in args.builds}
if "sample" in args.parts:
    for s in range(1, 6):
        for b in args.builds:
            sc, _ = run(b, os.path.join(ROOT, "data", "sample"), ["--time-limit", "1", "--seed", str(s)], f"sample{s}")
            res[b].setdefault("sample", []).append(sc)
    for b in args.builds:
        v = res[b]["sample"]
        print(b, "| sample 1 s:", [round(x, 3) for x in v], "zeros", sum(abs(x) < 1e-9 for x in v),
              "mean %.3f" % statistics.mean(v), flush=True)
if "small" in args.parts:
    sm = json.load(open(os.path.join(W, "small.json")))
    # a peer's plan that breaks a rule (a model older than a rule) proves nothing
    bad = [k for k, v in sm.items() if "score" in v["cp"] and not v["cp"].get("valid")]
    assert not bad, f"CP-SAT plans that xuncha check refuses (rerun table.py --small --fresh): {bad}"
    opt = {k: v["cp"]["score"] for k, v in sm.items() if v["cp"]["status"] == "OPTIMAL"}
    for k in sorted(opt):
        for b in args.builds:
            sc, _ = run(b, os.path.join(W, "small", k), ["--iterations", "250000", "--time-limit", "1"], k)
            res[b].setdefault("small", []).append((k, sc, opt[k]))
    for b in args.builds:
        v = res[b]["small"]
        hit = [k for k, sc, o in v if sc is not None and abs(sc - o) < 1e-6]
        miss = [(k, None if sc is None else round(sc, 3), round(o, 3)) for k, sc, o in v if k not in hit]
        print(b, "| small optima matched:", len(hit), "of", len(v), "misses", miss, flush=True)
if "tight" in args.parts:
    rr = json.load(open(os.path.join(W, "results.json")))
    for name, r in rr.items():
        if not name.startswith("tight"):
            continue
        for k in ("c10", "c60"):
            assert "score" not in r[k] or r[k].get("valid"), f"{name} {k}: CP-SAT's plan breaks a rule (rerun table.py --fresh)"
        ref = cpsat_best(r)
        size, seed = name.split()[1], name.split()[2][1:]
        p, g = size.split("×")
        for s in range(1, args.tight_seeds + 1):
            for b in args.builds:
                sc, mo = run(b, os.path.join(W, f"t-{p}-{g}-{seed}"), ["--time-limit", "2", "--seed", str(s)],
                             f"t{p}-{g}-{seed}-s{s}")
                res[b].setdefault("tight", {}).setdefault(s, []).append((name, sc, mo, ref))
    for b in args.builds:
        for s, v in sorted(res[b]["tight"].items()):
            ok = [n for n, sc, mo, c in v if sc is not None and mo <= c["must_out"] and sc <= c["score"] * 1.02 + 1e-9]
            fewer = sum(1 for n, sc, mo, c in v if sc is not None and mo <= c["must_out"])
            opt = [(n, sc, c) for n, sc, mo, c in v if c["proven"]]
            reached = sum(1 for n, sc, c in opt if sc is not None and abs(sc - c["score"]) < 1e-6)
            print(b, f"| tight, seed {s}: must-serve no worse than CP-SAT on {fewer} of {len(v)}; within 2 % of "
                  f"CP-SAT's best on {len(ok)} of {len(v)}; proven optima reached {reached} of {len(opt)}; others",
                  [(n.replace("tight ", ""), sc and round(sc, 3), round(c["score"], 3)) for n, sc, mo, c in v if n not in ok],
                  flush=True)
