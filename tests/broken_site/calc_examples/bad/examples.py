# --8<-- [start:raises]
values = [1, 2, 3]
values[10]
# --8<-- [end:raises]
