"""`symrange verify --engine dask` and `symrange.batch.verify` on a real local Dask cluster (a
scheduler and three worker processes of one thread each, on loopback, started here and torn down
at the end, also when a test fails): the same report (timings removed), JUnit XML and exit code
as a local `symrange verify --jobs 2`, also when a worker is SIGKILLed in the middle of the run;
a file that kills its workers twice is an error for that file alone; Ctrl-C writes a partial
report; the shard of a Kubernetes Indexed Job reaches the cluster run. Skipped only when the
`distributed` package is not importable (.ci/run installs it)."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pt2_support import BUILD, ROOT, binary, symrange_module

pytest.importorskip("distributed", reason="dask distributed is not importable: the cluster tests "
                    "are SKIPPED (pip install \"dask[distributed]\"; .ci/run does)")

GENERATED = int(os.environ.get("SYMRANGE_DIST_PROGRAMS", "200"))
CRASH = "crash_me.txt"  # the workers kill themselves on this file (SYMRANGE_BATCH_TEST_CRASH)


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:  # each in a session of its own: its process group is the nanny and its worker
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """The scheduler file of a running cluster. The scheduler gives a task up after it was on two
    workers that died (allowed-failures 1): 'a file that kills the engine twice'."""
    symrange_module()
    d = tmp_path_factory.mktemp("cluster")
    sf = d / "scheduler.json"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(BUILD / "python"), os.environ.get("PYTHONPATH", "")]),
               DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="1", SYMRANGE_BATCH_TEST_CRASH=CRASH)
    log = open(d / "cluster.log", "w")
    procs: list[subprocess.Popen] = []
    try:
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(sf)],
            env=env, cwd=d, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        deadline = time.time() + 60
        while not sf.exists() and time.time() < deadline:
            time.sleep(0.1)
        for _ in range(3):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file", str(sf),
                 "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
                env=env, cwd=d, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        from distributed import Client

        with Client(scheduler_file=str(sf), timeout=60) as c:
            c.wait_for_workers(3, timeout=90)
        yield sf
    finally:
        _stop(procs[::-1])
        log.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """The repository's samples and medium corpus (SYMRANGE_DIST_FULL=1: the whole corpus, large
    programs included) plus GENERATED programs of symrange-gen (12 statements each, 30 with
    SYMRANGE_DIST_FULL=1)."""
    gen = BUILD / "symrange-gen"
    if not gen.exists():
        pytest.skip(f"{gen} not built")
    out = tmp_path_factory.mktemp("gen")
    full = os.environ.get("SYMRANGE_DIST_FULL") == "1"
    subprocess.run([str(gen), "--seed", "1900", "--count", str(GENERATED), "--statements",
                    "30" if full else "12", "--out", str(out)], check=True)
    fixtures = ROOT / "tests" / "fixtures"
    return [str(fixtures / "corpus" / ("" if full else "medium")), str(fixtures / "samples"), str(out)]


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory):
    """The local run of the corpus (`--jobs 2`): its exit code, report and JUnit XML (and SARIF
    log beside them)."""
    out = tmp_path_factory.mktemp("local")
    run = local_run(corpus, out)
    assert run.returncode in (0, 1), run.stderr
    return run.returncode, out / "local.json", out / "local.xml"


def without_timings(path: Path) -> str:
    r = json.loads(path.read_text())
    for f in r["files"]:
        f.get("stats", {}).pop("time_ms", None)
        f.get("stats", {}).pop("check_time_us", None)
    r["summary"].pop("time_ms", None)
    return json.dumps(r, indent=1)


def junit_without_timings(path: Path) -> str:
    return re.sub(r' time="[^"]*"', "", path.read_text())


def local_run(paths: list[str], out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary()), "verify", *paths, "--jobs", "2", "--report", str(out / "local.json"),
                           "--junit", str(out / "local.xml"), "--sarif", str(out / "local.sarif")],
                          capture_output=True, text=True, timeout=1200)


def test_cluster_run_is_the_local_run(cluster, corpus, local, tmp_path):
    code, report, junit = local
    dist = subprocess.run([str(binary()), "verify", "--engine", "dask", str(cluster), *corpus,
                           "--report", str(tmp_path / "dist.json"), "--junit", str(tmp_path / "dist.xml"),
                           "--sarif", str(tmp_path / "dist.sarif")],
                          capture_output=True, text=True, timeout=1200)
    assert dist.returncode == code, dist.stderr
    assert without_timings(tmp_path / "dist.json") == without_timings(report)
    assert junit_without_timings(tmp_path / "dist.xml") == junit_without_timings(junit)
    assert (tmp_path / "dist.sarif").read_text() == (report.parent / "local.sarif").read_text()
    files = json.loads(report.read_text())["summary"]["files"]
    assert files >= GENERATED + 30
    # progress: one line per file as it completes, then the summary table
    lines = [x for x in dist.stderr.splitlines() if x[:6] in ("ok    ", "FAILS ", "bad   ")]
    assert len(lines) == files
    assert "symrange verify:\n" in dist.stderr


class KillWorkerAfter:
    """A progress stream that SIGKILLs one busy worker process after `n` files completed."""

    def __init__(self, sf: Path, n: int):
        from distributed import Client

        self.client = Client(scheduler_file=str(sf))
        self.n, self.seen, self.killed = n, 0, None

    def write(self, text: str) -> None:
        if text[:6] in ("ok    ", "FAILS ", "bad   "):
            self.seen += 1
            if self.seen == self.n and self.killed is None:
                busy = [w for w, ts in self.client.processing().items() if ts]
                pids = self.client.run(os.getpid, workers=busy[:1])
                self.killed = next(iter(pids.values()))
                os.kill(self.killed, signal.SIGKILL)

    def flush(self) -> None:
        pass


def test_worker_killed_mid_run_loses_nothing(cluster, corpus, tmp_path):
    sr = symrange_module()
    corpus = corpus[1:]  # the samples and the generated programs: the medium corpus costs time
    code = local_run(corpus, tmp_path).returncode
    report, junit = tmp_path / "local.json", tmp_path / "local.xml"
    killer = KillWorkerAfter(cluster, 40)
    try:
        out = sr.batch.verify(corpus, address=str(cluster), report=str(tmp_path / "dist.json"),
                              junit=str(tmp_path / "dist.xml"), batch_size=4, progress=killer)
        assert killer.killed is not None
        files = [r.file for r in out.results]
        assert len(files) == len(set(files))  # nothing counted twice
        assert out.complete and out.exit_code == code
        assert without_timings(tmp_path / "dist.json") == without_timings(report)
        assert junit_without_timings(tmp_path / "dist.xml") == junit_without_timings(junit)
        killer.client.wait_for_workers(3, timeout=90)  # the nanny restarts it for the next test
    finally:
        killer.client.close()


def test_file_that_kills_its_workers_twice_is_an_error(cluster, tmp_path):
    sr = symrange_module()
    d = tmp_path / "files"
    d.mkdir()
    samples = sorted((ROOT / "tests" / "fixtures" / "samples").glob("*.txt"))[:5]
    for s in samples:
        shutil.copy(s, d / s.name)
    shutil.copy(samples[0], d / CRASH)
    out = sr.batch.verify([str(d)], address=str(cluster), report=str(tmp_path / "r.json"),
                          batch_size=3, progress=None)
    assert out.exit_code == 1 and out.complete
    assert out.retried == 3  # its batch of three, then one task per file
    r = json.loads((tmp_path / "r.json").read_text())
    errors = {f["file"]: f["error"] for f in r["files"] if "error" in f}
    assert list(errors) == [str(d / CRASH)]
    assert "killed its cluster workers" in errors[str(d / CRASH)]
    assert r["summary"]["files"] == 6 and r["summary"]["malformed"] == 1
    # every other file as a local run has it
    (d / CRASH).unlink()
    local = local_run([str(d)], tmp_path)
    others = {f["file"]: f for f in json.loads(without_timings(tmp_path / "local.json"))["files"]}
    dist = {f["file"]: f for f in json.loads(without_timings(tmp_path / "r.json"))["files"] if "error" not in f}
    assert dist == others, local.stderr


def test_ctrl_c_writes_a_partial_report(cluster, corpus, tmp_path):
    p = subprocess.Popen([str(binary()), "verify", "--engine", "dask", str(cluster), *corpus[1:],
                          "--report", str(tmp_path / "part.json")],
                         stderr=subprocess.PIPE, text=True,
                         # SIGINT as a terminal's Ctrl-C finds it: a suite started in the
                         # background (`cmd &` in a script) runs with SIGINT ignored, the driver
                         # inherits that and rightly finishes the run (exit 1, not 130)
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    seen = 0
    for line in p.stderr:
        seen += line[:6] in ("ok    ", "FAILS ", "bad   ")
        if seen == 10:
            p.send_signal(signal.SIGINT)
            break
    p.stderr.read()
    assert p.wait(timeout=120) == 130
    r = json.loads((tmp_path / "part.json").read_text())
    assert r["summary"]["complete"] is False
    assert 10 <= r["summary"]["files"] < GENERATED


def test_shard_of_an_indexed_job_on_the_cluster(cluster, tmp_path):
    """The shard the CLI takes from JOB_COMPLETION_INDEX (--shard-total) goes to the cluster
    run: the report is the local `--shard 1/3` one, shard label included; --engine ray is a
    usage error that says it is not there yet."""
    samples = str(ROOT / "tests" / "fixtures" / "samples")
    env = dict(os.environ, JOB_COMPLETION_INDEX="1")
    # the engine flags travel to the workers as words (an enum once went over as a number)
    flags = ["--inputs", "checked", "--constraint-semantics", "range"]
    dist = subprocess.run([str(binary()), "verify", "--engine", "dask", str(cluster), samples, "--shard-total", "3",
                           *flags, "--report", str(tmp_path / "dist.json")], env=env, capture_output=True, text=True,
                          timeout=300)
    local = subprocess.run([str(binary()), "verify", samples, "--shard", "1/3", *flags,
                            "--report", str(tmp_path / "local.json")], capture_output=True, text=True, timeout=300)
    default = subprocess.run([str(binary()), "verify", samples, "--shard", "1/3",
                              "--report", str(tmp_path / "default.json")], capture_output=True, text=True, timeout=300)
    assert dist.returncode == local.returncode, dist.stderr
    assert without_timings(tmp_path / "dist.json") == without_timings(tmp_path / "local.json")
    assert without_timings(tmp_path / "dist.json") != without_timings(tmp_path / "default.json"), \
        "the flags change this shard's verdicts, so the comparison shows they reached the workers"
    assert json.loads((tmp_path / "dist.json").read_text())["summary"]["shard"] == "1/3"
    ray = subprocess.run([str(binary()), "verify", "--engine", "ray", str(cluster), samples],
                         capture_output=True, text=True, timeout=300)
    assert ray.returncode == 2 and "not implemented yet" in ray.stderr
