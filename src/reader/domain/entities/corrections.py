"""User corrections to entity linking: a plain-text file, one command per line.

The file lives in the user's config directory, one per corpus (never in the corpus folder),
and is applied every time the corpus is linked. Format (UTF-8):

```
# lines starting with # are comments; blank lines are ignored
merge Poutine into vladimir-poutine     # the entity ENTITY A joins entity B (B keeps its id)
split Blanche from maison-blanche       # mentions spelt ALIAS leave the entity, on their own
unlink Blanche from maison-blanche      # same as split
rename kremlin to Le Kremlin            # display name (the id does not change)
relabel kremlin as ORG                  # PER, ORG, LOC or MISC
hide certified                          # keep the entity out of highlights and lists
```

An ENTITY is named by its id (`vladimir-poutine`), its name or any of its aliases, case,
accents and hyphens ignored (`Maison-Blanche` = `maison blanche`). An ALIAS is a surface
form. Names may be wrapped in double quotes (`merge "Maison Blanche" into "Élysée"`) and
must be when they contain the keywords ` into `, ` from `, ` to ` or ` as `.
Commands apply in file order. A bad line never stops the others: `parse` returns it as a
problem with its line number and the reason; a command naming an unknown entity is
reported by `Corrections.apply_to_groups` in `Corrections.unresolved`.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reader.domain.config_files import ConfigFileError, read_config_text
from reader.domain.discovery import safe_name
from reader.domain.model import LABELS
from reader.domain.textnorm import fold_key

VERBS = ("merge", "split", "unlink", "rename", "relabel", "hide")
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Command:
    """One parsed correction: `verb` with its arguments, and the line it came from."""

    verb: str
    args: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class CorrectionProblem:
    """A line of the corrections file that could not be used, and why."""

    line: int
    text: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}: {self.text!r}"


class _Namer(Protocol):
    def name(self, group: Sequence[int]) -> str: ...


def _unquote(s: str) -> str:
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] == '"':
        return s[1:-1].strip()
    return s


def _after_keyword(text: str, kw: str) -> str | None:
    """`text` is whitespace, `kw`, whitespace, then something: that something, stripped."""
    if not text[:1].isspace():
        return None
    text = text.lstrip()
    if not text.startswith(kw) or not text[len(kw) : len(kw) + 1].isspace():
        return None
    rest = text[len(kw) :].strip()
    return rest or None


def _two(rest: str, kw: str) -> tuple[str, str] | None:
    """`A kw B` → (A, B): A is a quoted name, else everything before the first `kw` word.

    Written as a scan of the words (linear in the line): the regular expression it replaces
    took 35 s on a line of 4,000 spaces."""
    text = rest.strip()
    first = second = None
    if text.startswith('"'):
        close = text.find('"', 1)
        if close > 1:
            after = _after_keyword(text[close + 1 :], kw)
            if after is not None:
                first, second = text[: close + 1], after
    if first is None:
        for word in _WORDS.finditer(text):
            if word.start() > 0 and word.group() == kw:
                after = _after_keyword(text[word.start() - 1 :], kw)
                if after is not None:
                    first, second = text[: word.start()], after
                    break
    if first is None or second is None:
        return None
    a, b = _unquote(first), _unquote(second)
    return (a, b) if a and b else None


def strip_comment(body: str) -> str:
    """`body` without its trailing comment: from the first `#` that follows whitespace and is
    followed by an even number of double quotes (so not inside a quoted name)."""
    quotes_after = body.count('"')
    for i, ch in enumerate(body):
        if ch == '"':
            quotes_after -= 1
        elif ch == "#" and i > 0 and body[i - 1].isspace() and quotes_after % 2 == 0:
            return body[:i].rstrip()
    return body


def parse_line(text: str, lineno: int = 1) -> Command | CorrectionProblem | None:
    """Parse one line: a `Command`, a `CorrectionProblem`, or None for blank/comment lines."""
    body = text.strip()
    if not body or body.startswith("#"):
        return None
    body = strip_comment(body)
    verb, _, rest = body.partition(" ")
    verb = verb.lower()
    shapes = {
        "merge": ("into", "merge ENTITY into ENTITY"),
        "split": ("from", "split ALIAS from ENTITY"),
        "unlink": ("from", "unlink ALIAS from ENTITY"),
        "rename": ("to", "rename ENTITY to NAME"),
        "relabel": ("as", "relabel ENTITY as PER|ORG|LOC|MISC"),
    }
    if verb in shapes:
        kw, usage = shapes[verb]
        pair = _two(rest, kw)
        if pair is None:
            return CorrectionProblem(lineno, text, f"expected `{usage}`")
        if verb == "relabel" and pair[1].upper() not in LABELS:
            return CorrectionProblem(
                lineno, text, f"unknown label {pair[1]!r} (PER, ORG, LOC, MISC)"
            )
        if verb == "relabel":
            pair = (pair[0], pair[1].upper())
        return Command("split" if verb == "unlink" else verb, pair, lineno)
    if verb == "hide":
        name = _unquote(rest)
        if not name:
            return CorrectionProblem(lineno, text, "expected `hide ENTITY`")
        return Command("hide", (name,), lineno)
    return CorrectionProblem(lineno, text, f"unknown command {verb!r} (one of {', '.join(VERBS)})")


@dataclass
class Corrections:
    """Parsed corrections, applied by `linking.link`."""

    commands: list[Command] = field(default_factory=list)
    unresolved: list[CorrectionProblem] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> tuple[Corrections, list[CorrectionProblem]]:
        """Parse a whole file's text; bad lines are returned as problems, never raised."""
        cmds: list[Command] = []
        problems: list[CorrectionProblem] = []
        text = text.removeprefix("\ufeff")  # a byte-order mark (Windows editors) is not text
        for i, line in enumerate(text.splitlines(), 1):
            r = parse_line(line, i)
            if isinstance(r, Command):
                cmds.append(r)
            elif isinstance(r, CorrectionProblem):
                problems.append(r)
        return cls(cmds), problems

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> tuple[Corrections, list[CorrectionProblem]]:
        """Read and parse a corrections file; a missing file is no corrections."""
        try:
            text = read_config_text(path, errors="replace")
        except ConfigFileError as exc:
            return cls(), [CorrectionProblem(0, safe_name(os.fspath(path)), exc.reason)]
        if text is None:
            return cls(), []
        return cls.parse(text)

    def apply_to_groups(
        self,
        groups: list[list[int]],
        mentions: Sequence[tuple[str, str]],
        namer: _Namer,
    ) -> tuple[list[list[int]], list[dict[str, object]]]:
        """Apply the commands to linking groups (lists of mention indices; `mentions[i]` is
        `(surface, folded key)`). Returns the new groups and per-group overrides (`name`,
        `label`, `hidden`, `id`)."""
        groups = [list(g) for g in groups]
        overrides: list[dict[str, object]] = [{} for _ in groups]
        self.unresolved = []

        def find(ref: str) -> int | None:
            key = fold_key(ref)
            slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
            for gi, g in enumerate(groups):
                if g and (overrides[gi].get("id") == ref or _slug(namer.name(g)) == slug):
                    return gi
            for gi, g in enumerate(groups):
                if g and (
                    fold_key(str(overrides[gi].get("name", ""))) == key
                    or any(mentions[i][1] == key for i in g)
                ):
                    return gi
            return None

        def fail(cmd: Command, why: str) -> None:
            self.unresolved.append(CorrectionProblem(cmd.line, " ".join(cmd.args), why))

        for cmd in self.commands:
            if cmd.verb == "merge":
                a, b = find(cmd.args[0]), find(cmd.args[1])
                if a is None or b is None:
                    fail(cmd, f"unknown entity {cmd.args[0] if a is None else cmd.args[1]!r}")
                elif a != b:
                    keep_id = overrides[b].get("id") or _slug(namer.name(groups[b]))
                    groups[b].extend(groups[a])
                    groups[a] = []
                    overrides[b].setdefault("id", keep_id)
                    overrides[b].setdefault("name", namer.name([i for i in groups[b]]))
            elif cmd.verb == "split":
                g = find(cmd.args[1])
                key = fold_key(cmd.args[0])
                if g is None:
                    fail(cmd, f"unknown entity {cmd.args[1]!r}")
                    continue
                moved = [i for i in groups[g] if mentions[i][1] == key]
                if not moved:
                    fail(cmd, f"{cmd.args[0]!r} is not an alias of {cmd.args[1]!r}")
                    continue
                if len(moved) == len(groups[g]):
                    continue
                groups[g] = [i for i in groups[g] if mentions[i][1] != key]
                groups.append(moved)
                overrides.append({})
            else:
                g = find(cmd.args[0])
                if g is None:
                    fail(cmd, f"unknown entity {cmd.args[0]!r}")
                    continue
                ov = overrides[g]
                ov.setdefault("id", _slug(namer.name(groups[g])))
                if cmd.verb == "rename":
                    ov["name"] = cmd.args[1]
                elif cmd.verb == "relabel":
                    ov["label"] = cmd.args[1]
                elif cmd.verb == "hide":
                    ov["hidden"] = True
        return groups, overrides


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_key(name)).strip("-") or "entity"


def append_correction(
    path: str | os.PathLike[str],
    line: str,
    *,
    fsync: Callable[[int], None] = os.fsync,
) -> CorrectionProblem | None:
    """Append one command line to the corrections file, crash-safely (temp file in the same
    directory, fsync, atomic replace). A line that does not parse is not written: the
    problem is returned instead."""
    line = line.strip().replace("\n", " ")
    parsed = parse_line(line)
    if isinstance(parsed, CorrectionProblem):
        return parsed
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        old = read_config_text(target)
    except ConfigFileError as exc:
        return CorrectionProblem(0, safe_name(str(target)), exc.reason)
    if old is None:
        old = "# reader entity corrections (see `reader --help`): one command per line\n"
    if old and not old.endswith("\n"):
        old += "\n"
    fd, tmp = tempfile.mkstemp(prefix=".corrections-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(old + line + "\n")
            fh.flush()
            fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return None
