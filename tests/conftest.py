"""Shared runs of the experiment: TensorFlow loads once per session, each run is reused."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "digits_nn.py"


def run_script(*args, cwd=None, timeout=300):
    """Run digits_nn.py as a user would, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def read_json(path):
    return json.loads(Path(path).read_text())


@pytest.fixture(scope="session")
def smoke(tmp_path_factory):
    """A default run as a user starts it, but with 5 epochs, into a temporary --out."""
    out = tmp_path_factory.mktemp("smoke") / "results"
    result = run_script("--epochs", "5", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return result, out


@pytest.fixture(scope="session")
def digits_nn():
    import digits_nn

    return digits_nn


@pytest.fixture(scope="session")
def seeded_runs(tmp_path_factory, digits_nn):
    """In-process runs: seed 0 twice (2 repeats each), seed 1 once without baselines."""
    base = tmp_path_factory.mktemp("seeded")
    common = ["--epochs", "3", "--quiet"]
    outs = {name: base / name for name in ("a", "b", "c")}
    assert digits_nn.main([*common, "--repeats", "2", "--out", str(outs["a"])]) == 0
    assert digits_nn.main([*common, "--repeats", "2", "--out", str(outs["b"])]) == 0
    # c starts as a copy of an earlier run's folder plus a file of the user's own.
    outs["c"].mkdir()
    for path in outs["a"].iterdir():
        (outs["c"] / path.name).write_bytes(path.read_bytes())
    (outs["c"] / "notes.txt").write_text("mine")
    argv = [*common, "--seed", "1", "--no-baselines", "--out", str(outs["c"])]
    assert digits_nn.main(argv) == 0
    return outs
