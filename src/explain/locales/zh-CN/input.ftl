# 输入数据的错误、警告和说明（explain/input.rs）。编号固定不变；参数按名称传入。
# “pos” 类参数是已按同一语言写好的位置。

## 位置

pos-line = { $file } 第{ $line }行
pos-row = { $file } 第{ $line }行
pos-letter-name = { $at }，{ $letter }列 { $name }
pos-letter = { $at }，{ $letter }列
pos-name = { $at }，{ $name }
place-line = 第{ $line }行
place-row = 第{ $line }行

## 错误与警告

input-at = { $place }：{ $what }
input-pin = 既定人选 { $person } 编入 { $group } 违反规则 { $rule }：{ $facts }
input-errors-head = 输入数据有 { $n } 处问题：
input-errors-more = {"  "}…… 另有 { $n } 处
input-errors-note = {"  "}说明：{ $note }
cli-error = 错误：{ $text }
cli-warning = 警告：{ $text }
input-raw = { $text }
pin-facts = { $facts }
input-quoted = “{ $value }”

## 表格：表头与单元格（io/columns.rs）

header-empty = 是空的：需要一行表头
column-unnamed = 表头中有一列没有列名
column-twice = { $key } 列出现了两次
column-unknown = 无法识别的列
column-unknown-near = 无法识别的列；是否指 { $near }？
column-missing = 缺少 { $column } 列
note-columns = { $file } 的列有：{ $columns }
cell-empty = 为空；需要填写
cell-empty-yes-no = 为空；需要填 是 或 否
cell-not-yes-no = { $value } 不是 是/否
cell-empty-number = 为空；需要填一个数
cell-out-of-range = { $value } 超出范围 { $lo }–{ $hi }
cell-date-not-number = { $value } 是日期；年份或数字请直接写，如 2021
cell-not-whole = { $value } 不是整数

## 工作簿、工作表与单元格（io/book.rs、io/grid.rs）

book-damaged = 不是可读的工作簿（文件可能已损坏：{ $why }）
book-unreadable = 不是可读的工作簿：{ $why }
sheet-unreadable = 此工作表无法读取（{ $why }）
sheet-damaged = 此工作表无法读取（文件可能已损坏：{ $why }）
merged-cells-unknown = 这种文件（.ods、.xlsb）看不出合并单元格：合并单元格的值只会读到第一行；请将工作簿另存为 .xlsx
cell-formula-no-value = 值未知：公式的结果从未计算过：={ $formula }
note-formula-no-value = 有公式没有计算结果：此文件由不计算公式的程序写出，其中没有 Excel 或 WPS 会显示的值；请用 Excel 或 WPS 打开并保存一次，或直接填写数值
cell-date = 这是日期单元格（{ $date }）：年份请写成普通数字，如 2021；被表格软件自动转成日期的编号，请在设为“文本”格式的列中重新输入
cell-error = 这是表格软件的错误值（{ $error }）；请在此填写值本身
cell-under-merge = 此单元格的值 { $value } 位于合并区域 { $range } 之下，而该区域的值为 { $top }：不知应取哪个；请取消合并或清空此单元格
cell-merged-with-header = 此单元格与表头单元格 { $cell }（{ $value }）合并：值未知；请取消合并该表头单元格
cell-merged-unknown = 值未知：此单元格与 { $cell } 合并，而 { $cell } 的值未知
row-too-wide = 有 { $cells } 个单元格，但表头只有 { $width } 列
rows-skipped-titles = 第 { $lines } 行已跳过：是标题、分节标题或表尾，不是数据
rows-skipped-repeats = 第 { $lines } 行已跳过：重复了表头
rows-not-read-merged = 第 { $lines } 行未读取：一个横跨整表的合并单元格，又不是分节标题；如含有信息，请写成表中的行
merged-cells-read = 合并单元格：每个合并区域的值已用于它覆盖的每一行：{ $ranges }{ $more ->
    [0] {""}
   *[other] 等，另有 { $more } 处
}

