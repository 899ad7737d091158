"""LaTeX as plain Unicode text, for the places where math cannot be rendered.

A table of contents, a phone's navigation drawer, a search result, a tooltip and a
verification mark's details show text, not KaTeX. Rendered math flattened to text reads
"3x2y3x^2y3x2y" (its MathML, TeX annotation and visual layout run together); this gives
"3x²y" instead. It covers the notation of formulas in headings and messages (scripts,
fractions, Greek letters, operators, bold vectors); anything else keeps its letters, without
backslashes or braces, so the text is always readable, if not always typographic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_SUPERSCRIPTS = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzT×",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀˣ",
        strict=True,
    )
)
_SUBSCRIPTS = dict(
    zip("0123456789+-=()aeijkmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₘₙₒₚᵣₛₜᵤᵥₓ", strict=True)
)
_SYMBOLS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "phi": "ϕ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Sigma": "Σ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
    "partial": "∂",
    "nabla": "∇",
    "cdot": " · ",
    "times": " × ",
    "odot": " ⊙ ",
    "otimes": " ⊗ ",
    "top": "ᵀ",
    "intercal": "ᵀ",
    "in": " ∈ ",
    "to": " → ",
    "mapsto": " ↦ ",
    "rightarrow": " → ",
    "leq": " ≤ ",
    "le": " ≤ ",
    "geq": " ≥ ",
    "ge": " ≥ ",
    "neq": " ≠ ",
    "ne": " ≠ ",
    "approx": " ≈ ",
    "infty": "∞",
    "sum": "Σ",
    "prod": "Π",
    "ldots": "…",
    "cdots": "⋯",
    "dots": "…",
    "pm": " ± ",
    "circ": " ∘ ",
    "lim": "lim",
    "quad": " ",
    "qquad": " ",
    ",": " ",
    ";": " ",
    "!": "",
    " ": " ",
    "{": "{",
    "}": "}",
    "|": "‖",
    "lVert": "‖",
    "rVert": "‖",
    "Vert": "‖",
}
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ"}
_DROPPED = {"left", "right", "big", "Big", "bigg", "Bigg", "displaystyle", "limits"}
_STYLES = {
    "mathbf",
    "boldsymbol",
    "bm",
    "mathrm",
    "mathit",
    "mathsf",
    "text",
    "textbf",
    "operatorname",
    "mathcal",
    "mathbb",
}
_SCRIPT_CHARS = re.escape("".join(_SUPERSCRIPTS.values()) + "".join(_SUBSCRIPTS.values()))
# One symbol, with its scripts, and the d, ∂ or ∇ in front of it: "dx", "∂h₂", "x²".
_ATOM = re.compile(rf"(?:[∂∇]|d(?=[^\W\d]))?(?:[^\W\d_]|\d+)[{_SCRIPT_CHARS}′']*")
_TOKEN = re.compile(r"\\([A-Za-z]+|.)|([{}^_])|(\s+)|(.)", re.DOTALL)


def plain_math(latex: str, macros: Mapping[str, str] | None = None) -> str:
    """``\\frac{\\partial f}{\\partial x} = 3x^2y`` → ``∂f/∂x = 3x²y``.

    ``macros`` are the site's KaTeX macros (``{"\\R": "\\mathbb{R}"}``), expanded first.
    """
    for name, body in (macros or {}).items():
        latex = re.sub(re.escape(name) + r"(?![A-Za-z])", body.replace("\\", "\\\\"), latex)
    tokens = [match for match in _TOKEN.finditer(latex)]
    text, _ = _group(tokens, 0, stop_at_brace=False)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s+(?=[;\]])|(?<=\[)\s+", "", text).strip(" ;")


def _group(tokens: list[re.Match[str]], index: int, *, stop_at_brace: bool) -> tuple[str, int]:
    """Text of tokens from ``index`` to the closing brace (or the end); and where it stopped."""
    parts: list[str] = []
    while index < len(tokens):
        command, special, space, char = tokens[index].groups()
        if special == "}" and stop_at_brace:
            return "".join(parts), index + 1
        if special in ("^", "_"):
            argument, index = _argument(tokens, index + 1)
            parts.append(_script(argument, special))
            continue
        if special == "{":
            inner, index = _group(tokens, index + 1, stop_at_brace=True)
            parts.append(inner)
            continue
        index += 1
        if space:
            parts.append(" ")
        elif char is not None:
            parts.append(" " if char == "&" else char)  # alignment, or a matrix column
        elif command is not None:
            if command.isalpha():  # TeX ignores the spaces after a control word
                while index < len(tokens) and tokens[index].group(3):
                    index += 1
            text, index = _command(command, tokens, index)
            parts.append(text)
    return "".join(parts), index


def _argument(tokens: list[re.Match[str]], index: int) -> tuple[str, int]:
    """One argument: a braced group, a command (with its arguments) or one character."""
    while index < len(tokens) and tokens[index].group(3):
        index += 1
    if index >= len(tokens):
        return "", index
    command, special, _, char = tokens[index].groups()
    if special == "{":
        return _group(tokens, index + 1, stop_at_brace=True)
    if command is not None:
        return _command(command, tokens, index + 1)
    return char or "", index + 1


def _command(name: str, tokens: list[re.Match[str]], index: int) -> tuple[str, int]:
    if name in ("frac", "dfrac", "tfrac"):
        numerator, index = _argument(tokens, index)
        denominator, index = _argument(tokens, index)
        return f"{_wrap(numerator)}/{_wrap(denominator)}", index
    if name == "sqrt":
        radicand, index = _argument(tokens, index)
        return f"√{_wrap(radicand)}", index
    if name == "mathbb":
        letter, index = _argument(tokens, index)
        return _BLACKBOARD.get(letter, letter), index
    if name in _STYLES:
        return _argument(tokens, index)
    if name in ("begin", "end"):
        environment, index = _argument(tokens, index)
        if environment.endswith("matrix"):
            return ("[" if name == "begin" else "]"), index
        return " ", index
    if name in ("underbrace", "overbrace"):
        braced, index = _argument(tokens, index)
        while index < len(tokens) and tokens[index].group(3):
            index += 1
        if index < len(tokens) and tokens[index].group(2) in ("_", "^"):
            _, index = _argument(tokens, index + 1)  # the brace's label, a shape
        return braced, index
    if name == "\\":
        return "; ", index
    if name in _DROPPED:
        return "", index
    return _SYMBOLS.get(name, name), index


def _wrap(text: str) -> str:
    """Parenthesise a fraction's part unless it is a single symbol or already a group."""
    text = text.strip()
    if len(text) <= 1 or _ATOM.fullmatch(text) or re.fullmatch(r"\(.*\)", text):
        return text
    return f"({text})"


def _script(argument: str, kind: str) -> str:
    """A super- or subscript in Unicode when every character has one, else ``^(…)``/``_…``."""
    table = _SUPERSCRIPTS if kind == "^" else _SUBSCRIPTS
    argument = argument.replace(" ", "")
    if argument == "ᵀ" and kind == "^":
        return "ᵀ"
    if argument and all(char in table for char in argument):
        return "".join(table[char] for char in argument)
    if kind == "_":
        return f"_{argument}" if len(argument) == 1 else f"_({argument})"
    return f"^{argument}" if len(argument) == 1 else f"^({argument})"
