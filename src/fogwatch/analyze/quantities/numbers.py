"""Reading numbers written in digits or in words, token by token.

Kept apart from the quantities stage so that the grammar (which tokens make a
number, what value they carry) can be tested without a pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

SMALL: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12,
}
# Written-out scales only: "m" and "k" alone are too ambiguous as separate tokens.
WORD_SCALES = {"hundred", "thousand", "million", "billion", "trillion", "bn", "mn", "tn"}
# Vague plurals ("dozens of drones"): the value is the smallest reading, and the
# word itself becomes the approximation so that nobody mistakes it for a count.
VAGUE: dict[str, float] = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
    "millions": 2e6, "billions": 2e9,
}
DOZEN = {"dozen": 12.0}

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_RANGE_TOKEN = re.compile(r"^(\d[\d,.]*)[–—-](\d[\d,.]*)$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(bn|mn|m|k|tn)$", re.IGNORECASE)


def digits_value(text: str) -> float | None:
    """Value of "1,300", "2.5", "5bn"; None when the token is not such a number."""
    m = _DIGITS.match(text)
    if m:
        return float(m.group(0).replace(",", ""))
    m = _SUFFIXED.match(text)
    if m:
        return float(m.group(1)) * SCALES[m.group(2).lower()]
    return None


def range_token(text: str) -> tuple[float, float] | None:
    """"5–7" written as one token."""
    m = _RANGE_TOKEN.match(text)
    if not m:
        return None
    low, high = digits_value(m.group(1)), digits_value(m.group(2))
    if low is None or high is None:
        return None
    return low, high


@dataclass(slots=True)
class NumberRead:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    value: float
    upper: float | None = None
    vague: str | None = None  # "dozens", "hundreds", ... when the number is a vague plural


def read_number(doc: Doc, i: int) -> NumberRead | None:
    """The number starting at token ``i`` (digits, words, or both), if any."""
    tok = doc[i]
    low = tok.lower_
    rng = range_token(tok.text)
    if rng:
        return NumberRead(i, i + 1, rng[0], upper=rng[1])
    value = digits_value(tok.text)
    j = i + 1
    if value is not None:
        # "140 billion", "2.5 million"
        if j < len(doc) and doc[j].lower_ in WORD_SCALES:
            value *= SCALES[doc[j].lower_]
            j += 1
        return NumberRead(i, j, value)
    if low in VAGUE:
        # "tens of thousands", "hundreds of thousands"
        return NumberRead(i, i + 1, VAGUE[low], vague=low)
    if low == "tens" and i + 2 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ in VAGUE:
        return NumberRead(i, i + 3, 10 * VAGUE[doc[i + 2].lower_], vague="tens of " + doc[i + 2].lower_)
    return _read_words(doc, i)


def _joins(doc: Doc, j: int, seen: bool) -> bool:
    """"-" in "twenty-five", "and" in "one hundred and twenty"."""
    if not seen or j + 1 >= len(doc) or doc[j + 1].lower_ not in SMALL:
        return False
    low, before = doc[j].lower_, doc[j - 1].lower_
    if low == "-":
        return before in SMALL and SMALL[before] >= 20
    return low == "and" and before in WORD_SCALES


def _read_words(doc: Doc, i: int) -> NumberRead | None:
    """"five thousand", "twenty-five", "one hundred and twenty", "a dozen", "half a million"."""
    n = len(doc)
    total = 0.0
    current = 0.0
    seen = False
    j = i
    # "a hundred", "a dozen", "half a million"
    if doc[i].lower_ in ("a", "an") and i + 1 < n and (
        doc[i + 1].lower_ in WORD_SCALES or doc[i + 1].lower_ in DOZEN
    ):
        current, seen, j = 1.0, True, i + 1
    elif doc[i].lower_ == "half" and i + 2 < n and doc[i + 1].lower_ in ("a", "an") \
            and doc[i + 2].lower_ in WORD_SCALES:
        return NumberRead(i, i + 3, 0.5 * SCALES[doc[i + 2].lower_])
    while j < n:
        low = doc[j].lower_
        if low in SMALL:
            current += SMALL[low]
        elif low in DOZEN:
            current = (current or 1.0) * DOZEN[low]
        elif low in WORD_SCALES and seen:
            scale = SCALES[low]
            if scale >= 1e3:
                total += (current or 1.0) * scale
                current = 0.0
            else:
                current = (current or 1.0) * scale
        elif _joins(doc, j, seen):
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return NumberRead(i, j, total + current)
