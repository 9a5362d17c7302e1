"""The page in a real headless Chromium (Debian's, driven by Playwright): run a query,
search a name without its accents, open a person's page, check what it shows (posts with
their sentences, the drawing of the graph), follow a sentence to its article, and save
a screenshot (GOVKG_SCREENSHOT=docs/screenshot.png keeps it for the README)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GOVKG_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/env.sh installs Debian's chromium for the tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, govkg_server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=govkg_server.url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    yield page
    context.close()
    assert not errors, errors  # no script error, nothing fetched from elsewhere failed


def test_run_a_query_in_the_box(page):
    page.goto("/")
    page.select_option("#question", "person_posts.rq")
    page.wait_for_function("document.getElementById('query').value.includes('Question: what posts')")
    page.click("#run")
    page.wait_for_selector("#results-table tbody tr")
    headers = page.locator("#results-table th").all_inner_texts()
    assert headers[:2] == ["person", "title"]
    titles = page.locator("#results-table tbody td:nth-child(2)").all_inner_texts()
    assert "Trưởng Ban Tổ chức Trung ương" in titles
    assert page.inner_text("#status").startswith(f"{len(titles)} result")


def test_search_then_a_persons_page_with_its_graph_and_sentences(page, tmp_path):
    page.goto("/")
    page.fill("header input[name=q]", "le minh hung")  # no accents
    page.press("header input[name=q]", "Enter")
    page.click("ul.found a:text-is('Lê Minh Hưng')")
    page.wait_for_selector("#entity-name")
    assert page.inner_text("#entity-name") == "Lê Minh Hưng"
    posts = page.locator("section.facts:has(h2:text-is('Posts')) tbody tr")
    assert "Trưởng Ban Tổ chức Trung ương" in posts.all_inner_texts()[0] + " ".join(posts.all_inner_texts())
    assert page.locator("section.facts h2").all_inner_texts()[:2] == ["Posts", "Events attended"]

    # The drawing: nodes for the person, posts, bodies and the meeting, drawn on a canvas.
    page.wait_for_function("window.govkgGraph && window.govkgGraph.nodes().length > 3")
    kinds = page.evaluate("[...new Set(window.govkgGraph.nodes().map(n => n.data('kind')))].sort()")
    assert kinds == ["body", "event", "person", "post"]
    assert page.locator("#graph canvas").count() > 0
    shot = tmp_path / "screenshot.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 20_000
    if os.environ.get("GOVKG_SCREENSHOT"):
        shutil.copy(shot, os.environ["GOVKG_SCREENSHOT"])

    # A post's sentence links to that sentence in its article.
    posts.first.locator("td:last-child a").click()
    page.wait_for_selector(".sentence:target")
    assert page.url.split("#")[0].endswith("/article/000_5a1185e3b72b7e7f")
    assert "Lê Minh Hưng" in page.inner_text(".sentence:target")


def test_clicking_a_node_opens_its_page(page):
    page.goto("/person/le-minh-hung-ad0eaa87")
    page.wait_for_function("window.govkgGraph && window.govkgGraph.nodes().length > 3")
    # Click with the mouse where the drawing shows the meeting.
    x, y = page.evaluate("Object.values(window.govkgGraph.nodes('[kind = \"event\"]').first().renderedPosition())")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url("**/event/**")
    page.wait_for_selector("section.facts h2")
    assert {"Chair", "Participants"} <= set(page.locator("section.facts h2").all_inner_texts())
    assert "Tô Lâm" in page.inner_text("section.facts:has(h2:text-is('Chair'))")
