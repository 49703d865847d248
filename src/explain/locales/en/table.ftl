# Words of the terminal's tables.

report-legend = (eligible: the people rules 1–3 allow in the group; leaders: of them, those in the leader pool; mix cap: how many of them the mixing caps (max_same_region, max_same_unit) let the group hold at most; area≥n: the eligible people with that expertise, n required)
