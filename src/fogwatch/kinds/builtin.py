"""fogwatch's own finding kinds, registered in the order every layer lists them.

Each module registers its kind when imported, as a plug-in's module does; the
order of the imports below is the order of the kinds.
"""
# ruff: noqa: I001

from fogwatch.kinds.times import TIMES
from fogwatch.kinds.attributions import ATTRIBUTIONS
from fogwatch.kinds.events import EVENTS
from fogwatch.kinds.quantities import QUANTITIES
from fogwatch.kinds.places import PLACES

__all__ = ["ATTRIBUTIONS", "EVENTS", "PLACES", "QUANTITIES", "TIMES"]
