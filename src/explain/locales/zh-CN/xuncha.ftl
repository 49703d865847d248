# xuncha 的中文用语。编号固定不变；参数按名称传入。
# “who” 是“编号 姓名”形式的人员，“unit” 是“编号 名称”形式的单位。

test-plural = { $who } 有 { $n } 名组长

## 任职年份

years-span = { $from }–{ $to }年
years-from = { $from }年至今
years-until = 至{ $to }年
years-now = 现任

## 事实：为什么某人不能巡察某单位（规则 1–3）

target-of-group = { $group } 的被巡察单位
target-the = 被巡察单位
fact-works-at = { $who } 现在 { $unit } 工作
fact-held-post = { $who } 曾在 { $unit } 任职（{ $years }，任职经历第 { $line } 行）
fact-kin = { $who } 的近亲属 { $kin }{ $note ->
    [none] {""}
   *[other] （{ $note }）
}（关系表第 { $line } 行）在 { $unit } 工作
fact-relative = { $who } 有近亲属在 { $unit } 工作{ $note ->
    [none] {""}
   *[other] （{ $note }）
}（关系表第 { $line } 行）
fact-conflict = { $who } 申报与 { $unit } 有公务关系{ $note ->
    [none] {""}
   *[other] （{ $note }）
}（关系表第 { $line } 行）
fact-business = { $who } 所在的 { $own } 与 { $unit } 有业务关联{ $note ->
    [none] {""}
   *[other] （{ $note }）
}（关系表第 { $line } 行）
fact-region = { $who } 属 { $region } 地区，即 { $targets } 所在地区
fact-native = { $who } 籍贯为 { $region }，即 { $targets } 所在地区
region-targets-the = 被巡察单位 { $first }
region-targets-every = { $group } 的全部被巡察单位
region-targets-some = { $group } 的被巡察单位 { $list }
region-targets-one = { $group } 的被巡察单位 { $first }
link-same = { $unit } 是{ $target }
link-ancestor = { $target }{ $target-label } 隶属于 { $unit }
link-descendant = { $unit } 隶属于{ $target }{ $target-label }
fact-chain = { $fact }；{ $link }

## 方案违规（核查）

role-leader = 组长
role-member = 组员

violation-placed-twice = { $who } 被编入 { $n } 个组：{ $groups }
violation-unavailable = { $who } 标为不可抽调（可抽调 = 否，人才库第 { $line } 行）
violation-excluded = { $who } 本轮不参加（轮次设置中的 exclude）
violation-size = { $group } 有 { $n } 人，规模应为 { $lo }–{ $hi } 人
violation-leader-count = { $group } 有 { $n } 名组长（{ $names }），应恰为 { $need } 名
violation-leader-none = 无
violation-leader-junior = { $leader } 任 { $group } 组长，但职级低于组员 { $member }（{ $leader-rank } 低于 { $member-rank }；leader_outranks_members）
violation-not-in-leader-pool = { $who } 任 { $group } 组长，但不在组长库中（组长库 = 否，人才库第 { $line } 行）
violation-kin = { $a } 与 { $b } 是近亲属{ $note ->
    [none] {""}
   *[other] （{ $note }）
}（关系表第 { $line } 行），同在 { $group }
violation-same-region = { $group } 有 { $n } 人来自 { $region } 地区（{ $names }），最多 { $cap } 人
violation-same-unit = { $group } 有 { $n } 人来自 { $unit }（{ $names }），最多 { $cap } 人
violation-reciprocal = { $a } 与 { $b } 两地互查：{ $ab }；且 { $ba }
reciprocal-witness = { $who }（{ $region }）在 { $group } 巡察 { $target }（{ $target-region }）
reciprocal-more = 另有 { $n } 人
violation-requirement = { $group } 有 { $have } 人具备{ $label }专长，需要 { $need } 人
violation-pin = 轮次已确定 { $who } 在 { $group } 任{ $role }，方案未照此安排

## 核查报告

