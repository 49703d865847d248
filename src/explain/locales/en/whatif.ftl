# xuncha whatif (explain/whatif.rs): scenarios side by side, capacity, critical people.

wi-the-round = the round
wi-round-line = { $name } ({ $year }), { $groups } groups
wi-budget = seed { $seed }, { $searches } searches × { $moves } moves
wi-yes = yes
wi-no = no
wi-no-see-below = no (see below)
wi-out = out

wi-row-feasible = feasible
wi-row-groups = groups
wi-row-removed = people removed
wi-row-added = people added
wi-row-moved = moved vs base
wi-row-into-added = into added groups
wi-row-score = score (lower is better)
wi-term-row = { $term } ({ $unit })
wi-unit-ranks = ranks
wi-unit-years = years
wi-unit-share = share
wi-unit-people = people
wi-unit-levels = levels
wi-area-range = { $area } per group (min–max)

wi-head = what-if: { $round }; { $n } { $n ->
    [one] variant
   *[other] variants
} against the base case
wi-solved-given = the base plan as given (--base-plan); each variant solved with { $budget }; a variant starts from the base plan, and moving someone away from it costs { $stability } (weight stability)
wi-solved = each case solved with { $budget }; a variant starts from the base plan, and moving someone away from it costs { $stability } (weight stability)
wi-no-plan-proven = no plan: the pre-solve report proves it
wi-no-plan = no plan: { $why }
wi-removed = removed ({ $n }): { $list }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}
wi-note = note: { $note }
wi-note-matches-nobody = remove_where {"{"}{ $filter }{"}"} matches nobody
wi-note-pin-dropped = the pin of { $person } in { $group } is dropped: the variant removes them
wi-moved = moved ({ $n }):
wi-removed-mark = {" "}(removed)
wi-removed-word = removed
wi-more-changes = … and { $n } more (--format json lists all)

wi-xlsx-title = { $round } — 情景对比 (what-if)
wi-why-not = why not
wi-col-variant = variant
wi-col-id = id
wi-col-name = name
wi-col-base = base plan
wi-col-plan = variant plan

wi-staffed = staffed
wi-impossible = impossible: { $why }
wi-res-leaders = leaders (组长库)
wi-res-people = people (人员)
wi-capacity-head = capacity: { $round }
wi-capacity-not-own = the pool cannot staff the round's own { $n } groups: { $why }
    see why: xuncha explain { $case }
wi-capacity-staffs = the pool staffs the round's { $n } groups and { $more } more ({ $total } groups in all)
wi-capacity-how = each extra group (+1, +2, …) inspects the targets of { $groups } in turn, with that group's size and the round's requirements; searched with { $budget }
wi-capacity-next = one more (+{ $k }): { $result }
wi-capacity-proven-from = proven impossible from { $k } more on; between, the search found no plan but nothing proves there is none
wi-capacity-resources = what each resource allows on its own (avoidances aside), scarcest first:
wi-col-resource = resource
wi-col-drawable = drawable
wi-col-per-group = per group
wi-col-groups = groups
wi-capacity-tried = extra groups tried: { $list }

wi-infeasible = infeasible: { $why }
wi-score-same = score unchanged ({ $score }), { $moved } moved
wi-score-rises = score rises by { $delta } to { $score }, { $moved } moved
wi-score-falls = score falls by { $delta } to { $score }, { $moved } moved
wi-critical-head = critical people: { $round }
wi-critical-not-staffed = the round itself cannot be staffed: { $why }
    see why: xuncha explain { $case }
wi-critical-base = base plan: score { $score }, { $people } people; each removed in turn and the round re-planned from the base plan (seed { $seed }, { $searches } searches × { $moves } moves)
wi-critical-count = { $n } critical: the round is infeasible without them, or its score rises by { $worse } or more
wi-col-rank = #
wi-col-person = person
wi-col-place = place
wi-col-without = without them
wi-critical-more = … { $n } more, less critical (--top { $all } shows all)
wi-critical-legend = * critical. People left out of the base plan are not listed: without them the base plan still holds.
