#!/usr/bin/env python3
"""benchmarks/dist_bench.py — throughput of `symrange verify` locally (--jobs N) and on a local
Dask cluster (a scheduler and W worker processes of one thread, on loopback) over the same files;
the engine's overhead per file from a run over trivial files. Results: benchmarks/RESULTS.md,
"Distributed verify".

    python3 benchmarks/dist_bench.py [--build build] [--programs 1000] [--trivial 1000]
                                     [--workers 3] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str]) -> tuple[float, int]:
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, r.returncode


def files_in(report: Path) -> tuple[int, float]:
    r = json.loads(report.read_text())
    return r["summary"]["files"], r["summary"]["time_ms"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=str(ROOT / "build"))
    ap.add_argument("--programs", type=int, default=1000)
    ap.add_argument("--trivial", type=int, default=1000, help="copies of a tiny program (overhead)")
    ap.add_argument("--workers", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    build = Path(a.build).resolve()
    cli = str(build / "symrange")
    tmp = Path(tempfile.mkdtemp(prefix="dist_bench"))
    procs: list[subprocess.Popen] = []
    try:
        gen = tmp / "gen"
        subprocess.run([str(build / "symrange-gen"), "--seed", "7000", "--count", str(a.programs),
                        "--out", str(gen)], check=True)
        trivial = tmp / "trivial"
        trivial.mkdir()
        src = (ROOT / "tests" / "fixtures" / "samples" / "T01.txt").read_text()
        for i in range(a.trivial):
            (trivial / f"t{i:05d}.txt").write_text(src)
        sf = tmp / "scheduler.json"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(build / "python"), os.environ.get("PYTHONPATH", "")]))
        t0 = time.perf_counter()
        procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                       "--port", "0", "--no-dashboard", "--scheduler-file", str(sf)],
                                      env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))
        while not sf.exists():
            time.sleep(0.05)
        for _ in range(a.workers):
            procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file",
                                           str(sf), "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
                                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          start_new_session=True))
        from distributed import Client

        with Client(scheduler_file=str(sf)) as c:
            c.wait_for_workers(a.workers)
        print(f"cluster up (scheduler + {a.workers} workers): {time.perf_counter() - t0:.1f} s")
        one = tmp / "one"
        one.mkdir()
        (one / "t.txt").write_text(src)
        rows = []
        for name, d in (("one file (the fixed cost)", one), ("generated", gen), ("trivial", trivial)):
            lt, _ = timed([cli, "verify", str(d), "--jobs", str(a.jobs), "--report", str(tmp / "l.json")])
            ct, _ = timed([cli, "verify", "--engine", "dask", str(sf), str(d), "--report", str(tmp / "c.json")])
            n, ms = files_in(tmp / "l.json")
            _, cms = files_in(tmp / "c.json")
            rows.append((name, n, lt, ct, ms, cms))
            print(f"{name}: {n} files; local --jobs {a.jobs}: {lt:.1f} s ({n / lt:.1f} files/s, analysis "
                  f"{ms / n:.1f} ms/file); cluster ({a.workers} workers): {ct:.1f} s ({n / ct:.1f} files/s, "
                  f"analysis {cms / n:.1f} ms/file); wall per file, cluster - local: {(ct - lt) / n * 1000:.2f} ms")
        fixed = rows[0][3]
        _, n, _, ct, _, cms = rows[2]
        print(f"engine overhead per trivial file: {(ct - fixed) / n * 1000:.2f} ms of wall time past the fixed "
              f"{fixed:.2f} s; {((ct - fixed) * min(a.workers, os.cpu_count() or 1) - cms / 1000) / n * 1000:.2f} "
              f"ms of CPU (all {min(a.workers, os.cpu_count() or 1)} cores busy, less the analysis)")
        return 0
    finally:
        for p in procs[::-1]:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            p.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
