"""The event dev-set readers: what a harness scores must be the sentence the annotators coded."""

from __future__ import annotations

from pathlib import Path

from newsdesk.analyze.eventdata import _parse_texts, load_petrarch
from support import shared_path


def test_parse_texts_joins_conll_words(tmp_path: Path) -> None:
    xml = tmp_path / "v.xml"
    xml.write_text(
        '<Sentence category="X" date="20150101" id="s1" evaluate="true"/>\n<Text>\n</Text>\n<Parse>\n'
        "1\tOfficials\t_\n2\tdid\t_\n3\tn't\t_\n4\tcomment\t_\n5\t,\t_\n6\tthey\t_\n7\tsaid\t_\n8\t.\t_\n"
        "</Parse></Sentence>\n",
        encoding="utf-8",
    )
    assert _parse_texts(xml) == {"s1": "Officials didn't comment, they said."}


def test_no_petrarch_row_is_scored_empty() -> None:
    root = shared_path("data", "events")
    rows = load_petrarch(root)
    assert len(rows) == 78
    assert all(row["text"].strip() for row in rows)