check-head = 按 { $case } 核查 { $plan }
violation-head-target = 被巡察单位 { $target }
check-valid = 合规：方案遵守全部规则（{ $groups } 个组共 { $placed } 人）
check-valid-but = 合规，但：就已读取的数据而言，方案遵守全部规则（{ $groups } 个组共 { $placed } 人）；有 { $n } 条提醒可能掩盖违规：
check-invalid = 不合规：违反 { $rules } 条规则，共 { $n } 处
case-line = { $name }（{ $year }年）：{ $people } 人（可抽调 { $drawable } 人，其中组长库 { $leaders } 人），{ $units } 个单位，{ $groups } 个组
case-line-round = 本轮巡察

## 规则：每条一句

rule-post-avoidance = 任职回避：本人或近亲属在被巡察单位任职
rule-region-avoidance = 地域回避：本人所在地区或籍贯为被巡察单位所在地区
rule-business-avoidance = 公务回避：与被巡察单位有公务往来
rule-one-group = 一人一组：同一人编入多个组
rule-unavailable = 不可抽调：编入了不可抽调或本轮不参加的人
rule-group-size = 组规模：人数超出范围
rule-leader = 组长：组长人数不符，或组长不在组长库中
rule-leader-seniority = 组长职级：组长职级低于本组组员
rule-kin-same-group = 亲属同组：近亲属编在同一组
rule-mixing-region = 混合编组（地区）：同一地区人数过多
rule-mixing-unit = 混合编组（单位）：同一单位人数过多
rule-reciprocal = 对等互查：两地互相巡察
rule-requirement = 专业要求：具备所需专长的人数不足
rule-pin = 既定人选：未照既定人选安排

## 配备可行性报告：问题、原因与建议

need-one = { $need ->
    [leaders] 一名组长
    [people] 人员
   *[experts] 具备{ $label }专长的人员
}
need-many = { $need ->
    [leaders] 组长
    [people] 人员
   *[experts] 具备{ $label }专长的人员
}
need-what = { $need ->
    [leaders] 名组长
    [people] 名成员
   *[experts] 名具备{ $label }专长的成员
}
claim-leaders = { $eligible ->
    [0] { $group } 没有符合条件的组长（需要 { $need } 名）
   *[other] { $group } 只有 { $eligible } 名符合条件的组长，需要 { $need } 名
}
claim-people = { $group } 只有 { $eligible } 名符合条件的人员，至少需要 { $need } 名
claim-mixing = 受混合编组限制（同一地区最多 { $region-cap } 人，同一单位最多 { $unit-cap } 人），{ $group } 的 { $eligible } 名符合条件人员中最多只能编入 { $capacity } 人，至少需要 { $need } 人
claim-requirement-too-large = { $group } 需要 { $need } 名具备{ $label }专长的成员，但该组最多只有 { $max } 人
claim-experts = { $group } 只有 { $eligible } 名符合条件的人员具备{ $label }专长，需要 { $need } 名
claim-matching = { $groups } 共需 { $total } { $what }，但可抽调的{ $many }中只有 { $available } 人能进入其中任何一组
groups-short = { $n } 个组（{ $first }，… { $last }）
pool-leaders = 组长库的 { $n } 人
pool-people = 人才库的 { $n } 人
pool-experts = 人才库中具备{ $label }专长的 { $n } 人
pool-eligible = 符合条件的 { $n } 人
reason-unavailable = 不可抽调（可抽调 = 否）
reason-excluded = 本轮不参加
reason-region = 属 { $regions } 地区，即被巡察单位所在地区
reason-native = 籍贯为 { $regions }，即被巡察单位所在地区
reason-current-post = 现在被巡察单位或其相关单位工作
reason-past-post = 曾在被巡察单位或其相关单位任职
reason-kin = 有近亲属在人才库中且在被巡察单位工作
reason-relative = 有近亲属在被巡察单位工作
reason-declared-conflict = 申报与被巡察单位有公务关系
reason-business-tie = 所在单位与被巡察单位有业务关联
reason-mixing = 来自 { $region } 地区的 { $units } 个单位，最多可编入 { $at-most } 人
reason-only-eligible = 能进入其中任何一组的{ $many }只有：{ $list }
reason-only-eligible-nobody = 无人
reason-only-eligible-more = { $list } 等，另有 { $n } 人
reason-shut-out = 其余可抽调的{ $many }（{ $n } 人）都不能进入 { $groups }
example-and = {"；且"}
hint-add-from-outside = 增加{ $regions }以外的{ $one }
hint-relax-native = 或放宽籍贯回避（native_avoidance）：仅此一项即可使其中 { $n } 人符合条件
hint-check-past-posts-all = 或核对所列的任职经历：post_lookback_years = 0 表示所有曾任职务都计入
hint-check-past-posts = 或核对所列的任职经历：post_lookback_years = { $years } 表示计入 { $since } 年及以后结束的任职
hint-review-business-ties = 或核对所列的业务关联，或放宽公务回避（business_avoidance）
hint-make-available = 或使更多{ $many }可抽调，或从 exclude 中移出部分人员
hint-move-target = 或将 { $unit } 交由成员来自其他地区的组巡察
hint-more-regions-and-units = 增加来自更多地区、更多单位的符合条件人员
hint-raise-mixing-caps = 或提高 max_same_region / max_same_unit
hint-lower-requirement-to = 将 requirements.{ $area } 降至不超过 { $max }
hint-raise-group-size = 或扩大该组规模（group_size）
hint-lower-requirement-below = 或将 requirements.{ $area } 降至 { $need } 以下
hint-add-from-elsewhere = 增加来自 { $groups } 都不巡察的地区的{ $one }
hint-fewer-groups = 或减少组数，或降低每组的要求
finding-cause = 原因：{ $claim }（{ $rule }）
finding-pool = 在{ $pool }中：
finding-example = 例如 { $example }
finding-more = … 另有 { $n } 人
finding-hint = 建议：{ $hint }

