"""Fixtures for the web app: one store built from the demo corpus for the whole
session, the app over it, a live server on loopback and the system's Chromium.

Browser tests never download a browser: they drive the Chromium named by
``FOGWATCH_CHROMIUM`` (default ``/usr/bin/chromium``, Debian's package) and skip
when it is absent. Each browser test leaves a full-page screenshot under
``FOGWATCH_ARTIFACTS`` (default ``test-artifacts/screenshots``).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from fogwatch.findings import Document, document_id
from fogwatch.store import Store

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_TEXT = (
    'Officials in <img src=x onerror="alert(2)"> Kharkiv said on Monday that three drones '
    "struck a depot. The army denied it. <b>bold</b> & </article> stays text."
)
HOSTILE_OUTLET = "<i>Evil Gazette</i>"
TOKEN = "test-token-5f1c"

CHROMIUM = os.environ.get("FOGWATCH_CHROMIUM", "/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("FOGWATCH_ARTIFACTS", REPO / "test-artifacts" / "screenshots"))


@pytest.fixture(scope="session")
def pipeline() -> Any:
    from fogwatch.analyze.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Iterator[Store]:
    """The demo corpus, analysed and reconciled, plus one article written to attack."""
    from fogwatch.jobs import demo_corpus_path, run_batch

    store = Store.open(str(tmp_path_factory.mktemp("serve") / "demo.sqlite"))
    summary = run_batch([str(demo_corpus_path())], store, pipeline=pipeline)
    assert summary.analyzed >= 10, summary.failed
    hostile = Document(
        id=document_id(HOSTILE_TEXT), text=HOSTILE_TEXT, title=HOSTILE_TITLE,
        outlet=HOSTILE_OUTLET, published="2025-11-20", date_source="given",
    )
    store.add_document(hostile)
    store.save_analysis(pipeline.analyze(hostile))
    yield store
    store.close()


@pytest.fixture(scope="session")
def hostile_id() -> str:
    return document_id(HOSTILE_TEXT)


@pytest.fixture(scope="session")
def app(demo_store: Store, pipeline: Any) -> Any:
    from fogwatch.serve.app import create_app

    return create_app(demo_store, tiles="", pipeline=pipeline)


@pytest.fixture(scope="session")
def client(app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server_url(app: Any) -> Iterator[str]:
    """The app served by uvicorn on loopback, in a thread, for the session."""

    with served(app) as url:
        yield url


@contextmanager
def served(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port, in a thread, while the
    block runs; the base URL is yielded."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def new_tab(browser: Any, base_url: str, width: int, height: int) -> tuple[Any, Any]:
    """A fresh browser context and page at this size; the page's ``problems`` list
    collects script errors and console errors."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  base_url=base_url)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on(
        "console",
        lambda msg: problems.append(f"console {msg.type}: {msg.text}")
        if msg.type == "error" else None,
    )
    pg.problems = problems
    pg.width = width
    return context, pg


def sign_in(pg: Any, token: str = TOKEN, author: str = "Ann <i>Analyst</i>") -> None:
    """Answer the credentials form the first write asks for (the author's name
    holds markup, which the page must show as text)."""
    form = pg.locator("form#credentials")
    form.wait_for()
    form.locator("input[name=token]").fill(token)
    form.locator("input[name=author]").fill(author)
    form.locator("input[name=author]").press("Enter")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"no Chromium at {CHROMIUM} (apt-get install chromium, or set FOGWATCH_CHROMIUM)"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page; JavaScript errors and CSP violations fail the test, and a
    full-page screenshot is kept whatever the outcome."""
    context, pg = new_tab(browser, server_url, 1400, 900)
    yield pg
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    try:
        pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
