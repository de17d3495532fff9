"""Pages in legacy encodings, declared or not, come out as readable text."""

from __future__ import annotations

import pytest

from newsdesk.extract import extract
from newsdesk.extract.charset import decode_html
from newsdesk.model import RawDocument

SAMPLES = {
    "cp1251": "Министры иностранных дел обеих стран встретились в портовом городе в четверг, "
              "чтобы обсудить новый зерновой коридор через пролив.",
    "gb18030": "两国外交部长周四在港口城市会面，讨论一条新的粮食走廊，让船只无需检查即可通过海峡。",
    "shift_jis": "両国の外相は木曜日に港湾都市で会談し、新しい穀物回廊について協議した。船舶は検査なしで海峡を通過できる。",
    "cp1252": "The minister’s “plan” — a café résumé, naïve or not — was debated in Zürich on Thursday evening.",
}


def _page(text: str, charset: str | None) -> str:
    head = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{text} ({i})</p>" for i in range(4))
    return f"<html><head>{head}<title>x</title></head><body><article>{body}</article></body></html>"


@pytest.mark.parametrize("codec", sorted(SAMPLES))
@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_legacy_encodings_decode(codec: str, declared: bool) -> None:
    text = SAMPLES[codec]
    html, _ = decode_html(_page(text, codec if declared else None).encode(codec))
    assert text in html


@pytest.mark.parametrize("codec", ["cp1251", "gb18030", "shift_jis"])
def test_extracted_article_is_readable(codec: str) -> None:
    text = SAMPLES[codec]
    doc = RawDocument("p", "p.html", _page(text, None).encode(codec), "html")
    article = extract(doc)
    assert text[:12] in article.text and "\ufffd" not in article.text


def test_windows_1252_labelled_utf8_extracts_clean_text() -> None:
    text = SAMPLES["cp1252"]
    article = extract(RawDocument("p", "p.html", _page(text, "utf-8").encode("cp1252"), "html"))
    assert "minister’s “plan” — a café résumé, naïve" in article.text


def test_undeclared_central_european_text_keeps_its_code_page() -> None:
    text = "Zażółć gęślą jaźń, powiedział minister w czwartek wieczorem w Warszawie."
    html, codec = decode_html(_page(text, None).encode("cp1250"))
    assert codec == "cp1250" and text in html
