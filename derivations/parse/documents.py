r"""Read a student's document (Markdown, LaTeX, notebook) into chains of textual parts.

The reader works at the text level: it finds the math, cuts it into chains
``part rel part rel ...`` and records for every part the 1-based line of the
file where it is written.  It never turns an expression into SymPy; the
checker calls the expression parser on each ``Part.text``.

>>> doc = read_text("Given $x = 2$.\n\n$$f(x) = x^2 + 1$$\n\n$$= 5$$\n")
>>> [(p.relation, p.text, p.line) for p in doc.chains()[1].parts]
[(None, 'f(x)', 3), (Relation.EQ, 'x^2 + 1', 3), (Relation.EQ, '5', 5)]

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
  and ``- \frac{..}`` are kept as minus signs.  A list item whose math starts with
  its own dash (``- $-e^{z_A} = e^7$``) reads without it; the text as written is in
  ``Part.variants`` (a step is wrong only if it is wrong under every reading).
- Relations are :class:`~derivations.vocabulary.Relation` members; ``:=``,
  ``\coloneqq``, ``\triangleq``, ``\stackrel{\text{def}}{=}`` and ``\overset{!}{=}``
  are ``Relation.DEFINE`` (a definition or an update, never a step).
- Layout: ``eqnarray``, ``IEEEeqnarray``, an align row ending in ``&=`` (its right
  side is the next row), ``$$`` and ``\[`` blocks with a blank line inside (when the
  closer ends its line and what lies between is math), kramdown's ``\\[ .. \\]`` and
  ``\\( .. \\)`` (and its ``$$..$$`` mid-sentence, which is inline), a bare
  ``\begin{cases}``/``bmatrix`` in Markdown, blockquotes (a ``>`` at the start of a
  quoted line is a quote marker, never "greater than"), ``\boxed``, ``\textcolor``,
  ``\underbrace{..}_{..}`` (looked through), connectives and definitions in German,
  French and Spanish (``\text{und}``, ``\text{wobei}``, ``\text{donc}``), and
  ``\forall x \in \mathbb{R}:`` (a condition).  A comma between two digits with no
  space (``0,5``) never separates statements.
- ``x \in \mathbb{R}^{n}``, ``W \in \mathbb{R}^{4 \times 3}``, ``y \in \{0, 1\}`` (inline
  or display) are :class:`Declaration` items with their
  :class:`~.latex_annotations.Annotation`.
- Honest silence: math that cannot be cut into chains is an :class:`Unreadable`
  item with its line and reason, never dropped: an unclosed ``$``, ``$$``, ``\[``
  or environment (the item covers its paragraph), an environment the parser does
  not read (``tabular``), a statement with ``\in`` that is no declaration we read.
  An align row's ``&&`` column is a justification, not a claim, and is not read.  A prose line holding
  math without delimiters (``z1 = w1*x1 + b1 = 0.5``, ``σ(0) = 0.5``) is an
  :class:`UndelimitedMath` item.
- ``Document.context`` (:class:`~.doc_context.DocumentContext`) says what the
  document says about its notation: its language, decimal mark (``0,8`` in a
  German document), the words it uses as names (``net``, ``out``) and whether e is a
  variable.  Pass ``doc.context.parse_options()`` to the expression parser.
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

from ..vocabulary import Relation
from .doc_context import DocumentContext, read_context
from .doc_split import _WRAPPERS_ROWS, _WRAPPERS_SINGLE, MATH_ENVS, Row, split_block
from .doc_tokens import join_text
from .latex_annotations import Annotation, parse_annotation
from .latex_scan import escaped

__all__ = ["Part", "Chain", "Prose", "Unreadable", "Declaration", "UndelimitedMath", "Document", "DocumentError",
           "read_document", "read_text", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 5_000_000
_FORMATS = {"markdown": "markdown", "md": "markdown", "markdown_text": "markdown", "txt": "markdown",
            "text": "markdown", "latex": "latex", "tex": "latex", "notebook": "notebook",
            "ipynb": "notebook"}
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "markdown", ".tex": "latex",
               ".ipynb": "notebook"}
_BARE_ENVS = _WRAPPERS_ROWS | _WRAPPERS_SINGLE | MATH_ENVS
#: environments that only occur inside math: written bare in Markdown they are math too
_INNER_MATH_ENVS = {"cases", "bmatrix", "pmatrix", "matrix", "Bmatrix", "vmatrix", "array",
                    "smallmatrix"}


class DocumentError(Exception):
    """The file cannot be read at all (not text, not a notebook, too large)."""


@dataclass
class Part:
    """One side of a relation, with the line it is written on.

    ``variants`` are other texts the part may be, when conversion noise makes the
    writing ambiguous (a list bullet that slipped into the math: ``- $-e^{z_A} = e^7$``
    reads ``e^{z_A}``, with ``-e^{z_A}`` as the variant).  A checker should call a step
    wrong only when it is wrong under every reading.
    """

    text: str
    line: int
    relation: Relation | None = None  # relation to the previous part; None for the first
    condition: str | None = None     # e.g. 'x > 0' from '\text{for } x > 0' on this step
    variants: tuple[str, ...] = ()


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
    """Math (or what looks like math) that could not be cut into chains, and why."""

    text: str
    line: int
    reason: str


@dataclass
class UndelimitedMath:
    """A prose line that holds math written without delimiters (``z1 = w1*x1 + b1 = 0.5``,
    ``σ(0) = 0.5``): not read, and said so.  Converted PDFs often lose their ``$``."""

    text: str
    line: int
    reason: str = "math written outside $ … $ is not read"


@dataclass
class Declaration:
    r"""``x \in \mathbb{R}^{n}``: what a name is; ``annotation`` is its reading."""

    text: str
    line: int
    annotation: Annotation
    kind: str = "display"            # "display" or "inline"


@dataclass
class Document:
    """The items of a document in order (:class:`Chain`, :class:`Prose`,
    :class:`Declaration`, :class:`Unreadable`, :class:`UndelimitedMath`) and what the document says about its
    notation (:class:`~.doc_context.DocumentContext`): ``decimal_mark``, ``names``,
    ``variables``, ``language``.  Pass ``context.parse_options()`` to the parser."""

    path: str
    format: str
    items: list = field(default_factory=list)
    context: DocumentContext = field(default_factory=DocumentContext)

    def chains(self) -> list[Chain]:
        return [i for i in self.items if isinstance(i, Chain)]

    def unreadable(self) -> list[Unreadable]:
        return [i for i in self.items if isinstance(i, Unreadable)]

    def undelimited(self) -> list[UndelimitedMath]:
        return [i for i in self.items if isinstance(i, UndelimitedMath)]

    def declarations(self) -> list[Declaration]:
        return [i for i in self.items if isinstance(i, Declaration)]


# ----------------------------------------------------------------------------- masking

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLANK = re.compile(r"\n[ \t]*\n")


def _blank(text: str, a: int, b: int) -> str:
    """Replace ``text[a:b]`` by spaces, keeping newlines (offsets and lines stay)."""
    return text[:a] + re.sub(r"[^\n]", " ", text[a:b]) + text[b:]


_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")


def _mask_markdown(text: str) -> str:
    """Blank what is not prose or math: code, comments, and blockquote markers (``> ``).

    A ``>`` at the start of a line is a quote marker (never "greater than") unless the
    line is inside a display block that was opened outside the quote.
    """
    out = []
    fence = None
    open_display = False     # inside '$$' opened on a line that is not quoted
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            out.append(" " * len(line))
            continue
        if fence is not None:
            if m and m.group(1).startswith(fence):
                fence = None
            out.append(" " * len(line))
            continue
        q = _QUOTE.match(line)
        if q and not open_display:
            line = " " * q.end() + line[q.end():]
        elif not q and line.count("$$") % 2 == 1:
            open_display = not open_display
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
    return not escaped(m, i)


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


_PROSE_LINE = re.compile(r"(?:^|\s)(?:[A-Za-zÀ-ÿ]{2,}[,.;:]?\s+){5,}")
_ENV_OPEN = re.compile(r"\\begin\{([A-Za-z]+\*?)\}")
_MATHY = re.compile(r"\\[A-Za-z]+|[=<>^_]|\d")


def _looks_like_math(inner: str) -> bool:
    """Text between delimiters that crossed a blank line: math, not paragraphs of prose."""
    for line in inner.split("\n"):
        bare = re.sub(r"\\(?:text|mathrm|textbf|mbox)\{[^{}]*\}", " ", line)
        if _PROSE_LINE.search(bare) and not _MATHY.search(bare):
            return False
        if bare.strip().startswith("#") or "$" in bare:
            return False
    return True


def _closer_across_blank_lines(m: str, closer: str, i: int, limit: int) -> int:
    """The closer of a block whose math has a blank line inside, or -1.

    Markdown renderers differ here; a block is read across blank lines when its
    closer ends its line, the next line is blank, prose or another block (not math
    that this '$$' would open), and everything between looks like math.
    """
    j = _find_closer(m, closer, i, len(m))
    if j < 0:
        return -1
    # a closer is followed by the end of its line and then a blank line (or the end):
    # a '$$' followed by more math is the opener of the next block
    after = m[j + len(closer):]
    line_end = after.find("\n")
    rest, following = (after, "") if line_end < 0 else (after[:line_end], after[line_end + 1:])
    next_line = following.split("\n", 1)[0].strip()
    opens_math = next_line and not next_line.startswith(("$$", "\\[", "\\begin", "#")) \
        and not _PROSE_LINE.search(next_line)
    if rest.strip() or opens_math:
        return -1     # this '$$' opens the block on the next line
    return j if _looks_like_math(m[i:j]) else -1


def _scan(m: str, *, markdown: bool = True) -> list[tuple]:
    """Math spans of the masked text, in order.

    Each entry is ``(kind, start, end, inner_start, inner_end)`` with kind
    "display", "inline" or "unclosed" (then inner_start holds the reason).
    Display math runs across a blank line only when what lies between looks like
    math (see :func:`_closer_across_blank_lines`); inline math never does.  In
    Markdown, kramdown's ``\\[ .. \\]`` and ``\\( .. \\)`` are delimiters too (and its
    ``$$..$$`` in the middle of a sentence is inline math), and an
    environment that only lives inside math (``\begin{cases}``, ``bmatrix``) written
    bare is display math.
    """
    spans: list[tuple] = []
    i, n = 0, len(m)

    def unclosed(at: int, reason: str, *, paragraph: bool = True) -> int:
        """Report an unclosed delimiter; what it opened runs to the paragraph's end (or the line's)."""
        stop = m.find("\n", at)
        stop = n if stop < 0 else stop
        if paragraph:
            blank = _BLANK.search(m, at)
            stop = blank.start() if blank else n
        spans.append(("unclosed", at, stop, reason, 0))
        return stop

    while i < n:
        c = m[i]
        if c not in "$\\":
            i += 1
            continue
        bl = _BLANK.search(m, i)
        limit = bl.start() if bl else n
        if c == "\\":
            kramdown = markdown and (m.startswith("\\\\[", i) or m.startswith("\\\\(", i))
            if kramdown or m.startswith("\\[", i) or m.startswith("\\(", i):
                width = 3 if kramdown else 2
                bracket = m[i + width - 1]
                closer = ("\\\\" if kramdown else "\\") + ("]" if bracket == "[" else ")")
                j = _find_closer(m, closer, i + width, limit)
                if j < 0 and bracket == "[":
                    j = _closer_across_blank_lines(m, closer, i + width, limit)
                kind = "display" if bracket == "[" else "inline"
                if j < 0:
                    i = unclosed(i, f"{m[i:i + width]} is never closed by {closer}")
                    continue
                spans.append((kind, i, j + len(closer), i + width, j))
                i = j + len(closer)
                continue
            mm = _ENV_OPEN.match(m, i)
            if mm and (mm.group(1) in _BARE_ENVS or (markdown and mm.group(1) in _INNER_MATH_ENVS)):
                j = _find_env_end(m, mm.group(1), mm.end(), limit)
                if j < 0:
                    j = _find_env_end(m, mm.group(1), mm.end(), n)
                    if j >= 0 and not _looks_like_math(m[mm.end():j]):
                        j = -1
                if j < 0:
                    i = unclosed(i, f"\\begin{{{mm.group(1)}}} has no \\end{{{mm.group(1)}}} before a blank line")
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
                j = _closer_across_blank_lines(m, "$$", i + 2, limit)
            if j < 0:
                i = unclosed(i, "$$ is never closed (no $$ before a blank line)")
                continue
            spans.append((_dollars_kind(m, i, j + 2), i, j + 2, i + 2, j))
            i = j + 2
            continue
        j = _find_closer(m, "$", i + 1, limit)
        if j < 0 or not m[i + 1:j].strip():
            eol = m.find("\n", i)
            rest = m[i + 1:n if eol < 0 else eol]
            if j < 0 and _LONE_DOLLAR_MATH.match(rest):
                i = unclosed(i, "a $ is never closed (no $ before the end of the line)", paragraph=False)
                continue
            i += 1       # a lone dollar sign is just text
            continue
        spans.append(("inline", i, j + 1, i + 1, j))
        i = j + 1
    return spans


def _dollars_kind(m: str, a: int, b: int) -> str:
    """``$$..$$`` in the middle of a sentence (kramdown writes all math so) is inline math."""
    if "\n" in m[a:b]:
        return "display"
    line_start = m.rfind("\n", 0, a) + 1
    line_end = m.find("\n", b)
    before, after = m[line_start:a], m[b:len(m) if line_end < 0 else line_end]
    words = re.compile(r"[^\W\d_]{2,}")
    return "inline" if words.search(before) and words.search(after) else "display"


#: what follows a lone '$' when it opened math that was never closed: a relation or a command
_LONE_DOLLAR_MATH = re.compile(r"[^$]*?(?:\\[A-Za-z]+|[=<>≈≤≥^_])")


# ----------------------------------------------------------------------------- assembling

class _Reader:
    """Turns masked sources into items, keeping the continuation state across cells."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.group: list[Chain] = []        # chains of the last display row
        self.last_inline: Chain | None = None
        self.prev_raw: str | None = None    # text of the previous display block
        self.prev_end = 0
        self.markdown = True

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
    def feed(self, masked: str, linemap: list[int] | None = None, *, markdown: bool = True):
        self._set_source(masked, linemap)
        self.markdown = markdown
        spans = _scan(masked, markdown=markdown)
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
            if self.markdown:
                self._math_outside_delimiters(pa, pb, [sp for sp in inlines[k:] if sp[1] < pb])
            while k < len(inlines) and inlines[k][1] < pb:
                before = len(self.doc.items)
                for row in split_block(m, inlines[k][3], inlines[k][4], display=False):
                    self._row(row, "inline", None)
                if _after_bullet(m, inlines[k][1]):
                    _bullet_variant(self.doc.items[before:], m[inlines[k][3]:inlines[k][4]])
                k += 1

    def _math_outside_delimiters(self, a: int, b: int, inlines: list[tuple]):
        """A prose line that holds a relation between math-like sides (``z1 = 0.5*2 + 1``,
        ``σ'(x) = σ(x)(1 − σ(x))``) is math without delimiters: reported, never dropped."""
        chunk = list(self.text[a:b])
        for sp in inlines:
            for k in range(max(sp[1], a), min(sp[2], b)):
                if chunk[k - a] != "\n":
                    chunk[k - a] = " "
        pos = a
        for line in "".join(chunk).split("\n"):
            if _ASCII_MATH.search(line) and not _NOT_MATH.search(line) and _MATH_SIGNS.search(line):
                lead = len(line) - len(line.lstrip())
                self.doc.items.append(UndelimitedMath(line.strip(), self.line(pos + lead)))
            pos += len(line) + 1

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
        before = len(self.doc.items)
        bullet = _after_bullet(self.text, a)
        for row in split_block(self.text, ia, ib, display=True, after_bullet=bullet):
            self._row(row, "display", last_part)
        if bullet:
            _bullet_variant(self.doc.items[before:], self.text[ia:ib])

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
            if st.declaration:
                toks = st.parts[0]
                text = join_text(toks)
                annotation = parse_annotation(text)
                if annotation is not None:
                    items.append(Declaration(text, self.line(toks[0].start), annotation, kind))
                elif kind == "display":
                    items.append(Unreadable(text, self.line(toks[0].start),
                                            "a statement with \\in that is not a declaration we can read"))
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


