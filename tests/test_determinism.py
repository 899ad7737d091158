"""Calls that make an example's output differ between builds are found before anything runs."""

from __future__ import annotations

import pytest

from verified_docs.examples.determinism import unstable_calls


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("import numpy as np\nrng = np.random.default_rng()", "default_rng() has no seed"),
        ("from numpy.random import default_rng\nrng = default_rng()", "default_rng() has no seed"),
        ("import random\nr = random.Random()", "Random() has no seed"),
        ("import numpy as np\nr = np.random.RandomState()", "RandomState() has no seed"),
        ("import os\nb = os.urandom(4)", "urandom() reads the operating system's entropy"),
        ("import time\nprint(time.time())", "time.time() reads the clock"),
        ("import datetime\nprint(datetime.datetime.now())", "now() reads the clock"),
        ("import uuid\nprint(uuid.uuid4())", "uuid4() is random"),
    ],
)
def test_unstable_call_is_found_with_its_line(code: str, fragment: str) -> None:
    """Assert the call is reported on line 2 with what makes it unstable."""
    found = list(unstable_calls(code))
    assert found
    assert found[0][0] == 2
    assert fragment in found[0][1]


@pytest.mark.parametrize(
    "code",
    [
        "import numpy as np\nrng = np.random.default_rng(0)",
        "import numpy as np\nrng = np.random.default_rng(seed=1)",
        "import random\nx = random.random()",  # the worker seeds the global generator
        "import time\nstart = time.perf_counter()",  # measuring is fine; printing it is not
        "this is not python",
    ],
)
def test_stable_code_passes(code: str) -> None:
    """Assert seeded generators, the seeded global generator and timers are accepted."""
    assert list(unstable_calls(code)) == []
