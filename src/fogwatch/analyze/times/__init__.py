"""The ``fogwatch_times`` spaCy component: TIMEX3 time expressions, normalised.

Results: ``doc._.fw_times`` (list of :class:`~fogwatch.findings.Time`, in text
order). The document creation time is ``doc._.fw_dct``; when it is missing the
component infers one from the text, puts it on ``doc._.fw_dct`` (so later
stages see it) and marks ``doc._.fw_dct_source = "inferred"``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fogwatch.analyze.base import Stage, doc_text, ensure_extension
from fogwatch.analyze.times.calendar import parse_iso_date
from fogwatch.analyze.times.dct import infer_dct
from fogwatch.analyze.times.grammar import find_candidates
from fogwatch.analyze.times.tagger import tag_times
from fogwatch.findings import Document, Time

ensure_extension("fw_times", None)
ensure_extension("fw_dct_source", None)  # "given" (from the document) or "inferred"
ensure_extension("fw_dct_evidence", None)  # for inferred DCTs: the words that gave it


class TimesComponent:
    """Finds, normalises and anchors time expressions."""

    def __call__(self, doc: Doc) -> Doc:
        dct = parse_iso_date(doc._.fw_dct)
        text = doc_text(doc)
        candidates = find_candidates(text)  # shared by the DCT inference and the tagger
        if dct is not None:
            doc._.fw_dct_source = "given"
        else:
            inferred = infer_dct(text, candidates)
            if inferred is not None:
                dct = inferred.day
                doc._.fw_dct = dct.isoformat()
                doc._.fw_dct_source = "inferred"
                doc._.fw_dct_evidence = inferred.evidence
        doc._.fw_times = tag_times(doc, dct, candidates)
        return doc


@Language.factory("fogwatch_times")
def make_times_component(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent()


def collect(doc: Doc, document: Document) -> list[Time]:
    """The Doc's times with the document id set; records an inferred DCT on the document."""
    times: list[Time] = list(doc._.fw_times or [])
    for t in times:
        t.document = document.id
    if document.published is None and doc._.fw_dct_source == "inferred":
        document.published = doc._.fw_dct
        document.date_source = "inferred"
        document.date_evidence = doc._.fw_dct_evidence
    return times


STAGE = Stage(factory="fogwatch_times", key="times", order=200, collect=collect)
