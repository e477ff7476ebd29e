"""The `reader` command line (SPEC §1).

`reader [PATH ...]` opens the three-pane reader; the subcommands index, search, list entities,
show cross-references and export. Every subcommand first brings the index up to date. The UI is
imported only to open the reader; spaCy only when some article has to be analysed.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from reader import __version__
from reader.domain.discovery import safe_name
from reader.domain.sanitize import sanitize_inline
from reader.plain_output import is_terminal, write_rows

SUBCOMMANDS = ("index", "search", "entities", "xref", "export", "quotes")
EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with what the user typed (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


#: Options that take a value (the word after them is not a subcommand or a PATH).
_VALUE_OPTIONS = frozenset({"--index-dir", "--theme", "--limit", "--article", "--entity"})


def _where_things_live() -> str:
    """The top-level help's epilog: where the index, the state and the corrections live, and
    how to write a correction."""
    import platformdirs

    from reader.domain.paths import APP_NAME, config_dir, state_dir

    cache = Path(platformdirs.user_cache_dir(APP_NAME)) / "corpora"
    return f"""\
where things live (the corpus folder is never written to):
  index        {cache}/<corpus>/  (or --index-dir DIR, or $READER_INDEX_DIR)
  state        {state_dir()}/  (read marks, last position, theme; $READER_STATE_DIR)
  corrections  {config_dir()}/corrections/<corpus>.txt  ($READER_CONFIG_DIR)
  (<corpus>: the folder's name and a short hash of its full path)

output: tables on a terminal; piped, search/entities/xref print one tab-separated record a
line (full ids); --json for JSON. Ids: `reader entities` lists entity ids; an article's id is
its file name without the suffix (a unique prefix or the file's path also works).

corrections: one command a line in the corrections file (or the keys m R L H in the reader,
u undoes, U unhides; the reader's notice shows the file's path);
an entity is named by its id, its name or any alias; quote names containing ' into ' etc.:
  merge Poutine into vladimir-poutine     the first entity joins the second
  split Blanche from maison-blanche       mentions spelt ALIAS leave the entity
  rename kremlin to Le Kremlin            display name (the id stays)
  relabel kremlin as ORG                  PER, ORG, LOC or MISC
  hide certified                          out of highlights and lists
"""


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--index-dir", metavar="DIR", help="where the index lives (or $READER_INDEX_DIR)"
    )
    p.add_argument("--debug", action="store_true", help="show tracebacks on errors")


def build_parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The top-level parser (opening the reader) and one parser per subcommand."""
    top = _Parser(
        prog="reader",
        description=textwrap.fill(
            "Read a folder of related news articles in the terminal: highlighted "
            "entities, cross-references, full-text search. Subcommands: "
            + ", ".join(SUBCOMMANDS)
            + " (reader SUBCOMMAND --help). Options may come anywhere among the arguments.",
            width=78,
        ),
        epilog=_where_things_live(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: bundled seeds)"
    )
    top.add_argument("--theme", metavar="NAME", help="colour theme (dark, light, high-contrast, …)")
    top.add_argument("--version", action="version", version=f"reader {__version__}")
    _common(top)

    subs: dict[str, argparse.ArgumentParser] = {}

    def sub(name: str, help_text: str) -> argparse.ArgumentParser:
        p = _Parser(prog=f"reader {name}", description=help_text)
        p.add_argument("--version", action="version", version=f"reader {__version__}")
        _common(p)
        subs[name] = p
        return p

    p = sub("index", "Build or bring up to date the index; progress on stderr.")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--rebuild", action="store_true", help="throw the index away and rebuild it")

    p = sub(
        "search",
        'Full-text search (Whoosh query language: AND, OR, NOT, "phrases", '
        "prefix*, title:, entity:). Piped: article, score, title, snippet — tab-separated.",
    )
    p.add_argument("query", nargs="?", metavar="QUERY", help="what to search for")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N hits (default 10)")
    p.add_argument(
        "--json",
        action="store_true",
        help="JSON: query, total, suggestion, hits (article, title, score, snippet, matches)",
    )

    p = sub(
        "entities",
        "List the entities with their counts and articles (piped: id, name, label, mentions, "
        "articles, aliases — tab-separated).",
    )
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--json", action="store_true", help="JSON output")

    p = sub("xref", "Cross-references of an article or an entity.")
    p.add_argument("paths", nargs="*", metavar="PATH")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--article",
        metavar="ID",
        help="related articles and shared passages; ID is an article id, a unique prefix of "
        "one, or the article's file",
    )
    group.add_argument(
        "--entity",
        metavar="NAME",
        help="every mention of an entity: its id, name, any alias, or an unambiguous part of "
        "a name (a surname)",
    )
    p.add_argument("--json", action="store_true", help="JSON output")

    p = sub(
        "export",
        "Print one JSON object per article (JSON Lines): id, path, title, author, date, source, "
        "text, paragraphs, mentions, removed boilerplate.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH")

    p = sub("quotes", "Direct quotations with their speakers, and where else each appears.")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--entity", metavar="NAME", help="only this entity's quotations (id or alias)")
    p.add_argument("--json", action="store_true", help="JSON output")
    return top, subs


def _resolve_paths(raw: Sequence[str]) -> list[Path]:
    from reader.domain.paths import bundled_seeds

    if not raw:
        return [bundled_seeds()]
    paths = [Path(p) for p in raw]
    for p in paths:
        if not p.exists():
            shown = sanitize_inline(str(p))
            import difflib

            close = difflib.get_close_matches(str(p), SUBCOMMANDS, n=1, cutoff=0.6)
            if close and "/" not in str(p):
                raise UsageError(
                    f"{shown!r} is neither a command nor a file or folder; did you mean "
                    f"'reader {close[0]}'?"
                )
            raise UsageError(f"no such file or folder: {shown}")
    return paths


def _corpus(args: argparse.Namespace) -> tuple[list[Path], Path]:
    """The corpus paths the user named (or the bundled seeds) and where their index lives."""
    from reader.domain.paths import index_dir_for

    paths = _resolve_paths(args.paths)
    return paths, index_dir_for(paths, args.index_dir)


def _rate_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Items per second of a task."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.0f}/s", style="progress.data.speed")

    return RateColumn()


