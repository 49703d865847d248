# The input's errors, warnings and notes (explain/input.rs). Ids are stable;
# arguments by name. "pos" arguments are places rendered in the same language.

## Places

pos-line = { $file }: line { $line }
pos-row = { $file }: row { $line }
pos-letter-name = { $at }, column { $letter } { $name }
pos-letter = { $at }, column { $letter }
pos-name = { $at }, column { $name }
place-line = line { $line }
place-row = row { $line }

## Errors and warnings

input-at = { $place }: { $what }
input-pin = pin of { $person } to { $group } breaks rule { $rule }: { $facts }
input-errors-head = the input has { $n } { $n ->
    [one] problem
   *[other] problems
}:
input-errors-more = {"  "}… and { $n } more
input-errors-note = {"  "}note: { $note }
cli-error = error: { $text }
cli-warning = warning: { $text }
input-raw = { $text }
pin-facts = { $facts }
input-quoted = "{ $value }"

## Tables: headers and cells (io/columns.rs)

header-empty = empty: a header row is needed
column-unnamed = a column without a name in the header
column-twice = column { $key } appears twice
column-unknown = unknown column
column-unknown-near = unknown column; did you mean { $near }?
column-missing = missing column { $column }
note-columns = the columns of { $file } are: { $columns }
cell-empty = empty; a value is needed
cell-empty-yes-no = empty; yes/no (是/否) is needed
cell-not-yes-no = { $value } is not yes/no (是/否)
cell-empty-number = empty; a number is needed
cell-out-of-range = { $value } is out of range { $lo }..{ $hi }
cell-date-not-number = { $value } is a date; a year or a number is written plainly, such as 2021
cell-not-whole = { $value } is not a whole number

## Workbooks, sheets and cells (io/book.rs, io/grid.rs)

book-damaged = not a readable workbook (the file may be damaged: { $why })
book-unreadable = not a readable workbook: { $why }
sheet-unreadable = the sheet cannot be read ({ $why })
sheet-damaged = the sheet cannot be read (the file may be damaged: { $why })
merged-cells-unknown = merged cells cannot be seen in this kind of file (.ods, .xlsb): a merged cell's value would be read for its first row only; save the workbook as .xlsx
cell-formula-no-value = the value is unknown: a formula whose result was never computed: ={ $formula }
note-formula-no-value = a formula without a computed value: the file was written by a program that does not compute formulas, and the value Excel or WPS would show is not in it; open the file in Excel or WPS and save it once, or type the values themselves
cell-date = a date cell ({ $date }): years are plain numbers such as 2021, and an id the spreadsheet turned into a date must be typed again in a column formatted as text (文本)
cell-error = a spreadsheet error cell ({ $error }); put the value itself here
cell-under-merge = this cell holds { $value } under the merged range { $range }, whose value is { $top }: which is meant is unknown; unmerge the range or clear the cell
cell-merged-with-header = this cell is merged with the header cell { $cell } ({ $value }): the value is unknown; unmerge the header cell
cell-merged-unknown = the value is unknown: the cell is merged with { $cell }, whose value is unknown
row-too-wide = { $cells } cells, but the header has { $width } columns
rows-skipped-titles = { $word ->
    [rows] rows
   *[lines] lines
} { $lines } skipped: a title, section heading or footer, not data
rows-skipped-repeats = { $word ->
    [rows] rows
   *[lines] lines
} { $lines } skipped: they repeat the header
rows-not-read-merged = { $word ->
    [rows] rows
   *[lines] lines
} { $lines } not read: one merged cell across the table, which is no section heading; if it holds facts, write them as rows of the table
merged-cells-read = merged cells: the value of each merged range was read for every row it covers: { $ranges }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}

## Files (io/sheet.rs, io/discover.rs)

