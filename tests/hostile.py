"""A hostile corpus, written into a folder by the tests (never committed as files).

`make_hostile_corpus(folder)` writes articles whose text tries to act on the terminal or on the
app (markup, ESC/CSI/OSC/C1 sequences, NUL, bidi overrides, HTML entities that decode to
controls), files in odd encodings, and files that must be skipped with a reason (empty, binary,
too large, a FIFO, links to a device, in a loop, outside the folder, an unknown suffix). The
markers below are unique strings: a test greps what a program wrote for them.
"""

from __future__ import annotations

import base64
import codecs
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

# The clipboard payload of the OSC 52 sequences (what an attacker would put on the clipboard).
OSC52_PAYLOAD = base64.b64encode(b"RELIABILITY-OSC52-CLIPBOARD-PAYLOAD").decode("ascii")
# The target of the deceptive OSC 8 hyperlink and of the markup [link=...].
EVIL_URL = "http://evil.example/osc8-marker"
MARKUP_URL = "http://evil.example/markup-link"
# The terminal title an OSC 0 would set.
OSC0_TITLE = "PWNED-TITLE-MARKER"
# Visible text written right before the CSI clear in the article (so the raw sequence is
# recognisable among Textual's own escape sequences).
CLEAR_MARK = "CLEARMARK"

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"

OSC52 = f"{ESC}]52;c;{OSC52_PAYLOAD}{BEL}"
OSC8 = f"{ESC}]8;;{EVIL_URL}{ST}cliquez ici{ESC}]8;;{ST}"
OSC0 = f"{ESC}]0;{OSC0_TITLE}{BEL}"
CSI_CLEAR = f"{CLEAR_MARK}{ESC}[2J{ESC}[H"

#: Sequences that must never reach a terminal or a pipe, as bytes (UTF-8 for C1/bidi).
RAW_SEQUENCES: tuple[bytes, ...] = (
    OSC52.encode(),
    OSC8.encode(),
    OSC0.encode(),
    CSI_CLEAR.encode(),
    f"{ESC}]52;".encode(),
    f"{ESC}]8;;{EVIL_URL}".encode(),
    "\x9b".encode(),  # C1 CSI as UTF-8
    "\x9d".encode(),  # C1 OSC as UTF-8
)
#: Characters that must never appear in output (plain text, no terminal in between).
FORBIDDEN_CHARS: tuple[str, ...] = (
    "\x00",
    "\x07",
    "\x1b",
    "\x9b",
    "\x9d",
    "\x85",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200f",
)

MARKUP_LITERALS: tuple[str, ...] = (
    "[bold]gras[/bold]",
    "[/] seul",
    "[@click=app.quit]quitter[/]",
    f"[link={MARKUP_URL}]un lien[/link]",
    "[$foo]",
    "[Reuters]",
    "[sic]",
    "[ouvert sans fin",
)

BASE = (
    "Le ministre de l’Économie, Bruno Le Maire, a présenté jeudi à Paris un plan pour les "
    "banques européennes. La Commission européenne doit répondre la semaine prochaine."
)


