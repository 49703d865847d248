#!/usr/bin/env python3
"""Generate the sample case data/sample/ and a valid plan data/sample-plan.csv.

Run from the repository root:  python3 data/make_sample.py
Deterministic (random.Random(20261124)), standard library only.  After writing
the files it reads them back, checks every reference, recomputes who may join
which group under SPEC section 3 (rules 1-3), builds a plan with a randomized
greedy and asserts that the plan satisfies rules 1-9.

Output of the last run (eligible = passes rules 1-3, available, not excluded;
"removed" counts all 360 people, whatever their availability):

    rows: units.csv 397 people.csv 360 posts.csv 191 relations.csv 115 sample-plan.csv 22 | relations kin 25 relative_at 30 conflict 20 business 40
    G1 R02 targets R02-D04,R02-T02,R02-E01
       eligible available: leaders 45, people 284; per area discipline 60 organization 63 audit 47 finance 65
       removed (of 360; only-this-rule in parentheses): post-avoidance 21 (11), region-avoidance 29 (19), business-avoidance 17 (17)
       by reason: post 16 kin 3 relative_at 3 region 25 native 19 conflict 2 business 16; leaders removed: post 8 region 6 business 1
    G2 R05 targets R05-D08,R05-T01,R05-E01
       eligible available: leaders 46, people 289; per area discipline 64 organization 56 audit 53 finance 76
       removed (of 360; only-this-rule in parentheses): post-avoidance 16 (8), region-avoidance 34 (23), business-avoidance 13 (10)
       by reason: post 13 kin 1 relative_at 2 region 26 native 22 conflict 2 business 11; leaders removed: post 6 region 4 business 3
    G3 R07 targets R07-D06,R07-T03,R07-E02
       eligible available: leaders 48, people 289; per area discipline 56 organization 54 audit 49 finance 85
       removed (of 360; only-this-rule in parentheses): post-avoidance 11 (7), region-avoidance 39 (34), business-avoidance 12 (11)
       by reason: post 8 kin 1 relative_at 2 region 23 native 34 conflict 2 business 10; leaders removed: post 3 region 5 business 2
    G4 R10 targets R10-D09,R10-T04,R10-E01
       eligible available: leaders 45, people 287; per area discipline 61 organization 56 audit 47 finance 81
       removed (of 360; only-this-rule in parentheses): post-avoidance 19 (10), region-avoidance 33 (23), business-avoidance 16 (15)
       by reason: post 14 kin 3 relative_at 2 region 25 native 25 conflict 2 business 14; leaders removed: post 6 region 5 business 3
    plan: sizes G1=5 G2=6 G3=6 G4=5; must-serve available 13, placed 13; members from target counties 2
"""

import csv
import io
import os
import random
import tomllib

SEED = 20261124
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "sample")
PLAN = os.path.join(HERE, "sample-plan.csv")
YEAR = 2026
AREAS = ["discipline", "organization", "audit", "finance"]
AREA_ZH = {"discipline": "纪检监察", "organization": "组织人事", "audit": "审计", "finance": "财务"}

rng = random.Random(SEED)

# --------------------------------------------------------------------------
# 1. Geography and units
# --------------------------------------------------------------------------
CITY = "江州市"
COUNTIES = {
    "R01": "青山县", "R02": "临江县", "R03": "白水县", "R04": "东阳县",
    "R05": "南溪县", "R06": "安平县", "R07": "石门县", "R08": "永宁县",
    "R09": "清河县", "R10": "凤岭县", "R11": "长丰县",
}
COUNTY_CODES = list(COUNTIES)
ALL_REGIONS = ["R00"] + COUNTY_CODES
TARGET_REGION = {"G1": "R02", "G2": "R05", "G3": "R07", "G4": "R10"}
TARGET_REGIONS = set(TARGET_REGION.values())

CITY_DEPTS = [
    "市纪委监委", "市委组织部", "市审计局", "市财政局", "市发展和改革委员会", "市教育局",
    "市卫生健康委员会", "市住房和城乡建设局", "市农业农村局", "市自然资源和规划局",
    "市人力资源和社会保障局", "市交通运输局",
]
# county departments: D01..D04 are the four "expert" departments (fixed order)
COUNTY_DEPTS = [
    "纪委监委", "委组织部", "审计局", "财政局", "发展和改革局", "教育局", "卫生健康局",
    "住房和城乡建设局", "农业农村局", "自然资源局", "人力资源和社会保障局", "交通运输局",
    "水利局", "市场监督管理局",
]
AGENCIES = {  # dept index (1-based) -> agency name suffix
    4: "财政国库支付中心", 6: "教师发展中心", 7: "疾病预防控制中心", 8: "住房保障服务中心",
    9: "农业技术推广中心", 10: "不动产登记中心", 11: "社会保险事业中心",
}
TOWNSHIP_ROOTS = [
    "白沙", "龙泉", "桃源", "柳溪", "河口", "金竹", "高坪", "双河", "新市", "黄土", "马坪",
    "清水", "大坝", "三溪", "梅林", "凤凰", "长岭", "石马", "茶园", "杨柳", "青龙", "太平",
    "仁和", "永兴", "长乐", "安乐", "兴隆", "红岩", "鹤山", "狮子", "天星", "云峰", "松林",
    "花桥", "东岳", "西岭", "南坪", "北山", "古城", "观音", "洪溪", "芦塘", "乌江", "蒲河",
    "沙溪", "华阳", "白马", "铁山", "高桥", "柏林", "枫木", "木鱼", "回龙", "荆竹", "石柱",
    "龙潭", "双溪", "和平", "迎春", "宝山", "新华",
]
VILLAGE_ROOTS = [
    "石桥", "李家", "王庄", "柏树", "杉木", "枫香", "水井", "坪上", "岩口", "竹园", "桂花",
    "荷塘", "新农", "团结", "光明", "胜利", "前进", "联合", "长青", "望江", "鱼塘", "沙坝",
    "樟树", "核桃", "板桥", "上寨", "下寨", "田坝", "堰塘", "龙井", "茶山", "黄泥",
]

