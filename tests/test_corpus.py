r"""Every corpus document (and the two samples) gets its expected verdicts, line by line.

Each ``tests/corpus/NAME.expected`` lists, per source line, the verdicts of the
steps whose right-hand side is on that line (``-`` for a line with no step: a
definition, a given, a duplicate read once), then a tab and the reason.  The
verdicts were decided by hand and recomputed with mpmath/fractions, never copied
from the checker.  Every line of a document that holds a relation in its math is
listed (a test).

The floor is tested separately and first: a right step is never called wrong and
a wrong step is never called anything but wrong; a definition line never gets a
step.

``PENDING`` names the documents the checker does not yet read as a careful
grader would (issue 9); ``FLOOR_PENDING`` and ``STEPPED_PENDING`` the fewer that
still break the floor.  Only those tests are ``xfail(strict=False)``, so the floor
holds strictly for every other document; the lists must end empty.  Never weaken
an expectation to take a document off the list.  ``python3 tests/test_corpus.py``
prints the current mismatches per document (the yardstick for issue 9).
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from functools import cache
from pathlib import Path

import pytest

from derivations.check import check_file

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = sorted(CORPUS.glob("*.expected"))
VERDICTS = {"proved", "verified", "wrong", "follows", "unchecked"}
ACCEPTED = {"proved", "verified"}

# Documents whose expected verdicts the checker does not reach yet (issue 9).  This list must end empty:
# take a document off when the checker gets all its lines right, never by changing its expectation.
PENDING: set[str] = {
    'blog_net_out_forward', 'ce_gradient_index_slip', 'chain_rule_unknowns_slips', 'delta_notation_backward',
    'elu_cases_alpha', 'fanxiang_zh', 'homework_hidden_layer_sign', 'inequalities_bounds',
    'notebook_activations', 'notebook_backprop_course',
    'redefinition_uv', 'retropropagacao_pt', 'retropropagacion_es',
    'softmax_de_komma', 'softmax_sum_shift_K', 'softplus_identities', 'swish_beta_scope', 'tanh_derivative_slip',
    'tex_align_rows', 'thousands_separators', 'transpose_rules', 'undefined_quantities', 'weight_update_matrix',
}
# Of those, the documents that still break the floor (a right line wrong, a wrong line not wrong) ...
FLOOR_PENDING: set[str] = {
    'ce_gradient_index_slip', 'chain_rule_unknowns_slips', 'retropropagacao_pt',
}
# ... and those with a step on a line that only defines.
STEPPED_PENDING: set[str] = {'swish_beta_scope', 'tex_align_rows', 'weight_update_matrix'}

# Lines that hold a relation but carry no entry, with the reason (documents written before the rule).
UNLISTED = {("noise_bold_bullets", 7): "a duplicated line, read once (its verdict is listed under line 5)"}


def _document(expected: Path) -> Path:
    found = [p for p in CORPUS.glob(expected.stem + ".*") if p.suffix != ".expected"]
    assert len(found) == 1, f"{expected.name}: one document of that name expected, found {found}"
    return found[0]


def read_expected(path: Path) -> dict[int, list[str]]:
    out = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        line, verdicts, *_ = raw.split("\t")
        out[int(line)] = [] if verdicts.strip() == "-" else verdicts.split()
    return out


@cache
def _checked(document: Path) -> tuple:
    return tuple((s.line, s.verdict) for s in check_file(document).steps)


def verdicts_by_line(document: Path) -> dict[int, list[str]]:
    got: dict[int, list[str]] = {}
    for line, verdict in _checked(document):
        got.setdefault(line, []).append(str(verdict))
    return got


def _params(pending: set[str]):
    out = []
    for expected in EXPECTED:
        marks = [pytest.mark.xfail(strict=False, reason="PENDING: the checker does not read this document "
                                   "as a careful grader yet (issue 9)")] if expected.stem in pending else []
        out.append(pytest.param(expected, id=expected.stem, marks=marks))
    return out


# -- where a document's math holds a relation (an independent, textual reading) -----------------------

_ENVS = "equation|align|aligned|eqnarray|gather|multline|split|alignat|flalign"
_RELATION = re.compile(r"(?<![\\<>!:])(?:=|<|>)|\\(?:approx|approxeq|simeq|le|leq|ge|geq|lt|gt|ne|neq|equiv|"
                       r"coloneqq|leqslant|geqslant)(?![A-Za-z])")
_OPENERS = re.compile(r"\$\$|\\\\\[|\\\[|\\\(|\$|\\begin\{(" + _ENVS + r")\*?\}")
_CLOSERS = {"$$": "$$", "\\[": "\\]", "\\\\[": "\\\\]", "\\(": "\\)", "$": "$"}


def _without_indices(math: str) -> str:
    """Sub- and superscript groups, \\text{...} and angle brackets hold no relation of a step."""
    before = None
    while before != math:
        before = math
        math = re.sub(r"[_^]\{[^{}]*\}", " ", math)
        math = re.sub(r"\\(?:text|mathrm|operatorname|textbf|mbox)\{[^{}]*\}", " ", math)
    return re.sub(r"\\(?:left|right|bigl|bigr|big|Big)\\?[<>]|\\[lr]angle", " ", math)


def _math_spans(text: str) -> list[tuple[int, int]]:
    spans, i = [], 0
    while (m := _OPENERS.search(text, i)) is not None:
        if m.group(0).startswith("\\begin"):
            end = re.compile(r"\\end\{" + m.group(1) + r"\*?\}").search(text, m.end())
            spans.append((m.end(), end.start() if end else len(text)))
            i = end.end() if end else len(text)
            continue
        closer = _CLOSERS[m.group(0)]
        j = text.find(closer, m.end())
        if m.group(0) == "$" and (j == -1 or "\n" in text[m.end():j]):
            i = m.end()
            continue
        j = len(text) if j == -1 else j
        spans.append((m.end(), j))
        i = j + len(closer)
    return spans


def relation_lines(text: str) -> set[int]:
    """1-based lines of ``text`` whose math holds a relation (cases and matrix bodies excluded)."""
    starts = [0] + [k + 1 for k, c in enumerate(text) if c == "\n"]
    found = set()
    for a, b in _math_spans(text):
        math = re.sub(r"\\begin\{(cases|bmatrix|pmatrix|matrix|array)\}.*?\\end\{\1\}",
                      lambda m: re.sub(r"[^\n]", " ", m.group(0)), text[a:b], flags=re.S)
        offset = a
        for piece in math.split("\n"):
            if _RELATION.search(_without_indices(piece)):
                found.add(bisect.bisect_right(starts, offset))
            offset += len(piece) + 1
    return found


def _notebook_relation_lines(path: Path) -> set[int]:
    raw = path.read_text(encoding="utf-8")
    found, cursor = set(), 0
    for cell in json.loads(raw)["cells"]:
        source = cell["source"] if isinstance(cell["source"], list) else [cell["source"]]
        text, linemap = "", []
        for piece in source:
            cursor = raw.index(json.dumps(piece, ensure_ascii=False)[1:-1] if piece else '""', cursor)
            file_line = raw.count("\n", 0, cursor) + 1
            linemap.extend([file_line] * (piece.count("\n") + (0 if piece.endswith("\n") else 1)))
            text += piece
        if cell["cell_type"] == "markdown":
            found |= {linemap[k - 1] for k in relation_lines(text)}
    return found


def document_relation_lines(document: Path) -> set[int]:
    if document.suffix == ".ipynb":
        return _notebook_relation_lines(document)
    return relation_lines(document.read_text(encoding="utf-8"))


# -- the tests ---------------------------------------------------------------------------------------


def test_the_corpus_is_big_enough():
    assert len(EXPECTED) >= 100
    assert {"backprop.expected", "softplus.expected"} <= {p.name for p in EXPECTED}


def test_pending_names_documents_that_exist():
    assert FLOOR_PENDING | STEPPED_PENDING <= PENDING <= {p.stem for p in EXPECTED}


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.stem)
def test_expectations_are_well_formed(expected):
    """Known verdicts, a reason on every row, lines that exist, no line twice."""
    n_lines = len(_document(expected).read_text(encoding="utf-8").splitlines())
    seen = set()
    for raw in expected.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        assert len(fields) >= 3 and fields[2].strip(), f"{expected.name}: row without a reason: {raw!r}"
        line, verdicts = int(fields[0]), fields[1].strip()
        assert 1 <= line <= n_lines and line not in seen, (expected.name, line)
        seen.add(line)
        assert verdicts == "-" or set(verdicts.split()) <= VERDICTS, (expected.name, line, verdicts)


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.stem)
def test_every_line_with_a_relation_is_listed(expected):
    listed = set(read_expected(expected))
    unlisted = {line for line in document_relation_lines(_document(expected)) - listed
                if (expected.stem, line) not in UNLISTED}
    assert not unlisted, f"{expected.stem}: lines with a relation but no expectation: {sorted(unlisted)}"


@pytest.mark.parametrize("expected", _params(FLOOR_PENDING))
def test_floor_never_wrong_for_right_and_always_wrong_for_wrong(expected):
    want, got = read_expected(expected), verdicts_by_line(_document(expected))
    for line, verdicts in want.items():
        found = got.get(line, [])
        if "wrong" in verdicts or "wrong" in found:
            assert len(found) == len(verdicts), (line, verdicts, found)
            for w, g in zip(verdicts, found):
                assert (w == "wrong") == (g == "wrong"), (expected.stem, line, verdicts, found)
            for w, g in zip(verdicts, found):
                assert not (w == "wrong" and g in ACCEPTED), (expected.stem, line, verdicts, found)


@pytest.mark.parametrize("expected", _params(STEPPED_PENDING))
def test_no_definition_line_gets_a_step(expected):
    want, got = read_expected(expected), verdicts_by_line(_document(expected))
    stepped = {line: got[line] for line, verdicts in want.items() if not verdicts and got.get(line)}
    assert not stepped, f"{expected.stem}: steps on lines that only define or give values: {stepped}"


@pytest.mark.parametrize("expected", _params(PENDING))
def test_expected_verdicts(expected):
    want, got = read_expected(expected), verdicts_by_line(_document(expected))
    mismatches = {line: (verdicts, got.get(line, [])) for line, verdicts in want.items()
                  if got.get(line, []) != verdicts}
    extra = {line: found for line, found in got.items() if line not in want}
    assert not mismatches and not extra, f"{expected.stem}: expected vs got {mismatches}; steps on unlisted lines {extra}"


def corpus_offences() -> dict[str, dict[str, list]]:
    """Per document: right lines called wrong, wrong lines accepted, definition lines with a step, mismatches."""
    out = {}
    for expected in EXPECTED:
        want, got = read_expected(expected), verdicts_by_line(_document(expected))
        found = {"false_wrong": [], "false_accepted": [], "definition_stepped": [], "mismatch": []}
        for line, verdicts in want.items():
            have = got.get(line, [])
            if not verdicts and have:
                found["definition_stepped"].append(line)
            if "wrong" not in verdicts and "wrong" in have:
                found["false_wrong"].append(line)
            if any(w == "wrong" and g in ACCEPTED for w, g in zip(verdicts, have)):
                found["false_accepted"].append(line)
            if have != verdicts:
                found["mismatch"].append(line)
        found["mismatch"] += [line for line in got if line not in want]
        out[expected.stem] = found
    return out


def _table(kind: str) -> str:
    rows = [f"  {name:32} lines {found[kind]}" for name, found in corpus_offences().items() if found[kind]]
    return "\n".join(rows)


def _corpus_wide(kind: str, pending: set[str]):
    marks = [pytest.mark.xfail(strict=False, reason="PENDING documents remain (issue 9)")] if pending else []
    return pytest.param(kind, id=kind, marks=marks)


@pytest.mark.parametrize("kind", [_corpus_wide("false_wrong", FLOOR_PENDING),
                                  _corpus_wide("definition_stepped", STEPPED_PENDING),
                                  _corpus_wide("false_accepted", set())])
def test_across_the_corpus(kind):
    """No right line wrong, no definition line with a step, no wrong line accepted, in any document."""
    table = _table(kind)
    assert not table, f"{kind} across the corpus:\n{table}"


if __name__ == "__main__":  # the yardstick: python3 tests/test_corpus.py
    offences = corpus_offences()
    total_lines = sum(len(read_expected(e)) for e in EXPECTED)
    for name, found in offences.items():
        if any(found.values()):
            print(f"{name:34} " + "  ".join(f"{k}={v}" for k, v in found.items() if v))
    print(f"{len(EXPECTED)} documents, {total_lines} listed lines; documents with a mismatch: "
          f"{sum(1 for f in offences.values() if f['mismatch'])}; " +
          ", ".join(f"{k}: {sum(len(f[k]) for f in offences.values())} lines"
                    for k in ("mismatch", "false_wrong", "false_accepted", "definition_stepped")))
    sys.exit(0)