## 文件（io/sheet.rs、io/discover.rs）

io-error = 无法读写（{ $why }）
csv-encoding = 此文件是 { $encoding } 编码，已按此读取（通常用 UTF-8：Excel 的“CSV UTF-8”）
csv-not-text = 文本既不是 UTF-8 也不是 GBK：请在 Excel 或 WPS 中另存为“CSV UTF-8”，或改用 .xlsx 工作簿
csv-bad-line = 无法读取的 CSV 行：{ $why }
file-empty = 文件是空的：需要一行表头
input-and = { $first } 和 { $rest }
enc-utf8 = UTF-8
enc-utf16le = UTF-16（Excel 的“Unicode 文本”）
enc-utf16be = UTF-16（大端）
enc-gbk = GBK（中文 Windows 下普通的“CSV”或“ANSI”文本）
toml-encoding = 此文件是 { $encoding } 编码，已按此读取
toml-not-text = 文本既不是 UTF-8 也不是 GBK：请存为 UTF-8

## 哪个文件或工作表是哪张表（io/discover.rs）

case-not-found = 没有这个文件夹或工作簿
not-read = 未读取：{ $why }
not-read-folder = 案例文件夹中的子文件夹
not-read-toml = 案例文件夹的轮次设置是 round.toml（或 轮次.toml）
not-read-workbook-in-dir = 案例文件夹只读取 CSV 文件和 round.toml；其中的工作簿不属于案例（要读取该工作簿，请直接把它作为案例给出）
not-read-not-table = 既不是表格（.csv）也不是 round.toml
not-read-round-csv = 案例文件夹的 { $key } 表是 round.toml，而不是 CSV 文件
not-read-empty = 空工作表{ $hidden ->
    [yes] （隐藏的工作表）
   *[no] {""}
}
not-read-plan = 是一份编组方案（列是方案的列）{ $hidden ->
    [yes] （隐藏的工作表）
   *[no] {""}
}
not-read-notes = 是说明，不是表格{ $hidden ->
    [yes] （隐藏的工作表）
   *[no] {""}
}
not-read-unknown = 名称不是案例中任何一张表的名称，列也都对不上（README 列出了这些名称）{ $hidden ->
    [yes] （隐藏的工作表）
   *[no] {""}
}
table-candidate = “{ $name }”{ $how ->
    [hidden] （隐藏）
    [by-columns] （按列识别）
    [hidden-by-columns] （隐藏，按列识别）
   *[none] {""}
}
table-several = { $names } 都可能是 { $key } 表（{ $label }）：一张表只从一个工作表或文件读取；请把各行合到一处，其余的改名或删除
hidden-sheet-read = 此工作表在 Excel/WPS 中是隐藏的；已作为 { $key } 表（{ $label }）读取
read-by-columns = 已作为 { $key } 表（{ $label }）读取：名称不是该表的名称，但列是该表的列
round-several = { $names } 都可能是轮次设置：请只保留一个
dir-missing-table = 缺少：案例文件夹需要 { $file }（或 { $label }.{ $ext }）
book-missing-sheet = 没有名为 { $key }（{ $label }）的工作表；现有工作表：{ $sheets }
note-sheet-names = { $key } 表所在的工作表可命名为 { $names }

## 人员表（io/people.rs）