_ASCII_MATH = re.compile(r"[\w)\]}'′’⁰-⁹₀-₉]\s*(?::=|=|≈|≤|≥|<=|>=|≠|!=|\\(?:approx|le|leq|ge|geq|neq)\b)\s*"
                         r"[-−(\w√σ∂\\]|^\s*(?:=|≈|≤|≥|\\approx)\s*[-−(\w√σ∂\\]")
_NOT_MATH = re.compile(r"https?:|www\.|<[A-Za-z][^>]*=|\]\(|==|^\s*[=\-]{3,}\s*$|^\s*\|?\s*:?-{3,}")
_MATH_SIGNS = re.compile(r"\d|[*^_/√σ∂ΣΔ]|[α-ω]|[₀-₉⁰-⁹]|\\[A-Za-z]")
_BULLET_BEFORE = re.compile(r"(?:^|\n)[ \t]*[-*+][ \t]+$")


def _after_bullet(text: str, at: int) -> bool:
    """Is the math that starts at ``at`` the first thing of a list item (``- $..$``)?"""
    start = text.rfind("\n", 0, at) + 1
    return bool(_BULLET_BEFORE.search(text[max(0, start - 1):at]))


def _bullet_variant(items: list, inner: str):
    """``- $-e^{z_A} = e^7$``: the math's own leading '-' may be the list bullet again.

    The first part is read without it (the usual cause is a converter that copied the
    bullet into the math); the text as written is kept in ``Part.variants``.
    """
    stripped = inner.lstrip()
    if not (stripped.startswith("-") and len(stripped) > 1 and not stripped[1].isspace()
            and stripped[1] != "-"):
        return
    chain = next((i for i in items if isinstance(i, Chain)), None)
    if chain is None or not chain.parts or not chain.parts[0].text.startswith("-"):
        return
    first = chain.parts[0]
    first.variants = (first.text,) + first.variants
    first.text = first.text[1:].lstrip()


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
    return reader


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
        _Reader(doc).feed(_mask_latex(text), markdown=False)
    else:
        _Reader(doc).feed(_mask_markdown(text))
    doc.context = read_context(doc)
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
