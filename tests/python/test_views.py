"""The views (docs/views.md): `--dot` read back by Graphviz for every golden program, and the
`--html` pages in a real headless Chromium (Selenium + chromedriver): the page loads with no
console error and no network request, every check is there with its verdict, selecting a removed
check (by click and by keyboard) shows the facts that justify it; `verify --html` writes a page
per file and a sortable index. The seed example's page is saved as a screenshot in
build/test-artifacts/.

Needs Graphviz's `dot` for the DOT tests and Debian's `chromium` + `chromium-driver` plus
`pip install selenium` for the browser tests (.ci/run installs them); each skips with a message
without them."""
import json
import os
import pathlib
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

SEED = ROOT / "examples" / "constrain_as_size_example.txt"
GOLDEN_INPUTS = sorted(p for p in (ROOT / "tests" / "golden").glob("*/input.*"))
ARTIFACTS = ROOT / "build" / "test-artifacts"


def run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=300, **kw)


def analyze(symrange, program, tmp_path, *flags, cwd=None):
    report = tmp_path / "report.json"
    r = run([symrange, "analyze", program, "--report", report, *flags, "-o", tmp_path / "out.txt"], cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(report.read_text())


def module_count(text: str) -> int:
    """Graphs of a printed program: the root plus one per sub-module class."""
    return max(1, len(re.findall(r"^\s*class [^\s(]+\(torch\.nn\.Module\)", text, re.M)))


# ---------------------------------------------------------------- DOT, read back by Graphviz

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz's `dot` is not installed (apt-get install graphviz)")


@needs_dot
@pytest.mark.parametrize("program", GOLDEN_INPUTS, ids=lambda p: p.parent.name)
def test_dot_of_every_golden_program_renders_with_its_nodes_and_clusters(symrange, program, tmp_path):
    dot = tmp_path / "g.dot"
    report = analyze(symrange, program, tmp_path, "--dot", dot)
    svg = run(["dot", "-Tsvg", dot])
    assert svg.returncode == 0, svg.stderr
    assert svg.stderr == "", svg.stderr  # no Graphviz warning either
    nodes = len(re.findall(r'<g id="node\d+" class="node">', svg.stdout))
    clusters = len(re.findall(r'<g id="clust\d+" class="cluster">', svg.stdout))
    assert nodes == report["summary"]["nodes_in"]
    if program.suffix == ".txt":
        assert clusters == module_count(program.read_text())
    # every check is drawn with its verdict
    for c in report["checks"]:
        assert re.search(re.escape(c["node"]) + r"\\n.*\\n" + c["verdict"], dot.read_text()), c["node"]


@needs_dot
def test_dot_focus_keeps_the_check_its_inputs_and_its_facts(symrange, tmp_path):
    full, focus = tmp_path / "full.dot", tmp_path / "focus.dot"
    report = analyze(symrange, SEED, tmp_path, "--dot", full)
    analyze(symrange, SEED, tmp_path, "--dot", focus, "--dot-focus", "_assert_async_2")
    text = focus.read_text()
    check = next(c for c in report["checks"] if c["node"] == "_assert_async_2")
    assert check["verdict"] == "redundant" and check["because"]
    for name in ["_assert_async_2", *check["because"]]:
        assert f'label="{name}\\n' in text, name
    assert text.count("label=") < full.read_text().count("label=")
    assert run(["dot", "-Tsvg", focus]).returncode == 0


def test_dot_focus_on_a_missing_node_is_an_error(symrange, tmp_path):
    r = run([symrange, "analyze", SEED, "--dot", tmp_path / "g.dot", "--dot-focus", "nope"])
    assert r.returncode == 2
    assert "no node named 'nope'" in r.stderr


# ---------------------------------------------------------------- HTML, in headless Chromium

def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def _browser_missing():
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    if _chromium() is None:
        return "Chromium is not installed (apt-get install chromium chromium-driver)"
    if shutil.which("chromedriver") is None:
        return "chromedriver is not installed (apt-get install chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = _browser_missing()
    if missing:
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _chromium()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    yield driver
    driver.quit()


def open_page(driver, page: pathlib.Path):
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(page.resolve().as_uri())


def assert_clean_load(driver, page: pathlib.Path):
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == [], errors
    requests = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])
    assert all(u == page.resolve().as_uri() for u in requests), requests


