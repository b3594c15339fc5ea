"""`dealgraph serve`'s pages in a real headless Chromium, against a real server process: a named
query run from the query page shows its table and draws its graph; entity and article pages
render, the article's evidence spans are highlighted and lead to their facts; markup from an
article stays text; no page asks anything of another host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dealgraph.pipeline import load_sheets
from dealgraph.seed import seed_sheet
from dealgraph.store import open_store

from .browser import chromium, console_errors, requested_urls, wait_for
from .serving import XSS, DealgraphServer, dealgraph_server, markup_sheet

pytestmark = [pytest.mark.browser, pytest.mark.server]

DRAWN = "return window.dealgraph && window.dealgraph.stabilized"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DealgraphServer]:
    store = tmp_path_factory.mktemp("browser-serve") / "store"
    with open_store(store) as s:
        load_sheets(s, [seed_sheet(), markup_sheet()])
    with dealgraph_server(store) as running:
        yield running


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with chromium() as d:
        yield d


def _by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def drawn_in_frame(driver: Any, frame_id: str) -> list[str]:
    """Switch into the graph frame, wait until the view has drawn, return its node labels."""
    frame = driver.find_element(_by("CSS_SELECTOR"), f"#{frame_id} iframe, iframe#{frame_id}")
    driver.execute_script("arguments[0].scrollIntoView()", frame)
    driver.switch_to.frame(frame)
    try:
        wait_for(driver, DRAWN)
        labels: list[str] = driver.execute_script(
            "return window.dealgraph.nodes.get().map(function (n) { return n.label; })"
        )
        drawn = driver.execute_script("return window.dealgraph.network.body.nodeIndices.length")
        assert drawn == len(labels)
        return labels
    finally:
        driver.switch_to.default_content()


def only_this_server(driver: Any, server: DealgraphServer) -> None:
    urls = requested_urls(driver)
    assert urls
    other = [
        u
        for u in urls
        if u.split(":", 1)[0] in ("http", "https", "ws", "wss")
        and not u.startswith(server.url + "/")
    ]
    assert other == []


def test_a_named_query_from_the_query_page(
    server: DealgraphServer, driver: Any, artifacts: Path
) -> None:
    driver.get(server.url + "/")
    driver.find_element(_by("CSS_SELECTOR"), "#named-deals-of summary").click()
    form = driver.find_element(_by("CSS_SELECTOR"), "#named-deals-of form")
    form.find_element(_by("NAME"), "org").send_keys("Huawei")
    form.find_element(_by("TAG_NAME"), "button").click()
    wait_for(driver, "return document.querySelector('#result-table') !== null")
    assert driver.execute_script("return document.querySelector('#count').textContent") == "1 row"
    cells = driver.execute_script(
        "return Array.from(document.querySelectorAll('#result-table tbody td')).map(function (c) { return c.textContent.trim(); })"
    )
    assert "MTS" in cells and "2019-06-05 xsd:date" in cells
    assert driver.execute_script("return document.querySelector('#query').value").startswith(
        "# deals-of:"
    )
    labels = drawn_in_frame(driver, "graph-frame")
    assert {"Huawei", "MTS", "Deal: Huawei – MTS (2019-06-05)"} <= set(labels)
    driver.save_screenshot(str(artifacts / "serve-query-page.png"))
    assert console_errors(driver) == []
    only_this_server(driver, server)


def test_the_editor_numbers_its_lines_and_runs_on_ctrl_enter(
    server: DealgraphServer, driver: Any
) -> None:
    from selenium.webdriver.common.keys import Keys

    driver.get(server.url + "/")
    area = driver.find_element(_by("ID"), "query")
    area.clear()
    area.send_keys("SELECT ?b WHERE {", Keys.ENTER, "  ?a dg:bans ?b", Keys.ENTER, "}")
    assert (
        driver.execute_script("return document.querySelector('#gutter').textContent") == "1\n2\n3"
    )
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    wait_for(driver, "return document.querySelector('#result-table') !== null")
    cells = driver.execute_script(
        "return Array.from(document.querySelectorAll('#result-table tbody td a')).map(function (a) { return a.textContent; })"
    )
    assert cells == ["dgid:entity/huawei"]
    assert console_errors(driver) == []


def test_the_entity_page_and_its_graph(
    server: DealgraphServer, driver: Any, artifacts: Path
) -> None:
    driver.get(server.url + "/id/entity/huawei")
    assert driver.find_element(_by("TAG_NAME"), "h1").text == "Huawei"
    relations = driver.find_elements(_by("CSS_SELECTOR"), "#relations tbody tr")
    assert len(relations) == 4
    facts = driver.find_elements(_by("CSS_SELECTOR"), "#facts tbody tr")
    assert len(facts) >= 4
    labels = drawn_in_frame(driver, "graph")
    assert {"Huawei", "MTS", "United States"} <= set(labels)
    driver.save_screenshot(str(artifacts / "serve-entity-page.png"))
    assert console_errors(driver) == []
    only_this_server(driver, server)


def test_the_article_page_highlights_each_span_and_links_it_to_its_fact(
    server: DealgraphServer, driver: Any, artifacts: Path
) -> None:
    driver.get(server.url + "/id/article/957069b94ee8dd14")
    seed = seed_sheet()
    spans = {f"ev-{e.start}-{e.end}" for f in seed.facts for e in f.evidence}
    anchors = set(
        driver.execute_script(
            "return Array.from(document.querySelectorAll('#text [id^=ev-]')).map(function (a) { return a.id; })"
        )
    )
    assert anchors == spans
    text = driver.execute_script("return document.querySelector('#text').textContent")
    assert text == seed.article.text
    marked = driver.execute_script(
        "var a = document.getElementById('ev-212-291');"
        "var s = getComputedStyle(a); return [a.textContent, s.backgroundColor];"
    )
    assert marked[0] == seed.article.text[212:291]
    assert marked[1] not in ("rgba(0, 0, 0, 0)", "transparent")
    driver.save_screenshot(str(artifacts / "serve-article-page.png"))
    driver.find_element(_by("ID"), "ev-212-291").click()
    wait_for(driver, "return location.pathname.indexOf('/id/deal/') === 0")
    assert driver.find_element(_by("TAG_NAME"), "h1").text == "Deal: Huawei – MTS (2019-06-05)"
    assert console_errors(driver) == []


@pytest.mark.parametrize("path", ["/id/entity/xss", "/id/article/markup-test"])
def test_markup_from_an_article_stays_text(server: DealgraphServer, driver: Any, path: str) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    driver.get(server.url + path)
    if path.startswith("/id/entity"):
        assert driver.find_element(_by("TAG_NAME"), "h1").text == XSS
        labels = drawn_in_frame(driver, "graph")
        assert XSS in labels
    else:
        body = driver.execute_script("return document.querySelector('#text').textContent")
        assert XSS in body and "</script><script>alert(2)</script>" in body
        assert driver.execute_script("return document.querySelectorAll('#text a.ev').length") == 1
    assert (
        driver.execute_script(
            "return document.querySelectorAll('main img, main script, main b').length"
        )
        == 0
    )
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - raises when no alert ran
    assert console_errors(driver) == []
