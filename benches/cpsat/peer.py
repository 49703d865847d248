#!/usr/bin/env python3
"""A CP-SAT peer of xuncha: the same round, the same rules, the same score.

Written from the README's rules (SPEC §3) and score table (SPEC §4), not from
xuncha's code, so that the two can check each other. OR-tools is a benchmark
tool here, never a dependency of the crate: `pip install ortools`.

    python3 benches/cpsat/peer.py solve CASE_DIR --time 10 [--workers 2] [--out plan.csv]
    python3 benches/cpsat/peer.py score CASE_DIR PLAN.csv|PLAN.json
    python3 benches/cpsat/peer.py verify CASE_DIR PLAN.json

`solve` prints one JSON line: status (OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN),
the score total, must-serve people left out, wall time, bound. `score`
recounts a plan's score from the definitions (no solver). `verify` fixes the
model to a plan of xuncha's and checks that the model's objective equals the
recount and the score xuncha wrote in plan.json.

The case is a directory (CSV files with English or Chinese headers, round.toml).
"""

import argparse
import csv
import json
import math
import os
import sys
import time
import tomllib
from fractions import Fraction

ALIASES = {
    "编号": "id", "名称": "name", "地区": "region", "类型": "kind", "上级单位": "parent",
    "姓名": "name", "性别": "gender", "出生年份": "birth_year", "职级": "rank",
    "工作单位": "unit", "籍贯": "native_region", "组长库": "leader", "可抽调": "available",
    "须参加": "must_serve", "上次巡察年份": "last_served", "纪检监察": "discipline",
    "组织人事": "organization", "审计": "audit", "财务": "finance",
    "人员": "person", "单位": "unit", "起始年份": "from_year", "终止年份": "to_year",
    "甲": "a", "乙": "b", "备注": "note",
}
# 职级 on the README's step scale (1 二级科员 … 12 一级巡视员; a 1–5 level is
# the senior step of its band, 2 × level): the score balances the 1–5 level,
# leader seniority compares steps
STEPS = {
    "一级巡视员": 12, "二级巡视员": 11, "一级调研员": 10, "二级调研员": 9, "三级调研员": 8,
    "四级调研员": 7, "一级主任科员": 6, "二级主任科员": 5, "三级主任科员": 4, "四级主任科员": 3,
    "一级科员": 2, "二级科员": 1, "正厅": 12, "副厅": 11, "正处": 10, "副处": 8, "正科": 6,
    "副科": 4, "科员": 2, "办事员": 1, "巡视员": 12, "副巡视员": 11, "调研员": 9, "副调研员": 7,
    "主任科员": 5, "副主任科员": 3,
}


def rank_step(s):
    s = s.strip()
    return STEPS[s] if s in STEPS else 2 * int(s)
KINDS = {"亲属": "kin", "亲属任职": "relative_at", "公务回避": "conflict", "业务关联": "business"}
YES = {"yes", "是", "y", "true", "1"}
NO = {"no", "否", "n", "false", "0"}


def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return []
    head = [ALIASES.get(h.strip(), h.strip()) for h in rows[0]]
    return [dict(zip(head, (c.strip() for c in r))) for r in rows[1:] if any(c.strip() for c in r)]


def yes(v, default):
    v = (v or "").strip().lower()
    if v in YES:
        return True
    if v in NO:
        return False
    return default