units = []          # list of dicts: id, name, region, kind, parent
unit_by_id = {}


def add_unit(uid, name, region, kind, parent=""):
    assert uid not in unit_by_id, uid
    u = {"id": uid, "name": name, "region": region, "kind": kind, "parent": parent}
    units.append(u)
    unit_by_id[uid] = u
    return u


for i, name in enumerate(CITY_DEPTS, 1):
    add_unit(f"R00-D{i:02d}", name, "R00", "department")
add_unit("R00-D04-A01", "市财政国库支付中心", "R00", "agency", "R00-D04")
add_unit("R00-D07-A01", "市疾病预防控制中心", "R00", "agency", "R00-D07")

township_pool = TOWNSHIP_ROOTS[:]
rng.shuffle(township_pool)
# agencies forced where a target department needs one
FORCED_AGENCIES = {"R05": [8], "R07": [6], "R10": [9]}
FORCED_SOE2 = {"R07", "R03", "R09"}
for rc, cname in COUNTIES.items():
    ndept = 10 + rng.randint(0, 4)
    for i in range(1, ndept + 1):
        add_unit(f"{rc}-D{i:02d}", cname + COUNTY_DEPTS[i - 1], rc, "department")
    agency_depts = [4] + sorted(set(FORCED_AGENCIES.get(rc, []) +
                                    rng.sample([d for d in AGENCIES if d != 4], rng.randint(0, 2))))
    for d in agency_depts:
        add_unit(f"{rc}-D{d:02d}-A01", cname + AGENCIES[d], rc, "agency", f"{rc}-D{d:02d}")
    for t in range(1, rng.randint(4, 6) + 1):
        root = township_pool.pop()
        tname = root + ("乡" if rng.random() < 0.25 else "镇")
        tid = f"{rc}-T{t:02d}"
        add_unit(tid, cname + tname, rc, "township")
        for v, vroot in enumerate(rng.sample(VILLAGE_ROOTS, rng.randint(2, 4)), 1):
            add_unit(f"{tid}-V{v:02d}", tname + vroot + "村", rc, "village", tid)
    add_unit(f"{rc}-E01", cname + "城投公司", rc, "soe")
    if rc in FORCED_SOE2 or rng.random() < 0.3:
        add_unit(f"{rc}-E02", cname + "水务投资公司", rc, "soe")

TARGETS = {
    "G1": ["R02-D04", "R02-T02", "R02-E01"],   # 财政局 (has 国库支付中心), a township, 城投公司
    "G2": ["R05-D08", "R05-T01", "R05-E01"],   # 住建局 (has 住房保障服务中心)
    "G3": ["R07-D06", "R07-T03", "R07-E02"],   # 教育局 (has 教师发展中心), 水务投资公司
    "G4": ["R10-D09", "R10-T04", "R10-E01"],   # 农业农村局 (has 农业技术推广中心)
}
for g, ts in TARGETS.items():
    for t in ts:
        assert t in unit_by_id and unit_by_id[t]["region"] == TARGET_REGION[g], t


def children_of(uid):
    return [u["id"] for u in units if u["parent"] == uid]


def target_family(g):
    """units related to a target of g that lie below it (the targets themselves included)."""
    out = []
    for t in TARGETS[g]:
        out.append(t)
        out.extend(children_of(t))
    return out


# --------------------------------------------------------------------------
# 2. People
# --------------------------------------------------------------------------
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
            "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
SURNAME_W = [max(1.0, 12.0 - i * 0.25) for i in range(len(SURNAMES))]
MALE_CH = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志文学海东峰毅力成康"
FEMALE_CH = "芳娜敏静丽艳娟霞秀燕玲桂丹萍红琳雪梅莉婷颖慧婉晶倩洁琪瑶蓉琴云珊璐佳欣悦"
used_names = set()


def make_name(gender, surname=None):
    for _ in range(1000):
        s = surname or rng.choices(SURNAMES, SURNAME_W)[0]
        chars = MALE_CH if gender == "男" else FEMALE_CH
        given = rng.choice(chars) if rng.random() < 0.35 else rng.choice(chars) + rng.choice(chars)
        if len(given) == 2 and given[0] == given[1] and rng.random() < 0.8:
            continue
        n = s + given
        if n not in used_names:
            used_names.add(n)
            return n
    raise RuntimeError("names exhausted")


def units_where(region, kinds):
    return [u["id"] for u in units if u["region"] == region and u["kind"] in kinds]


def dept_weight(uid):
    u = unit_by_id[uid]
    base = uid.split("-")[1]
    if base in ("D01", "D02", "D03", "D04"):
        return 3.0 if u["kind"] == "department" else 1.5
    return 1.0 if u["kind"] == "department" else 0.4


