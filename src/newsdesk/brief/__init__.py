"""Briefs: extractive summaries and structured story briefs whose every sentence is cited."""

from newsdesk.brief.llm import LlmReport, rewrite_brief
from newsdesk.brief.render import to_html, to_json, to_markdown
from newsdesk.brief.summarize import SumDoc, summarize, summarize_groups
from newsdesk.brief.writer import verify_brief, write_brief

__all__ = [
    "LlmReport",
    "SumDoc",
    "summarize",
    "summarize_groups",
    "to_html",
    "to_json",
    "rewrite_brief",
    "to_markdown",
    "verify_brief",
    "write_brief",
]
