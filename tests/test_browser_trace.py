"""Answer views in a real headless Chromium: a trace drawn as a page, and a view inline in a
notebook cell (the iframe srcdoc Jupyter shows) that draws and runs nothing from the data."""

from __future__ import annotations

from pathlib import Path

import pytest

import dealgraph
from dealgraph.facts import FactSheet
from dealgraph.pipeline import load_sheets

from .browser import chromium, console_errors, requested_urls, wait_for
from .test_view import XSS, xss_sheet

pytestmark = pytest.mark.browser

READY = "return window.dealgraph && window.dealgraph.stabilized"
DRAWN = (
    "var n = window.dealgraph.network.body; return [n.nodeIndices.length, n.edgeIndices.length];"
)


def test_a_trace_answer_draws_offline(tmp_path: Path, seed: FactSheet, artifacts: Path) -> None:
    (tmp_path / "store").mkdir()
    with dealgraph.open(tmp_path / "store", read_only=False) as dg:
        load_sheets(dg.store, [seed])
        report = dg.view(dg.trace("MTS", "Xi Jinping")).save(tmp_path / "trace.html")
    with chromium() as driver:
        driver.get(report.path.as_uri())
        wait_for(driver, READY)
        assert driver.execute_script(DRAWN) == [report.nodes, report.edges]
        assert (
            driver.execute_script("return document.title") == "MTS → Xi Jinping: 3 shortest paths"
        )
        driver.save_screenshot(str(artifacts / "trace-view.png"))
        assert console_errors(driver) == []
        remote = [u for u in requested_urls(driver) if u.split(":", 1)[0] in ("http", "https")]
        assert remote == []


def test_the_notebook_iframe_draws_and_runs_no_markup(tmp_path: Path, seed: FactSheet) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    (tmp_path / "store").mkdir()
    with dealgraph.open(tmp_path / "store", read_only=False) as dg:
        load_sheets(dg.store, [xss_sheet(seed)])
        view = dg.view(dg.neighbors("Huawei"))
    host = tmp_path / "notebook.html"
    host.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{view._repr_html_()}</body></html>",
        encoding="utf-8",
    )
    with chromium() as driver:
        driver.get(host.as_uri())
        driver.switch_to.frame(driver.find_element("tag name", "iframe"))
        wait_for(driver, READY)
        assert driver.execute_script(DRAWN) == [view.nodes, view.edges]
        names = driver.execute_script(
            "return window.dealgraph.nodes.get().map(function (x) { return x.label; });"
        )
        assert XSS in names
        assert driver.execute_script("return document.querySelectorAll('img').length") == 0
        driver.switch_to.default_content()
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018 - raises when no alert ran
        assert console_errors(driver) == []
