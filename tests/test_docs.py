"""Every command has help and is documented in the README (sqlite-utils' test_docs habit)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from dealgraph.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)
SUBCOMMANDS = sorted(
    f"{name} {sub}"
    for name, group in cli.commands.items()
    if isinstance(group, click.Group)
    for sub in group.commands
)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 4
    assert cli.commands[command].help and len(cli.commands[command].help) > 40


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented_in_the_readme(command: str) -> None:
    assert re.search(rf"^#+ .*`dealgraph {command}", README, re.M), (
        f"README has no section for dealgraph {command}"
    )


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_subcommand_has_help_and_is_documented(command: str) -> None:
    group, sub = command.split()
    result = CliRunner().invoke(cli, [group, sub, "--help"])
    assert result.exit_code == 0 and len(result.output.splitlines()) > 4
    assert re.search(rf"^#+ .*`dealgraph {command}", README, re.M), (
        f"README has no section for dealgraph {command}"
    )


def test_readme_starts_with_the_three_relations() -> None:
    first_example = README.split("```")[1]
    assert "contractsWith" in first_example
    intro = README.split("\n## ")[0]
    for word in ("Huawei", "contracts-with", "bans", "signed-during"):
        assert word in intro


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text()
    m = re.search(r"^    (.*pytest.*)$", README, re.M)
    assert m, "the README gives no test command"
    assert m.group(1).strip() in ci
