"""Writes data/roster.xlsx: a talent-pool roster (巡察人才库花名册) as a city
inspection office keeps it, with invented people, and its round sheet
本轮巡察安排. Every habit of issue 11 is in it: a merged title and subtitle,
section rows (一、市直单位 …), a 填表人 footer, birth dates as 1968.03,
1975年8月, date cells, the number 1979.1, 1978-05, 1978/5 and full-width
digits, 2019 ranks mixed with old 职务 levels, 工作单位及职务 in one cell
(with short forms: 市纪委 for 市纪委监委, 东安 for 东安县), 籍贯 as
云州市东安县, 东安县 or 东安, free-text 专业特长, and columns no rule reads
(序号, 民族, 政治面貌, 联系电话, 备注). Run: python3 data/make_roster.py
"""
import datetime
import random

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

random.seed(11)

SURNAMES = "周李王张刘陈杨赵黄吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ["建国", "志强", "秀英", "海燕", "卫东", "丽华", "文博", "晓明", "春梅", "国庆",
         "红霞", "永刚", "雪梅", "立新", "桂兰", "宏伟", "淑珍", "振华", "玉兰", "德明",
         "静", "敏", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "军", "超", "霞", "平", "刚",
         "婷婷", "浩然", "思远", "雅琴", "俊杰", "慧敏"]

# section: (heading, native places, units as written in 工作单位及职务)
SECTIONS = [
    ("一、市直单位", ["云州市", "云州市", "河北省保定市", "云州市东安县", "西山"], [
        "市纪委监委第一纪检监察室主任", "市纪委监委第二纪检监察室副主任", "市纪委第三纪检监察室干部",
        "市纪委监委案件审理室主任", "市委组织部干部一科科长", "市委组织部组织二科副科长",
        "市财政局党组成员、副局长", "市财政局会计科科长", "市审计局经济责任审计科科长",
        "市审计局财政审计科副科长", "市委巡察办副主任", "市委巡察办综合科科员",
        "市人力资源和社会保障局人事科科长", "市住房和城乡建设局副局长", "市教育局财务科科长",
        "市卫生健康委员会办公室主任", "市水利局规划科科长", "市信访局副局长",
        "市司法局法治督察科科长", "市农业农村局副局长", "市委组织部干部监督科干部",
        "市审计局办公室副主任", "市财政局国库科干部", "市纪委监委党风政风监督室干部",
        "市统计局副局长", "市国资委企业监督科科长",
    ]),
    ("二、东安县", ["云州市东安县", "东安县", "东安", "东安县"], [
        "东安县纪委监委副书记", "东安县委组织部副部长", "东安县财政局局长", "东安县审计局经济责任审计股股长",
        "东安县城关镇党委副书记", "东安财政局预算股股长", "东安县教育局副局长", "东安县城关镇东村党支部书记",
    ]),
    ("三、西山区", ["云州市西山区", "西山区", "西山"], [
        "西山区纪委监委第一纪检监察室主任", "西山区委组织部组织科科长", "西山区财政局副局长",
        "西山区审计局局长", "西山区住建局工程科科长", "西山区人社局副局长",
        "西山区委办公室副主任", "西山区统计局干部",
    ]),
    ("四、南河县", ["云州市南河县", "南河县", "南河"], [
        "南河县纪委监委第二纪检监察室主任", "南河县委组织部干部股股长", "南河县财政局副局长",
        "南河县审计局副局长", "南河县白沙镇党委书记", "南河县人社局人事股股长",
        "南河县农业农村局副局长", "南河县教育局财务股干部",
    ]),
    ("五、北林县", ["云州市北林县", "北林县", "北林"], [
        "北林县纪委监委案件审理室主任", "北林县委组织部副部长", "北林县财政局会计股股长",
        "北林县审计局财政审计股股长", "北林县卫健局副局长", "北林县司法局副局长",
        "北林县委巡察办主任", "北林县信访局干部",
    ]),
    ("六、青溪县", ["云州市青溪县", "青溪县", "青溪"], [
        "青溪县纪委监委副书记", "青溪县委组织部组织股股长", "青溪县财政局副局长",
        "青溪县审计局局长", "青溪县水利局工程股股长", "青溪县人社局副局长",
        "青溪县委办公室副主任", "青溪县统计局干部",
    ]),
]

# the speciality that goes with a post's words, and others of the offices' wording
def speciality(post, i):
    table = [
        ("纪", ["纪检监察", "纪律审查", "监督执纪、纪检监察"]),
        ("审理", ["纪律审查"]),
        ("监督", ["纪检监察、审计"]),
        ("组织", ["组织人事", "干部管理", "组织工作、人事"]),
        ("人事", ["人事管理"]),
        ("人社", ["人事、财务"]),
        ("财政", ["财务", "财务、审计", "财务管理"]),
        ("会计", ["会计、财务"]),
        ("国库", ["财务"]),
        ("审计", ["审计", "经济责任审计", "审计、财务"]),
        ("巡察", ["纪检监察、组织人事", "巡察工作、纪检"]),
        ("工程", ["工程管理", "工程、审计"]),
        ("住建", ["工程管理、财务"]),
        ("司法", ["法律", "政法、纪检"]),
        ("信访", ["信访", "信访、组织"]),
        ("统计", ["统计、财务"]),
        ("教育", ["财务、人事"]),
        ("水利", ["工程、财务"]),
        ("卫健", ["财务、组织"]),
        ("农业", ["审计、组织"]),
        ("国资", ["财务、审计"]),
    ]
    for key, opts in table:
        if key in post:
            return opts[i % len(opts)]
    return ["文字综合", "组织人事", "财务", "纪检监察"][i % 4]


