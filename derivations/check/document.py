r"""Check a whole document: every link of every chain, in order, with a model of its names.

Before any verdict the document is surveyed (:mod:`.names`): what each name is
(a function, an integer index or count, a vector or matrix, an indexed family, a
dependent quantity, an adjoint).  Then the chains are read in order, under a
:class:`~.scope.Scope` that follows the reader:

* a chain whose first side is a new name (``z_1 = …``), a family (``p_i = …``) or a
  function head (``f(x) = …``, ``\phi(u) = …``) defines it; that first link is not a
  step.  A function head always (re)defines (a table of activations defines f anew
  on every row); a name first defined in an earlier section may be defined anew;
  ``W_1 := W_1 - \eta g`` is an update, never a step; ``x \in \mathbb{R}^n`` declares;
* givens in inline math (``$x_1 = 1, x_2 = 0$``) or prose (``z_A = 7``) bind names for
  what follows; a value stated for one example ("at $z = 0$ the slope is …") binds
  only the claims of its own sentence;
* a substitution step (a side that is the previous side with numbers put in) states
  those values: each is compared with the value given before, and new ones are bound;
* each step is compared with the student's own previous side; a step that is wrong
  only because it uses the student's own earlier wrong value *follows* from that line
  (an error carried forward is reported once);
* a step is called wrong only with a counterexample that fits the model; when a
  reading exists under which it is right (the example value of an earlier sentence),
  it is unchecked, with the reason.

A line that cannot be parsed gives an *unchecked* step with its reason, and the
rest is still checked.

>>> from derivations.parse.documents import read_text
>>> report = check(read_text("$$s(x) = x^2$$\n\n$$s'(x) = 2x = 3x$$\n"))
>>> [(s.line, s.verdict) for s in report.steps]
[(3, 'proved'), (3, 'wrong')]
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from sympy import (
    Add,
    Derivative,
    Function,
    Indexed,
    Integer,
    KroneckerDelta,
    MatrixBase,
    Mul,
    Product,
    Rational,
    S,
    Subs,
    Sum,
    Symbol,
)
from sympy.core.function import AppliedUndef

from ..derivation import RELATIONS, Derivation, Evidence, Step
from ..engine.limits import TimeLimitExceeded, time_limit
from ..engine.normalize import normal_form
from ..numbers import read_number
from ..parse.documents import Chain, Document, Prose, UndelimitedMath, Unreadable
from ..parse.latex import ParseError, function_head, parse_expression
from ..parse.latex_written import with_decimal_points
from ..vocabulary import Relation, Verdict
from .diagnose import diagnose
from .judge import Judgement, Side, judge, latex_of, lost_dependency
from .names import HEADING, INDEX_LETTERS, Names, base_and_index, survey
from .scope import Scope, ScopeError
from .substitution import substitution

RELATION_LATEX = {r.value: r.latex for r in Relation}
PROVED, VERIFIED, WRONG, FOLLOWS, UNCHECKED = (Verdict.PROVED.value, Verdict.VERIFIED.value, Verdict.WRONG.value,
                                               Verdict.FOLLOWS.value, Verdict.UNCHECKED.value)
ACCEPTED = (PROVED, VERIFIED)

# a given in prose names an indexed quantity (z_A = 7, w_{11} = 0.5); "at x = 0" is not a given
# w_1 = 0.5 in words (not 1/2, 5 · 10^-3 or 0,5 in a document whose decimal mark is not ",": those are not read)
_PROSE_GIVEN = re.compile(r"(?<![\w\\$])([A-Za-z]_\{?[A-Za-z0-9,]+\}?)\s*=\s*(-?\d+(?:[.,]\d+)?)"
                          r"(?![\w/^]|[.,]\d|\s*(?:·|×|\*|\\cdot|\\times)\s*\d)")
# the word before an inline value that makes it an example for one sentence: "at $z = 0$", "für $x = 2$"
_LOCAL_WORDS = frozenset("""
at for when if whenever near around evaluated assuming suppose bei für wenn falls an en pour quand si lorsque
para cuando em quando se per quando in dla przy при для 当 在
""".split())
_NUMERALS = re.compile(r"(?<![\w.])\d+\.\d+|(?<![\w.])\d+(?![\w.])")
# indices said to differ, in prose or a heading: "for i ≠ j", "$i \neq j$", "(i != j)"
_DISTINCT = re.compile(r"(?<![\w\\])([ijklmn])\s*(?:≠|\\neq?\b|!=|\\not=)\s*([ijklmn])(?!\w)")
_ONE_HOT = re.compile(r"(?i)\bone[- ]?hot\b")
_HYPOTHETICAL_WORDS = frozenset("if when whenever suppose assuming wenn falls si quand lorsque cuando se quando".split())
_STARTING_WORDS = frozenset("""
start starts starting started begin begins beginning initial initialize initialise initialized initialised
init beginne beginnen starte starten commence commencer empezar empezamos comenzar começar iniziare
""".split())
# k = 1, \dots, K (an index's range) and (3.2, 5.1, -1.7) (a vector's entries)
_RANGE = re.compile(r"[0-9]+\s*,\s*(?:[^,]+,\s*)?(?:\\[lc]?dots|\\dotsc|\.\.\.|…)\s*,\s*[^,]+")
_TUPLE = re.compile(r"(?:\\left)?[(\[]\s*(?P<items>[^()\[\]]+?)\s*(?:\\right)?[)\]]\s*(?:\^\s*\{?\s*(?:T|\\top)\s*\}?)?")
_ORDERS = frozenset({Relation.LT, Relation.LE, Relation.GT, Relation.GE})
# a sentence saying that its formula holds for every value: "in general", "for any $y$", "für alle", "pour tout"
_GENERAL = re.compile(r"(?i)(?<!\w)(?:in general|generally|for (?:any|all|every|arbitrary)|in (?:the )?general case|"
                      r"(?:im )?allgemein(?:en)?|für (?:alle|beliebige?n?|jedes?n?)|en général|de manière générale|"
                      r"pour (?:tout|toute|tous)|quel que soit|en general|para (?:todo|toda|cualquier|qualquer)|"
                      r"em geral|in generale|per (?:ogni|qualsiasi))(?!\w)")
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")
# a sentence that presents its formula as a mistake ("a common mistake is to write $…$"): not the author's claim;
# words that also name the loss (Fehler, erreur, ошибка, błąd: the error of a network) are not among them
_MISTAKE = re.compile(r"(?i)(?<!\w)(?:mistakes?|mistaken(?:ly)?|wrong(?:ly)?|incorrect(?:ly)?|erroneous(?:ly)?|"
                      r"fehlerhaft\w*|falsch\w*|faux|fausse|incorrecte?s?|err[óo]ne[oa]s?|incorrect[oa]s?|"
                      r"equivocad[oa]s?|sbagliat[oaie]|errat[oaie]|errad[oa]s?|ошибочн\w*|неверн\w*|"
                      r"неправильн\w*|błędn\w*)(?!\w)|错误|错的|"
                      # the words that also name the loss, only with what makes them a slip: "ein häufiger Fehler"
                      r"(?:häufig|typisch|klassisch|gängig|beliebt|typical|common|frequent|classic)\w*\s+"
                      r"(?:fehler|errors?)|(?:erreurs?|errores?|erros?|errori|errore)\s+(?:fréquente|courante|"
                      r"classique|typique|commune|frecuente|común|típico|comum|frequente|tipic[oa]|comune)s?|"
                      r"(?:частая|типичная|распространённая)\s+ошибка|(?:częsty|typowy)\s+błąd")
# "For a multiply gate $f = xy$ …": a sentence opening a new case defines its formulas
_NEW_CASE = re.compile(r"(?i)\s*(?:for|für|pour|para|per)\s+(?:a|an|the|one|ein|eine|einen|un|une|uno|una|um|uma)\b")
# a sentence that sets up an equation to solve ("setting the derivative to zero gives $2(w - 3) = 0$")
_EQUATION = re.compile(r"(?i)(?<!\w)(?:setting\b.{0,80}?\b(?:to )?(?:zero|0)\b|set\b.{0,80}?\bto (?:zero|0)\b|"
                       r"solv(?:e|es|ing)\b|normal equations?|gleich null|null\s*setzen|nullsetzen|"
                       r"(?:en )?égal(?:ant|er) à zéro|résol(?:vant|vons|vre)|igual(?:ando|ar) a cero|resolv(?:iendo|er)|"
                       r"ponendo\b.{0,80}?\buguale a zero|risolv(?:endo|ere))")


def _not_claimed_by(sentence: str) -> str:
    """Why a sentence (its math taken out) does not claim its formulas, else ""."""
    if _MISTAKE.search(sentence):
        return _AS_MISTAKE
    if _EQUATION.search(sentence):
        return _AS_EQUATION
    return ""


_AS_MISTAKE = "its sentence presents it as a mistake, not as a claim"
_AS_EQUATION = "its sentence sets up an equation to solve, not an identity"


# "for example, $x = 0$ gives …" (not "Example: $x = 1.5$, $w = 2$", the givens of a worked example)
_FOR_EXAMPLE = re.compile(r"(?i)(?<!\w)(?:for example|for instance|e\.\s?g\.|zum beispiel|z\.\s?b\.|beispielsweise|"
                          r"par exemple|por ejemplo|por exemplo|per esempio|ad esempio|na przykład|например)(?!\w)")
# a heading that starts a new problem: what was given for the one before does not hold in it
_PROBLEM_WORDS = (r"exercise|problem|question|task|aufgabe|übung|exercice|ejercicio|problema|esercizio|zadanie|задача|"
                  r"задание|练习|习题")
# ("## Exercise 2", "\section{Aufgabe 1}", "Problem 3: …"; not "## The vanishing gradient problem")
_NEW_PROBLEM = re.compile(rf"(?im)^\s{{0,3}}(?:#{{1,6}}\s+|\\(?:sub)*section\*?\{{|\*\*\s*)?(?:{_PROBLEM_WORDS})(?!\w)|"
                          rf"(?<!\w)(?:{_PROBLEM_WORDS})\s*\d")
_DEFINE_WORDS = re.compile(r"(?i)(?<!\w)(let|put|set|define[sd]?|defining|denote[sd]?|take|choose|consider|with|where|"
                           r"now|sei|seien|setze[n]?|mit|soit|posons|avec|sea|sean|con|tomemos|seja|sejam|com|sia|"
                           r"siano|poniamo|niech|пусть|где|设|令)(?!\w)")


def _decoration(name: str) -> str:
    """The indices of a symbol's name: '_{1}' for 'h_{1}', '^{[2]}' for 'a^{[2]}', '_{o1}' for '\\mathrm{net}_{o1}'."""
    m = re.match(r"^(\\[A-Za-z]+\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z]+)('*)(.*)$", name)
    return m.group(2) + m.group(3) if m else ""


@dataclass
class StepReport:
    """One step as reported.  ``detail``, ``slip`` and ``note`` are prose with ``$LaTeX$``;
    ``counterexample`` is the judge's (LaTeX strings); ``follows`` is the line of the earlier
    wrong step a ``follows`` verdict carries forward (see :mod:`.report_json`)."""

    line: int
    claim: str
    verdict: str
    detail: str
    expected: object = None
    lhs: str = ""
    rhs: str = ""
    relation: str = "="
    seconds: float = 0.0
    slip: str = ""
    counterexample: dict | None = None
    slip_kind: str = ""
    note: str = ""
    follows: int | None = None

    def as_dict(self) -> dict:
        from .report_json import step_json

        return step_json(self)


@dataclass
class FileReport:
    """The verdicts of one document: a row per step, and the chains read as shared :class:`Derivation` objects."""

    path: str
    steps: list[StepReport] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    derivations: list[Derivation] = field(default_factory=list, repr=False)

    def counts(self) -> dict[str, int]:
        """Steps per reported verdict: proved, verified, wrong, follows, unchecked."""
        from .report_json import counts

        return counts(self)

    @property
    def first_wrong_line(self) -> int | None:
        return next((s.line for s in self.steps if s.verdict == WRONG), None)

    @property
    def checked(self) -> bool:
        """False when nothing could be checked (no step, or every step unchecked)."""
        from .report_json import file_status

        return file_status(self) == "checked"

    def as_dict(self) -> dict:
        from .report_json import file_json

        return file_json(self)


@dataclass
class Limits:
    step_seconds: float = 5.0
    document_seconds: float = 120.0


@dataclass(frozen=True)
class _Span:
    """Where an inline chain is written: its ``$…$`` in a paragraph, and what its sentence says of it."""

    paragraph: int     # id of the paragraph
    math: str          # the text between the dollars
    start: int         # where its sentence starts in the paragraph
    local: bool        # after "at", "for", "if": an example for this sentence
    runs_on: bool      # the sentence goes on past the paragraph's end
    word: str          # the word right before it
    not_claimed: str   # why its sentence does not claim it (a mistake, an equation to solve), else ""
    general: bool = False   # the sentence says its claim holds in general ("for any $y$")
    between: str = ""       # the text since the math before it in the paragraph
    at: int = 0             # where its $ is in the paragraph
    after: str = ""         # the text after it, to the next math


