"""Writing corrections needs the token, checked before a byte of the body is read."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fogwatch.serve.app import create_app
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store

from .conftest import TOKEN
from .test_body_limit import JSON, asgi_post

BODY = json.dumps({"kind": "events", "document": "d", "idx": 0, "action": "reject",
                   "author": "Ann"}).encode()


@pytest.fixture
def small_app(tmp_path, monkeypatch) -> Any:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    store = Store.open(str(tmp_path / "corrections.sqlite"))
    yield create_app(store, tiles="")
    store.close()


@pytest.mark.parametrize("auth", [None, "Bearer wrong", f"Basic {TOKEN}"])
def test_a_correction_without_the_token_is_refused_unread(small_app, auth):
    headers = [JSON] + ([("authorization", auth)] if auth else [])
    sent = asgi_post(small_app, headers, [BODY], path="/api/v1/corrections")
    assert sent.status == 401 and sent.read == 0


def test_corrections_are_refused_unread_when_writes_are_off(small_app, monkeypatch):
    monkeypatch.delenv(TOKEN_ENV)
    sent = asgi_post(small_app, [JSON, ("authorization", f"Bearer {TOKEN}")], [BODY],
                     path="/api/v1/corrections")
    assert sent.status == 403 and sent.read == 0


def test_with_the_token_the_body_is_read_and_checked(small_app):
    sent = asgi_post(small_app, [JSON, ("authorization", f"Bearer {TOKEN}")], [BODY],
                     path="/api/v1/corrections")
    assert sent.read == 1
    assert sent.status == 404 and b"no analysed document d" in sent.body
