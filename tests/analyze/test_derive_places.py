"""``data/actors/derive_places.py`` reads every dated form of a Phoenix country code."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "data" / "actors"))

from derive_places import parse  # noqa: E402

PHOENIX = """\
IRAQ_
+BAGHDAD_
+SAMARRA
\t[IRQ <20030320]
\t[IRQOCC 1920030320-20060520]
\t[IRQ >20060520]
SOUTH_SUDAN
+JUBA_
\t[SDNSSD <20050709]
\t[SSD >20110709]
KUWAIT_
+KUWAIT_CITY_
\t[KWT <900802]
PERU_
+LIMA_
\t[PER]
PERSON_WITHOUT_A_BARE_CODE_
\t[IRNGOV >091001]
"""


def test_dated_codes_keep_their_blocks(tmp_path: Path) -> None:
    """Eight-digit and "<" dates once dropped whole blocks (Iraq's cities, Juba); the block takes
    its last bare code, the current one."""
    source = tmp_path / "countries.actors.txt"
    source.write_text(PHOENIX, encoding="utf-8")
    codes = {alias: code for alias, code, _ in parse(source)}
    assert codes["baghdad"] == codes["samarra"] == codes["iraq"] == "IRQ"
    assert codes["juba"] == codes["south sudan"] == "SSD"
    assert codes["kuwait city"] == "KWT" and codes["lima"] == "PER"
    assert "person without a bare code" not in codes
