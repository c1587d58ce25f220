"""symrange.batch: `symrange verify` on an existing cluster (docs/distributed.md).

    from symrange import batch
    out = batch.verify(["models/"], engine="dask", address="tcp://10.0.0.5:8786",
                       report="report.json", junit="junit.xml")
    out.exit_code                    # 0, 1 (a malformed file or a `fails` check), 130 (interrupted)

The driver collects and shards the files as `symrange verify` does, hands them to the cluster in
batches (each task analyses its files in the worker's process through the C++ binding, one file
after another, and returns one FileResult per file), and builds the report, JUnit XML, SARIF
log and exit code from the results with the C++ code of the local run: the same bytes once the
timings are removed. Faults: a task whose worker died is rescheduled by the engine; a batch the
engine gives up on (Dask's KilledWorker) is split into one task per file; a file whose own task
is given up on runs once more alone on the cluster at the end (its worker may have died of
another file's task), and if that task is given up on too (it killed its workers) the file is
reported as an error. Each file is
counted once. Ctrl-C cancels the cluster's tasks and writes the partial report (exit 130).

Workers need the `symrange` package and must see the files at the paths the driver sees
(relative paths are resolved in the driver's working directory).

`python3 -m symrange.batch --spec JSON` is how `symrange verify --engine dask ADDRESS` runs it.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import signal
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Iterable, TextIO

from . import _native

__all__ = ["verify", "FileResult", "Outcome", "analyse_batch", "ENGINES"]

DEFAULT_EXTENSIONS = (".txt", ".py", ".graph", ".pt2")


@dataclass(frozen=True)
class FileResult:
    """One analysed file, as a cluster task returns it."""

    file: str
    malformed: bool  # unreadable, malformed, or its analysis crashed its workers
    fails: bool  # a check always fails
    wire: str = field(repr=False)  # the whole result as JSON (tools/Batch.h resultToJson)

    @classmethod
    def from_wire(cls, wire: str) -> "FileResult":
        j = json.loads(wire)
        return cls(j["file"], bool(j["malformed"]), bool(j["fails"]), wire)

    @property
    def object(self) -> dict:
        """The file's object of the report (BRIEF section 5), or {"file", "error"}."""
        return json.loads(self.wire)["object"]


@dataclass
class Outcome:
    """What a run gave: its exit code (as `symrange verify`), the results of the files it
    reached, the summary table, and the number of files the cluster lost and retried."""

    exit_code: int
    results: list[FileResult]
    summary: str
    complete: bool
    retried: int = 0


def analyse_batch(cwd: str, files: list[str], engine_args: dict[str, Any]) -> list[FileResult]:
    """The cluster task: analyses `files` in this process, one after another."""
    if cwd and os.getcwd() != cwd:
        os.chdir(cwd)
    crash = os.environ.get("SYMRANGE_BATCH_TEST_CRASH")  # fault injection for the tests only
    out = []
    for f in files:
        if crash and os.path.basename(f) == crash:
            os.kill(os.getpid(), signal.SIGKILL)
        out.append(FileResult.from_wire(_native.analyse_files([f], **engine_args)[0]))
    return out


class _DaskEngine:
    """Dask distributed: ADDRESS is a scheduler address (tcp://HOST:PORT) or a scheduler file."""

    def __init__(self, address: str | None):
        from distributed import Client  # noqa: PLC0415 (optional dependency)

        if address and address.endswith(".json"):
            if not os.path.isfile(address):
                raise ValueError(f"{address}: no such scheduler file")
            self.client = Client(scheduler_file=address)
        else:
            self.client = Client(address)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, key: str, *args):
        return self.client.submit(analyse_batch, *args, key=key, pure=False)

    def as_completed(self, futures):
        from distributed import as_completed  # noqa: PLC0415

        return as_completed(futures)

    @staticmethod
    def lost(exc: BaseException) -> bool:
        from distributed import KilledWorker  # noqa: PLC0415

        return isinstance(exc, KilledWorker)

    def cancel(self, futures) -> None:
        self.client.cancel(list(futures), force=True)

    def close(self) -> None:
        self.client.close()


