from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsdesk.cli import EPILOG_EXAMPLES, build_parser, main


def _subcommands() -> dict:
    parser = build_parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return action.choices


def test_every_command_is_documented_with_an_example():
    commands = _subcommands()
    assert set(commands) == set(EPILOG_EXAMPLES)
    for name, sub in commands.items():
        help_text = sub.format_help()
        assert "Example:" in help_text, name
        assert sub.description, name


def test_design_commands_all_exist():
    wanted = {"extract", "analyze", "code-events", "cluster", "summarize", "ingest", "stories", "brief",
              "search", "export", "serve"}
    assert wanted <= set(_subcommands())


def test_missing_store_is_one_clean_line(tmp_path, capsys):
    assert main(["stories", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such store" in err[0]


def test_bad_jsonl_lines_are_reported_and_skipped(tmp_path, capsys):
    src = tmp_path / "docs.jsonl"
    src.write_text('{"id": "a", "text": "NATO leaders met in Washington."}\nnot json\n[1]\n'
                   '{"id": "b", "text": "NATO leaders gathered in Washington for the summit."}\n')
    assert main(["cluster", "-i", str(src)]) == 0
    out = capsys.readouterr()
    ids = [json.loads(line)["id"] for line in out.out.splitlines()]
    assert ids == ["a", "b"]
    assert f"{src}:2: not valid JSON" in out.err and f"{src}:3: expected a JSON object" in out.err


def test_module_entry_point_runs():
    done = subprocess.run([sys.executable, "-m", "newsdesk.cli", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "newsdesk" in done.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_of_an_empty_store(tmp_path, fmt, capsys):
    from newsdesk.store import Store

    Store(tmp_path / "e.db").close()
    out = tmp_path / f"a.{fmt}"
    assert main(["export", "--db", str(tmp_path / "e.db"), "--format", fmt, "-o", str(out)]) == 0
    assert out.exists()


def test_extract_input_dir_runs_in_parallel_and_keeps_ids(tmp_path, capsys):
    from support import DEMO

    out = tmp_path / "articles.jsonl"
    assert main(["extract", "--input-dir", str(DEMO / "html"), "-o", str(out), "--workers", "2"]) == 0
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert sorted(ids) == sorted(p.stem for p in (DEMO / "html").glob("*.html"))
