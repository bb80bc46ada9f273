"""``python -m fogwatch.cli``: the same as the ``fogwatch`` command."""

from fogwatch.cli import main

main()
