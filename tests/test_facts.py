"""The fact sheet model: loading the seed, located errors for broken sheets, saving."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dealgraph.errors import SheetError
from dealgraph.facts import Evidence, FactSheet, load_sheet, parse_sheet, save_sheet
from dealgraph.seed import seed_sheet_path

SEED_TEXT_SHA = "d99111f31b6e35e9f9ec59585e784fd302819c61affbbef9feeb92a921534121"


def test_seed_has_the_facts_the_issue_asks_for(seed: FactSheet) -> None:
    by_id = {f.id: f for f in seed.facts}
    deal = by_id["deal"]
    assert deal.type == "Deal" and deal.roles["party"] == ("huawei", "mts")
    assert {d.role: d.label() for d in deal.dates} == {
        "signed": "2019-06-05",
        "target": "before 2020",
    }
    assert deal.attributes["value_disclosed"] is False
    visit = by_id["state-visit"]
    assert visit.roles == {"visitor": ("xi-jinping",), "host": ("russia",)}
    assert visit.attributes["duration_days"] == 3
    assert by_id["deal-signed-during-visit"].roles == {
        "deal": ("deal",),
        "occasion": ("state-visit",),
    }
    assert by_id["us-ban"].roles == {"imposer": ("united-states",), "target": ("huawei",)}
    assert by_id["espionage-allegation"].roles["associate"] == ("chinese-government",)
    appeal = by_id["us-appeal"]
    assert appeal.roles["appellant"] == ("united-states",) and appeal.roles["disregardedBy"] == (
        "russia",
    )
    trial = by_id["first-tests"]
    assert trial.modality == "planned" and trial.roles["attributedTo"] == ("mts",)
    assert trial.roles["reportedBy"] == ("afp",) and seed.entities["afp"].type == "NewsAgency"
    assert seed.entities["xi-jinping"].leader_of == "china"


def test_every_quote_is_at_its_offsets(seed: FactSheet) -> None:
    assert seed.article.text_sha256 == SEED_TEXT_SHA
    quotes = [e for f in seed.facts for e in f.evidence]
    assert len(quotes) == 11
    for e in quotes:
        assert seed.article.text[e.start : e.end] == e.quote


def test_seed_metadata_records_the_inferred_publication_week(seed: FactSheet) -> None:
    published = seed.article.published
    assert published is not None
    assert (published.value, published.precision) == ("2019-W23", "week")
    assert published.first_day.isoformat() == "2019-06-03"
    assert "not printed" in published.note.lower()
    meta = yaml.safe_load(
        Path(str(seed_sheet_path().__enter__()))
        .with_name("000_957069b94ee8dd14.meta.yaml")
        .read_text()
    )
    assert meta["title"] == seed.article.title and meta["language"] == seed.article.language
    assert meta["published"]["value"] == published.value


def test_save_then_load_gives_the_same_sheet(seed: FactSheet, tmp_path: Path) -> None:
    path = save_sheet(seed, tmp_path / "sheet.yaml")
    again = load_sheet(path)
    assert replace(again, file=seed.file) == seed
    assert path.read_text() == again.dumps()


# --- broken sheets: one clear error naming file, line and field ------------------------------

GOOD = """dealgraph: factsheet/1
origin: curated
article:
  id: a1
  language: en
  title: Acme and Globex
  text: Acme signed a deal with Globex.
entities:
  acme: {type: Company, label: Acme}
  globex: {type: Company, label: Globex}
facts:
  - id: deal
    type: Deal
    roles:
      party: [acme, globex]
    dates:
      - {role: signed, value: 2019-06-05}
    evidence:
      - quote: Acme signed a deal with Globex.
        start: 0
        end: 31
