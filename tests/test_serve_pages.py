"""The linked-data pages built directly from a projection (no server): what an entity page
lists and how it caps long lists."""

from __future__ import annotations

import re

import pytest

from dealgraph.graph import project
from dealgraph.namespaces import entity_iri
from dealgraph.serve import pages
from dealgraph.store import EmbeddedStore

HUAWEI = entity_iri("huawei")


def test_an_entity_page_caps_its_lists_and_links_to_the_rest(
    seeded: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    g = project(seeded, include_facts=True)
    st = pages.statements(seeded, HUAWEI)
    full = pages.entity_page(g, HUAWEI, st, "/kg")
    assert "<h2>Relations (4)</h2>" in full and "The first" not in full
    monkeypatch.setattr(pages, "LISTED", 2)
    page = pages.entity_page(g, HUAWEI, st, "/kg")
    assert "<h2>Relations (4)</h2>" in page
    rows = re.search(r'<section id="relations">(.*?)</section>', page, re.S).group(1)  # type: ignore[union-attr]
    assert rows.count("<tr>") == 3  # the header and two relations
    assert (
        'href="/kg/?named=relations-of&amp;entity=https%3A%2F%2Fw3id.org%2Fdealgraph%2Fid%2Fentity%2Fhuawei"'
        in page
    )
    assert "The first 2 are listed, by date." in page


def test_statements_and_describe(seeded: EmbeddedStore) -> None:
    st = pages.statements(seeded, HUAWEI, incoming_limit=3)
    assert st.incoming_more and len(st.incoming) == 3
    assert "https://w3id.org/dealgraph/ontology#Company" in st.types()
    triples = pages.describe(seeded, HUAWEI, cap=1000)
    assert any(t.object.value == HUAWEI for t in triples)  # pointing to it
    assert any(t.subject.value == HUAWEI for t in triples)  # about it


def test_an_article_links_its_source_only_over_http(store: EmbeddedStore) -> None:
    from dataclasses import replace

    from dealgraph.namespaces import article_iri
    from dealgraph.pipeline import load_sheets
    from dealgraph.seed import seed_sheet

    seed = seed_sheet()
    for url, shown in (
        ("https://example.org/a", 'href="https://example.org/a"'),
        ("javascript:alert(1)", None),
    ):
        sheet = replace(seed, article=replace(seed.article, url=url))
        load_sheets(store, [sheet])
        iri = article_iri(seed.article.id)
        page = pages.article_page(
            project(store, include_facts=True),
            iri,
            pages.statements(store, iri),
            pages.article_spans(store, iri),
            "",
        )
        if shown:
            assert shown in page
        else:
            assert "javascript:alert(1)</span>" in page and 'href="javascript:' not in page