## 可行性报告的框架

report-col-group = 组
report-col-targets = 被巡察单位
report-col-eligible = 符合条件
report-col-leaders = 组长
report-col-mixcap = 混编上限
report-none-starved = 没有配不齐的组：每个组单独看都有足够的符合条件的组长、人员和专业人员，并且在所有组之间同时匹配组长、成员和各专业也都能成功
report-infeasible = 错误：本轮无法配齐（{ $n } 个问题）
not-found-proven = 没有能遵守全部规则的方案（精确求解器已证明）。
not-found = 未找到遵守全部规则的方案。
not-found-why = 每个组单独看都有足够的符合条件人员，但搜索没有找到同时配齐所有组的分配方式；这并不证明不存在这样的方案。下面按组列出最好的尝试仍缺什么，以及可进入该组的人员被什么挡住。
not-found-why-proven = 每个组单独看都有足够的符合条件人员，但合在一起分配不过来：下面按组列出最好的尝试仍缺什么，以及可进入该组的人员被什么挡住。
not-found-misses = 最好的尝试仍缺少：
not-found-try = 可以尝试：
not-found-try-explain = - 查看谁能进入某组以及不能进入的原因：xuncha explain CASE --group { $group }
not-found-try-longer = - 换一个随机种子（--seed）或延长搜索（--iterations、--time-limit）：搜索漏掉的方案仍可能找到
not-found-try-partial = - 用 --allow-partial 先配齐其他组

## 谁能去哪里

person-head = { $who } — { $unit }，{ $region } 地区{ $native ->
    [none] {""}
   *[other] （籍贯 { $native }）
}，职级 { $rank }，组长库：{ $leader ->
    [yes] 是
   *[no] 否
}，{ $status }
person-not-available = 不可抽调（可抽调 = 否）：不能进入任何组
person-excluded = 本轮不参加：不能进入任何组
person-available = 可抽调
person-allowed = 按规则 1–3 可进入：{ $groups }
person-allowed-none = 无
person-not-group = 不能进入 { $group }：
target-may = { $who } 可以巡察 { $unit }：没有任职、地域或公务方面的回避事由
target-may-not = { $who } 不能巡察 { $unit }：
target-not-drawable = 且 { $id } 本轮不可抽调（不可抽调或不参加）
group-head = { $group } 巡察 { $targets }
group-eligible = 符合条件：可抽调的 { $drawable } 人中有 { $eligible } 人（人才库共 { $pool } 人）；符合条件的组长 { $leaders } 人（需要 { $need } 人）
group-area = 具备{ $label }专长：{ $n } 人（需要 { $need } 人）
group-not-eligible = 不符合条件：可抽调人员中 { $n } 人（按每条使其回避的规则分别计数）
group-not-drawable = 不可抽调：{ $n } 人
group-leaders = 符合条件的组长：

