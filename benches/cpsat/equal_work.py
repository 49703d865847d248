#!/usr/bin/env python3
"""Builds of xuncha compared at equal work: the default move budget, no clock,
so the plans are reproducible and the machine's load does not enter
(BENCHMARKS.md, "The last descent").

    python3 benches/cpsat/equal_work.py [--work /tmp/xuncha-peer] BASE BUILD...

Runs `plan CASE --seed S` for the sample (seeds 1-20) and the tight rounds
that `table.py` wrote into WORK (`t-*`, seeds 1-2), checks every plan with
`xuncha check`, and prints per build the mean score, the seeds at 0 on the
sample, the wall time, and how many plans are better or worse than BASE's.
"""
import argparse, json, os, statistics, subprocess, tempfile, time

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--work", default="/tmp/xuncha-peer")
ap.add_argument("builds", nargs="+")
args = ap.parse_args()
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TMP = tempfile.mkdtemp(prefix="xuncha-equal-")
tight = sorted(t for t in os.listdir(args.work) if t.startswith("t-") and "." not in t)
cases = [("sample", os.path.join(ROOT, "data", "sample"), range(1, 21))]
cases += [(t, os.path.join(args.work, t), range(1, 3)) for t in tight]
res = {b: {} for b in args.builds}
wall = dict.fromkeys(args.builds, 0.0)
for name, path, seeds in cases:
    for s in seeds:
        for i, b in enumerate(args.builds):
            out = os.path.join(TMP, f"{i}.json")
            t = time.time()
            r = subprocess.run([b, "plan", path, "--quiet", "--seed", str(s), "--out", out], capture_output=True)
            wall[b] += time.time() - t
            assert r.returncode == 0, (b, name, s, r.stderr)
            assert subprocess.run([b, "check", path, "--plan", out], capture_output=True).returncode == 0, (b, name, s)
            res[b].setdefault(name, []).append(json.load(open(out, encoding="utf-8"))["score"]["total"])
base = res[args.builds[0]]
for b in args.builds:
    sm = res[b]["sample"]
    tt = [x for k, xs in res[b].items() if k != "sample" for x in xs]
    line = f"{b} | sample mean {statistics.mean(sm):.4f}, at 0: {sum(x < 1e-9 for x in sm)}"
    line += f" | tight mean {statistics.mean(tt):.4f} | wall {wall[b]:.1f} s"
    for part in ("sample", "tight"):
        pairs = [(x, y) for k in base if (k == "sample") == (part == "sample") for x, y in zip(base[k], res[b][k])]
        better = sum(y < x - 1e-9 for x, y in pairs)
        worse = sum(y > x + 1e-9 for x, y in pairs)
        line += f" | {part}: {better} better, {worse} worse"
    print(line, flush=True)