@dataclass
class HostileCorpus:
    """Where the corpus is and what it should give."""

    root: Path
    #: article id → a visible substring its exported text must contain.
    expected_text: dict[str, str] = field(default_factory=dict)
    #: file name (as shown, last path part) → a word its skip reason must contain.
    expected_skips: dict[str, str] = field(default_factory=dict)
    #: the id of the article whose file name holds an escape sequence and brackets.
    evil_name_id: str = ""


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def make_hostile_corpus(
    folder: Path, *, huge: bool = True, special: bool = True, outside: Path | None = None
) -> HostileCorpus:
    """Write the hostile corpus into `folder` (created) and describe what it should give.

    `huge` adds a file just over the 50 MiB size cap (written in ~0.1 s); `special` adds the
    FIFO and the links (to /dev/zero, in a loop, outside the folder: `outside` is where the
    outside target is written, by default next to `folder`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    c = HostileCorpus(root=folder)

    # 1. Markup-like text: must be shown literally, nothing may happen.
    markup = (
        "Titre [bold]Piège[/] et [@click=app.quit]clic[/]\n\n"
        + BASE
        + "\n\n"
        + " ".join(f"Texte {lit} suite." for lit in MARKUP_LITERALS)
        + "\n\nUn crochet [ ouvert, un autre ] fermé, [[double]] et [/ bizarre.\n"
    )
    _write(folder / "markup.txt", markup.encode("utf-8"))
    c.expected_text["markup"] = "[@click=app.quit]quitter[/]"

    # 2. Escape sequences: ESC/CSI, OSC 0/8/52, C1 CSI, bidi overrides and isolates.
    escapes = (
        f"Séquences {OSC0}de terminal\n\n{BASE}\n\n"
        f"Presse-papiers {OSC52} fin.\n\nLien {OSC8} fin.\n\n"
        f"Écran {CSI_CLEAR} effacé.\n\nContrôle C1 \x9b31m rouge et \x9d0;titre\x9c.\n\n"
        f"Bidi \u202eEXE.TXT\u202c et \u2066isolé\u2069 et \u200fmarque.\n"
    )
    _write(folder / "escapes.txt", escapes.encode("utf-8"))
    c.expected_text["escapes"] = "Presse-papiers"

    # 3. NUL and controls through JSON escapes (the decoder refuses raw NUL bytes).
    record = {
        "title": f"Nul\u0000 et {ESC}[31mrouge{ESC}[0m",
        "text": f"{BASE}\n\nUn octet nul \u0000 ici, un {ESC}]52;c;{OSC52_PAYLOAD}{BEL} là.",
        "date": "2022-03",
    }
    _write(folder / "nul.json", json.dumps(record).encode("utf-8"))
    c.expected_text["nul"] = "Un octet nul"

    # 4. HTML entities that decode to controls: sanitised after decoding.
    html = (
        "<html><head><title>Entités &#x9d;&#27;[2J piégées</title></head><body><article>"
        "<h1>Entités &#x9b;31m piégées</h1>"
        f"<p>{BASE}</p>"
        "<p>Des entités &#x9d;0;titre&#x9c; et &#27;]52;c;" + OSC52_PAYLOAD + "&#7; et "
        "&#x1b;[2J et &#x202e;inversé&#x202c; dans le texte de l’article.</p>"
        "<p>La suite de l’article parle encore des banques et de la Commission.</p>"
        "</article></body></html>"
    )
    _write(folder / "entities.html", html.encode("utf-8"))
    c.expected_text["entities"] = "Des entités"

    # 5. Encodings: cp1252 (with ’ « » œ), latin-1, UTF-16 with a BOM.
    french = "L’été à Genève : « œuvre » de Noël, déjà ça. " + BASE
    _write(folder / "cp1252.txt", french.encode("cp1252"))
    c.expected_text["cp1252"] = "L’été à Genève : « œuvre »"
    latin = "Été à Genève, déjà là ; garçon très âgé. " + BASE.replace("’", "'")
    _write(folder / "latin1.txt", latin.encode("latin-1"))
    c.expected_text["latin1"] = "Été à Genève, déjà là"
    _write(folder / "utf16.txt", codecs.BOM_UTF16_LE + french.encode("utf-16-le"))
    c.expected_text["utf16"] = "L’été à Genève : « œuvre »"

    # 6. A file name with an escape sequence and brackets in it.
    evil_name = f"nom{ESC}[2J[bold]gras[red]{ESC}]52;c;{OSC52_PAYLOAD}{BEL}.txt"
    _write(folder / evil_name, ("Un nom de fichier piégé. " + BASE).encode("utf-8"))
    c.evil_name_id = f"nom[2J[bold]gras[red]]52;c;{OSC52_PAYLOAD}"
    c.expected_text[c.evil_name_id] = "Un nom de fichier piégé"

    # 7. Files skipped with a reason.
    _write(folder / "empty.txt", b"")
    c.expected_skips["empty.txt"] = "empty"
    _write(folder / "binary.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 64 + os.urandom(512))
    c.expected_skips["binary.html"] = "binary"
    _write(folder / "notes.docx", b"PK\x03\x04 not a corpus file")
    c.expected_skips["notes.docx"] = "unsupported"
    if huge:
        block = (BASE + "\n").encode("utf-8") * (2**20 // len(BASE) + 1)
        block = block[: 2**20]
        with open(folder / "huge.txt", "wb") as fh:
            for _ in range(50):
                fh.write(block)
            fh.write(block[:4096])
        c.expected_skips["huge.txt"] = "too large"
    if special:
        os.mkfifo(folder / "pipe.txt")
        c.expected_skips["pipe.txt"] = "FIFO"
        (folder / "zero.txt").symlink_to("/dev/zero")
        c.expected_skips["zero.txt"] = "outside"
        (folder / "loop").symlink_to(".")
        c.expected_skips["loop"] = "loop"
        (folder / "self.txt").symlink_to("self.txt")
        c.expected_skips["self.txt"] = "link"
        target_dir = outside if outside is not None else folder.parent
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / "outside-secret.txt"
        target.write_text("Secret hors du corpus. " + BASE, encoding="utf-8")
        (folder / "outside.txt").symlink_to(target)
        c.expected_skips["outside.txt"] = "outside"
    return c
