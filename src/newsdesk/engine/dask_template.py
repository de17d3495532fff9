"""Imported once, by the fork server that a local Dask cluster forks its workers from: loads the models.

Importing this module is its whole job (a fork server can only be told which modules to import):
every worker of :func:`newsdesk.engine.dask.local_cluster` is then forked with newsdesk imported,
extraction warm and the Analyzer loaded and frozen, so ``warm_worker`` finds everything done.
"""

from __future__ import annotations

import contextlib

from newsdesk.engine.dask import warm_worker

with contextlib.suppress(Exception):  # an optimisation only: a worker still loads on first use
    warm_worker()
