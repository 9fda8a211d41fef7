"""Collecting sheets and the `derivations sheet` command."""

import pytest

from derivations.cli import main
from derivations.sheet import SheetError, collect, load_exercises


def test_selected_ids_in_order_without_plots():
    sheet = collect(["tanh-sigmoid", "sigmoid-derivative", "tanh-sigmoid"])
    assert [d.id for d in sheet.items] == ["tanh-sigmoid", "sigmoid-derivative"]
    assert sheet.plots == []
    assert all(s.evidence is not None for d in sheet.items for s in d.all_steps())


def test_unknown_id_suggests_the_closest():
    with pytest.raises(SheetError, match="sigmoid-derivative"):
        collect(["sigmoid-derivativ"])


def test_missing_exercise_file_is_a_clear_error(tmp_path):
    with pytest.raises(SheetError, match="no such exercise file"):
        load_exercises(tmp_path / "nope.toml")


def test_write_selected_formats(tmp_path):
    sheet = collect(["sigmoid-symmetry"], plots=False)
    written = sheet.write(tmp_path, ["md", "html"])
    assert sorted(p.name for p in written) == ["sheet.html", "sheet.md"]
    assert "sigmoid" in (tmp_path / "sheet.md").read_text().lower()


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown format 'docx'"):
        collect(["sigmoid-symmetry"]).write(tmp_path, ["docx"])


def test_cli_help_explains_the_command(capsys):
    assert main(["sheet", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--format" in out and "sheet.html" in out and "catalog id" in out


@pytest.mark.parametrize("argv, message", [
    (["sheet", "no-such-id"], "no catalog entry"),
    (["sheet", "--format", "tex,docx"], "unknown format docx"),
])
def test_cli_usage_errors_exit_2_with_a_message(argv, message, capsys, tmp_path):
    assert main(argv + ["--out", str(tmp_path)]) == 2
    assert message in capsys.readouterr().err


def test_cli_writes_the_files_and_reports(tmp_path, capsys):
    assert main(["sheet", "sigmoid-derivative", "--format", "tex,html,md", "--out", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.iterdir()} == {"sheet.tex", "sheet.html", "sheet.md"}
    captured = capsys.readouterr()
    assert "wrote" in captured.out and captured.err == ""  # no progress bar when not a terminal


@pytest.mark.slow
def test_cli_pdf_with_plots(tmp_path):
    from derivations.sheet import find_latex

    if find_latex() is None:
        pytest.skip("no LaTeX installed")
    assert main(["sheet", "dead-relu", "--plots", "--format", "pdf", "--out", str(tmp_path), "-q"]) == 0
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.suffix for p in (tmp_path / "plots").iterdir()) == [".pdf"] * 10
