"""The claim board's outlet stances scored against FNC-1-style gold stances."""

from __future__ import annotations

from dataclasses import dataclass

from fogwatch.evaluate.boardstance import NOT_PLAIN, _metrics, render, score
from fogwatch.store.watched import DocumentClaim


@dataclass
class Pair:
    headline: str
    body_id: str
    stance: str


class FakeStore:
    def __init__(self, claims: dict[str, list[DocumentClaim]]) -> None:
        self.claims = claims

    def document_claims(self, ids: list[str]) -> dict[str, list[DocumentClaim]]:
        return {i: self.claims[i] for i in ids if i in self.claims}


def claim(statement: str, stance: str, role: str = "outlet") -> DocumentClaim:
    return DocumentClaim(proposition="p-" + statement[:8], statement=statement, stance=stance,
                         text=statement, role=role)


def test_inverted_counts_only_agree_against_disagree() -> None:
    m = _metrics(["agree", "agree", "disagree", "discuss"],
                 ["disagree", "discuss", "agree", "discuss"])
    assert m["inverted"] == 2
    assert m["accuracy"] == 0.25
    assert m["classes"]["discuss"]["p"] == 0.5 and m["classes"]["discuss"]["r"] == 1.0


def test_plain_headlines() -> None:
    assert NOT_PLAIN.search("Macaulay Culkin Hasn’t Died Despite Rumours")
    assert NOT_PLAIN.search("Banksy arrested?")
    assert not NOT_PLAIN.search("Soldier shot at National War Memorial in Ottawa")


def test_the_board_is_read_at_the_proposition_like_the_headline() -> None:
    bodies = {
        "1": "Ukrainian forces shot down 40 drones over Kharkiv overnight, the air force said.",
        "2": "Russian troops captured the village of Novopil, the ministry said. "
             "We found no footage of Russian troops in Novopil.",
    }
    pairs = [
        Pair("Ukraine downs 40 drones over Kharkiv", "1", "discuss"),
        Pair("Russian troops capture Novopil", "2", "disagree"),
        Pair("Russian troops capture Novopil", "1", "unrelated"),  # not scored
    ]
    store = FakeStore({
        "doc-1": [claim("Ukrainian forces shot down 40 drones over Kharkiv", "reports"),
                  claim("Ukrainian forces shot down 40 drones over Kharkiv", "asserts",
                        role="source")],
        "doc-2": [claim("Russian troops captured the village of Novopil", "asserts"),
                  claim("Grain exports rose in March", "denies")],
    })
    result = score(store, bodies, pairs, {"doc-1": ["1"], "doc-2": ["2"]})
    assert result["related_pairs"] == 2 and result["covered"] == 2
    # the outlet rows are read, not the source's; the matching proposition, not the other
    assert result["board_stances"] == {"reports": 1, "asserts": 1}
    board = result["board"]
    assert board["confusion"]["discuss"]["discuss"] == 1
    assert board["confusion"]["disagree"]["agree"] == 1
    assert board["inverted"] == 1
    assert "inverted" in render(result)
    (pair,) = result["inverted_pairs"]
    assert (pair["article"], pair["gold"], pair["board"]) == ("2", "disagree", "asserts")
    assert "Russian troops capture Novopil" in render(result, errors=5)
    assert "Russian troops capture Novopil" not in render(result)


def test_a_document_with_no_like_proposition_is_not_covered() -> None:
    pairs = [Pair("Hungary seeks sanctions exemption", "1", "agree")]
    store = FakeStore({"doc-1": [claim("Ukrainian forces shot down 40 drones", "asserts")]})
    result = score(store, {"1": "Hungary asked for an exemption."}, pairs, {"doc-1": ["1"]})
    assert result["covered"] == 0 and result["coverage"] == 0.0
    assert result["board"]["pairs"] == 0
