"""Property-based requests generated from /openapi.json: the server never fails (5xx)
and every answer matches the spec it publishes.

The schema is loaded when the module is imported, from an app over an empty
store; a fixture then points that app at the demo store, so that the generated
requests meet real data.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    response_schema_conformance,
    status_code_conformance,
)

from fogwatch.serve.app import create_app  # noqa: E402
from fogwatch.serve.settings import TOKEN_ENV  # noqa: E402
from fogwatch.store import Store  # noqa: E402

_scratch = Path(tempfile.mkdtemp(prefix="fogwatch-schema-"))
atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
_empty = Store.open(str(_scratch / "empty.sqlite"))
atexit.register(_empty.close)
APP = create_app(_empty, tiles="")
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(autouse=True)
def _over_the_demo_store(demo_store, monkeypatch):
    APP.state.store = demo_store
    # Writes stay refused (no token configured): generated data never reaches the store.
    monkeypatch.delenv(TOKEN_ENV, raising=False)


@schema.parametrize()
@settings(
    max_examples=30, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.filter_too_much],
)
def test_api_never_fails(case):
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
