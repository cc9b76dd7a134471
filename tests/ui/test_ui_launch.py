"""Where the full screen cannot be drawn it is not tried, and a crash is not a success."""

from __future__ import annotations

import io

import pytest
from textual.app import App

from facilitator.cli import main
from facilitator.ui import launch


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_run_without_a_terminal_says_to_use_plain(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr("sys.stdin", io.StringIO("hand Ana\n"))
    assert main(["run", "--group", str(tmp_path / "g")]) == 1
    assert capsys.readouterr().err == (
        "facilitator: The full screen needs a terminal, and the input or output here is not "
        "one. Use `facilitator run --plain` for the same meeting line by line.\n")
    assert not (tmp_path / "g" / "journals").exists()


@pytest.mark.parametrize("command, instead", [
    (["run", "quick-decision"], "Use `facilitator run --plain` for the same meeting line by line."),
    (["resume"], "Use `facilitator resume --plain` for the same meeting line by line."),
    (["display"], "Run it in a terminal."),
])
def test_a_dumb_terminal_is_told_what_to_use(tmp_path, capsys, monkeypatch, command,
                                             instead) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("sys.stdout", Terminal())
    assert main([*command, "--group", str(tmp_path / "g")]) == 1
    assert capsys.readouterr().err == (
        f"facilitator: This terminal (TERM=dumb) cannot draw the full screen. {instead}\n")


def test_a_driver_without_a_terminal_is_let_through(monkeypatch) -> None:
    """`textual serve` runs the app with a web driver and pipes: that is not refused."""
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    monkeypatch.setenv("TERM", "dumb")
    launch.check_terminal("facilitator run --plain")


def test_a_crashed_full_screen_exits_non_zero() -> None:
    class Crashing(App[None]):
        def on_mount(self) -> None:
            raise RuntimeError("a bug")

    class Fine(App[None]):
        def on_mount(self) -> None:
            self.exit()

    assert launch.run_full_screen(Crashing(), headless=True) == 1
    assert launch.run_full_screen(Fine(), headless=True) == 0
