"""fogwatch: a sourced, time-resolved record of war reporting."""

__version__ = "0.1.0"
