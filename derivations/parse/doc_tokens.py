"""Light LaTeX tokens for the document reader: enough to find top-level structure.

The reader never interprets an expression; it only needs to know where the
relations, separators and row breaks are that sit outside every brace, bracket,
parenthesis and ``\\begin..\\end`` pair.  Each token keeps its offsets in the
source text so that every part can report the line it is written on.

>>> src = r"a \\le \\text{if } b_{1}"
>>> [t.text for t in tokenize(src, 0, len(src)) if t.kind != "ws"]
['a', '\\\\le', '\\\\text{if }', 'b', '_', '{', '1', '}']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .latex_scan import brace_end

# Commands whose brace argument is kept inside the token (text is never math).
GROUPED = {
    "text", "textrm", "textbf", "textit", "textsf", "textnormal", "texttt", "mbox", "hbox",
    "tag", "label", "intertext", "shortintertext", "hspace", "vspace", "eqref", "ref",
}
_HTML = {"&lt;": ("char", "<"), "&gt;": ("char", ">"), "&amp;": ("char", "&"),
         "&le;": ("cmd", "le"), "&ge;": ("cmd", "ge"), "&ne;": ("cmd", "ne")}
_DIM = re.compile(r"\[\s*-?[\d.]+\s*(pt|em|ex|mm|cm|mu|in|bp)\s*\]")
OPEN_CMDS = {"{", "langle", "lbrace", "lbrack", "lceil", "lfloor", "left"}
CLOSE_CMDS = {"}", "rangle", "rbrace", "rbrack", "rceil", "rfloor", "right"}


@dataclass
class Tok:
    """One token: ``kind`` is ws, cmd, char, group, begin, end or noise."""

    kind: str
    value: str
    start: int
    end: int
    text: str
    arg: str = ""
    depth: int = 0
    neutral: bool = False   # the delimiter right after \left or \right

    def is_cmd(self, *names: str) -> bool:
        return self.kind == "cmd" and self.value in names

    def is_char(self, *chars: str) -> bool:
        return self.kind == "char" and self.value in chars


def tokenize(s: str, start: int, end: int) -> list[Tok]:
    """Tokens of ``s[start:end]`` with offsets into ``s``."""
    toks: list[Tok] = []
    i = start
    while i < end:
        c = s[i]
        if c.isspace():
            j = i
            while j < end and s[j].isspace():
                j += 1
            toks.append(Tok("ws", s[i:j], i, j, s[i:j]))
            i = j
            continue
        if c == "\\" and i + 1 < end:
            j = i + 1
            if s[j].isalpha():
                while j < end and s[j].isalpha():
                    j += 1
                name = s[i + 1:j]
                k = j
                if k < end and s[k] == "*" and name in ("tag", "hspace", "vspace"):
                    k += 1
                while k < end and s[k] in " \t":
                    k += 1
                if name in GROUPED and k < end and s[k] == "{":
                    g = brace_end(s, k, end)
                    if g > 0:
                        toks.append(Tok("group", name, i, g, s[i:g], arg=s[k + 1:g - 1]))
                        i = g
                        continue
                if name in ("begin", "end") and k < end and s[k] == "{":
                    g = brace_end(s, k, end)
                    if g > 0:
                        toks.append(Tok(name, s[k + 1:g - 1].strip(), i, g, s[i:g]))
                        i = g
                        continue
                toks.append(Tok("cmd", name, i, j, s[i:j]))
                i = j
                continue
            # control symbol: \\ \{ \, \% ...
            j = i + 2
            if s[i + 1] == "\\":
                m = _DIM.match(s, j, end)
                if m:
                    j = m.end()
            toks.append(Tok("cmd", s[i + 1], i, j, s[i:i + 2]))
            i = j
            continue
        if c == "&":
            for ent, (kind, val) in _HTML.items():
                if s.startswith(ent, i) and i + len(ent) <= end:
                    text = val if kind == "char" else "\\" + val + " "
                    toks.append(Tok(kind, val, i, i + len(ent), text))
                    i += len(ent)
                    break
            else:
                toks.append(Tok("char", "&", i, i + 1, "&"))
                i += 1
            continue
        if c in "*_" and i + 1 < end and s[i + 1] == c:
            j = i
            while j < end and s[j] == c:
                j += 1
            toks.append(Tok("noise", c * (j - i), i, j, ""))
            i = j
            continue
        toks.append(Tok("char", c, i, i + 1, c))
        i += 1
    return toks


def assign_depth(toks: list[Tok], parens: bool = True) -> bool:
    """Set ``depth`` on every token; True when everything closes at depth 0.

    Brackets themselves sit at the outer depth. With ``parens=False`` only
    braces, ``\\left..\\right`` and environments nest (used when a student's
    parentheses do not balance).
    """
    depth = 0
    ok = True
    neutral_next = False
    for t in toks:
        t.neutral = False
        if t.kind == "ws":
            t.depth = depth
            continue
        if neutral_next:
            t.neutral = True
            t.depth = depth
            neutral_next = False
            continue
        opener = (t.kind == "begin" or (t.kind == "char" and (t.value == "{" or (parens and t.value in "([")))
                  or (t.kind == "cmd" and t.value in OPEN_CMDS))
        closer = (t.kind == "end" or (t.kind == "char" and (t.value == "}" or (parens and t.value in ")]")))
                  or (t.kind == "cmd" and t.value in CLOSE_CMDS))
        if t.is_cmd("left", "right"):
            neutral_next = True
        if opener:
            t.depth = depth
            depth += 1
        elif closer:
            depth -= 1
            if depth < 0:
                ok = False
                depth = 0
            t.depth = depth
        else:
            t.depth = depth
    return ok and depth == 0


def join_text(toks: list[Tok]) -> str:
    """The LaTeX text of tokens, whitespace collapsed to single spaces."""
    out = []
    for t in toks:
        out.append(" " if t.kind == "ws" else t.text)
    return re.sub(r"\s+", " ", "".join(out)).strip()
