"""The optional LLM writer against a real chat-completions server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.brief.llm import HttpChatClient, LlmConfig, parse_sentences, rewrite_brief, support_problems
from newsdesk.brief.writer import verify_brief
from newsdesk.model import Brief, BriefItem, Section, Source

GAS = "Gazprom signed a memorandum on the Power of Siberia 2 pipeline on Tuesday in Beijing."
VOLUME = "The pipeline is designed to carry 50 billion cubic metres of gas a year."
VISA = "China will let Russians visit without visas for up to 30 days from September 15."


def _brief() -> Brief:
    sources = tuple(Source(f"a{i}", 0, text) for i, text in enumerate((GAS, VOLUME, VISA), start=1))
    return Brief(
        "s1",
        "Gas and visas",
        (
            Section("Summary", (BriefItem(GAS, (1,)), BriefItem(VOLUME, (2,)))),
            Section("What comes next", (BriefItem(VISA, (3,)),)),
        ),
        (),
        (),
        sources,
    )


class _Server:
    """A chat-completions endpoint answering each request with the next canned reply."""

    def __init__(self, replies: list[str]) -> None:
        self.replies = list(replies)
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
                reply = outer.replies.pop(0)
                payload = {"choices": [{"index": 0, "message": {"role": "assistant", "content": reply}}]}
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_supported_sentence_kept_and_unsupported_number_rejected():
    replies = [
        "Gazprom signed a memorandum in Beijing on the Power of Siberia 2 pipeline, designed to carry "
        "50 billion cubic metres of gas a year [1][2].",
        "Russians can visit China without visas for up to 90 days from September 15 [3].",
    ]
    brief = _brief()
    with _Server(replies) as server:
        config = LlmConfig.from_env(
            {
                "NEWSDESK_LLM_BASE_URL": server.url,
                "NEWSDESK_LLM_MODEL": "test-model",
                "NEWSDESK_LLM_API_KEY": "k",
            }
        )
        assert config is not None
        rewritten, report = rewrite_brief(brief, None, HttpChatClient(config))
    assert (report.kept, report.rejected) == (1, 1)
    assert "90" in report.reasons[0]
    summary, outlook = rewritten.sections
    assert len(summary.items) == 1 and summary.items[0].citations == (1, 2)
    assert outlook.items == brief.sections[1].items  # the extractive item comes back
    assert server.requests[0]["path"] == "/v1/chat/completions"
    assert server.requests[0]["model"] == "test-model" and server.requests[0]["auth"] == "Bearer k"
    assert "[1] " + GAS in server.requests[0]["messages"][-1]["content"]
    articles, analyses = {}, {}
    problems = [p for p in verify_brief(rewritten, articles, analyses) if "unknown sentence" not in p]
    assert problems == []


def test_support_check_names_numbers_and_overlap():
    assert support_problems("Gazprom signed a memorandum on Tuesday.", [GAS]) == []
    assert any("names" in p for p in support_problems("Rosneft signed a memorandum on Tuesday.", [GAS]))
    assert any(
        "numbers" in p for p in support_problems("The pipeline carries 60 billion cubic metres.", [VOLUME])
    )
    assert any(
        "content words" in p for p in support_problems("Analysts expect prices to fall sharply.", [GAS])
    )


def test_parse_sentences_reads_markers():
    parsed = parse_sentences("One claim here [1][2]. Another claim [3]. No marker at all.")
    assert parsed == [("One claim here.", (1, 2)), ("Another claim.", (3,)), ("No marker at all.", ())]


def test_without_endpoint_the_brief_is_unchanged(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NEWSDESK_LLM_BASE_URL", raising=False)
    brief = _brief()
    same, report = rewrite_brief(brief)
    assert same is brief and report.kept == 0 and report.rejected == 0