slots = []  # unit ids for 360 people
city_units = units_where("R00", {"department", "agency"})
slots += rng.choices(city_units, [dept_weight(x) for x in city_units], k=90)
for rc in COUNTY_CODES:
    cu = units_where(rc, {"department", "agency"})
    # make sure every target department has at least two staff
    forced = [t for ts in TARGETS.values() for t in ts if t.startswith(rc + "-D")] * 2
    slots += forced + rng.choices(cu, [dept_weight(x) for x in cu], k=23 - len(forced))
all_townships = [u["id"] for u in units if u["kind"] == "township"]
slots += ["R02-T02", "R05-T01"] + rng.sample(all_townships, 13)
slots += rng.sample([u["id"] for u in units if u["kind"] == "village"], 2)
slots += rng.sample([u["id"] for u in units if u["kind"] == "soe"], 3)
slots = slots[:360]
assert len(slots) == 360
rng.shuffle(slots)

people = []
for i, uid in enumerate(slots, 1):
    g = "女" if rng.random() < 0.37 else "男"
    birth = rng.randint(1966, 1998)
    region = unit_by_id[uid]["region"]
    r = rng.random()
    if r < 0.05:
        native = ""
    elif r < 0.35:
        native = rng.choice([c for c in COUNTY_CODES if c != region])
    elif region == "R00" and r < 0.6:
        native = rng.choice(COUNTY_CODES)   # city cadres often come from a county
    else:
        native = region
    people.append({
        "id": f"P{i:04d}", "name": make_name(g), "gender": g, "birth": birth, "rank": None,
        "unit": uid, "region_col": region if rng.random() < 0.10 else "", "native": native,
        "leader": False, "available": True, "must": "", "last": "",
        "exp": {a: 0 for a in AREAS},
    })
person_by_id = {p["id"]: p for p in people}


def region_of(p):
    return p["region_col"] or unit_by_id[p["unit"]]["region"]


# leaders: 12 city + 4 or 5 per county = 60
leader_quota = {"R00": 12}
extra = set(rng.sample(COUNTY_CODES, 4))
for rc in COUNTY_CODES:
    leader_quota[rc] = 5 if rc in extra else 4
for rc, q in leader_quota.items():
    cands = [p for p in people if region_of(p) == rc and unit_by_id[p["unit"]]["kind"] in
             ("department", "agency", "township")]
    for p in rng.sample(cands, q):
        p["leader"] = True
        p["birth"] = rng.randint(1966, 1981)
        p["rank"] = rng.choices(["正科", "副处", "正处"], [0.2, 0.45, 0.35])[0]
leaders = [p for p in people if p["leader"]]
assert len(leaders) == 60

# --------------------------------------------------------------------------
# 3. Kin (before ranks, so that adjusted birth years still get a fitting rank)
# --------------------------------------------------------------------------
kin_rows = []
in_kin = set()


def add_kin(a, b, parent_child=False):
    """Make b a plausible close relative of a (b's name/birth year are adjusted)."""
    if parent_child or (a["gender"] == b["gender"] and a["birth"] <= 1971 and not b["leader"]
                        and rng.random() < 0.5):
        note = {"男男": "父子", "男女": "父女", "女男": "母子", "女女": "母女"}[a["gender"] + b["gender"]]
        used_names.discard(b["name"])
        b["name"] = make_name(b["gender"], a["name"][0] if a["gender"] == "男" else None)
        b["birth"] = rng.randint(max(a["birth"] + 24, 1992), 1998)
    elif a["gender"] != b["gender"]:
        if rng.random() < 0.7:
            note = "夫妻"
            b["birth"] = min(1998, max(1966, a["birth"] + rng.randint(-3, 3)))
        else:
            note = "兄妹" if a["gender"] == "男" else "姐弟"
            used_names.discard(b["name"])
            b["name"] = make_name(b["gender"], a["name"][0])
            b["birth"] = min(1998, max(1966, a["birth"] + rng.randint(1, 6)))
    else:
        note = "兄弟" if a["gender"] == "男" else "姐妹"
        used_names.discard(b["name"])
        b["name"] = make_name(b["gender"], a["name"][0])
        b["birth"] = min(1998, max(1966, a["birth"] + rng.choice([-5, -4, -3, -2, 2, 3, 4, 5])))
    kin_rows.append(("kin", a["id"], b["id"], note))
    in_kin.update([a["id"], b["id"]])


# planted: someone working at a target (or below it) has a relative elsewhere in the pool
for g in TARGETS:
    fam = set(target_family(g))
    at_target = [p for p in people if p["unit"] in fam and not p["leader"] and p["id"] not in in_kin]
    for a in rng.sample(at_target, min(2 if g in ("G1", "G3") else 1, len(at_target))):
        partners = [p for p in people if region_of(p) not in TARGET_REGIONS and p["id"] not in in_kin
                    and p["unit"] != a["unit"]]
        # G1/G2: the partner is a leader, so the rule also bites the leader pool
        if g in ("G1", "G2"):
            partners = [p for p in partners if p["leader"]]
            add_kin(rng.choice(partners), a)   # the second one is adjusted: never the leader
        else:
            b = rng.choice(partners)
            if b["leader"]:
                add_kin(b, a)
            else:
                add_kin(a, b)
