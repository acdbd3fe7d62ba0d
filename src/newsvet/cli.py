"""The ``newsvet`` command line. The only module that prints.

Exit codes: 0 ok, 1 a ``--fail-under`` threshold was crossed, 2 bad input or
usage (one line on stderr, no traceback). Set ``NEWSVET_DEBUG=1`` to get the
traceback of an unexpected error.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, NoReturn, Optional

import typer
from rich.console import Console

from .errors import NewsvetError

app = typer.Typer(
    name="newsvet",
    help="How far to trust a news article: content-farm signals with evidence and a calibrated rating.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
labelled_app = typer.Typer(help="Build the labelled feature tables from the corpora.", no_args_is_help=True)
app.add_typer(labelled_app, name="labelled")

_out = Console(highlight=False, soft_wrap=False)

DEFAULT_DATA_ROOT = os.environ.get("NEWSVET_DATA_ROOT", "../shared")
DEFAULT_LABELLED = "labelled"


def _die(message: str, code: int = 2) -> NoReturn:
    line = " ".join(str(message).split()) or "error"
    sys.stderr.write(f"newsvet: error: {line}\n")
    raise SystemExit(code)


def _print_version(value: bool) -> None:
    """``--version``: newsvet's version, the Python, and which of the heaviest
    modules run compiled (the first things a bug report needs)."""
    if not value:
        return
    import platform

    from . import __version__, _compiled

    status = _compiled.status()
    n = sum(s == "compiled" for s in status.values())
    how = "mypyc and C" if n else (
        "NEWSVET_PURE_PYTHON is set" if _compiled.pure_python_requested() else "pure Python build"
    )
    _out.print(f"newsvet {__version__}")
    _out.print(f"python {platform.python_version()} ({platform.python_implementation()})")
    _out.print(f"compiled modules: {n} of {len(status)} ({how})")
    raise typer.Exit()


@app.callback()
def _app(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True,
        help="Print the version, the Python and whether the heaviest modules run compiled.",
    ),
) -> None:
    """How far to trust a news article: content-farm signals with evidence and a calibrated rating."""


def _load_model(path: Optional[Path], trust: bool) -> Any:
    from .model import load_model

    return load_model(path, trust=trust)


@app.command()
def score(
    source: str = typer.Argument(..., help="A .txt or .html file, an http(s) URL, or - for standard input."),
    as_json: bool = typer.Option(False, "--json", help="Print the full assessment as JSON."),
    model: Optional[Path] = typer.Option(None, "--model", help="A model file other than the bundled one."),
    trust_model: bool = typer.Option(
        False, "--trust-model", help="Load a model file not in the shipped manifest (joblib files can run code)."
    ),
    reasons: int = typer.Option(6, "--reasons", min=1, help="How many reasons to show."),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow fetching loopback/private network addresses."
    ),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Network timeout in seconds."),
) -> None:
    """Rate one article and explain the rating."""
    from . import api, ingest
    from .report import render_assessment, to_json

    m = _load_model(model, trust_model)
    if source.startswith(("http://", "https://")):
        doc = ingest.fetch_url(source, timeout=timeout, allow_private=allow_private)
    else:
        doc = ingest.load_source(source)
    a = api.score(doc, model=m)
    if as_json:
        _out.file.write(to_json(a) + "\n")
    else:
        _out.print(render_assessment(a, reasons=reasons))


@app.command("signals")
def signals_cmd(
    as_json: bool = typer.Option(False, "--json", help="List as JSON."),
) -> None:
    """List the signal extractors, their versions and values."""
    from .report import render_signal_list
    from .signals import REGISTRY

    if as_json:
        data = [
            {"name": s.name, "version": s.version, "values": list(s.value_names), "description": s.description}
            for s in REGISTRY.values()
        ]
        _out.file.write(json.dumps(data, indent=2) + "\n")
    else:
        _out.print(render_signal_list(REGISTRY))


@labelled_app.command("build")
def labelled_build(
    data_root: Path = typer.Option(Path(DEFAULT_DATA_ROOT), "--data-root", help="Folder holding the corpora."),
    out: Path = typer.Option(Path(DEFAULT_LABELLED), "--out", help="The labelled/ folder to write."),
) -> None:
    """Build labelled/ (manifest, labels, feature tables) from the corpora."""
    from .model import build_labelled

    if not data_root.is_dir():
        _die(f"data root {data_root} is not a directory (pass --data-root)")
    summary = build_labelled(data_root, out)
    _out.print(f"wrote {out}: {summary}")


@app.command()
def train(
    labelled: Path = typer.Option(Path(DEFAULT_LABELLED), "--labelled", help="The labelled/ folder."),
    out: Path = typer.Option(
        Path("models/newsvet-reliability-v1.joblib"), "--out", help="Where to save the trained model."
    ),
    seed: int = typer.Option(0, "--seed"),
) -> None:
    """Train the reliability model from labelled/ and save it with its sha256."""
    from .model import save_model, train_model

    if not labelled.is_dir():
        _die(f"labelled folder {labelled} not found (run: newsvet labelled build)")
    model = train_model(labelled, seed=seed)
    digest = save_model(model, out)
    _out.print(f"saved {out} (sha256 {digest})")


@app.command()
def evaluate(
    labelled: Path = typer.Option(Path(DEFAULT_LABELLED), "--labelled", help="The labelled/ folder."),
    folds: int = typer.Option(5, "--folds", min=2),
    seed: int = typer.Option(0, "--seed"),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    train_corpora: str | None = typer.Option(
        None,
        "--train-corpora",
        help="Comma-separated corpora to train on (default: the manifest's training corpora).",
    ),
) -> None:
    """Publisher-grouped cross-validation of the model and the TF-IDF baseline."""
    from .model import evaluate as run_evaluate
    from .model import render_evaluation

    if not labelled.is_dir():
        _die(f"labelled folder {labelled} not found (run: newsvet labelled build)")
    corpora = [c.strip() for c in train_corpora.split(",") if c.strip()] if train_corpora else None
    figures = run_evaluate(labelled, folds=folds, seed=seed, train_corpora=corpora)
    if as_json:
        _out.file.write(json.dumps(figures, indent=2, default=str) + "\n")
    else:
        _out.file.write(render_evaluation(figures) + "\n")


def _show_progress(quiet: bool) -> bool:
    """A progress bar only on a terminal, never in CI or with --quiet."""
    if quiet or os.environ.get("CI"):
        return False
    return sys.stderr.isatty()


@app.command()
def audit(
    inputs: list[str] = typer.Argument(
        ..., help="Directories, .jsonl files, .txt/.csv lists of URLs, .warc/.warc.gz files."
    ),
    out: Path = typer.Option(..., "--out", help="Folder for results.jsonl, results.csv and report.html."),
    workers: Optional[int] = typer.Option(
        None, "--workers", min=1, help="Local worker processes (default: all cores; 1 = this process)."
    ),
    engine: str = typer.Option("joblib", "--engine", help="joblib (local cores) or dask (a cluster)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (with --engine dask)."
    ),
    chunk_size: int = typer.Option(32, "--chunk-size", min=1, help="Items per chunk sent to a worker."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run in --out."),
    force: bool = typer.Option(False, "--force", help="Start over, replacing results already in --out."),
    ratings: Optional[Path] = typer.Option(
        None, "--ratings", help="CSV of known domain ratings, shown beside the scores (never used by the model)."
    ),
    ratings_column: Optional[str] = typer.Option(
        None, "--ratings-column", help="The rating column of --ratings (default: rating, pc1, type, ...)."
    ),
    fail_under: Optional[float] = typer.Option(
        None, "--fail-under", min=0.0, max=1.0,
        help="Exit 1 when the mean reliability, or the share of articles not rated unreliable, is below X.",
    ),
    fail_metric: str = typer.Option(
        "both", "--fail-metric", help="What --fail-under checks: both, mean or share."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    model: Optional[Path] = typer.Option(None, "--model", help="A model file other than the bundled one."),
    trust_model: bool = typer.Option(
        False, "--trust-model", help="Load a model file not in the shipped manifest (joblib files can run code)."
    ),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow fetching loopback/private network addresses."
    ),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Network timeout per fetch in seconds."),
    per_host: int = typer.Option(2, "--per-host", min=1, help="Requests in flight to one host at most."),
    delay: float = typer.Option(1.0, "--delay", min=0.0, help="Seconds between requests to one host."),
    retries: int = typer.Option(2, "--retries", min=0, help="Retries of a fetch after a transient error."),
) -> None:
    """Rate many articles into a folder: results.jsonl, results.csv and report.html."""
    from .batch import FetchOptions
    from .batch import audit as run_audit

    if engine not in ("joblib", "dask"):
        _die(f"--engine must be joblib or dask, not {engine!r}")
    if fail_metric not in ("both", "mean", "share"):
        _die(f"--fail-metric must be both, mean or share, not {fail_metric!r}")
    if engine == "dask" and not scheduler:
        _die("--engine dask needs --scheduler ADDRESS")
    if resume and force:
        _die("--resume and --force contradict each other")
    rating_table = None
    if ratings is not None:
        from .report.summary import load_ratings

        rating_table = load_ratings(ratings, column=ratings_column)
    fetch = FetchOptions(
        timeout=timeout, allow_private=allow_private, per_host=per_host, delay=delay,
        attempts=retries + 1,
    )  # fmt: skip
    kwargs: dict[str, Any] = {
        "resume": resume, "force": force, "backend": engine, "workers": workers,
        "scheduler": scheduler, "chunk_size": chunk_size, "model_path": model,
        "trust_model": trust_model, "fetch": fetch, "ratings": rating_table,
    }  # fmt: skip
    if _show_progress(quiet):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        with Progress(
            SpinnerColumn(), TextColumn("[bold]auditing"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[errors]} errors"), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True,
        ) as bar:  # fmt: skip
            task = bar.add_task("audit", total=None, errors=0)
            result = run_audit(
                inputs, out, progress=lambda n, e: bar.update(task, completed=n, errors=e), **kwargs
            )
    else:
        result = run_audit(inputs, out, **kwargs)
    s = result.summary
    if not quiet:
        mean = "-" if s.mean_reliability is None else f"{s.mean_reliability:.3f}"
        share = "-" if s.share_unreliable is None else f"{100 * s.share_unreliable:.1f}%"
        _out.print(
            f"{s.items} items ({result.written} scored now"
            + (f", {result.skipped} from the earlier run" if result.skipped else "")
            + f"): {s.scored} rated, {s.errors} errors; mean reliability {mean}, "
            f"{share} unreliable"
        )
        _out.print(f"wrote {', '.join(str(p) for p in result.files.values())}")
    if fail_under is not None:
        crossed = []
        if s.scored == 0:
            crossed.append("no article could be scored")
        else:
            assert s.mean_reliability is not None and s.share_unreliable is not None
            if fail_metric in ("both", "mean") and s.mean_reliability < fail_under:
                crossed.append(f"mean reliability {s.mean_reliability:.3f} < {fail_under:g}")
            if fail_metric in ("both", "share") and 1.0 - s.share_unreliable < fail_under:
                crossed.append(
                    f"{100 * s.share_unreliable:.1f}% rated unreliable > {100 * (1 - fail_under):.1f}% "
                    f"(--fail-under {fail_under:g})"
                )
        if crossed:
            sys.stderr.write(f"newsvet: fail-under: {'; '.join(crossed)}\n")
            raise SystemExit(1)


def main(argv: Optional[list[str]] = None) -> None:
    """Console entry point: run the app and map errors to exit codes."""
    logging.basicConfig(level=os.environ.get("NEWSVET_LOG", "WARNING").upper(),
                        format="newsvet: %(levelname)s: %(message)s")
    debug = bool(os.environ.get("NEWSVET_DEBUG"))
    try:
        rv = app(args=argv, prog_name="newsvet", standalone_mode=False)
    except NewsvetError as exc:
        _die(str(exc))
    except (BrokenPipeError, KeyboardInterrupt):
        raise SystemExit(130)
    except Exception as exc:  # noqa: BLE001 - a bug must still not print a traceback
        # typer vendors click in recent releases, so its exceptions are told
        # apart by shape rather than by class.
        kind = type(exc).__name__
        if kind == "NoArgsIsHelpError":
            ctx = getattr(exc, "ctx", None)
            sys.stderr.write((ctx.get_help() if ctx is not None else "") + "\n")
            raise SystemExit(2)
        if kind == "Exit":
            raise SystemExit(getattr(exc, "exit_code", 0))
        if kind == "Abort":
            _die("aborted", 130)
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            _die(exc.format_message())
        if debug:
            raise
        _die(f"unexpected {kind}: {exc} (set NEWSVET_DEBUG=1 for details)")
    raise SystemExit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
