"""Time expressions: grammar, normalisation to TimeML values, DCT inference.

The spaCy component that uses them is :mod:`fogwatch.analyze.times`.
"""

from fogwatch.analyze.timex.dct import InferredDate, infer_dct
from fogwatch.analyze.timex.tagger import tag_times

__all__ = ["InferredDate", "infer_dct", "tag_times"]
