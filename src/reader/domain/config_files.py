"""The user's config files (corrections, themes, key maps), read the way corpus files are.

A config file is read only when it is a regular file (a FIFO, socket or device — such as a link
to `/dev/zero` — is refused before it is opened), through `discovery.read_bytes_safely`: opened
non-blocking, re-checked on the open descriptor, and never read past a size cap. A problem
comes back as `ConfigFileError` with a reason a person can act on; a missing file is `None`.
"""

from __future__ import annotations

import os
import stat

from reader.domain.discovery import FileRefused, SourceFile, file_kind, read_bytes_safely

#: Config files are a few kilobytes; a megabyte leaves room for very long correction lists.
MAX_CONFIG_BYTES = 2**20


class ConfigFileError(OSError):
    """A config file that could not be read safely; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_config_bytes(
    path: str | os.PathLike[str], max_bytes: int = MAX_CONFIG_BYTES
) -> bytes | None:
    """The bytes of the config file at `path`, or None when there is no such file.

    Raises `ConfigFileError` for anything but a regular file of at most `max_bytes` bytes
    that could be read (links are followed, then checked like the file itself)."""
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigFileError(f"cannot read: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(st.st_mode):
        raise ConfigFileError(f"{file_kind(st.st_mode)}, not a regular file: not read")
    absolute = os.path.abspath(name)
    source = SourceFile(
        absolute,
        os.path.dirname(absolute),
        os.path.basename(absolute),
        st.st_size,
        st.st_mtime_ns,
    )
    try:
        return read_bytes_safely(source, max_bytes)
    except FileRefused as exc:
        raise ConfigFileError(exc.reason) from exc


def read_config_text(
    path: str | os.PathLike[str],
    max_bytes: int = MAX_CONFIG_BYTES,
    errors: str = "strict",
) -> str | None:
    """The text of the config file at `path` (UTF-8, a leading byte-order mark dropped), or
    None when there is no such file; `ConfigFileError` as `read_config_bytes`, and for text
    that is not UTF-8 when `errors` is "strict"."""
    data = read_config_bytes(path, max_bytes)
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig", errors=errors)
    except UnicodeDecodeError as exc:
        raise ConfigFileError(f"not UTF-8 text (byte {exc.start})") from exc
