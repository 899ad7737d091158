import numpy as np

# --8<-- [start:noise]
rng = np.random.default_rng()
print(rng.normal())
# --8<-- [end:noise]
