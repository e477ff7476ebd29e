"""Decoded file text → `ParsedDoc` per format (`.txt`, `.md`, `.html`, `.json`, `.jsonl`).

A parser only finds the parts (headline, body, date, source, url); it does not clean. The body
keeps the source's characters; paragraphs are separated by blank lines where the format says
where they are (Markdown blocks, HTML blocks, JSON lists), else the source's own line breaks
are kept and `reader.domain.cleaning` decides.

Problems: a file that yields nothing usable raises `FormatError`; `parse_report` also returns
warnings about the parts it skipped (a bad line of a ``.jsonl``, an object with no text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from reader.domain.metadata import split_authors
from reader.domain.model import Removed

# The seeds' first line: " date 2021-12 Les pourparlers…" (the lede follows on the same line).
_DATE_LINE_RE = re.compile(r"\A[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?=\s|\Z)[ \t]*")
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


_AUTHOR_KEYS = ("author", "authors", "auteur", "auteurs", "byline", "by", "signature")
_SOURCE_KEYS = (
    "source", "sitename", "site_name", "site", "outlet", "publication", "publisher", "media",
    "journal",
)  # fmt: skip
_DATE_KEYS = ("date", "published", "published_at", "publishedAt", "datePublished", "pubDate")
_HTML_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "byl")


@dataclass
class ParsedDoc:
    """One article as found in a file, before cleaning (`title` None when the format has none)."""

    title: str | None
    text: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    removed: list[Removed] = field(default_factory=list)
    #: author names as the format gives them (HTML metadata, front matter, JSON fields)
    author: list[str] = field(default_factory=list)


class FormatError(ValueError):
    """The file cannot be read as its suffix says (invalid JSON, no article text...)."""


def parse(text: str, suffix: str, name: str) -> list[ParsedDoc]:
    """Parse decoded `text` of a file named `name` by its `suffix` (e.g. ``".md"``).

    Returns one document, or several for ``.jsonl`` / a ``.json`` list. Raises `FormatError`
    when nothing usable is found; skipped parts are dropped (see `parse_report`).
    """
    return parse_report(text, suffix, name)[0]


def parse_report(text: str, suffix: str, name: str) -> tuple[list[ParsedDoc], list[str]]:
    """Like `parse`, also returning warnings about the parts that were skipped."""
    parser = _PARSERS.get(suffix.lower())
    if parser is None:
        raise FormatError(f"unsupported file type {suffix or '(no suffix)'}")
    docs, warnings = parser(text, name)
    if not docs:
        raise FormatError("; ".join(warnings) if warnings else "no article text")
    return docs, warnings


# -- plain text ------------------------------------------------------------------------------


def split_date_line(text: str) -> tuple[str | None, str, list[Removed]]:
    """Take an optional leading ``date YYYY-MM`` marker off `text`: (date, rest, removed)."""
    match = _DATE_LINE_RE.match(text)
    if match is None:
        return None, text, []
    return match.group(1), text[match.end() :], [Removed("date-line", match.group(0).strip())]


def _parse_txt(text: str, name: str) -> tuple[list[ParsedDoc], list[str]]:
    date, body, removed = split_date_line(text)
    if not body.strip():
        return [], ["empty file"]
    return [ParsedDoc(None, body, date, None, None, removed)], []


# -- Markdown --------------------------------------------------------------------------------


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """A leading YAML-like ``---`` block of ``key: value`` lines, and the text after it. A key
    followed by ``- item`` lines, or written ``[a, b]``, holds its items joined by ``;``."""
    match = _FRONT_MATTER_RE.match(text)
    if match is None:
        return {}, text
    meta: dict[str, str] = {}
    last = ""
    for line in match.group(1).splitlines():
        item = re.match(r"^\s*+-\s++(.*)", line)
        if item and last:
            value = item.group(1).strip().strip("\"'")
            meta[last] = f"{meta[last]}; {value}" if meta[last] else value
            continue
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            last = key.strip().lower()
            value = value.strip()
            if value.startswith("[") and value.endswith("]"):
                value = "; ".join(v.strip().strip("\"'") for v in value[1:-1].split(","))
            meta[last] = value.strip("\"'")
    return meta, text[match.end() :]


def _first(meta: dict[str, str], *keys: str) -> str | None:
    """The first non-empty value among `keys`."""
    for key in keys:
        value = meta.get(key)
        if value:
            return value
    return None


def _parse_md(text: str, name: str) -> tuple[list[ParsedDoc], list[str]]:
    from markdown_it import MarkdownIt

    meta, text = _front_matter(text)
    date, text, removed = split_date_line(text)
    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[str] = []
    title: str | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "inline":
            content = _md_inline(tok.children or [])
            is_h1 = i > 0 and tokens[i - 1].type == "heading_open" and tokens[i - 1].tag == "h1"
            if is_h1 and title is None and not blocks and content.strip():
                title = content.strip()
            elif content.strip():
                blocks.append(content.strip())
        elif tok.type in ("fence", "code_block") and tok.content.strip():
            blocks.append(tok.content.strip("\n"))
        elif tok.type == "html_block":
            blocks.extend(_html_blocks(tok.content).blocks)
        i += 1
    title = meta.get("title") or title
    body = "\n\n".join(blocks)
    if not body.strip():
        return [], ["no article text"]
    doc = ParsedDoc(
        title,
        body,
        _first(meta, "date", "published", "publication_date", "pubdate") or date,
        _first(meta, *_SOURCE_KEYS),
        meta.get("url") or None,
        removed,
        split_authors(_first(meta, *_AUTHOR_KEYS)),
    )
    return [doc], []


def _md_inline(children: list[Any]) -> str:
    """Plain text of an inline token's children: text and code kept, markup dropped."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            continue
        elif child.children:
            parts.append(_md_inline(child.children))
    return "".join(parts)


