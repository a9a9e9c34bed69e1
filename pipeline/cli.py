"""The `statements` command line. Thin: parse, call one library function, report.

Library modules are imported inside the commands, so `statements --help` stays fast.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .errors import PipelineError

app = typer.Typer(
    name="statements",
    help="Translate, align, proofread and publish political statements, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(
    help="Manage Argos translation models (list, install, remove).", no_args_is_help=True
)
app.add_typer(models_app, name="models")

F = TypeVar("F", bound=Callable[..., Any])


class State:
    root: Path | None = None


def workspace() -> Any:
    from .workspace import Workspace

    return Workspace.at(State.root)


def reports_errors(func: F) -> F:
    """Turn a PipelineError into its message on standard error and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PipelineError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            typer.echo("interrupted: finished work was saved; run the command again to resume.", err=True)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


@app.callback()
def main_options(
    root: Annotated[
        Path | None,
        typer.Option("--root", help="The workspace folder (default: the current folder).", file_okay=False),
    ] = None,
) -> None:
    State.root = root


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@app.command()
@reports_errors
def add(
    files: Annotated[
        list[str], typer.Argument(help="Files to add (.txt .md .html .docx .odt), or - for standard input.")
    ],
    lang: Annotated[
        str | None, typer.Option(help="The statement's language (es or en), if detection gets it wrong.")
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="The title, instead of the one found in the text.")
    ] = None,
    date: Annotated[str | None, typer.Option(help="The date, YYYY-MM-DD.")] = None,
    org: Annotated[str | None, typer.Option(help="The organisation that issued it.")] = None,
    slug: Annotated[
        str | None, typer.Option(help="The file name to use in originals/ (one file only).")
    ] = None,
) -> None:
    """Clean statements and add them to originals/. Prints each slug on its own line."""
    from .ingest import Overrides
    from .ingest import add as add_files

    results = add_files(workspace(), files, Overrides(lang, title, date, org, slug))
    for result in results:
        for message in result.warnings:
            warn(message)
        if not result.created:
            typer.echo(f"already added as {result.slug}; nothing new was written.", err=True)
        typer.echo(result.slug)


@app.command("list")
@reports_errors
def list_(as_json: JsonOpt = False) -> None:
    """List the statements, their language and translation status per target."""
    from .status import overview

    rows = overview(workspace())
    if as_json:
        emit_json(rows)
        return
    if not rows:
        typer.echo("no statements yet: add one with `statements add FILE`.", err=True)
        return
    for row in rows:
        trans = ", ".join(f"{lang}: {s['summary']}" for lang, s in row["translations"].items()) or "-"
        typer.echo(f"{row['slug']}\t{row['lang']}\t{row['date'] or '-'}\t{row['title']}\t[{trans}]")


@app.command()
@reports_errors
def detect(
    target: Annotated[str, typer.Argument(help="A file, or the slug of a statement.")],
    blocks: Annotated[bool, typer.Option("--blocks", help="Also report each block.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Detect the language of a statement, and of each block with --blocks."""
    from .status import detect_report

    report = detect_report(workspace(), target, blocks)
    if as_json:
        emit_json(report)
        return
    typer.echo(f"{report['lang']}\t{report['confidence']:.2f}")
    for b in report["blocks"]:
        mark = "  ← other language, kept as it is" if b.get("flagged") else ""
        typer.echo(f"  [{b['index']}] {b['lang']} {b['confidence']:.2f}  {b['text'][:70]}{mark}")


@app.command()
@reports_errors
def doctor(as_json: JsonOpt = False) -> None:
    """Show what is installed (pandoc, typst, engines, models) and how to fix what is missing."""
    from .doctor import run_checks

    checks = run_checks()
    if as_json:
        emit_json([c.as_dict() for c in checks])
        return
    for check in checks:
        typer.echo(f"{'ok' if check.ok else 'MISSING':8} {check.name:18} {check.detail}")
        if not check.ok and check.fix:
            typer.echo(f"{'':8} {'':18} → {check.fix}")


def main() -> None:
    app(prog_name="statements")


if __name__ == "__main__":
    main()
    sys.exit(0)
