"""Package data shipped with fogwatch: the demo corpus, gazetteers and other curated lists.

A regular package (not a namespace one) so that
``importlib.resources.files("fogwatch.data")`` finds it in every install layout.
"""
