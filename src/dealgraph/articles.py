"""Reading articles: files, folders and JSONL records in, cleaned :class:`Article` records out.

The first stage of the data flow. :func:`read_articles` walks files and folders (recursively)
and yields an :class:`Article` for every article it can read and a :class:`Skipped` with the
reason for every one it cannot, so that one bad file never stops a batch.

- ``.html`` / ``.htm``: main text, title, date and URL through trafilatura (comments left out),
  the language from ``<html lang>``;
- ``.txt`` / ``.md``: scraped page text, cleaned by :mod:`dealgraph.clean` (navigation,
  captions, comment blocks out, with the boilerplate of every language: a Dutch page may say
  "Skip to content"; the first heading line is the title);
- ``.jsonl``: one record per line with ``text`` and optional ``id``, ``url``, ``title``,
  ``published``, ``language``, ``publisher``; a bad line is reported with its line number;
- any of them gzipped (``.html.gz``, ``.txt.gz``, ``.jsonl.gz``).

A sidecar ``<stem>.meta.yaml`` beside a file gives its ``id``, ``language``, ``title``,
``published``, ``url`` and ``publisher``; metadata wins over what is found in the page.
Without metadata the language is identified from the text with py3langid (a naive Bayes model
shipped with the package) and the id is derived: from the URL when there is one, else from the
file's bytes (a JSONL record's text), so re-reading the same input gives the same id.

Empty, binary, huge (``max_bytes``, 50 MB by default), wrongly encoded (not UTF-8 and no
declared charset that decodes it) and truncated files (a cut-off gzip, a page without its
body, text that ends inside a character) are skipped with a reason.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Acme signs with Globex\\n\\nAcme signed a deal with Globex on Monday.\\n")
>>> _ = (d / "b.txt").write_bytes(b"")
>>> [(type(r).__name__, r.title if isinstance(r, Article) else r.reason) for r in read_articles([d])]
[('Article', 'Acme signs with Globex'), ('Skipped', 'empty file')]
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ._yaml import load_located
from .clean import clean_text, normalize_line
from .dates import DateSpec, DateValueError
from .errors import InputError, SheetError
from .facts import ArticleInfo
from .namespaces import is_slug, stable_hash

#: Suffixes read as articles (a trailing ``.gz`` is allowed on each).
ARTICLE_SUFFIXES = (".html", ".htm", ".txt", ".md", ".jsonl")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
META_SUFFIX = ".meta.yaml"
_META_FIELDS = ("id", "language", "title", "published", "url", "publisher", "encoding")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG_RE = re.compile(r"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)


@dataclass(frozen=True)
class Article:
    """One article, cleaned: the input of extraction."""

    id: str
    text: str
    language: str
    title: str = ""
    published: DateSpec | None = None
    url: str | None = None
    publisher: str | None = None
    source: str = ""  # where it came from: a file, or file:line for a JSONL record
    language_from: str = "metadata"  # "metadata", or "detected (p=0.99)"

    def info(self) -> ArticleInfo:
        """The article part of a fact sheet."""
        return ArticleInfo(
            id=self.id,
            language=self.language,
            text=self.text,
            title=self.title,
            url=self.url,
            publisher=self.publisher,
            source_file=Path(self.source).name if self.source else None,
            published=self.published,
        )


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class _Skip(Exception):
    """Raised inside the reader for an input that must be skipped; becomes :class:`Skipped`."""


# ------------------------------------------------------------------------------------------------
# Language identification (py3langid, wrapped here only)
# ------------------------------------------------------------------------------------------------


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, sample: int = 300) -> tuple[str, float]:
    """The language of ``text`` (ISO 639-1) and the model's probability, from its first
    ``sample`` characters: enough for a news text (300 characters give the language 600 gave
    on every article of the corpus and of the tests), and the cost grows with the sample.

    >>> detect_language("De Verenigde Staten hebben Huawei op een zwarte lijst gezet.")[0]
    'nl'
    >>> detect_language("The United States put Huawei on a trade blacklist.")[0]
    'en'
    """
    lang, prob = _identifier().classify(text[:sample])
    return str(lang), float(prob)


# ------------------------------------------------------------------------------------------------
# Walking the inputs
# ------------------------------------------------------------------------------------------------


def _article_suffix(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(META_SUFFIX):
        return None
    if name.endswith(".gz"):
        name = name[:-3]
    for suffix in ARTICLE_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return None


def article_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The article files among ``paths``: files as given, folders searched recursively (sorted).

    A file given by name is read whatever its suffix; in folders only article suffixes count.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                sorted(x for x in p.rglob("*") if x.is_file() and _article_suffix(x) is not None)
            )
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return out


def read_articles(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Skipped]:
    """Every article in ``paths`` (files and folders), or why it was skipped."""
    for path in article_files(paths):
        yield from read_file(path, max_bytes)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Skipped]:
    """The article (or, for JSONL, the articles) of one file."""
    source = str(path)
    try:
        suffix = _article_suffix(path)
        if suffix is None:
            raise _Skip(f"not an article file (read are {', '.join(ARTICLE_SUFFIXES)}, or .gz)")
        raw = _read_bytes(path, max_bytes)
        meta = read_meta(path)
        if suffix == ".jsonl":
            yield from _jsonl(raw, source, meta)
            return
        _check_content(raw)
        if suffix in (".html", ".htm"):
            yield _html(raw, source, meta)
        else:
            text = _decode_text(raw, meta.get("encoding"))
            if suffix == ".md":
                text = markdown_to_text(text)
            yield _plain(text, raw, source, meta)
    except _Skip as exc:
        yield Skipped(source, str(exc))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Skip(f"too large: {_mb(size)} (the limit is {_mb(max_bytes)}; raise --max-size)")
        raw = path.read_bytes()
    except OSError as exc:
        raise _Skip(f"cannot read the file: {exc.strerror}") from None
    if path.name.lower().endswith(".gz"):
        raw = _gunzip(raw, max_bytes)
    if not raw.strip():
        raise _Skip("empty file")
    return raw


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _gunzip(raw: bytes, max_bytes: int) -> bytes:
    if not raw.startswith(b"\x1f\x8b"):
        raise _Skip("not a gzip file, though its name ends in .gz")
    d = zlib.decompressobj(wbits=31)
    try:
        out = d.decompress(raw, max_bytes + 1)
    except zlib.error as exc:
        raise _Skip(f"broken gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise _Skip(f"too large once decompressed: over {_mb(max_bytes)} (raise --max-size)")
    if not d.eof:
        raise _Skip("truncated: the gzip stream ends before its end marker")
    return out


def _check_content(raw: bytes) -> None:
    head = raw[:8192]
    if head.startswith(_BINARY_MAGIC) or (
        b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    ):
        raise _Skip("binary data, not text")


def _decode_text(raw: bytes, declared: str | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or the encoding the metadata declares."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise _Skip(
                "not valid UTF-16, though it starts with a UTF-16 byte-order mark"
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if declared:
            try:
                return raw.decode(declared)
            except (UnicodeDecodeError, LookupError):
                raise _Skip(
                    f"not UTF-8, and the declared encoding {declared!r} does not decode it"
                ) from None
        if exc.reason == "unexpected end of data" and exc.start >= len(raw) - 3:
            raise _Skip("truncated: the text ends inside a UTF-8 character") from None
        line = raw[: exc.start].count(b"\n") + 1
        raise _Skip(
            f"not UTF-8 (byte {exc.start}, line {line}) and no encoding declared; "
            "save it as UTF-8 or give `encoding:` in its .meta.yaml"
        ) from None


# ------------------------------------------------------------------------------------------------
# Metadata
# ------------------------------------------------------------------------------------------------


def meta_path(path: Path) -> Path:
    """The sidecar metadata file of an article file: ``<stem>.meta.yaml``."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = name.rsplit(".", 1)[0]
    return path.with_name(stem + META_SUFFIX)