"""

BROKEN = {
    "malformed-yaml": (
        GOOD.replace("  title: Acme and Globex", "  title: [Acme"),
        "x.yaml:7: malformed YAML: while parsing a flow sequence (from line 6): expected ',' or ']', "
        "but got ':' (check indentation and quoting)",
    ),
    "unknown-entity": (
        GOOD.replace("party: [acme, globex]", "party: [acme, globx]"),
        "x.yaml:15: facts[0].roles.party[1]: unknown entity id 'globx' (did you mean 'globex'?; define it under entities:)",
    ),
    "quote-not-in-text": (
        GOOD.replace(
            "- quote: Acme signed a deal with Globex.", "- quote: Acme signed a pact with Globex."
        ),
        "x.yaml:19: facts[0].evidence[0].quote: the quote is not in the article text "
        "(copy it exactly from article.text (same spaces and punctuation))",
    ),
    "wrong-offsets": (
        GOOD.replace("start: 0\n        end: 31", "start: 2\n        end: 33"),
        "x.yaml:20: facts[0].evidence[0].start: the quote is not at [2, 33) of the article text (it is at start: 0, end: 31)",
    ),
    "unknown-field": (
        GOOD.replace("    type: Deal\n", "    type: Deal\n    partys: []\n"),
        "x.yaml:14: facts[0].partys: unknown field 'partys' "
        "(allowed: attributes, dates, evidence, id, key, modality, note, origin, roles, type)",
    ),
    "one-party": (
        GOOD.replace("party: [acme, globex]", "party: [acme]"),
        "x.yaml:14: facts[0].roles: Deal needs at least 2 in party, found 1",
    ),
    "bad-date": (
        GOOD.replace("value: 2019-06-05", "value: 2019-02-30"),
        "x.yaml:17: facts[0].dates[0].value: '2019-02-30' is not a real date",
    ),
    "unknown-type": (
        GOOD.replace("type: Deal", "type: Dael"),
        "x.yaml:13: facts[0].type: unknown fact type 'Dael' (did you mean 'Deal'?)",
    ),
    "wrong-role-class": (
        GOOD.replace(
            "globex: {type: Company, label: Globex}", "globex: {type: Technology, label: Globex}"
        ),
        "x.yaml:15: facts[0].roles.party[1]: 'globex' is a Technology; party takes Organization or State",
    ),
    "duplicate-key": (
        GOOD.replace("  language: en\n", "  language: en\n  language: nl\n"),
        "x.yaml:6: article.language: duplicate key (it was already given on line 5; keep one)",
    ),
    "not-a-mapping": (
        "- just\n- a list\n",
        "x.yaml:1: a fact sheet is a YAML mapping with article, entities and facts",
    ),
}


def test_the_good_sheet_parses() -> None:
    sheet = parse_sheet(GOOD, "x.yaml")
    assert sheet.facts[0].evidence == (Evidence("Acme signed a deal with Globex.", 0, 31),)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_sheet_gets_one_located_error(case: str) -> None:
    text, expected = BROKEN[case]
    with pytest.raises(SheetError) as info:
        parse_sheet(text, "x.yaml")
    assert str(info.value) == expected


def test_several_problems_are_all_listed() -> None:
    text = GOOD.replace("party: [acme, globex]", "party: [acme, globx]").replace(
        "language: en", "language: English"
    )
    with pytest.raises(SheetError) as info:
        parse_sheet(text, "x.yaml")
    assert len(info.value.problems) == 2
    assert str(info.value).startswith(
        "2 problems:\n  x.yaml:5: article.language: 'English' is not an ISO 639 code"
    )


def test_changed_text_is_caught_by_its_hash() -> None:
    sheet = parse_sheet(GOOD, "x.yaml")
    text = sheet.dumps().replace(
        "Acme signed a deal with Globex.\n", "Acme signed a deal with Globex.  \n", 1
    )
    text = text.replace(
        "text: Acme signed a deal with Globex.", "text: 'Acme signed a deal with Globex. Later.'"
    )
    with pytest.raises(SheetError, match=r"article.text_sha256: does not match the text"):
        parse_sheet(text, "y.yaml")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("dealgraph: factsheet/1\ntitle: caf\xe9\n".encode("latin-1"))
    with pytest.raises(
        SheetError, match=r"latin1.yaml:2: not UTF-8 \(byte 33\) \(save the file as UTF-8\)"
    ):
        load_sheet(path)


# --- properties --------------------------------------------------------------------------------

_words = st.text(
    st.characters(whitelist_categories=("L", "N"), whitelist_characters=" -'"),
    min_size=1,
    max_size=20,
)


@settings(max_examples=60, deadline=None)
@given(
    sentences=st.lists(_words.map(lambda w: w.strip() + "."), min_size=2, max_size=6),
    pick=st.integers(min_value=0, max_value=5),
    title=_words,
)
def test_any_sheet_survives_save_and_load(
    sentences: list[str], pick: int, title: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    sentences = [s for s in sentences if s.strip(" .")] or ["Acme."]
    text = "\n\n".join(sentences)
    quote = sentences[pick % len(sentences)]
    start = text.index(quote)
    sheet = parse_sheet(
        yaml.safe_dump(
            {
                "dealgraph": "factsheet/1",
                "origin": "extracted",
                "article": {"id": "p1", "language": "en", "title": title, "text": text},
                "entities": {
                    "a": {"type": "Company", "label": title},
                    "b": {"type": "State", "label": "B"},
                },
                "facts": [
                    {
                        "id": "f",
                        "type": "Ban",
                        "roles": {"imposer": ["b"], "target": ["a"]},
                        "evidence": [
                            {
                                "quote": quote,
                                "start": start,
                                "end": start + len(quote),
                                "confidence": 0.5,
                            }
                        ],
                    }
                ],
            },
            allow_unicode=True,
        ),
        "h.yaml",
    )
    path = save_sheet(sheet, tmp_path_factory.mktemp("h") / "h.yaml")
    assert replace(load_sheet(path), file="h.yaml") == sheet
