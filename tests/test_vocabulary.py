"""The one vocabulary: every relation and verdict named one way, in every form."""

from __future__ import annotations

import json

import pytest

from derivations.vocabulary import RELATION_COMMANDS, Relation, Verdict


@pytest.mark.parametrize("relation", list(Relation))
def test_each_form_reads_back(relation):
    for form in (relation.value, relation.latex, relation.unicode, relation.ascii):
        assert Relation.of(form) is relation
    assert relation.flipped.flipped is relation


@pytest.mark.parametrize("command", sorted(RELATION_COMMANDS))
def test_every_latex_command_is_a_relation(command):
    assert isinstance(Relation.of("\\" + command), Relation)


def test_unknown_relations_and_verdicts_are_errors():
    for bad in ("=>", r"\to", "", "le", None):
        with pytest.raises(ValueError):
            Relation.of(bad)
    with pytest.raises(ValueError):
        Verdict.of("maybe")


def test_plain_strings_compare_equal_and_serialise():
    assert Relation.EQ == "=" and Verdict.PROVED == "proved"
    assert json.loads(json.dumps([Relation.APPROX, Verdict.FOLLOWS])) == ["approx", "follows"]
    assert f"{Relation.LE}|{Verdict.WRONG}" == "<=|wrong"


def test_verdict_properties():
    assert [v for v in Verdict if v.accepted] == [Verdict.PROVED, Verdict.VERIFIED]
    assert Verdict.UNKNOWN.reported is Verdict.UNCHECKED and not Verdict.UNCHECKED.decided
    assert all(v.colour and v.mark and v.label == v.value.upper() for v in Verdict)
