"""Analysis: spaCy plus fogwatch's own components, one module per finding kind.

Each module that defines a module-level ``STAGE`` (a :class:`~fogwatch.analyze.base.Stage`)
is picked up by :mod:`fogwatch.analyze.pipeline`; adding a finding kind means adding
one module.
"""

from fogwatch.analyze.pipeline import Pipeline, load_pipeline

__all__ = ["Pipeline", "load_pipeline"]
