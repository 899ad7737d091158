import time

# --8<-- [start:hangs]
time.sleep(60)
# --8<-- [end:hangs]
