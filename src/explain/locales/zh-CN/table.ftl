# Words of the terminal's tables.

report-legend = （符合条件：任职、地域、公务回避都允许进入该组的人数；组长：其中在组长库的人数；混编上限：同地区、同单位人数上限（max_same_region、max_same_unit）下该组最多能容纳其中多少人；专业≥n：其中具备该专长的人数，n 为要求人数）
