# xuncha serve：审阅页面中由服务器生成的文字

serve-plan-start = 初始方案
serve-plan-now = 当前方案
