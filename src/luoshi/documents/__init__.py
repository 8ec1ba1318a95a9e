"""What luoshi writes and reads back for people: the 分工方案, the 台账 and the 督查通报."""
