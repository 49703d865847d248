#!/usr/bin/env python3
"""xuncha and its CP-SAT peer side by side (BENCHMARKS.md, "xuncha against CP-SAT").

    cargo build --release
    pip install ortools
    python3 benches/cpsat/table.py [--quick] [--work /tmp/xuncha-peer] [--cases sample,t-200-6-1,...]

For each case (the sample; tight generated rounds, `xuncha gen --tight`,
150–400 people, 4–8 groups, reciprocal avoidance on as gen writes it; normal
rounds of 1,000 and 5,000 people): xuncha `plan --time-limit 1 / 2 / 10`
(default searches, all threads) and CP-SAT (`peer.py solve`, default workers)
at 10 s and 60 s of solver time (model building not counted, shown apart).
Every plan of either is checked with `xuncha check`; the model is checked to
give xuncha's score on xuncha's 2-s plan (`peer.py verify`, small cases).
Prints the markdown table and the targets of issue 14; the raw results go to
WORK/results.json (a rerun reuses them unless --fresh).
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
XUNCHA = os.environ.get("XUNCHA", os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "xuncha"))
PEER = os.path.join(HERE, "peer.py")

# (name, people, groups, seed, tight)
TIGHT = [(p, g, s) for p, g, s in [
    (150, 4, 1), (180, 4, 3), (200, 6, 1), (200, 6, 2), (200, 6, 5), (250, 5, 1), (250, 8, 5),
    (300, 6, 1), (300, 8, 1), (300, 8, 6), (350, 7, 1), (350, 8, 6), (400, 8, 1), (400, 8, 2),
    (400, 8, 6), (400, 8, 8),
]]
NORMAL = [(1000, 30, 1), (5000, 151, 1)]


def cases(work, quick):
    out = [("sample", os.path.join(ROOT, "data", "sample"), True)]
    tight = TIGHT[::4] if quick else TIGHT
    for p, g, s in tight:
        out.append((f"tight {p}×{g} s{s}", gen(work, p, g, s, True), True))
    for p, g, s in NORMAL[: 1 if quick else 2]:
        out.append((f"normal {p}×{g}", gen(work, p, g, s, False), False))
    return out


def gen(work, p, g, s, tight):
    d = os.path.join(work, f"{'t' if tight else 'n'}-{p}-{g}-{s}")
    if not os.path.exists(os.path.join(d, "round.toml")):
        args = [XUNCHA, "gen", "--people", str(p), "--groups", str(g), "--seed", str(s), "--out", d]
        subprocess.run(args + (["--tight"] if tight else []), check=True, capture_output=True)
    return d


def check(case, plan):
    r = subprocess.run([XUNCHA, "check", case, "--plan", plan], capture_output=True, text=True)
    return r.returncode == 0


def run_xuncha(case, secs, out):
    t = time.time()
    r = subprocess.run([XUNCHA, "plan", case, "--time-limit", str(secs), "--quiet", "--out", out],
                       capture_output=True, text=True)
    wall = time.time() - t
    if r.returncode != 0:
        return {"plan": False, "wall_s": wall}
    v = json.load(open(out, encoding="utf-8"))
    terms = {x["key"]: x["value"] for x in v["score"]["terms"]}
    return {"plan": True, "score": v["score"]["total"], "must_out": int(terms["must_serve"]),
            "wall_s": wall, "valid": check(case, out)}


def run_cpsat(case, secs, out):
    r = subprocess.run([sys.executable, PEER, "solve", case, "--time", str(secs), "--out", out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return {"status": "ERROR", "err": r.stderr[-500:]}
    v = json.loads(r.stdout.strip().splitlines()[-1])
    if "score" in v:
        v["valid"] = check(case, out)
    return v


def fmt_x(r):
    if not r.get("plan"):
        return "no plan", "–", f"{r['wall_s']:.1f} s"
    return str(r["must_out"]), f"{r['score']:.3f}" + ("" if r["valid"] else " INVALID"), f"{r['wall_s']:.1f} s"


def fmt_c(r):
    if "score" not in r:
        return r["status"].lower(), "–", f"{r.get('wall_s', 0):.0f} s"
    mark = " (opt)" if r["status"] == "OPTIMAL" else ""
    return (str(r["must_out"]), f"{r['score']:.3f}{mark}" + ("" if r["valid"] else " INVALID"),
            f"{r['wall_s'] - r['build_s']:.1f} s")


def small_cases(args):
    """The 50 small cases of `cargo bench --bench table` (written to WORK/small
    by `XUNCHA_SMALL_DUMP=WORK/small cargo bench --bench table`): CP-SAT's
    proven optimum against xuncha within 1 s (250,000 moves per search at most,
    as the table's section 2)."""
    root = os.path.join(args.work, "small")
    store = os.path.join(args.work, "small.json")
    res = {} if args.fresh or not os.path.exists(store) else json.load(open(store))
    names = sorted(os.listdir(root))
    for n in names:
        d = os.path.join(root, n)
        r = res.setdefault(n, {})
        if "cp" not in r:
            r["cp"] = run_cpsat(d, args.small_time, os.path.join(args.work, f"{n}-cp.csv"))
        if "x" not in r or args.xuncha_only or args.fresh:
            out = os.path.join(args.work, f"{n}-x.json")
            t = time.time()
            p = subprocess.run([XUNCHA, "plan", d, "--iterations", "250000", "--time-limit", "1", "--quiet",
                                "--out", out], capture_output=True, text=True)
            r["x"] = {"plan": p.returncode == 0, "wall_s": time.time() - t}
            if p.returncode == 0:
                r["x"]["score"] = json.load(open(out, encoding="utf-8"))["score"]["total"]
        json.dump(res, open(store, "w"), indent=1)
        print(n, r["cp"].get("status"), r["cp"].get("score"), r["x"], file=sys.stderr, flush=True)
    print("| case | CP-SAT | its score | xuncha (1 s) | equal |")
    print("|---|---|---:|---:|:---:|")
    proven = equal = 0
    for n in names:
        r = res[n]
        c, x = r["cp"], r["x"]
        eq = ""
        if c["status"] == "OPTIMAL":
            proven += 1
            ok = x["plan"] and abs(x["score"] - c["score"]) < 1e-6
            equal += ok
            eq = "yes" if ok else "no"
        elif c["status"] == "INFEASIBLE":
            eq = "both infeasible" if not x["plan"] else "?"
        xs = f"{x['score']:.4f}" if x["plan"] else "no plan"
        print(f"| {n} | {c['status'].lower()} | {c.get('score', float('nan')):.4f} | {xs} | {eq} |")
    print(f"\nxuncha within 1 s equals {equal} of the {proven} optima CP-SAT proved in {args.small_time:g} s "
          f"({100 * equal / max(proven, 1):.0f} %)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/xuncha-peer")
    ap.add_argument("--quick", action="store_true", help="a few cases only")
    ap.add_argument("--fresh", action="store_true", help="run everything again")
    ap.add_argument("--only", help="comma-separated substrings of case names")
    ap.add_argument("--xuncha-only", action="store_true", help="rerun xuncha, keep CP-SAT's results")
    ap.add_argument("--small", action="store_true", help="the 50 small cases instead (see small_cases())")
    ap.add_argument("--small-time", type=float, default=30, help="CP-SAT's seconds per small case")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if args.small:
        small_cases(args)
        return
    store = os.path.join(args.work, "results.json")
    results = {} if args.fresh or not os.path.exists(store) else json.load(open(store))
    all_cases = cases(args.work, args.quick)
    if args.only:
        keys = args.only.split(",")
        all_cases = [c for c in all_cases if any(k in c[0] for k in keys)]
    for name, d, small in all_cases:
        res = results.setdefault(name, {})
        tag = os.path.basename(d)
        for secs in (1, 2, 10):
            k = f"x{secs}"
            if k not in res or args.xuncha_only or args.fresh:
                res[k] = run_xuncha(d, secs, os.path.join(args.work, f"{tag}-x{secs}.json"))
                print(name, k, res[k], file=sys.stderr, flush=True)
        if small and "verify" not in res:
            r = subprocess.run([sys.executable, PEER, "verify", d, os.path.join(args.work, f"{tag}-x2.json")],
                               capture_output=True, text=True)
            res["verify"] = r.stdout.strip()
        for secs in (10, 60):
            k = f"c{secs}"
            if k not in res:
                res[k] = run_cpsat(d, secs, os.path.join(args.work, f"{tag}-c{secs}.csv"))
                print(name, k, {a: b for a, b in res[k].items() if a != "err"}, file=sys.stderr, flush=True)
        json.dump(results, open(store, "w"), indent=1, ensure_ascii=False)

    print("| case | xuncha 1 s | 2 s | 10 s | CP-SAT 10 s | 60 s |")
    print("|---|---|---|---|---|---|")
    for name, _, _ in all_cases:
        r = results[name]
        cells = [" / ".join(fmt_x(r[f"x{s}"])) for s in (1, 2, 10)]
        cells += [" / ".join(fmt_c(r[f"c{s}"])) for s in (10, 60)]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\ncells: must-serve left out / score / time; (opt): CP-SAT proved it optimal")
    # the targets of issue 14 on the tight rounds, against CP-SAT's better
    # plan of its two runs (its workers race: 60 s is not always better than
    # 10 s), proven optimal if either run proved it
    tight = [n for n, _, _ in all_cases if n.startswith("tight")]
    fewer_or_equal = within = proven = reached = 0
    for n in tight:
        r = results[n]
        x = r["x2"]
        found = [r[k] for k in ("c10", "c60") if "score" in r[k]]
        if not found:
            fewer_or_equal += x.get("plan", False)
            within += x.get("plan", False)
            continue
        c = min(found, key=lambda c: (c["must_out"], c["score"]))
        if x.get("plan") and x["must_out"] <= c["must_out"]:
            fewer_or_equal += 1
        if x.get("plan") and x["must_out"] <= c["must_out"] and x["score"] <= c["score"] * 1.02 + 1e-9:
            within += 1
        if any(f["status"] == "OPTIMAL" for f in found):
            proven += 1
            reached += x.get("plan", False) and abs(x["score"] - c["score"]) < 1e-6
    print(f"\ntight rounds: {len(tight)}; xuncha at 2 s leaves out no more must-serve people than CP-SAT "
          f"on {fewer_or_equal}; scores within 2 % of CP-SAT's better plan (10 s or 60 s) or better on {within}; "
          f"CP-SAT proved {proven} optimal, xuncha (2 s) reached {reached} of them")
    ver = [results[n].get("verify", "") for n, _, _ in all_cases]
    okv = sum('"ok": true' in v for v in ver if v)
    print(f"model check: the CP-SAT model gives xuncha's score on xuncha's plan in {okv} of {sum(1 for v in ver if v)} cases")


if __name__ == "__main__":
    main()