requirements-at = [requirements]（{ $pos }）
requirements-default = 默认的专业要求
area-column-needed = 没有 { $key }（{ $label }）列，但{ $by }要求每组有 { $need } 名具备此专长的成员：请添加此列（等级 0–3），或设 requirements.{ $key } = 0
area-column-declared = 轮次设置声明了专业领域 { $key }，但没有 { $key }（{ $label }）列
area-column-absent = 没有 { $key }（{ $label }）列：此项等级一律按 0 计（不要求任何组具备；只参与评分中的均衡）
native-column-absent = 没有 籍贯（native_region）列，因此籍贯回避（地域回避）无从核查：请添加此列；如不适用，请设 native_avoidance = false
available-column-absent = 没有 可抽调（available）列：所有人均按可抽调处理
people-lines = { $n } 人（第 { $lines } 行）
region-apart-item = { $id }：{ $region }，所在单位 { $unit } 属 { $unit_region }
native-all-blank = 所有人的 籍贯（native_region）都为空，因此籍贯回避（地域回避）无从核查：请填写；如不适用，请设 native_avoidance = false
native-blank = 籍贯为空的有 { $people }：籍贯回避对他们无从回避
available-blank = 可抽调为空的有 { $people }，按“是”（可抽调）处理
region-not-unit = 地区（region）与所在单位的地区不同的有 { $people }：{ $which }；地域回避按所填的地区执行
native-unit-hint = { $others ->
    [yes] 单位 { $name } 等
   *[no] 单位 { $name }
}属于地区 { $region }
native-item = { $value }：{ $people }
native-item-near = { $item }，是否指 { $near }？
native-item-unit = { $item }：{ $hint }
native-item-contained = { $value } → { $region }：{ $people }
native-by-name = 籍贯按其中包含的地区名称读取：{ $items }
native-near = 籍贯与本案任何地区都对不上，但与某个地区或其中的地名相近：{ $items }
native-unknown-outside = 是本案地区以外的地方：籍贯回避对他们无需回避
native-unknown-no-table = 籍贯按地区编号对应地区；如其中有本案的地区，请添加地区表（地区：编号、名称、别名）写明；有了地区表，本案以外的地方会按外地处理
native-unknown = { $n } 人的籍贯与本案任何地区都对不上：{ $items }（{ $advice }）
first-at-line = 首次出现在第 { $line } 行
already-in-file = 已在 { $file } 第 { $line } 行出现
person-duplicate = 人员编号 { $id } 重复（{ $place }）
region-of-no-unit = 地区 { $region } 不是单位表中任何单位的地区
ids-generated = { $n } 人没有编号：各人以姓名为编号（重名者加出生年份）
birth-not-date = { $value } 不是出生年月，应写成 1968.03、1975年8月 或 1978-05 这样
gender-bad = { $value } 不是性别：应为 男/女 或 M/F
rank-bad = { $value } 不是职级：应为 1–5、科员/副科/正科/副处/正处，或 一级调研员 这样的职级
region-not-in-table = 地区 { $value } 不在地区表中
last-served-after-year = 上次参加巡察是 { $last } 年，晚于本轮年份 { $year } 年

## 单位、任职经历与关系（io/case.rs、io/index.rs）

ref-unknown = 找不到{ $what ->
    [person] 人员
    [group] 组
    [target-unit] 被巡察单位
   *[unit] 单位
} { $value }
ref-unknown-near = 找不到{ $what ->
    [person] 人员
    [group] 组
    [target-unit] 被巡察单位
   *[unit] 单位
} { $value }；是否指 { $near }？
ref-several = { $value } 对应 { $n } 个{ $what ->
    [person] 人员
    [group] 组
    [target-unit] 被巡察单位
   *[unit] 单位
}：{ $labels }；请改写编号
ctx-pin = 既定人选：{ $msg }
ctx-exclude = 不参加人员：{ $msg }
ctx-group = { $group } 组：{ $msg }
unit-unknown-add-row = { $msg }（任职经历或关系表中提到的每个单位，都须在单位表中有一行，按编号或名称对应；本轮范围以外的单位也一样：请连同其地区添加）
invisible-character = { $n } 个编号含有不可见字符（如从网页粘贴来的零宽空格 U+200B），已去掉后读取：第 { $lines } 行
region-not-in-table-near = 地区 { $value } 不在地区表中；是否指 { $near }？
unit-no-name-no-id = 为空；单位需要名称或编号
unit-same-name = 有两个单位都叫 { $name }（第一个在第 { $line } 行），且都没有编号：请各给一个编号，或写全名称
unit-duplicate = 单位编号 { $id } 重复（首次出现在第 { $line } 行）
unit-ids-generated = { $n } 个单位没有编号：各以名称为编号
unit-own-parent = 单位 { $id } 的上级单位是它自己
parent-cycle = 上级单位循环：{ $units } 互为上级
post-ends-before-start = 任职终止于 { $to } 年，早于起始的 { $from } 年
kin-of-self = { $who } 被写成了自己的近亲属
business-with-self = 单位 { $unit } 与自身有业务关联
relation-kind-bad = { $value } 不是关系类型：应为 亲属（kin）、亲属任职（relative_at）、公务回避（conflict）或 业务关联（business）

