"""An in-memory `Library` for UI tests: a few short French articles, linked entities, one
hostile article (markup and escape sequences), a related pair with a shared passage, and a
search function — no spaCy, no pipeline, no index on disk."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from reader.domain.library import Library
from reader.domain.model import (
    Article,
    Entity,
    Hit,
    Label,
    Match,
    Mention,
    MentionRef,
    Problem,
    Relation,
    Removed,
    SearchResult,
    SharedPassage,
)
from reader.domain.search import QueryError
from reader.domain.textnorm import fold_key

HOSTILE_TITLE = "[bold]Piège[/] [@click=app.quit]clic[/] [link=http://e]lien[/link] \x1b[2J"
HOSTILE_TEXT = (
    "Le texte contient [bold]du balisage[/], [/] seul, [@click=app.quit]un clic[/] et "
    "[link=http://evil.example]un lien[/link] ; Poutine n’y peut rien.\n\n"
    "Séquences : \x1b[2J effacer, \x1b]52;c;aGVsbG8=\x07 presse-papiers, \x9b31m C1, "
    "\u202edroite-à-gauche\u202c et [sic] [Reuters] [$foo] restent visibles."
)

SHARED = "Washington répondra « fermement » à toute invasion russe de l’Ukraine"

ARTICLES: list[tuple[str, str, str, str | None, str, bool]] = [
    # id, title, text, date, source, title_derived
    (
        "a1",
        "Fin des pourparlers entre Biden et Poutine",
        "Les pourparlers entre Joe Biden et Vladimir Poutine sur l’Ukraine se sont terminés "
        "mardi, a rapporté l’agence RIA. Le Kremlin a déclaré qu’il espérait un sommet.\n\n"
        f"Selon la Maison Blanche, {SHARED}. Poutine a répondu que Moscou ne menaçait "
        "personne.\n\nLa Finlande suit la situation de près.",
        "2021-12-07",
        "RIA",
        False,
    ),
    (
        "a2",
        "La Finlande achète des F-35",
        "La Finlande s’apprête à ajouter des avions de combat F-35 à sa flotte pour remplacer "
        "ses avions de guerre. Helsinki surveille sa frontière avec la Russie.\n\n"
        "Le président Biden a averti Poutine que les États-Unis prendraient des mesures fortes. "
        f"{SHARED}, selon le communiqué.",
        "2021-12-08",
        "Reuters",
        False,
    ),
    (
        "a3",
        "Le Kremlin dénonce l’OTAN",
        "Le Kremlin accuse l’OTAN de provocations près de l’Ukraine. Dmitri Peskov, porte-parole "
        "du Kremlin, a affirmé que Moscou ne céderait pas.\n\nPoutine doit parler à Biden jeudi.",
        "2021-12-09",
        None,
        True,
    ),
    ("a4", HOSTILE_TITLE, HOSTILE_TEXT, "2021-12-10", "[bold]Source[/]", False),
]

ENTITIES: list[tuple[str, str, Label, list[str]]] = [
    ("Vladimir Poutine", "Vladimir Poutine", "PER", ["Poutine"]),
    ("Joe Biden", "Joe Biden", "PER", ["Biden", "président Biden"]),
    ("Dmitri Peskov", "Dmitri Peskov", "PER", ["Peskov"]),
    ("Kremlin", "Kremlin", "ORG", []),
    ("OTAN", "OTAN", "ORG", []),
    ("RIA", "RIA", "ORG", []),
    ("Ukraine", "Ukraine", "LOC", []),
    ("Finlande", "Finlande", "LOC", []),
    ("Moscou", "Moscou", "LOC", []),
    ("Washington", "Washington", "LOC", []),
    ("F-35", "F-35", "MISC", []),
]


class FakeQueryError(QueryError):
    """What the fake search raises for a rejected query (the real `QueryError` type)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _find_mentions(aid: str, field: str, text: str) -> list[Mention]:
    spans: list[Mention] = []
    names = sorted(
        (
            (alias, eid, label)
            for eid, name, label, aliases in ENTITIES
            for alias in [name, *aliases]
        ),
        key=lambda x: -len(x[0]),
    )
    taken: list[tuple[int, int]] = []
    for alias, eid, label in names:
        for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            spans.append(Mention(field, m.start(), m.end(), m.group(), label, eid))  # type: ignore[arg-type]
    return sorted(spans, key=lambda m: m.start)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for chunk in text.split("\n\n"):
        out.append((pos, pos + len(chunk)))
        pos += len(chunk) + 2
    return out


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right + 1].strip()


class FakeLibrary(Library):
    """A `Library` whose cross-references and search are computed in memory."""

    def entity_mentions(
        self, entity_id: str, contexts: int | None = None, limit: int | None = None
    ) -> list[MentionRef]:
        """Mentions of the entity in reading order, with their sentence (all of them)."""
        out = []
        for aid in self.order():
            art = self.articles[aid]
            for m in self.mentions.get(aid, []):
                if m.entity == entity_id:
                    source = art.title if m.field == "title" else art.text
                    out.append(
                        MentionRef(
                            aid, m.field, m.start, m.end, m.text, _sentence(source, m.start, m.end)
                        )
                    )
        out.sort(key=lambda r: (self.order().index(r.article), r.field != "title", r.start))
        return out

    def related(self, article_id: str) -> list[Relation]:
        """Articles sharing entities or passages, most shared first."""
        mine = {m.entity for m in self.mentions.get(article_id, [])}
        out = []
        for other in self.order():
            if other == article_id:
                continue
            shared = sorted(mine & {m.entity for m in self.mentions.get(other, [])})
            passages = self.shared_passages(article_id, other)
            if shared or passages:
                out.append(Relation(other, len(shared) + 5 * len(passages), shared, passages))
        return sorted(out, key=lambda r: (-r.score, r.article))


