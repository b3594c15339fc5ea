"""The development set for extraction (tests/devset): its layout, texts and gold fact sheets.

Every article has metadata and a gold sheet; every gold sheet loads, its quotes sit at their
offsets, its text is the article's cleaned body, and it maps to SHACL-valid RDF. The split sizes
and the language balance are the ones README.md promises, and the facts that two articles report
about one event get one IRI where the sheets say they should.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from dealgraph.clean import clean_text
from dealgraph.facts import FactSheet, load_sheet
from dealgraph.namespaces import is_slug
from dealgraph.rdf import fact_iris, sheet_quads
from dealgraph.validate import graph_of, validate_graph

DEVSET = Path(__file__).parent / "devset"
PARTS = {
    "dev": {"nl": 16, "en": 16},
    "dev2": {"nl": 8, "en": 8},
    "heldout": {"nl": 12, "en": 12},
    "heldout2": {"nl": 10, "en": 10},
    "heldout3": {"nl": 10, "en": 10},
    "heldout4": {"nl": 10, "en": 10},
    "heldout5": {"nl": 10, "en": 10},
    "heldout6": {"nl": 10, "en": 10},
    "heldout7": {"nl": 10, "en": 10},
    "heldout8": {"nl": 10, "en": 10},
    "heldout9": {"nl": 10, "en": 10},
    "heldout10": {"nl": 10, "en": 10},
    "heldout11": {"nl": 10, "en": 10},
    "heldout12": {"nl": 10, "en": 10},
    "heldout13": {"nl": 10, "en": 10},
    "heldout14": {"nl": 10, "en": 10},
    "heldout15": {"nl": 10, "en": 10},
    "heldout16": {"nl": 10, "en": 10},
    "heldout17": {"nl": 10, "en": 10},
    "heldout18": {"nl": 10, "en": 10},
    "heldout19": {"nl": 10, "en": 10},
}
META_KEYS = {"id", "language", "title", "published", "url", "publisher"}
JSONL_KEYS = {"id", "text", "title", "published", "language", "url"}


@dataclass(frozen=True)
class Item:
    """One article of the set: where it is, in which form, and its metadata."""

    part: str
    id: str
    kind: str  # "txt" | "html" | "jsonl"
    path: Path
    meta: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.part}/{self.id}"


def _items() -> list[Item]:
    items: list[Item] = []
    for part in PARTS:
        articles = DEVSET / part / "articles"
        for path in sorted(articles.iterdir()):
            if path.suffix in (".txt", ".html"):
                meta = yaml.safe_load((articles / f"{path.stem}.meta.yaml").read_text("utf-8"))
                items.append(Item(part, path.stem, path.suffix[1:], path, meta))
            elif path.suffix == ".jsonl":  # batch.jsonl, or one batch per writer
                for line in path.read_text("utf-8").splitlines():
                    record = json.loads(line)
                    items.append(Item(part, record["id"], "jsonl", path, record))
    return items


ITEMS = _items()
#: The .txt articles saved as scraped pages (navigation, photo captions, comment tail included).
SCRAPED = [
    i
    for i in ITEMS
    if i.kind == "txt" and not i.path.read_text("utf-8").startswith(i.meta["title"])
]


@cache
def gold(part: str, article_id: str) -> FactSheet:
    return load_sheet(DEVSET / part / "gold" / f"{article_id}.facts.yaml")


class _Page(HTMLParser):
    """The parts of a saved news page the set relies on: lang, date, headline, body paragraphs."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.published = ""
        self.headline = ""
        self.paragraphs: list[str] = []
        self._body_depth = 0  # nesting of <div> inside div.article-body
        self._figure = 0
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        elif tag == "meta" and a.get("property") == "article:published_time":
            self.published = a.get("content") or ""
        elif tag == "div":
            if self._body_depth or "article-body" in (a.get("class") or "").split():
                self._body_depth += 1
        elif tag == "figure" and self._body_depth:
            self._figure += 1
        elif tag == "h1" or (tag in ("p", "h2") and self._body_depth and not self._figure):
            self._capture, self._buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._body_depth:
            self._body_depth -= 1
        elif tag == "figure" and self._figure:
            self._figure -= 1
        elif tag == self._capture:
            text = "".join(self._buffer).strip()
            if tag == "h1":
                self.headline = text
            else:
                self.paragraphs.append(text)
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._buffer.append(data)