# one parent and child, both in the pool
olds = [p for p in people if p["gender"] == "男" and p["birth"] <= 1970 and p["id"] not in in_kin]
pa = rng.choice(olds)
pb = rng.choice([p for p in people if p["gender"] == "男" and not p["leader"] and p["id"] not in in_kin
                 and p["unit"] != pa["unit"]])
add_kin(pa, pb, parent_child=True)
while len(kin_rows) < 25:
    a, b = rng.sample(people, 2)
    if a["id"] in in_kin or b["id"] in in_kin or a["unit"] == b["unit"]:
        continue
    if b["leader"]:
        a, b = b, a
    if b["leader"]:
        continue
    add_kin(a, b)

# ranks for non-leaders (age based)
for p in people:
    if p["rank"]:
        continue
    if p["birth"] >= 1990:
        p["rank"] = rng.choices(["科员", "副科"], [0.7, 0.3])[0]
    elif p["birth"] >= 1980:
        p["rank"] = rng.choices(["科员", "副科", "正科"], [0.25, 0.45, 0.30])[0]
    else:
        p["rank"] = rng.choices(["科员", "副科", "正科", "副处"], [0.1, 0.3, 0.5, 0.1])[0]

# expertise follows the unit
for p in people:
    base = p["unit"].split("-")[1]
    kind = unit_by_id[p["unit"]]["kind"]
    e = p["exp"]
    if kind in ("department", "agency") and base == "D01":
        e["discipline"] = rng.randint(2, 3)
        e["organization"] = 1 if rng.random() < 0.2 else 0
    elif kind in ("department", "agency") and base == "D02":
        e["organization"] = rng.randint(2, 3)
        e["discipline"] = 1 if rng.random() < 0.15 else 0
    elif kind in ("department", "agency") and base == "D03":
        e["audit"] = rng.randint(2, 3)
        e["finance"] = 1 if rng.random() < 0.4 else 0
    elif kind in ("department", "agency") and base == "D04":
        e["finance"] = rng.randint(2, 3)
        e["audit"] = 1 if rng.random() < 0.3 else 0
    else:
        for a in rng.sample(AREAS, 2):
            if rng.random() < 0.09:
                e[a] = 1
    if p["leader"] and e["discipline"] == 0 and e["organization"] == 0 and rng.random() < 0.65:
        e[rng.choice(["discipline", "organization"])] = rng.choice([1, 1, 2])

# availability, must-serve, last served
for p in rng.sample(people, 18):
    p["available"] = False
non_leaders = [p for p in people if not p["leader"]]
young = sorted(non_leaders, key=lambda p: (-p["birth"], p["id"]))[:120]
for p in rng.sample(young, 14):
    p["must"] = "是"
for p in people:
    if not p["must"]:
        p["must"] = "" if rng.random() < 0.2 else "否"
    if rng.random() < (0.7 if p["leader"] else 0.45):
        p["last"] = str(rng.randint(2019, 2025))

# --------------------------------------------------------------------------
# 4. Posts (past only; the current unit is never listed)
# --------------------------------------------------------------------------
posts = []  # (person, unit, from, to)


def career_years(p, n):
    """n consecutive (from, to) spans, oldest first, all ending 2005..2025; may return fewer."""
    start = max(1988, p["birth"] + rng.randint(21, 24))
    end = rng.randint(max(2005, start + 1), 2025)
    spans = []
    for _ in range(n):
        frm = end - rng.randint(1, 6)
        if frm < start or end < 2005:
            break
        spans.append((frm, end))
        end = frm
    return spans[::-1]


def random_post_unit(p):
    reg = unit_by_id[p["unit"]]["region"]
    r = rng.random()
    if r < 0.55 and reg != "R00":
        pool = units_where(reg, {"township", "village", "department", "agency"})
    elif r < 0.75:
        pool = units_where("R00", {"department", "agency"})
    else:
        other = rng.choice([c for c in COUNTY_CODES if c != reg])
        pool = units_where(other, {"township", "village", "department", "soe"})
    return rng.choice(pool)


planted_post_people = set()
for g in TARGETS:
    fam = target_family(g)
    cands = [p for p in people if region_of(p) not in TARGET_REGIONS and p["birth"] <= 1988]
    chosen = rng.sample([p for p in cands if p["leader"]], 2) + rng.sample(
        [p for p in cands if not p["leader"]], 3)
    for k, p in enumerate(chosen):
        unit = fam[k % len(fam)] if k < 3 else rng.choice(fam)
        spans = career_years(p, 2)
        while not spans:
            spans = career_years(p, 2)
        frm, to = spans[-1]
        posts.append((p["id"], unit, frm, to))
        if len(spans) > 1 and rng.random() < 0.5:
            u2 = random_post_unit(p)
            if u2 != p["unit"]:
                posts.append((p["id"], u2, spans[0][0], spans[0][1]))
        planted_post_people.add(p["id"])

for p in people:
    if p["id"] in planted_post_people or rng.random() >= 0.37:
        continue
    spans = career_years(p, rng.choice([1, 1, 2, 2, 3]))
    prev = None
    for frm, to in spans:
        u = random_post_unit(p)
        if u == p["unit"] or u == prev:
            continue
        posts.append((p["id"], u, frm, to))
        prev = u
posts.sort(key=lambda r: (r[0], r[2], r[3], r[1]))

# --------------------------------------------------------------------------
# 5. Relations
# --------------------------------------------------------------------------
relative_rows, conflict_rows, business_rows = [], [], []
REL_NOTES = ["配偶在该单位任职", "父亲在该单位任职", "兄弟在该单位任职", "子女在该单位工作",
             "配偶的兄弟在该单位任职", "姐妹在该单位工作"]


