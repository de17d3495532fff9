"""Which UN member states have a head of state, head of government and foreign minister on a date.

Usage::

    python data/actors/check_coverage.py [--date 2026-01-01] [--missing]

Counts the rows of ``people.tsv`` in force on the date. Titles such as "the Chilean president"
resolve to the same offices: ``tests/analyze`` checks that the analyzer's ``holder()`` finds every
office these rows fill (a person may hold several at once). Rows whose ``comment`` says
verify/uncertain are counted and listed separately: they are the first to check against a current
source.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: The 193 UN member states (ISO 3166-1 alpha-3).
UN_MEMBERS = ["AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR", "BGD", "BRB", "BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR", "BFA", "BDI", "CPV", "KHM", "CMR", "CAN", "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG", "COD", "CRI", "CIV", "HRV", "CUB", "CYP", "CZE", "DNK", "DJI", "DMA", "DOM", "ECU", "EGY", "SLV", "GNQ", "ERI", "EST", "SWZ", "ETH", "FJI", "FIN", "FRA", "GAB", "GMB", "GEO", "DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND", "HUN", "ISL", "IND", "IDN", "IRN", "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR", "KWT", "KGZ", "LAO", "LVA", "LBN", "LSO", "LBR", "LBY", "LIE", "LTU", "LUX", "MDG", "MWI", "MYS", "MDV", "MLI", "MLT", "MHL", "MRT", "MUS", "MEX", "FSM", "MDA", "MCO", "MNG", "MNE", "MAR", "MOZ", "MMR", "NAM", "NRU", "NPL", "NLD", "NZL", "NIC", "NER", "NGA", "PRK", "MKD", "NOR", "OMN", "PAK", "PLW", "PAN", "PNG", "PRY", "PER", "PHL", "POL", "PRT", "QAT", "KOR", "ROU", "RUS", "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP", "SAU", "SEN", "SRB", "SYC", "SLE", "SGP", "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN", "SUR", "SWE", "CHE", "SYR", "TJK", "TZA", "THA", "TLS", "TGO", "TON", "TTO", "TUN", "TUR", "TKM", "TUV", "UGA", "UKR", "ARE", "GBR", "USA", "URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB", "ZWE"]
OFFICES = ("head_of_state", "head_of_government", "foreign_minister")


def holders(rows: list[dict[str, str]], date: str) -> dict[tuple[str, str], list[dict[str, str]]]:
    out: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in rows:
        start, end = row.get("start") or "", row.get("end") or ""
        if (start and start > date) or (end and end <= date):
            continue
        for office in (row.get("offices") or "").split():
            out.setdefault((row["country"], office), []).append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", default="2026-01-01")
    parser.add_argument("--missing", action="store_true", help="list the missing (country, office) pairs")
    args = parser.parse_args(argv)
    with (HERE / "people.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    found = holders(rows, args.date)
    assert len(set(UN_MEMBERS)) == 193
    full = [c for c in UN_MEMBERS if all((c, o) in found for o in OFFICES)]
    print(f"{args.date}: {len(full)}/193 UN members with all three offices filled")
    for office in OFFICES:
        have = [c for c in UN_MEMBERS if (c, office) in found]
        flagged = [c for c in have if any((r.get("comment") or "").strip() for r in found[(c, office)])]
        print(f"  {office}: {len(have)}/193 ({len(flagged)} with a verify/uncertain comment)")
    if args.missing:
        for c in UN_MEMBERS:
            gaps = [o for o in OFFICES if (c, o) not in found]
            if gaps:
                print(f"  missing {c}: {' '.join(gaps)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