@dataclass
class _Origin:
    """Where a name's binding came from: its line, its section, how it was bound."""

    line: int
    section: int
    how: str   # "definition", "given", "substitution", "update", "local"


@dataclass
class _Believed:
    """A value the student computed wrongly: the name (or written number), the student's value, the line."""

    value: object
    line: int


class _Checker:
    def __init__(self, doc: Document, limits: Limits):
        self.doc = doc
        self.limits = limits
        self.report = FileReport(doc.path)
        self.started = time.monotonic()
        self.names: Names = survey(doc)
        self.scope = Scope(self.names.edges, self.names.adjoint_loss)
        self.origins: dict = {}
        self.section = 0
        self.believed: dict = {}                  # name Symbol -> _Believed (student's own wrong value)
        self.written: dict[str, object] = {}       # name -> the last value the student wrote for it
        self.one_hot: set[str] = set()            # families said to be one-hot
        self.believed_rules: list = []            # (formula, the student's wrong formula, variables, line)
        self.results: list[tuple[str, str, int, int | None]] = []   # (number written, what it stands for, line,
        #                                                               line of an error in its chain)
        self.wrong_numbers: list[tuple[str, object, int]] = []   # (numeral written, correct value, line)
        self.local: list[Symbol] = []             # names bound for the current sentence only
        self.conditions: dict = {}                # x -> x with an assumption, for the current sentence
        self.section_conditions: dict = {}        # … for the rest of the section (inputs x >= 0)
        self.saved: dict = {}                     # bindings a sentence's example value hides for a moment
        self.free_seen: set[str] = set()          # names that were free variables of a step already
        self.before_updates: dict = {}            # name -> its value before this section's first update of it
        self._pending_functions: set[str] = set()

    # -- parsing -----------------------------------------------------------------
    def _functions(self) -> dict:
        out = {name: True for name in self.scope.functions}
        out.update({name: True for name in self.names.functions})
        return out

    def _function_families(self) -> set[str]:
        """Bases of functions defined with an index, ``f_k(x) = …``: ``f_1(x)``, ``f_2(x)`` are theirs."""
        out = set()
        for name in list(self.scope.functions) + list(self.names.functions):
            bi = base_and_index(name)
            if bi and all(c in INDEX_LETTERS for c in bi[1]):
                out.add(bi[0])
        return out

    def _variables(self) -> list[str]:
        return [s.name for s in self.scope.values if isinstance(s, Symbol)] + sorted(self.names.variables)

    def parse(self, text: str, extra_functions=(), decimal_mark: str | None = None):
        functions = self._functions()
        functions.update({f: True for f in extra_functions})
        for base in self._function_families():
            for m in re.finditer(re.escape(base) + r"_\{?(\w+)\}?'*\s*(?:\\left)?\(", text):
                functions[f"{base}_{{{m.group(1)}}}"] = True
        arrays = set(self.names.arrays)
        arrays |= {s.name for s in self.scope.values if isinstance(s, Symbol) and not s.is_commutative}
        expr = parse_expression(text, functions=functions, variables=self._variables(), arrays=arrays,
                                names=self.names.words, decimal_mark=decimal_mark or self.names.decimal_mark)
        expr = self._function_formulas(self.names.normalise(expr))
        if isinstance(expr, MatrixBase) and expr.shape == (1, 1):
            return expr[0, 0]   # a row times a column: a number
        return expr

    def _function_formulas(self, expr):
        """``\\frac{\\partial f}{\\partial w_0}`` for ``f(w, x) = …``: the derivative of f's formula.

        The parser reads a bare function name over ``\\partial w_0`` as f(w_0); with f defined
        on other parameters, the author means the formula.
        """
        if not getattr(expr, "has", None) or not expr.has(Derivative):
            return expr
        mapping = {}
        for d in expr.atoms(Derivative):
            body = d.expr
            lam = self.scope.functions.get(body.func.__name__) if isinstance(body, AppliedUndef) else None
            if lam is not None and set(body.args) <= set(d.variables) and len(body.args) != len(lam.variables):
                mapping[d] = Derivative(lam.expr, *d.variable_count)
        return expr.xreplace(mapping) if mapping else expr

    # -- the document ------------------------------------------------------------
    def run(self) -> FileReport:
        items = self.doc.items
        for k, item in enumerate(items):
            if isinstance(item, UndelimitedMath):
                self.report.errors.append({"line": item.line, "reason": item.reason, "text": item.text[:200]})
            elif isinstance(item, Unreadable):
                self._end_sentence()
                self.report.errors.append({"line": item.line, "reason": item.reason})
                self._add(item.line, item.text.strip()[:200], UNCHECKED, item.reason)
            elif isinstance(item, Prose):
                self._end_sentence()
                self._prose(item)
                self._paragraph = item
                self._inline_cursor = 0
                self._paragraph_just_before = True
            elif isinstance(item, Chain):
                if item.kind == "inline":
                    self._inline(item)
                else:
                    self._display_local_scope()
                    reason = self._display_not_claimed()
                    if reason:
                        self._not_claimed(item, reason)
                    else:
                        self._chain(item, general=self._announced_general())
                    self._end_sentence()
                    self._paragraph_just_before = False
        self.report.seconds = time.monotonic() - self.started
        return self.report

    def _add(self, line, claim, verdict, detail, expected=None, **sides):
        self.report.steps.append(StepReport(line, claim, Verdict.of(verdict).value, detail, expected, **sides))

    # -- prose, sections and sentences ---------------------------------------------
    def _prose(self, item: Prose):
        if HEADING.search(item.text):
            self.section += 1
            self.names.section = self.section
            self.scope.distinct = set()
            self.section_conditions = {}
            self.before_updates = {}
            self.scope.derivative_point = {}
            self._assume()
            if _NEW_PROBLEM.search(item.text):   # "# Exercise 2": the numbers given for exercise 1 are not its
                for name in [n for n, o in self.origins.items() if o.how in ("given", "substitution")]:
                    self.scope.unbind(name)
                    self.origins.pop(name)
        for m in _DISTINCT.finditer(item.text):
            self.scope.distinct.add(frozenset((m.group(1), m.group(2))))
        if _ONE_HOT.search(item.text):
            for m in re.finditer(r"(?<!\\)\$([^$]+)\$", item.text):
                if len(m.group(1)) > 40:
                    continue
                try:
                    name = self.parse(m.group(1))
                except ParseError:
                    continue
                base = name.name if isinstance(name, Symbol) else str(name.base.label) if isinstance(
                    name, Indexed) else None
                if isinstance(name, Symbol) and base_and_index(name.name):
                    base = base_and_index(name.name)[0]
                if base and name.is_commutative and not self.scope.is_bound(name):
                    base = re.sub(r"^\\mathbf\{(.+)\}$", r"\1", base)
                    self.scope.add_fact(base, S.One)
                    self.one_hot.add(base)
        outside_math = re.sub(r"(?<!\\)\$[^$]*\$", " ", item.text)   # givens in words, not in the math
        for m in _PROSE_GIVEN.finditer(outside_math):
            try:
                name = self.parse(m.group(1))
                value = self.parse(m.group(2))
            except ParseError:
                continue
            if isinstance(name, Symbol):
                self._bind(name, value, item.line, "given")

    _paragraph: Prose | None = None
    _inline_cursor = 0
    _sentence_open = False
    _span: _Span | None = None   # the inline math span last found
    _span_pos = 0  # how far the chains read so far reach into it
    _chain_id = 0
    _chain_line = 0
    _paragraph_just_before = False
    _chain_start = None
    _first_verdict = None

    def _inline(self, chain: Chain):
        """An inline chain: a claim, a given or a condition; after "at", "for"… it holds for its sentence only."""
        span = self._span_of(chain)
        if span is None or (self._span is not None and span.start != self._span.start) or span.paragraph != getattr(
                self, "_span_paragraph", None):
            continued = self._span is not None and span is not None and span.paragraph == self._span.paragraph
            self._end_sentence()
            if continued and _OTHERWISE.search(_without_math(span.between)):
                self.unmodelled.append("“otherwise”")   # "…; en otro caso $…$": the case before it ended
        elif span is not self._span and _CASE_CHANGE.search(_without_math(span.between)):
            # "for $x > 0$ … = 1, and for negative $x$ … = -1": the first case ends; one said in words is not
            # modelled, so it never makes a claim wrong
            self._end_sentence()
            worded = _WORDED_CASE.search(span.between.strip())
            if worded:
                self.unmodelled.append(f"“{worded.group(0).strip()}”")
        if span is not None:
            self._span, self._span_paragraph = span, span.paragraph
        if span is not None and (span.paragraph, span.at) == self._consumed:
            return   # "… = x for $x > 0$": the condition of the claim before it, already applied there
        if span is not None and span.local and self._order(chain):
            self._free_for_sentence(chain)   # "Let $x = 3$ … For $x < 0$ …": this x is another, any negative x
        if span is not None and span.not_claimed:
            self._not_claimed(chain, span.not_claimed)
            self._sentence_open = span.runs_on
            return
        local = span is not None and span.local
        if span is not None and self._prose_condition(span.math, span.local):
            self._sentence_open = span.runs_on
            return
        if self._range(chain) or self._index_case(chain) or (local and self._order(chain)):
            if local and self._order(chain) and not self._shifted(chain):
                self.unmodelled.append(f"${span.math}$")   # "for $|x| \le 1$": a case the checker does not model
            self._sentence_open = bool(span and span.runs_on)
            return
        if local and self._local_given(chain, span.word):
            self._sentence_open = span.runs_on
            return
        before = set(self.scope.values)
        with self._trailing_case(span, chain):
            self._chain(chain, general=span is not None and span.general)
        if local:
            for name in set(self.scope.values) - before:
                if isinstance(name, Symbol) and self.origins.get(name) and self.origins[name].how == "given":
                    self._make_local(name)
        self._sentence_open = bool(span and span.runs_on)

    _consumed: tuple = (None, None)   # (paragraph, position) of a condition a claim before it took

    @contextmanager
    def _trailing_case(self, span, chain: Chain):
        r"""``$|x| = x$ for $x > 0$``: a condition written after its claim holds for that claim (and is not the
        sentence's after it); ``$\operatorname{ReLU}'(x) = 0$ otherwise``: the other case, not modelled."""
        saved = dict(self.conditions), list(self.unmodelled)
        after = span.after if span is not None else ""
        m = _TRAILING_CONDITION.match(after) if after else None
        para_text = self._paragraph.text if self._paragraph is not None else ""
        freed = {}
        try:
            if m is not None:
                cond_at = span.at + len(span.math) + 2 + len(after)   # the $ of the condition
                close = para_text.find("$", cond_at + 1)
                math = para_text[cond_at + 1:close] if close > cond_at else ""
                bound = _BOUND.match(math)
                try:
                    name = self.parse(bound.group(1)) if bound else None
                except ParseError:
                    name = None
                if isinstance(name, Symbol) and getattr(self.scope.values.get(name), "is_number", False):
                    freed[name] = self.scope.values[name]   # "… for $x < 0$" with x given: any negative x
                    self.scope.unbind(name)
                found = self._assumption(math) if math else {}
                if found:
                    self.conditions.update(found)
                elif math:
                    self.unmodelled.append(f"${math}$")
                self._assume()
                self._consumed = (span.paragraph, cond_at)
            elif after and _TRAILING_OTHERWISE.match(after):
                self.conditions = {}
                self.unmodelled.append("“otherwise”")
                self._assume()
            yield
        finally:
            self.conditions, self.unmodelled = saved
            for name, value in freed.items():
                self.scope.bind(name, value)
            self._assume()

    def _free_for_sentence(self, chain: Chain) -> None:
        for part in chain.parts:
            try:
                name = self.parse(part.text)
            except ParseError:
                continue
            if isinstance(name, Symbol) and name in self.scope.values and \
                    getattr(self.scope.values[name], "is_number", False):
                if name not in self.saved:
                    self.saved[name] = (self.scope.values[name], self.origins.get(name))
                self.scope.unbind(name)
                self.origins.pop(name, None)

    def _not_claimed(self, chain: Chain, reason: str):
        """"A common mistake is to write $…$", "setting it to zero gives $…$": every relation unchecked, with
        the reason, and nothing bound."""
        for before, part in zip(chain.parts, chain.parts[1:]):
            relation = part.relation or "="
            self._add(part.line, f"{before.text} {RELATION_LATEX.get(relation, relation)} {part.text}", UNCHECKED,
                      reason, lhs=before.text, rhs=part.text, relation=relation)

    def _display_not_claimed(self) -> str:
        """Why the sentence right before a display does not claim it ("setting it to zero gives"), else "".
        A display shown as a mistake ("a common mistake is:") is judged: it is wrong, and the sentence says so."""
        sentence = self._sentence_before_display()
        if sentence is None or sentence.endswith("."):
            return ""
        reason = _not_claimed_by(_without_math(sentence))
        return reason if reason == _AS_EQUATION else ""   # a display shown as a mistake is still wrong

    def _local_given(self, chain: Chain, word: str = "") -> bool:
        """``for $z = -0.7$``: a value for this sentence, even for a name defined before (kept for after).

        A formula is local only after "if", "when" (``if $h = 3w$``); "for $L = -\\sum …$" defines L.
        """
        if len(chain.parts) != 2 or chain.parts[1].relation != "=":
            return False
        try:
            name = self.parse(chain.parts[0].text)
            value = self.parse(chain.parts[1].text)
        except ParseError:
            return False
        if not isinstance(name, (Symbol, Indexed)) or name in getattr(value, "free_symbols", ()):
            return False
        if not getattr(value, "is_number", False) and word not in _HYPOTHETICAL_WORDS:
            return False
        if name in self.scope.values and name not in self.saved:
            self.saved[name] = (self.scope.values[name], self.origins.get(name))
        self.scope.bind(name, value)
        self.origins[name] = _Origin(chain.parts[0].line, self.section, "local")
        self._make_local(name)
        return True

    def _make_local(self, name):
        self.origins[name].how = "local"
        self.local.append(name)

    def _prose_condition(self, math: str, local: bool) -> bool:
        """``$x > 0$``, ``$x_1, x_2 \\ge 0$`` in prose: a condition on free names (no step).

        After "for", "if", "when" it holds for its sentence (a case); otherwise, as in
        "inputs $x_1, x_2 \\ge 0$", for the rest of the section.
        """
        found = self._assumption(math)
        if not found:
            return False
        (self.conditions if local else self.section_conditions).update(found)
        self._assume()
        return True

    def _range(self, chain: Chain) -> bool:
        """``$1 \\le i \\le n$``, ``$0 \\le k < K$`` in prose: the range of free names, a condition, not a claim
        (an inequality between names no formula defines and numbers)."""
        if not self._order(chain):
            return False
        names = 0
        for part in chain.parts:
            try:
                side = self.parse(part.text)
            except ParseError:
                return False
            if isinstance(side, (Symbol, Indexed)) and not self.scope.is_bound(side):
                names += 1
            elif not getattr(side, "is_number", False):
                return False
        return names > 0

    def _shift(self, text: str) -> dict:
        """``x > 2`` (a bound other than 0): {x: 2 + t} with t > 0; {} for anything else."""
        m = _BOUND.match(text)
        if m is None:
            return {}
        try:
            name, bound = self.parse(m.group(1)), self.parse(m.group(3))
        except ParseError:
            return {}
        rel = Relation.of(m.group(2).lstrip("\\")) if Relation.known(m.group(2).lstrip("\\")) else None
        return self._shift_of(name, rel, bound) if rel is not None else {}

    def _shift_of(self, name, rel, bound) -> dict:
        if not (isinstance(name, Symbol) and name.is_commutative and getattr(bound, "is_number", False)
                and bound.is_real and not self.scope.is_bound(name)) or rel not in _ORDERS:
            return {}
        strict, above = rel in (Relation.LT, Relation.GT), rel in (Relation.GT, Relation.GE)
        gap = f"{name.name} - {latex_of(bound)}" if above else f"{latex_of(bound)} - {name.name}"
        t = Symbol(f"({gap})", real=True, **({"positive": True} if strict else {"nonnegative": True}))
        return {name: bound + t if above else bound - t}   # counterexamples name the gap: at (x - 2) = 1

    def _shifted(self, chain: Chain) -> bool:
        r"""``for $x > 2$``: for this sentence x is 2 + t with t > 0 (``x \le 1``: 1 - t with t ≥ 0)."""
        if len(chain.parts) != 2:
            return False
        try:
            name, bound = (self.parse(p.text) for p in chain.parts)
        except ParseError:
            return False
        found = self._shift_of(name, Relation.of(chain.parts[1].relation), bound)
        self.conditions.update(found)
        self._assume()
        return bool(found)

    @staticmethod
    def _order(chain: Chain) -> bool:
        return all(Relation.of(p.relation) in _ORDERS for p in chain.parts[1:])

    def _index_case(self, chain: Chain) -> bool:
        r"""``for $i = j$``, ``$i \ne j$``: a case of two indices, never a definition of one by the other.
        ``i = j`` holds for its sentence (the display it leads into); ``i \ne j`` is only a condition."""
        if len(chain.parts) != 2 or Relation.of(chain.parts[1].relation) not in (Relation.EQ, Relation.NE):
            return False
        try:
            a, b = (self.parse(p.text) for p in chain.parts)
        except ParseError:
            return False
        letters = INDEX_LETTERS | self.names.counts
        if not all(isinstance(x, Symbol) and x.name in letters and not self.scope.is_bound(x) for x in (a, b)):
            return False
        if Relation.of(chain.parts[1].relation) is Relation.EQ:
            self.scope.bind(a, b)
            self.origins[a] = _Origin(chain.parts[0].line, self.section, "local")
            self._make_local(a)
        return True

    def _assume(self):
        self.scope.assumed = {**self.section_conditions, **self.conditions}

    def _span_of(self, chain: Chain) -> _Span | None:
        """Where an inline chain is written in its paragraph, and what its sentence says of it.

        One ``$…$`` span may hold several chains (``$x_1 = 1, x_2 = 0$``): they are found in it in order.
        """
        para = self._paragraph
        if para is None:
            return None
        pieces = [_squeeze(p.text) for p in chain.parts[:2]]
        if self._span is not None and self._span.paragraph == id(para):
            at = _in_order(_squeeze(self._span.math), pieces, self._span_pos)
            if at is not None:
                self._span_pos = at
                return self._span
        text = para.text
        for m in re.finditer(r"(?<!\\)\$([^$]+)\$", text[self._inline_cursor:]):
            at = _in_order(_squeeze(m.group(1)), pieces, 0)
            if at is None:
                continue
            start_at = self._inline_cursor + m.start()
            between = text[self._inline_cursor:start_at]
            self._inline_cursor += m.end()
            self._span_pos = at
            head = text[:start_at]
            ends = list(_SENTENCE_END.finditer(head))
            start = ends[-1].end() if ends else 0
            words = re.findall(r"[^\W\d_]+", head[start:].lower())
            # "at $z = 0$", "for $x = 2$", "if $h = 3w$": an example; "start at $w = 0$": a first value
            local = bool(words) and words[-1] in _LOCAL_WORDS and not (
                len(words) > 1 and words[-2] in _STARTING_WORDS)
            # "for example, $x = 0$ gives …": an example for its sentence ("in this example let $x = 2$": a given)
            local = local or (bool(_FOR_EXAMPLE.search(head[start:])) and not _DEFINE_WORDS.search(" ".join(words)))
            tail = text[self._inline_cursor:]
            end = _SENTENCE_END.search(tail)
            runs_on = not end and not tail.rstrip().endswith(".")
            raw = text[start:self._inline_cursor + (end.start() if end else len(tail))]
            sentence = _without_math(head[start:] + " " + tail[:end.start() if end else len(tail)])
            return _Span(id(para), m.group(1), start, local, runs_on, words[-1] if words else "",
                         _not_claimed_by(sentence), _says_general(raw), between, start_at,
                         re.split(r"(?<!\\)\$", tail, maxsplit=1)[0] if "$" in tail else tail)
        return None

    def _display_local_scope(self):
        """A display block continues the sentence of its local value only right after it (``at $z=0$:``)."""
        if not self._sentence_open:
            self._end_sentence()

    def _end_sentence(self):
        for name in self.local:
            if self.origins.get(name) and self.origins[name].how == "local":
                self.scope.unbind(name)
                self.origins.pop(name, None)
        for name, (value, origin) in self.saved.items():
            self.scope.bind(name, value)
            if origin is not None:
                self.origins[name] = origin
        self.saved = {}
        self.local = []
        self.unmodelled = []
        self.sentence_formulas = set()
        self.conditions = {}
        self._assume()
        self._sentence_open = False
        self._span = None

    # -- binding -----------------------------------------------------------------------
    def _bind(self, name, value, line: int, how: str):
        self.scope.bind(name, value)
        self.origins[name] = _Origin(line, self.section, how)
        self.believed.pop(name, None)
        self._one_hot_entry(name, value)

    def _one_hot_entry(self, name, value):
        """``y_2 = 1`` for a one-hot y: every other entry is 0, so y_k is the Kronecker delta of k and 2."""
        if value != 1:
            return
        if isinstance(name, Indexed) and len(name.indices) == 1:
            base, index = str(name.base.label), name.indices[0]
        elif isinstance(name, Symbol) and base_and_index(name.name) and base_and_index(name.name)[1].isdigit():
            base, index = base_and_index(name.name)[0], S(int(base_and_index(name.name)[1]))
        else:
            return
        if base in self.one_hot and getattr(index, "is_Integer", False):
            k = Symbol("k", integer=True, positive=True)
            self.scope.define_family(base, (k,), KroneckerDelta(k, index))

    def _redefinable(self, name) -> bool:
        """A bound name may be defined anew when its binding is from an earlier section, or a given number."""
        origin = self.origins.get(name)
        if origin is None:
            return True
        return origin.section < self.section

    # -- definitions ---------------------------------------------------------------------
    def _listed(self, chain: Chain, sides) -> bool:
        """``k = 1, \\dots, K``: the range of an index, no step.  ``s = (3.2, 5.1, -1.7)``: the entries
        s_1, s_2, s_3 given (not with a decimal comma, where the comma is ambiguous)."""
        if len(chain.parts) != 2 or sides[0] is None or sides[1] is not None or chain.parts[1].relation != "=":
            return False
        text = chain.parts[1].text.strip()
        if _RANGE.fullmatch(text):
            return True
        head = sides[0].expr
        m = _TUPLE.fullmatch(text)
        if m is None or not isinstance(head, Symbol) or self.names.decimal_mark != "." or base_and_index(head.name):
            return False
        try:
            values = [self.parse(item) for item in m.group("items").split(",")]
        except ParseError:
            return False
        if len(values) < 2 or not all(getattr(v, "is_number", False) for v in values):
            return False
        base = head.name
        for k, value in enumerate(values, 1):
            entry = self.names.normalise(Symbol(f"{base}_{{{k}}}", real=True))
            self._bind(entry, value, chain.parts[1].line, "given")
        return True

    def _definition(self, chain: Chain, sides) -> int:
        """Bind what the chain defines; return the index of the first side that starts a step."""
        if len(sides) < 2 or sides[0] is None or sides[1] is None:
            return 0
        relation = chain.parts[1].relation
        head, value = sides[0].expr, sides[1].expr
        line = chain.parts[1].line
        if relation == Relation.DEFINE.value:
            return self._update(head, value, line)
        if relation != "=":
            return 0
        if self._chained_givens(chain, sides):
            return len(sides)
        fhead = function_head(chain.parts[0].text, names=self.names.words)
        if (fhead is not None and _plausible_name(fhead.name)) or self._builtin_head(head):
            return self._function_definition(head, value, sides)
        if self._fact(head, value, len(sides)):
            return 1
        if self._is_update(head, value):
            return self._update(head, value, line)
        if self.scope.transposes_a_bound_matrix(head):
            return 0   # W^T = […] with W written out: a claim about W
        if isinstance(head, Symbol):
            return self._name_definition(head, value, chain, sides)
        if isinstance(head, Indexed) and all(getattr(i, "is_Integer", False) for i in head.indices):
            return self._name_definition(head, value, chain, sides)   # z_1 = 1000: an entry of a family
        if isinstance(head, Indexed) and all(isinstance(i, Symbol) and i.name in INDEX_LETTERS
                                             for i in head.indices):
            base = str(head.base.label)
            if base not in self.scope.families or self._said_define(chain) or len(sides) == 2:
                self.scope.define_family(base, tuple(Symbol(i.name, integer=True, positive=True)
                                                     for i in head.indices), value)
                return 1
        return 0

    def _update(self, head, value, line: int) -> int:
        """``W_1 := W_1 - \\eta g`` (or ``w = w - \\eta g``): an update, never a step.

        The rest of the chain is read with the old values; the new value (the
        formula with the old values put in) is bound after the chain.
        """
        if not isinstance(head, Symbol):
            return 0
        try:
            new = self.scope.resolve(value) if head in value.free_symbols else value
            if getattr(new, "is_number", False) and new.has(Derivative, Subs):
                new = normal_form(new)
        except (ScopeError, RecursionError):
            new = value
        except Exception:  # an update we cannot evaluate: keep the formula
            pass
        self._deferred = (head, None if head in getattr(new, "free_symbols", ()) else new, line)
        return 1

    def _fact(self, head, value, n_sides: int) -> bool:
        """``\\sum_k y_k = 1`` for a family the document never defines: a fact stated about it, not a step."""
        if n_sides != 2 or not isinstance(head, Sum) or not getattr(value, "is_number", False):
            return False
        f = head.function
        if len(head.limits) != 1 or not isinstance(f, Indexed) or f.indices != (head.limits[0][0],):
            return False
        base = str(f.base.label)
        if base in self.scope.families or base in self.scope.facts or any(
                str(getattr(v, "base", "")) == base for v in self.scope.values):
            return False   # something is known of the family: the sum is a claim to check
        self.scope.add_fact(base, value, head.limits[0][2])
        return True

    @staticmethod
    def _is_update(head, value) -> bool:
        """``w = w - \\eta g``: the name plus a change is an update, not a claim."""
        if not (isinstance(head, Symbol) and getattr(value, "is_Add", False)):
            return False
        rest = value - head
        return head in value.args and rest != 0 and head not in rest.free_symbols

    @staticmethod
    def _builtin_head(head) -> bool:
        """``\\sigma(x)``: one of our functions applied to plain names (a restatement, or a redefinition)."""
        return isinstance(head, Function) and not isinstance(head, AppliedUndef) and bool(head.args) \
            and all(isinstance(p, Symbol) for p in head.args)

    def _function_definition(self, head, value, sides) -> int:
        if any(self.scope.is_bound(p) or self._resolves(p) for p in getattr(head, "args", ())):
            return 0  # ReLU(z_1) with z_1 known: an application, not a definition
        if isinstance(head, AppliedUndef) and all(isinstance(p, Symbol) for p in head.args) \
                and not value.has(head.func):
            self.scope.define_function(head.func.__name__, head.args, value)
            return 1
        builtin = type(head) if self._builtin_head(head) else None
        if builtin is not None and len(sides) >= 2 and set(head.args) <= set(getattr(value, "free_symbols", ())) \
                and _may_stand_for_another(head, value):
            # \sigma(x) = …: a restatement of the built-in is a step; another formula redefines it, said
            # once as unchecked (a table of activations, a course that writes \sigma for any activation)
            j = judge(sides[0], sides[1], "=", Scope())
            if j.verdict in ACCEPTED or j.verdict == WRONG and not value.free_symbols - set(head.args) and \
                    _same_shape_as_builtin(head, value):
                return 0
            self.scope.override(builtin, head.args, value)
            self._add(self._chain_line, f"{sides[0].text} = {sides[1].text}", UNCHECKED,
                      f"${sides[0].text}$ is defined anew here (not the standard one); what follows uses this "
                      "definition", lhs=sides[0].text, rhs=sides[1].text, relation="=")
            return 1
        return 0

    def _sums_over_given_entries(self, side: Side, scope: Scope) -> Side:
        r"""``\sum_j e^{s_j}`` (no bounds written, n nowhere) after ``s_1 = 2, s_2 = 1, s_3 = 0.1``: the sum runs
        over the entries given, j = 1..3."""
        expr = side.expr
        if self.names.n_written or not getattr(expr, "has", lambda *_: False)(Sum):
            return side
        mapping = {}
        for total in expr.atoms(Sum):
            (v, lo, hi), = total.limits[:1] or [(None, None, None)]
            if len(total.limits) != 1 or lo != 1 or not (isinstance(hi, Symbol) and hi.name == "n") \
                    or scope.is_bound(hi):
                continue
            bases = {a.base for a in total.function.atoms(Indexed) if v in a.indices}
            counts = set()
            for base in bases:
                k = 0
                while base[k + 1] in scope.values and k < 1000:
                    k += 1
                counts.add(k)
            if len(counts) == 1 and min(counts) >= 1:
                mapping[total] = total.xreplace({hi: Integer(counts.pop())})
        return Side(side.text, expr.xreplace(mapping)) if mapping else side

    def _chained_givens(self, chain: Chain, sides) -> bool:
        """``m_0 = v_0 = 0``, ``x_1 = x_2 = 1``: first values of several names at once, not a claim."""
        if len(sides) < 3 or any(p.relation not in (None, "=") for p in chain.parts[1:]) or sides[-1] is None:
            return False
        value = sides[-1].expr
        names = [side.expr if side is not None else None for side in sides[:-1]]
        if not getattr(value, "is_number", False) or not all(
                isinstance(n, (Symbol, Indexed)) and n.is_commutative and not self.scope.is_bound(n)
                and not self._resolves(n) for n in names):
            return False
        if len(set(names)) != len(names):
            return False
        for name, part in zip(names, chain.parts):
            self._bind(name, value, part.line, "given")
        return True

    def _name_definition(self, head, value, chain, sides) -> int:
        if head in getattr(value, "free_symbols", ()):
            return 0
        if len(sides) > 2 and sides[2] is not None and isinstance(value, Derivative) \
                and lost_dependency(value, self.scope):
            value = sides[2].expr   # δ = ∂L/∂z = ŷ - y with ŷ given: δ is the chain's ŷ - y
        if isinstance(head, Symbol) and head.name.endswith("'") and self._resolves(head):
            return 0  # u' with u = x^2: the derivative, a claim
        if isinstance(head, Symbol) and self.names.adjoint_loss and head.name.startswith(r"\bar{"):
            return 0  # with bar notation, \bar{y} = … is a claim about ∂L/∂y
        family = self._family_head(head, value) if isinstance(head, Symbol) else None
        if family is not None:
            base, letters = family
            self.scope.define_family(base, letters, value)
            return 1
        bi = base_and_index(head.name) if isinstance(head, Symbol) else None
        if bi is not None and bi[0] in self.scope.families and bi[1].isdigit() and not self.scope.is_bound(head) \
                and not self._said_define(chain):
            return 0   # δ_1 = -0.012 after δ_j = δ_o v_j h_j (1 - h_j): a claim about the family's entry
        bound = self.scope.is_bound(head)
        if bound and head in self.sentence_formulas and getattr(value, "is_number", False):
            return 0   # "for $f = x + y$ with $x = 4$ and $y = 2$: $f = 6$": the value it has, a claim
        given_again = bound and len(sides) == 2 and getattr(value, "is_number", False) \
            and getattr(self.scope.values[head], "is_number", False)
        if bound and not (given_again or self._redefinable(head) or self._said_define(chain)):
            return 0
        if isinstance(head, Symbol) and head.is_commutative and not getattr(value, "is_commutative", True):
            # h = W^{[1]}x + b^{[1]} makes h a vector: from now on it is read as one
            head = Symbol(head.name, commutative=False)
            self.names.arrays.add(head.name)
        how = "given" if getattr(value, "is_number", False) and len(sides) == 2 else "definition"
        if isinstance(head, Symbol):
            value = self._with_dependency(head, value, chain.parts[1].text)
        self._bind(head, value, chain.parts[0].line, how)
        if chain.kind == "inline" and not getattr(value, "is_number", False):
            self.sentence_formulas.add(head)
        return 1

    def _said_define(self, chain) -> bool:
        """Does the text right before the chain introduce it ("now put $u = 1$", "Let … :")?"""
        if chain.kind == "inline":
            span = self._span
            if span is None or self._paragraph is None:
                return False
            text = self._paragraph.text
            head = text[span.start:text.find(span.math, span.start)] if span.math in text else ""
            return bool(_DEFINE_WORDS.search(head) or _NEW_CASE.match(head))
        para = self._paragraph
        if para is None or not self._paragraph_just_before:
            return False
        last = re.split(r"[.!?]\s+", para.text.strip())[-1]
        return bool(_DEFINE_WORDS.search(last)) and not para.text.rstrip().endswith(".")

    def _family_head(self, head: Symbol, value):
        """``p_i = …`` whose index letters appear in the body: a family (base 'p', letters (i,))."""
        bi = base_and_index(head.name)
        if bi is None:
            return None
        base, sub = bi
        parts = sub.split(",") if "," in sub else list(sub)
        if not all(p in INDEX_LETTERS for p in parts):
            return None  # p_A, z_{o1}: labels of one quantity, not an index
        letters = tuple(Symbol(p, integer=True, positive=True) for p in parts)
        names = {getattr(s, "name", "") for s in value.free_symbols} | {
            str(i) for a in value.atoms(Indexed) for i in a.indices}
        mentioned = any(p in names or any(re.search(r"_\{[^}]*" + p, n) for n in names) for p in parts)
        if not mentioned:
            return None
        return base, letters

    def _with_dependency(self, head: Symbol, value, text: str = ""):
        """``h_1 = \\sigma(0.5)`` right after ``z_1 = ... = 0.5``: read as \\sigma(z_1).

        A student who writes a unit's activation of a number means the activation
        of the unit's pre-activation; the number alone would lose that h_1 depends
        on the weights.  A number written in the value (as an argument, or anywhere:
        ``out_{o1} = \\frac{1}{1 + e^{-1.3951}}`` after ``net_{o1} = … = 1.3951``) is
        read as the name when exactly one earlier name with the same index (the part
        after the letters) was defined by a formula and has that value, within the
        rounding of the digits written; the value is unchanged either way.
        """
        decoration = _decoration(head.name)
        if not decoration or getattr(value, "is_Number", False) or getattr(value, "free_symbols", True):
            return value   # a given number is that number; a formula with names says what it depends on
        written = {w.value: w for w in (read_number(t) for t in _NUMERALS.findall(text)) if w is not None}
        numbers = {a for a in value.atoms(Rational) if a.q != 1 or a in written} | {
            f.args[0] for f in value.atoms(Function) if len(f.args) == 1 and f.args[0].is_number}
        numbers = {n for n in numbers if n not in (0, 1, -1)}
        if not numbers:
            return value
        candidates = []
        for name, definition in self.scope.values.items():
            origin = self.origins.get(name)
            if (isinstance(name, Symbol) and name != head and _decoration(name.name) == decoration
                    and not getattr(definition, "is_number", True)
                    and origin is not None and origin.section == self.section):
                known = self._number_of(name)
                if known is not None:
                    candidates.append((name, known))
        mapping, shift = {}, False
        for number in numbers:
            w = written.get(abs(number))   # the digits written; a minus sign stands apart (e^{-0.42})
            for sign in (1, -1):
                target = sign * number
                matches = [(name, known) for name, known in candidates
                           if known == target or self.written.get(name.name) == target
                           or (w is not None and (known < 0) == (target < 0) and w.admits(abs(known)))]
                if len(matches) == 1:
                    name, known = matches[0]
                    accepted = self.written.get(name.name) == target and name not in self.believed
                    if known == target or accepted or (w is not None and w.admits(abs(known))):
                        # the same value, within the digits written or the rounding accepted where it was computed
                        mapping[number] = sign * name
                    else:  # the student's own (wrong) value of the name: keep the value and the dependency
                        gap = target - known
                        small = getattr(gap, "is_Rational", False) and gap.q < 10 ** 6
                        mapping[number] = sign * (name + gap) if small else sign * name
                        shift = shift or not small
                    break
        if not mapping:
            return value
        try:
            out = value.subs(mapping)
            if shift:  # a shift outside, as a constant: never a long rational inside an exponential
                known_value = normal_form(self.scope.resolve(out))
                out = out + _offset(value, known_value)
            return out
        except (TypeError, ValueError, ScopeError, RecursionError):
            return value

    # -- chains ------------------------------------------------------------------------
    def _announced_general(self) -> bool:
        """The sentence right before a display says it holds in general ("In general, …", "for any $y$:")."""
        sentence = self._sentence_before_display()
        return sentence is not None and _says_general(sentence)

    def _sentence_before_display(self) -> str | None:
        """The last sentence of the paragraph right before a display, or None (no paragraph right before)."""
        if not self._paragraph_just_before or self._paragraph is None:
            return None
        text = self._paragraph.text.rstrip()
        ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text)]
        return text[ends[-1] if ends else 0:]

    def _chain(self, chain: Chain, general: bool = False):
        """Read one chain; a chain said to hold in general is judged with the values of the examples
        before it put aside (``x = 1`` of an example must not make a general formula true)."""
        self._general = {n: v for n, v in self.scope.values.items() if getattr(v, "is_number", False)} \
            if general else {}
        try:
            self._read_chain(chain)
        finally:
            self._general = {}

    def _read_chain(self, chain: Chain):
        mark, note = self._reading_of_numbers(chain)
        if mark is None:
            return self._read_chain_as_written(chain)
        undecided, self.names.decimal_mark = self.names.decimal_mark, mark
        first = len(self.report.steps)
        try:
            self._read_chain_as_written(chain)
        finally:
            self.names.decimal_mark = undecided
        for step in self.report.steps[first:]:
            step.detail = f"{step.detail} ({note})"

    def _reading_of_numbers(self, chain: Chain) -> tuple[str | None, str]:
        """A decimal mark for a chain with numbers of two readings (``18.432``) in a document whose mark is
        not known: the reading under which every step holds, or the one reading when both give the same
        verdicts (wrong either way is wrong), with a note for the verdicts; None when the readings disagree
        (the numbers stay unread)."""
        if self.names.decimal_mark is not None or "ambiguous" not in self._chain_errors(chain):
            return None, ""
        outcomes = {}
        undecided = self.names.decimal_mark
        try:
            for mark in (".", ","):
                self.names.decimal_mark = mark
                try:
                    sides = [Side(p.text, self.parse(p.text)) for p in chain.parts]
                except (ParseError, ValueError, TypeError, ArithmeticError, RecursionError):
                    continue
                trial = self.scope.copy()
                head = sides[0].expr   # P_1 = 784 \cdot 128 + 128 = 100.480: P_1 is defined, not judged
                skip = 1 if isinstance(head, (Symbol, Indexed)) and not self.scope.is_bound(head) else 0
                outcomes[mark] = [self._judge_in(a, b, p.relation or "=", trial).verdict in ACCEPTED
                                  for a, b, p in zip(sides[skip:], sides[skip + 1:], chain.parts[skip + 1:])]
        finally:
            self.names.decimal_mark = undecided
        right = [m for m, verdicts in outcomes.items() if all(verdicts)]
        if right:
            other = "," if right[0] == "." else "."
            return right[0], (f"with '{other}' read as a thousands separator and '{right[0]}' as the decimal mark, "
                              "the one reading of its numbers under which it holds")
        if len(outcomes) == 2 and outcomes["."] == outcomes[","]:
            return ".", "the same under either reading of '.' and ',' in its numbers"
        return None, ""

    def _chain_errors(self, chain: Chain) -> str:
        out = []
        for part in chain.parts:
            try:
                self.parse(part.text)
            except ParseError as exc:
                out.append(f"{exc} {getattr(exc, 'kind', '')}")
            except Exception:  # judged as unreadable later
                continue
        return " ".join(out)

    def _read_chain_as_written(self, chain: Chain):
        self._pending_functions = set()
        head = function_head(chain.parts[0].text, names=self.names.words)
        if head and len(chain.parts) > 1:
            self._pending_functions.add(head.name)
        sides: list[Side | None] = []
        errors: list[str | None] = []
        for part in chain.parts:
            try:
                sides.append(Side(part.text, self.parse(part.text, self._pending_functions)))
                errors.append(None)
            except ParseError as exc:
                sides.append(None)
                errors.append(str(exc))
            except (RecursionError, ArithmeticError, MemoryError, ValueError, TypeError, KeyError, IndexError,
                    AttributeError, NotImplementedError) as exc:  # a parser failure: unreadable, never a crash
                sides.append(None)
                errors.append(f"the expression could not be read ({type(exc).__name__})")
        self._deferred = None
        self._chain_line = chain.parts[min(1, len(chain.parts) - 1)].line
        if self._listed(chain, sides):
            return
        start = self._definition(chain, sides)
        if self._condition(chain, sides, start):
            return
        assumed = {}
        for part in chain.parts:
            if part.condition:
                assumed.update(self._assumption(part.condition))
                for m in _DISTINCT.finditer(part.condition):
                    self.scope.distinct.add(frozenset((m.group(1), m.group(2))))
        if assumed:
            self.scope.assumed = {**self.scope.assumed, **assumed}
        self._chain_error, self._chain_unchecked, self._first_verdict = None, False, None
        self._chain_id = id(chain)
        try:
            self._steps(chain, sides, errors, start)
            if assumed:
                self._assume()
            self._remember_result(chain, sides, start)
            self._formula_for_a_given(sides, start)
            if self._chain_error is not None and sides[-1] is not None and len(sides) - start > 2:
                self._believe_rule(sides[start], sides[-1], self._chain_error)   # the chain's wrong result
            if sides[0] is not None and sides[-1] is not None and isinstance(sides[0].expr, Symbol) \
                    and len(sides) > 1 and getattr(sides[-1].expr, "is_number", False):
                self.written[sides[0].expr.name] = sides[-1].expr   # the value the student wrote last
                if self._chain_error is not None:   # … and believes, though a step on the way was wrong
                    self.believed[sides[0].expr] = _Believed(sides[-1].expr, self._chain_error)
        finally:
            if self._deferred is not None:
                head, new, line = self._deferred
                if head in self.scope.values:   # a descent step: its gradients stay where they were taken
                    self.before_updates.setdefault(head, self.scope.values[head])
                    self.scope.derivative_point = dict(self.before_updates)
                if new is None:
                    self.scope.unbind(head)
                    self.origins.pop(head, None)
                else:
                    self._bind(head, new, line, "update")

    def _derivation(self, chain: Chain, sides, start: int) -> Derivation:
        """The chain as the project's shared data structure: steps with their line, source and evidence."""
        first = sides[start] if start < len(sides) else None
        d = Derivation(f"{self.doc.path}:{chain.parts[start].line}", chain.parts[start].text,
                       first.expr if first is not None else None)
        self.report.derivations.append(d)
        return d

    def _steps(self, chain: Chain, sides, errors, start: int):
        derivation = None
        self._chain_start = sides[0] if sides else None
        first_wrong = None
        for k in range(start + 1, len(chain.parts)):
            part, before = chain.parts[k], chain.parts[k - 1]
            relation = part.relation or "="
            claim = f"{before.text} {RELATION_LATEX.get(relation, relation)} {part.text}"
            where = dict(lhs=before.text, rhs=part.text, relation=relation)
            if sides[k - 1] is None or sides[k] is None:
                bad = k if sides[k] is None else k - 1
                self._add(part.line, claim, UNCHECKED, f"line {chain.parts[bad].line}: cannot read "
                          f"{chain.parts[bad].text!r}: {errors[bad]}", **where)
                continue
            if relation == Relation.DEFINE.value:
                continue
            started = time.perf_counter()
            j, follows = self._judge_step(sides[k - 1], sides[k], relation, part.line)
            if k == start + 1:
                self._first_verdict = j.verdict
            if j.verdict == WRONG and (before.variants or part.variants):
                j = self._other_readings(before, part, sides[k - 1], sides[k], relation, j)
            extra = {}
            if j.verdict == FOLLOWS and self._chain_error is None:
                self._chain_error = follows
            if j.verdict == UNCHECKED:
                self._chain_unchecked = True
            if j.verdict == WRONG:
                self._chain_error = self._chain_error or part.line
                extra = self._diagnose(chain, sides, start, k, first_wrong)
                first_wrong = first_wrong or part.line
                self._remember_wrong(chain, sides, start, k, part.line)
            self._add(part.line, claim, j.verdict, j.detail, j.expected, seconds=time.perf_counter() - started,
                      counterexample=j.counterexample if j.verdict == WRONG else None, follows=follows,
                      **extra, **where)
            if derivation is None:
                derivation = self._derivation(chain, sides, start)
            derivation.steps.append(Step(sides[k].expr, extra.get("slip", ""), relation
                                             if relation in RELATIONS else "=", _evidence(j), part.line, part.text))

    def _other_readings(self, before, part, previous: Side, current: Side, relation: str, j: Judgement):
        """A wrong step whose text has another reading (a leading '-' that may be a list bullet): unchecked
        when that reading is right (a step is wrong only if it is wrong under every reading)."""
        for left in (previous.text, *before.variants):
            for right in (current.text, *part.variants):
                if (left, right) == (previous.text, current.text):
                    continue
                try:
                    pair = Side(left, self.parse(left, self._pending_functions)), \
                        Side(right, self.parse(right, self._pending_functions))
                except ParseError:
                    continue
                if self._judge(*pair, relation).verdict in ACCEPTED:
                    return Judgement(UNCHECKED, f"right when read as ${left} = {right}$, wrong as ${previous.text} "
                                                f"= {current.text}$: the text has both readings")
        return j

    def _condition(self, chain: Chain, sides, start: int) -> bool:
        """``x > 0`` alone, with x a free name: a condition in the text, not a claim.

        Inline, it holds for the claims of the rest of its sentence.
        """
        if start or len(sides) != 2 or sides[0] is None or sides[1] is None:
            return False
        rel = chain.parts[1].relation
        if rel not in ("<", "<=", ">", ">=", "!="):
            return False
        a, b = sides[0].expr, sides[1].expr
        if not (isinstance(a, Symbol) and not self.scope.is_bound(a) and getattr(b, "is_number", False)):
            return False
        return True

    def _assumption(self, text: str) -> dict:
        """``x > 0`` (or ``x_1, x_2 \\ge 0``) as each name replaced by one with that sign.

        ``x \\ge 0``: nonnegative, ``x < 0``: negative, ``x \\ne 0``: nonzero.  Names the
        document binds to values are left alone.
        """
        m = re.match(r"^\s*(.+?)\s*(<=|>=|\\leq?|\\geq?|\\leqslant|\\geqslant|<|>|\\neq?|!=|≥|≤|≠)\s*0\s*[,.]?\s*$",
                     text)
        if not m:
            return self._shift(text)
        rel = m.group(2).lstrip("\\")
        kind = {">": "positive", "<": "negative", ">=": "nonnegative", "geq": "nonnegative", "ge": "nonnegative",
                "geqslant": "nonnegative", "≥": "nonnegative", "<=": "nonpositive", "leq": "nonpositive",
                "le": "nonpositive", "leqslant": "nonpositive", "≤": "nonpositive", "!=": "nonzero",
                "ne": "nonzero", "neq": "nonzero", "≠": "nonzero"}[rel]
        out = {}
        for piece in re.split(r",(?![^{]*\})", m.group(1)):
            try:
                name = self.parse(piece.strip())
            except ParseError:
                return {}
            if not isinstance(name, Symbol) or not name.is_commutative:
                return {}
            if not self.scope.is_bound(name):
                out[name] = Symbol(name.name, real=True, **{kind: True})
        return out

    def _remaining(self) -> float:
        return self.limits.document_seconds - (time.monotonic() - self.started)

    # -- judging a step ------------------------------------------------------------------
    def _judge_step(self, previous: Side, current: Side, relation: str, line: int):
        """The verdict, and the line it follows from when it is right only with the student's own values."""
        for side in (previous, current):
            self.free_seen.update(str(s) for s in getattr(side.expr, "free_symbols", ())
                                  if isinstance(s, Symbol) and not self.scope.is_bound(s))
        found = self._substitution(previous, current, line)
        if found is not None:
            return found
        cases = self._index_cases(previous, current, relation)
        if cases is not None:
            return cases, None
        j = self._judge(previous, current, relation)
        if j.verdict == UNCHECKED and "does not depend on" in j.detail:
            j = self._without_stale_names(previous, current, relation, j)
        if j.verdict == UNCHECKED:
            j = self._vector_families_free(previous, current, relation, j)
        if j.verdict == UNCHECKED:
            j = self._scalars_of_vectors_free(previous, current, relation, j)
        if j.verdict == VERIFIED and Relation.of(relation) in (Relation.EQ, Relation.APPROX):
            j = self._arithmetic_rounding(previous, current, j)
        if j.verdict in ACCEPTED:
            missed = self._sibling_path(previous, current)
            if missed:
                j = Judgement(UNCHECKED, missed, j.evidence)
        if j.verdict != WRONG:
            return j, None
        after = self._after_the_updates(previous, current, relation)
        if after is not None:
            return after, None
        unknown = (self._one_sided_unknown(previous, current, relation) or self._named_unknown(j)
                   or self._entry_of_a_sequence(previous, current) or self._unknown_of_a_family(previous, current))
        if unknown:
            return Judgement(UNCHECKED, unknown, j.evidence), None
        results = self._as_results(previous, current, relation)
        if results is not None:
            reason, line = results
            if line is None:
                return Judgement(VERIFIED, reason), None
            return Judgement(FOLLOWS, reason), line
        follows = self._follows(previous, current, relation)
        if follows is not None:
            return Judgement(FOLLOWS, f"follows from line {follows[1]}: right with the value written there "
                                      f"({follows[0]})"), follows[1]
        return j, None

    def _after_the_updates(self, previous: Side, current: Side, relation: str) -> Judgement | None:
        """After ``w \\leftarrow …``, derivatives are taken where the descent step took its gradients, before
        its updates (so ``b \\leftarrow b - \\eta \\frac{\\partial L}{\\partial b}`` uses the old w).  A step wrong
        there is judged again with derivatives at the new values: a new backward pass."""
        if not self.scope.derivative_point:
            return None
        trial = self.scope.copy()
        trial.derivative_point = {}
        j = self._judge(previous, current, relation, trial)
        if j.verdict not in ACCEPTED:
            return None
        names = ", ".join(f"${latex_of(n)}$" for n in self.before_updates)
        return Judgement(j.verdict, f"{j.detail}; the derivatives taken after the update of {names}", j.evidence)

    def _vector_families_free(self, previous: Side, current: Side, relation: str, j: Judgement) -> Judgement:
        """``s_k = w_k^T x``: scores whose formula is a product of vectors, which sums and the engine cannot
        evaluate.  A step that holds for every value of the scores holds for these, so it is judged again
        with them free; only an acceptance is taken (a step wrong for some scores may be right for these)."""
        vector = sorted(b for b, (_, body) in self.scope.families.items()
                        if not getattr(body, "is_commutative", True))
        if not vector:
            return j
        trial = self.scope.copy()
        for base in vector:
            trial.families.pop(base)
        again = self._judge(previous, current, relation, trial)
        if again.verdict not in ACCEPTED:
            return j
        try:
            left = {str(a.base.label) for side in (previous, current)
                    for a in getattr(trial.resolve(side.expr), "atoms", lambda *_: ())(Indexed)}
        except Exception:  # the judge resolved them; this only words the reason
            left = set(vector)
        names = ", ".join(f"${b}_k$" for b in vector if b in left)
        return Judgement(again.verdict, f"{again.detail}, for every value of {names}" if names else again.detail,
                         again.evidence)

    def _scalars_of_vectors_free(self, previous: Side, current: Side, relation: str, j: Judgement) -> Judgement:
        r"""``z = w^T x + b``, then ``\frac{da}{dz} = a(1 - a)`` with ``a = \sigma(z)``: z is the number an
        inner product gives, and the step does not involve the vectors, so it is judged with z a free number
        (and a = σ(z) a number).  Such a z takes every value (w, x, b are free), so the verdict stands both
        ways; not when the step mentions w, x or b, or when a given value fixes one of them."""
        inner = {n: v for n, v in self.scope.values.items() if isinstance(n, Symbol) and not n.is_commutative
                 and _inner_product(v)}
        if not inner:
            return j
        vectors = set().union(*(v.free_symbols for v in inner.values()))
        if any(self.scope.is_bound(v) for v in vectors):
            return j
        mapping = {n: Symbol(n.name, real=True) for n in inner}
        trial = self.scope.copy()
        for name in inner:
            trial.unbind(name)
        for name, value in self.scope.values.items():   # a = \sigma(z): a number of z
            if isinstance(name, Symbol) and not name.is_commutative and name not in inner and \
                    value.free_symbols and value.free_symbols <= set(inner):
                trial.unbind(name)
                mapping[name] = Symbol(name.name, real=True)
                trial.bind(mapping[name], value.xreplace(mapping))
        try:
            sides = [Side(side.text, side.expr.xreplace(mapping)) for side in (previous, current)]
            resolved = set().union(*(getattr(trial.resolve(side.expr), "free_symbols", set()) for side in sides))
        except Exception:  # nothing to gain: keep the verdict
            return j
        if resolved & vectors or any(not getattr(side.expr, "is_commutative", False) for side in sides):
            return j
        again = self._judge(sides[0], sides[1], relation, trial)
        if again.verdict not in (*ACCEPTED, WRONG):
            return j
        names = ", ".join(f"${latex_of(mapping[n])} = {latex_of(v)}$" for n, v in inner.items())
        detail = f"with {names} a number: {again.detail}" if again.verdict == WRONG else \
            f"{again.detail}, for every value of {names}"
        return Judgement(again.verdict, detail, again.evidence, again.expected, again.counterexample)

    def _without_stale_names(self, previous: Side, current: Side, relation: str, j: Judgement) -> Judgement:
        """``\\frac{\\partial L}{\\partial w}`` where L is an earlier problem's loss, which does not depend on
        this problem's w: this problem's L is another (unknown) quantity; judged with the old one forgotten."""
        stale = {d.expr for side in (previous, current) for d in getattr(side.expr, "atoms", lambda *_: ())(Derivative)
                 if isinstance(d.expr, Symbol) and self.origins.get(d.expr) is not None
                 and self.origins[d.expr].section < self.section}
        if not stale:
            return j
        trial = self.scope.copy()
        for name in stale:
            trial.unbind(name)
        again = self._judge(previous, current, relation, trial)
        if again.verdict == WRONG:
            unknown = self._one_sided_unknown(previous, current, relation, trial)
            return Judgement(UNCHECKED, unknown, again.evidence) if unknown else again
        return again if again.verdict != UNCHECKED else j

    def _arithmetic_rounding(self, previous: Side, current: Side, j: Judgement) -> Judgement:
        """``-0.4502 \\cdot 0.2475 \\cdot 3 = -0.3342``: arithmetic on written numbers must round to the result.

        The judge lets a rounded number inside a side move by half a unit, as if it stood
        for anything near it.  When the side is arithmetic on written numbers, they stand for
        themselves, or, when they are results of earlier lines, for the quantities computed
        there: the written result must be a rounding of one of the two.
        """
        w = self._written_number(current.text)
        if w is None or getattr(previous.expr, "free_symbols", {1}) or not getattr(previous.expr, "is_number", False):
            return j
        try:
            exact = normal_form(previous.expr)
            if w.admits(exact):
                return j
            quantities = self._results_put_back(previous)
            if quantities is not None and w.admits(normal_form(self.scope.resolve(quantities.expr))):
                return j
            start = self._chain_start   # the quantity the chain computes (S = e^2 + … ≈ 7.3891 + … ≈ 11.2125)
            if start is not None and start is not previous and not getattr(start.expr, "is_number", False):
                value = normal_form(self.scope.resolve(start.expr))
                if getattr(value, "is_number", False) and w.admits(value):
                    return j
        except Exception:  # the recheck is a help: keep the judge's verdict
            return j
        from .rounding import rounds_message

        return Judgement(WRONG, f"{rounds_message(exact, w)}: the numbers written are used as they are",
                         j.evidence, exact)

    def _written_number(self, text: str):
        """The number ``text`` is as written (with the document's decimal mark), or None."""
        return read_number(with_decimal_points(text, self.names.decimal_mark).replace("\\%", "%"))

    def _results_put_back(self, side: Side) -> Side | None:
        """``side`` with the numbers that are results of earlier lines replaced by their quantities."""
        text, changed = side.text, False
        for numeral, quantity, _line, _error in reversed(self.results):
            pattern = r"(?<![\d.])" + re.escape(numeral) + r"(?![\d]|[.,]\d)"
            if re.search(pattern, text):
                text = re.sub(pattern, lambda _m, q=quantity: "(" + q + ")", text, count=1)
                changed = True
        if not changed:
            return None
        try:
            return Side(text, self.parse(text, self._pending_functions))
        except ParseError:
            return None

    def _index_cases(self, previous: Side, current: Side, relation: str) -> Judgement | None:
        """A side with cases on indices (``p_i(1 - p_i)`` if i = j, ``-p_i p_j`` if i ≠ j): each case alone.

        In the case i = j, j is i; in the case i ≠ j, their Kronecker delta is 0.  Proved when every
        case is, wrong when one is (with that case named), else None (the step is judged as a whole).
        """
        from sympy import Eq, Ne, Piecewise

        def index_cases(expr):
            if not isinstance(expr, Piecewise):
                return None
            out = []
            for branch, cond in expr.args:
                if isinstance(cond, (Eq, Ne)) and all(isinstance(a, Symbol) and a.is_integer for a in cond.args):
                    out.append((branch, cond))
                elif cond is S.true and len(out) == 1 and isinstance(out[0][1], Eq):
                    out.append((branch, Ne(*out[0][1].args)))   # "otherwise" after i = j is i ≠ j
                else:
                    return None
            return out

        cases_c, cases_p = index_cases(current.expr), index_cases(previous.expr)
        if (cases_c is None) == (cases_p is None):
            return None
        other, cases, flip = (previous, cases_c, False) if cases_c is not None else (current, cases_p, True)
        verdicts = []
        for branch, cond in cases:
            a, b = cond.args
            trial = self.scope.copy()
            if isinstance(cond, Eq):
                left, right = other.expr.xreplace({b: a}), branch.xreplace({b: a})
            else:
                trial.distinct.add(frozenset((str(a), str(b))))
                left, right = other.expr, branch
            pair = (Side(current.text, right), Side(other.text, left)) if flip else                 (Side(other.text, left), Side(current.text, right))
            j = self._judge(*pair, relation, trial)
            if j.verdict == WRONG:
                return Judgement(WRONG, f"in the case ${latex_of(cond)}$: {j.detail}", j.evidence, j.expected,
                                 j.counterexample)
            verdicts.append(j.verdict)
        if all(v == PROVED for v in verdicts):
            return Judgement(PROVED, "each case proved: " + ", ".join(f"${latex_of(c)}$" for _, c in cases))
        if all(v in ACCEPTED for v in verdicts):
            return Judgement(VERIFIED, "each case verified: " + ", ".join(f"${latex_of(c)}$" for _, c in cases))
        return None

    def _one_sided_unknown(self, previous: Side, current: Side, relation: str = "=",
                           scope: Scope | None = None) -> str | None:
        """A reason when only one side holds a quantity the document never defines (∂E/∂y = 0.74).

        A step between two expressions in unknown quantities (a chain rule) must hold
        whatever they are, so a counterexample with functions put in refutes it; a value
        claimed for an unknown quantity cannot be checked.
        """
        relation_is_order = Relation.of(relation).is_order
        try:
            sides = [(scope or self.scope).resolve(s.expr) for s in (previous, current)]
        except (ScopeError, RecursionError):
            return None
        unknowns = [{f.func.__name__ for f in getattr(e, "atoms", lambda *_: ())(AppliedUndef)
                     if f.func.__name__ not in _KNOWN_UNDEFINED} for e in sides]
        if unknowns[0] and unknowns[1] and not relation_is_order and _calculus(sides):
            return None   # a rule of calculus between unknown functions: it must hold whatever they are
        if not (unknowns[0] or unknowns[1]):
            return self._specific_values(sides, relation)
        names = ", ".join(f"${n}$" for n in sorted(unknowns[0] | unknowns[1]))
        return (f"{names} is not defined in the document, so this value or comparison cannot be checked "
                "(define it, or write the step with the formula)")

    def _sibling_path(self, previous: Side, current: Side) -> str | None:
        r"""``\frac{\partial L}{\partial h} = \frac{\partial L}{\partial y_1} v_1`` where h also feeds y_2: L, never
        defined, may depend on y_2 as well (the document says only what the derivatives written show), so a
        chain rule without the path through y_2 is not proved."""
        for side in (previous, current):
            for d in getattr(side.expr, "atoms", lambda *_: ())(Derivative):
                u = d.expr
                if not isinstance(u, Symbol) or self.scope.is_bound(u) or u.name not in self.scope.edges:
                    continue
                deps = self.scope.edges[u.name]
                for dep in deps:
                    bi = base_and_index(dep)
                    if bi is None or not bi[1].isdigit():
                        continue
                    for name in self.scope.values:
                        nb = base_and_index(name.name) if isinstance(name, Symbol) else None
                        if nb is None or nb[0] != bi[0] or nb[1] == bi[1] or not nb[1].isdigit() or name.name in deps:
                            continue
                        if any(self.scope.depends_on(name, v) for v in d.variables):
                            return (f"${latex_of(u)}$ is not defined and may depend on ${latex_of(name)}$ too, which "
                                    f"depends on ${latex_of(d.variables[0])}$: the path through it is not accounted "
                                    "for, so the step is not checked")
        return None

    def _unknown_of_a_family(self, previous: Side, current: Side) -> str | None:
        r"""``\frac{\partial L}{\partial \beta} = \sum_i \frac{\partial L}{\partial y_i}``: L, never defined,
        depends on every y_i of a sum; an unknown function of one entry cannot stand for it (unchecked)."""
        letters = {v.name for side in (previous, current)
                   for total in getattr(side.expr, "atoms", lambda *_: ())(Sum, Product) for v in total.variables}
        for name, deps in self.scope.edges.items():
            for d in deps:
                bi = base_and_index(d)
                if bi is not None and bi[1] in letters and not self.scope.is_bound(Symbol(name, real=True)):
                    return (f"${name}$ depends on every ${d}$ of a sum, which an unknown function of one entry "
                            "does not model: the step is not checked")
        return None

    def _entry_of_a_sequence(self, previous: Side, current: Side) -> str | None:
        r"""``w_k - 0.3 = 0.5 \cdot 0.8^k`` where w_0, w_1 are given: w_k is the sequence's entry, not a free
        number, so a value for it alone is no counterexample (unchecked)."""
        given = {}
        for name in self.scope.values:
            bi = base_and_index(name.name) if isinstance(name, Symbol) else None
            if bi is not None and bi[1].isdigit():
                given.setdefault(bi[0], []).append(name)
            elif isinstance(name, Indexed) and all(getattr(i, "is_Integer", False) for i in name.indices):
                given.setdefault(str(name.base.label), []).append(name)
        for side in (previous, current):
            for s in getattr(side.expr, "free_symbols", ()):
                bi = base_and_index(s.name) if isinstance(s, Symbol) else None
                if bi is not None and bi[0] in given and not bi[1].isdigit() and not self.scope.is_bound(s):
                    shown = ", ".join(f"${latex_of(n)}$" for n in sorted(given[bi[0]], key=str)[:3])
                    return (f"${latex_of(s)}$ is an entry of the sequence the document gives ({shown}, …), "
                            "not a free number: the claim is not checked for every entry")
        return None

    def _named_unknown(self, j: Judgement) -> str | None:
        """A counterexample that puts a concrete function in for a *named* function the document never
        defines (``\\text{Sig}``, ``\\operatorname{act}``): it is some known function the checker does not
        know, not an arbitrary one, so the step is unchecked.  Generic letters (f, g, J, \\phi) and the
        quantities whose derivatives are taken stay arbitrary: a broken chain rule in them is wrong."""
        functions = getattr(j.evidence, "functions", None) or {}
        named = sorted({k.split("(")[0] for k in functions} - set(self.scope.edges))
        named = [n for n in named if not _GENERIC_FUNCTION.match(n)]
        if not named:
            return None
        return (", ".join(f"${n}$" for n in named) + " is a function the document does not define: the step "
                "cannot be checked without it")

    def _specific_values(self, sides, relation="=") -> str | None:
        """A claim about entries the document never gives (``q_1 > q_2`` with unknown logits): unchecked.

        A claim whose only free names are entries with number indices (z_1, z_2) is about those
        particular values, not an identity: without them it cannot be refuted.
        """
        free = set().union(*(getattr(e, "free_symbols", set()) for e in sides))
        bound = {v for e in sides for s in getattr(e, "atoms", lambda *_: ())(Sum, Product) for v in s.variables}
        entries = [s for s in free if isinstance(s, Indexed) and not (set(s.indices) & bound)]
        if not entries or any(not all(getattr(i, "is_Integer", False) for i in s.indices) for s in entries):
            return None
        plain = {s for s in free if isinstance(s, Symbol) and not s.is_integer} - {
            b for e in entries for b in e.free_symbols}
        if plain or any(e.has(Derivative) for e in sides):
            return None
        rel = Relation.of(relation)
        if rel.is_order:   # false whatever the values (q_1 + q_2 > 1): wrong after all
            from ..equivalence import decide

            negated = {Relation.LT: ">=", Relation.LE: ">", Relation.GT: "<=", Relation.GE: "<"}[rel]
            if decide(sides[0], sides[1], negated).verdict in (PROVED, VERIFIED):
                return None
        names = ", ".join(sorted(f"${latex_of(s)}$" for s in entries))
        return f"depends on {names}, which the document does not give"

    _general: dict = {}   # while a chain said to hold in general is read: the example values put aside
    unmodelled: list = []  # conditions of the sentence the checker does not model ("for $|x| \le 1$")
    sentence_formulas: set = set()   # names the sentence defines by a formula (f = x + y), then computes

    def _judge(self, previous: Side, current: Side, relation: str, scope: Scope | None = None) -> Judgement:
        """The verdict in ``scope`` (the document's); a step said to hold in general is judged without the
        example values before it, and is unchecked when it holds only with them."""
        if self.unmodelled and scope is None:
            j = self._judge_in(previous, current, relation, self.scope)
            if j.verdict != WRONG:
                return j
            shown = ", ".join(self.unmodelled)
            return Judgement(UNCHECKED, f"said under the condition {shown}, which is not modelled; without it: "
                             f"{j.detail}")
        aside = [n for n, v in self._general.items() if self.scope.values.get(n) is v] if scope is None else []
        if not aside:
            return self._judge_in(previous, current, relation, scope or self.scope)
        general = self.scope.copy()
        for name in aside:
            general.unbind(name)
        j = self._judge_in(previous, current, relation, general)
        if j.verdict != WRONG or self._judge_in(previous, current, relation, self.scope).verdict not in ACCEPTED:
            return j
        names = ", ".join(f"${latex_of(n)} = {latex_of(self.scope.values[n])}$" for n in aside
                          if any(self.scope.depends_on(side.expr, n) for side in (previous, current)))
        return Judgement(UNCHECKED, f"said to hold in general, it holds only with the values before ({names}): "
                         f"{j.detail}")

    def _judge_in(self, previous: Side, current: Side, relation: str, scope: Scope) -> Judgement:
        previous, current = (self._sums_over_given_entries(side, scope) for side in (previous, current))
        remaining = self._remaining()
        if remaining <= 0:
            return Judgement(UNCHECKED, "the document's time limit was reached before this step")
        mark = self.names.decimal_mark
        if mark == ",":   # the judge reads the written digits of 0{,}7616 as those of 0.7616
            previous, current = (Side(with_decimal_points(side.text, mark), side.expr) for side in (previous, current))
            mark = "."
        try:
            with time_limit(min(self.limits.step_seconds, remaining)):
                return judge(previous, current, relation, scope,
                             reparse=lambda text: self.parse(text, self._pending_functions, mark))
        except TimeLimitExceeded:
            return Judgement(UNCHECKED, f"time limit of {self.limits.step_seconds:g} s for a step exceeded")
        except RecursionError:
            return Judgement(UNCHECKED, "the expression is nested too deeply to check")
        except ScopeError as exc:
            return Judgement(UNCHECKED, str(exc) or "definitions nest too deeply")
        except (ArithmeticError, MemoryError, ValueError, TypeError, KeyError, IndexError, AttributeError,
                NotImplementedError) as exc:  # an engine failure on hostile input: unchecked, never a crash
            return Judgement(UNCHECKED, f"the engine could not check this step ({type(exc).__name__})")

    def _substitution(self, previous: Side, current: Side, line: int):
        """A side that puts numbers in for names: check them against the givens, bind the new ones."""
        if not hasattr(current.expr, "free_symbols") or isinstance(current.expr, MatrixBase):
            return None
        found = substitution(previous.text, current.text, variables=frozenset(self._variables()),
                             functions=frozenset(self._functions()))
        if not found or len(found) == 1 and previous.text.strip() in found:
            return None
        unbound = {}
        groups = {k[1:]: v for k, v in found.items() if k.startswith("\0")}
        found = {k: v for k, v in found.items() if not k.startswith("\0")}
        for written, (value, numeral) in found.items():
            try:
                name = self.parse(written)
            except ParseError:
                return None
            quantity = isinstance(name, Derivative)
            if not isinstance(name, (Symbol, Indexed)) and not quantity:
                return None
            if quantity or self.scope.is_bound(name) or self._resolves(name):
                known = self._number_of(name)
                student = self._student_value(written, name)
                if known is None and student is None:
                    if quantity:
                        return None
                    continue
                if known is not None and _admits(numeral, value, known):
                    continue
                if student is not None and _admits(numeral, value, student[0]):
                    if student[1] is not None:
                        return Judgement(FOLLOWS, f"follows from line {student[1]}: ${written} = {numeral}$ "
                                                  f"is the value written there"), student[1]
                    continue  # the student's own value, accepted where it was computed
                if known is None or self._judge(previous, current, "=").verdict in ACCEPTED:
                    return None   # z^2 = 1.5^2 for z = -1.5: another number put in, the same value
                return Judgement(WRONG, f"${written}$ is ${_shown(known, numeral)}$ (line "
                                        f"{self._line_of(name)}), but ${numeral}$ is put in", None, None), None
            else:
                unbound[name] = value
        if not unbound:
            return None  # every name was known: the judge compares the values, rounding included
        trial = self.scope.copy()
        for name, value in unbound.items():
            trial.bind(name, value)
        for text, (value, numeral) in groups.items():   # (1 - y) written as its value
            try:
                known = normal_form(trial.resolve(self.parse(text)))
            except Exception:
                return None
            if not getattr(known, "is_number", False) or not _admits(numeral, value, known):
                return None
        for name, value in unbound.items():
            self._bind(name, value, line, "substitution")
        j = self._judge(previous, current, "=")
        if j.verdict in ACCEPTED:
            return Judgement(j.verdict, "the previous side with the values put in ("
                             + ", ".join(f"{n} = {v}" for n, v in unbound.items()) + "); " + j.detail,
                             j.evidence), None
        return j, None

    def _student_value(self, written: str, name):
        """(value, line of an error or None): what the student wrote last for this name or quantity."""
        believed = self.believed.get(name) if isinstance(name, Symbol) else None
        if believed is not None:
            return believed.value, believed.line
        if isinstance(name, Symbol) and name.name in self.written:
            return self.written[name.name], None
        for numeral, quantity, _line, error in reversed(self.results):
            if _squeeze(quantity) == _squeeze(written):
                w = self._written_number(numeral)
                if w is not None:
                    return w.value, error
        return None

    def _resolves(self, name) -> bool:
        try:
            return self.scope.resolve(name) != name
        except (ScopeError, RecursionError):
            return False

    def _number_of(self, name, scope: Scope | None = None):
        try:
            value = normal_form((scope or self.scope).resolve(name))
        except Exception:
            return None
        return value if getattr(value, "is_number", False) and not value.has(Derivative) else None

    def _line_of(self, name) -> str:
        origin = self.origins.get(name)
        return str(origin.line) if origin else "?"

    def _follows(self, previous: Side, current: Side, relation: str):
        """(what, line) when the step holds with the student's own earlier wrong values."""
        if self.believed and self._reaches(previous, current, set(self.believed)):
            student = self.scope.copy()
            for name, believed in sorted(self.believed.items(), key=lambda item: item[1].line):
                student.bind(name, self._believed_value(name, believed.value, student))
            j = self._judge(previous, current, relation, student)
            if j.verdict in ACCEPTED:
                name = min(self.believed, key=lambda n: self.believed[n].line)
                return f"{name} = {self.believed[name].value}", self.believed[name].line
        rewritten = self._with_believed_rules(previous, current, relation)
        if rewritten is not None:
            return rewritten
        for written, correct, line in reversed(self.wrong_numbers):
            for side_is_current, side in ((True, current), (False, previous)):
                if not re.search(r"(?<![\d.])" + re.escape(written) + r"(?![\d]|[.,]\d)", side.text):
                    continue
                if side.text.strip() == written:
                    continue   # the same wrong result claimed again is a new error, not one carried forward
                exact = "(" + _exact_text(correct) + ")"   # LaTeX, so a function, never a template
                text = re.sub(r"(?<![\d.])" + re.escape(written) + r"(?![\d]|[.,]\d)", lambda _m: exact, side.text)
                try:
                    moved = Side(text, self.parse(text, self._pending_functions))
                except ParseError:
                    continue
                pair = (previous, moved) if side_is_current else (moved, current)
                j = self._judge(*pair, relation)
                if j.verdict in ACCEPTED:
                    return f"{written} for {_exact_text(correct)}", line
        return None

    def _formula_for_a_given(self, sides, start: int):
        """``z = -2.5`` given, then ``z = w x + b`` (right): the formula says what z depends on; it replaces the
        number, so a later derivative by w can be taken."""
        if start or len(sides) < 2 or sides[0] is None or sides[1] is None or self._first_verdict not in ACCEPTED:
            return
        head, formula = sides[0].expr, sides[1].expr
        if isinstance(head, Symbol) and getattr(self.scope.values.get(head), "is_number", False) \
                and getattr(formula, "free_symbols", None) and head not in formula.free_symbols:
            origin = self.origins.get(head)
            self.scope.bind(head, formula)
            if origin is not None:
                origin.how = "definition"

    def _remember_result(self, chain: Chain, sides, start: int):
        """A chain that ends in a number: the number stands for the chain's first side, from here on."""
        last = chain.parts[-1]
        if len(chain.parts) - start < 2 or sides[-1] is None or sides[start] is None or self._chain_unchecked:
            return
        w = self._written_number(last.text)
        if w is None or w.form == "integer" or w.significant < 2 or self._written_number(chain.parts[start].text):
            return
        if self.conditions or any(p.condition for p in chain.parts):
            return
        quantity = chain.parts[0].text if start == 1 else chain.parts[start].text
        self.results.append((last.text.strip(), quantity, last.line, self._chain_error))

    def _as_results(self, previous: Side, current: Side, relation: str):
        """(reason, line or None) when the numbers of ``current`` are the student's earlier results and the
        step holds with the quantities they stand for (``\\frac{\\partial E}{\\partial w} = -0.0986 \\cdot 0.1592``
        after ``\\frac{\\partial E}{\\partial out} = … = -0.0986`` and ``\\frac{\\partial out}{\\partial net} = … = 0.1592``)."""
        text, used = current.text, []
        for numeral, quantity, line, error in reversed(self.results):
            if _squeeze(quantity) == _squeeze(previous.text):
                continue  # the step's own left side: no evidence
            pattern = r"(?<![\d.])" + re.escape(numeral) + r"(?![\d]|[.,]\d)"
            if re.search(pattern, text):
                replaced = re.sub(pattern, lambda _m, q=quantity: "(" + q + ")", text, count=1)
                if replaced != text:
                    text = replaced
                    used.append((numeral, line, error))
        if not used:
            return None
        try:
            moved = Side(text, self.parse(text, self._pending_functions))
        except ParseError:
            return None
        j = self._judge(previous, moved, relation)
        if j.verdict not in ACCEPTED:
            return None
        errors = [e for _n, _l, e in used if e is not None]
        lines = ", ".join(str(line) for _n, line, _e in used)
        if errors:
            return f"follows from line {min(errors)}: the numbers are the results of lines {lines}", min(errors)
        return f"the numbers are the results of lines {lines}, each rounded as written there", None

    def _reaches(self, previous: Side, current: Side, names: set) -> bool:
        """Does a side use one of ``names``, itself or through the definitions of the names it uses?"""
        todo = [s for side in (previous, current) for s in getattr(side.expr, "free_symbols", ())]
        seen = set()
        while todo:
            n = todo.pop()
            if n in names:
                return True
            if n in seen:
                continue
            seen.add(n)
            todo.extend(getattr(self.scope.values.get(n), "free_symbols", ()))
        return False

    def _believe_rule(self, origin: Side, wrong: Side, line: int):
        """The student now takes ``origin`` (with its variables, or indices, free) to be ``wrong``."""
        try:
            written = _undummy(origin.expr)
            def free_of(e):   # its variables and indices (not the names of families)
                labels = {a.base.label for a in e.atoms(Indexed)}
                return sorted((v for v in e.free_symbols if isinstance(v, Symbol) and not v.name.startswith("_")
                               and v not in labels), key=str)
            free = free_of(written)
            if free and not written.is_Symbol and free == free_of(wrong.expr):
                self.believed_rules.append((written, self._resolved(origin.expr), wrong.expr, free, line,
                                            self._chain_id))
        except Exception:  # no rule from this step
            pass

    def _with_believed_rules(self, previous: Side, current: Side, relation: str):
        """(what, line) when the step holds with an identity the student got wrong earlier.

        After the wrong ``\\sigma'(x) = (1 - \\sigma(x))(1 + \\sigma(x))``, the student's
        ``\\sigma'(0) = (1 - 0.5)(1 + 0.5)`` follows from it: the student's formula, used.
        """
        from sympy import Wild

        for written, resolved, replacement, variables, line, chain_id in reversed(self.believed_rules):
            if chain_id == self._chain_id:
                continue  # in its own chain each step is compared with the one before
            wilds = {v: Wild(f"w_{k}") for k, v in enumerate(variables)}
            target = replacement.xreplace(wilds)
            for pattern_expr, prepare in ((written, _undummy), (resolved, self._resolved)):
                pattern = pattern_expr.xreplace(wilds)
                try:
                    before = [prepare(side.expr) for side in (previous, current)]
                    after = [e.replace(pattern, target) for e in before]
                except Exception:  # a rule that does not apply here
                    continue
                if after == before:
                    continue
                j = self._judge(Side(previous.text, after[0]), Side(current.text, after[1]), relation)
                if j.verdict in ACCEPTED:
                    return f"the formula of line {line}", line
        return None

    def _resolved(self, expr):
        return self.scope.resolve(expr).doit()

    def _believed_value(self, name, value, scope: Scope):
        """The name as the student believes it: its definition shifted to the value the student wrote.

        ``definition + (written - value in scope)`` has the student's value and still depends on what
        the definition depends on, so a later derivative can be taken.  ``scope`` holds the student's
        earlier values already, so shifts do not add up.
        """
        definition = scope.values.get(name)
        true = self._number_of(name, scope)
        if definition is None or true is None or getattr(definition, "is_number", False):
            return value
        return definition + _offset(value, true)

    def _remember_wrong(self, chain: Chain, sides, start: int, k: int, line: int):
        """After a wrong step: what the student now believes (the defined name's value, the number written,
        or an identity: the chain's start as the wrong side, for every value of its variables)."""
        current = sides[k]
        origin = sides[start]
        if current is not None and origin is not None and k - 1 >= start:
            self._believe_rule(origin, current, line)
        if current is None or not getattr(current.expr, "is_number", False):
            return
        try:
            correct = normal_form(self.scope.resolve(sides[k - 1].expr))
        except Exception:
            return
        if getattr(correct, "is_number", False) and self._written_number(current.text) is not None:
            self.wrong_numbers.append((current.text.strip(), correct, line))

    def _diagnose(self, chain: Chain, sides, start: int, k: int, first_wrong) -> dict:
        """The likely slip of the wrong step k, and whether the chain's result is right after all."""
        previous, current = sides[k - 1], sides[k]
        notes = []
        try:
            with time_limit(min(self.limits.step_seconds, max(self._remaining(), 0.1))):
                origin = sides[start]
                if first_wrong is not None and origin is not None and k - 1 > start and \
                        judge(origin, current, "=", self.scope).verdict in ACCEPTED:
                    notes.append(f"${current.text}$ equals the start of the chain, ${origin.text}$ "
                                 f"(line {chain.parts[start].line}): the result is right, but the chain is "
                                 f"broken at line {first_wrong}")
                else:
                    slip = diagnose(previous, current, self.scope, relation=chain.parts[k].relation or "=")
                    if slip is not None:
                        return {"slip": slip.text, "slip_kind": slip.kind}
        except (TimeLimitExceeded, RecursionError):
            pass
        except Exception:  # a diagnosis is a bonus: never let it cost the verdict
            pass
        return {"note": "; ".join(notes)}


