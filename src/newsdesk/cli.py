"""The `newsdesk` command line: a thin layer over the Python API.

Each command parses its options, calls one library function or `Desk` method, and turns a
`NewsdeskError` into one clean line on stderr. Stage commands read JSONL (file or stdin) and write
JSONL (file or stdout), so every stage can be used and tested on its own.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from newsdesk import __version__
from newsdesk.errors import InputError, NewsdeskError
from newsdesk.model import Failure, to_dict
from newsdesk.paths import DEFAULT_DB

EPILOG_EXAMPLES: dict[str, str] = {
    "extract": "newsdesk extract page.html scrape.txt\n  newsdesk extract --input-dir pages/ -o articles.jsonl",
    "analyze": "newsdesk extract page.html | newsdesk analyze -o analysed.jsonl",
    "code-events": 'echo \'{"id": "s1", "text": "Putin met Xi in Beijing.", "date": "2024-05-16"}\' | newsdesk code-events',
    "cluster": "newsdesk cluster -i headlines.jsonl -o stories.jsonl",
    "summarize": "newsdesk summarize -i updates.jsonl --max-words 150",
    "ingest": "newsdesk ingest data/demo --db news.db",
    "stories": "newsdesk stories --db news.db --format table",
    "threads": "newsdesk threads --db news.db",
    "brief": "newsdesk brief 3f2a --db news.db --format md",
    "search": 'newsdesk search "power of siberia" --db news.db',
    "export": "newsdesk export --db news.db --table events --format csv -o events.csv",
    "serve": "newsdesk serve --db news.db --port 8000",
    "watch": "newsdesk watch feeds.txt --db news.db --interval 900\n  newsdesk watch feeds.txt --db news.db --once   # from cron",
}


# ---------------------------------------------------------------------------------- plumbing


def _fail(message: str) -> None:
    print(f"newsdesk: {message}", file=sys.stderr)


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    with open(tmp, "w", encoding="utf-8") as handle:
        yield handle
    tmp.replace(target)  # never leave a half-written output under the real name


def _write_jsonl(handle: IO[str], record: Any) -> None:
    handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_jsonl(path: str | None) -> Iterator[dict]:
    """JSON objects from a JSONL file or stdin; a bad line is reported on stderr and skipped."""
    name = "<stdin>" if path in (None, "-") else str(path)
    if path in (None, "-"):
        handle: IO[str] = sys.stdin
    else:
        if not Path(path).is_file():
            raise InputError(f"{name}: no such file")
        handle = open(path, encoding="utf-8", errors="strict")  # noqa: SIM115
    try:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                _fail(f"{name}:{number}: not valid JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                _fail(f"{name}:{number}: expected a JSON object")
                continue
            yield record
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    finally:
        if handle is not sys.stdin:
            handle.close()


def _report_failure(failure: Failure) -> None:
    _fail(f"{failure.source}: {failure.reason}")


# ---------------------------------------------------------------------------------- commands


def cmd_extract(args: argparse.Namespace) -> int:
    from newsdesk.extract import article_to_cli_dict, extract_many, extract_parallel
    from newsdesk.pipeline import Progress
    from newsdesk.sources import iter_documents

    paths = list(args.paths) + ([args.input_dir] if args.input_dir else [])
    if not paths:
        raise InputError("give files to extract, or --input-dir DIR")
    many = args.input_dir is not None or any(Path(p).is_dir() for p in paths) or len(paths) > 8
    workers = args.workers or (None if many else 1)
    docs = iter_documents(paths)
    results = extract_many(docs) if workers == 1 else extract_parallel(docs, workers, args.timeout)
    bar = Progress(sys.stderr.isatty() if args.progress is None else args.progress, unit="page")
    ok = failed = 0
    with _output(args.output) as out:
        for item in results:
            bar.update()
            if isinstance(item, Failure):
                failed += 1
                _report_failure(item)
            else:
                ok += 1
                _write_jsonl(out, article_to_cli_dict(item))
    bar.close()
    return 0 if ok or not failed else 1


def _article_from_line(line: dict) -> Any:
    from newsdesk.model import Article

    text = str(line.get("text") or "")
    name = str(line.get("id") or Article.make_id(line.get("url"), text))
    return Article(
        id=name,
        name=name,
        url=line.get("url"),
        title=line.get("title"),
        author=line.get("author"),
        date=line.get("date"),
        language=line.get("language"),
        page_type=line.get("page_type") or "article",
        text=text,
        paragraphs=tuple(p for p in text.split("\n\n") if p.strip()),
        publisher=line.get("publisher"),
    )


def cmd_analyze(args: argparse.Namespace) -> int:
    from newsdesk.analyze import Analyzer

    analyzer = Analyzer()
    articles = (_article_from_line(line) for line in read_jsonl(args.input))
    with _output(args.output) as out:
        batch = []
        for article in articles:
            batch.append(article)
            if len(batch) >= 32:
                _write_analyses(out, analyzer, batch)
                batch = []
        _write_analyses(out, analyzer, batch)
    return 0


def _write_analyses(out: IO[str], analyzer: Any, articles: list) -> None:
    for article, analysis in zip(articles, analyzer.analyze_many(articles), strict=True):
        record = {k: v for k, v in to_dict(article).items() if k not in ("paragraphs", "raw_id", "source")}
        body = to_dict(analysis)
        body.pop("article_id", None)
        record.update(body)
        _write_jsonl(out, record)


def event_to_cli(event: Any) -> dict:
    """The DESIGN.md code-events shape of one event."""

    def actors(items: Iterable[Any]) -> list[dict]:
        return [{"name": a.name, "country": a.country, "sector": a.sector} for a in items]

    return {
        "plover": event.plover,
        "mode": event.mode,
        "context": list(event.context),
        "cameo": event.cameo,
        "quad": event.quad,
        "score": event.score,
        "actor": actors(event.actors),
        "recipient": actors(event.recipients),
        "date": event.date,
        "date_end": event.date_end,
        "future": event.future,
        "historical": event.historical,
        "hypothetical": event.hypothetical,
        "negated": event.negated,
    }


def cmd_code_events(args: argparse.Namespace) -> int:
    from newsdesk.analyze import Analyzer

    analyzer = Analyzer()
    with _output(args.output) as out:
        for n, line in enumerate(read_jsonl(args.input), 1):
            sid = str(line.get("id", n))
            events = analyzer.code_sentence(str(line.get("text") or ""), line.get("date"), sid)
            _write_jsonl(out, {"id": sid, "events": [event_to_cli(e) for e in events]})
    return 0


def cmd_cluster(args: argparse.Namespace) -> int:
    from newsdesk.stories.cluster import ClusterDoc, cluster_stream

    def docs() -> Iterator[ClusterDoc]:
        for n, line in enumerate(read_jsonl(args.input), 1):
            yield ClusterDoc(
                id=str(line.get("id", n)),
                text=str(line.get("text") or ""),
                title=line.get("title"),
                date=line.get("date"),
            )

    with _output(args.output) as out:
        for doc_id, story in cluster_stream(docs()):
            _write_jsonl(out, {"id": doc_id, "story": story})
    return 0


def cmd_summarize(args: argparse.Namespace) -> int:
    from newsdesk.brief.summarize import summarize_groups

    with _output(args.output) as out:
        for record in summarize_groups(read_jsonl(args.input), args.max_words):
            _write_jsonl(out, record)
    return 0


def _desk(args: argparse.Namespace, readonly: bool = True) -> Any:
    from newsdesk.desk import Desk

    return Desk(args.db, readonly=readonly)


def cmd_ingest(args: argparse.Namespace) -> int:
    from newsdesk.desk import Desk

    progress = sys.stderr.isatty() if args.progress is None else args.progress
    with Desk(args.db) as desk:
        report = desk.ingest(
            args.paths,
            engine=args.engine,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=progress,
            on_failure=_report_failure,
        )
    print(report.summary())
    return 0 if report.added or report.already_stored or not report.failures else 1


def cmd_stories(args: argparse.Namespace) -> int:
    with _desk(args) as desk:
        stories = desk.stories()
        threads = {t.id: t for t in desk.threads()}
    if args.format == "json":
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "thread": s.thread_id,
                "first_seen": s.first_seen,
                "last_seen": s.last_seen,
                "articles": list(s.article_ids),
            }
            for s in stories
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"{'story':<10} {'first':<10}  {'last':<10}  {'arts':>4}  {'thread':<10}  title")
    for s in stories:
        thread = s.thread_id[:8] if s.thread_id else "-"
        print(
            f"{s.id[:10]:<10} {s.first_seen or '?':<10}  {s.last_seen or '?':<10}  {len(s.article_ids):>4}  "
            f"{thread:<10}  {s.title}"
        )
    for t in threads.values():
        print(f"\nthread {t.id[:8]}: {t.title} ({len(t.story_ids)} stories)")
    return 0


def cmd_threads(args: argparse.Namespace) -> int:
    with _desk(args) as desk:
        threads = desk.threads()
        if args.format == "json":
            rows = [
                {"id": t.id, "title": t.title, "stories": list(t.story_ids),
                 "timeline": to_dict(desk.thread_timeline(t))}
                for t in threads
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return 0
        for t in threads:
            print(f"thread {t.id}: {t.title}")
            for story_id in t.story_ids:
                story = desk.story(story_id)
                print(f"  story {story.id[:10]}  {story.first_seen} … {story.last_seen}  {story.title}")
            for entry in desk.thread_timeline(t):
                span = f"{entry.date}–{entry.date_end}" if entry.date_end else entry.date
                n = len(entry.citations)
                print(f"  {span}  {entry.text}  ({n} source{'s' if n != 1 else ''})")
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from newsdesk.brief import to_html, to_json, to_markdown

    with _desk(args, readonly=False) as desk:
        if args.llm:
            brief, report = desk.brief_rewritten(args.story_id)
            print(f"newsdesk: LLM writer kept {report.kept} sentences, rejected {report.rejected}",
                  file=sys.stderr)
        else:
            brief = desk.brief(args.story_id)
    if args.format == "md":
        text = to_markdown(brief)
    elif args.format == "html":
        text = to_html(brief)
    else:
        text = json.dumps(to_json(brief), ensure_ascii=False, indent=2)
    with _output(args.output) as out:
        out.write(text.rstrip("\n") + "\n")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with _desk(args) as desk:
        hits = desk.search(args.query, args.limit)
    if args.format == "json":
        print(json.dumps([to_dict(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("no matches")
    for hit in hits:
        print(f"{hit.article_id}  {hit.date or '?':<10}  {hit.publisher or '':<20.20}  {hit.title}")
        print(f"    {hit.snippet.replace('[[', '').replace(']]', '')}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from newsdesk.store.export import export

    with _desk(args) as desk:
        n = export(desk.store, args.table, args.format, args.output)
    print(f"exported {n} {args.table} rows as {args.format} to {args.output or 'stdout'}", file=sys.stderr)
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from newsdesk.sources.watch import watch

    report = watch(
        args.feeds_file, args.db, interval=args.interval, allow_private=args.allow_private, once=args.once,
        on_failure=_report_failure, on_cycle=lambda cycle: print(cycle.summary(), flush=True),
    )
    return 0 if report.documents or not report.failures else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from newsdesk.web.app import serve

    serve(args.db, host=args.host, port=args.port, token=args.token, allow_no_token=args.no_token)
    return 0


# ------------------------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk", description="Raw news in, grounded intelligence out.",
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name, help=help_text, description=help_text, epilog=f"Example:\n  {EPILOG_EXAMPLES[name]}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(func=func)
        return p

    def io(p: argparse.ArgumentParser) -> None:
        p.add_argument("-i", "--input", help="JSONL input file (default: stdin)")
        p.add_argument("-o", "--output", help="JSONL output file (default: stdout)")

    def db(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default=str(DEFAULT_DB), help=f"SQLite store (default: {DEFAULT_DB})")

    p = command("extract", cmd_extract, "Extract clean articles from pages, scrapes, feeds and WARC files.")
    p.add_argument("paths", nargs="*", help="files or directories")
    p.add_argument("--input-dir", help="a directory of pages")
    p.add_argument("-o", "--output", help="JSONL output file (default: stdout)")
    p.add_argument("--workers", type=int, help="processes (default: all cores for directories, 1 for a few files)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per page (default 60)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: when stderr is a terminal)")

    io(command("analyze", cmd_analyze, "Add sentences, entities, actors, dates, events and themes to articles."))
    io(command("code-events", cmd_code_events, "Code political events (PLOVER + CAMEO) in sentences."))
    io(command("cluster", cmd_cluster, "Group a stream of documents into stories, one pass in stream order."))
    p = command("summarize", cmd_summarize, "Summarise groups of documents, each sentence tied to its source.")
    io(p)
    p.add_argument("--max-words", type=int, default=150, help="word budget per group (default 150)")

    p = command("ingest", cmd_ingest, "Run the whole pipeline over inputs and store the results.")
    p.add_argument("paths", nargs="+", help="files or directories (pages, scrapes, feeds, WARC, JSONL)")
    db(p)
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", help="Dask scheduler address, or 'local' for a LocalCluster")
    p.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: when stderr is a terminal)")

    p = command("stories", cmd_stories, "List stories, newest first, with their threads.")
    db(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p = command("threads", cmd_threads, "List threads of recurring stories with their timelines.")
    db(p)
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = command("brief", cmd_brief, "Write the cited brief of a story (id or unique id prefix).")
    p.add_argument("story_id")
    db(p)
    p.add_argument("--format", choices=("md", "html", "json"), default="md")
    p.add_argument("--llm", action="store_true",
                   help="rewrite into prose with the LLM endpoint set in NEWSDESK_LLM_BASE_URL / _MODEL / _API_KEY;"
                        " unsupported sentences fall back to the extractive ones")
    p.add_argument("-o", "--output", help="output file (default: stdout)")

    p = command("search", cmd_search, "Full-text search over stored articles.")
    p.add_argument("query")
    db(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = command("export", cmd_export, "Export articles, events or stories as JSONL, CSV or Parquet.")
    db(p)
    p.add_argument("--table", choices=("articles", "events", "stories", "mentions"), default="articles")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    p.add_argument("-o", "--output", help="output file (default: stdout; required for parquet)")

    p = command("serve", cmd_serve, "Serve the web dashboard and JSON API.")
    db(p)
    p.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token", help="require this bearer token on every request")
    p.add_argument("--no-token", action="store_true",
                   help="allow serving beyond loopback without a token (prints a warning)")

    p = command("watch", cmd_watch, "Poll RSS/Atom feeds and ingest new articles as they appear.")
    p.add_argument("feeds_file", metavar="FEEDS.txt", help="feed URLs, one per line (# starts a comment)")
    db(p)
    p.add_argument("--interval", type=float, default=900.0, help="seconds between polls (default 900)")
    p.add_argument("--once", action="store_true", help="poll once and exit (for cron)")
    p.add_argument("--allow-private", action="store_true",
                   help="allow private and loopback hosts (intranets, tests); other schemes stay refused")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except NewsdeskError as exc:
        _fail(str(exc))
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