def conflict_note(p):
    e = p["exp"]
    if e["discipline"] >= 2:
        return "曾查办该单位案件"
    if e["audit"] >= 2:
        return "曾审计该单位"
    if e["finance"] >= 2:
        return "审批该单位资金"
    if e["organization"] >= 2:
        return "曾考察该单位领导班子"
    return "曾分管该单位业务"


seen_pu = set()
non_target_people = [p for p in people if region_of(p) not in TARGET_REGIONS]
for g in TARGETS:
    fam = target_family(g)
    villages = [u for u in fam if unit_by_id[u]["kind"] == "village"]
    for k, p in enumerate(rng.sample(non_target_people, 2)):
        u = villages[0] if (k == 1 and villages) else rng.choice(fam)
        relative_rows.append(("relative_at", p["id"], u, rng.choice(REL_NOTES)))
        seen_pu.add((p["id"], u, "r"))
    experts = [p for p in non_target_people if max(p["exp"].values()) >= 2]
    for k, p in enumerate(rng.sample(experts, 2)):
        u = TARGETS[g][k] if k == 0 else rng.choice(villages or fam)
        conflict_rows.append(("conflict", p["id"], u, conflict_note(p)))
        seen_pu.add((p["id"], u, "c"))
county_units = [u["id"] for u in units if u["region"] != "R00"]
while len(relative_rows) < 30:
    p = rng.choice(people)
    reg = unit_by_id[p["unit"]]["region"]
    pool = units_where(reg, {"department", "agency", "township", "village", "soe"}) \
        if rng.random() < 0.6 else county_units
    u = rng.choice(pool)
    if (p["id"], u, "r") in seen_pu or u == p["unit"]:
        continue
    seen_pu.add((p["id"], u, "r"))
    relative_rows.append(("relative_at", p["id"], u, rng.choice(REL_NOTES)))
while len(conflict_rows) < 20:
    p = rng.choice(people)
    if max(p["exp"].values()) < 2:
        continue
    u = rng.choice(county_units)
    if (p["id"], u, "c") in seen_pu or u == p["unit"]:
        continue
    seen_pu.add((p["id"], u, "c"))
    conflict_rows.append(("conflict", p["id"], u, conflict_note(p)))

seen_bu = set()


def add_business(a, b, note):
    key = tuple(sorted((a, b)))
    assert a != b and a in unit_by_id and b in unit_by_id
    if key in seen_bu:
        return False
    seen_bu.add(key)
    business_rows.append(("business", a, b, note))
    return True


# planted ties between targets (or units below them) and pool members' current units
add_business("R02-D04", "R00-D04", "上下级财政业务指导")
add_business("R02-E01", "R04-E01", "合作开发项目")
add_business("R02-T02", "R00-D09", "拨付乡村振兴项目资金")
add_business("R05-D08", "R00-D08", "上下级业务指导")
add_business("R05-E01", "R06-D12", "承建交通工程")
add_business("R05-T01-V01", "R08-D09", "对口帮扶")
add_business("R07-D06", "R00-D06", "上下级业务指导")
add_business("R07-E02", "R08-E01", "合作供水项目")
add_business("R07-D06-A01", "R03-D06", "教师交流合作")
add_business("R10-D09", "R00-D09", "上下级业务指导")
add_business("R10-E01", "R00-D03", "审计监督")
add_business("R10-T04", "R11-D13" if "R11-D13" in unit_by_id else "R11-D09", "跨县流域治理合作")
while len(business_rows) < 40:
    r = rng.random()
    rc = rng.choice(COUNTY_CODES)
    if r < 0.35:
        tw = rng.choice(units_where(rc, {"township"}))
        add_business(f"{rc}-D04", tw, "财政资金拨付")
    elif r < 0.6:
        tgt = rng.choice(units_where(rc, {"department", "soe", "township"}))
        if tgt != f"{rc}-D03":
            add_business(f"{rc}-D03", tgt, "审计监督")
    else:
        d = rng.randint(5, 12)
        add_business(f"R00-D{d:02d}", f"{rc}-D{d:02d}", "上下级业务指导")

# exclusions: one leader and one ordinary member, both available and outside target counties
excl_leader = rng.choice([p for p in non_target_people if p["leader"] and p["available"]])
excl_member = rng.choice([p for p in non_target_people if not p["leader"] and p["available"]
                          and p["must"] != "是"])
EXCLUDE = [excl_leader["id"], excl_member["id"]]

# --------------------------------------------------------------------------
# 6. Write the case
# --------------------------------------------------------------------------


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


os.makedirs(OUT, exist_ok=True)
write_csv(os.path.join(OUT, "units.csv"), ["编号", "名称", "地区", "类型", "上级单位"],
          [[u["id"], u["name"], u["region"], u["kind"], u["parent"]] for u in units])


def lvl(p, a, explicit):
    v = p["exp"][a]
    return str(v) if (v or explicit) else ""


prow = []
for p in people:
    explicit = rng.random() < 0.15   # some rows write 0 instead of leaving it blank
    prow.append([p["id"], p["name"], p["gender"], p["birth"], p["rank"], p["unit"], p["region_col"],
                 p["native"], "是" if p["leader"] else "否", "是" if p["available"] else "否",
                 p["must"], p["last"]] + [lvl(p, a, explicit) for a in AREAS])
