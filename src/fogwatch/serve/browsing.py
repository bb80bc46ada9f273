"""What every list page shares: page links, sortable column headers, facet links and
the CSV of the rows shown, all keeping the page's filters.

A list page answers ``?format=csv`` with exactly the rows it would show (same
filters, order and page) as a CSV file; its JSON twin is the API call the page
links to. Sorting is by name (``sort=outlet``, ``sort=-outlet`` for descending)
from a list each page fixes: a value not in it is ignored, and only the store's
own column objects ever reach the SQL.
"""

from __future__ import annotations

import calendar
import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import JSONResponse, Response

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _kept_params(request: Request, *drop: str) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items()
            if v and k not in ("page", "format", *drop)}


class Pager:
    """Page links that keep the current filters."""

    def __init__(self, request: Request, page: int, size: int, total: int) -> None:
        self.page, self.size, self.total = page, size, total
        self.offset = (page - 1) * size
        self.pages = max(1, -(-total // size))
        self._params = _kept_params(request)
        self.path = request.url.path

    def api_url(self, path: str, **params: Any) -> str:
        """The JSON API's answer for exactly what this page shows: the same filters
        (empty ones left out), this page's rows."""
        kept = {k: v for k, v in params.items() if v not in (None, "", False)}
        kept.update(limit=self.size, offset=self.offset)
        return f"/api/v1/{path}?{urlencode(kept)}"

    @property
    def csv_url(self) -> str:
        """This page's rows (filters, order, page) as CSV."""
        params = dict(self._params)
        if self.page > 1:
            params["page"] = str(self.page)
        return self.path + "?" + urlencode({**params, "format": "csv"})

    @property
    def json_url(self) -> str:
        """This page's rows (filters, order, page) as JSON."""
        return self.csv_url.replace("format=csv", "format=json")

    def url(self, page: int) -> str:
        return self.path + "?" + urlencode({**self._params, "page": page})

    @property
    def first_shown(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last_shown(self) -> int:
        return min(self.total, self.offset + self.size)

    @property
    def prev_url(self) -> str | None:
        return self.url(self.page - 1) if self.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.page + 1) if self.page < self.pages else None


@dataclass
class Sorter:
    """A page's order: a name from ``allowed`` (name -> label), descending or not.

    ``first_desc`` names the columns that sort descending on the first click
    (counts and dates: the largest or newest first).
    """

    request: Request
    allowed: dict[str, str]
    default: str
    first_desc: frozenset[str]
    key: str = ""
    descending: bool = True

    @classmethod
    def parse(cls, request: Request, value: str | None, allowed: dict[str, str],
              default: str, first_desc: Iterable[str] = ()) -> Sorter:
        first = frozenset(first_desc)
        raw = (value or "").strip()
        name = raw.lstrip("-")
        if name not in allowed:
            return cls(request, allowed, default, first, default, default in first)
        return cls(request, allowed, default, first, name, raw.startswith("-"))

    @property
    def is_default(self) -> bool:
        return self.key == self.default and self.descending == (self.default in self.first_desc)

    @property
    def value(self) -> str:
        return ("-" if self.descending else "") + self.key

    def link(self, name: str) -> str:
        """The page sorted by ``name``: reversed when it is already the order."""
        desc = not self.descending if name == self.key else name in self.first_desc
        params = _kept_params(self.request, "sort")
        params["sort"] = ("-" if desc else "") + name
        return self.request.url.path + "?" + urlencode(params)

    def aria(self, name: str) -> str:
        """``aria-sort`` of a column header."""
        if name != self.key:
            return "none"
        return "descending" if self.descending else "ascending"

    def arrow(self, name: str) -> str:
        return ("▼" if self.descending else "▲") if name == self.key else ""

    def options(self) -> list[dict[str, Any]]:
        """Every order, for a page without column headers (a list of cards)."""
        return [{"name": n, "label": label, "url": self.link(n), "aria": self.aria(n),
                 "arrow": self.arrow(n)} for n, label in self.allowed.items()]


def facet(request: Request, param: str, counts: Sequence[tuple[str, int]],
          label: Any = None, current: str | None = None) -> list[dict[str, Any]]:
    """Facet values as links that add ``param=value`` to the page's filters (and go
    back to the first page); the chosen value links to the page without it."""
    base = _kept_params(request, param)
    out = []
    for value, n in counts:
        chosen = current is not None and value == current
        params = dict(base) if chosen else {**base, param: value}
        out.append({"value": value, "label": label(value) if label else value, "n": n,
                    "chosen": chosen, "url": request.url.path + "?" + urlencode(params)})
    return out


def month_facet(request: Request, counts: Sequence[tuple[str, int]],
                since: str | None, until: str | None) -> list[dict[str, Any]]:
    """Month values ("YYYY-MM") as links that narrow since/until to that month
    (within the range already chosen)."""
    base = _kept_params(request, "since", "until")
    out = []
    for month, n in counts:
        y, m = int(month[:4]), int(month[5:7])
        first = f"{month}-01"
        last = f"{month}-{calendar.monthrange(y, m)[1]:02d}"
        lo = max(first, since) if since else first
        hi = min(last, until) if until else last
        out.append({"value": month, "label": month, "n": n, "chosen": False,
                    "url": request.url.path + "?" + urlencode({**base, "since": lo,
                                                               "until": hi})})
    return out


def csv_cell(value: Any) -> str:
    """A value as CSV text a spreadsheet shows as text: a cell starting like a
    formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
                 ) -> Response:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return Response(
        buf.getvalue(), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def json_rows(header: Sequence[str], rows: Iterable[Sequence[Any]], pager: Pager
              ) -> JSONResponse:
    """The same rows as JSON objects, with where they sit among all that match."""
    items = [dict(zip(header, row, strict=True)) for row in rows]
    return JSONResponse({"total": pager.total, "offset": pager.offset, "limit": pager.size,
                         "items": items})


def wants(request: Request) -> str | None:
    """``csv`` or ``json`` when the page is asked for its rows rather than HTML."""
    fmt = request.query_params.get("format")
    return fmt if fmt in ("csv", "json") else None
