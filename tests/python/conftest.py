# tests/python/conftest.py — shared set-up of the pytest suites (run by scripts/test.sh after
# ctest when torch is importable).
#
# - `symrange` fixture: the CLI, from env SYMRANGE_BINARY or <repo>/build/symrange.
# - `require_torch()`: skips the calling module with a clear message when torch is missing.
# - `totals` fixture: a session-wide dict of counters; each suite adds its own under its name
#   and the terminal summary prints them at the end of the run.
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TORCH_MISSING = (
    "torch is not importable in this python: the tests needing torch are skipped "
    "(install it with: pip install torch==2.13.0)"
)

_TOTALS: dict[str, dict[str, int]] = {}


def symrange_binary() -> str:
    return os.environ.get("SYMRANGE_BINARY") or str(ROOT / "build" / "symrange")


def require_torch():
    """Returns the torch module, or skips the whole calling module."""
    return pytest.importorskip("torch", reason=TORCH_MISSING)


@pytest.fixture(scope="session")
def symrange() -> str:
    b = symrange_binary()
    if not os.access(b, os.X_OK):
        pytest.fail(f"the symrange CLI is not built: {b} (build it, or set SYMRANGE_BINARY)")
    return b


@pytest.fixture(scope="session")
def symrange_options(symrange) -> set:
    """The long options `symrange analyze` accepts (for features that arrive one at a time)."""
    out = subprocess.run([symrange, "analyze", "--help"], capture_output=True, text=True)
    return {w.strip(",") for w in (out.stdout + out.stderr).split() if w.startswith("--")}


@pytest.fixture(scope="session")
def totals():
    return _TOTALS


def pytest_report_header(config):
    try:
        import torch  # noqa: F401

        t = f"torch {torch.__version__}"
    except Exception:
        t = TORCH_MISSING
    return [f"symrange CLI: {symrange_binary()}", t]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for suite, counts in sorted(_TOTALS.items()):
        body = ", ".join(f"{k} {v}" for k, v in counts.items())
        terminalreporter.write_line(f"{suite}: {body}")