def _undummy(expr):
    """``expr`` with its bound dummies (of ``\\sigma'(x)``) as fixed symbols, so two parses compare equal."""
    from sympy import Dummy

    dummies = sorted(getattr(expr, "atoms", lambda *_: set())(Dummy), key=str)
    return expr.xreplace({d: Symbol(f"_u{k}") for k, d in enumerate(dummies)}) if dummies else expr


def _inner_product(value) -> bool:
    """``w^T x + b``: each term a row times a column (or a lone vector name added, b), so a number."""
    products = 0
    for term in Add.make_args(value):
        factors = [f for f in Mul.make_args(term) if not f.is_commutative]
        if len(factors) == 2 and all(isinstance(f, Symbol) for f in factors) \
                and factors[0].name.endswith("T}") and not factors[1].name.endswith("T}"):
            products += 1
        elif not (len(factors) == 1 and isinstance(factors[0], Symbol) and not factors[0].name.endswith("T}")):
            return False
    return products > 0


_FOR_EVERY_INDEX = re.compile(r"(?i)\b(?:for|für|pour|para|per)\s+(?:every|all|each|any|alle|jedes?|tout|toute|tous|"
                              r"todo|toda|cada|ogni)\s+(?:\w+\s+)?\$\s*[a-z](?:\s*,\s*[a-z])*\s*"
                              r"(?:(?:\\in|=)[^$]*)?\$")