## 轮次设置（io/round.rs、io/round_sheets.rs、io/round_resolve.rs）

year-hint-toml = 请在开头加上 year = 2026（本轮年份）
year-hint-policy = 请加一行：year | 2026（本轮年份）
year-hint-no-policy = 请添加 policy 工作表，列为 key、value，并加一行：year | 2026
toml-error = 格式有误：{ $why }
year-implausible = { $value } 不是合理的年份
weight-bad = { $value } 不是权重（应为 ≥ 0 的数）
role-bad = { $value } 不是角色：应为 组长（leader）或 组员（member）
size-not-range = 规模 [{ $a }, { $b }] 不是有效范围：应为 最小 ≤ 最大，且最小 ≥ 1
group-size-not-range = [{ $a }, { $b }] 不是有效范围：应为 最小 ≤ 最大，且最小 ≥ 1
leaders-exceed-min = { $leaders } 名组长超过了每组最少人数 { $min }
leaders-zero = 至少为 1：每个组都要由组长库中的一名组长带队
at-least-one = 至少为 1
group-id-empty = 为空；需要填写组别
group-size-twice = { $id } 组在此处规模为 { $size }，在{ $at }为 { $first }：请只保留一个
size-range-bad = { $value } 不是规模范围，应写成 4-6 这样
key-twice = { $key } 写了两次（首次在{ $first }）：请只保留一个
key-not-count = { $key }：{ $value } 不是 ≥ 0 的整数
key-not-yes-no = { $key }：{ $value } 不是 是/否
value-without-key = 有值但没有项目名
key-year-bad = year：{ $value } 不是合理的年份
key-group-size-bad = group_size：{ $value } 不是范围，应写成 4-6 这样
key-weight-bad = { $key }：{ $value } 不是权重（应为 ≥ 0 的数）
weight-unknown = 无法识别的权重 { $value }
key-unknown = 无法识别的项目 { $value }；可用的项目有 name、year、areas、exclude、round.toml 中 [policy] 的各项、requirements.<专业领域> 和 weights.<评分项>
area-empty = 专业领域名称为空
area-twice = 专业领域 { $key } 声明了两次
area-unknown = 无法识别的专业领域 { $name }；本轮的专业领域有：{ $areas }
round-no-year = 轮次设置没有年份，而任职回避年限和年龄都要用到它：{ $hint }
round-no-groups = 轮次设置中没有任何组（[[groups]]）
group-no-id = 有一个组没有编号
group-twice = { $id } 组声明了两次
group-no-targets = { $id } 组没有被巡察单位
target-twice = 被巡察单位 { $target } 既在 { $other } 组又在 { $id } 组：一个单位只由一个组巡察
group-leaders-exceed-size = { $id } 组：{ $leaders } 名组长超过了最多人数 { $max }

## 编组方案（io/plan.rs）

