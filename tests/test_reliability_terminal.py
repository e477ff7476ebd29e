"""SPEC §7 in a real terminal: the app on the hostile corpus writes none of the files' escape
sequences (pseudo-terminal), shows markup literally and keeps running (tmux); the state store
survives `kill -9` while it is being written."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from hostile import CLEAR_MARK, EVIL_URL, OSC0_TITLE, OSC52_PAYLOAD, make_hostile_corpus

READER = Path(sys.executable).with_name("reader")
RUNNER = Path(__file__).with_name("fake_ner_reader.py")
ROWS, COLS = 40, 120


def _env(tmp: Path) -> dict[str, str]:
    env = dict(
        os.environ,
        TERM="xterm-256color",
        READER_STATE_DIR=str(tmp / "state"),
        READER_CONFIG_DIR=str(tmp / "config"),
        # the runner's folder first; an inherited PYTHONPATH (a worktree's src) is kept
        PYTHONPATH=os.pathsep.join(
            filter(None, [str(RUNNER.parent), os.environ.get("PYTHONPATH")])
        ),
    )
    for var in ("READER_INDEX_DIR", "COLUMNS", "LINES", "TEXTUAL", "NO_COLOR"):
        env.pop(var, None)
    return env


class Terminal:
    """`reader` in a pseudo-terminal of ROWS x COLS; everything it writes is kept in `output`."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.output = bytearray()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            try:
                os.execve(str(READER), [str(READER), *args], env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.status: int | None = None

    def pump(self, seconds: float) -> bool:
        """Read what the app writes for `seconds`; False once the terminal is closed."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return False
                if not chunk:
                    return False
                self.output.extend(chunk)
        return True

    def pump_until(self, pattern: bytes, seconds: float) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if pattern in self.output:
                return True
            if not self.pump(0.2):
                return pattern in self.output
        return pattern in self.output

    def press(self, keys: bytes, settle: float = 0.6) -> None:
        os.write(self.fd, keys)
        self.pump(settle)

    def quit(self, seconds: float = 15) -> int:
        os.write(self.fd, b"q")
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            alive = self.pump(0.2)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                return status
            if not alive:  # the terminal is closed: the process is exiting
                time.sleep(0.1)
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if not pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            pytest.fail("the app did not quit on q: " + _visible(self.output)[-1500:])
        self.status = status
        return status

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)


def _visible(raw: bytes) -> str:
    """The printable text of a terminal stream (CSI and OSC sequences of the app removed)."""
    text = re.sub(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]", b"", raw)
    text = re.sub(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)", b"", text)
    return text.decode("utf-8", "replace")


def test_app_in_a_pty_never_writes_the_files_escape_sequences(tmp_path: Path) -> None:
    corpus = make_hostile_corpus(tmp_path / "corpus", huge=True, outside=tmp_path / "out")
    term = Terminal([str(corpus.root), "--index-dir", str(tmp_path / "index")], _env(tmp_path))
    try:
        # Let it index (spaCy included) until the hostile titles are listed, then read them.
        assert term.pump_until(b"Un nom de fichier", 150), _visible(term.output)[-2000:]
        term.pump(0.5)
        # Open every article (back to the list, top, down i rows, enter), show its removed
        # text, step through its mentions; then search for text of the hostile articles.
        for i in range(len(corpus.expected_text)):
            term.press(b"\x1b[Z" + b"g" + b"j" * i + b"\r", 0.5)
            term.press(b"reG", 0.4)
        term.press(b"/")
        term.press(b"Presse OR octet OR entit\xc3\xa9s", 1.0)
        term.press(b"\r", 0.5)
        term.press(b"\x1b", 0.4)
        assert term.quit() == 0
    finally:
        term.close()
    out = bytes(term.output)
    assert len(out) > 10_000
    # The injected sequences, as the files hold them, never reach the terminal.
    for seq in (
        f"\x1b]52;c;{OSC52_PAYLOAD}".encode(),
        f"\x1b]8;;{EVIL_URL}".encode(),
        f"\x1b]0;{OSC0_TITLE}".encode(),
        f"{CLEAR_MARK}\x1b[2J".encode(),
        "\x9b31m".encode(),
        "\x9d0;titre".encode(),
    ):
        assert seq not in out, seq
    assert b"\x1b]52;" not in out  # no clipboard write at all
    assert b"\xc2\x9b" not in out and b"\xc2\x9d" not in out  # no C1 CSI / OSC
    assert "\u202e".encode() not in out and "\u2066".encode() not in out
    # No hyperlink of the app points at a URL from the files.
    for link in re.findall(rb"\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)", out):
        assert b"evil" not in link, link
    visible = _visible(out)
    assert "Traceback" not in visible
    # The hostile articles were shown: their visible text is on the screen.
    # (Textual rewrites only what changed, so look for short words, not whole lines.)
    shown = [
        w
        for w in ("Presse-papiers", "octet", "[@click", "EXE.TXT", CLEAR_MARK, "Bidi")
        if w in visible
    ]
    # Which of them survive as contiguous bytes depends on Textual's partial redraws and on
    # timing, so ask for most of them, not all: the assertions above are the contract.
    assert len(shown) >= 4, shown


def _tmux(*args: str, socket: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_app_in_tmux_shows_markup_literally_and_keeps_running(tmp_path: Path) -> None:
    corpus = make_hostile_corpus(tmp_path / "corpus", huge=False, outside=tmp_path / "out")
    index = tmp_path / "index"
    env = _env(tmp_path)
    # Index first with the quick extractor, so the app opens the index at once.
    subprocess.run(
        [sys.executable, str(RUNNER), "index", str(corpus.root), "--index-dir", str(index)],
        env=env,
        capture_output=True,
        check=True,
        timeout=60,
    )
    socket = f"reader-test-{os.getpid()}"
    command = (
        " ".join(f"{k}={v!r}" for k, v in env.items() if k.startswith("READER_") or k == "TERM")
        + f" exec {READER} {str(corpus.root)!r} --index-dir {str(index)!r}"
    )
    started = _tmux(
        "new-session",
        "-d",
        "-s",
        "hostile",
        "-x",
        str(COLS),
        "-y",
        str(ROWS),
        command,
        socket=socket,
    )
    assert started.returncode == 0, started.stderr
    try:
        screen = ""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            time.sleep(0.5)
            screen = _tmux("capture-pane", "-p", "-t", "hostile", socket=socket).stdout
            if "Titre [bold]Piège[/]" in screen:
                break
        assert "Titre [bold]Piège[/]" in screen, screen
        # Open the markup article and click-free read it: the literal markup is on screen.
        target = next(i for i, line in enumerate(screen.splitlines()) if "Titre [bold]" in line)
        rows_above = sum(1 for line in screen.splitlines()[:target] if re.search(r"\d+ ent", line))
        _tmux("send-keys", "-t", "hostile", "g", socket=socket)
        for _ in range(rows_above):
            _tmux("send-keys", "-t", "hostile", "j", socket=socket)
        _tmux("send-keys", "-t", "hostile", "Enter", socket=socket)
        time.sleep(1.5)
        screen = _tmux("capture-pane", "-p", "-t", "hostile", socket=socket).stdout
        flat = " ".join(screen.replace("│", " ").split())
        assert "[@click=app.quit]" in flat and "[/] seul" in flat, screen
        assert "[$foo]" in flat and "[Reuters]" in flat, screen
        alive = _tmux("list-panes", "-t", "hostile", "-F", "#{pane_dead}", socket=socket)
        assert alive.stdout.strip() == "0"
        assert "Traceback" not in screen
        _tmux("send-keys", "-t", "hostile", "q", socket=socket)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if _tmux("has-session", "-t", "hostile", socket=socket).returncode != 0:
                break
            time.sleep(0.3)
    finally:
        _tmux("kill-server", socket=socket)


# -- the state store after kill -9 ------------------------------------------------------------
WRITER = """
import sys, itertools
from pathlib import Path
from reader.ui.state import StateStore
store = StateStore(Path(sys.argv[1]))
print("ready", flush=True)
for i in itertools.count():
    store.mark_read("corpus", f"article-{i}")
    store.set_position("corpus", f"article-{i}", i)
    store.set_theme(f"theme-{i % 7}")
"""


def test_state_store_survives_kill_9_while_writing(tmp_path: Path) -> None:
    from reader.ui.state import StateStore

    folder = tmp_path / "state"
    for delay in (0.15, 0.4, 0.7):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        db = sqlite3.connect(folder / "state.sqlite")
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db.close()
        store = StateStore(folder)
        assert store.available
        read = store.read_articles("corpus")
        position = store.position("corpus")
        assert read and position is not None
        article, offset = position
        assert article == f"article-{offset}" and article in read
        assert (store.theme() or "").startswith("theme-")
        store.close()
    assert not list(folder.glob("*.corrupt"))