class _RayEngine:
    """Not yet: the interface a Ray engine fills in (docs/distributed.md, "Engines")."""

    def __init__(self, address: str | None):
        raise NotImplementedError("engine 'ray' is not implemented yet; use engine='dask' "
                                  "(docs/distributed.md)")


ENGINES = {"dask": _DaskEngine, "ray": _RayEngine}


def _files(paths: list[str], extensions: Iterable[str],
           shard: tuple[int, int] | None) -> list[str]:
    files = _native.collect_files(paths, list(extensions))
    if shard and shard[1] > 1:
        files = [f for f in files if _native.shard_of(f, shard[1]) == shard[0]]
    return files


def _say(progress: TextIO | None, line: str) -> None:
    if progress is not None:
        progress.write(line + "\n")
        progress.flush()


class _Bar:
    """On a terminal, the local run's progress bar (tools/VerifyCommand.cpp) on one line: done,
    total, failures, seconds left; elsewhere one line per file."""

    def __init__(self, progress: TextIO | None, total: int):
        self.progress, self.total, self.done, self.failures = progress, total, 0, 0
        isatty = getattr(progress, "isatty", None)
        self.tty = bool(isatty and isatty())
        self.start = time.monotonic()

    def file(self, r: FileResult) -> None:
        self.done += 1
        self.failures += r.malformed or r.fails
        if not self.tty:
            if r.malformed:
                _say(self.progress, "bad   " + r.object["error"])
            else:
                _say(self.progress, ("FAILS " if r.fails else "ok    ") + r.file)
            return
        width = 30
        filled = width * self.done // max(1, self.total)
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done)
        self.progress.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}  "
                            f"failures: {self.failures}  left: {round(left)}s   ")
        self.progress.flush()

    def note(self, line: str) -> None:
        _say(self.progress, ("\n" if self.tty and self.done else "") + line)

    def end(self) -> None:
        if self.tty and self.done:
            _say(self.progress, "")


