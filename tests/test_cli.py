"""Command line: defaults in --help, and every invalid value refused at once."""

import subprocess
import sys

import pytest

from conftest import ROOT, run_script

BAD = [
    (["--epochs", "0"], "--epochs"),
    (["--epochs", "2.5"], "--epochs"),
    (["--epochs", "ten"], "--epochs"),
    (["--test-size", "0"], "--test-size"),
    (["--test-size", "1"], "--test-size"),
    (["--test-size", "nan"], "--test-size"),
    (["--test-size", "-0.1"], "--test-size"),
    (["--validation-split", "1"], "--validation-split"),
    (["--validation-split", "-0.2"], "--validation-split"),
    (["--validation-split", "nan"], "--validation-split"),
    (["--batch-size", "0"], "--batch-size"),
    (["--hidden-units", "0"], "--hidden-units"),
    (["--seed", "-1"], "--seed"),
    (["--repeats", "0"], "--repeats"),
    (["--test-size", "0.9995"], "--test-size"),  # leaves no digit to train on
    (["--validation-split", "1e-17"], "--validation-split"),  # not one digit
    (["--bogus"], "--bogus"),
]


@pytest.mark.parametrize("args, option", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_value_gets_one_line_and_status_2(tmp_path, args, option):
    out = tmp_path / "out"
    result = run_script(*args, "--out", str(out), cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert option in lines[0] and "error" in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []  # nothing written, not even --out


def test_out_that_is_a_file_is_refused_and_kept(tmp_path):
    target = tmp_path / "results.txt"
    target.write_text("keep me")
    for out in (target, target / "below"):
        result = run_script("--out", str(out), cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "--out" in result.stderr
        assert "is a file" in result.stderr
    assert target.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.txt"]


def test_bad_input_and_help_never_load_tensorflow():
    code = (
        "import sys, digits_nn\n"
        "for argv in (['--epochs', '0'], ['--help']):\n"
        "    try:\n"
        "        digits_nn.main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = [m for m in ('tensorflow', 'keras', 'sklearn', 'matplotlib')\n"
        "         if m in sys.modules]\n"
        "print('loaded:', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert "loaded: []" in result.stderr


def test_help_shows_every_option_with_its_default():
    result = run_script("--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for option, default in [
        ("--epochs", "100"),
        ("--seed", "0"),
        ("--test-size", "0.5"),
        ("--validation-split", "0.2"),
        ("--batch-size", "32"),
        ("--hidden-units", "128"),
        ("--repeats", "1"),
        ("--out", "figures"),
    ]:
        assert option in text
        assert f"(default: {default})" in text
    assert "--quiet" in text and "--no-baselines" in text


def test_parse_args_ignores_a_kernels_argv(monkeypatch, digits_nn):
    monkeypatch.setattr(sys, "argv", ["ipykernel_launcher.py", "-f", "/tmp/kernel.json"])
    monkeypatch.setitem(sys.modules, "ipykernel", object())
    assert digits_nn.parse_args() == digits_nn.Config()