## 方案表

plan-head = { $name }（{ $year }年）：{ $groups } 个组，可抽调 { $drawable } 人中编入 { $placed } 人
plan-col-role = 角色
plan-col-id = 编号
plan-col-name = 姓名
plan-col-unit = 单位
plan-col-region = 地区
plan-col-rank = 职级
plan-col-areas = 专长
plan-role-leader = 组长
plan-role-member = 组员
plan-group = { $group }  被巡察单位：{ $targets }（{ $n } 人）
plan-unstaffed = 未配齐：{ $why }
plan-no-one = 未编入任何人
plan-area = 专长
plan-level-sum = 等级合计
plan-members-with = 具备人数
plan-score = 评分（越低越好）
plan-col-term = 项目
plan-col-value = 数值
plan-col-weight = 权重
plan-col-cost = 得分
plan-total = 合计
plan-left-out = 未编入：{ $n } 人{ $must ->
    [none] {""}
   *[other] （须参加者未编入：{ $must }）
}
plan-unstaffed-groups = 未配齐的组：
plan-seed = 随机种子 { $seed }
plan-moves = { $n } 步
term-expertise = { $label }专长差
term-rank = 平均职级差
term-age = 平均年龄差
term-gender = 女性比例差
term-mixing = 同地区/同单位重复
term-must_serve = 须参加者未编入
term-recent = 近期参加过巡察
term-moved = 调整人数

review-out = 未编入
review-replace-by = 由 { $who }（未编入）替换
review-swap-with = 与 { $group } 的 { $who } 对调
review-refused = 不可：[{ $rule }] { $label }：{ $why }
review-into = { $who } 入 { $group }
review-replace-head = { $who }，{ $place }；本方案得分 { $score }（共评估 { $considered } 种调整）
review-pinned = 本轮已指定此人：任何调整都会违反指定
review-allowed = 符合规则的调整，由优到劣（得分变化，及变化的各项）：
review-none = 无
review-refused-head = 规则不允许的最佳调整：
review-diff-head = { $a } → { $b }：{ $n } 人编组不同

# issue-11b
role-deputy = 副组长
violation-deputy-count = { $group } 有 { $n } 名副组长（{ $names }），应恰为 { $need } 名（deputies_per_group）
violation-not-in-deputy-pool = { $who } 任 { $group } 副组长，但不在副组长库中（副组长库 = 否，人才库第 { $line } 行）
violation-deputy-also-leader = { $who } 在 { $group } 中同时任组长和副组长
need-one-deputy = 一名副组长
need-many-deputies = 副组长
claim-deputies = { $group } 可任副组长的人选 { $eligible } 名，需要 { $need } 名
claim-leaders-and-deputies = { $group } 组长库与副组长库中可入组的共 { $eligible } 人，组长和副组长需要 { $need } 名不同的人
claim-seniority = 按 leader_outranks_members，可入 { $group } 的{ $many }中只有 { $eligible } 名不高于其职级最高的可任组长 { $leader }（{ $rank }），需要 { $need } 名
pool-deputies = 副组长库中的 { $n } 人（无该列时为组长库）
reason-senior = 职级高于 { $leader }（{ $rank }）
hint-fewer-deputies = 或减少 deputies_per_group（现为 { $now }）
hint-relax-seniority = 或关闭 leader_outranks_members（组长不必高于组员职级）
hint-add-senior-leader = 在组长库中增加可入 { $group }、职级为 { $rank } 或以上的人选
need-what-deputies = 名组长和副组长
