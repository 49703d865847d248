# xuncha serve: the review page's words that the server renders

serve-plan-start = the starting plan
serve-plan-now = the working plan
