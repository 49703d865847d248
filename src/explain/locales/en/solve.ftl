# The solver's outcome (explain/solve.rs): which solver, how it ended, who is
# left out and why, what a group misses.

list-sep = {", "}
rule-count = { $rule } ×{ $n }

solver-heuristic = heuristic
solver-exact = exact ({ $backend })
solver-exact-fallback = exact ({ $backend }), after the heuristic found no plan
solver-given = given
solver-review = review page (xuncha serve)

ending-best-found = best found
ending-time-limit = time limit
ending-interrupted = interrupted (Ctrl-C): the best plan found until then
ending-zero-score = optimal (0 is the least score possible)
ending-nothing-staffable = no group can be staffed
ending-optimal = optimal
ending-optimal-heuristic = optimal (the heuristic's plan is optimal)
ending-optimal-excess = optimal (the heuristic's plan was { $excess } worse)
ending-exact-gap = time limit, gap { $gap } %
ending-exact-time = time limit, optimality not proven
ending-exact-broke-rule = the exact plan broke a rule (a backend error); the heuristic's plan is kept
ending-exact-no-plan = the exact solver reported no plan, but the heuristic's plan keeps every rule; it is kept
ending-exact-timed-out = time limit before the exact solve found a plan; the heuristic's plan is kept
ending-given = the base plan given (--base-plan)
ending-reviewed = reviewed

left-out-no-group = may join no group of this round (see explain --person)
left-out-not-needed = not needed
left-out-must-serve = must serve, but no place kept the rules and the score better (groups refusing by rule: { $rules })
left-out-room = room ×{ $n }

missing-leaders = { $n } leader(s) (rule leader)
missing-members = { $n } member(s) to reach { $least } (rule group-size)
missing-area = { $n } member(s) with { $area } (rule requirement)
missing-held = ; of the people who may join it: { $list }
held-one-group = { $n } in other groups
held-rule = { $n } refused by { $rule }

unstaffed-proven = { $claim } [{ $rule }]
unstaffed-not-found = no plan found that gives it { $missing }

no-plan-infeasible = infeasible
no-plan-found-line = no plan found (not proven impossible): { $group } misses { $what }{ $more ->
    [0] {""}
    [one] {" "}(and 1 more group)
   *[other] {" "}(and { $more } more groups)
}
no-plan-proven-line = no plan exists (proven by the exact solver): { $group } misses { $what }{ $more ->
    [0] {""}
    [one] {" "}(and 1 more group)
   *[other] {" "}(and { $more } more groups)
}
