# xuncha whatif（explain/whatif.rs）：情景对比、可组建组数、关键人员。

wi-the-round = 本轮
wi-round-line = { $name }（{ $year }），{ $groups } 个组
wi-budget = 随机种子 { $seed }，{ $searches } 路搜索 × 每路 { $moves } 步
wi-yes = 是
wi-no = 否
wi-no-see-below = 否（见下）
wi-out = 未编入

wi-row-feasible = 可行
wi-row-groups = 组数
wi-row-removed = 移除人数
wi-row-added = 新增人数
wi-row-moved = 相对基准调动人数
wi-row-into-added = 进入新增组人数
wi-row-score = 评分（越低越好）
wi-term-row = { $term }（{ $unit }）
wi-unit-ranks = 职级
wi-unit-years = 岁
wi-unit-share = 比例
wi-unit-people = 人
wi-unit-levels = 等级
wi-area-range = 每组{ $area }合计（最少–最多）

wi-head = 情景分析：{ $round }；{ $n } 个变体与基准对比
wi-solved-given = 基准为给定方案（--base-plan）；每个变体按{ $budget }求解；变体从基准方案出发，每调离一人计 { $stability } 分（权重 stability）
wi-solved = 每种情形按{ $budget }求解；变体从基准方案出发，每调离一人计 { $stability } 分（权重 stability）
wi-no-plan-proven = 无方案：预检报告证明如下
wi-no-plan = 无方案：{ $why }
wi-removed = 移除（{ $n } 人）：{ $list }{ $more ->
    [0] {""}
   *[other] 等，另有 { $more } 人
}
wi-note = 注：{ $note }
wi-note-matches-nobody = remove_where {"{"}{ $filter }{"}"} 没有匹配到任何人
wi-note-pin-dropped = { $person } 在 { $group } 的既定人选已取消：该变体移除了此人
wi-moved = 调动（{ $n } 人）：
wi-removed-mark = （已移除）
wi-removed-word = 已移除
wi-more-changes = … 另有 { $n } 人（--format json 列出全部）

wi-xlsx-title = { $round } — 情景对比
wi-why-not = 无方案原因
wi-col-variant = 变体
wi-col-id = 编号
wi-col-name = 姓名
wi-col-base = 基准方案
wi-col-plan = 变体方案

wi-staffed = 可配齐
wi-impossible = 不可能：{ $why }
wi-res-leaders = 组长库
wi-res-people = 人员
wi-capacity-head = 可组建组数：{ $round }
wi-capacity-not-own = 人才库配不齐本轮自身的 { $n } 个组：{ $why }
    查看原因：xuncha explain { $case }
wi-capacity-staffs = 人才库能配齐本轮的 { $n } 个组，还能再组建 { $more } 个（共 { $total } 个组）
wi-capacity-how = 每个新增组（+1、+2、…）依次巡察 { $groups } 的对象，规模与该组相同，专业要求与本轮相同；按{ $budget }搜索
wi-capacity-next = 再多一个（+{ $k }）：{ $result }
wi-capacity-proven-from = 从多 { $k } 个起已证明不可能；其间搜索未找到方案，但也未证明不存在
wi-capacity-resources = 各项资源单独能支撑的组数（不计回避），最紧缺的在前：
wi-col-resource = 资源
wi-col-drawable = 可抽调
wi-col-per-group = 每组需要
wi-col-groups = 可支撑组数
wi-capacity-tried = 已尝试的新增组数：{ $list }

wi-infeasible = 不可行：{ $why }
wi-score-same = 评分不变（{ $score }），调动 { $moved } 人
wi-score-rises = 评分上升 { $delta }，为 { $score }，调动 { $moved } 人
wi-score-falls = 评分下降 { $delta }，为 { $score }，调动 { $moved } 人
wi-critical-head = 关键人员：{ $round }
wi-critical-not-staffed = 本轮本身无法配齐：{ $why }
    查看原因：xuncha explain { $case }
wi-critical-base = 基准方案：评分 { $score }，{ $people } 人；逐一移除每人并从基准方案重新编组（随机种子 { $seed }，{ $searches } 路搜索 × 每路 { $moves } 步）
wi-critical-count = 关键人员 { $n } 人：缺了他们本轮不可行，或评分上升 { $worse } 分及以上
wi-col-rank = 序号
wi-col-person = 人员
wi-col-place = 所在组
wi-col-without = 缺此人时
wi-critical-more = … 另有 { $n } 人，关键程度较低（--top { $all } 显示全部）
wi-critical-legend = * 为关键人员。未编入基准方案的人员不列出：缺了他们基准方案仍然成立。