write_csv(os.path.join(OUT, "people.csv"),
          ["编号", "姓名", "性别", "出生年份", "职级", "工作单位", "地区", "籍贯", "组长库", "可抽调",
           "须参加", "上次巡察年份", "纪检监察", "组织人事", "审计", "财务"], prow)
write_csv(os.path.join(OUT, "posts.csv"), ["person", "unit", "from_year", "to_year"], posts)
write_csv(os.path.join(OUT, "relations.csv"), ["kind", "a", "b", "note"],
          kin_rows + relative_rows + conflict_rows + business_rows)


def toml_list(xs):
    return "[" + ", ".join(f'"{x}"' for x in xs) + "]"


round_toml = f"""name = "第七轮交叉巡察"
year = {YEAR}
# people not to be drawn this round (top-level key: must stay before the first table)
exclude = {toml_list(EXCLUDE)}

[policy]
group_size = [4, 6]
leaders_per_group = 1
post_lookback_years = 0
region_avoidance = true
native_avoidance = true
business_avoidance = true
reciprocal_avoidance = true
max_same_region = 2
max_same_unit = 1

[requirements]
discipline = 1
organization = 1
audit = 1
finance = 1
"""
for g, ts in TARGETS.items():
    names = "、".join(unit_by_id[t]["name"] for t in ts)
    round_toml += f'\n[[groups]]\nid = "{g}"\ntargets = {toml_list(ts)}   # {names}\n'
with open(os.path.join(OUT, "round.toml"), "w", encoding="utf-8", newline="") as f:
    f.write(round_toml)

# ==========================================================================
# 7. Independent check: read everything back from disk
# ==========================================================================


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        data = f.read()
    assert not data.startswith("\ufeff") and "\r" not in data, path
    rows = list(csv.DictReader(io.StringIO(data)))
    return rows


U = {r["编号"]: r for r in read_csv(os.path.join(OUT, "units.csv"))}
P = {r["编号"]: r for r in read_csv(os.path.join(OUT, "people.csv"))}
POSTS = read_csv(os.path.join(OUT, "posts.csv"))
REL = read_csv(os.path.join(OUT, "relations.csv"))
with open(os.path.join(OUT, "round.toml"), "rb") as f:
    RND = tomllib.load(f)
assert len(U) == len(units) and len(P) == len(people) == 360
POL, REQ = RND["policy"], RND["requirements"]
GROUPS = {g["id"]: g["targets"] for g in RND["groups"]}
EXCL = set(RND["exclude"])
assert "exclude" not in POL and EXCL <= set(P)

# references, parent chains, no cycles
for uid, u in U.items():
    assert u["地区"] in ALL_REGIONS
    seen, cur = set(), uid
    while U[cur]["上级单位"]:
        assert cur not in seen, f"cycle at {uid}"
        seen.add(cur)
        cur = U[cur]["上级单位"]
        assert cur in U, cur
RANK = {"科员": 1, "副科": 2, "正科": 3, "副处": 4, "正处": 5}
for pid, p in P.items():
    assert p["工作单位"] in U and p["性别"] in ("男", "女") and p["职级"] in RANK
    assert 1966 <= int(p["出生年份"]) <= 1998
    assert p["地区"] in ("", U[p["工作单位"]]["地区"])
    assert p["籍贯"] in [""] + ALL_REGIONS
    assert p["组长库"] in ("是", "否") and p["可抽调"] in ("是", "否") and p["须参加"] in ("是", "否", "")
    assert p["上次巡察年份"] == "" or 2019 <= int(p["上次巡察年份"]) <= 2025
    for a in AREAS:
        assert p[AREA_ZH[a]] in ("", "0", "1", "2", "3")
for r in POSTS:
    assert r["person"] in P and r["unit"] in U and r["unit"] != P[r["person"]]["工作单位"]
    assert int(r["from_year"]) <= int(r["to_year"]) and 2005 <= int(r["to_year"]) <= 2025
kin_pairs = set()
for r in REL:
    assert r["kind"] in ("kin", "relative_at", "conflict", "business")
    if r["kind"] == "kin":
        assert r["a"] in P and r["b"] in P and r["a"] != r["b"]
        key = frozenset((r["a"], r["b"]))
        assert key not in kin_pairs
        kin_pairs.add(key)
    elif r["kind"] == "business":
        assert r["a"] in U and r["b"] in U and r["a"] != r["b"]
    else:
        assert r["a"] in P and r["b"] in U
for g, ts in GROUPS.items():
    assert len({U[t]["地区"] for t in ts}) == 1 and all(t in U for t in ts)


def ancestors(uid):
    out = [uid]
    while U[out[-1]]["上级单位"]:
        out.append(U[out[-1]]["上级单位"])
    return out


ANC = {u: set(ancestors(u)) for u in U}


def related(a, b):
    return a in ANC[b] or b in ANC[a]


def preg(pid):
    return P[pid]["地区"] or U[P[pid]["工作单位"]]["地区"]


def level(pid, a):
    return int(P[pid][AREA_ZH[a]] or 0)


POSTS_OF = {pid: [P[pid]["工作单位"]] for pid in P}
lookback = POL.get("post_lookback_years", 0)
for r in POSTS:
    if lookback == 0 or not r["to_year"] or int(r["to_year"]) >= RND["year"] - lookback:
        POSTS_OF[r["person"]].append(r["unit"])