plan-row-not-read = 此行未读取：只有第一格有文字（{ $value }）；如果它改动了方案，请把改动写成单独的一行
plan-no-group = 没有组别：每一行都要写组别，同组的下一行也要写
plan-unknown-group = 找不到组 { $group }；本轮的组有 { $groups }
plan-no-person = 没有人员编号
plan-name-mismatch = 姓名 { $name } 与 { $id } 不符，案例中 { $id } 是 { $case_name }
plan-name-of-other = 姓名 { $name } 与 { $id } 不符，案例中 { $id } 是 { $case_name }，而 { $name } 是 { $others } 的姓名：此行已按 { $id } 核查；究竟指谁？
plan-unit-mismatch = 单位 { $unit } 与案例中 { $id } 的单位 { $case_unit } 不符
plan-json-bad = 不是 JSON 格式的方案：{ $why }

## 地区与写出案例（io/regions.rs、io/case_files.rs）

region-twice = 地区 { $value } 列了两次（首次在第 { $line } 行）
region-name-ambiguous = 名称 { $value } 被用于多个地区：{ $regions }；一个名称或别名只能对应一个地区
folder-not-empty = 此文件夹中已有其他文件（{ $files }）：请把案例写入一个新文件夹

## 映射文件（io/import/mapping.rs）

mapping-role-bad = [columns] “{ $header }” = “{ $role }”：不是花名册的列；应为以下之一：{ $roles }
mapping-rank-bad = [ranks] “{ $from }” = “{ $to }”：“{ $to }” 不是职级表中的职级（见 README“职级”一节）

## 导入报告（io/import/）

import-kind-left-out = 未导入的人员（{ $n }）：
import-kind-unplaced = 无处安放的值（{ $n }）：
import-kind-assumption = 所作的推断（{ $n }）：
import-kind-skipped = 未读取的行和工作表（{ $n }）：
import-heading = { $heading }（{ $n }）：
import-rows = ：第 { $rows } 行
import-rows-more = …… 另 { $n }
import-fact-command = xuncha import { $roster } → { $out }
import-fact-roster = 花名册：{ $sheet }，表头在第 { $line } 行：共 { $rows } 行，导入 { $people } 人，未导入 { $left } 人
import-fact-round = 本轮安排：{ $sheet }：{ $groups } 个组，{ $targets } 个被巡察单位
import-fact-no-round = 本轮安排：没有含“组别”和“被巡察单位”的工作表：round.toml 中没有组；请补上
import-fact-units = 单位：{ $units } 个（按名称推出的草稿：请核对 units.csv），地区：{ $regions } 个（{ $names }）
import-table-found = { $sheet }（表头在第 { $line } 行：{ $headers }）
import-no-roster = 没有找到花名册：没有哪个工作表的表头同时有“姓名”和“工作单位及职务”（或“工作单位”“单位及职务”）；可用 --mapping 文件指定其他列名（[columns]）。找到的表格：{ $n ->
    [0] 无
   *[other] { $found }
}
import-nobody = { $sheet } 中没有一人能够导入：
    { $report }
