"""Documents luoshi writes for people: the 分工方案 workbook, and later the 台账 and bulletins."""
