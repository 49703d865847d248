# xuncha's words in English. Ids are stable; arguments are named.
# A "who" is a person as "P0107 王某", a "unit" a unit as "U0301 某镇".

test-plural = { $who } has { $n } { $n ->
    [one] leader
   *[other] leaders
}

## years of a post

years-span = { $from }–{ $to }
years-from = { $from }–now
years-until = until { $to }
years-now = now

## facts: why a person may not inspect a target (rules 1–3)

target-of-group = a target of { $group }
target-the = the target
fact-works-at = { $who } works at { $unit } now
fact-held-post = { $who } held a post at { $unit } { $years } (posts line { $line })
fact-kin = { $who }'s close relative { $kin }{ $note ->
    [none] {""}
   *[other] , { $note }
} (relations line { $line }) works at { $unit }
fact-relative = { $who } has a close relative working at { $unit }{ $note ->
    [none] {""}
   *[other] {" "}({ $note })
} (relations line { $line })
fact-conflict = { $who } declared a conflict with { $unit }{ $note ->
    [none] {""}
   *[other] {" "}({ $note })
} (relations line { $line })
fact-business = { $who } works at { $own }, which has business ties with { $unit }{ $note ->
    [none] {""}
   *[other] {" "}({ $note })
} (relations line { $line })
fact-region = { $who } is from region { $region }, the region of { $targets }
fact-native = { $who } was born in region { $region } (籍贯), the region of { $targets }
region-targets-the = { $first }, the target
region-targets-every = every target of { $group }
region-targets-some = { $list }, targets of { $group }
region-targets-one = { $first }, a target of { $group }
link-same = { $unit } is { $target }
link-ancestor = { $target-label }, { $target }, belongs to { $unit }
link-descendant = { $unit } belongs to { $target-label }, { $target }
fact-chain = { $fact }; { $link }

## violations of a plan (check)

role-leader = leader
role-member = member

violation-placed-twice = { $who } is placed { $n } times: in { $groups }
violation-unavailable = { $who } is marked not available (可抽调 = 否, people line { $line })
violation-excluded = { $who } is excluded from this round (exclude in the round)
violation-size = { $group } has { $n } { $n ->
    [one] member
   *[other] members
}, the bounds are { $lo }–{ $hi }
violation-leader-count = { $group } has { $n } { $n ->
    [one] leader
   *[other] leaders
} ({ $names }), it needs exactly { $need }
violation-leader-none = none
violation-leader-junior = { $leader } leads { $group } but is junior to its member { $member } ({ $leader-rank } below { $member-rank }; leader_outranks_members)
violation-not-in-leader-pool = { $who } leads { $group } but is not in the leader pool (组长库 = 否, people line { $line })
violation-kin = { $a } and { $b } are close relatives{ $note ->
    [none] {""}
   *[other] , { $note }
} (relations line { $line }) and both in { $group }
violation-same-region = { $group } has { $n } members from region { $region } ({ $names }); at most { $cap } allowed
violation-same-unit = { $group } has { $n } members from { $unit } ({ $names }); at most { $cap } allowed
violation-reciprocal = regions { $a } and { $b } inspect each other: { $ab }; and { $ba }
reciprocal-witness = { $who } ({ $region }) in { $group } inspects { $target } ({ $target-region })
reciprocal-more = and { $n } more
violation-requirement = { $group } has { $have } { $have ->
    [one] member
   *[other] members
} with { $area } ({ $label }) expertise, it needs { $need }
violation-pin = the round pins { $who } to { $group } as { $role }, the plan does not

## the check report

check-head = checking { $plan } against { $case }
violation-head-target = target { $target }
check-valid = valid: the plan keeps every rule ({ $placed } people in { $groups } groups)
check-valid-but = valid, but: the plan keeps every rule as far as the input was read ({ $placed } people in { $groups } groups), and { $n } { $n ->
    [one] warning
   *[other] warnings
} could hide a broken rule:
check-invalid = invalid: { $n } { $n ->
    [one] violation
   *[other] violations
} of { $rules } { $rules ->
    [one] rule
   *[other] rules
}
case-line = { $name } ({ $year }): { $people } people ({ $drawable } drawable, { $leaders } of them leaders), { $units } units, { $groups } groups
case-line-round = round

## rules: one line each, English with the Chinese term

rule-post-avoidance = post, or close kin's post, at a target unit (任职回避)
rule-region-avoidance = own or native region is the target's region (地域回避)
rule-business-avoidance = official dealings with a target unit (公务回避)
rule-one-group = a person in more than one group (一人一组)
rule-unavailable = an unavailable or excluded person assigned (不可抽调)
rule-group-size = group size out of bounds (组规模)
rule-leader = leader count, or leader not in the leader pool (组长)
rule-leader-seniority = a leader junior to a member of the group (组长职级)
rule-kin-same-group = close kin in one group (亲属同组)
rule-mixing-region = too many members from one region (混合编组: 地区)
rule-mixing-unit = too many members from one unit (混合编组: 单位)
rule-reciprocal = two regions inspecting each other (对等互查)
rule-requirement = too few members with a required expertise (专业要求)
rule-pin = a pinned decision not kept (既定人选)

