"""Article ids, reading one file, loading a corpus of good and bad files."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
from pathlib import Path

import pytest

from reader.domain.corpus import articles_from_bytes, assign_ids, load_corpus, read_articles
from reader.domain.discovery import discover
from reader.domain.paths import bundled_seeds

ARTICLE = (
    "Le Parlement a adopté le texte dans la nuit.\n\n"
    "« C’est une victoire », a réagi la ministre à la sortie de l’hémicycle.\n"
)


def _ids(tmp_path: Path) -> dict[str, str]:
    files, _ = discover([tmp_path])
    return {f.rel: aid for f, aid in zip(files, assign_ids(files).values(), strict=True)}


def test_ids_are_stems_unless_they_clash(tmp_path: Path) -> None:
    for rel in ["a.txt", "x/b.txt", "x/c.md", "y/c.md", "y/z/c.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(ARTICLE, encoding="utf-8")
    assert _ids(tmp_path) == {
        "a.txt": "a",
        "x/b.txt": "b",
        "x/c.md": "x/c",
        "y/c.md": "y/c",
        "y/z/c.txt": "y/z/c",
    }


def test_ids_same_path_different_suffix(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    assert _ids(tmp_path) == {"a.md": "a.md", "a.txt": "a.txt"}


def test_read_one_file(tmp_path: Path) -> None:
    path = tmp_path / "loi.txt"
    path.write_bytes(b" date 2021-06 " + ARTICLE.encode("utf-8"))
    (src,), _ = discover([path])
    (article,), problems = read_articles(src, "loi", "loi.txt")
    assert problems == []
    assert article.id == "loi" and article.path == "loi.txt"
    assert article.date == "2021-06"
    assert article.title_derived
    assert article.title == "Le Parlement a adopté le texte dans la nuit"
    assert article.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [article.text[a:b] for a, b in article.paragraphs] == [
        "Le Parlement a adopté le texte dans la nuit.",
        "« C’est une victoire », a réagi la ministre à la sortie de l’hémicycle.",
    ]


def test_jsonl_ids_and_hashes(tmp_path: Path) -> None:
    lines = [json.dumps({"title": f"T{n}", "text": ARTICLE}) for n in range(3)]
    lines.insert(1, "{broken")
    path = tmp_path / "flux.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    (src,), _ = discover([path])
    articles, problems = read_articles(src, "flux", "flux.jsonl")
    assert [a.id for a in articles] == ["flux#1", "flux#2", "flux#3"]
    assert [a.title for a in articles] == ["T0", "T1", "T2"]
    assert len({a.content_hash for a in articles}) == 3
    assert [p.reason for p in problems] == ["line 2: invalid JSON"]


def test_encodings_load(tmp_path: Path) -> None:
    text = "Le cœur de l’été à Noël, « déjà » fini.\n\nSecond paragraphe ici."
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "u16.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    (tmp_path / "u16nobom.txt").write_bytes(text.encode("utf-16-be"))
    corpus = load_corpus([tmp_path])
    assert corpus.problems == []
    assert [a.text for a in corpus.articles] == [text] * 3


def test_hostile_corpus(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "only_junk.txt").write_text("Abonnez-vous\n\n85\n\n0", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "escape.txt").symlink_to("/etc/hostname")
    (tmp_path / "evil\x1b[2J.txt").write_text(
        "Texte \x1b]52;c;SGVsbG8=\x07 avec [bold]crochets[/] et \u202eautre chose.",
        encoding="utf-8",
    )
    corpus = load_corpus([tmp_path])
    assert sorted(a.id for a in corpus.articles) == ["evil[2J", "good"]
    evil = next(a for a in corpus.articles if a.id == "evil[2J")
    assert evil.text == "Texte ]52;c;SGVsbG8= avec [bold]crochets[/] et autre chose."
    assert "\x1b" not in evil.path
    reasons = {Path(p.path).name: p.reason for p in corpus.problems}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.md"] == "empty file"
    assert reasons["image.html"].startswith("binary file")
    assert reasons["notes.docx"] == "unsupported file type .docx"
    assert reasons["bad.json"].startswith("invalid JSON")
    assert reasons["only_junk.txt"].startswith("no article text left")
    assert "FIFO" in reasons["pipe.txt"]
    assert "loop" in reasons["loop"]
    assert "outside" in reasons["escape.txt"]


def test_file_changed_to_a_fifo_after_discovery(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (src,), _ = discover([path])
    path.unlink()
    os.mkfifo(path)
    articles, problems = read_articles(src, "a", "a.txt")
    assert articles == [] and "not a regular file" in problems[0].reason


def test_bundled_seeds() -> None:
    corpus = load_corpus([])
    assert corpus.problems == []
    ids = [a.id for a in corpus.articles]
    assert ids == sorted(p.stem for p in bundled_seeds().glob("*.txt"))
    assert len(ids) == 5
    assert all(a.path == f"seeds/{a.id}.txt" for a in corpus.articles)
    by_id = {a.id[:3]: a for a in corpus.articles}
    assert by_id["000"].date == by_id["001"].date == "2021-12"
    assert [by_id[k].title_derived for k in ["000", "001", "002", "003", "004"]] == [
        True,
        True,
        False,
        True,
        False,
    ]
    for article in corpus.articles:
        raw = (bundled_seeds() / f"{article.id}.txt").read_bytes()
        assert article.content_hash == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize("name", ["a.txt", "sub/a.txt"])
def test_display_path_relative_to_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (article,) = load_corpus([Path(".")]).articles
    assert article.path == name


def test_articles_from_bytes_picks_the_format_by_name() -> None:
    data = json.dumps({"title": "Titre", "text": ARTICLE}).encode("utf-16")
    (article,), problems = articles_from_bytes(data, "x.json", "x", "x.json")
    assert problems == [] and article.title == "Titre"
    assert article.content_hash == hashlib.sha256(data).hexdigest()


def test_an_overlong_article_is_refused_with_a_message() -> None:
    from reader.domain.corpus import MAX_ARTICLE_CHARS, articles_from_bytes

    words = ("Le conseil municipal a voté le budget. " * (MAX_ARTICLE_CHARS // 38 + 10)).encode()
    articles, problems = articles_from_bytes(words, "long.txt", "long", "long.txt")
    assert articles == []
    assert len(problems) == 1 and "too long" in problems[0].reason
