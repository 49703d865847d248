# 求解结果（explain/solve.rs）：由哪种方法求得、如何结束、谁未编入及原因、某组还缺什么。

list-sep = 、
rule-count = { $rule } ×{ $n }

solver-heuristic = 启发式搜索
solver-exact = 精确求解（{ $backend }）
solver-exact-fallback = 精确求解（{ $backend }），因启发式搜索未找到方案
solver-given = 给定方案
solver-review = 审阅页面（xuncha serve）

ending-best-found = 搜索结束时找到的最好方案
ending-time-limit = 达到时间上限，保留此前找到的最好方案
ending-interrupted = 已中断（Ctrl-C）：保留此前找到的最好方案
ending-zero-score = 已证明最优（0 分是可能的最低分）
ending-nothing-staffable = 没有能配齐的组
ending-optimal = 已证明最优
ending-optimal-heuristic = 已证明最优（启发式搜索的方案即为最优）
ending-optimal-excess = 已证明最优（启发式搜索的方案比最优差 { $excess } 分）
ending-exact-gap = 达到时间上限，与最优界相差 { $gap }%
ending-exact-time = 达到时间上限，未证明最优
ending-exact-broke-rule = 精确求解器的方案违反了规则（求解器错误），保留启发式搜索的方案
ending-exact-no-plan = 精确求解器报告无解，但启发式搜索的方案遵守全部规则，予以保留
ending-exact-timed-out = 精确求解在时限内未找到方案，保留启发式搜索的方案
ending-given = 给定的基准方案（--base-plan）
ending-reviewed = 已在审阅页面审定

left-out-no-group = 按三回避规则不能进入本轮任何一组（见 explain --person）
left-out-not-needed = 符合条件，但本轮不需要
left-out-must-serve = 必须参加，但没有既守规则又不使评分变差的位置（各规则拒绝的组数：{ $rules }）
left-out-room = 有空位 ×{ $n }

missing-leaders = 组长 { $n } 人（组长）
missing-members = { $n } 人才达到最少的 { $least } 人（组规模）
missing-area = { $area }人员 { $n } 人（专业要求）
missing-held = ；可进入该组的人员中：{ $list }
held-one-group = { $n } 人已在其他组
held-rule = { $n } 人因{ $rule }不能进入

unstaffed-proven = { $claim }［{ $rule }］
unstaffed-not-found = 未找到能为其配齐的方案：缺少{ $missing }

no-plan-infeasible = 无可行方案
no-plan-found-line = 未找到方案（未证明不可能）：{ $group } 缺少{ $what }{ $more ->
    [0] {""}
   *[other] （另有 { $more } 个组）
}
no-plan-proven-line = 不存在方案（精确求解器已证明）：{ $group } 缺少{ $what }{ $more ->
    [0] {""}
   *[other] （另有 { $more } 个组）
}