_GIVEN_NUMBER = re.compile(r"(?<!\\)\$[^$=]*[A-Za-z}][^$=]*=\s*-?\d[\d.,{}]*\s*\$")


#: the words of "the other case": "… = 0 otherwise", "sonst …", "en otro caso …"
_OTHERWISE_WORDS = (r"otherwise|else|elsewhere|sinon|sonst|andernfalls|autrement|en otro caso|de lo contrario|"
                    r"altrimenti|senão|caso contrário")
_OTHERWISE = re.compile(rf"(?i)(?<!\w)(?:{_OTHERWISE_WORDS})(?!\w)")
#: "x > 2", "x \le 1": a name and a bound
_BOUND = re.compile(r"^\s*(.+?)\s*(<=|>=|\\leq?|\\geq?|\\leqslant|\\geqslant|<|>|≥|≤)\s*(.+?)\s*[,.]?\s*$")
#: a condition written right after a claim: "$|x| = x$ for $x > 0$", "(if $x > 0$)"
_TRAILING_CONDITION = re.compile(r"(?i)^\s*,?\s*\(?\s*(?:for|if|when|whenever|provided(?: that)?|für|wenn|falls|pour|si|"
                                 r"para|cuando|per|se|quando)\s*$")
#: "… = 0 otherwise": the claim is the other case
_TRAILING_OTHERWISE = re.compile(rf"(?i)^\s*,?\s*\(?\s*(?:{_OTHERWISE_WORDS})\b")
#: words in a sentence that open another case ("…, and for negative $x$", "sonst", "otherwise")
_CASE_CHANGE = re.compile(rf"(?i)(?<!\w)(?:for|für|pour|para|per|if|when|wenn|falls|si|cuando|quando|{_OTHERWISE_WORDS}|"
                          r"while|whereas|während|alors que|mientras)(?!\w)")
