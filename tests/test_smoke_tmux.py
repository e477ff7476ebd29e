"""Drive the installed `reader` in tmux: open the seeds, search `Finlande`, enter to the hit,
`e` then `]` into another article, `q`. Skipped (with the reason) without tmux or `reader`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

WIDTH, HEIGHT = 120, 40
FIRST_RUN_TIMEOUT = 90.0  # the first run indexes the seeds with spaCy


def _reader_command() -> str | None:
    found = shutil.which("reader")
    if found:
        return found
    candidate = Path(sys.executable).parent / "reader"
    return str(candidate) if candidate.exists() else None


TMUX = shutil.which("tmux")
READER = _reader_command()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(READER is None, reason="the `reader` command is not installed"),
]


class Pane:
    """A detached tmux session running one command."""

    def __init__(self, name: str) -> None:
        self.name = name

    def send(self, *keys: str, literal: bool = False) -> None:
        args = ["tmux", "send-keys", "-t", self.name]
        if literal:
            args.append("-l")
        subprocess.run([*args, *keys], check=True)

    def capture(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def wait_for(self, predicate: Callable[[str], bool], timeout: float, what: str) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if predicate(screen):
                return screen
            time.sleep(0.25)
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{screen}")

    def alive(self) -> bool:
        return (
            subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode
            == 0
        )


def headline(screen: str) -> str:
    """The article pane's first text line (the headline) on a 120-column screen."""
    line = screen.splitlines()[2]
    parts = [p for p in line.split("│") if p != ""]
    return parts[1].strip() if len(parts) > 1 else line


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    name = f"reader-smoke-{uuid.uuid4().hex[:8]}"
    env = {
        "READER_INDEX_DIR": str(tmp_path / "index"),
        "READER_STATE_DIR": str(tmp_path / "state"),
        "READER_CONFIG_DIR": str(tmp_path / "config"),
        "TERM": "xterm-256color",
    }
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    command = f"env {exports} {READER}; echo READER-EXITED-$?; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), command],
        check=True,
        env={**os.environ, **env},
    )
    try:
        yield Pane(name)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_search_enter_e_bracket_quit(pane: Pane) -> None:
    pane.wait_for(lambda s: "index current" in s, FIRST_RUN_TIMEOUT, "the index to be current")
    pane.send("/")
    # the box's title border, not the footer's "/ Search" key label
    pane.wait_for(lambda s: "Search ─" in s, 10, "the search box")
    time.sleep(0.3)  # the box takes focus right after it is drawn
    pane.send("Finlande", literal=True)
    pane.wait_for(lambda s: "match" in s, 15, "search results")
    pane.send("Enter")
    screen = pane.wait_for(
        lambda s: "Search ─" not in s and "Finlande" in s, 10, "the jump to the hit"
    )
    first = headline(screen)
    pane.send("e")
    pane.wait_for(lambda s: "mentions in" in s, 10, "the entity card")
    # `]` follows the selected entity; if it only occurs in this article, `e` moves on to the
    # next mention and `]` is tried again (what a reader would do).
    for _ in range(8):
        for _ in range(3):
            pane.send("]")
            time.sleep(0.4)
            if headline(pane.capture()) != first:
                break
        if headline(pane.capture()) != first:
            break
        pane.send("e")
        time.sleep(0.3)
    screen = pane.capture()
    assert headline(screen) != first, screen
    pane.send("q")
    pane.wait_for(lambda s: "READER-EXITED-0" in s, 10, "the reader to quit")


def test_timeline_enter_and_new_percent(pane: Pane) -> None:
    pane.wait_for(lambda s: "index current" in s, FIRST_RUN_TIMEOUT, "the index to be current")
    pane.send("T")
    screen = pane.wait_for(lambda s: "Timeline ·" in s, 10, "the timeline")
    assert "new:" in screen and "─ undated ─" in screen, screen
    pane.send("G")  # the last undated article
    time.sleep(0.3)
    pane.send("Enter")
    screen = pane.wait_for(lambda s: "Timeline ·" not in s, 10, "the article")
    # the seeds share passages: with two articles read, some unread one is partly known
    pane.send("Tab", "g", "Enter")
    figure = re.compile(r"new\s\d+\s%")  # no-break spaces around the number
    pane.wait_for(lambda s: figure.search(s) is not None, 10, "a new % figure in the list")
    pane.send("q")
    pane.wait_for(lambda s: "READER-EXITED-0" in s, 10, "the reader to quit")