def fake_search(library: Library, query: str, limit: int) -> SearchResult:
    """Prefix-of-folded-word search over titles and texts; quotes must balance."""
    if query.count('"') % 2 or query.strip().startswith(("AND", "OR")):
        raise FakeQueryError(f"cannot parse the query: {query!r} (unbalanced quote or operator)")
    terms = [fold_key(t) for t in re.findall(r"[\w’'-]+", query) if t not in {"AND", "OR"}]
    hits = []
    for aid in library.order():
        art = library.articles[aid]
        matches: list[Match] = []
        for field, source in (("title", art.title), ("text", art.text)):
            for word in re.finditer(r"[\w’'-]+", source):
                if any(fold_key(word.group()).startswith(t) for t in terms if t):
                    matches.append(Match(word.start(), word.end(), field))  # type: ignore[arg-type]
        if matches:
            first = next((m for m in matches if m.field == "text"), matches[0])
            src = art.text if first.field == "text" else art.title
            hits.append(
                Hit(
                    aid,
                    art.title,
                    float(len(matches)),
                    _sentence(src, first.start, first.end),
                    matches,
                )
            )
    hits.sort(key=lambda h: -h.score)
    suggestion = None
    if not hits and terms:
        names = [n for _, n, _, al in ENTITIES for n in [n, *al]]
        close = difflib.get_close_matches(query, names, n=1, cutoff=0.6)
        suggestion = close[0] if close else None
    return SearchResult(query, len(hits), hits[:limit], suggestion)


def build_library(extra: list[Article] | None = None) -> FakeLibrary:
    """The fixture library (plus `extra` articles, whose mentions are found by name)."""
    articles: dict[str, Article] = {}
    for aid, title, text, date, source, derived in ARTICLES:
        articles[aid] = Article(
            id=aid,
            path=f"corpus/{aid}.txt",
            title=title,
            text=text,
            paragraphs=_paragraphs(text),
            date=date,
            source=source,
            title_derived=derived,
            removed=[
                Removed("navigation", "Accueil › International › [menu]"),
                Removed("share", "Partager sur Twitter"),
            ]
            if aid == "a1"
            else [],
        )
    for art in extra or []:
        articles[art.id] = art
    mentions = {
        aid: _find_mentions(aid, "title", a.title) + _find_mentions(aid, "text", a.text)
        for aid, a in articles.items()
    }
    entities = {}
    for eid, name, label, aliases in ENTITIES:
        arts = [aid for aid, ms in mentions.items() if any(m.entity == eid for m in ms)]
        count = sum(1 for ms in mentions.values() for m in ms if m.entity == eid)
        entities[eid] = Entity(eid, name, label, [name, *aliases], count, arts)
    a1, a2 = articles["a1"].text, articles["a2"].text
    passages = {
        ("a1", "a2"): [
            SharedPassage(
                a1.index(SHARED),
                a1.index(SHARED) + len(SHARED),
                a2.index(SHARED),
                a2.index(SHARED) + len(SHARED),
                1.0,
            )
        ]
    }
    library = FakeLibrary(
        articles=articles,
        mentions=mentions,
        entities=entities,
        passages=passages,
        problems=[
            Problem("corpus/broken.bin", "binary file (NUL bytes), skipped"),
            Problem("corpus/[bold]x[/].txt", "empty file"),
        ],
    )
    library.searcher = lambda q, n: fake_search(library, q, n)
    return library


def long_article(words: int = 20_000, mentions_every: int = 10) -> Article:
    """A long article (about `words` words, a known entity every `mentions_every` words)."""
    names = ["Poutine", "Biden", "Kremlin", "Ukraine", "Finlande", "Moscou", "OTAN", "F-35"]
    filler = ["la", "situation", "reste", "tendue", "selon", "les", "observateurs", "du"]
    out: list[str] = []
    paragraphs = []
    for i in range(words):
        out.append(
            names[(i // mentions_every) % len(names)]
            if i % mentions_every == 0
            else filler[i % len(filler)]
        )
    text_parts = []
    pos = 0
    for start in range(0, words, 100):
        para = " ".join(out[start : start + 100]) + "."
        text_parts.append(para)
        paragraphs.append((pos, pos + len(para)))
        pos += len(para) + 2
    text = "\n\n".join(text_parts)
    return Article(
        id="long",
        path="corpus/long.txt",
        title="Un très long article sur Poutine",
        text=text,
        paragraphs=paragraphs,
        date="2021-12-31",
        source="Bench",
    )


def make_app(
    tmp_path: Path, *, theme: str | None = None, library: Library | None = None, size_hint: str = ""
) -> object:
    """The reader app on the fixture library, with state in `tmp_path`."""
    from reader.ui.app import create_app

    return create_app(
        [],
        tmp_path / "index",
        theme=theme,
        library=library if library is not None else build_library(),
        state_dir=tmp_path / "state",
    )