io-error = { $why }
csv-encoding = the file is in { $encoding }; it was read as such (UTF-8 is the usual choice: Excel's "CSV UTF-8")
csv-not-text = the text is neither UTF-8 nor GBK: save the file as "CSV UTF-8" in Excel or WPS, or use an .xlsx workbook
csv-bad-line = not a readable CSV line: { $why }
file-empty = the file is empty: a header row is needed
input-and = { $first } and { $rest }
enc-utf8 = UTF-8
enc-utf16le = UTF-16 (Excel's "Unicode text")
enc-utf16be = UTF-16 big-endian
enc-gbk = GBK (the plain "CSV" or "ANSI" text of Chinese Windows)
toml-encoding = the file is in { $encoding }; it was read as such
toml-not-text = the text is neither UTF-8 nor GBK: save it as UTF-8

## Which file or sheet is which table (io/discover.rs)

case-not-found = no such directory or workbook
not-read = not read: { $why }
not-read-folder = a folder inside the case
not-read-toml = the round of a case directory is round.toml (or 轮次.toml)
not-read-workbook-in-dir = a case directory is read from CSV files and round.toml; a workbook in it is not part of the case (give the workbook itself as the case to read it)
not-read-not-table = not a table (.csv) or round.toml
not-read-round-csv = the { $key } table of a case directory is round.toml, not a CSV file
not-read-empty = an empty sheet{ $hidden ->
    [yes] {" "}(a hidden sheet)
   *[no] {""}
}
not-read-plan = a plan (its columns are a plan's){ $hidden ->
    [yes] {" "}(a hidden sheet)
   *[no] {""}
}
not-read-notes = notes, not a table{ $hidden ->
    [yes] {" "}(a hidden sheet)
   *[no] {""}
}
not-read-unknown = its name is not one of a case's tables and its columns are none of theirs (the README lists the names){ $hidden ->
    [yes] {" "}(a hidden sheet)
   *[no] {""}
}
table-candidate = "{ $name }"{ $how ->
    [hidden] {" "}(hidden)
    [by-columns] {" "}(by its columns)
    [hidden-by-columns] {" "}(hidden) (by its columns)
   *[none] {""}
}
table-several = { $names } could each be the { $key } table ({ $label }): a table is read from one sheet or file; put its rows into one, and rename or delete the others
hidden-sheet-read = this sheet is hidden in Excel/WPS; it was read as the { $key } table ({ $label })
read-by-columns = read as the { $key } table ({ $label }): its name is not one of that table's names, but its columns are that table's
round-several = { $names } could each be the round: keep one
dir-missing-table = missing: a case directory needs { $file } (or { $label }.{ $ext })
book-missing-sheet = no sheet named { $key } ({ $label }); the sheets are: { $sheets }
note-sheet-names = a sheet of the { $key } table may be named { $names }

## The people table (io/people.rs)

requirements-at = [requirements] ({ $pos })
requirements-default = the default requirements
area-column-needed = no column { $key } ({ $label }), but { $by } ask for { $need } { $need ->
    [one] member
   *[other] members
} with it in each group: add the column (levels 0–3), or set requirements.{ $key } = 0
area-column-declared = the round declares area { $key } but there is no column { $key } ({ $label })
area-column-absent = no column { $key } ({ $label }): every level in it is taken as 0 (it is required of no group; it only enters the score's balance)
native-column-absent = no column 籍贯 (native_region), so native avoidance (地域回避 on 籍贯) checks nothing: add the column, or set native_avoidance = false if it does not apply
available-column-absent = no column 可抽调 (available): everyone is taken as available
people-lines = { $n ->
    [one] 1 person: { $kind ->
        [row] row
       *[line] line
    }
   *[other] { $n } people: { $kind ->
        [row] rows
       *[line] lines
    }
} { $lines }
region-apart-item = { $id }: { $region }, unit { $unit } in { $unit_region }
native-all-blank = 籍贯 (native_region) is blank for everyone, so native avoidance (地域回避 on 籍贯) checks nothing: fill it in, or set native_avoidance = false if it does not apply
native-blank = 籍贯 is blank for { $people }: native avoidance has no 籍贯 to avoid for them
available-blank = 可抽调 is blank for { $people }, taken as 是 (available)
region-not-unit = 地区 (region) is not the region of the person's unit for { $people } ({ $which }): region avoidance (地域回避) uses the 地区 given
native-unit-hint = unit { $name }{ $others ->
    [yes] {" "}and others are
   *[no] {" "}is
} in region { $region }
native-item = { $value } ({ $people })
native-item-near = { $item }, did you mean { $near }?
native-item-unit = { $item }: { $hint }
native-item-contained = { $value } → { $region } ({ $people })
native-by-name = 籍贯 read as the region whose name it contains: { $items }
native-near = 籍贯 matches no region of the case but is close to one, or to a place in one: { $items }
native-unknown-outside = places outside the case's regions: native avoidance has nothing to avoid for them
native-unknown-no-table = a 籍贯 names a region by its code; if any of these is a region of the case, add a regions table (地区: 编号, 名称, 别名) naming it; with that table, places outside the case are taken as such
native-unknown = 籍贯 of { $n } { $n ->
    [one] person
   *[other] people
} matches no region of the case: { $items } ({ $advice })
first-at-line = first at line { $line }
already-in-file = already in { $file } line { $line }
person-duplicate = duplicate person id { $id } ({ $place })
region-of-no-unit = region { $region } is the region of no unit in units
ids-generated = { $n } { $n ->
    [one] person
   *[other] people
} without an id (编号): each is known by the name (with the birth year where two share a name)
birth-not-date = { $value } is not a birth date such as 1968.03, 1975年8月 or 1978-05
gender-bad = { $value } is not a gender: M/F or 男/女
rank-bad = { $value } is not a rank: 1..5, 科员/副科/正科/副处/正处 or a rank such as 一级调研员
region-not-in-table = region { $value } is not in the regions table
last-served-after-year = last served in { $last }, after the round's year { $year }

## Units, posts and relations (io/case.rs, io/index.rs)

ref-unknown = unknown { $what ->
    [person] person
    [group] group
    [target-unit] target unit
   *[unit] unit
} { $value }
ref-unknown-near = unknown { $what ->
    [person] person
    [group] group
    [target-unit] target unit
   *[unit] unit
} { $value }; did you mean { $near }?
ref-several = { $value } names { $n } { $what ->
    [person] people
    [group] groups
    [target-unit] target units
   *[unit] units
}: { $labels }; write the id instead
ctx-pin = pin: { $msg }
ctx-exclude = exclude: { $msg }
ctx-group = group { $group }: { $msg }
unit-unknown-add-row = { $msg } (every unit a post or relation names is a row of the units table, by its id or name; a unit outside the round's area too: add it with its region)
invisible-character = { $n } { $n ->
    [one] id
   *[other] ids
} held an invisible character (such as U+200B, a zero-width space, pasted from a web page), read without it: { $kind ->
    [row] row
   *[line] line
}{ $n ->
    [one] {""}
   *[other] s
} { $lines }
region-not-in-table-near = region { $value } is not in the regions table; did you mean { $near }?
unit-no-name-no-id = empty; a unit needs a name (名称) or an id (编号)
unit-same-name = two units are named { $name } (the first at line { $line }) and neither has an id: give each an id (编号) or a fuller name
unit-duplicate = duplicate unit id { $id } (first at line { $line })
unit-ids-generated = { $n } { $n ->
    [one] unit
   *[other] units
} without an id (编号): each is known by its name
unit-own-parent = unit { $id } names itself as its parent
parent-cycle = parent cycle: { $units } belong to each other
post-ends-before-start = the post ends in { $to }, before it starts in { $from }
kin-of-self = { $who } is named as kin of themself
business-with-self = a business tie of unit { $unit } with itself
relation-kind-bad = { $value } is not a relation kind: kin (亲属), relative_at (亲属任职), conflict (公务回避) or business (业务关联)

## The round (io/round.rs, io/round_sheets.rs, io/round_resolve.rs)

year-hint-toml = add year = 2026 (the round's year) at the top
year-hint-policy = add a row: year | 2026 (the round's year)
year-hint-no-policy = add a sheet policy with columns key, value and a row: year | 2026
toml-error = { $why }
year-implausible = { $value } is not a plausible year
weight-bad = { $value } is not a weight (a number ≥ 0)
role-bad = { $value } is not a role: leader (组长) or member (组员)
size-not-range = size [{ $a }, { $b }] is not a range min ≤ max with min ≥ 1
group-size-not-range = [{ $a }, { $b }] is not a range min ≤ max with min ≥ 1
leaders-exceed-min = { $leaders } leaders do not fit in groups of at least { $min }
leaders-zero = must be at least 1: every group is led by a leader from the leader pool
at-least-one = must be at least 1
group-id-empty = empty; a group id is needed
group-size-twice = group { $id } is given the size { $size } here and { $first } at { $at }: keep one
size-range-bad = { $value } is not a size range such as 4-6
key-twice = { $key } is given twice (first at { $first }): keep one
key-not-count = { $key }: { $value } is not a whole number ≥ 0
key-not-yes-no = { $key }: { $value } is not yes/no (是/否)
value-without-key = a value without a key
key-year-bad = year: { $value } is not a plausible year
key-group-size-bad = group_size: { $value } is not a range such as 4-6
key-weight-bad = { $key }: { $value } is not a weight (a number ≥ 0)
weight-unknown = unknown weight { $value }
key-unknown = unknown key { $value }; keys are name, year, areas, exclude, the [policy] keys of round.toml, requirements.<area> and weights.<term>
area-empty = an empty area name
area-twice = area { $key } is declared twice
area-unknown = unknown area { $name }; the round's areas are: { $areas }
round-no-year = the round has no year, which post look-back and ages need: { $hint }
round-no-groups = the round has no groups ([[groups]])
group-no-id = a group without an id
group-twice = group { $id } is declared twice
group-no-targets = group { $id } has no targets
target-twice = target { $target } is in group { $other } and in group { $id }: a unit is inspected by one group
group-leaders-exceed-size = group { $id }: { $leaders } leaders do not fit in at most { $max } members

## Plans (io/plan.rs)

plan-row-not-read = row not read: only its first cell holds text ({ $value }); if it changes the plan, write the change as a row of its own
plan-no-group = no group: write the group on every row, even under a row of the same group
plan-unknown-group = unknown group { $group }; the round's groups are { $groups }
plan-no-person = no person id
plan-name-mismatch = the name { $name } does not match { $id }, who is { $case_name } in the case
plan-name-of-other = the name { $name } does not match { $id }, who is { $case_name } in the case, but is the name of { $others }: the row was checked as { $id }; which one is meant?
plan-unit-mismatch = the unit { $unit } does not match { $id }'s unit { $case_unit } in the case
plan-json-bad = not a plan in JSON: { $why }

## Regions and writing a case (io/regions.rs, io/case_files.rs)

region-twice = region { $value } is listed twice (first at { $line })
region-name-ambiguous = the name { $value } is given to several regions: { $regions }; a name or alias must name one region
folder-not-empty = the folder holds other files ({ $files }): write the case into a new folder

## Mapping files (io/import/mapping.rs)

mapping-role-bad = [columns] "{ $header }" = "{ $role }": not a column of a roster; one of { $roles }
mapping-rank-bad = [ranks] "{ $from }" = "{ $to }": "{ $to }" is no rank of the table (README, Ranks)

## The import report (io/import/)

import-kind-left-out = People not imported ({ $n }):
import-kind-unplaced = Values placed nowhere ({ $n }):
import-kind-assumption = Assumptions ({ $n }):
import-kind-skipped = Rows and sheets not read ({ $n }):
import-heading = { $heading } ({ $n }):
import-rows = : { $n ->
    [one] row
   *[other] rows
} { $rows }
import-rows-more = … { $n } more
import-fact-command = xuncha import { $roster } → { $out }
import-fact-roster = roster: { $sheet }, header at row { $line }: { $rows } rows, { $people } people imported, { $left } left out
import-fact-round = round: { $sheet }: { $groups } groups, { $targets } targets
import-fact-no-round = round: no sheet with 组别 and 被巡察单位: round.toml has no groups; add them
import-fact-units = units: { $units } (a draft derived from the names: confirm units.csv), regions: { $regions } ({ $names })
import-table-found = { $sheet } (header at row { $line }: { $headers })
import-no-roster = no roster found: no sheet has a header row with 姓名 and 工作单位及职务 (or 工作单位, 单位及职务); a --mapping file can name other columns ([columns]). Tables found: { $n ->
    [0] none
   *[other] { $found }
}
import-nobody = no person could be imported from { $sheet }:
    { $report }
import-warning = { $pos }: { $msg }
import-sheet = { $sheet }
import-first-at-row = { $name } (first at row { $line })
import-person-twice = { $name } (born { $birth }) is written twice with different data (first at row { $line }; { $differs } differ): keep one row, or tell namesakes apart by 出生年月
import-cell = row { $line }, column { $letter } "{ $header }"
import-row = row { $line }
import-at = { $at }: { $why }
import-cell-value = { $cell } "{ $value }"
import-no-name = no name (姓名)
import-gender-bad = { $name }: { $value } is not a gender (男/女)
import-no-unit = { $name }: no unit (工作单位)
import-birth-bad = { $name }: { $value } is not a birth date such as 1968.03 or 1975年8月
import-rank-bad = { $name }: { $value } is not a rank of the table
import-rank-bad-near = { $name }: { $value } is not a rank of the table; did you mean { $near }?
import-becomes = { $from } → { $to }
import-target-several = { $value } names several units: { $units }; write the full name
import-h-hidden-sheets = hidden sheets not read
import-h-no-table = sheets holding no table
import-h-reader-skipped = what the reader skipped
import-h-sheets-not-read = sheets not read (neither the roster nor the round)
import-h-year = the round's year: this year (give year = … in a mapping file)
import-h-case-says = what the case says when read
import-h-same-person = the same person twice: the later row dropped
import-h-namesakes = namesakes told apart by 出生年月 (ids with the birth year)
import-h-left-out = a value the case needs is missing or unreadable
import-h-leader-not-yes-no = 组长库 neither 是 nor 否: read as 否
import-h-speciality-read = 专业特长 read as an area at level 2
import-h-speciality-undeclared = 专业特长 of an area the round does not declare
import-h-speciality-none = 专业特长 naming no area
import-h-birth-october = 出生年月 YYYY.1 read as October (the number 1979.10 a spreadsheet shows as 1979.1)
import-h-birth-no-month = 出生年月 without a month: the year alone
import-h-rank-mapped = rank by the mapping file
import-h-rank-old-level = old 职务 level placed on the senior rank of its band
import-h-rank-old-non-leading = old non-leading post placed where the 2019 conversion put it
import-h-short-form = short form made full ({ $header })
import-h-unit-whole-text = 工作单位及职务 naming no unit the import knows: the whole text taken as the unit
import-h-units-round-only = units only the round names (joined the draft unit table)
import-h-units-split = units split off 工作单位及职务 (the draft unit table, to confirm)
import-h-village = a village under the township its name starts with
import-h-carried = columns carried under 附： (no rule reads them)
import-h-available-blank = 可抽调 blank or not in the roster: taken as 是
import-h-no-posts = a roster holds no past posts or relations: posts.csv and relations.csv written empty (add earlier posts, kin and conflicts there)
import-h-native-read = 籍贯 read as a region
import-h-native-ambiguous = 籍贯 naming several regions (kept as written)
import-h-native-outside = 籍贯 outside the case's regions (kept as written)
import-h-target-by-ending = round targets read as the unit whose name they end
cli-wrote = wrote { $out }
cli-wrote-convert = wrote { $out } ({ $units } units, { $people } people, { $groups } groups)
cli-wrote-import = wrote { $out } ({ $units } units, { $people } people, { $groups } groups) and the report { $report }
cli-wrote-import-no-groups = wrote { $out } (no groups yet: add them to round.toml) and the report { $report }
import-unit-split = { $unit } ({ $region }{ $city ->
    [yes] , city level
   *[no] {""}
}, { $kind })
plan-ext = a plan is read from .csv, .json or the workbook .xlsx that plan writes
plan-book-no-sheet = no sheet 编组名单: the plan is read from the sheet that xuncha plan writes by that name; this workbook has { $sheets }
plan-book-sheets-not-read = sheets not read: { $sheets } (the plan is the sheet { $roster }; the others are printed from it and the case)
plan-book-columns-not-read = columns not read: { $columns } (printed from the case; the plan is read from 组别, 角色, 编号 and 姓名)
plan-read-by-name = the name { $name } is not that of { $old_id } ({ $old_name }): the row is read as { $name } ({ $id }), by the name
plan-read-by-name-blank = read as { $name } ({ $id }), by the name
plan-name-unknown = { $name } is the name of nobody in the case, or of several