class _StderrProgress:
    """Progress on stderr: a live bar on a terminal, nothing (then a summary line) otherwise."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> _StderrProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description:<26}"),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(),
                _rate_column(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage.startswith("waiting"):
            print(f"reader: {stage}…", file=sys.stderr)
            return
        if self._progress is None:
            return
        task = self._tasks.get(stage)
        if task is None:
            task = self._progress.add_task(stage, total=total or None)
            self._tasks[stage] = task
        self._progress.update(task, completed=done, total=total or None)


def _bring_up_to_date(
    paths: list[Path],
    index_dir: Path,
    *,
    rebuild: bool = False,
    verbose: bool = False,
    verify_search: bool = True,
    read_only_ok: bool = True,
) -> Any:
    from reader.domain import pipeline

    if not rebuild and pipeline.is_current(paths, index_dir, verify_search=verify_search):
        return None
    try:
        with _StderrProgress() as progress:
            report = pipeline.update(paths, index_dir, progress=progress, rebuild=rebuild)
    except pipeline.IndexUnwritable as exc:
        # not damage: the index as the last update left it still answers (read-only)
        if not read_only_ok or not (index_dir / pipeline.STORE_NAME).is_file():
            raise
        print(
            f"reader: {sanitize_inline(str(exc))}; using the index as it was (read-only)",
            file=sys.stderr,
        )
        return None
    for notice in report.notices:
        print(f"reader: {sanitize_inline(notice)}", file=sys.stderr)
    if verbose or report.problems:
        _print_problems(report.problems, sys.stderr)
    return report


def _print_problems(problems: Sequence[Any], out: TextIO) -> None:
    for p in problems:
        print(f"reader: skipped {sanitize_inline(p.path)}: {sanitize_inline(p.reason)}", file=out)


def _library(args: argparse.Namespace, *, verbose: bool = False) -> Any:
    """Bring the index up to date and open it; a store found damaged only now is rebuilt."""
    from reader.domain import pipeline
    from reader.domain.store import StoreCorrupt

    paths, index_dir = _corpus(args)
    _bring_up_to_date(paths, index_dir, verbose=verbose)
    try:
        library = pipeline.open_library(paths, index_dir)
    except StoreCorrupt as exc:
        print(
            f"reader: the index was damaged ({sanitize_inline(str(exc))}); rebuilding it",
            file=sys.stderr,
        )
        _bring_up_to_date(paths, index_dir, rebuild=True)
        library = pipeline.open_library(paths, index_dir)
    for notice in library.notices:
        print(f"reader: {sanitize_inline(notice)}", file=sys.stderr)
    return library


def _dump(obj: Any) -> None:
    from reader.domain.sanitize import dumps

    sys.stdout.write(dumps(obj) + "\n")


def _console() -> Any:
    """A Rich console for tables and messages; lines wrap by French typography."""
    from rich.console import Console

    from reader.ui.wrapping import install

    install()
    return Console(highlight=False, markup=False, emoji=False, soft_wrap=not is_terminal())


# -- subcommands ----------------------------------------------------------------------------
def cmd_index(args: argparse.Namespace) -> int:
    """`reader index`: update (or rebuild) and print a summary."""
    from reader.domain import pipeline

    paths, index_dir = _corpus(args)
    if not args.rebuild and pipeline.is_current(paths, index_dir):
        print(f"reader: index is up to date ({safe_name(str(index_dir))})", file=sys.stderr)
        return EXIT_OK
    report = _bring_up_to_date(paths, index_dir, rebuild=args.rebuild, read_only_ok=False)
    print(f"reader: {report.summary()}", file=sys.stderr)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    """`reader search QUERY`: a table of hits on a terminal, tab-separated lines when piped,
    or JSON (`reader.cli_search`)."""
    from reader.cli_search import cmd_search as run

    return run(args)


def cmd_entities(args: argparse.Namespace) -> int:
    """`reader entities`: a table or JSON list of every entity."""
    from reader.domain.export import entity_record

    library = _library(args)
    entities = list(library.visible_entities())
    if args.json:
        _dump([entity_record(e) for e in entities])
        return EXIT_OK
    if not is_terminal():
        write_rows(
            (
                e.id,
                e.name,
                e.label,
                e.mentions,
                len(e.articles),
                "; ".join(a for a in e.aliases if a != e.name),
            )
            for e in entities
        )
        return EXIT_OK
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(entities)} entities")
    for col in ("id", "name", "label", "mentions", "articles", "aliases"):
        right = col in ("mentions", "articles")
        # ids are what corrections and `xref --entity` need: never cut short
        table.add_column(col, justify="right" if right else "left", no_wrap=col == "id")
    for e in entities:
        table.add_row(
            Text(sanitize_inline(e.id)),
            Text(sanitize_inline(e.name)),
            Text(e.label),
            Text(str(e.mentions)),
            Text(str(len(e.articles))),
            Text(sanitize_inline(", ".join(a for a in e.aliases if a != e.name))),
        )
    _console().print(table)
    return EXIT_OK


def cmd_xref(args: argparse.Namespace) -> int:
    """`reader xref --article ID | --entity NAME`."""
    from reader.domain.export import xref_article_record, xref_entity_record
    from reader.domain.lookup import find_article, find_entity

    library = _library(args)
    if args.article is not None:
        found = find_article(library, args.article)
        if found.found is None:
            raise UsageError(_not_found("article", args.article, found))
        record = xref_article_record(library, found.found)
        if args.json:
            _dump(record)
            return EXIT_OK
        return _print_related(library, record)
    match = find_entity(library, args.entity)
    if match.found is None:
        raise UsageError(_not_found("entity", args.entity, match))
    entity = library.entities[match.found]
    record = xref_entity_record(library, entity)
    if args.json:
        _dump(record)
        return EXIT_OK
    if not is_terminal():
        write_rows(
            (m["article"], m["start"], m["end"], m["text"], m["context"])
            for m in record["mentions"]
        )
        return EXIT_OK
    from rich.table import Table
    from rich.text import Text

    ent = record["entity"]
    console = _console()
    console.print(
        Text(
            f"{sanitize_inline(ent['name'])} ({ent['label']}, id {sanitize_inline(ent['id'])}): "
            f"{ent['mentions']} mention(s) in {len(ent['articles'])} article(s); aliases: "
            + sanitize_inline(", ".join(ent["aliases"]))
        )
    )
    table = Table()
    table.add_column("article", no_wrap=True)
    table.add_column("at", justify="right")
    table.add_column("context")
    for m in record["mentions"]:
        ctx = Text(sanitize_inline(m["context"]))
        ctx.highlight_words([sanitize_inline(m["text"])], style="bold reverse")
        table.add_row(Text(sanitize_inline(m["article"])), Text(str(m["start"])), ctx)
    console.print(table)
    return EXIT_OK


def _not_found(kind: str, typed: str, lookup: Any) -> str:
    """ "no article …" / "several entities match …", with the candidates to try."""
    shown = sanitize_inline(typed)
    if lookup.ambiguous:
        head = f"{shown!r} matches several {'articles' if kind == 'article' else 'entities'}"
    else:
        head = f"no {kind} matching {shown!r}"
    if not lookup.candidates:
        hint = "reader entities lists them" if kind == "entity" else "reader export lists the ids"
        return f"{head} ({hint})"
    return f"{head}; did you mean: " + ", ".join(sanitize_inline(c) for c in lookup.candidates)


def _print_related(library: Any, record: dict[str, Any]) -> int:
    from rich.table import Table
    from rich.text import Text

    aid = record["article"]
    if not is_terminal():
        write_rows(
            (
                r["article"],
                f"{r['score']:.2f}",
                ",".join(r["shared_entities"]),
                ",".join(f"{p['start']}-{p['end']}" for p in r["shared_passages"]),
            )
            for r in record["related"]
        )
        return EXIT_OK
    console = _console()
    console.print(
        Text(f"Related to {sanitize_inline(aid)}: {sanitize_inline(library.article(aid).title)}")
    )
    if not record["related"]:
        console.print(Text("No related article."))
        return EXIT_OK
    table = Table(show_lines=True)
    table.add_column("article", no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column("shared entities")
    table.add_column("shared passages")
    text = library.article(aid).text
    for r in record["related"]:
        names = [library.entities[e].name for e in r["shared_entities"] if e in library.entities]
        passages = [
            f"[{p['start']}:{p['end']}] {sanitize_inline(_clip(text[p['start'] : p['end']]))}"
            for p in r["shared_passages"]
        ]
        table.add_row(
            Text(sanitize_inline(r["article"])),
            Text(f"{r['score']:.2f}"),
            Text(sanitize_inline(", ".join(names[:12]))),
            Text("\n".join(passages)),
        )
    console.print(table)
    return EXIT_OK


def _clip(s: str, width: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def cmd_export(args: argparse.Namespace) -> int:
    """`reader export`: JSON Lines, one article per line, in reading order."""
    from reader.domain.export import article_record
    from reader.domain.sanitize import dumps

    library = _library(args)
    out = sys.stdout
    for aid in library.order():
        out.write(dumps(article_record(library, aid)) + "\n")
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace) -> int:
    """`reader quotes [--entity NAME]`: quotations, speakers, same quotation elsewhere."""
    from reader.cli_quotes import print_quotes

    library = _library(args)
    entity_id = None
    if args.entity is not None:
        entity = library.find_entity(args.entity)
        if entity is None:
            raise UsageError(f"no entity named {sanitize_inline(args.entity)!r}")
        entity_id = entity.id
    print_quotes(library, entity_id, as_json=args.json, console=_console())
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    """`reader [PATH ...]`: open the three-pane reader."""
    paths, index_dir = _corpus(args)
    from reader.ui.app import create_app

    app = create_app(paths, index_dir, theme=args.theme)
    app.run()
    return int(app.return_code or 0)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "index": cmd_index,
    "search": cmd_search,
    "entities": cmd_entities,
    "xref": cmd_xref,
    "export": cmd_export,
    "quotes": cmd_quotes,
}


def _split_command(argv: list[str]) -> tuple[str | None, list[str]]:
    """The subcommand named by the first word that is not an option (nor an option's value),
    and the other arguments; options may come before it (`reader --index-dir X entities`)."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            break
        if word.startswith("-") and word != "-":
            i += 2 if word in _VALUE_OPTIONS else 1
            continue
        if word in SUBCOMMANDS:
            return word, argv[:i] + argv[i + 1 :]
        break
    return None, argv


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` command; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    top, subs = build_parsers()
    name, rest = _split_command(argv)
    if name is not None:
        args = subs[name].parse_intermixed_args(rest)
        handler = COMMANDS[name]
    else:
        args = top.parse_intermixed_args(argv)
        handler = cmd_open
    try:
        return handler(args)
    except UsageError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        print(f"reader: error: {sanitize_inline(str(exc)) or type(exc).__name__}", file=sys.stderr)
        print("reader: run again with --debug for details", file=sys.stderr)
        return EXIT_FAIL