#: a case said in words, not in math: "for negative", "otherwise" (not "for" right before the math)
_WORDED_CASE = re.compile(rf"(?i)(?:(?:for|für|pour|para|per|if|when|wenn|falls|si|cuando)\s+[^\W\d_]+.*|"
                          rf"(?:{_OTHERWISE_WORDS})\b.*)$")


def _says_general(sentence: str) -> bool:
    """Does a sentence (with its math) say its formulas hold for every value ("in general", "for any $y$")?
    Not "for every $i$" (over indices), nor a sentence that gives values itself ("with $z_1 = 1$")."""
    if _GIVEN_NUMBER.search(sentence):
        return False
    return bool(_GENERAL.search(_without_math(_FOR_EVERY_INDEX.sub(" ", sentence))))


def _in_order(text: str, pieces: list[str], start: int) -> int | None:
    """The offset after ``pieces`` found one after the other in ``text`` from ``start``, a relation between
    each two (``i = j`` is not in ``i, j``), else None."""
    at = start
    for n, piece in enumerate(pieces):
        k = text.find(piece, at)
        while n and k >= 0 and not _RELATION_BETWEEN.search(text[at:k]):
            k = text.find(piece, k + 1)
        if k < 0 or not piece:
            return None
        at = k + len(piece)
    return at