def test_seed_page_loads_clean_and_shows_every_verdict_and_why(symrange, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = tmp_path / "seed.html"
    report = analyze(symrange, SEED.relative_to(ROOT), tmp_path, "--html", page, cwd=ROOT)
    open_page(browser, page)
    assert_clean_load(browser, page)

    buttons = browser.find_elements(By.CSS_SELECTOR, "button.mark[data-check]")
    labels = [b.get_attribute("aria-label") for b in buttons]
    assert len(buttons) == len(report["checks"])
    for c in report["checks"]:
        word = c["verdict"] + (", removed" if c["removed"] else "")
        assert f'{c["node"]}: {word}' in labels, (c["node"], labels)

    removed = next(c for c in report["checks"] if c["removed"])
    button = next(b for b in buttons if b.get_attribute("aria-label").startswith(removed["node"] + ":"))
    button.click()
    details = browser.find_element(By.ID, "details")
    facts = details.find_elements(By.CSS_SELECTOR, "ul.facts li")
    assert [f.text.split(" (line")[0] for f in facts] == removed["because"]
    for fact, li in zip(removed["because"], facts):
        line = next(c["line"] for c in report["checks"] if c["node"] == fact)
        assert li.text == f"{fact} (line {line})"
        assert li.find_element(By.TAG_NAME, "a").get_attribute("href").endswith(f"#L{line}")
    assert button.get_attribute("aria-pressed") == "true"

    # the keyboard alone: Tab reaches a check, Enter selects it
    required = next(c for c in report["checks"] if c["verdict"] == "required")
    target = next(b for b in buttons if b.get_attribute("aria-label").startswith(required["node"] + ":"))
    browser.execute_script("arguments[0].focus()", target)
    assert browser.switch_to.active_element == target
    target.send_keys(Keys.ENTER)
    witness = details.find_elements(By.CSS_SELECTOR, "ul.witness li")
    assert [w.text for w in witness] == [f"{k} = {v}" for k, v in required["witness"].items()]

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    button.click()
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(ARTIFACTS / "seed_example_page.png"))
    assert_clean_load(browser, page)


def test_verify_html_index_has_a_row_per_file_sorts_and_links(symrange, browser, tmp_path):
    from selenium.webdriver.common.by import By

    corpus = ROOT / "tests" / "fixtures" / "samples"
    out = tmp_path / "html"
    report_path = tmp_path / "report.json"
    r = run([symrange, "verify", corpus, "--html", out, "--report", report_path, "--jobs", "2"])
    assert r.returncode in (0, 1), r.stderr
    report = json.loads(report_path.read_text())
    index = out / "index.html"
    open_page(browser, index)
    assert_clean_load(browser, index)
    rows = browser.find_elements(By.CSS_SELECTOR, "#files tbody tr")
    assert len(rows) == len(report["files"]) == report["summary"]["files"]
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.chart g")
    assert [b.text.split()[-1] for b in bars] == [str(report["summary"][v]) for v in
                                                  ("redundant", "required", "fails", "unknown", "unreachable")]

    # sort by the number of checks, both ways
    header = browser.find_element(By.CSS_SELECTOR, 'th button[data-col="2"]')
    header.click()
    counts = [int(r.find_elements(By.TAG_NAME, "td")[2].text) for r in
              browser.find_elements(By.CSS_SELECTOR, "#files tbody tr")]
    assert counts == sorted(counts)
    header.click()
    counts = [int(r.find_elements(By.TAG_NAME, "td")[2].text) for r in
              browser.find_elements(By.CSS_SELECTOR, "#files tbody tr")]
    assert counts == sorted(counts, reverse=True)

    # every linked page exists, loads clean and has one marker per check of its file
    by_file = {f["file"]: f for f in report["files"]}
    links = [(a.text, a.get_attribute("href")) for a in browser.find_elements(By.CSS_SELECTOR, "#files a")]
    assert len(links) == len(report["files"])
    for name, href in links[:5]:
        page = pathlib.Path(href.removeprefix("file://"))
        assert page.exists()
        open_page(browser, page)
        assert_clean_load(browser, page)
        marks = browser.find_elements(By.CSS_SELECTOR, "button.mark[data-check]")
        assert len(marks) == len(by_file[name]["checks"])


def test_html_escapes_what_the_program_says(symrange, tmp_path):
    """A program text holding markup is shown as text, never run (no browser needed)."""
    text = SEED.read_text().replace("def forward", "# <script>alert(1)</script>\n        def forward", 1)
    program = tmp_path / "markup.txt"
    program.write_text(text)
    page = tmp_path / "markup.html"
    analyze(symrange, program, tmp_path, "--html", page)
    html = page.read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
