"""Run example modules chunk by chunk in a separate process, reporting each chunk's output.

The build talks to this process over stdin/stdout, one JSON line per message, so a hang or a
crash in an example can be cut off without taking the build down with it.

Once started: ``{"ready": true}``, so that no section's time limit counts the start.
Request: ``{"path": str, "chunks": [{"name", "first_line", "code"}, ...], "forget": [str]}``.
Replies: one ``{"name", "outputs", "error"}`` per chunk as it finishes, then
``{"done": true, "reads": [str]}``: the data files (not Python sources) under the working
folder that the module opened, so a cached result is dropped when one of them changes.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import random
import sys
import traceback
from typing import Any

from verified_docs.examples.figures import figure_svg, is_figure

# Examples that draw random numbers must print the same thing on every build.
SEED = 20261122

_READS: set[str] = set()


def _record_reads(event: str, arguments: tuple[Any, ...]) -> None:
    """Audit hook: remember each project data file opened for reading."""
    if event != "open" or not isinstance(arguments[0], str | bytes | os.PathLike):
        return
    mode = arguments[1] if len(arguments) > 1 and isinstance(arguments[1], str) else "r"
    name = os.fsdecode(arguments[0])
    if any(flag in mode for flag in "wax+") or name.endswith((".py", ".pyc")):
        return
    path = os.path.realpath(name)
    root = os.getcwd()
    installed = (os.path.realpath(sys.prefix) + os.sep, os.path.realpath(sys.base_prefix) + os.sep)
    if path.startswith(root + os.sep) and not path.startswith(installed) and os.path.isfile(path):
        _READS.add(os.path.relpath(path, root))


def display_value(value: Any) -> dict[str, str] | None:
    """Turn a chunk's final expression into an output, as a notebook would."""
    if value is None:
        return None
    try:
        import sympy
    except ImportError:  # pragma: no cover - sympy is a core dependency
        sympy = None
    if sympy is not None and isinstance(value, sympy.Basic | sympy.MatrixBase):
        return {"kind": "latex", "text": sympy.latex(value)}
    if is_figure(value):
        return {"kind": "svg", "text": figure_svg(value)}
    if hasattr(value, "_repr_svg_"):
        return {"kind": "svg", "text": value._repr_svg_()}
    return {"kind": "text", "text": repr(value)}


def run_chunk(path: str, chunk: dict[str, Any], namespace: dict[str, Any]) -> dict[str, Any]:
    """Execute one chunk; its last bare expression is displayed."""
    source = "\n" * (chunk["first_line"] - 1) + chunk["code"]
    outputs: list[dict[str, str]] = []
    stdout = io.StringIO()
    error = None
    last = None
    try:
        tree = ast.parse(source, filename=path)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with contextlib.redirect_stdout(stdout):
            exec(compile(tree, path, "exec"), namespace)
            if last is not None:
                expression = ast.Expression(last.value)
                value = eval(compile(expression, path, "eval"), namespace)
            shown = display_value(value) if last is not None else None
    except BaseException as exception:
        shown = None
        frames = [f for f in traceback.extract_tb(exception.__traceback__) if f.filename == path]
        error = {
            "type": type(exception).__name__,
            "message": str(exception).splitlines()[0] if str(exception) else "",
            "line": frames[-1].lineno
            if frames
            else getattr(exception, "lineno", None) or (last.lineno if last else None),
        }
    if stdout.getvalue():
        outputs.append({"kind": "text", "text": stdout.getvalue()})
    if shown is not None:
        outputs.append(shown)
    return {"name": chunk["name"], "outputs": outputs, "error": error}


def forget_previous_module(packages: list[str]) -> None:
    """Undo what an earlier module in this worker left behind, so output never depends on order.

    One worker runs many modules. Without this, a module imported by an earlier one (say, a
    plotting style that sets Matplotlib's defaults) would still be in effect, and a figure
    would come out differently in a full build than in a build from the cache.
    """
    for name in [name for name in sys.modules if name.split(".")[0] in packages]:
        del sys.modules[name]
    if "matplotlib" in sys.modules:
        import matplotlib
        import matplotlib.pyplot as plt

        plt.close("all")
        matplotlib.rcdefaults()


def serve(stdin: io.TextIOBase, stdout: io.TextIOBase) -> None:
    for line in stdin:
        request = json.loads(line)
        random.seed(SEED)
        try:
            import numpy

            numpy.random.seed(SEED)
        except ImportError:  # pragma: no cover - numpy is a core dependency
            pass
        forget_previous_module(request.get("forget", []))
        _READS.clear()
        path = request["path"]
        namespace: dict[str, Any] = {"__name__": "__main__", "__file__": path}
        failed = False
        for chunk in request["chunks"]:
            if failed:
                reply = {
                    "name": chunk["name"],
                    "outputs": [],
                    "error": {
                        "type": "NotRun",
                        "message": "an earlier part of the module failed",
                        "line": chunk["first_line"],
                    },
                }
            else:
                reply = run_chunk(path, chunk, namespace)
                failed = reply["error"] is not None
            stdout.write(json.dumps(reply) + "\n")
            stdout.flush()
        stdout.write(json.dumps({"done": True, "reads": sorted(_READS)}) + "\n")
        stdout.flush()


def main() -> None:
    """Serve on a private copy of stdout; anything else written to fd 1 goes to stderr.

    Example code that prints through ``sys.__stdout__``, ``os.system`` or a subprocess must
    not corrupt the JSON protocol.
    """
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.addaudithook(_record_reads)
    # Started: the runner's time limits count from here, not from the interpreter's start.
    protocol.write(json.dumps({"ready": True}) + "\n")
    protocol.flush()
    serve(sys.stdin, protocol)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