def verify(paths: Iterable[str | os.PathLike], *, engine: str = "dask", address: str | None = None,
           report: str = "", junit: str = "", sarif: str = "",
           shard: tuple[int, int] | None = None, extensions: Iterable[str] = DEFAULT_EXTENSIONS,
           budget: int = 0, constraint_semantics: str = "aten", inputs: str = "unchecked",
           ops: str = "", batch_size: int = 0, progress: TextIO | None = sys.stderr) -> Outcome:
    """Verifies the files under `paths` on the cluster at `address` (engine "dask"). Writes the
    outputs asked for (report JSON, JUnit XML, SARIF) as `symrange verify` does; ValueError when
    no file matches (a usage error, exit 2, in the CLI). `batch_size`:
    files per task (0: about four tasks per worker, at most 16 files each). Progress goes to
    `progress` as files complete: a bar when it is a terminal, else the lines "ok    FILE",
    "FAILS FILE", "bad   ERROR" of a local run."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(sorted(ENGINES))}, not {engine!r}")
    paths, extensions = [os.fspath(p) for p in paths], list(extensions)
    files = _files(paths, extensions, shard)
    if not files and not _files(paths, extensions, None):
        raise ValueError(f"no files to analyse: nothing under {' '.join(paths)} ends in "
                         f"{' '.join(extensions)}")
    engine_args = {"budget": budget, "constraint_semantics": constraint_semantics,
                   "inputs": inputs, "ops": os.path.abspath(ops) if ops else ""}
    _native.analyse_files([], **engine_args)  # bad options fail here, not on every worker
    cluster = ENGINES[engine](address)
    size = batch_size or max(1, min(16, math.ceil(len(files) / (4 * cluster.workers))))
    run = uuid.uuid4().hex[:12]
    cwd = os.getcwd()
    results: dict[str, FileResult] = {}
    pending: dict[Any, list[str]] = {}
    counter = 0
    retried = 0
    complete = True
    bar = _Bar(progress, len(files))

    def submit(batch: list[str]):
        nonlocal counter
        counter += 1
        fut = cluster.submit(f"symrange-verify-{run}-{counter}", cwd, batch, engine_args)
        pending[fut] = batch
        return fut

    def record(got: list[FileResult]) -> None:
        for r in got:
            if r.file in results:  # never counted twice
                continue
            results[r.file] = r
            bar.file(r)

    def killed(file: str, exc: BaseException) -> list[FileResult]:
        return [FileResult.from_wire(_native.failed_file(
            file, f"{file}:1:1: error: internal error: the analysis of this file "
                  f"killed its cluster workers ({type(exc).__name__})"))]

    # Files whose own task the engine gave up on. Such a file is the culprit, or a bystander: its
    # task ran on a worker that another file's task killed (one task per file run side by
    # side). Each runs once more at the end, alone on the cluster, and only one whose task is
    # given up on there too is an error.
    suspects: list[str] = []
    try:
        first = [submit(files[i:i + size]) for i in range(0, len(files), size)]
        done_iter = cluster.as_completed(first)
        for fut in done_iter:
            batch = pending.pop(fut)
            try:
                got = fut.result()
            except Exception as exc:  # noqa: BLE001 (the engine's and the task's errors)
                if not cluster.lost(exc):
                    raise
                if len(batch) > 1:  # which file killed the workers? one task per file
                    retried += len(batch)
                    bar.note(f"retry {len(batch)} files one by one: {exc}")
                    for f in batch:
                        done_iter.add(submit([f]))
                    continue
                suspects.append(batch[0])
                continue
            record(got)
        for f in suspects:
            if f in results:
                continue
            alone = submit([f])
            for fut in cluster.as_completed([alone]):
                pending.pop(fut)
                try:
                    got = fut.result()
                except Exception as exc:  # noqa: BLE001 (the engine's and the task's errors)
                    if not cluster.lost(exc):
                        raise
                    got = killed(f, exc)
                record(got)
    except KeyboardInterrupt:
        complete = False
        cluster.cancel(pending)
    finally:
        try:
            cluster.close()
        except Exception:  # noqa: BLE001 (closing a client whose scheduler is gone)
            pass
    bar.end()
    ordered = [results[f] for f in files if f in results]
    sys.stderr.flush()
    code, summary = _native.finish_batch([r.wire for r in ordered], complete,
                                         shard[0] if shard else 0, shard[1] if shard else 1,
                                         report, junit, sarif)
    if progress is not None and summary:
        progress.write(summary)
        progress.flush()
    return Outcome(code, ordered, summary, complete, retried)


def main(argv: list[str] | None = None) -> int:
    """`python3 -m symrange.batch --spec JSON`: the run `symrange verify --engine E ADDRESS`
    hands over (the CLI has validated the flags; the spec carries them)."""
    ap = argparse.ArgumentParser(prog="python3 -m symrange.batch")
    ap.add_argument("--spec", required=True, help="the run as JSON (written by `symrange verify`)")
    spec = json.loads(ap.parse_args(argv).spec)
    try:
        out = verify(spec["paths"], engine=spec["engine"], address=spec["address"],
                     report=spec.get("report", ""), junit=spec.get("junit", ""),
                     sarif=spec.get("sarif", ""), shard=tuple(spec.get("shard", (0, 1))),
                     extensions=spec.get("extensions", DEFAULT_EXTENSIONS),
                     budget=spec.get("budget", 0),
                     constraint_semantics=spec.get("constraint_semantics", "aten"),
                     inputs=spec.get("inputs", "unchecked"), ops=spec.get("ops", ""))
    except ImportError as exc:
        hint = ' (pip install "dask[distributed]")' if exc.name in ("dask", "distributed") else ""
        print(f"symrange verify: error: engine '{spec['engine']}': {exc}{hint}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 (an engine's or a task's error: a usage error here)
        print(f"symrange verify: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    return out.exit_code


if __name__ == "__main__":
    sys.exit(main())