# -- HTML ------------------------------------------------------------------------------------

_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "svg",
        "iframe",
        "select",
        "head",
        "title",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "td",
        "th",
        "dd",
        "dt",
        "figcaption",
        "div",
        "section",
        "article",
        "main",
        "br",
        "hr",
        "tr",
        "ul",
        "ol",
        "table",
        "body",
        "caption",
    }
)
_ASCII_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area"})


class _HtmlText(HTMLParser):
    """Visible text of an HTML page, one entry per block element, plus its metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.meta: dict[str, str] = {}
        self.page_title = ""
        self.h1 = ""
        self._buf: list[str] = []
        self._skip: list[str] = []
        self._in_title = False
        self._in_h1 = False
        self._h1_done = False

    def _flush(self) -> None:
        text = _collapse("".join(self._buf))
        if text:
            self.blocks.append(text)
        self._buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = {k.lower(): (v or "") for k, v in attrs}
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key and values.get("content"):
                self.meta.setdefault(key.lower(), values["content"].strip())
            return
        if tag == "link":
            values = {k.lower(): (v or "") for k, v in attrs}
            if values.get("rel", "").lower() == "canonical" and values.get("href"):
                self.meta.setdefault("canonical", values["href"].strip())
            return
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self._skip.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "h1":
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "h1":
            self._in_h1 = False
            self._h1_done = bool(self.h1.strip())

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page_title += data
        if self._skip:
            return
        if self._in_h1 and not self._h1_done:
            self.h1 += data
        self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _html_blocks(html: str) -> _HtmlText:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return parser


def _collapse(text: str) -> str:
    """Collapse runs of ASCII whitespace (HTML's own); NBSP and other spaces are kept."""
    return _ASCII_SPACE_RE.sub(" ", text).strip(" ")


def _clean_inline(value: str | None) -> str | None:
    if value is None:
        return None
    value = _collapse(str(value))
    return value or None


def _parse_html(text: str, name: str) -> tuple[list[ParsedDoc], list[str]]:
    page = _html_blocks(text)
    meta = page.meta
    title = _clean_inline(meta.get("og:title") or page.h1 or page.page_title)
    date = _clean_inline(
        _first(meta, "article:published_time", "date", "datepublished", "dc.date", "pubdate")
    )
    source = _clean_inline(meta.get("og:site_name") or meta.get("application-name"))
    url = _clean_inline(meta.get("og:url") or meta.get("canonical"))
    author = split_authors([meta.get(k, "").removeprefix("By ") for k in _HTML_AUTHOR_META])
    body = ""
    try:
        extracted = _trafilatura(text)
    except Exception:  # the extractor must never take the reader down; fall back instead
        extracted = None
    if extracted is not None:
        lines = [ln.strip() for ln in (extracted.get("text") or "").splitlines()]
        body = "\n\n".join(ln for ln in lines if ln)
        title = _clean_inline(extracted.get("title")) or title
        date = _clean_inline(extracted.get("date")) or date
        source = source or _clean_inline(extracted.get("sitename"))
        url = _clean_inline(extracted.get("url")) or url
        author = author or split_authors(extracted.get("author") or "")
    if not body.strip():
        body = "\n\n".join(page.blocks)
    if not body.strip():
        return [], ["no article text in the page"]
    if date and re.match(r"\d{4}-\d{2}-\d{2}T", date):
        date = date[:10]
    return [ParsedDoc(title, body, date, source, url, [], author)], []


def _trafilatura(html: str) -> dict[str, Any] | None:
    """Main text and metadata by trafilatura (imported lazily: it is slow to import)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
    )
    if not doc:
        return None
    if isinstance(doc, dict):
        return doc
    keys = ("title", "author", "date", "sitename", "url", "text")
    return {k: getattr(doc, k, None) for k in keys}


# -- JSON ------------------------------------------------------------------------------------


def _text_value(value: Any) -> str | None:
    """A text field: a string, or a list of paragraph strings."""
    if isinstance(value, str):
        return _repair(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return _repair("\n\n".join(v.strip() for v in value if v.strip()))
    return None


def _meta_value(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return _clean_inline(_repair(str(value)))


#: A UTF-16 surrogate left alone by a ``\ud83d`` escape (half an emoji, from truncated data):
#: not a character, refused by UTF-8 encoders (spaCy, SQLite, the terminal).
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: Longest integer read from JSON: Python's own limit on converting digits (a longer number
#: would raise a bare `ValueError` deep inside the parser).
_MAX_INT_DIGITS = 4300


def _repair(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (same length: offsets hold)."""
    return _SURROGATE_RE.sub("\ufffd", text)


class _TooLong:
    """Stands for a JSON integer longer than `_MAX_INT_DIGITS` digits, so that only the
    record holding it fails."""

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"number too long ({self.digits:,} digits)"


def _loads(text: str) -> tuple[Any, list[_TooLong]]:
    """`json.loads`, raising only `ValueError` (`json.JSONDecodeError` for invalid JSON; a
    plain `ValueError` for nesting too deep), and the over-long integers it met: each is
    left in the data as a `_TooLong`."""
    too_long: list[_TooLong] = []

    def parse_int(digits: str) -> int | _TooLong:
        if len(digits) > _MAX_INT_DIGITS and len(digits.lstrip("-")) > _MAX_INT_DIGITS:
            too_long.append(_TooLong(len(digits)))
            return too_long[-1]
        return int(digits)

    try:
        return json.loads(text, parse_int=parse_int), too_long
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc


def _holds_too_long(value: Any) -> _TooLong | None:
    """The first `_TooLong` anywhere inside `value` (walked without recursion)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _TooLong):
            return item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _from_object(obj: Any, where: str) -> tuple[ParsedDoc | None, str | None]:
    """One article object → a document, or a warning saying why it was skipped."""
    if not isinstance(obj, dict):
        return None, f"{where}: not a JSON object"
    body: str | None = None
    for key in ("text", "body", "content"):
        if key in obj:
            body = _text_value(obj[key])
            if body is not None:
                break
    if body is None or not body.strip():
        return None, f'{where}: no "text" or "body"'
    title = obj.get("title")
    doc = ParsedDoc(
        title=_clean_inline(_repair(title)) if isinstance(title, str) else None,
        text=body,
        date=_meta_value(obj.get("date")),
        source=_meta_value(obj.get("source")),
        url=_meta_value(obj.get("url")),
    )
    _json_metadata(obj, doc)
    return doc, None


def _json_metadata(obj: dict[str, Any], doc: ParsedDoc) -> None:
    """Date, outlet and authors of an article object, under their usual field names (an
    outlet may be an object with a ``name``, as news APIs give it)."""
    doc.date = next((v for k in _DATE_KEYS if (v := _meta_value(obj.get(k)))), None)
    for key in _SOURCE_KEYS:
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if (found := _meta_value(value)) is not None:
            doc.source = found
            break
    doc.author = split_authors(next((obj[k] for k in _AUTHOR_KEYS if obj.get(k)), None))


def _parse_json(text: str, name: str) -> tuple[list[ParsedDoc], list[str]]:
    if not text.strip():
        return [], ["empty file"]
    try:
        data, too_long = _loads(text)
    except ValueError as exc:
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise FormatError(f"invalid JSON{where}: {msg}") from exc
    items = data if isinstance(data, list) else [data]
    docs: list[ParsedDoc] = []
    warnings: list[str] = []
    for n, item in enumerate(items, 1):
        where = f"item {n}" if isinstance(data, list) else "object"
        bad = _holds_too_long(item) if too_long else None
        if bad is not None:
            if not isinstance(data, list):
                raise FormatError(f"invalid JSON: {bad!r}")
            warnings.append(f"{where}: invalid JSON: {bad!r}")
            continue
        doc, warning = _from_object(item, where)
        if doc is not None:
            docs.append(doc)
        if warning is not None:
            warnings.append(warning)
    return docs, warnings


def _parse_jsonl(text: str, name: str) -> tuple[list[ParsedDoc], list[str]]:
    docs: list[ParsedDoc] = []
    warnings: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj, too_long = _loads(line)
        except ValueError:
            warnings.append(f"line {n}: invalid JSON")
            continue
        if too_long:
            warnings.append(f"line {n}: invalid JSON: {too_long[0]!r}")
            continue
        doc, warning = _from_object(obj, f"line {n}")
        if doc is not None:
            docs.append(doc)
        if warning is not None:
            warnings.append(warning)
    if not docs and not warnings:
        warnings.append("empty file")
    return docs, warnings


_PARSERS: dict[str, Callable[[str, str], tuple[list[ParsedDoc], list[str]]]] = {
    ".txt": _parse_txt,
    ".md": _parse_md,
    ".markdown": _parse_md,
    ".html": _parse_html,
    ".htm": _parse_html,
    ".json": _parse_json,
    ".jsonl": _parse_jsonl,
}