KIN = {pid: set() for pid in P}
RELAT = {pid: set() for pid in P}
CONFL = {pid: set() for pid in P}
BUS = {u: set() for u in U}
for r in REL:
    if r["kind"] == "kin":
        KIN[r["a"]].add(r["b"]); KIN[r["b"]].add(r["a"])
    elif r["kind"] == "relative_at":
        RELAT[r["a"]].add(r["b"])
    elif r["kind"] == "conflict":
        CONFL[r["a"]].add(r["b"])
    else:
        BUS[r["a"]].add(r["b"]); BUS[r["b"]].add(r["a"])

FINE_RULE = {"post": "post-avoidance", "kin": "post-avoidance", "relative_at": "post-avoidance",
             "region": "region-avoidance", "native": "region-avoidance",
             "conflict": "business-avoidance", "business": "business-avoidance"}


def reasons(pid, g):
    """finer reasons (see FINE_RULE) why pid may not join group g (empty: eligible)."""
    out = set()
    for t in GROUPS[g]:
        treg = U[t]["地区"]
        if any(related(u, t) for u in POSTS_OF[pid]):
            out.add("post")
        if any(related(P[k]["工作单位"], t) for k in KIN[pid]):
            out.add("kin")
        if any(related(u, t) for u in RELAT[pid]):
            out.add("relative_at")
        if POL["region_avoidance"] and preg(pid) == treg:
            out.add("region")
        if POL["native_avoidance"] and P[pid]["籍贯"] == treg:
            out.add("native")
        if any(related(u, t) for u in CONFL[pid]):
            out.add("conflict")
        if POL["business_avoidance"] and any(related(u, t) for u in BUS[P[pid]["工作单位"]]):
            out.add("business")
    return out


def usable(pid):
    return P[pid]["可抽调"] == "是" and pid not in EXCL


ELIG = {g: [pid for pid in P if usable(pid) and not reasons(pid, g)] for g in GROUPS}

stats = []
for g, ts in GROUPS.items():
    why = {pid: reasons(pid, g) for pid in P}
    el = ELIG[g]
    el_lead = [pid for pid in el if P[pid]["组长库"] == "是"]
    per_area = {a: sum(1 for pid in el if level(pid, a) >= 1) for a in AREAS}
    rule_cnt = {}
    only_cnt = {}
    for rule in ("post-avoidance", "region-avoidance", "business-avoidance"):
        rule_cnt[rule] = sum(1 for pid in P if any(FINE_RULE[x] == rule for x in why[pid]))
        only_cnt[rule] = sum(1 for pid in P if why[pid] and all(FINE_RULE[x] == rule for x in why[pid]))
    fine = {x: sum(1 for pid in P if x in why[pid]) for x in FINE_RULE}
    lead_removed = {rule: sum(1 for pid in P if P[pid]["组长库"] == "是" and
                              any(FINE_RULE[x] == rule for x in why[pid]))
                    for rule in ("post-avoidance", "region-avoidance", "business-avoidance")}
    stats.append(f"{g} {U[ts[0]]['地区']} targets {','.join(ts)}")
    stats.append(f"   eligible available: leaders {len(el_lead)}, people {len(el)}; per area "
                 + " ".join(f"{a} {per_area[a]}" for a in AREAS))
    stats.append("   removed (of 360; only-this-rule in parentheses): "
                 + ", ".join(f"{r} {rule_cnt[r]} ({only_cnt[r]})" for r in rule_cnt))
    stats.append("   by reason: " + " ".join(f"{x} {fine[x]}" for x in FINE_RULE)
                 + "; leaders removed: " + " ".join(f"{r.split('-')[0]} {lead_removed[r]}"
                                                    for r in lead_removed))
    assert len(el_lead) >= 8 and len(el) >= 30 and min(per_area.values()) >= 5, g
    for x in FINE_RULE:
        assert fine[x] > 0, (g, x)
    # every rule must remove someone who is not removed by the region rule already
    for rule in ("post-avoidance", "business-avoidance"):
        assert any(FINE_RULE[x] == rule for pid in P for x in why[pid]
                   if not any(FINE_RULE[y] == "region-avoidance" for y in why[pid])), (g, rule)

# ==========================================================================
# 8. Plan: randomized greedy with retries, then a full check of rules 1-9
# ==========================================================================
TREG = {g: U[ts[0]]["地区"] for g, ts in GROUPS.items()}


def check_plan(plan):
    """plan: {g: [leader, members...]}; raises AssertionError on any violated rule."""
    lo, hi = POL["group_size"]
    seen = set()
    for g, ms in plan.items():
        assert lo <= len(ms) <= hi, ("group-size", g)
        lead = [pid for pid in ms[:1]]
        assert len(lead) == POL["leaders_per_group"] and P[lead[0]]["组长库"] == "是", ("leader", g)
        for pid in ms:
            assert pid not in seen, ("one-group", pid)
            seen.add(pid)
            assert usable(pid), ("unavailable", pid)
            assert not reasons(pid, g), (g, pid, reasons(pid, g))
            assert not (KIN[pid] & set(ms)), ("kin-same-group", pid)
        for reg in {preg(x) for x in ms}:
            assert sum(1 for x in ms if preg(x) == reg) <= POL["max_same_region"], ("mixing-region", g)
        for un in {P[x]["工作单位"] for x in ms}:
            assert sum(1 for x in ms if P[x]["工作单位"] == un) <= POL["max_same_unit"], ("mixing-unit", g)
        for a in AREAS:
            assert sum(1 for x in ms if level(x, a) >= 1) >= REQ[a], ("requirement", g, a)
    if POL["reciprocal_avoidance"]:
        pairs = {(preg(x), TREG[g]) for g, ms in plan.items() for x in ms}
        for a, b in pairs:
            assert a == b or (b, a) not in pairs, ("reciprocal", a, b)


