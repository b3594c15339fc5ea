"""Reading articles: every format, metadata, ids, languages, and bad files skipped with a reason."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dealgraph.articles import (
    Article,
    Skipped,
    derived_id,
    detect_language,
    markdown_to_text,
    read_articles,
)

NL_BODY = (
    "Huawei sloot een lucratieve deal met de Russische telecomprovider MTS, die het bedrijf "
    "de opdracht geeft om nog voor 2020 een 5G-netwerk in Rusland aan te leggen. "
    "De overeenkomst werd woensdag ondertekend in Moskou, op de eerste dag van het "
    "staatsbezoek van de Chinese president Xi Jinping aan Rusland."
)
EN_BODY = (
    "Huawei signed a lucrative deal with the Russian operator MTS, which gives the company "
    "the task of building a 5G network in Russia before 2020. "
    "The agreement was signed in Moscow on Wednesday, on the first day of the state visit "
    "of the Chinese president Xi Jinping to Russia."
)

HTML = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Site</title>
<meta property="article:published_time" content="2019-06-07T10:00:00+02:00"></head>
<body><nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
<article><h1>{title}</h1>
<p>{p1}</p>
<figure><img src="a.jpg"><figcaption>Huawei-werknemers. Foto: ANP</figcaption></figure>
<p>{p2}</p></article>
<aside><h2>Related</h2><ul><li><a href="/1">Other story</a></li></ul></aside>
<section class="comments"><h2>Comments</h2><p>Jan: what nonsense</p></section>
</body></html>"""


def _one(path: Path) -> Article:
    items = list(read_articles([path]))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


@pytest.mark.parametrize(("lang", "body"), [("nl", NL_BODY), ("en", EN_BODY)])
def test_plain_text_with_sidecar_metadata(tmp_path: Path, lang: str, body: str) -> None:
    (tmp_path / "a.txt").write_text(
        f"Skip to content\n\nHuawei and MTS\n\n{body}\n\nComments (3)\nnice\n"
    )
    (tmp_path / "a.meta.yaml").write_text(
        f"id: my-article\nlanguage: {lang}\ntitle: Huawei and MTS\npublished: '2019-06-07'\n"
    )
    a = _one(tmp_path / "a.txt")
    assert (a.id, a.language, a.title, a.language_from) == (
        "my-article",
        lang,
        "Huawei and MTS",
        "metadata",
    )
    assert a.text == body and a.published is not None and a.published.value == "2019-06-07"
    assert a.info().source_file == "a.txt"


@pytest.mark.parametrize(("lang", "body"), [("nl", NL_BODY), ("en", EN_BODY)])
def test_language_is_detected_without_metadata(tmp_path: Path, lang: str, body: str) -> None:
    (tmp_path / "a.txt").write_text(f"Huawei and MTS\n\n{body}\n")
    a = _one(tmp_path / "a.txt")
    assert a.language == lang and a.language_from.startswith("detected (p=")
    assert detect_language(body)[0] == lang


@pytest.mark.parametrize(("lang", "body"), [("nl", NL_BODY), ("en", EN_BODY)])
def test_html_page_through_trafilatura(tmp_path: Path, lang: str, body: str) -> None:
    p1, p2 = body.split(". ", 1)
    page = HTML.format(lang=lang, title="Huawei and MTS sign", p1=p1 + ".", p2=p2)
    (tmp_path / "p.html").write_text(page)
    a = _one(tmp_path / "p.html")
    assert a.language == lang and a.language_from == "metadata"  # <html lang> is metadata
    assert a.title == "Huawei and MTS sign"
    assert a.text == f"{p1}.\n\n{p2}"  # no navigation, caption, related list or comments
    assert a.published is not None and a.published.value == "2019-06-07"


def test_gzipped_html_reads_like_html(tmp_path: Path) -> None:
    p1, p2 = EN_BODY.split(". ", 1)
    page = HTML.format(lang="en", title="T", p1=p1 + ".", p2=p2)
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(page.encode()))
    assert _one(tmp_path / "p.html.gz").text == f"{p1}.\n\n{p2}"


def test_html_in_a_declared_charset(tmp_path: Path) -> None:
    p1, p2 = NL_BODY.split(". ", 1)
    page = HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').format(
        lang="nl", title="Café", p1="Het café van " + p1 + ".", p2=p2
    )
    (tmp_path / "p.html").write_bytes(page.encode("cp1252"))
    assert _one(tmp_path / "p.html").text.startswith("Het café van Huawei")


def test_markdown(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# Huawei **wins**\n\nHuawei signed a [deal](http://x) with *MTS*.\n"
    )
    a = _one(tmp_path / "a.md")
    assert (a.title, a.text) == ("Huawei wins", "Huawei signed a deal with MTS.")
    assert markdown_to_text("![photo](x.jpg) `code`") == " code"