import-warning = { $pos }：{ $msg }
import-sheet = { $sheet }
import-first-at-row = { $name }（首次在第 { $line } 行）
import-person-twice = { $name }（出生于 { $birth }）写了两次且信息不同（首次在第 { $line } 行；{ $differs } 不同）：请只保留一行，或用出生年月区分同名者
import-cell = 第 { $line } 行，{ $letter }列“{ $header }”
import-row = 第 { $line } 行
import-at = { $at }：{ $why }
import-cell-value = { $cell } “{ $value }”
import-no-name = 没有姓名
import-gender-bad = { $name }：{ $value } 不是性别（男/女）
import-no-unit = { $name }：没有工作单位
import-birth-bad = { $name }：{ $value } 不是出生年月，应写成 1968.03 或 1975年8月 这样
import-rank-bad = { $name }：{ $value } 不是职级表中的职级
import-rank-bad-near = { $name }：{ $value } 不是职级表中的职级；是否指 { $near }？
import-becomes = { $from } → { $to }
import-target-several = { $value } 对应多个单位：{ $units }；请写全称
import-h-hidden-sheets = 未读取的隐藏工作表
import-h-no-table = 没有表格的工作表
import-h-reader-skipped = 读取时跳过的内容
import-h-sheets-not-read = 未读取的工作表（既不是花名册，也不是本轮安排）
import-h-year = 本轮年份：取今年（可在映射文件中写 year = …）
import-h-case-says = 读取案例时的提示
import-h-same-person = 同一人出现两次：已去掉后一行
import-h-namesakes = 按出生年月区分的同名者（编号带出生年份）
import-h-left-out = 案例所需的值缺失或无法读取
import-h-leader-not-yes-no = 组长库既不是“是”也不是“否”：按“否”处理
import-h-speciality-read = 专业特长按专业领域读取，等级记为 2
import-h-speciality-undeclared = 专业特长属于本轮未声明的专业领域
import-h-speciality-none = 专业特长对不上任何专业领域
import-h-birth-october = 出生年月 YYYY.1 按 10 月读取（表格软件把 1979.10 显示为 1979.1）
import-h-birth-no-month = 出生年月没有月份：只取年份
import-h-rank-mapped = 按映射文件确定的职级
import-h-rank-old-level = 旧职务层次按其档次中较高的职级处理
import-h-rank-old-non-leading = 旧非领导职务按 2019 年职务职级并行时的对应关系处理
import-h-short-form = 简称补为全称（{ $header }）
import-h-unit-whole-text = 工作单位及职务中没有可识别的单位：整段文字作为单位
import-h-units-round-only = 只在本轮安排中出现的单位（已加入单位表草稿）
import-h-units-split = 从工作单位及职务中拆出的单位（单位表草稿，请核对）
import-h-village = 村按名称开头归入所属乡镇
import-h-carried = 以“附：”列原样带入的列（不参与任何规则）
import-h-available-blank = 可抽调为空或花名册中没有此列：按“是”处理
import-h-no-posts = 花名册中没有任职经历和关系：posts.csv 和 relations.csv 写为空表（请在其中补充以往任职、亲属和公务回避）
import-h-native-read = 籍贯按地区读取
import-h-native-ambiguous = 籍贯对应多个地区（按原文保留）
import-h-native-outside = 籍贯在本案地区以外（按原文保留）
import-h-target-by-ending = 被巡察单位按名称结尾对应到单位
cli-wrote = 已写出 { $out }
cli-wrote-convert = 已写出 { $out }（{ $units } 个单位，{ $people } 人，{ $groups } 个组）
cli-wrote-import = 已写出 { $out }（{ $units } 个单位，{ $people } 人，{ $groups } 个组）及导入报告 { $report }
cli-wrote-import-no-groups = 已写出 { $out }（尚无组：请在 round.toml 中添加）及导入报告 { $report }
import-unit-split = { $unit }（{ $region }{ $city ->
    [yes] ，市级
   *[no] {""}
}，{ $kind ->
    [township] 乡镇
    [village] 村
    [department] 部门
    [soe] 国有企业
   *[other] { $kind }
}）
plan-ext = 方案从 .csv、.json 或 xuncha plan 写出的 .xlsx 工作簿读取
plan-book-no-sheet = 没有“编组名单”表：方案从 xuncha plan 写出的同名工作表读取；此工作簿的工作表为 { $sheets }
plan-book-sheets-not-read = 未读取的工作表：{ $sheets }（方案取自“{ $roster }”表，其余各表由它和案例生成）
plan-book-columns-not-read = 未读取的列：{ $columns }（由案例生成；方案只读 组别、角色、编号、姓名 四列）
plan-read-by-name = 姓名 { $name } 与编号 { $old_id }（{ $old_name }）不符：按姓名读作 { $name }（{ $id }）
plan-read-by-name-blank = 按姓名读作 { $name }（{ $id }）
plan-name-unknown = { $name } 不是案例中任何人的姓名，或有多人同名
