"""``pupitre-kiosk --help`` names every command, not only the kiosk's options."""

import pytest

from kiosk import cli


def test_the_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--practice" in out and "--exam" in out
    commands = out[out.index("commands"):]
    for command in cli.COMMANDS:
        assert f"\n  {command} " in commands, command
    assert "set the invigilator's unlock code" in commands


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_each_command_has_its_own_help(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0 and f"pupitre-kiosk {command}" in capsys.readouterr().out
