"""Pick the story `make demo` prints a brief for: the latest story that belongs to a thread.

Usage: python -m newsdesk.demo_pick STORE.db  → prints one story id.
"""

from __future__ import annotations

import sys

from newsdesk.desk import Desk


def pick(db: str) -> str:
    with Desk(db, readonly=True) as desk:
        stories = desk.stories()
    if not stories:
        raise SystemExit("newsdesk: the store holds no stories")
    threaded = [s for s in stories if s.thread_id]
    pool = threaded or stories
    return max(pool, key=lambda s: (s.first_seen or "", len(s.article_ids))).id


if __name__ == "__main__":
    print(pick(sys.argv[1]))