_RELATION_BETWEEN = re.compile(r"[=<>≈≤≥≠]|\\[A-Za-z]+")


def _without_math(text: str) -> str:
    """Prose with its ``$…$`` spans taken out (a word inside math, ``\\text{wrong}``, is not the sentence's)."""
    return re.sub(r"(?<!\\)\$[^$]*\$", " ", text)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+|\\[,;!]", "", text)


def _offset(value, true):
    """``value - true`` as an exact number: exact for rationals, else to 30 digits (a shift, not a claim)."""
    gap = value - true
    if getattr(gap, "is_Rational", False):
        return gap
    return Rational(str(gap.evalf(30)))


#: a generic function name: one letter or a Greek letter, with indices (f, g_1, \phi, h^{[1]})
_GENERIC_FUNCTION = re.compile(r"^(?:[A-Za-z]|\\[A-Za-z]+)'*(?:_\{?[^}]*\}?)?(?:\^\{[^}]*\})?$")
#: undefined functions the parser makes for names it knows, which are not arbitrary
_KNOWN_UNDEFINED = frozenset({"softmax"})


def _calculus(sides) -> bool:
    """Does a side take a derivative (the step is a rule of calculus, not a value)?"""
    return any(e.has(Derivative, Subs) for e in sides if hasattr(e, "has"))


