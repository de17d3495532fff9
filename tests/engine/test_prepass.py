"""The first batches are extracted by a helper while the models load, and read no further than that."""

from __future__ import annotations

from newsdesk.engine import local
from newsdesk.model import Failure, RawDocument
from newsdesk.pipeline import extract_batch

PAGE = (b"<html><head><title>Talks resume %d</title></head><body><article><h1>Talks resume %d</h1>"
        + b"<p>The ministers met in Geneva on Monday and agreed to resume the talks next month, officials said.</p>"
        * 4 + b"</article></body></html>")


def _batches(count: int, size: int = 2) -> list[list[RawDocument]]:
    docs = [RawDocument(f"d{i}", f"page{i}.html", PAGE % (i, i), "html", f"https://example.test/{i}")
            for i in range(count * size)]
    return [docs[i:i + size] for i in range(0, len(docs), size)]


def _plain(result: list) -> list:
    return [r if isinstance(r, Failure) else (r[0].id, r[1].text) for r in result]


def test_prepass_reads_its_batches_only_and_extracts_them_as_the_pool_would(monkeypatch):
    monkeypatch.setattr(local, "_worker_analyzer", None)
    monkeypatch.setattr(local, "loaded_analyzer", lambda: None)  # no models: the helper races an instant load
    monkeypatch.setattr(local, "warm_extraction", lambda: None)
    monkeypatch.setattr(local, "PREPASS_BATCHES", 3)
    batches = _batches(5)
    stream = iter(batches)
    head = local._load_while_extracting(stream, 1)
    assert [batch for batch, _ in head] == batches[:3]
    assert next(stream) == batches[3]  # nothing read beyond the prepass
    for batch, extracted in head:  # None: the pool extracts it whole
        if extracted is not None:
            assert _plain(extracted) == _plain(extract_batch(batch))


def test_a_dask_worker_warms_extraction_with_the_analysis_models(monkeypatch):
    """Extraction's first-use loads (language model, page-type and block models) happen at warm-up,
    as in the local engine, not in whichever shard a worker takes first."""
    from newsdesk.engine import dask

    calls: list[str] = []
    monkeypatch.setattr(dask, "warm_extraction", lambda: calls.append("extraction"))
    monkeypatch.setattr(dask, "loaded_analyzer", lambda: calls.append("analysis"))
    assert dask.warm_worker() >= 0
    assert calls == ["extraction", "analysis"]  # extraction's models are frozen with the analyzer's


def test_the_helpers_fork_with_extraction_already_warm(monkeypatch):
    """A helper forked before the warm-up would load extraction's models (and justext's stop list) again."""
    calls: list[str] = []

    class Pool(local.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            calls.append("helpers")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(local, "_worker_analyzer", None)
    monkeypatch.setattr(local, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(local, "warm_extraction", lambda: calls.append("extraction"))
    monkeypatch.setattr(local, "loaded_analyzer", lambda: calls.append("analysis"))
    monkeypatch.setattr(local, "PREPASS_BATCHES", 1)
    local._load_while_extracting(iter(_batches(2)), 1)
    assert calls == ["extraction", "helpers", "analysis"]


def test_warming_extraction_builds_justexts_stop_list_once(monkeypatch):
    from justext.utils import get_stoplist, get_stoplists
    from lxml import html
    from trafilatura import external

    monkeypatch.setattr(local, "_extraction_warm", False)
    monkeypatch.setattr(external, "JT_STOPLIST", None)
    local.warm_extraction()
    built = external.JT_STOPLIST
    assert built is not None
    assert set(built) == {word for language in get_stoplists() for word in get_stoplist(language)}
    external.try_justext(html.fromstring("<html><body><p>The talks resume in May.</p></body></html>"), None, None)
    assert external.JT_STOPLIST is built  # a justext candidate uses the list built at warm-up
