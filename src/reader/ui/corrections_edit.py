"""Taking corrections back: drop the last command of the corrections file (undo), or the
`hide` commands naming an entity (unhide). The file is the user's own (in the config folder,
never the corpus): it is rewritten crash-safely (temporary file, fsync, atomic replace), and
comments and blank lines are kept."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.domain.config_files import read_config_text
from reader.domain.entities.corrections import Command, parse_line
from reader.domain.textnorm import fold_key


def _read_lines(path: Path) -> list[str]:
    """The file's lines ([] when missing); `ConfigFileError` for a FIFO, a device, a huge file
    (read as config files are: `config_files.read_config_text`)."""
    text = read_config_text(path)
    return [] if text is None else text.splitlines()


def _write_lines(path: Path, lines: list[str]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".corrections-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("".join(line + "\n" for line in lines))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _drop(path: Path, keep: Callable[[int, Command], bool]) -> list[str]:
    """Rewrite `path` without the command lines `keep` rejects; the removed lines."""
    lines = _read_lines(path)
    kept: list[str] = []
    removed: list[str] = []
    for number, line in enumerate(lines, 1):
        parsed = parse_line(line, number)
        if isinstance(parsed, Command) and not keep(number, parsed):
            removed.append(line.strip())
        else:
            kept.append(line)
    if removed:
        _write_lines(path, kept)
    return removed


def undo_last(path: Path) -> str | None:
    """Remove the last command of the corrections file; the line removed (None if none)."""
    lines = _read_lines(path)
    last = max(
        (n for n, line in enumerate(lines, 1) if isinstance(parse_line(line, n), Command)),
        default=None,
    )
    if last is None:
        return None
    removed = _drop(path, lambda number, _command: number != last)
    return removed[0] if removed else None


def unhide(path: Path, names: Iterable[str]) -> list[str]:
    """Remove every `hide` command naming the entity by one of `names` (its id, name or
    aliases; case, accents and hyphens ignored); the lines removed."""
    keys = {fold_key(name) for name in names}
    return _drop(
        path,
        lambda _number, command: not (command.verb == "hide" and fold_key(command.args[0]) in keys),
    )