def _plausible_name(name: str) -> bool:
    """A function name a document would define (``f``, ``\\phi``, ``f_{k}``, ``loss``), not ``__import__``."""
    return "__" not in name and not name.startswith("_")


def _may_stand_for_another(head, value) -> bool:
    """Only σ is written for other activations (``\\sigma(x) = \\max(0, x)`` in a table); a formula of
    exponentials or of σ itself is a claim about the sigmoid, and tanh, ReLU, |x| are never redefined."""
    from ..functions import sigmoid

    return isinstance(head, sigmoid) and not value.has(sigmoid) and not value.has(S.Exp1) and \
        not any(type(f).__name__ == "exp" for f in value.atoms(Function))


def _same_shape_as_builtin(head, value) -> bool:
    """Is ``value`` a slip in the standard formula rather than another function (``\\frac{1}{1 + e^{x}}``
    for σ is a sign slip; ``\\max(0, x)`` is another activation)?  Judged by the functions it uses."""
    from ..functions import sigmoid

    standard = {sigmoid: {"exp"}}.get(type(head))
    if standard is None:
        return False
    used = {type(f).__name__ for f in value.atoms(Function)} | ({"exp"} if value.has(S.Exp1) else set())
    return used <= standard and bool(used)


def _evidence(j: Judgement) -> Evidence:
    """The judgement as the engine's Evidence type (the verdict the checker gives, and the engine's data)."""
    ev = j.evidence
    if ev is not None and ev.verdict == j.verdict:
        return ev
    point = getattr(ev, "point", None) if j.verdict == WRONG else None
    values = getattr(ev, "values", None) if j.verdict == WRONG else None
    return Evidence(j.verdict, getattr(ev, "method", "checker"), j.detail, point, values)


def _admits(numeral: str, value, known) -> bool:
    """Does the number as written (``numeral``, exact ``value``) stand for ``known``?"""
    from ..numbers import read_number

    w = read_number(numeral.replace("\\%", "%"))
    if w is None:
        return value == known
    if w.form == "integer" or value == known:
        return bool(abs((known - value).evalf(30)) < 1e-25) if w.form == "integer" else True
    return w.admits(known)


def _shown(known, numeral: str) -> str:
    from ..numbers import read_number

    w = read_number(numeral.replace("\\%", "%"))
    if getattr(known, "is_Rational", False) and (w is None or w.form == "integer"):
        return str(known)
    return w.shown(known) if w is not None else str(known)


def _exact_text(value) -> str:
    from sympy import latex

    return latex(value)


def check(doc: Document, limits: Limits | None = None) -> FileReport:
    """Check every step of a read document."""
    return _Checker(doc, limits or Limits()).run()