def _body_of(item: Item) -> str:
    """The article body as the file gives it, with only the layout of its format taken off."""
    if item.kind == "jsonl":
        return str(item.meta["text"])
    raw = item.path.read_text("utf-8")
    if item.kind == "html":
        page = _Page()
        page.feed(raw)
        return "\n\n".join(page.paragraphs)
    title, sep, body = raw.partition("\n\n")
    if title == item.meta["title"]:
        assert sep and body.endswith("\n") and not body.endswith("\n\n")
        return body[:-1]
    return clean_text(raw, item.meta["language"]).text  # a saved page with boilerplate


def _fact(ref: str, part: str) -> tuple[FactSheet, str]:
    article_id, _, fact_id = ref.partition("#")
    sheet = gold(part, article_id)
    sheet.fact(fact_id)  # raises KeyError when the fact is missing
    return sheet, fact_id


def test_split_sizes_and_language_balance() -> None:
    counts = Counter((item.part, item.meta["language"]) for item in ITEMS)
    assert counts == Counter(
        {(p, lang): n for p, langs in PARTS.items() for lang, n in langs.items()}
    )


def test_ids_are_unique_slugs_over_the_whole_set() -> None:
    ids = [item.id for item in ITEMS]
    assert len(ids) == len(set(ids)) == sum(n for langs in PARTS.values() for n in langs.values())
    assert all(is_slug(i) for i in ids)


@pytest.mark.parametrize("part", PARTS)
def test_every_gold_sheet_has_its_article_and_every_article_its_sheet(part: str) -> None:
    sheets = {p.name.removesuffix(".facts.yaml") for p in (DEVSET / part / "gold").glob("*.yaml")}
    assert sheets == {item.id for item in ITEMS if item.part == part}


@pytest.mark.parametrize("part", PARTS)
def test_each_part_mixes_the_input_formats(part: str) -> None:
    kinds = Counter(item.kind for item in ITEMS if item.part == part)
    assert kinds["html"] >= 2 and 2 <= kinds["jsonl"] <= 3
    if part in ("dev", "dev2", "heldout"):  # later writers gave HTML and JSONL, no scraped pages
        assert sum(i.part == part for i in SCRAPED) >= 2
    assert len(SCRAPED) >= 5


@pytest.mark.parametrize("item", ITEMS, ids=str)
def test_metadata_is_complete_and_agrees_with_the_gold_sheet(item: Item) -> None:
    keys = JSONL_KEYS if item.kind == "jsonl" else META_KEYS
    assert set(item.meta) == keys
    assert item.meta["id"] == item.id and item.meta["language"] in ("nl", "en")
    assert dt.date.fromisoformat(item.meta["published"])  # YYYY-MM-DD, a string
    art = gold(item.part, item.id).article
    assert (art.id, art.language, art.title) == (item.id, item.meta["language"], item.meta["title"])
    assert art.published is not None and art.published.value == item.meta["published"]
    assert art.url == item.meta["url"]
    assert art.source_file == item.path.name
    if item.kind != "jsonl":
        assert art.publisher == item.meta["publisher"]


@pytest.mark.parametrize("item", ITEMS, ids=str)
def test_article_body_is_the_gold_text(item: Item) -> None:
    sheet = gold(item.part, item.id)
    assert _body_of(item) == sheet.article.text
    assert 120 <= len(sheet.article.text.split()) <= 350
    lines = sheet.article.text.split("\n")
    assert all(line and line == line.strip() for line in lines[::2]) and not any(lines[1::2])


@pytest.mark.parametrize("item", [i for i in ITEMS if i.kind == "html"], ids=str)
def test_html_pages_carry_language_date_and_headline(item: Item) -> None:
    page = _Page()
    page.feed(item.path.read_text("utf-8"))
    assert page.lang == item.meta["language"]
    assert page.published[:10] == item.meta["published"]
    assert page.headline == item.meta["title"]