def test_jsonl_bad_lines_are_reported_and_the_rest_go_in(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "r1", "text": EN_BODY, "language": "en", "published": "2019-06-07"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "r2", "title": "no text"}),
        json.dumps({"id": "Bad Id", "text": EN_BODY}),
        "",
        json.dumps({"text": NL_BODY, "url": "https://example.org/x"}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    items = list(read_articles([tmp_path]))
    good = [i for i in items if isinstance(i, Article)]
    bad = {i.source.rsplit(":", 1)[1]: i.reason for i in items if isinstance(i, Skipped)}
    assert [a.id for a in good] == ["r1", derived_id("https://example.org/x", b"")]
    assert good[1].language == "nl" and good[1].source.endswith("batch.jsonl:7")
    assert bad["2"].startswith("bad JSON: Expecting property name")
    assert bad["3"] == "a record must be a JSON object with a `text` field"
    assert bad["4"] == "the record has no `text`"
    assert bad["5"].startswith("field id: 'Bad Id' is not a valid id")


_text = st.text(st.characters(whitelist_categories=("L", "N", "Zs", "P")), min_size=1, max_size=60)


@settings(max_examples=40, deadline=None)
@example(records=["\x1f"])  # blank to str.strip, not to bytes.strip: still "empty file"
@given(
    records=st.lists(
        st.one_of(
            st.fixed_dictionaries({"text": _text.filter(lambda t: t.strip())}),
            st.text(
                st.characters(
                    blacklist_characters="\n\r\x85\u2028\u2029",
                    blacklist_categories=("Cs",),  # a UTF-8 file cannot hold a lone surrogate
                ),
                max_size=30,
            ),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_jsonl_reader_accounts_for_every_line(
    records: list[object], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Property: every non-blank line gives one article or one skip naming its line number."""
    folder = tmp_path_factory.mktemp("jsonl")
    lines = [json.dumps(r) if isinstance(r, dict) else r for r in records]
    (folder / "r.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = list(read_articles([folder]))
    if not any(line.strip() for line in lines):
        assert [(type(i), i.reason) for i in items] == [(Skipped, "empty file")]  # type: ignore[union-attr]
        return
    numbers = [int(i.source.rsplit(":", 1)[1]) for i in items]
    expected = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert numbers == expected
    for item, n in zip(items, numbers, strict=True):
        if isinstance(item, Article):
            assert isinstance(records[n - 1], dict)


def test_derived_ids_are_stable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Title\n\n{EN_BODY}\n")
    first = _one(tmp_path / "a.txt").id
    (tmp_path / "b.txt").write_text(f"Title\n\n{EN_BODY}\n")  # same bytes, another name
    assert (
        _one(tmp_path / "b.txt").id == first == derived_id(None, (tmp_path / "a.txt").read_bytes())
    )
    (tmp_path / "b.txt").write_text(f"Title\n\n{EN_BODY} More.\n")
    assert _one(tmp_path / "b.txt").id != first


def _bad_files(folder: Path) -> dict[str, str]:
    """Real bad files, and the start of the reason each must be skipped with."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\n ")
    (folder / "nul.txt").write_bytes(b"Huawei\x00\x01\x02 binary")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Huawei tekent in Café Moskou.\n".encode("latin-1"))
    (folder / "cut.txt").write_bytes("Huawei tekende met MTS é".encode()[:-1])
    (folder / "cut.html.gz").write_bytes(gzip.compress(HTML.encode())[:-30])
    (folder / "fake.html.gz").write_bytes(b"<html>not gzip</html>")
    (folder / "nobody.html").write_text("<html><head><title>x</title></head>")
    (folder / "cutoff.html").write_text("<html><body><p>Huawei signed with MTS, and then")
    return {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "nul.txt": "binary data, not text",
        "image.html": "binary data, not text",
        "latin1.txt": "not UTF-8 (byte 20, line 1) and no encoding declared",
        "cut.txt": "truncated: the text ends inside a UTF-8 character",
        "cut.html.gz": "truncated: the gzip stream ends before its end marker",
        "fake.html.gz": "not a gzip file, though its name ends in .gz",
        "nobody.html": "truncated or empty page: no <body>",
        "cutoff.html": "truncated: the page ends before </body> and </html>",
    }


def test_bad_files_are_skipped_with_a_reason_and_the_others_go_in(tmp_path: Path) -> None:
    expected = _bad_files(tmp_path)
    (tmp_path / "good.txt").write_text(f"Huawei and MTS\n\n{EN_BODY}\n")
    items = list(read_articles([tmp_path]))
    skipped = {Path(i.source).name: i.reason for i in items if isinstance(i, Skipped)}
    assert set(skipped) == set(expected)
    for name, reason in expected.items():
        assert skipped[name].startswith(reason), (name, skipped[name])
    assert [Path(a.source).name for a in items if isinstance(a, Article)] == ["good.txt"]


def test_a_declared_encoding_in_the_metadata_decodes(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes(f"Titel\n\n{NL_BODY} Café.\n".encode("latin-1"))
    (tmp_path / "latin1.meta.yaml").write_text("encoding: latin-1\n")
    assert _one(tmp_path / "latin1.txt").text.endswith("Café.")


def test_huge_files_are_skipped_before_they_are_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # a real file of 50 MB and one byte
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    (items,) = list(read_articles([big]))
    assert isinstance(items, Skipped)
    assert items.reason == "too large: 50.0 MB (the limit is 50.0 MB; raise --max-size)"
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 3_000_000))
    (item,) = list(read_articles([bomb], max_bytes=1_000_000))
    assert isinstance(item, Skipped) and item.reason.startswith("too large once decompressed")


def test_bad_metadata_names_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"T\n\n{EN_BODY}\n")
    (tmp_path / "a.meta.yaml").write_text("title: T\npublished: 2019-02-30\n")
    (item,) = list(read_articles([tmp_path]))
    assert isinstance(item, Skipped)
    assert (
        item.reason == f"{tmp_path / 'a.meta.yaml'}:2: published: '2019-02-30' is not a real date"
    )


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    from dealgraph.errors import InputError

    with pytest.raises(InputError, match="no such file or folder"):
        list(read_articles([tmp_path / "nope"]))
