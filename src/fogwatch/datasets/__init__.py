"""Readers of the public datasets fogwatch is scored and trained on.

Each module reads one dataset's files into plain records and knows its fixed
splits; nothing here runs fogwatch. The scorers (:mod:`fogwatch.evaluate`) and
the trainers (:mod:`fogwatch.train`) both read through these modules, so a
training run and a score see the same articles on the same side of a split.

- :mod:`~fogwatch.datasets.polnear`: PolNeAR attributions (BRAT standoff);
- :mod:`~fogwatch.datasets.timeml`: TimeML files (TempEval-3, TimeBank) and their
  every-fifth-file splits;
- :mod:`~fogwatch.datasets.fnc1`: FNC-1 headline/article stance pairs and the
  fixed dev split by article;
- :mod:`~fogwatch.datasets.plover`: the PLOVER gold records (PLOVER_GSR_CAMEO.txt);
- :mod:`~fogwatch.datasets.petrarch`: PETRARCH validation records.
"""