RANKS_HIGH = ["一级调研员", "二级调研员", "正处级", "三级调研员", "副处级", "四级调研员"]
RANKS_MID = ["一级主任科员", "二级主任科员", "正科级", "三级主任科员", "副科级", "四级主任科员"]
RANKS_LOW = ["一级科员", "科员", "二级科员", "四级主任科员"]


def rank_for(post, i):
    if any(w in post for w in ["副书记", "局长", "部长", "主任", "书记"]) and "副主任" not in post:
        return RANKS_HIGH[i % len(RANKS_HIGH)]
    if any(w in post for w in ["科长", "股长", "副主任", "副科长", "副局长"]):
        return RANKS_MID[i % len(RANKS_MID)]
    return RANKS_LOW[i % len(RANKS_LOW)]


def birth_cell(i, year, month):
    """The forms birth dates take in rosters, in turn."""
    forms = i % 9
    if forms == 0:
        return f"{year}.{month:02d}"
    if forms == 1:
        return f"{year}年{month}月"
    if forms == 2:
        return datetime.datetime(year, month, 1)
    if forms == 3:
        return f"{year}-{month:02d}"
    if forms == 4:
        return f"{year}/{month}"
    if forms == 5:
        full = str.maketrans("0123456789.", "０１２３４５６７８９．")
        return f"{year}.{month:02d}".translate(full)
    if forms == 6:
        # the number a spreadsheet keeps for 1979.10 (shown as 1979.1)
        return float(f"{year}.1")
    if forms == 7:
        return float(f"{year}.{month:02d}") if month not in (10,) else f"{year}.{month}"
    return f"{year}年{month:02d}月"


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = "人员名单"
    headers = ["序号", "姓名", "性别", "民族", "出生年月", "籍贯", "政治面貌", "工作单位及职务",
               "职级", "专业特长", "是否组长库", "联系电话", "备注"]
    ws.append(["云州市巡察人才库人员名单"])
    ws.merge_cells("A1:M1")
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(["填报单位：云州市委巡察办（盖章）        截至2025年12月31日"])
    ws.merge_cells("A2:M2")
    ws.append(headers)
    for c in ws[3]:
        c.font = Font(bold=True)
    used = set()
    n = 0
    for heading, natives, posts in SECTIONS:
        ws.append([heading])
        ws.merge_cells(f"A{ws.max_row}:M{ws.max_row}")
        for k, post in enumerate(posts):
            n += 1
            while True:
                name = random.choice(SURNAMES) + random.choice(GIVEN)
                if name not in used:
                    used.add(name)
                    break
            if len(name) == 2 and n % 5 == 0:
                name = name[0] + "\u3000" + name[1]  # 李　敏: a full-width space to line names up
            gender = "女" if n % 3 == 1 else "男"
            year = 1966 + (n * 7) % 30
            month = 1 + (n * 5) % 12
            leader = "是" if (("书记" in post and "党支部" not in post) or "局长" in post and "副" not in post
                              or "部长" in post or (n % 6 == 0)) else "否"
            note = ""
            if n % 10 == 2:
                note = "2024年参加第五轮巡察"
            elif n % 17 == 3:
                note = "借调中"
            ws.append([n, name, gender, "汉族" if n % 8 else "回族", birth_cell(n, year, month),
                       natives[k % len(natives)], "中共党员" if n % 11 else "民盟盟员", post,
                       rank_for(post, n), speciality(post, n), leader,
                       f"139{(n * 7919) % 100000000:08d}", note])
            if isinstance(ws.cell(ws.max_row, 5).value, datetime.datetime):
                ws.cell(ws.max_row, 5).number_format = "yyyy.mm"
    ws.append(["填表人：王某某    审核人：张某某    联系电话：0871-1234567"])
    ws.merge_cells(f"A{ws.max_row}:M{ws.max_row}")

    rs = wb.create_sheet("本轮巡察安排")
    rs.append(["组别", "被巡察单位", "备注"])
    for g, t, note in [
        ("第一组", "东安县财政局", ""),
        ("第一组", "东安县城关镇", "含所辖村（社区）"),
        ("第二组", "西山区住建局", ""),
        ("第三组", "南河县教育局", ""),
        ("第三组", "南河县白沙镇", ""),
        ("第四组", "北林县卫健局", ""),
        ("第五组", "青溪县水利局", ""),
        ("第六组", "市统计局", ""),
    ]:
        rs.append([g, t, note])
    wb.properties.creator = "xuncha"
    fixed = datetime.datetime(2025, 12, 31)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.save("data/roster.xlsx")
    print(f"data/roster.xlsx: {n} people")


if __name__ == "__main__":
    main()
