"""The view's page in a real headless Chromium: search, the date filter, the legend's filters,
the side panel with evidence and source links, the layout button, the cut notice, and markup
in a name that stays text everywhere (search results, panel) and runs nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import dealgraph
from dealgraph.facts import FactSheet
from dealgraph.graph import project
from dealgraph.pipeline import load_sheets
from dealgraph.store import EmbeddedStore
from dealgraph.view import overview, render_view, write_view

from .browser import chromium, console_errors, requested_urls, wait_for
from .test_view import XSS, star_graph, with_url, xss_sheet

pytestmark = pytest.mark.browser

READY = "return window.dealgraph && window.dealgraph.stabilized"
DRAWN = (
    "var b = window.dealgraph.network.body; return [b.nodeIndices.length, b.edgeIndices.length];"
)
# Every node and edge with its label, whether it is hidden and the days its fact may fall on
ITEMS = """
var dg = window.dealgraph, facts = dg.data.facts;
function days(x) { var f = x.w !== undefined ? x.w : x.f; return f === undefined ? 'none' : (facts[f].days || null); }
return {
  nodes: dg.nodes.get().map(function (n) { return {label: n.label, hidden: !!n.hidden, days: days(n), kind: dg.data.types[n.t].kind}; }),
  edges: dg.edges.get().map(function (e) { return {label: e.label, hidden: !!e.hidden, days: days(e), title: e.title}; })
};
"""


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with chromium() as d:
        yield d


def open_page(driver: Any, path: Path) -> None:
    driver.get(path.as_uri())
    wait_for(driver, READY)
    driver.get_log("browser")  # start each test with empty logs
    driver.get_log("performance")


def remote(urls: list[str]) -> list[str]:
    return [u for u in urls if u.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp")]


def type_into(driver: Any, element_id: str, text: str) -> None:
    box = driver.find_element("id", element_id)
    box.clear()
    box.send_keys(text)


def details(driver: Any) -> dict[str, Any]:
    return dict(
        driver.execute_script(
            "var d = document.getElementById('details');"
            "return {heading: d.querySelector('h2').textContent, text: d.textContent,"
            " quotes: Array.from(d.querySelectorAll('blockquote')).map(function (b) { return b.textContent; }),"
            " links: Array.from(d.querySelectorAll('a')).map(function (a) { return [a.textContent, a.getAttribute('href')]; })};"
        )
    )


@pytest.fixture
def seed_page(seeded: EmbeddedStore, tmp_path: Path) -> Any:
    return write_view(
        overview(project(seeded, include_facts=True)), tmp_path / "seed.html", title="seed"
    )


def test_the_seed_view_draws_offline_and_settles(
    driver: Any, seed_page: Any, artifacts: Path
) -> None:
    driver.get(seed_page.path.as_uri())
    wait_for(driver, READY)
    assert driver.execute_script(DRAWN) == [seed_page.nodes, seed_page.edges] == [14, 22]
    state = driver.execute_script(
        "var dg = window.dealgraph; return [dg.frozen, dg.network.physics.physicsEnabled,"
        " document.getElementById('physics').textContent, dg.shown.nodes, dg.shown.edges,"
        " document.querySelectorAll('#legend li input[type=checkbox]').length];"
    )
    assert state[:5] == [True, False, "Resume layout", 14, 22]  # froze itself once settled
    assert state[5] >= 20  # a checkbox per entity class, fact type, relation and role
    driver.find_element("id", "physics").click()
    assert driver.execute_script(
        "return [window.dealgraph.network.physics.physicsEnabled,"
        " document.getElementById('physics').getAttribute('aria-pressed')]"
    ) == [True, "false"]
    driver.find_element("id", "physics").click()
    driver.save_screenshot(str(artifacts / "seed-view-page.png"))
    assert console_errors(driver) == []
    assert remote(requested_urls(driver)) == []


def test_tooltips_are_plain_text_with_the_evidence(driver: Any, seed_page: Any) -> None:
    open_page(driver, seed_page.path)
    items = driver.execute_script(ITEMS)
    ban = next(e for e in items["edges"] if e["label"] == "bans")
    assert ban["title"].startswith("United States — bans → Huawei\n")
    assert "Date: before 2019-06-05 (day)" in ban["title"]
    assert "“Amerikaanse bedrijven mogen door deze ban" in ban["title"]
    assert (
        "Source: 5G-techniek Huawei krijgt voet aan de grond in Rusland — https://w3id.org/"
        in (ban["title"])
    )
    assert all(isinstance(e["title"], str) for e in items["edges"])


@pytest.mark.parametrize(
    ("typed", "found", "alias"),
    [
        ("MTS", "MTS", None),
        ("mt", "MTS", None),
        ("mobile", "MTS", "Mobile TeleSystems"),
        ("telesys", "MTS", "Mobile TeleSystems"),  # a word of a name, by prefix
        ("мтс", "MTS", "МТС"),
        ("vs", "United States", "VS"),
        ("q15031", "Xi Jinping", "Q15031"),
    ],
)
def test_search_finds_an_entity_by_any_name_and_jumps_to_it(
    driver: Any, seed_page: Any, typed: str, found: str, alias: str | None
) -> None:
    open_page(driver, seed_page.path)
    type_into(driver, "search", typed)
    results = driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results li')).map(function (li) {"
        " var a = li.querySelector('.alias'); return [li.querySelector('.name').textContent, a ? a.textContent : null]; });"
    )
    assert results[0] == [found, f"“{alias}”" if alias else None]
    driver.find_element("id", "search").send_keys("\ue007")  # Enter picks the first
    wait_for(driver, "return window.dealgraph.jumped !== undefined")
    jumped = driver.execute_script(
        "var dg = window.dealgraph; return [dg.nodes.get(dg.jumped).label,"
        " dg.network.getSelectedNodes().map(function (i) { return dg.nodes.get(i).label; }),"
        " document.getElementById('search-results').hidden]"
    )
    assert jumped == [found, [found], True]
    assert details(driver)["heading"] == found
    assert console_errors(driver) == []


def test_search_says_when_nothing_matches(driver: Any, seed_page: Any) -> None:
    open_page(driver, seed_page.path)
    type_into(driver, "search", "Nokia")
    text = driver.execute_script("return document.getElementById('search-results').textContent")
    assert text == "No entity called “Nokia” in this view"


def test_the_date_filter_hides_the_2019_events_when_set_to_2020(
    driver: Any, seed_page: Any, artifacts: Path
) -> None:
    open_page(driver, seed_page.path)
    type_into(driver, "date-from", "2020")
    items = driver.execute_script(ITEMS)
    dated = [x for x in items["nodes"] + items["edges"] if x["days"] not in (None, "none")]
    assert len(dated) >= 15 and all(x["hidden"] for x in dated), dated  # every event is of 2019
    undated = [x for x in items["nodes"] + items["edges"] if x["days"] is None]
    assert undated and not any(x["hidden"] for x in undated)  # undated facts: their checkbox
    entities = [n for n in items["nodes"] if n["kind"] == "entity"]
    assert len(entities) == 10 and not any(n["hidden"] for n in entities)
    hidden = {n["label"] for n in items["nodes"] if n["hidden"]}
    assert hidden == {
        "Deal: Huawei – MTS (2019-06-05)",
        "State visit: Xi Jinping – Russia (2019-06-05)",
        "Trial: Huawei – MTS (by 2019)",
    }
    status = driver.execute_script("return document.getElementById('status').textContent")
    assert status.startswith("Showing 11 of 14 nodes")
    driver.save_screenshot(str(artifacts / "seed-view-from-2020.png"))
    driver.find_element("id", "undated").click()  # and without the undated facts
    items = driver.execute_script(ITEMS)
    assert all(x["hidden"] for x in items["edges"] if x["days"] is None)
    assert [n["label"] for n in items["nodes"] if n["hidden"] and n["days"] is None] == [
        "Allegation: United States – Huawei – Government of China"
    ]


@pytest.mark.parametrize(
    ("since", "until", "shown", "hidden"),
    [
        # "before 2019-06-05" may fall on any day up to 4 June: in June, not from 5 June
        ("2019-06", "2019-06", {"bans", "contracts with", "signed during"}, set()),
        ("2019-06-05", "", {"contracts with", "signed during", "tests with"}, {"bans"}),
        # "by 2019" (the trial) may fall on any day up to the end of 2019
        ("2019-07", "2019-12", {"tests with"}, {"contracts with", "bans", "signed during"}),
        ("", "2019-06-04", {"bans", "tests with"}, {"contracts with", "signed during"}),
    ],
)
def test_bounded_dates_overlap_the_range(
    driver: Any, seed_page: Any, since: str, until: str, shown: set[str], hidden: set[str]
) -> None:
    open_page(driver, seed_page.path)
    type_into(driver, "date-from", since)
    type_into(driver, "date-to", until)
    edges = driver.execute_script(ITEMS)["edges"]
    assert shown <= {e["label"] for e in edges if not e["hidden"]}
    assert hidden <= {e["label"] for e in edges if e["hidden"]}
    assert driver.execute_script("return document.getElementById('date-error').textContent") == ""


def test_a_bad_date_is_said_and_changes_nothing(driver: Any, seed_page: Any) -> None:
    open_page(driver, seed_page.path)
    type_into(driver, "date-from", "2019-13")
    assert "Write a year, a month or a day" in driver.execute_script(
        "return document.getElementById('date-error').textContent"
    )
    assert driver.execute_script("return window.dealgraph.shown.edges") == 22


def test_the_sliders_move_the_range(driver: Any, seed_page: Any) -> None:
    open_page(driver, seed_page.path)
    driver.execute_script(
        "var s = document.getElementById('slider-from'); s.value = '6';"
        " s.dispatchEvent(new Event('input'));"
    )
    assert driver.execute_script("return document.getElementById('date-from').value") == "2019-07"
    edges = driver.execute_script(ITEMS)["edges"]
    assert {e["label"] for e in edges if e["hidden"]} >= {"contracts with", "bans"}


def test_legend_checkboxes_filter_by_type(driver: Any, seed_page: Any) -> None:
    open_page(driver, seed_page.path)
    driver.execute_script(
        "Array.from(document.querySelectorAll('#legend li label')).filter(function (l) {"
        " return l.querySelector('.name').textContent === 'state'; })[0].querySelector('input').click();"
    )
    items = driver.execute_script(ITEMS)
    hidden = {n["label"] for n in items["nodes"] if n["hidden"]}
    assert hidden == {"United States", "Russia", "China", "France"}
    assert {e["label"] for e in items["edges"] if e["hidden"]} >= {"bans", "visits"}
    driver.execute_script(
        "Array.from(document.querySelectorAll('#legend li label')).filter(function (l) {"
        " return l.querySelector('.name').textContent === 'contracts with'; })[0].querySelector('input').click();"
    )
    assert "contracts with" in {
        e["label"] for e in driver.execute_script(ITEMS)["edges"] if e["hidden"]
    }
    driver.find_element("id", "types-reset").click()
    assert driver.execute_script("return window.dealgraph.shown") == {"nodes": 14, "edges": 22}


def click_edge(driver: Any, label: str) -> None:
    driver.execute_script(
        "var dg = window.dealgraph, want = arguments[0];"
        "var e = dg.edges.get().filter(function (x) { return x.label === want; })[0];"
        "dg.network.body.emitter.emit('click', {nodes: [], edges: [e.id]});",
        label,
    )


def test_the_panel_cites_an_edge_with_quotes_and_source_links(
    driver: Any, store: EmbeddedStore, seed: FactSheet, tmp_path: Path
) -> None:
    url = "https://example.org/news/huawei-mts?id=1&lang=nl"
    load_sheets(store, [with_url(seed, url)])
    report = write_view(overview(project(store, include_facts=True)), tmp_path / "url.html")
    open_page(driver, report.path)
    click_edge(driver, "bans")
    panel = details(driver)
    assert panel["heading"] == "United States — bans → Huawei"
    assert (
        "before 2019-06-05 (day)" in panel["text"]
        and "Ban: United States – Huawei" in panel["text"]
    )
    assert any(q.startswith("Amerikaanse bedrijven mogen door deze ban") for q in panel["quotes"])
    title = "5G-techniek Huawei krijgt voet aan de grond in Rusland"
    assert [title, url] in panel["links"]
    assert "https://w3id.org/dealgraph/id/article/957069b94ee8dd14 [" in panel["text"]
    # a node's panel lists its facts with their dates and quotes
    driver.execute_script(
        "var dg = window.dealgraph, n = dg.nodes.get().filter(function (x) { return x.label === 'Huawei'; })[0];"
        "dg.network.body.emitter.emit('click', {nodes: [n.id], edges: []});"
    )
    panel = details(driver)
    assert panel["heading"] == "Huawei" and "Q160120" in [a[0] for a in panel["links"]]
    assert "Huawei Technologies" in panel["text"] and "before 2019-06-05 (day)" in panel["text"]
    assert "2019-06-05 (day)" in panel["text"] and "undated" in panel["text"]
    assert console_errors(driver) == []
    assert remote(requested_urls(driver)) == []  # links are there to click, nothing was fetched


def test_an_article_url_that_is_no_web_address_is_not_a_link(
    driver: Any, store: EmbeddedStore, seed: FactSheet, tmp_path: Path
) -> None:
    load_sheets(store, [with_url(seed, "javascript:alert(3)")])
    report = write_view(project(store), tmp_path / "js.html")
    open_page(driver, report.path)
    click_edge(driver, "bans")
    panel = details(driver)
    assert not [a for a in panel["links"] if not a[1].startswith("https://")]
    assert "5G-techniek Huawei krijgt voet aan de grond in Rusland" in panel["text"]


def test_markup_in_a_name_is_text_in_search_and_panel_and_runs_nothing(
    driver: Any, store: EmbeddedStore, seed: FactSheet, tmp_path: Path
) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    load_sheets(store, [xss_sheet(seed)])
    report = write_view(overview(project(store, include_facts=True)), tmp_path / "xss.html")
    open_page(driver, report.path)
    type_into(driver, "search", "<img")
    names = driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results .name')).map(function (x) { return x.textContent; });"
    )
    assert names[0] == XSS and all(XSS in n for n in names)  # facts named after it follow
    driver.find_element("id", "search").send_keys("\ue007")
    panel = details(driver)
    assert panel["heading"] == XSS
    assert "</script><script>alert(2)</script>" in panel["text"]  # its description, as text
    click_edge(driver, "contracts with")
    assert XSS in details(driver)["heading"]
    assert (
        driver.execute_script("return document.querySelectorAll('img, script:not([id])').length")
        == 2
    )
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - raises when no alert ran
    assert console_errors(driver) == []


def test_a_cut_view_says_what_it_left_out(driver: Any, tmp_path: Path) -> None:
    view = render_view(star_graph(40, extra=5), title="star", max_nodes=12)
    (tmp_path / "star.html").write_text(view.html, encoding="utf-8")
    open_page(driver, tmp_path / "star.html")
    assert driver.execute_script(DRAWN) == [12, 11]
    notices = driver.execute_script("return document.getElementById('notices').textContent")
    assert view.cut is not None and notices == view.cut.message()
    type_into(driver, "search", "S004")
    assert "34 nodes were left out of it" in driver.execute_script(
        "return document.getElementById('search-results').textContent"
    )


def test_a_trace_opens_with_its_ends_selected(driver: Any, tmp_path: Path, seed: FactSheet) -> None:
    (tmp_path / "store").mkdir()
    with dealgraph.open(tmp_path / "store", read_only=False) as dg:
        load_sheets(dg.store, [seed])
        report = dg.view(dg.trace("MTS", "US")).save(tmp_path / "trace.html")
    open_page(driver, report.path)
    selected = driver.execute_script(
        "var dg = window.dealgraph; return dg.network.getSelectedNodes().map(function (i) {"
        " return dg.nodes.get(i).label; });"
    )
    assert selected == ["MTS", "United States"] and details(driver)["heading"] == "MTS"
    assert driver.execute_script(DRAWN) == [report.nodes, report.edges]
