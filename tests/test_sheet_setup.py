"""The README's two set-up commands: they make their own virtual environment, and CI runs the test one as written."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    section = README.split("## On a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_the_setup_section_has_the_prerequisites_and_the_two_commands():
    apt, sheet, tests = _setup_commands()
    assert apt.startswith("sudo apt-get install -y ") and "python3-venv" in apt
    for command in (sheet, tests):
        # a virtual environment in the command itself: Debian's own pip refuses to install outside one
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install -e ")
        assert "\n" not in command and " pip install" not in command.replace(".venv/bin/pip install", "")
    assert sheet.endswith("&& .venv/bin/derivations sheet")
    assert tests.endswith("&& .venv/bin/python -m pytest") and "'.[test]'" in tests


def test_ci_runs_the_readme_test_command_exactly():
    _, _, tests = _setup_commands()
    lines = [line.strip() for line in CI.splitlines()]
    assert tests in lines
    assert "apt-get install" in CI and "python3-venv" in CI and "poppler-utils" in CI


def test_the_virtual_environment_is_not_committed():
    assert ".venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
