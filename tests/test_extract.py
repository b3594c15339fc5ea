"""Extraction: the seed's facts from its text alone, events per language, valid sheets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dealgraph.articles import Article, read_articles
from dealgraph.dates import DateSpec
from dealgraph.extract import extract_sheet
from dealgraph.facts import Fact, FactSheet, parse_sheet
from dealgraph.rdf import fact_iris, sheet_quads
from dealgraph.seed import seed_article_path
from dealgraph.validate import graph_of, validate_graph

SHARED = Path("/work/shared/corpus")


@pytest.fixture(scope="module")
def seed_extracted() -> FactSheet:
    with seed_article_path() as path:
        (article,) = [a for a in read_articles([path]) if isinstance(a, Article)]
    return extract_sheet(article)


def _only(sheet: FactSheet, ftype: str) -> Fact:
    (fact,) = [f for f in sheet.facts if f.type == ftype]
    return fact


def test_the_seed_deal_ban_and_visit_from_the_text_alone(seed_extracted: FactSheet) -> None:
    sheet = seed_extracted
    assert sheet.origin == "extracted"
    deal = _only(sheet, "Deal")
    assert set(deal.roles["party"]) == {"huawei", "mts"}
    dates = {d.role: (d.value, d.precision, d.qualifier) for d in deal.dates}
    assert dates == {"signed": ("2019-06-05", "day", "on"), "target": ("2020", "year", "before")}
    signed = next(d for d in deal.dates if d.role == "signed")
    assert signed.text == "afgelopen woensdag" and "publication week 2019-W23" in signed.note
    ban = _only(sheet, "Ban")
    assert ban.roles["imposer"] == ("united-states",) and ban.roles["target"] == ("huawei",)
    visit = _only(sheet, "StateVisit")
    assert visit.roles["visitor"] == ("xi-jinping",) and visit.roles["host"] == ("russia",)
    assert {d.role: d.value for d in visit.dates} == {"start": "2019-06-05", "end": "2019-06-07"}
    assert visit.attributes["duration_days"] == 3


def test_the_seed_deal_is_signed_during_the_visit_by_inference(seed_extracted: FactSheet) -> None:
    sheet = seed_extracted
    during = _only(sheet, "SignedDuring")
    deal, visit = _only(sheet, "Deal"), _only(sheet, "StateVisit")
    assert during.roles == {"deal": (deal.id,), "occasion": (visit.id,)}
    assert {e.rule for e in during.evidence} == {"infer:signed-during-visit"}
    quotes = " ".join(e.quote for e in during.evidence)
    assert "afgelopen woensdag ondertekend" in quotes and "staatsbezoek" in quotes


def test_the_seed_trial_allegation_and_appeal(seed_extracted: FactSheet) -> None:
    sheet = seed_extracted
    trial = _only(sheet, "Trial")
    assert set(trial.roles["participant"]) == {"huawei", "mts"} and trial.modality == "planned"
    assert trial.roles["attributedTo"] == ("mts",) and trial.roles["reportedBy"] == ("afp",)
    assert [(d.role, d.value, d.qualifier) for d in trial.dates] == [("planned", "2019", "by")]
    allegation = _only(sheet, "Allegation")
    assert allegation.roles["accuser"] == ("united-states",)
    assert allegation.roles["accused"] == ("huawei",)
    assert allegation.roles["associate"] == ("chinese-government",)
    appeal = _only(sheet, "Appeal")
    assert appeal.roles["appellant"] == ("united-states",)
    assert appeal.roles["disregardedBy"] == ("russia",)
    assert appeal.roles["about"] == (_only(sheet, "Ban").id,)


def test_every_quote_is_a_sentence_at_its_offsets(seed_extracted: FactSheet) -> None:
    text = seed_extracted.article.text
    for fact in seed_extracted.facts:
        assert fact.evidence
        for ev in fact.evidence:
            assert text[ev.start : ev.end] == ev.quote and 0 < ev.confidence <= 1
            assert ev.rule.split(":")[0] in ("trigger", "anaphor", "lift", "infer", "sentence")


def test_the_extracted_sheet_is_a_valid_fact_sheet(seed_extracted: FactSheet) -> None:
    again = parse_sheet(seed_extracted.dumps(), "extracted.yaml")
    assert again.facts == seed_extracted.facts and again.entities == seed_extracted.entities
    report = validate_graph(graph_of(sheet_quads(seed_extracted)))
    assert report.conforms, report.text()


def _article(text: str, lang: str, published: str = "2019-05-20") -> Article:
    return Article(id="t", text=text, language=lang, published=DateSpec.parse(published))


def _facts(text: str, lang: str) -> list[tuple[str, str, dict[str, tuple[str, ...]]]]:
    sheet = extract_sheet(_article(text, lang))
    schema_roles = {"Deal", "Ban", "StateVisit", "Trial", "Allegation", "Appeal"}
    out = []
    for f in sheet.facts:
        if f.type in schema_roles:
            own = {
                k: tuple(sorted(v))
                for k, v in f.roles.items()
                if k not in ("attributedTo", "reportedBy", "location", "subject", "about")
            }
            out.append((f.type, f.modality, own))
    return out


EVENTS = [
    # deals
    (
        "nl",
        "Huawei sloot een deal met de Russische telecomprovider MTS.",
        [("Deal", "asserted", {"party": ("huawei", "mts")})],
    ),
    (
        "en",
        "BT has signed an agreement with Ericsson for its 5G core.",
        [("Deal", "asserted", {"party": ("bt", "ericsson")})],
    ),
    (
        "en",
        "Nokia was selected by Vodafone to supply radio equipment.",
        [("Deal", "asserted", {"party": ("nokia", "vodafone")})],
    ),
    (
        "nl",
        "Wingtech neemt Nexperia over.",
        [("Deal", "asserted", {"party": ("nexperia", "wingtech")})],
    ),
    # bans
    (
        "nl",
        "De Verenigde Staten zetten Huawei op een zwarte lijst.",
        [("Ban", "asserted", {"imposer": ("united-states",), "target": ("huawei",)})],
    ),
    (
        "en",
        "Huawei was banned by the United States.",
        [("Ban", "asserted", {"imposer": ("united-states",), "target": ("huawei",)})],
    ),
    (
        "en",
        "The British government has banned Huawei from 5G networks.",
        [("Ban", "asserted", {"imposer": ("british-government",), "target": ("huawei",)})],
    ),
    (
        "nl",
        "Het Amerikaanse ministerie van Handel heeft een exportverbod opgelegd aan ZTE.",
        [("Ban", "asserted", {"imposer": ("us-department-of-commerce",), "target": ("zte",)})],
    ),
    (
        "en",
        "Google suspended its business with Huawei.",
        [("Ban", "asserted", {"imposer": ("google",), "target": ("huawei",)})],
    ),
    # negation, speculation, plans
    (
        "nl",
        "De Duitse regering heeft Huawei niet uitgesloten.",
        [("Ban", "negated", {"imposer": ("german-government",), "target": ("huawei",)})],
    ),
    (
        "en",
        "Germany has not banned Huawei.",
        [("Ban", "negated", {"imposer": ("germany",), "target": ("huawei",)})],
    ),
    (
        "nl",
        "Volgens Bloomberg zouden Intel en Qualcomm hun leveringen aan Huawei stopzetten.",
        [("Ban", "speculative", {"imposer": ("intel", "qualcomm"), "target": ("huawei",)})],
    ),
    (
        "en",
        "Canada will ban Huawei from its 5G networks.",
        [("Ban", "planned", {"imposer": ("canada",), "target": ("huawei",)})],
    ),
    (
        "en",
        "KPN refused to sign a deal with Huawei.",
        [("Deal", "negated", {"party": ("huawei", "kpn")})],
    ),
    (
        "nl",
        "Het kabinet heeft nog geen besluit genomen over een eventuele uitsluiting van Huawei.",
        [],
    ),
    # visits, trials, allegations, appeals
    (
        "en",
        "Chinese President Xi Jinping began a state visit to France.",
        [("StateVisit", "asserted", {"visitor": ("xi-jinping",), "host": ("france",)})],
    ),
    (
        "nl",
        "KPN en Ericsson gaan samen 5G testen.",
        [("Trial", "planned", {"participant": ("ericsson", "kpn")})],
    ),
    (
        "en",
        "The United States accused Huawei of espionage.",
        [("Allegation", "asserted", {"accuser": ("united-states",), "accused": ("huawei",)})],
    ),
    (
        "nl",
        "De Verenigde Staten beschuldigen Huawei van spionage door de Chinese overheid.",
        [
            (
                "Allegation",
                "asserted",
                {
                    "accuser": ("united-states",),
                    "accused": ("huawei",),
                    "associate": ("chinese-government",),
                },
            )
        ],
    ),
    (
        "en",
        "China urged Australia to reverse the decision.",
        [("Appeal", "asserted", {"appellant": ("china",), "addressee": ("australia",)})],
    ),
    (
        "nl",
        "Huawei roept de Britse regering op het besluit te heroverwegen.",
        [("Appeal", "asserted", {"appellant": ("huawei",), "addressee": ("british-government",)})],
    ),
    ("en", "Operators warned that costs would rise.", []),  # a warning to nobody is no appeal
    ("en", "South Korea and Taiwan bought dollars.", []),  # one side of a sale is no deal
    ("en", "BT has launched a promotion for its customers.", []),  # no technology: no trial
    (
        "en",
        "EE launched the first 5G network in Britain.",
        [("Trial", "asserted", {"participant": ("ee",)})],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), EVENTS)
def test_events_per_language(
    lang: str, text: str, expected: list[tuple[str, str, dict[str, tuple[str, ...]]]]
) -> None:
    assert _facts(text, lang) == expected


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_event_in_several_sentences_is_one_fact(lang: str) -> None:
    text = {
        "nl": "Huawei sloot een deal met MTS. De overeenkomst werd woensdag ondertekend.",
        "en": "Huawei struck a deal with MTS. The agreement was signed on Wednesday.",
    }[lang]
    sheet = extract_sheet(_article(text, lang))
    deal = _only(sheet, "Deal")
    assert len(deal.evidence) == 2 and deal.dates[0].value == "2019-05-15"
    assert [e.rule.split(":")[0] for e in deal.evidence] == ["trigger", "anaphor"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_lifted_ban_is_one_ban_with_a_lifted_date(lang: str) -> None:
    text = {
        "nl": "De VS legden ZTE in april een exportverbod op. Vrijdag werd het verbod opgeheven.",
        "en": "The United States imposed a ban on ZTE in April. The ban was lifted on Friday.",
    }[lang]
    ban = _only(extract_sheet(_article(text, lang, "2018-07-14")), "Ban")
    assert {d.role: d.value for d in ban.dates} == {"imposed": "2018-04", "lifted": "2018-07-13"}


def test_without_a_publication_date_relative_dates_are_left_out() -> None:
    art = replace(_article("Huawei sloot woensdag een deal met MTS.", "nl"), published=None)
    deal = _only(extract_sheet(art), "Deal")
    assert deal.dates == ()


def test_an_event_reported_by_two_articles_is_one_node() -> None:
    a = _article("De VS zetten Huawei vorige week op een zwarte lijst.", "nl")
    b = replace(_article("The United States blacklisted Huawei.", "en"), id="other")
    sa, sb = extract_sheet(a), extract_sheet(b)
    ia = fact_iris(sa)[_only(sa, "Ban").id]
    ib = fact_iris(sb)[_only(sb, "Ban").id]
    assert ia == ib
    c = replace(_article("Huawei was put on an American blacklist in 2020.", "en"), id="c")
    sc = extract_sheet(c)
    assert fact_iris(sc)[_only(sc, "Ban").id] != ia  # another year: another event


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared corpus is not here")
@pytest.mark.parametrize("corpus", ["nl-news", "bbc/politics"])
def test_real_articles_give_valid_sheets(corpus: str) -> None:
    """Text nobody here wrote: every sheet parses back and its RDF conforms to the shapes."""
    articles = [a for a in read_articles([SHARED / corpus]) if isinstance(a, Article)][:80]
    assert articles
    facts = 0
    for article in articles:
        sheet = extract_sheet(article)
        again = parse_sheet(sheet.dumps(), f"{article.id}.yaml")
        assert again.facts == sheet.facts
        facts += len(sheet.facts)
        report = validate_graph(graph_of(sheet_quads(sheet)))
        assert report.conforms, (article.source, report.text())
    assert facts > 0
