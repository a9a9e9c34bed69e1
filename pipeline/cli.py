"""The `statements` command line. Thin: parse, call one library function, report.

Library modules are imported inside the commands, so `statements --help` stays fast.
"""

from __future__ import annotations

import functools
import json
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from pipeline.errors import PipelineError, UsageError

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
glossary_app = typer.Typer(
    help="The workspace glossary (glossary.csv): terms and their translations, and names never translated.",
    no_args_is_help=True,
)
app.add_typer(glossary_app, name="glossary")

F = TypeVar("F", bound=Callable[..., Any])


def workspace(ctx: typer.Context) -> Any:
    """The workspace chosen with --root (kept in Typer's context object), else the current folder."""
    from pipeline.workspace import Workspace

    return Workspace.at(ctx.obj)


def reports_errors(func: F) -> F:
    """Turn a PipelineError into its message on standard error and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PipelineError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2 if isinstance(exc, UsageError) else 1) from None
        except KeyboardInterrupt:
            typer.echo("interrupted: finished work was saved; run the command again to resume.", err=True)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def as_json_if(wanted: bool, data: Any) -> bool:
    """Print `data` as JSON when --json was given; True if it was (the command is done)."""
    if wanted:
        emit_json(data)
    return wanted


def write_or_print(data: bytes, output: Path | None) -> None:
    """A file's bytes: written to `output` (atomically), or to standard output."""
    from pipeline.workspace import atomic_write

    if output is not None:
        atomic_write(output, data)
        typer.echo(f"wrote {output}", err=True)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def exit_if_skipped(skipped: list[str]) -> None:
    """After a command did what it could: name what it skipped, and exit 1."""
    if not skipped:
        return
    for message in skipped:
        typer.echo(f"skipped: {message}", err=True)
    typer.echo(
        f"error: {len(skipped)} statement(s) or translation(s) were skipped (above); "
        "the others were done. Fix those files, then run the command again.",
        err=True,
    )
    raise typer.Exit(1)


@app.callback()
def main_options(
    ctx: typer.Context,
    root: Annotated[
        Path | None,
        typer.Option("--root", help="The workspace folder (default: the current folder).", file_okay=False),
    ] = None,
) -> None:
    ctx.obj = root


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@app.command()
@reports_errors
def add(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(
            help="Files to add (.txt .md .html .docx .odt), web addresses (https://…), or - for standard input."
        ),
    ],
    lang: Annotated[
        str | None, typer.Option(help="The statement's language (es or en), if detection gets it wrong.")
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="The title, instead of the one found in the text.")
    ] = None,
    date: Annotated[str | None, typer.Option(help="The date, YYYY-MM-DD.")] = None,
    org: Annotated[str | None, typer.Option(help="The organisation that issued it.")] = None,
    slug: Annotated[str | None, typer.Option(help="The file name in originals/ (one file only).")] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print JSON: each statement, its metadata, and the lines removed, with why."
        ),
    ] = False,
) -> None:
    """Clean statements and add them to originals/. Prints each slug on its own line."""
    from pipeline.ingest import Overrides
    from pipeline.ingest import add as add_files

    results = add_files(workspace(ctx), files, Overrides(lang, title, date, org, slug))
    for result in results:
        for message in result.warnings:
            warn(message)
        if not result.created:
            typer.echo(f"already added as {result.slug}; nothing new was written.", err=True)
        if not as_json:
            typer.echo(f"{result.slug}: {removed_summary(result.removed)}", err=True)
            typer.echo(result.slug)
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "slug": r.slug,
                        "created": r.created,
                        "path": str(r.path),
                        "meta": {k: v for k, v in r.meta.items() if v not in (None, [], "")},
                        "removed": [{"text": x.text, "reason": x.reason} for x in r.removed],
                        "warnings": r.warnings,
                    }
                    for r in results
                ],
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )


