r"""Read a student's document (Markdown, LaTeX, notebook) into chains of textual parts.

The reader works at the text level: it finds the math, cuts it into chains
``part rel part rel ...`` and records for every part the 1-based line of the
file where it is written.  It never turns an expression into SymPy; the
checker calls the expression parser on each ``Part.text``.

>>> doc = read_text("Given $x = 2$.\n\n$$f(x) = x^2 + 1$$\n\n$$= 5$$\n")
>>> [(p.relation, p.text, p.line) for p in doc.chains()[1].parts]
[(None, 'f(x)', 3), ('=', 'x^2 + 1', 3), ('=', '5', 5)]

Conventions (what a checker may rely on):

- A block, row or inline formula that starts with a relation (``= ...``,
  ``&= ...``, ``\approx ...``) is glued to the chain it continues: the most
  recent *display* chain (or, before any display math, the most recent inline
  chain), even with prose between.  The glued chain gets ``continues=True``.
  When a line holds k statements and the next display line holds k pieces that
  all start with a relation, piece j continues statement j (two columns).
  A continuation with nothing before it is an :class:`Unreadable` item.
- Inline math without any relation (``$\sigma$``) is notation inside prose, not
  a chain; it stays in the :class:`Prose` text.  Display math without a relation
  is a one-part chain (the next ``$$= ...$$`` block may continue it).
- A display block identical to the display block right before it, with only
  white space between, is a conversion duplicate and is read once.
- Equation numbers (``\tag{5}``, a trailing ``\quad (5)`` or a ``(5)`` after two
  spaces, a block holding only ``(5)``) go to ``Chain.tag``; ``= 0.5(1)`` and
  ``= 0.5 (1)`` are math.  ``\text{for } x > 0`` / ``\text{if } ..`` after a
  statement becomes ``Part.condition`` of its last part.
- A bullet dash at the start of a display block is dropped only when followed by
  a space and a plain name and a relation (``$$- z_1 = ...$$``); ``-\frac{..}``
  and ``- \frac{..}`` are kept as minus signs.
- Notebooks: only markdown cells are read; ``Part.line`` is the line of the
  ``.ipynb`` JSON file where that source line is written (all lines of a cell
  whose source is one JSON string share that string's line).
"""

from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import dataclass, field
from json.decoder import scanstring

from .doc_split import _WRAPPERS_ROWS, _WRAPPERS_SINGLE, MATH_ENVS, Row, split_block
from .doc_tokens import join_text

__all__ = ["Part", "Chain", "Prose", "Unreadable", "Document", "DocumentError",
           "read_document", "read_text", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 5_000_000
_FORMATS = {"markdown": "markdown", "md": "markdown", "markdown_text": "markdown", "txt": "markdown",
            "text": "markdown", "latex": "latex", "tex": "latex", "notebook": "notebook",
            "ipynb": "notebook"}
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "markdown", ".tex": "latex",
               ".ipynb": "notebook"}
_BARE_ENVS = _WRAPPERS_ROWS | _WRAPPERS_SINGLE | MATH_ENVS


class DocumentError(Exception):
    """The file cannot be read at all (not text, not a notebook, too large)."""


@dataclass
class Part:
    """One side of a relation, with the line it is written on."""

    text: str
    line: int
    relation: str | None = None      # relation to the previous part; None for the first
    condition: str | None = None     # e.g. 'x > 0' from '\text{for } x > 0' on this step


@dataclass
class Chain:
    """``parts[0] rel parts[1] rel ...``: one chain of (in)equalities."""

    parts: list[Part]
    kind: str = "display"            # "display" or "inline"
    continues: bool = False          # blocks starting with '=' were glued onto it
    tag: str | None = None           # equation number

    @property
    def lines(self) -> list[int]:
        return [p.line for p in self.parts]


@dataclass
class Prose:
    text: str
    line: int


@dataclass
class Unreadable:
    text: str
    line: int
    reason: str


@dataclass
class Document:
    path: str
    format: str
    items: list = field(default_factory=list)

    def chains(self) -> list[Chain]:
        return [i for i in self.items if isinstance(i, Chain)]

    def unreadable(self) -> list[Unreadable]:
        return [i for i in self.items if isinstance(i, Unreadable)]


