# 假设分析情景文件（whatif --scenario）中的错误，以及其筛选条件的读法。
# 每条消息之前显示位置（文件、行、键）。
sc-not-utf8 = 文本不是 UTF-8 编码：请将情景文件另存为 UTF-8
sc-no-variant = 情景文件中没有变体：请添加一个带 name 的 [[variant]] 表
sc-name-missing = 变体需要名称（name）
sc-name-base = “{ $base }”指未作改动的案例：请给变体另起名称
sc-name-twice = 有两个变体都名为“{ $name }”
sc-filter-shape = remove_where：请写成 {"{"} unit = "R03-D02" {"}"} 这样的表（键为 unit、region、area、min_level），或此类表的列表
sc-filter-empty = 须给出 unit、region 或 area（可加 min_level）
sc-level-no-area = min_level 须与 area 一起使用
sc-level-range = min_level { $level } 不是 1～3 级
sc-unknown-unit = 没有单位 { $unit }
sc-unknown-region = 没有地区 { $region }；案例的地区为：{ $regions }
sc-unknown-area = 没有专长领域 { $area }；本轮的领域为：{ $areas }
sc-unknown-person = 人才库中没有编号为 { $id } 的人
sc-add-people-unreadable = 无法读取 { $file }：{ $message }
sc-filter-unit = 单位 { $unit }
sc-filter-region = 地区 { $region }
sc-filter-area = { $area } ≥ { $level }
sc-filter = { $parts }
