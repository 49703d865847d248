# Mistakes in a what-if scenario file (whatif --scenario), and how its filters read.
# The place (file, line, key) is shown before each message.
sc-not-utf8 = the text is not UTF-8: save the scenario file as UTF-8
sc-no-variant = the scenario has no variant: add a [[variant]] table with a name
sc-name-missing = a variant needs a name
sc-name-base = "{ $base }" names the unchanged case: give the variant another name
sc-name-twice = two variants are named "{ $name }"
sc-filter-shape = remove_where: give a table such as {"{"} unit = "R03-D02" {"}"} (keys unit, region, area, min_level) or a list of such tables
sc-filter-empty = give unit, region or area (with min_level)
sc-level-no-area = min_level needs an area
sc-level-range = min_level { $level } is not a level 1..3
sc-unknown-unit = unknown unit { $unit }
sc-unknown-region = unknown region { $region }; the regions are: { $regions }
sc-unknown-area = unknown area { $area }; the round's areas are: { $areas }
sc-unknown-person = unknown person { $id } (not in the case's people)
sc-add-people-unreadable = cannot read { $file }: { $message }
sc-filter-unit = unit { $unit }
sc-filter-region = region { $region }
sc-filter-area = { $area } ≥ { $level }
sc-filter = { $parts }
