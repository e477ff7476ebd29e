"""First useful frame in tmux, as a person would see it: spawn the reader and the bare app
(`bench/bare_app.py`, same content) in a detached tmux window of a given size, poll
`tmux capture-pane` until the article's marker word is on screen, interleaved, medians.

    python bench/tmux_paint.py CORPUS INDEX CONTENT.json [ROUNDS] [COLSxLINES]

CONTENT.json comes from `python -m bench.probes paint-content`. The polling (a `tmux` process
every ~10 ms) costs CPU of its own on a small machine: compare the two columns, not the
absolute values. Prints one JSON line, then the medians and their ratio.
"""

from __future__ import annotations

import json
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def time_to_marker(
    command: list[str], marker: str, size: tuple[int, int], pythonpath: str | None = None
) -> float | None:
    """Seconds from spawning `command` in a new tmux session to `marker` on its screen."""
    session = f"paint{os.getpid()}-{time.monotonic_ns()}"
    env = " ".join(
        f"{k}={shlex.quote(v)}" for k, v in os.environ.items() if k.startswith("READER_")
    )
    if pythonpath:
        env += f" PYTHONPATH={shlex.quote(pythonpath)}"
    line = f"env {env} {shlex.join(command)}"
    for _ in range(10):  # the server of the previous session may be exiting: try again
        t0 = time.monotonic()
        window = ["-x", str(size[0]), "-y", str(size[1])]
        started = subprocess.run(
            ["tmux", "new-session", "-d", "-s", session, *window, line],
            capture_output=True,
            text=True,
            check=False,
        )
        if started.returncode == 0:
            break
        time.sleep(0.3)
    else:
        raise RuntimeError(f"tmux: {started.stderr.strip()}")
    seen: float | None = None
    try:
        while time.monotonic() - t0 < 60:
            if marker in _tmux("capture-pane", "-p", "-t", session):
                seen = time.monotonic() - t0
                break
            time.sleep(0.01)
    finally:
        _tmux("send-keys", "-t", session, "q")
        time.sleep(0.3)
        _tmux("kill-session", "-t", session)
    return seen


def main() -> None:
    """Interleaved rounds of the bare app and the reader; medians and ratio."""
    corpus, index, content = sys.argv[1], sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    cols, lines = (int(x) for x in (sys.argv[5] if len(sys.argv) > 5 else "160x48").split("x"))
    marker = json.loads(Path(content).read_text(encoding="utf-8"))["marker"]
    reader = [str(Path(PY).parent / "reader"), corpus, "--index-dir", index]
    bare = [PY, str(ROOT / "bench" / "bare_app.py"), content]
    # READER_OLD_SRC: another version's `src` folder, timed too (old against new)
    old = os.environ.get("READER_OLD_SRC")
    out: dict[str, list[float | None]] = {"bare": [], "reader": []}
    if old:
        out["old"] = []
    for _ in range(rounds):
        out["bare"].append(time_to_marker(bare, marker, (cols, lines)))
        out["reader"].append(time_to_marker(reader, marker, (cols, lines)))
        if old:
            out["old"].append(time_to_marker(reader, marker, (cols, lines), old))
    print(json.dumps(out))
    med = {k: statistics.median([x for x in v if x is not None]) for k, v in out.items()}
    for k, v in med.items():
        print(f"{k} {v:.3f} s, {v / med['bare']:.2f}x bare")


if __name__ == "__main__":
    main()