@pytest.mark.parametrize("item", SCRAPED, ids=str)
def test_scraped_pages_only_add_boilerplate_around_the_body(item: Item) -> None:
    raw = item.path.read_text("utf-8")
    body = gold(item.part, item.id).article.text.split("\n\n")
    lines = [line for line in raw.split("\n") if line.strip()]
    # the body's paragraphs appear whole and in order; every other line is short page furniture
    positions = [lines.index(p) for p in body]
    assert positions == sorted(positions)
    extra = [line for line in lines if line not in body and line != item.meta["title"]]
    assert extra and all(len(line.split()) <= 15 for line in extra)
    assert clean_text(raw, item.meta["language"]).title == item.meta["title"]


@pytest.mark.parametrize("item", ITEMS, ids=str)
def test_gold_sheet_is_curated_and_its_quotes_sit_at_their_offsets(item: Item) -> None:
    sheet = gold(item.part, item.id)
    assert sheet.origin == "curated"
    text = sheet.article.text
    for fact in sheet.facts:
        assert fact.evidence, fact.id
        for ev in fact.evidence:
            assert text[ev.start : ev.end] == ev.quote
            assert ev.rule == "curated" and ev.confidence == 1.0


@pytest.mark.parametrize("part", PARTS)
def test_each_part_maps_to_shacl_valid_rdf(part: str) -> None:
    """All sheets of a part together, so facts that two articles share must agree too."""
    quads = [q for item in ITEMS if item.part == part for q in sheet_quads(gold(part, item.id))]
    report = validate_graph(graph_of(quads))
    assert report.conforms, report.text()


def test_an_entity_id_means_one_thing_in_every_sheet() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for item in ITEMS:
        for eid, ent in gold(item.part, item.id).entities.items():
            assert seen.setdefault(eid, (ent.type, ent.name())) == (ent.type, ent.name()), eid


@pytest.mark.parametrize("part", PARTS)
def test_each_part_covers_the_fact_types_and_modalities(part: str) -> None:
    sheets = [gold(part, item.id) for item in ITEMS if item.part == part]
    types = Counter(f.type for s in sheets for f in s.facts)
    assert set(types) == {
        "Deal",
        "Ban",
        "StateVisit",
        "Trial",
        "Allegation",
        "Appeal",
        "SignedDuring",
    }
    modalities = {f.modality for s in sheets for f in s.facts}
    assert modalities == {"asserted", "planned", "speculative", "negated"}
    assert sum(len(s.facts) <= 1 for s in sheets) >= 2  # articles with one fact or none


def _main_date_gap(a: FactSheet, fa: str, b: FactSheet, fb: str) -> int:
    da, db = a.fact(fa).main_date(), b.fact(fb).main_date()
    if da is None or db is None:
        return 0
    return max((da.first_day - db.last_day).days, (db.first_day - da.last_day).days, 0)


@pytest.mark.parametrize(
    ("part", "group"),
    [
        (part, g)
        for part, groups in yaml.safe_load((DEVSET / "same-events.yaml").read_text("utf-8")).items()
        for g in groups
    ],
    ids=lambda v: v["event"][:40] if isinstance(v, dict) else v,
)
def test_same_event_facts_agree_and_identical_ones_share_an_iri(
    part: str, group: dict[str, Any]
) -> None:
    facts = [_fact(ref, part) for ref in group["facts"]]
    assert len({s.article.id for s, _ in facts}) == len(facts) >= 2
    assert len({s.fact(f).type for s, f in facts}) == 1
    first, first_id = facts[0]
    for sheet, fid in facts[1:]:
        assert _main_date_gap(first, first_id, sheet, fid) <= 7, (fid, sheet.article.id)
    identical = group.get("identical", [])
    assert set(identical) <= set(group["facts"])
    iris = {fact_iris(s)[f] for s, f in (_fact(ref, part) for ref in identical)}
    assert len(iris) <= 1


def test_deals_signed_during_state_visits_are_in_both_parts() -> None:
    for part in PARTS:
        relations = [
            (s, f)
            for item in ITEMS
            if item.part == part
            for s in [gold(part, item.id)]
            for f in s.facts
            if f.type == "SignedDuring"
        ]
        assert len(relations) >= 2
        for sheet, rel in relations:
            deal = sheet.fact(rel.roles["deal"][0])
            visit = sheet.fact(rel.roles["occasion"][0])
            assert (deal.type, visit.type) == ("Deal", "StateVisit")
            signed, start = deal.main_date(), visit.main_date()
            assert signed is not None and start is not None and signed.first_day >= start.first_day