# ----------------------------------------------------------------------------- masking

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLANK = re.compile(r"\n[ \t]*\n")


def _blank(text: str, a: int, b: int) -> str:
    """Replace ``text[a:b]`` by spaces, keeping newlines (offsets and lines stay)."""
    return text[:a] + re.sub(r"[^\n]", " ", text[a:b]) + text[b:]


def _mask_markdown(text: str) -> str:
    out = []
    fence = None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            out.append(" " * len(line))
        elif fence is not None:
            if m and m.group(1).startswith(fence):
                fence = None
            out.append(" " * len(line))
        else:
            out.append(line)
    masked = "\n".join(out)
    for rx in (_HTML_COMMENT, _INLINE_CODE):
        masked = rx.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)
    return masked


def _mask_latex(text: str) -> str:
    masked = text
    for m in re.finditer(r"%[^\n]*", text):
        k = m.start() - 1
        slashes = 0
        while k >= 0 and text[k] == "\\":
            slashes += 1
            k -= 1
        if slashes % 2 == 0:
            masked = _blank(masked, m.start(), m.end())
    for env in ("verbatim", "lstlisting", "minted", "comment", "Verbatim"):
        for m in re.finditer(r"\\begin\{%s\*?\}.*?\\end\{%s\*?\}" % (env, env), masked, re.S):
            masked = _blank(masked, m.start(), m.end())
    b = masked.find("\\begin{document}")
    if b >= 0:
        masked = _blank(masked, 0, b + len("\\begin{document}"))
    e = masked.find("\\end{document}")
    if e >= 0:
        masked = _blank(masked, e, len(masked))
    return masked


# ----------------------------------------------------------------------------- scanning

def _unescaped(m: str, i: int) -> bool:
    k, n = i - 1, 0
    while k >= 0 and m[k] == "\\":
        n += 1
        k -= 1
    return n % 2 == 0


def _find_closer(m: str, closer: str, i: int, limit: int) -> int:
    """Offset of the first unescaped ``closer`` in ``m[i:limit]``, or -1."""
    while True:
        j = m.find(closer, i, limit)
        if j < 0:
            return -1
        if closer[0] in "$\\" and not _unescaped(m, j):
            i = j + 1
            continue
        if closer == "$" and m.startswith("$$", j):
            i = j + 2
            continue
        return j


def _find_env_end(m: str, name: str, i: int, limit: int) -> int:
    """Offset of the ``\\end{name}`` matching an already opened one, or -1."""
    depth = 1
    rx = re.compile(r"\\(begin|end)\{%s\}" % re.escape(name))
    for mm in rx.finditer(m, i, limit):
        depth += 1 if mm.group(1) == "begin" else -1
        if depth == 0:
            return mm.start()
    return -1


def _scan(m: str) -> list[tuple]:
    """Math spans of the masked text, in order.

    Each entry is ``(kind, start, end, inner_start, inner_end)`` with kind
    "display", "inline" or "unclosed" (then inner_start holds the reason).
    Math never runs across a blank line.
    """
    spans: list[tuple] = []
    i, n = 0, len(m)
    while i < n:
        c = m[i]
        if c not in "$\\":
            i += 1
            continue
        bl = _BLANK.search(m, i)
        limit = bl.start() if bl else n
        if c == "\\":
            if m.startswith("\\[", i) or m.startswith("\\(", i):
                closer = "\\]" if m[i + 1] == "[" else "\\)"
                j = _find_closer(m, closer, i + 2, limit)
                kind = "display" if closer == "\\]" else "inline"
                if j < 0:
                    eol = m.find("\n", i)
                    eol = n if eol < 0 else eol
                    spans.append(("unclosed", i, eol, f"{m[i:i + 2]} is never closed by {closer}", 0))
                    i = eol
                    continue
                spans.append((kind, i, j + 2, i + 2, j))
                i = j + 2
                continue
            mm = re.compile(r"\\begin\{([A-Za-z]+\*?)\}").match(m, i)
            if mm and mm.group(1) in _BARE_ENVS:
                j = _find_env_end(m, mm.group(1), mm.end(), limit)
                if j < 0:
                    eol = m.find("\n", i)
                    eol = n if eol < 0 else eol
                    spans.append(("unclosed", i, eol,
                                  f"\\begin{{{mm.group(1)}}} has no \\end{{{mm.group(1)}}} before a blank line", 0))
                    i = eol
                    continue
                end = j + len("\\end{%s}" % mm.group(1))
                spans.append(("display", i, end, i, end))
                i = end
                continue
            i += 2
            continue
        # c == "$"
        if not _unescaped(m, i):
            i += 1
            continue
        if m.startswith("$$", i):
            j = _find_closer(m, "$$", i + 2, limit)
            if j < 0:
                eol = m.find("\n", i)
                eol = n if eol < 0 else eol
                spans.append(("unclosed", i, eol, "$$ is never closed (no $$ before a blank line)", 0))
                i = eol
                continue
            spans.append(("display", i, j + 2, i + 2, j))
            i = j + 2
            continue
        j = _find_closer(m, "$", i + 1, limit)
        if j < 0 or not m[i + 1:j].strip():
            i += 1       # a lone dollar sign is just text
            continue
        spans.append(("inline", i, j + 1, i + 1, j))
        i = j + 1
    return spans