## the feasibility report: findings, their causes and hints

need-one = { $need ->
    [leaders] a leader
    [people] people
   *[experts] people with { $area } expertise
}
need-many = { $need ->
    [leaders] leaders
    [people] people
   *[experts] people with { $area } expertise
}
need-what = { $need ->
    [leaders] leaders
    [people] members
   *[experts] members with { $area } ({ $label }) expertise
}
claim-leaders = { $eligible ->
    [0] { $group } has no eligible leader (needs { $need })
    [one] { $group } has { $eligible } eligible leader, needs { $need }
   *[other] { $group } has { $eligible } eligible leaders, needs { $need }
}
claim-people = { $group } has { $eligible } eligible people, needs at least { $need }
claim-mixing = { $group } can hold at most { $capacity } of its { $eligible } eligible people under the mixing caps (max_same_region = { $region-cap }, max_same_unit = { $unit-cap }), needs at least { $need }
claim-requirement-too-large = { $group } needs { $need } members with { $area } ({ $label }) expertise but holds at most { $max } people
claim-experts = { $group } has { $eligible } eligible people with { $area } ({ $label }) expertise, needs { $need }
claim-matching = { $groups } together need { $total } { $what }, but only { $available } of the available { $many } may join any of them
groups-short = { $n } groups ({ $first }, … { $last })
pool-leaders = the { $n } leaders in the leader pool
pool-people = the { $n } people in the pool
pool-experts = the { $n } people with { $area } expertise in the pool
pool-eligible = the { $n } eligible people
reason-unavailable = not available (可抽调 = 否)
reason-excluded = excluded from this round
reason-region = from { $regions }, a target region
reason-native = born in { $regions } (籍贯), a target region
reason-current-post = working at a target unit or a unit related to one
reason-past-post = with a past post at a target unit or a unit related to one
reason-kin = with close kin in the pool working at a target
reason-relative = with a close relative working at a target
reason-declared-conflict = with a declared conflict with a target
reason-business-tie = working at units with business ties to a target
reason-mixing = from region { $region } in { $units } { $units ->
    [one] unit
   *[other] units
}: at most { $at-most } may join
reason-only-eligible = the only { $many } eligible for any of them: { $list }
reason-only-eligible-nobody = nobody
reason-only-eligible-more = { $list } and { $n } more
reason-shut-out = the other available { $many } ({ $n }) may join none of { $groups }
example-and = {"; and "}
hint-add-from-outside = add { $one } from outside { $regions }
hint-relax-native = or relax native_avoidance (籍贯回避): that alone would free { $n } of them
hint-check-past-posts-all = or check the past posts listed: post_lookback_years = 0 counts every past post
hint-check-past-posts = or check the past posts listed: post_lookback_years = { $years } counts posts that ended in { $since } or later
hint-review-business-ties = or review the business ties listed, or relax business_avoidance
hint-make-available = or make more { $many } available (可抽调), or drop some from exclude
hint-move-target = or give { $unit } to a group whose members come from elsewhere
hint-more-regions-and-units = add eligible people from more regions and units
hint-raise-mixing-caps = or raise max_same_region / max_same_unit
hint-lower-requirement-to = lower requirements.{ $area } to at most { $max }
hint-raise-group-size = or raise the group's size (group_size)
hint-lower-requirement-below = or lower requirements.{ $area } below { $need }
hint-add-from-elsewhere = add { $one } from a region that none of { $groups } inspects
hint-fewer-groups = or reduce the number of groups, or what each needs
finding-cause = cause: { $claim } ({ $rule })
finding-pool = of { $pool }:
finding-example = e.g. { $example }
finding-more = … and { $n } more
finding-hint = hint: { $hint }

## the feasibility report's frame

report-col-group = group
report-col-targets = targets
report-col-eligible = eligible
report-col-leaders = leaders
report-col-mixcap = mix cap
report-none-starved = no group is starved: each group alone has enough eligible leaders, people and experts, and matching leaders, members and each area across all groups at once succeeds
report-infeasible = error: the case is infeasible ({ $n } { $n ->
    [one] finding
   *[other] findings
})
not-found-proven = No plan keeps every rule (proven by the exact solver).
not-found = No plan found that keeps every rule.
not-found-why = Each group has enough eligible people on its own, but the search found no way to staff every group at once; that does not prove there is none. Below, per group, what its best attempt still misses and what keeps out the people who may join it.
not-found-why-proven = Each group has enough eligible people on its own, but together they do not go round: below, per group, what the best attempt still misses and what keeps out the people who may join it.
not-found-misses = The best attempt still misses:
not-found-try = What to try:
not-found-try-explain = - see who may join a group and why not: xuncha explain CASE --group { $group }
not-found-try-longer = - another seed (--seed) or a longer search (--iterations, --time-limit): a plan the search missed may still be found
not-found-try-partial = - --allow-partial to staff the other groups

