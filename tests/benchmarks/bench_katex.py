"""Measure KaTeX rendering cost per equation through the persistent Node process.

Not a test: run ``python tests/benchmarks/bench_katex.py`` to see whether build-time
rendering stays cheap as the site grows. Every equation is distinct, so the cache never hits.
"""

from __future__ import annotations

import time
from pathlib import Path

from verified_docs.math_render import KatexRenderer
from verified_docs.settings import load_settings

REPO_ROOT = Path(__file__).resolve().parents[2]

COUNT = 500

# "@" is replaced by the equation's index to keep all equations distinct.
TEMPLATES = [
    r"\frac{\partial}{\partial \mathbf{x}} \mathbf{x}^\top A_{@} \mathbf{x}"
    r" = (A_{@} + A_{@}^\top)\mathbf{x}",
    r"\nabla_X \operatorname{tr}(A_{@} X B) = A_{@}^\top B^\top",
    r"\frac{\partial \log\det X_{@}}{\partial X_{@}} = X_{@}^{-\T}",
    r"\mathbf{y}_{@} = W \mathbf{x} + \mathbf{b}, \quad W \in \R^{m \times n}",
    r"\begin{bmatrix} a_{@} & b \\ c & d \end{bmatrix}^{-1}"
    r" = \frac{1}{ad - bc}\begin{bmatrix} d & -b \\ -c & a_{@} \end{bmatrix}",
    r"\| \bm{r}_{@} \|_2^2 = (\mathbf{y} - X\bm{\beta})^\top (\mathbf{y} - X\bm{\beta})",
    r"\mathrm{d}(X^{-1}) = -X^{-1} (\mathrm{d}X_{@}) X^{-1}",
    r"\sum_{i=1}^{@} \lambda_i = \operatorname{tr}(A)",
]


def main() -> None:
    equations = [TEMPLATES[i % len(TEMPLATES)].replace("@", str(i)) for i in range(COUNT)]
    settings = load_settings(REPO_ROOT / "mkdocs.yml")
    with KatexRenderer(settings.node_modules, settings.katex_macros) as katex:
        start = time.perf_counter()
        katex.render("x", display=False)
        startup = time.perf_counter() - start

        start = time.perf_counter()
        for i, latex in enumerate(equations):
            katex.render(latex, display=i % 3 == 0)
        elapsed = time.perf_counter() - start

    print(f"start-up (node + katex load, first equation): {startup * 1000:.1f} ms")
    print(f"{COUNT} equations: {elapsed * 1000:.0f} ms, {elapsed * 1000 / COUNT:.3f} ms/equation")


if __name__ == "__main__":
    main()
