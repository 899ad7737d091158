from verified_docs.checks import Model, matrix_symbols, sample_entries

X = matrix_symbols("X", 3, 3)
# Off-diagonal entries in (-2, 2) can outweigh a diagonal in (3, 4): det X > 0 is not promised.
SQUARE = Model(sample=sample_entries(X, diagonal=(3.0, 4.0)), names={"X": X})