## who may go where

person-head = { $who } — { $unit }, region { $region }{ $native ->
    [none] {""}
   *[other] {" "}(籍贯 { $native })
}, rank { $rank }, leader pool: { $leader ->
    [yes] yes
   *[no] no
}, { $status }
person-not-available = NOT available (可抽调 = 否): may join no group
person-excluded = EXCLUDED from this round: may join no group
person-available = available
person-allowed = rules 1–3 allow: { $groups }
person-allowed-none = no group
person-not-group = not { $group }:
target-may = { $who } may inspect { $unit }: no post, region or business fact stands in the way
target-may-not = { $who } may not inspect { $unit }:
target-not-drawable = and { $id } is not drawable this round (unavailable or excluded)
group-head = { $group } inspects { $targets }
group-eligible = eligible: { $eligible } of { $drawable } drawable people ({ $pool } in the pool); { $leaders } eligible leaders (needs { $need })
group-area = with { $area } ({ $label }) expertise: { $n } (needs { $need })
group-not-eligible = not eligible: { $n } drawable people (counted under each rule that keeps them out)
group-not-drawable = not drawable: { $n }
group-leaders = eligible leaders:

## the plan as a table

plan-head = { $name } ({ $year }): { $groups } groups, { $placed } people placed of { $drawable } drawable
plan-col-role = role
plan-col-id = id
plan-col-name = name
plan-col-unit = unit
plan-col-region = region
plan-col-rank = rank
plan-col-areas = areas
plan-role-leader = 组长/leader
plan-role-member = 组员/member
plan-group = { $group }  targets: { $targets }  ({ $n } { $n ->
    [one] person
   *[other] people
})
plan-unstaffed = unstaffed: { $why }
plan-no-one = no one placed
plan-area = area
plan-level-sum = level sum
plan-members-with = members with
plan-score = score (lower is better)
plan-col-term = term
plan-col-value = value
plan-col-weight = weight
plan-col-cost = cost
plan-total = total
plan-left-out = left out: { $n } { $n ->
    [one] person
   *[other] people
}{ $must ->
    [none] {""}
   *[other] {" "}(must-serve left out: { $must })
}
plan-unstaffed-groups = unstaffed groups:
plan-seed = seed { $seed }
plan-moves = { $n } moves
term-expertise = expertise.{ $area }
term-rank = rank
term-age = age
term-gender = gender
term-mixing = mixing
term-must_serve = must_serve
term-recent = recent
term-moved = moved

review-out = not in the plan
review-replace-by = { $who } (left out) takes the place
review-swap-with = swap with { $who } of { $group }
review-refused = refused by [{ $rule }] { $label }: { $why }
review-into = { $who } in { $group }
review-replace-head = { $who }, { $place }; the plan's score { $score } ({ $considered } alternatives scored)
review-pinned = pinned by the round: any change breaks the pin
review-allowed = alternatives the rules allow, best first (score change, then the terms that change):
review-none = none
review-refused-head = the best alternatives the rules refuse:
review-diff-head = { $a } → { $b }: { $n } { $n ->
    [one] person placed differently
   *[other] people placed differently
}

# issue-11b
role-deputy = deputy
violation-deputy-count = { $group } has { $n } { $n ->
    [one] deputy leader
   *[other] deputy leaders
} ({ $names }), it needs exactly { $need } (deputies_per_group)
violation-not-in-deputy-pool = { $who } is a deputy leader of { $group } but is not in the deputy pool (副组长库 = 否, people line { $line })
violation-deputy-also-leader = { $who } is both leader and deputy leader of { $group }
need-one-deputy = a deputy leader (副组长)
need-many-deputies = deputy leaders (副组长)
claim-deputies = { $eligible ->
    [0] { $group } has no eligible deputy leader (副组长, needs { $need })
    [one] { $group } has { $eligible } eligible deputy leader (副组长), needs { $need }
   *[other] { $group } has { $eligible } eligible deputy leaders (副组长), needs { $need }
}
claim-leaders-and-deputies = { $group } has { $eligible } eligible people in the leader and deputy pools, needs { $need } different ones (its leaders and deputy leaders)
claim-seniority = with leader_outranks_members, only { $eligible } of the { $many } eligible for { $group } are not above its most senior eligible leader { $leader } ({ $rank }); it needs { $need }
pool-deputies = the { $n } people of the deputy pool (副组长库; the leader pool without that column)
reason-senior = above { $leader } ({ $rank }) on the rank scale
hint-fewer-deputies = or lower deputies_per_group (now { $now })
hint-relax-seniority = or turn leader_outranks_members off (组长 need not outrank the members)
hint-add-senior-leader = add a leader eligible for { $group } at { $rank } or above to the leader pool
need-what-deputies = leaders and deputy leaders (组长、副组长) together
