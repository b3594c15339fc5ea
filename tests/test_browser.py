"""The seed view in a real headless Chromium: it draws, it is offline, markup stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealgraph.facts import FactSheet
from dealgraph.graph import project
from dealgraph.pipeline import load_sheets
from dealgraph.store import EmbeddedStore
from dealgraph.view import overview, write_view

from .browser import chromium, console_errors, requested_urls, wait_for
from .test_view import XSS, xss_sheet

pytestmark = pytest.mark.browser


def test_seed_view_draws_offline_without_errors(
    seeded: EmbeddedStore, tmp_path: Path, artifacts: Path
) -> None:
    report = write_view(
        overview(project(seeded, include_facts=True)), tmp_path / "seed.html", title="seed"
    )
    with chromium() as driver:
        driver.get(report.path.as_uri())
        wait_for(driver, "return window.dealgraph && window.dealgraph.stabilized")
        drawn = driver.execute_script(
            "var n = window.dealgraph.network.body; return [n.nodeIndices.length, n.edgeIndices.length];"
        )
        assert drawn == [report.nodes, report.edges]
        legend = driver.execute_script("return document.querySelectorAll('#legend li').length")
        assert legend >= 8
        driver.save_screenshot(str(artifacts / "seed-view.png"))
        assert console_errors(driver) == []
        urls = requested_urls(driver)
        assert report.path.as_uri() in urls
        assert [
            u for u in urls if u.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp")
        ] == []


def test_markup_in_a_label_runs_nothing(
    store: EmbeddedStore, seed: FactSheet, tmp_path: Path
) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    load_sheets(store, [xss_sheet(seed)])
    report = write_view(project(store), tmp_path / "xss.html")
    with chromium() as driver:
        driver.get(report.path.as_uri())
        wait_for(driver, "return window.dealgraph && window.dealgraph.stabilized")
        node = driver.execute_script(
            "var name = arguments[0];"
            "return window.dealgraph.nodes.get().filter(function (x) { return x.label === name; })[0].id;",
            XSS,
        )
        driver.execute_script(
            "window.dealgraph.network.body.emitter.emit('click', {nodes: [arguments[0]], edges: []});",
            node,
        )
        heading = driver.execute_script("return document.querySelector('#details h2').textContent")
        assert heading == XSS
        assert (
            driver.execute_script(
                "return document.querySelectorAll('#details img, aside img').length"
            )
            == 0
        )
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018 - raises when no alert ran
        assert console_errors(driver) == []
