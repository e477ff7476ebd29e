"""Safe, deterministic discovery of the article files under the paths a user gives.

Rules: folders are walked recursively in sorted order; only regular files are ever opened (a
FIFO, socket or device is reported, never read); a link is followed only when its target lies
inside the folder it was found in, and a folder reached twice (link loop, or a link to a
folder already read) is reported once and not read again; dot-folders (``.git``) are skipped
silently; everything else that is skipped — unreadable folders, hidden or unsupported files,
files over the size cap — comes back as a `Problem` with a reason a person can act on.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from reader.domain.model import Problem
from reader.domain.sanitize import sanitize_inline

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
)
DEFAULT_MAX_BYTES = 50 * 2**20
#: Deepest folder read below a corpus root; deeper ones are skipped with a reason (no real
#: archive nests this deep, and every level lengthens each path the system must resolve).
MAX_DEPTH = 200


@dataclass(frozen=True)
class SourceFile:
    """A regular file to read: its path (absolute, links not resolved), the corpus root it was
    found under, its path relative to that root (POSIX), its size and modification time.

    Paths are kept as strings (`file`, `root_dir`): discovery runs on every start over every
    file, and `pathlib` objects cost more than the stat call itself."""

    file: str
    root_dir: str
    rel: str
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        """The file's absolute path."""
        return Path(self.file)

    @property
    def root(self) -> Path:
        """The corpus root the file was found under."""
        return Path(self.root_dir)

    @property
    def name(self) -> str:
        """The file's name."""
        return os.path.basename(self.file)


class FileRefused(OSError):
    """A file that must not or could not be read safely; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path as the user would write it: ``seeds/<rel>`` for the bundled seeds, else
    relative to the current folder when it lies below it, else absolute (made safe to show)."""
    from reader.domain.paths import bundled_seeds

    absolute = Path(os.path.abspath(path))
    seeds = Path(os.path.abspath(bundled_seeds()))
    base = Path(os.path.abspath(cwd if cwd is not None else Path.cwd()))
    if absolute.is_relative_to(seeds):
        shown = "seeds/" + absolute.relative_to(seeds).as_posix()
    elif absolute.is_relative_to(base) and absolute != base:
        shown = absolute.relative_to(base).as_posix()
    else:
        shown = str(absolute)
    return safe_name(shown)


def safe_name(text: str) -> str:
    """A file-derived string fit for display and JSON: no control or bidi characters, and
    undecodable bytes (lone surrogates) replaced."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return sanitize_inline(text)


def _suffix(name: str) -> str:
    """The suffix of a file name, as `PurePath.suffix` gives it (string work only)."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def stem(name: str) -> str:
    """The stem of a file name, as `PurePath.stem` gives it (string work only)."""
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def strip_suffix(rel: str) -> str:
    """A POSIX relative path without its last suffix (`PurePosixPath.with_suffix("")`)."""
    head, _, name = rel.rpartition("/")
    return f"{head}/{stem(name)}" if head else stem(name)