def read_meta(path: Path) -> dict[str, Any]:
    """The checked sidecar metadata of ``path`` (empty without a sidecar)."""
    mp = meta_path(path)
    if not mp.is_file():
        return {}
    try:
        data, lines = load_located(mp.read_text(encoding="utf-8"), str(mp))
    except (SheetError, UnicodeDecodeError, OSError) as exc:
        raise _Skip(f"its metadata {mp.name} cannot be read: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _Skip(f"{mp}:1: metadata must be a mapping of fields to values")
    return _check_meta(data, lambda f: f"{mp}:{lines.line((f,))}: {f}")


def _check_meta(data: dict[str, Any], where: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _META_FIELDS:
            continue  # other fields (notes, sources) are the curator's, not ours
        if value is None:
            continue
        if key == "published":
            out[key] = _published(value, where(key))
        elif key == "id":
            text = str(value)
            if not is_slug(text):
                raise _Skip(
                    f"{where(key)}: {text!r} is not a valid id (use lower-case letters, digits and hyphens)"
                )
            out[key] = text
        elif key == "language":
            text = str(value).lower()
            if not _LANG_RE.match(text):
                raise _Skip(f"{where(key)}: {value!r} is not an ISO 639 code (write nl, en, ...)")
            out[key] = text
        else:
            out[key] = str(value)
    return out


def _published(value: Any, where: str) -> DateSpec:
    """``2019-06-07``, or ``{value: 2019-W23, precision: week, text: ..., note: ...}``."""
    fields = value if isinstance(value, dict) else {"value": value}
    try:
        spec = DateSpec.parse(
            str(fields.get("value", "")).strip()[:10],
            qualifier=str(fields.get("qualifier", "on")),
            text=str(fields.get("text") or ""),
            note=str(fields.get("note") or ""),
        )
    except DateValueError as exc:
        raise _Skip(f"{where}: {exc}") from None
    given = fields.get("precision")
    if given is not None and given != spec.precision:
        raise _Skip(f"{where}: precision {given!r} does not match {spec.value!r}")
    return spec


def derived_id(url: str | None, content: bytes) -> str:
    """A stable article id: from the URL when known, else from the content's bytes.

    >>> derived_id("https://example.org/a", b"x") == derived_id("https://example.org/a", b"y")
    True
    >>> len(derived_id(None, b"some text"))
    16
    """
    if url:
        return stable_hash("url", url.strip())
    return hashlib.sha256(content).hexdigest()[:16]


def _language(meta: dict[str, Any], text: str) -> tuple[str, str]:
    if meta.get("language"):
        return str(meta["language"]), "metadata"
    lang, prob = detect_language(text)
    return lang, f"detected (p={prob:.2f})"


# ------------------------------------------------------------------------------------------------
# Formats
# ------------------------------------------------------------------------------------------------


def _article(
    text: str, title: str, meta: dict[str, Any], content: bytes, source: str, lang_pair: Any
) -> Article:
    if not text.strip():
        raise _Skip("no article text left after cleaning")
    lang, language_from = lang_pair
    return Article(
        id=meta.get("id") or derived_id(meta.get("url"), content),
        text=text,
        language=lang,
        title=meta.get("title") or title,
        published=meta.get("published"),
        url=meta.get("url"),
        publisher=meta.get("publisher"),
        source=source,
        language_from=language_from,
    )


def _plain(raw_text: str, content: bytes, source: str, meta: dict[str, Any]) -> Article:
    lang_pair = _language(meta, raw_text)
    cleaned = clean_text(raw_text, "", title=meta.get("title", ""))
    return _article(cleaned.text, cleaned.title, meta, content, source, lang_pair)


_MD_RULES = (
    (re.compile(r"^```.*?^```", re.M | re.S), ""),  # code blocks
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: keep the text
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])[*_]([^*_\n]+)[*_](?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
)


def markdown_to_text(text: str) -> str:
    """Markdown as plain text: headings, emphasis, links and images reduced to their words.

    >>> markdown_to_text("# Acme **wins**\\n\\nSee [the deal](http://x) *now*.")
    'Acme wins\\n\\nSee the deal now.'
    """
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text


def _html_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    m = _CHARSET_RE.search(raw[:4096])
    if m:
        charset = m.group(1).decode("ascii", "replace")
        try:
            return raw.decode(charset)
        except (UnicodeDecodeError, LookupError):
            raise _Skip(
                f"not UTF-8, and the declared charset {charset!r} does not decode it"
            ) from None
    raise _Skip("not UTF-8 and no charset declared in the page")


def _html(raw: bytes, source: str, meta: dict[str, Any]) -> Article:
    import trafilatura

    html = _html_text(raw)
    lowered = html.lower()
    if "<body" not in lowered and "<p" not in lowered:
        raise _Skip("truncated or empty page: no <body>")
    if ("<body" in lowered or "<html" in lowered) and not (
        "</body" in lowered or "</html" in lowered
    ):
        raise _Skip("truncated: the page ends before </body> and </html>")
    doc = trafilatura.bare_extraction(
        html, url=meta.get("url"), include_comments=False, with_metadata=True
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        raise _Skip("no article text found in the page")
    title = normalize_line(getattr(doc, "title", None) or "")
    meta = dict(meta)
    if "language" not in meta and (m := _HTML_LANG_RE.search(html[:4096])):
        meta["language"] = m.group(1).lower()
    date, url = getattr(doc, "date", None), getattr(doc, "url", None)
    if "published" not in meta and date:
        with contextlib.suppress(DateValueError):
            meta["published"] = DateSpec.parse(str(date)[:10])
    if "url" not in meta and url:
        meta["url"] = str(url)
    text = "\n\n".join(line for line in body.split("\n") if line.strip())
    lang_pair = _language(meta, text)
    cleaned = clean_text(text, "", title=meta.get("title") or title)
    return _article(cleaned.text, cleaned.title or title, meta, raw, source, lang_pair)


_JSONL_FIELDS = ("id", "text", "url", "title", "published", "language", "publisher")


def _jsonl(raw: bytes, source: str, meta: dict[str, Any]) -> Iterator[Article | Skipped]:
    found = False
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        found = True
        bad_line = raw[: exc.start].count(b"\n") + 1
        yield Skipped(f"{source}:{bad_line}", "not UTF-8; JSONL files are UTF-8")
        text = raw[: exc.start].decode("utf-8-sig", "ignore")
        text = text[: text.rfind("\n") + 1]
    for n, record in enumerate(text.split("\n"), start=1):
        if not record.strip():
            continue
        found = True
        where = f"{source}:{n}"
        try:
            yield _record(record, where)
        except _Skip as exc:
            yield Skipped(where, str(exc))
    if not found:
        # only blanks that bytes do not count as blank ("\x1f", a no-break space): no record
        yield Skipped(source, "empty file")


def _record(line: str, where: str) -> Article:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Skip(f"bad JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(rec, dict):
        raise _Skip("a record must be a JSON object with a `text` field")
    body = rec.get("text")
    if not isinstance(body, str) or not body.strip():
        raise _Skip("the record has no `text`")
    meta = _check_meta(
        {k: v for k, v in rec.items() if k in _JSONL_FIELDS and k != "text"},
        lambda f: f"field {f}",
    )
    lang_pair = _language(meta, body)
    cleaned = clean_text(body, "", title=meta.get("title", ""))
    return _article(cleaned.text, cleaned.title, meta, body.encode("utf-8"), where, lang_pair)