# ----------------------------------------------------------------------------- assembling

class _Reader:
    """Turns masked sources into items, keeping the continuation state across cells."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.group: list[Chain] = []        # chains of the last display row
        self.last_inline: Chain | None = None
        self.prev_raw: str | None = None    # text of the previous display block
        self.prev_end = 0

    # lines ---------------------------------------------------------------
    def _set_source(self, text: str, linemap: list[int] | None):
        self.text = text
        self.newlines = [k for k, ch in enumerate(text) if ch == "\n"]
        self.linemap = linemap
        self.prev_raw = None
        self.prev_end = 0

    def line(self, offset: int) -> int:
        ln = bisect.bisect_left(self.newlines, offset) + 1
        if self.linemap:
            return self.linemap[min(ln, len(self.linemap)) - 1]
        return ln

    # feeding -------------------------------------------------------------
    def feed(self, masked: str, linemap: list[int] | None = None):
        self._set_source(masked, linemap)
        spans = _scan(masked)
        pos = 0
        inlines = [s for s in spans if s[0] == "inline"]
        self.inline_starts = [s[1] for s in inlines]
        for sp in spans:
            if sp[0] == "inline":
                continue
            self._prose(pos, sp[1], inlines)
            if sp[0] == "unclosed":
                self.doc.items.append(Unreadable(masked[sp[1]:sp[2]].strip(), self.line(sp[1]), sp[3]))
            else:
                self._display(sp)
            pos = sp[2]
        self._prose(pos, len(masked), inlines)

    def _prose(self, a: int, b: int, inlines: list[tuple]):
        m = self.text
        starts = [a] + [x.end() for x in _BLANK.finditer(m, a, b)]
        ends = [x.start() for x in _BLANK.finditer(m, a, b)] + [b]
        for pa, pb in zip(starts, ends):
            chunk = m[pa:pb]
            if not chunk.strip():
                continue
            lead = len(chunk) - len(chunk.lstrip())
            self.doc.items.append(Prose(chunk.strip(), self.line(pa + lead)))
            k = bisect.bisect_left(self.inline_starts, pa)
            while k < len(inlines) and inlines[k][1] < pb:
                for row in split_block(m, inlines[k][3], inlines[k][4], display=False):
                    self._row(row, "inline", None)
                k += 1

    def _display(self, sp: tuple):
        _, a, b, ia, ib = sp
        raw = re.sub(r"\s+", " ", self.text[ia:ib]).strip()
        if not raw:
            return
        if raw == self.prev_raw and not self.text[self.prev_end:a].strip():
            self.prev_end = b
            return          # a duplicated line from the conversion: read once
        self.prev_raw, self.prev_end = raw, b
        last_part: list[Part | None] = [None]
        for row in split_block(self.text, ia, ib, display=True):
            self._row(row, "display", last_part)

    def _part(self, toks, relation) -> Part:
        return Part(join_text(toks), self.line(toks[0].start), relation)

    def _target(self) -> Chain | None:
        if self.group:
            return self.group[-1]
        return self.last_inline

    def _row(self, row: Row, kind: str, last_part: list | None):
        items = self.doc.items
        if row.error:
            items.append(Unreadable(self.text[row.start:row.end].strip(), self.line(row.start), row.error))
            return
        stmts = list(row.stmts)
        if not stmts:
            if row.tag and self.group and kind == "display" and self.group[-1].tag is None:
                self.group[-1].tag = row.tag
            return
        if row.merge_up and last_part and last_part[0] is not None:
            lp = last_part[0]
            lp.text = (lp.text + " " + join_text(stmts[0].parts[0])).strip()
            if stmts[0].condition:
                lp.condition = stmts[0].condition
            stmts = stmts[1:]
        k = len(stmts)
        pairwise = (kind == "display" and k > 1 and len(self.group) == k
                    and all(st.continues for st in stmts)
                    and all(st.boundary in ("sep", "comma") for st in stmts[1:]))
        new_group: list[Chain] = []
        for j, st in enumerate(stmts):
            if st.error:
                toks = [t for p in st.parts for t in p]
                a, b = (toks[0].start, toks[-1].end) if toks else (row.start, row.end)
                items.append(Unreadable(self.text[a:b].strip(), self.line(a), st.error))
                continue
            parts = []
            for i, toks in enumerate(st.parts):
                if toks:
                    parts.append(self._part(toks, st.rels[i - 1] if i else None))
            if st.condition:
                parts[-1].condition = st.condition
            if st.continues:
                if pairwise:
                    target = self.group[j]
                elif j > 0 and new_group:
                    target = new_group[-1]
                else:
                    target = self._target()
                if target is None:
                    items.append(Unreadable(" ".join(f"{p.relation} {p.text}" for p in parts), parts[0].line,
                                            "starts with a relation but no chain comes before it"))
                    continue
                target.parts.extend(parts)
                target.continues = True
                if row.tag and target.tag is None:
                    target.tag = row.tag
                if target not in new_group:
                    new_group.append(target)
            else:
                if kind == "inline" and len(parts) == 1:
                    continue        # notation inside prose, not a claim
                chain = Chain(parts, kind, False, row.tag)
                items.append(chain)
                new_group.append(chain)
            if last_part is not None and parts:
                last_part[0] = parts[-1]
        if not new_group:
            return
        if kind == "display":
            self.group = new_group
        elif self.group == [] or new_group[-1] not in self.group:
            self.last_inline = new_group[-1]


# ----------------------------------------------------------------------------- notebooks

_JWS = re.compile(r"[ \t\n\r]*")
_JNUM = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


class _PStr(str):
    """A JSON string that remembers where it starts in the file."""

    pos: int = 0


def _parse_json_positions(s: str, i: int = 0):
    """Parse JSON keeping the offset of every string (the input is already known valid)."""
    i = _JWS.match(s, i).end()
    c = s[i]
    if c == "{":
        obj = {}
        i = _JWS.match(s, i + 1).end()
        if s[i] == "}":
            return obj, i + 1
        while True:
            i = _JWS.match(s, i).end()
            key, i = scanstring(s, i + 1)
            i = _JWS.match(s, i).end() + 1          # ':'
            obj[key], i = _parse_json_positions(s, i)
            i = _JWS.match(s, i).end()
            if s[i] == "}":
                return obj, i + 1
            i += 1
    if c == "[":
        arr = []
        i = _JWS.match(s, i + 1).end()
        if s[i] == "]":
            return arr, i + 1
        while True:
            v, i = _parse_json_positions(s, i)
            arr.append(v)
            i = _JWS.match(s, i).end()
            if s[i] == "]":
                return arr, i + 1
            i += 1
    if c == '"':
        v, end = scanstring(s, i + 1)
        ps = _PStr(v)
        ps.pos = i
        return ps, end
    for word, val in (("true", True), ("false", False), ("null", None)):
        if s.startswith(word, i):
            return val, i + len(word)
    m = _JNUM.match(s, i)
    return json.loads(m.group(0)), m.end()


def _read_notebook(raw: str, doc: Document):
    try:
        nb = json.loads(raw)
    except json.JSONDecodeError as e:
        raise DocumentError(f"{doc.path}: not a valid notebook: JSON error at line {e.lineno}, "
                            f"column {e.colno}: {e.msg}") from None
    if not isinstance(nb, dict):
        raise DocumentError(f"{doc.path}: not a notebook: the JSON top level is not an object")
    try:
        nbp, _ = _parse_json_positions(raw)
    except (IndexError, ValueError, TypeError, AttributeError):
        nbp = nb
    cells = nbp.get("cells")
    if cells is None and isinstance(nbp.get("worksheets"), list) and nbp["worksheets"]:
        cells = nbp["worksheets"][0].get("cells")
    if not isinstance(cells, list):
        raise DocumentError(f"{doc.path}: not a notebook: no list of 'cells'")
    newlines = [k for k, ch in enumerate(raw) if ch == "\n"]

    def file_line(pos: int) -> int:
        return bisect.bisect_left(newlines, pos) + 1

    reader = _Reader(doc)
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        src = cell.get("source", "")
        pieces = src if isinstance(src, list) else [src]
        if not all(isinstance(p, str) for p in pieces):
            doc.items.append(Unreadable("", 0, "a markdown cell whose source is not text"))
            continue
        text = "".join(pieces)
        linemap: list[int] = []
        for p in pieces:
            at = file_line(p.pos) if isinstance(p, _PStr) else 0
            linemap.extend([at] * (p.count("\n") + (0 if p.endswith("\n") else 1)))
        if not linemap or text.endswith("\n"):
            linemap.append(linemap[-1] if linemap else 0)
        if any(x == 0 for x in linemap):      # positions unknown: lines relative to the cell
            linemap = None
        reader.feed(_mask_markdown(text.replace("\r\n", "\n")), linemap)


# ----------------------------------------------------------------------------- public API

def _decode(data: bytes, path: str, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise DocumentError(f"{path}: too large ({len(data)} bytes; the limit is {max_bytes} bytes)")
    if b"\x00" in data:
        raise DocumentError(f"{path}: a binary file (it contains NUL bytes), not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise DocumentError(f"{path}: not UTF-8 text (byte 0x{data[e.start]:02x} on line {line}); "
                            f"save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(text: str, format: str = "markdown", path: str = "<text>", *,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a document given as a string; ``format`` is markdown, latex or notebook.

    >>> [c.parts[-1].text for c in read_text(r"$$a = b \\ = c$$").chains()]
    ['c']
    """
    fmt = _FORMATS.get(format.lower().lstrip("."))
    if fmt is None:
        raise DocumentError(f"unknown format {format!r}; use one of markdown, latex, notebook")
    if not isinstance(text, str):
        raise DocumentError(f"{path}: expected text, got {type(text).__name__}")
    if len(text) > max_bytes:
        raise DocumentError(f"{path}: too large ({len(text)} characters; the limit is {max_bytes})")
    if "\x00" in text:
        raise DocumentError(f"{path}: a binary file (it contains NUL bytes), not a text document")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    doc = Document(path, fmt)
    if fmt == "notebook":
        _read_notebook(text, doc)
    elif fmt == "latex":
        _Reader(doc).feed(_mask_latex(text))
    else:
        _Reader(doc).feed(_mask_markdown(text))
    return doc


def read_document(path, *, format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a file; the format comes from its extension (.md .markdown .txt .tex .ipynb)."""
    p = os.fspath(path)
    fmt = format or _EXTENSIONS.get(os.path.splitext(p)[1].lower())
    if fmt is None:
        raise DocumentError(f"{p}: unknown file type; expected one of {', '.join(sorted(_EXTENSIONS))}")
    try:
        size = os.path.getsize(p)
        if size > max_bytes:
            raise DocumentError(f"{p}: too large ({size} bytes; the limit is {max_bytes} bytes)")
        with open(p, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise DocumentError(f"{p}: cannot read: {e.strerror or e}") from None
    return read_text(_decode(data, p, max_bytes), fmt, p, max_bytes=max_bytes)