class Case:
    """The case as plain lists; people and groups by index."""

    def __init__(self, d):
        self.round = tomllib.load(open(os.path.join(d, "round.toml"), "rb"))
        r = self.round
        self.year = r["year"]
        self.areas = r.get("areas", ["discipline", "organization", "audit", "finance"])
        pol = {
            "group_size": [4, 6], "leaders_per_group": 1, "post_lookback_years": 0,
            "region_avoidance": True, "native_avoidance": True, "business_avoidance": True,
            "reciprocal_avoidance": True, "max_same_region": 2, "max_same_unit": 1,
            "leader_outranks_members": True, "deputies_per_group": 0,
        }
        pol.update(r.get("policy", {}))
        if pol["deputies_per_group"]:
            sys.exit("peer.py does not model deputy leaders (deputies_per_group)")
        self.policy = pol
        req = {a: 1 for a in ["discipline", "organization", "audit", "finance"] if a in self.areas}
        req.update(r.get("requirements", {}))
        self.req = [req.get(a, 0) for a in self.areas]
        w = {"expertise": 1, "rank": 1, "age": 0.1, "gender": 10, "mixing": 1,
             "must_serve": 10, "recent": 1, "stability": 5}
        w.update(r.get("weights", {}))
        self.w = {k: Fraction(str(v)) for k, v in w.items()}

        units = read_csv(os.path.join(d, "units.csv"))
        self.unit_ix = {u["id"]: i for i, u in enumerate(units)}
        self.unit_region = [u["region"] for u in units]
        self.parent = [self.unit_ix[u["parent"]] if u.get("parent") else None for u in units]

        people = read_csv(os.path.join(d, "people.csv"))
        self.pid = [p["id"] for p in people]
        self.pix = {x: i for i, x in enumerate(self.pid)}
        self.name = [p.get("name", "") for p in people]
        self.unit = [self.unit_ix[p["unit"]] for p in people]
        self.region = [p.get("region") or self.unit_region[u] for p, u in zip(people, self.unit)]
        self.native = [p.get("native_region") or None for p in people]
        self.female = [p["gender"].strip().upper() in ("F", "女") for p in people]
        self.step = [rank_step(p["rank"]) for p in people]
        self.rank = [min(5, (s + 1) // 2) for s in self.step]
        self.age = [self.year - int(p["birth_year"]) for p in people]
        self.leader = [yes(p.get("leader"), False) for p in people]
        excluded = set(r.get("exclude", []))
        self.drawable = [yes(p.get("available"), True) and p["id"] not in excluded for p in people]
        self.must = [yes(p.get("must_serve"), False) and dr for p, dr in zip(people, self.drawable)]
        self.last = [int(p["last_served"]) if p.get("last_served") else None for p in people]
        self.level = [[int(p.get(a) or 0) for a in self.areas] for p in people]

        self.posts = [[] for _ in people]  # units whose posts count
        for i, u in enumerate(self.unit):
            self.posts[i].append(u)  # the current unit: a post held now
        lookback = pol["post_lookback_years"]
        for row in read_csv(os.path.join(d, "posts.csv")):
            to = row.get("to_year")
            if to and lookback and int(to) < self.year - lookback:
                continue
            self.posts[self.pix[row["person"]]].append(self.unit_ix[row["unit"]])
        self.kin = []
        self.relative_at = [[] for _ in people]
        self.conflict = [[] for _ in people]
        self.ties = [set() for _ in units]
        for row in read_csv(os.path.join(d, "relations.csv")):
            kind = KINDS.get(row["kind"], row["kind"])
            if kind == "kin":
                self.kin.append((self.pix[row["a"]], self.pix[row["b"]]))
            elif kind == "relative_at":
                self.relative_at[self.pix[row["a"]]].append(self.unit_ix[row["b"]])
            elif kind == "conflict":
                self.conflict[self.pix[row["a"]]].append(self.unit_ix[row["b"]])
            elif kind == "business":
                a, b = self.unit_ix[row["a"]], self.unit_ix[row["b"]]
                self.ties[a].add(b)
                self.ties[b].add(a)

        self.gid = [g["id"] for g in r["groups"]]
        self.targets = [[self.unit_ix[t] for t in g["targets"]] for g in r["groups"]]
        self.size = [tuple(g.get("size", pol["group_size"])) for g in r["groups"]]
        self.pins = [(self.pix[p["person"]], self.gid.index(p["group"]), p.get("role", "member") == "leader")
                     for p in r.get("pins", [])]
        # per target: the units related to it (itself, its ancestors, its descendants)
        self.related_to = {}
        for ts in self.targets:
            for t in ts:
                if t not in self.related_to:
                    self.related_to[t] = {u for u in range(len(units)) if t in self.chain(u)} | set(self.chain(t))
        self.elig = [[self.allowed(p, g) for g in range(len(self.gid))] for p in range(len(self.pid))]

    def chain(self, u):
        """u and its ancestors."""
        out = []
        while u is not None:
            out.append(u)
            u = self.parent[u]
        return out

    def allowed(self, p, g):
        """Rules 1–3 for person p and every target of group g."""
        pol = self.policy
        for t in self.targets[g]:
            units = list(self.posts[p]) + list(self.relative_at[p]) + list(self.conflict[p])
            units += [self.unit[b if a == p else a] for a, b in self.kin if p in (a, b)]
            if pol["business_avoidance"]:
                units += list(self.ties[self.unit[p]])
            if any(u in self.related_to[t] for u in units):
                return False
            tr = self.unit_region[t]
            if pol["region_avoidance"] and self.region[p] == tr:
                return False
            if pol["native_avoidance"] and self.native[p] == tr:
                return False
        return True

    def target_regions(self, g):
        return sorted({self.unit_region[t] for t in self.targets[g]})

    def recency(self, p):
        y = self.last[p]
        if y is None:
            return 0
        return 3 if y > self.year else max(0, 3 - (self.year - y))

    def forced_mixing(self):
        """Repeats no plan can avoid: per group, min size less the distinct
        regions (units) among its eligible drawable people."""
        forced = 0
        for g in range(len(self.gid)):
            need = self.size[g][0]
            regions = {self.region[p] for p in range(len(self.pid)) if self.drawable[p] and self.elig[p][g]}
            units = {self.unit[p] for p in range(len(self.pid)) if self.drawable[p] and self.elig[p][g]}
            forced += max(0, need - len(regions)) + max(0, need - len(units))
        return forced

    def mean_scale(self):
        """L: a multiple of every size a group may take, so Σx·L/n is an integer."""
        l = 1
        for s in range(2, max(hi for _, hi in self.size) + 1):
            l = l * s // math.gcd(l, s)
        return l


def read_plan(case, path):
    """groups: list of (members, leaders) per group index."""
    groups = [([], []) for _ in case.gid]
    if path.endswith(".json"):
        v = json.load(open(path, encoding="utf-8"))
        for pg in v["groups"]:
            g = case.gid.index(pg["id"])
            groups[g] = ([case.pix[x] for x in pg["members"]], [case.pix[x] for x in pg["leaders"]])
    else:
        for row in read_csv(path):
            g = case.gid.index(row["group"])
            p = case.pix[row["person_id"]]
            groups[g][0].append(p)
            if row["role"] == "leader":
                groups[g][1].append(p)
    return groups


def score(case, groups):
    """The score of a plan, term by term, straight from the README's table."""
    terms = {}
    staffed = [m for m, _ in groups if m]
    for k, a in enumerate(case.areas):
        sums = [sum(case.level[p][k] for p in m) for m in staffed]
        terms["expertise." + a] = Fraction(max(sums) - min(sums)) if sums else Fraction(0)
    for key, val in (("rank", case.rank), ("age", case.age), ("gender", [int(f) for f in case.female])):
        means = [Fraction(sum(val[p] for p in m), len(m)) for m in staffed]
        terms[key] = max(means) - min(means) if means else Fraction(0)
    repeats = 0
    for m, _ in groups:
        for attr in (case.region, case.unit):
            seen = set()
            for p in m:
                if attr[p] in seen:
                    repeats += 1
                seen.add(attr[p])
    terms["mixing"] = Fraction(max(0, repeats - case.forced_mixing()))
    used = {p for m, _ in groups for p in m}
    terms["must_serve"] = Fraction(sum(1 for p in range(len(case.pid)) if case.must[p] and p not in used))
    terms["recent"] = Fraction(sum(case.recency(p) for p in used))
    w = case.w
    total = sum(t * w["expertise" if k.startswith("expertise.") else k] for k, t in terms.items())
    return total, terms


def build(case):
    """The CP-SAT model; gives (model, variables, objective scale)."""
    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    n, G = len(case.pid), len(case.gid)
    pol = case.policy
    L = case.mean_scale()
    w = case.w
    # integer objective: every weight × D, the mean terms × L more
    D = 1
    for v in w.values():
        D = D * v.denominator // math.gcd(D, v.denominator)
    scale = D * L

    member, lead, inn = {}, {}, {}
    by_group = [[] for _ in range(G)]
    by_person = [[] for _ in range(n)]
    for p in range(n):
        if not case.drawable[p]:
            continue
        for g in range(G):
            if not case.elig[p][g]:
                continue
            member[p, g] = m.NewBoolVar(f"m{p}_{g}")
            if case.leader[p] and pol["leaders_per_group"] > 0:
                lead[p, g] = m.NewBoolVar(f"l{p}_{g}")
                inn[p, g] = m.NewBoolVar(f"in{p}_{g}")
                m.Add(inn[p, g] == member[p, g] + lead[p, g])
            else:
                inn[p, g] = member[p, g]
            by_group[g].append(p)
            by_person[p].append(g)
    # rule 4: one group
    for p in range(n):
        if len(by_person[p]) > 1:
            m.AddAtMostOne(inn[p, g] for g in by_person[p])
    # rule 5: size and leaders
    size = []
    for g in range(G):
        lo, hi = case.size[g]
        s = m.NewIntVar(lo, hi, f"size{g}")
        m.Add(s == sum(inn[p, g] for p in by_group[g]))
        size.append(s)
        m.Add(sum(lead[p, g] for p in by_group[g] if (p, g) in lead) == pol["leaders_per_group"])
    # rule 5, leader seniority: no member above the group's leader on the step scale
    # (through the lowest leader's step of each group: O(people × groups)
    # constraints, not one per leader and member, which at 5,000 people
    # outgrew 24 GB)
    if pol["leader_outranks_members"] and lead:
        top = max(case.step)
        for g in range(G):
            low = m.NewIntVar(0, top, f"lowlead{g}")
            for p in by_group[g]:
                if (p, g) in lead:
                    m.Add(low <= case.step[p]).OnlyEnforceIf(lead[p, g])
                m.Add(low >= case.step[p]).OnlyEnforceIf(member[p, g])
    # rule 6: kin apart
    for a, b in case.kin:
        for g in range(G):
            if (a, g) in inn and (b, g) in inn:
                m.AddBoolOr([inn[a, g].Not(), inn[b, g].Not()])
    # rule 7 with the mixing repeats of the score
    repeats = []
    for g in range(G):
        for attr, cap in ((case.region, pol["max_same_region"]), (case.unit, pol["max_same_unit"])):
            by = {}
            for p in by_group[g]:
                by.setdefault(attr[p], []).append(inn[p, g])
            for lits in by.values():
                if len(lits) > cap:
                    m.Add(sum(lits) <= cap)
                most = min(len(lits), cap)
                if most >= 2:
                    r = m.NewIntVar(0, most - 1, "")
                    m.AddMaxEquality(r, [sum(lits) - 1, 0])
                    repeats.append(r)
    # rule 8: reciprocal
    if pol["reciprocal_avoidance"]:
        flows = {}
        for (p, g), v in inn.items():
            for b in case.target_regions(g):
                if b != case.region[p]:
                    flows.setdefault((case.region[p], b), []).append(v)
        y = {}
        for (a, b), lits in flows.items():
            if (b, a) in flows:
                y[a, b] = m.NewBoolVar("")
                for v in lits:
                    m.AddImplication(v, y[a, b])
        for (a, b) in y:
            if a < b:
                m.AddBoolOr([y[a, b].Not(), y[b, a].Not()])
    # rule 9: requirements
    for g in range(G):
        for k, need in enumerate(case.req):
            if need > 0:
                m.Add(sum(inn[p, g] for p in by_group[g] if case.level[p][k] >= 1) >= need)
    # pins
    for p, g, is_lead in case.pins:
        v = lead.get((p, g)) if is_lead else member.get((p, g))
        if v is None:
            m.AddBoolOr([])  # infeasible
        else:
            m.Add(v == 1)

    obj = []
    # spreads of the level sums
    for k in range(len(case.areas)):
        sums = [sum(case.level[p][k] * inn[p, g] for p in by_group[g]) for g in range(G)]
        top = sum(sorted((case.level[p][k] for p in range(n)), reverse=True)[: max(h for _, h in case.size)])
        hi, lo = m.NewIntVar(0, top, ""), m.NewIntVar(0, top, "")
        m.AddMaxEquality(hi, sums)
        m.AddMinEquality(lo, sums)
        obj.append((scale * w["expertise"], hi - lo))
    # spreads of the means: mean_g × L, exact for the size the group has
    z = [{s: m.NewBoolVar("") for s in range(case.size[g][0], case.size[g][1] + 1)} for g in range(G)]
    for g in range(G):
        m.AddExactlyOne(z[g].values())
        m.Add(size[g] == sum(s * v for s, v in z[g].items()))
    for key, val in (("rank", case.rank), ("age", case.age), ("gender", [int(f) for f in case.female])):
        if w[key] == 0:
            continue
        vmin, vmax = min(val), max(val)
        means = []
        for g in range(G):
            mg = m.NewIntVar(vmin * L, vmax * L, "")
            tot = sum(val[p] * inn[p, g] for p in by_group[g])
            for s, v in z[g].items():
                m.Add(mg * s == L * tot).OnlyEnforceIf(v)
            means.append(mg)
        hi, lo = m.NewIntVar(vmin * L, vmax * L, ""), m.NewIntVar(vmin * L, vmax * L, "")
        m.AddMaxEquality(hi, means)
        m.AddMinEquality(lo, means)
        obj.append((D * w[key], hi - lo))  # (hi − lo) / L units, × scale
    # mixing beyond the forced repeats
    forced = case.forced_mixing()
    if w["mixing"] != 0 and repeats:
        mix = m.NewIntVar(0, len(repeats) * 6, "")
        m.AddMaxEquality(mix, [sum(repeats) - forced, 0])
        obj.append((scale * w["mixing"], mix))
    # must serve left out, recency
    for p in range(n):
        if case.must[p]:
            obj.append((scale * w["must_serve"], 1 - sum(inn[p, g] for g in by_person[p])))
        r = case.recency(p)
        if r:
            obj.append((scale * w["recent"] * r, sum(inn[p, g] for g in by_person[p])))
    # the weights × scale are integers by construction
    assert all(c.denominator == 1 for c, _ in obj)
    m.Minimize(sum(int(c) * e for c, e in obj if c != 0))
    return m, {"member": member, "lead": lead, "inn": inn, "scale": scale}



def plan_of(case, solver, v):
    groups = [([], []) for _ in case.gid]
    for (p, g), x in v["inn"].items():
        if solver.BooleanValue(x):
            groups[g][0].append(p)
            if (p, g) in v["lead"] and solver.BooleanValue(v["lead"][p, g]):
                groups[g][1].append(p)
    return groups


def write_plan(case, groups, path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["group", "role", "person_id", "name", "unit", "region"])
        inv_unit = {i: u for u, i in case.unit_ix.items()}
        for g, (mem, leaders) in enumerate(groups):
            for p in sorted(mem, key=lambda p: (p not in leaders, case.pid[p])):
                out.writerow([case.gid[g], "leader" if p in leaders else "member", case.pid[p],
                              case.name[p], inv_unit[case.unit[p]], case.region[p]])


def solve(case, seconds, workers, hint=None, fix=None):
    from ortools.sat.python import cp_model

    t0 = time.time()
    m, v = build(case)
    for mode, plan in (("hint", hint), ("fix", fix)):
        if plan is None:
            continue
        place = {}
        for g, (mem, leaders) in enumerate(plan):
            for p in mem:
                place[p] = (g, p in leaders)
        for (p, g), x in v["member"].items():
            val = int(place.get(p) == (g, False))
            m.AddHint(x, val) if mode == "hint" else m.Add(x == val)
        for (p, g), x in v["lead"].items():
            val = int(place.get(p) == (g, True))
            m.AddHint(x, val) if mode == "hint" else m.Add(x == val)
    built = time.time() - t0
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = seconds
    if workers:
        s.parameters.num_workers = workers
    st = s.Solve(m)
    name = s.StatusName(st)
    out = {"status": name, "build_s": round(built, 2), "wall_s": round(time.time() - t0, 2)}
    if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        groups = plan_of(case, s, v)
        total, terms = score(case, groups)
        out["objective"] = s.ObjectiveValue() / v["scale"]
        out["bound"] = s.BestObjectiveBound() / v["scale"]
        out["score"] = float(total)
        out["must_out"] = int(terms["must_serve"])
        out["groups"] = groups
        # the score is recounted from the plan; the solver's objective should
        # agree (it did in every run checked, but for a few plans found at
        # the time limit it was reported up to 0.17 above the plan's score)
        out["objective_agrees"] = abs(out["objective"] - float(total)) < 1e-6
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("solve")
    a.add_argument("case")
    a.add_argument("--time", type=float, default=10)
    a.add_argument("--workers", type=int, default=0)
    a.add_argument("--hint")
    a.add_argument("--out")
    b = sub.add_parser("score")
    b.add_argument("case")
    b.add_argument("plan")
    c = sub.add_parser("verify")
    c.add_argument("case")
    c.add_argument("plan")
    args = ap.parse_args()
    case = Case(args.case)
    if args.cmd == "solve":
        hint = read_plan(case, args.hint) if args.hint else None
        r = solve(case, args.time, args.workers, hint=hint)
        groups = r.pop("groups", None)
        if args.out and groups is not None:
            write_plan(case, groups, args.out)
        print(json.dumps(r))
    elif args.cmd == "score":
        total, terms = score(case, read_plan(case, args.plan))
        print(json.dumps({"total": float(total), "terms": {k: float(t) for k, t in terms.items()}}))
    else:
        groups = read_plan(case, args.plan)
        total, _ = score(case, groups)
        r = solve(case, 60, 0, fix=groups)
        theirs = json.load(open(args.plan, encoding="utf-8"))["score"]["total"] if args.plan.endswith(".json") else None
        ok = r["status"] == "OPTIMAL" and abs(r["objective"] - float(total)) < 1e-6
        ok = ok and (theirs is None or abs(theirs - float(total)) < 1e-6)
        print(json.dumps({"ok": ok, "recount": float(total), "model": r.get("objective"),
                          "xuncha": theirs, "status": r["status"]}))
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