def removed_summary(removed: list[Any]) -> str:
    """ "removed 41 lines of page clutter (12 navigation, 9 comments, …); see them with --json"."""
    if not removed:
        return "nothing removed as page clutter"
    counts: dict[str, int] = {}
    for item in removed:
        counts[item.reason] = counts.get(item.reason, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{n} {why}" for why, n in top[:4]) + (", …" if len(top) > 4 else "")
    lines = "line" if len(removed) == 1 else "lines"
    return f"removed {len(removed)} {lines} of page clutter ({shown}); list them with --json"


@app.command("list")
@reports_errors
def list_(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the statements, their language and translation status per target."""
    from pipeline.review.status import overview

    skipped: list[str] = []
    rows = overview(workspace(ctx), skipped)
    if not as_json_if(as_json, rows):
        if not rows and not skipped:
            typer.echo("no statements yet: add one with `statements add FILE`.", err=True)
        for row in rows:
            trans = ", ".join(f"{lang}: {s['summary']}" for lang, s in row["translations"].items()) or "-"
            typer.echo(f"{row['slug']}\t{row['lang']}\t{row['date'] or '-'}\t{row['title']}\t[{trans}]")
    skipped += [s["error"] for row in rows for s in row["translations"].values() if "error" in s]
    exit_if_skipped(skipped)


@app.command()
@reports_errors
def detect(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="A file, or the slug of a statement.")],
    blocks: Annotated[bool, typer.Option("--blocks", help="Also report each block.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Detect the language of a statement, and of each block with --blocks."""
    from pipeline.review.status import detect_report

    report = detect_report(workspace(ctx), target, blocks)
    if as_json_if(as_json, report):
        return
    typer.echo(f"{report['lang']}\t{report['confidence']:.2f}")
    for b in report["blocks"]:
        mark = f"  ← kept as it is: {b['reason']}" if b.get("flagged") else ""
        typer.echo(f"  [{b['index']}] {b['lang']} {b['confidence']:.2f}  {b['text'][:70]}{mark}")


@app.command()
@reports_errors
def doctor(as_json: JsonOpt = False) -> None:
    """Show what is installed (pandoc, typst, engines, models) and how to fix what is missing."""
    from pipeline.doctor import diagnose

    checks = diagnose()
    if not as_json_if(as_json, [c.as_dict() for c in checks]):
        for check in checks:
            typer.echo(f"{'ok' if check.ok else 'MISSING':8} {check.name:18} {check.detail}")
            if not check.ok and check.fix:
                typer.echo(f"{'':8} {'':18} → {check.fix}")
    missing = [c.name for c in checks if c.required and not c.ok]
    if missing:
        typer.echo(f"error: statements cannot work without: {', '.join(missing)} (see above).", err=True)
        raise typer.Exit(1)


LangOpt = Annotated[str | None, typer.Option("--to", help="Target language: es or en.")]
SlugArg = Annotated[str, typer.Argument(help="The statement.")]


@app.command()
@reports_errors
def translate(
    ctx: typer.Context,
    slugs: Annotated[list[str] | None, typer.Argument(help="Statements to translate (default: all).")] = None,
    to: LangOpt = None,
    engine: Annotated[
        str, typer.Option(help="auto, argos, apertium or libretranslate (a server: see LIBRETRANSLATE_URL).")
    ] = "auto",
    beam: Annotated[int, typer.Option(help="Beam size for Argos models.", min=1, max=16)] = 4,
    length_penalty: Annotated[float, typer.Option(help="Length penalty for Argos models.")] = 0.2,
    force: Annotated[bool, typer.Option(help="Translate machine blocks again (human work is kept).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Translate statements (to the other language by default), through the translation memory."""
    from pipeline.translate import Options
    from pipeline.translate import translate as run

    bar: Any = None

    def close() -> None:
        nonlocal bar
        if bar is not None:
            bar.__exit__(None, None, None)
            bar = None

    def progress(done: int, total: int) -> None:
        # One bar per language pair: run_pair reports (0, total) as each pair begins.
        nonlocal bar
        if done == 0:
            close()
            if total:
                bar = typer.progressbar(length=total, label="translating", file=sys.stderr)
                bar.__enter__()
        elif bar is not None:
            bar.update(done)

    try:
        summary = run(workspace(ctx), slugs or [], to, Options(engine, force, beam, length_penalty), progress)
    finally:
        close()
    if not as_json_if(as_json, summary.as_dict()):
        for slug, info in summary.statements.items():
            counts = ", ".join(f"{n} {s}" for s, n in info["status"].items() if n)
            typer.echo(f"{slug} → {info['to']}: {counts}")
            echo_kept(info["kept"])
        typer.echo(
            f"{summary.segments} segments, {summary.memory_hits} from memory, "
            f"{summary.engine_calls} engine calls, {summary.seconds:.1f} s",
            err=True,
        )
    exit_if_skipped(summary.skipped)


@app.command()
@reports_errors
def status(
    ctx: typer.Context,
    slug: SlugArg,
    to: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show each block's translation status, and the counts per status."""
    from pipeline.review.status import status_report

    report = status_report(workspace(ctx), slug, to)
    if as_json_if(as_json, report):
        return
    for target in report["translations"]:
        counts = ", ".join(f"{n} {s}" for s, n in target["counts"].items() if n)
        typer.echo(f"{report['slug']} → {target['to']}: {counts}")
        title = target["title"]
        typer.echo(f"  [title] {title['status']:8} {title['text'][:60]}")
        for block in target["blocks"]:
            flags = f" [{', '.join(block['flags'])}]" if block["flags"] else ""
            typer.echo(f"  [{block['index']}] {block['status']:8} {block['text'][:60]}{flags}")
        echo_kept(target["kept"])


def block_numbers(values: list[str]) -> list[int]:
    """`--block` values: block numbers, or `title` (the title is block -1)."""
    from pipeline.errors import UsageError

    numbers = []
    for value in values:
        if value.strip().lower() == "title":
            numbers.append(-1)
        elif value.strip().lstrip("-").isdigit():
            numbers.append(int(value))
        else:
            raise UsageError(
                f"--block {value}: give a block number, as `statements status SLUG` lists them, or title."
            )
    return numbers


def echo_kept(kept: list[dict[str, Any]]) -> None:
    """The blocks left untranslated for their language, so that a person checks them."""
    if not kept:
        return
    typer.echo(f"  {len(kept)} block(s) left untranslated, in another language (check them):")
    for b in kept:
        why = f", {b['evidence']}" if b["evidence"] else ""
        typer.echo(f"    [{b['index']}] {b['lang']}{why}: {b['text'][:70]}")


@app.command()
@reports_errors
def review(
    ctx: typer.Context,
    slug: SlugArg,
    to: LangOpt = None,
    block: Annotated[
        list[str] | None,
        typer.Option(
            "--block",
            help="Block number to mark reviewed, as `statements status SLUG` shows, or `title` (repeatable).",
        ),
    ] = None,
    all_blocks: Annotated[bool, typer.Option("--all", help="Mark every block reviewed.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Mark blocks of a translation as reviewed; their text feeds the translation memory.

    Block numbers are the ones `statements status SLUG` lists.
    """
    from pipeline.review.status import mark_reviewed

    if not block and not all_blocks:
        typer.echo(
            "error: say which blocks: --block N (repeatable; `statements status SLUG` lists the numbers) or --all.",
            err=True,
        )
        raise typer.Exit(2)
    marked = mark_reviewed(workspace(ctx), slug, to, None if all_blocks else block_numbers(block or []))
    if as_json:
        emit_json({"reviewed": marked})
    else:
        shown = ["title" if i < 0 else str(i) for i in marked]
        typer.echo(f"marked {len(marked)} block(s) reviewed: {', '.join(shown) or '-'}")


@app.command()
@reports_errors
def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="The address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port (0: any free one).", min=0, max=65535)] = 8750,
    open_browser: Annotated[
        bool | None,
        typer.Option(
            "--open/--no-open", help="Open the page in a browser (default: when there is a display)."
        ),
    ] = None,
) -> None:
    """Review in the browser: prints the address to open (with its secret token) first."""
    from pipeline.review.serve import serve as run

    run(workspace(ctx), host, port, open_browser, announce=typer.echo)


@models_app.command("list")
@reports_errors
def models_list(as_json: JsonOpt = False) -> None:
    """List installed Argos packages: pair, version and path."""
    from pipeline.translate.engines.argos_packages import list_packages, packages_dir

    packages = list_packages()
    if as_json_if(as_json, [p.as_dict() for p in packages]):
        return
    if not packages:
        typer.echo(f"no Argos packages in {packages_dir()}: `statements models install es en`.", err=True)
    for p in packages:
        typer.echo(f"{p.from_code}→{p.to_code}\t{p.package_version}\t{p.path}")


@models_app.command("install")
@reports_errors
def models_install(
    source: Annotated[str, typer.Argument(help="A source language code, or a .argosmodel file.")],
    target: Annotated[str | None, typer.Argument(help="The target language code.")] = None,
) -> None:
    """Install a model: `install es en` from the Argos index, or `install FILE.argosmodel`."""
    from pipeline.translate.engines.argos_packages import install_file, install_from_index

    if target is None:
        if not source.endswith(".argosmodel") and not Path(source).is_file():
            typer.echo("error: give FROM TO (e.g. `es en`) or a .argosmodel file.", err=True)
            raise typer.Exit(2)
        info = install_file(Path(source))
    else:
        info = install_from_index(source, target)
    typer.echo(f"installed {info.from_code}→{info.to_code} {info.package_version} at {info.path}")


@models_app.command("remove")
@reports_errors
def models_remove(
    source: Annotated[str, typer.Argument(help="Source language code.")],
    target: Annotated[str, typer.Argument(help="Target language code.")],
) -> None:
    """Remove the installed package(s) for a pair."""
    from pipeline.translate.engines.argos_packages import remove

    for info in remove(source, target):
        typer.echo(f"removed {info.from_code}→{info.to_code} {info.package_version} ({info.path})")


def _term_line(term: Any) -> str:
    target = "(never translated)" if term.keep else term.en
    return f"{term.es}\t{target}" + (f"\t# {term.note}" if term.note else "")


@glossary_app.command("list")
@reports_errors
def glossary_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the terms: Spanish, English (or that the name is never translated), and the note."""
    from dataclasses import asdict

    from pipeline import glossary

    terms = glossary.load(workspace(ctx))
    if as_json_if(as_json, [{**asdict(t), "keep": t.keep} for t in terms]):
        return
    if not terms:
        typer.echo(
            "the glossary is empty: `statements glossary add SPANISH ENGLISH`, or `glossary suggest`.",
            err=True,
        )
    for term in terms:
        typer.echo(_term_line(term))


@glossary_app.command("add")
@reports_errors
def glossary_add(
    ctx: typer.Context,
    es: Annotated[str, typer.Argument(help="The term in Spanish (or a name that is never translated).")],
    en: Annotated[
        str | None, typer.Argument(help="Its English; leave it out for a name never translated.")
    ] = None,
    note: Annotated[str, typer.Option(help="A note for translators and reviewers.")] = "",
) -> None:
    """Add a term, or change the one with the same Spanish or English text."""
    from pipeline import glossary

    done, term = glossary.add(workspace(ctx), es, en, note)
    typer.echo(f"{done}: {_term_line(term)}")


@glossary_app.command("remove")
@reports_errors
def glossary_remove(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(help="The term's Spanish or English text.")],
) -> None:
    """Remove a term (named by its Spanish or its English text)."""
    from pipeline import glossary

    removed = glossary.remove(workspace(ctx), term)
    typer.echo(f"removed: {_term_line(removed)}")


@glossary_app.command("import")
@reports_errors
def glossary_import(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A TBX file, or a CSV file with the columns es, en (and note).")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Merge a TBX or CSV glossary into the workspace's; its terms win where both have one."""
    from pipeline import glossary

    merged = glossary.import_file(workspace(ctx), file)
    if not as_json_if(as_json, merged.as_dict()):
        typer.echo(f"{len(merged.added)} added, {len(merged.updated)} updated, {merged.unchanged} unchanged")


@glossary_app.command("export")
@reports_errors
def glossary_export(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", help="csv or tbx.")] = "csv",
    output: Annotated[Path | None, typer.Option(help="Write here instead of standard output.")] = None,
) -> None:
    """Write the glossary as CSV or TBX (for CAT and terminology tools)."""
    from pipeline import glossary

    data = glossary.export(workspace(ctx), format)
    write_or_print(data, output)


@glossary_app.command("suggest")
@reports_errors
def glossary_suggest(
    ctx: typer.Context,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print glossary rows to edit and `glossary import`.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Propose names and acronyms found in the originals that the glossary does not have yet."""
    from pipeline import glossary

    found = glossary.suggest(workspace(ctx))
    if as_json_if(as_json, [s.as_dict() for s in found]):
        return
    if as_csv:
        typer.echo(glossary.dump([s.term for s in found]), nl=False)
        return
    for s in found:
        typer.echo(f"{s.text}\t{s.kind}\t{s.lang}\t{len(s.statements)} statement(s)")
    typer.echo(
        f"{len(found)} suggestion(s). Add one with `statements glossary add TEXT [TRANSLATION]`, "
        "or take them all: `statements glossary suggest --csv > terms.csv`, edit, `statements glossary import terms.csv`.",
        err=True,
    )


@app.command()
@reports_errors
def build(
    ctx: typer.Context,
    lang: Annotated[str | None, typer.Option(help="Build the collection in one language (es or en).")] = None,
    bilingual: Annotated[str | None, typer.Option(help="Build a bilingual booklet: es-en or en-es.")] = None,
    format: Annotated[
        str, typer.Option("--format", help="epub, pdf, docx or html, or several joined by commas.")
    ] = "epub,pdf",
    select: Annotated[
        list[str] | None,
        typer.Option(help="tag:X, org:X, from:YYYY-MM-DD, to:YYYY-MM-DD or slugs (repeatable)."),
    ] = None,
    draft: Annotated[bool, typer.Option(help="Mark machine text that is not reviewed yet.")] = False,
    paper: Annotated[str, typer.Option(help="PDF and DOCX paper: a5, a4 or letter.")] = "a5",
    output: Annotated[Path | None, typer.Option(help="Folder for the books (default: outputs/).")] = None,
    cover: Annotated[
        Path | None, typer.Option(help="A cover image (PNG or JPEG) instead of the generated one.")
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            help="Refuse to build while a fidelity finding is open or a statement lacks a translation."
        ),
    ] = False,
    imposition: Annotated[
        str | None,
        typer.Option(help="booklet: also write each A5 PDF imposed two-up on A4 sheets (NAME.imposed.pdf)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Build EPUB, PDF and Word books and web pages into outputs/, saying what each carries unreviewed."""
    from pipeline.publish import BuildOptions
    from pipeline.publish import build as run

    formats = tuple(f.strip() for f in format.split(",") if f.strip())
    opts = BuildOptions(
        lang, bilingual, formats, select or [], draft, paper, output, cover, strict, imposition
    )
    result = run(workspace(ctx), opts)
    for message in result.warnings:
        warn(message)
    for book in result.books:  # what each book carries that nobody has vouched for
        for line in book.lines():
            typer.echo(line, err=True)
    data = {
        "files": [str(p) for p in result.files],
        "warnings": result.warnings,
        "books": [b.as_dict() for b in result.books],
        "skipped": result.skipped,
    }
    if not as_json_if(as_json, data):
        for path in result.files:
            typer.echo(str(path))
    exit_if_skipped(result.skipped)


@app.command()
@reports_errors
def diff(
    ctx: typer.Context,
    slug: SlugArg,
    to: LangOpt = None,
    html_file: Annotated[
        Path | None, typer.Option("--html", help="Also write a standalone HTML report here.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Word-level diffs: machine draft against human edit, and old original against new."""
    from pipeline.review.diff import diff_report
    from pipeline.review.render import html_report, terminal
    from pipeline.workspace import atomic_write

    report = diff_report(workspace(ctx), slug, to)
    if html_file is not None:
        atomic_write(html_file, html_report(report))
        typer.echo(f"wrote {html_file}", err=True)
    if as_json_if(as_json, report):
        return
    typer.echo(terminal(report, colour=sys.stdout.isatty()))


@app.command()
@reports_errors
def check(
    ctx: typer.Context,
    slugs: Annotated[
        list[str] | None, typer.Argument(help="Statements to check (default: all translated).")
    ] = None,
    to: LangOpt = None,
    strict: Annotated[bool, typer.Option(help="Exit with status 1 if there is any finding.")] = False,
    dismiss: Annotated[
        list[str] | None, typer.Option("--dismiss", help="Dismiss a finding by its id (repeatable).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Fidelity checks: numbers, dates, names, negations, untranslated, degenerate, length."""
    from pipeline.review.findings import dismiss as dismiss_findings
    from pipeline.review.findings import findings as find

    ws = workspace(ctx)
    if dismiss:
        done = dismiss_findings(ws, dismiss)
        typer.echo(f"dismissed {len(done)} finding(s); they return if either text changes.", err=True)
        return
    skipped: list[str] = []
    findings = find(ws, slugs or [], to, skipped)
    if as_json:
        emit_json([f.as_dict() for f in findings])
    else:
        for f in findings:
            typer.echo(
                f"{f.id}  {f.slug} → {f.lang} block {f.block}  {f.check}: {f.explanation} [{f.evidence}]"
            )
        typer.echo(f"{len(findings)} finding(s)", err=True)
    exit_if_skipped(skipped)
    if strict and findings:
        raise typer.Exit(1)


@app.command()
@reports_errors
def export(
    ctx: typer.Context,
    slug: Annotated[str | None, typer.Argument(help="The statement (omit with --memory).")] = None,
    to: LangOpt = None,
    format: Annotated[str, typer.Option("--format", help="xliff, po or tmx.")] = "xliff",
    output: Annotated[Path | None, typer.Option(help="Write here instead of standard output.")] = None,
    memory: Annotated[
        bool, typer.Option("--memory", help="Export the whole translation memory (TMX).")
    ] = False,
) -> None:
    """Export a translation's segments as XLIFF, PO or TMX for CAT tools and Weblate."""
    from pipeline.errors import choice
    from pipeline.interchange import export as run
    from pipeline.interchange import export_memory
    from pipeline.model import LANGUAGES, other

    ws = workspace(ctx)
    if memory:
        if format != "tmx" or to is None:
            typer.echo(
                "error: --memory exports TMX for one direction; add --format tmx --to es|en.", err=True
            )
            raise typer.Exit(2)
        data = export_memory(ws, other(choice("--to", to, LANGUAGES)), to)
    elif slug is None:
        typer.echo("error: name a statement, or use --memory.", err=True)
        raise typer.Exit(2)
    else:
        data = run(ws, slug, to, format)
    write_or_print(data, output)


@app.command("import")
@reports_errors
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An XLIFF, PO or TMX file exported by `statements export`.")],
    as_json: JsonOpt = False,
) -> None:
    """Import segments edited in a CAT tool; changed blocks become `edited` (or `reviewed`)."""
    from pipeline.interchange import import_file

    result = import_file(workspace(ctx), file)
    if as_json_if(as_json, {"updated": result.updated, "unchanged": result.unchanged}):
        return
    typer.echo(f"updated {len(result.updated)} block(s), {result.unchanged} unchanged")


@app.command()
@reports_errors
def align(
    ctx: typer.Context,
    original: Annotated[str, typer.Argument(help="The original: a slug, or a file to add first.")],
    translation: Annotated[Path, typer.Argument(help="An existing human translation of it (a file).")],
    to: LangOpt = None,
    engine: Annotated[
        str, typer.Option(help="Whose machine translation is evidence: auto, argos, apertium, or none.")
    ] = "auto",
    as_json: JsonOpt = False,
) -> None:
    """Pair an existing human translation with its original, block by block, never cutting a sentence."""
    from pipeline.interchange.align import THRESHOLD
    from pipeline.interchange.align import align as run

    if not translation.is_file():
        typer.echo(f"error: {translation}: no such file.", err=True)
        raise typer.Exit(1)
    report = run(workspace(ctx), original, translation, to, engine)
    if as_json_if(as_json, report.as_dict()):
        return
    typer.echo(
        f"aligned {report.pairs} block(s) of {report.slug} → {report.lang} (evidence: {report.engine}), "
        f"mean score {report.confidence:.2f}"
    )
    for index in report.edited:
        typer.echo(f"  block {index}: score below {THRESHOLD}, stored as edited, not reviewed", err=True)
    for index in report.kept:
        typer.echo(f"  block {index}: already has human work; left as it was", err=True)
    for index, into in report.merged.items():
        typer.echo(f"  original block {index}: translated within block {into}'s sentence", err=True)
    for index in report.unaligned_source:
        typer.echo(f"  original block {index}: no translation found (marked suspect)", err=True)
    for text in report.unaligned_translation:
        typer.echo(f"  translation paragraph with no original (kept as an orphan): {text[:60]}", err=True)


def main() -> None:
    # Library code reports what it skipped as a PipelineWarning; the user sees one plain line.
    warnings.formatwarning = lambda message, *_args, **_kwargs: f"warning: {message}\n"
    app(prog_name="statements")


if __name__ == "__main__":
    main()
    sys.exit(0)