def file_kind(mode: int) -> str:
    """What a non-regular file is, for a message (`a FIFO (named pipe)`, `a device`…)."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _size_text(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size} bytes"


def _too_large(size: int, limit: int) -> str:
    shown, cap = _size_text(size), _size_text(limit)
    if shown == cap:  # "50.0 MB (limit 50.0 MB)" reads as a contradiction: say it in bytes
        shown, cap = f"{size:,} bytes", f"{limit:,} bytes"
    return f"too large: {shown} (limit {cap})"


class _Walker:
    """One discovery run: the files found, the problems, and what was already visited."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.files: list[SourceFile] = []
        self.problems: list[Problem] = []
        self.seen_dirs: set[tuple[int, int]] = set()
        self.seen_files: set[tuple[int, int]] = set()
        # What `stat_cache` needs to tell later that nothing was added, removed or renamed:
        # every folder read (path, device, inode, mtime_ns), each kept file's (inode,
        # ctime_ns), and how many links were followed.
        self.folders: list[tuple[str, int, int, int]] = []
        self.identities: dict[str, tuple[int, int]] = {}
        self.links = 0

    def problem(self, path: Path, reason: str) -> None:
        self.problems.append(Problem(display_path(path), reason))

    def add_file(self, path: str, root: str, st: os.stat_result, *, explicit: bool) -> None:
        """Check a (link-resolved) stat result and keep the file if it may be read (`path` is
        absolute, `root` the folder it was found under; plain strings, as this runs per file)."""
        if not stat.S_ISREG(st.st_mode):
            self.problem(Path(path), f"skipped: {file_kind(st.st_mode)}, not a regular file")
            return
        name = os.path.basename(path)
        if not explicit and name.startswith("."):
            self.problem(Path(path), "skipped: hidden file")
            return
        suffix = _suffix(name).lower()
        if suffix not in SUPPORTED_SUFFIXES:
            shown = suffix or "(no suffix)"
            self.problem(Path(path), f"unsupported file type {shown}")
            return
        if st.st_size > self.max_bytes:
            self.problem(Path(path), _too_large(st.st_size, self.max_bytes))
            return
        key = (st.st_dev, st.st_ino)
        if key in self.seen_files:
            self.problem(Path(path), "skipped: same file already read through another path")
            return
        self.seen_files.add(key)
        rel = path[len(root) :].lstrip(os.sep).replace(os.sep, "/")
        self.files.append(SourceFile(path, root, rel, st.st_size, st.st_mtime_ns))
        self.identities[path] = (st.st_ino, st.st_ctime_ns)

    def walk(self, folder: str, root: str, real_root: Path) -> None:
        """Read `folder` (already checked and marked visited) and everything below it.

        Iterative (an explicit stack, depth first in sorted order): a tree nested thousands
        of levels deep never exhausts Python's recursion limit; folders deeper than
        `MAX_DEPTH` below the root are skipped with a reason."""
        stack: list[tuple[str, int]] = [(folder, 0)]
        while stack:
            current, depth = stack.pop()
            below = self._read_folder(current, root, real_root)
            if depth + 1 > MAX_DEPTH and below:
                self.problem(
                    Path(below[0]), f"skipped: folder too deep (more than {MAX_DEPTH} levels)"
                )
                continue
            stack.extend((sub, depth + 1) for sub in reversed(below))

    def _read_folder(self, folder: str, root: str, real_root: Path) -> list[str]:
        """Keep the files of `folder`; return its sub-folders to read (sorted, not yet read)."""
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.problem(Path(folder), f"cannot read folder: {exc.strerror or exc}")
            return []
        folders: list[str] = []
        for entry in entries:
            path = entry.path
            is_link = False
            try:
                is_link = entry.is_symlink()
                if is_link:
                    self.links += 1
                    target = Path(os.path.realpath(path))
                    if not target.is_relative_to(real_root):
                        self.problem(Path(path), "skipped: link points outside the folder")
                        continue
                    st = os.stat(path)  # follows the link; never opens the file
                else:
                    st = entry.stat()  # not a link: what lstat says is what stat says
            except OSError as exc:
                reason = "broken link" if is_link else f"cannot read: {exc.strerror or exc}"
                self.problem(Path(path), f"skipped: {reason}")
                continue
            if stat.S_ISDIR(st.st_mode):
                if entry.name.startswith("."):
                    continue  # .git, .cache, ...: not part of a corpus, skipped silently
                key = (st.st_dev, st.st_ino)
                if key in self.seen_dirs:
                    self.problem(Path(path), "skipped: link loop (folder already read)")
                    continue
                self.seen_dirs.add(key)
                self.folders.append((path, st.st_dev, st.st_ino, st.st_mtime_ns))
                folders.append(path)
            else:
                self.add_file(path, root, st, explicit=False)
        return folders

    def start(self, given: Path) -> None:
        """Discover one user-given path (a file or a folder)."""
        path = Path(os.path.abspath(given))
        try:
            st = os.stat(path)
        except FileNotFoundError:
            self.problem(path, "not found")
            return
        except OSError as exc:
            self.problem(path, f"cannot read: {exc.strerror or exc}")
            return
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in self.seen_dirs:
                return  # the same folder given twice
            self.seen_dirs.add(key)
            self.folders.append((str(path), st.st_dev, st.st_ino, st.st_mtime_ns))
            self.walk(str(path), str(path), Path(os.path.realpath(path)))
        else:
            self.add_file(str(path), str(path.parent), st, explicit=True)


def discover(
    paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[SourceFile], list[Problem]]:
    """Find the readable article files under `paths` (files or folders, recursively).

    Files come in the order of `paths`, each folder sorted by name; skipped entries are
    returned as problems, never dropped silently (dot-folders such as ``.git`` excepted).
    """
    walker = walk_paths(paths, max_bytes)
    return walker.files, walker.problems


def walk_paths(paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> _Walker:
    """`discover`, keeping the whole walk: `.files`, `.problems`, and the `.folders`,
    `.identities` and `.links` a stat cache needs."""
    walker = _Walker(max_bytes)
    for given in paths:
        walker.start(given)
    return walker


def unreadable_roots(paths: list[Path]) -> list[Problem]:
    """The paths a user gave that cannot be read at all (missing, or a folder that cannot be
    listed), with the reason: an update must refuse them rather than take every article of
    the corpus for deleted."""
    found: list[Problem] = []
    for given in paths:
        path = Path(os.path.abspath(given))
        try:
            st = os.stat(path)
            if stat.S_ISDIR(st.st_mode):
                with os.scandir(path) as it:
                    next(it, None)
        except OSError as exc:
            found.append(Problem(display_path(path), exc.strerror or str(exc)))
    return found


def read_bytes_safely(src: SourceFile, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read `src` without ever blocking on a special file; raise `FileRefused` otherwise.

    The file is opened non-blocking, re-checked to be a regular file on the open descriptor,
    read up to ``max_bytes + 1`` bytes, and refused if it is larger than `max_bytes` or
    changed while it was being read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(src.file, flags)
    except OSError as exc:
        raise FileRefused(f"cannot open: {exc.strerror or exc}") from exc
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise FileRefused(f"skipped: {file_kind(before.st_mode)}, not a regular file")
        if before.st_size > max_bytes:
            raise FileRefused(_too_large(before.st_size, max_bytes))
        chunks: list[bytes] = []
        remaining = max_bytes + 1
        while remaining > 0:
            try:
                chunk = os.read(fd, min(remaining, 2**20))
            except BlockingIOError as exc:
                raise FileRefused("skipped: file would block") from exc
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise FileRefused(f"too large: more than {_size_text(max_bytes)}")
        after = os.fstat(fd)
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            raise FileRefused("changed while being read; try again")
        return data
    except OSError as exc:
        if isinstance(exc, FileRefused):
            raise
        raise FileRefused(f"cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