def can_add(pid, g, plan, used):
    ms = plan[g]
    if pid in used or pid not in ELIG_SET[g]:
        return False
    if KIN[pid] & set(ms):
        return False
    if sum(1 for x in ms if preg(x) == preg(pid)) >= POL["max_same_region"]:
        return False
    if any(P[x]["工作单位"] == P[pid]["工作单位"] for x in ms):
        return False
    pairs = {(preg(x), TREG[h]) for h, hs in plan.items() for x in hs}
    a, b = preg(pid), TREG[g]
    if (b, a) in pairs and a != b:
        return False
    return True


ELIG_SET = {g: set(v) for g, v in ELIG.items()}
must = [pid for pid in P if P[pid]["须参加"] == "是" and usable(pid)]
prng = random.Random(SEED + 1)


def pref(pid):
    # lower is better: must-serve first, then people outside the target counties
    return (0 if pid in must else 1, 1 if preg(pid) in TARGET_REGIONS else 0, prng.random())


best = None
for attempt in range(500):
    plan = {g: [] for g in GROUPS}
    used = set()
    sizes = {g: prng.choice([5, 6]) for g in GROUPS}
    ok = True
    order = list(GROUPS)
    for g in order:   # leaders
        cands = sorted((pid for pid in ELIG[g] if P[pid]["组长库"] == "是"), key=pref)
        cands = [pid for pid in cands if can_add(pid, g, plan, used)]
        if not cands:
            ok = False
            break
        pick = cands[0] if prng.random() < 0.5 else prng.choice(cands[:5])
        plan[g].append(pick)
        used.add(pick)
    if not ok:
        continue
    # must-serve people, then requirements, then fill up
    for pid in sorted(must, key=pref):
        gs = [g for g in order if len(plan[g]) < sizes[g] and can_add(pid, g, plan, used)]
        if gs:
            g = min(gs, key=lambda h: (len(plan[h]), prng.random()))
            plan[g].append(pid)
            used.add(pid)
    for g in order:
        while True:
            missing = [a for a in AREAS if sum(1 for x in plan[g] if level(x, a) >= 1) < REQ[a]]
            if not missing or len(plan[g]) >= sizes[g]:
                break
            cands = [pid for pid in ELIG[g] if can_add(pid, g, plan, used)]
            cands.sort(key=lambda pid: (-sum(1 for a in missing if level(pid, a) >= 1), pref(pid)))
            if not cands or not any(level(cands[0], a) >= 1 for a in missing):
                break
            plan[g].append(cands[0])
            used.add(cands[0])
        while len(plan[g]) < sizes[g]:
            cands = sorted((pid for pid in ELIG[g] if can_add(pid, g, plan, used)), key=pref)
            if not cands:
                break
            pick = cands[0] if prng.random() < 0.6 else prng.choice(cands[:8])
            plan[g].append(pick)
            used.add(pick)
    try:
        check_plan(plan)
    except AssertionError:
        continue
    score = (sum(1 for pid in must if pid in used),
             -sum(1 for ms in plan.values() for x in ms if preg(x) in TARGET_REGIONS))
    if best is None or score > best[0]:
        best = (score, plan)
    if attempt >= 40:
        break
assert best is not None, "no plan found"
plan = best[1]
check_plan(plan)

prow = []
for g in GROUPS:
    for i, pid in enumerate(plan[g]):
        prow.append([g, "leader" if i == 0 else "member", pid, P[pid]["姓名"], P[pid]["工作单位"], preg(pid)])
write_csv(PLAN, ["group", "role", "person_id", "name", "unit", "region"], prow)

# read the plan back and check it again
back = {}
for r in read_csv(PLAN):
    back.setdefault(r["group"], []).append(r["person_id"])
    assert (r["role"] == "leader") == (len(back[r["group"]]) == 1)
    assert r["unit"] == P[r["person_id"]]["工作单位"] and r["region"] == preg(r["person_id"])
assert list(back) == list(GROUPS)
check_plan(back)

must_left = [pid for pid in must if pid not in {x for ms in back.values() for x in ms}]
stats.append(f"plan: sizes {' '.join(f'{g}={len(ms)}' for g, ms in back.items())}; "
             f"must-serve available {len(must)}, placed {len(must) - len(must_left)}"
             + (f" (left out: {' '.join(must_left)})" if must_left else "")
             + f"; members from target counties "
             f"{sum(1 for ms in back.values() for x in ms if preg(x) in TARGET_REGIONS)}")
counts = {"units.csv": len(U), "people.csv": len(P), "posts.csv": len(POSTS),
          "relations.csv": len(REL), "sample-plan.csv": len(prow)}
kinds = {}
for r in REL:
    kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
stats.insert(0, "rows: " + " ".join(f"{k} {v}" for k, v in counts.items())
             + " | relations " + " ".join(f"{k} {v}" for k, v in kinds.items()))
print("\n".join(stats))
