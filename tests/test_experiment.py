"""Reproducibility, repeats, baselines switch, saved model, and failures that keep old results."""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest

from conftest import SCRIPT, read_json


def test_same_seed_gives_identical_results(seeded_runs):
    a, b = seeded_runs["a"], seeded_runs["b"]
    for name in ("metrics.json", "history.csv", "repeats.csv", "predictions.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    figures = sorted(path.name for path in a.glob("*.png"))
    assert "repeats.png" in figures and "loss_curves.png" in figures
    for name in figures:  # drawn alike too: no unseeded jitter or layout noise
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_another_seed_gives_another_run(seeded_runs):
    a, c = seeded_runs["a"], seeded_runs["c"]
    assert (a / "history.csv").read_text() != (c / "history.csv").read_text()
    assert read_json(c / "metrics.json")["seed"] == 1


def test_repeats_use_consecutive_seeds_and_report_the_spread(seeded_runs):
    a = seeded_runs["a"]
    repeats = pd.read_csv(a / "repeats.csv")
    assert repeats["seed"].tolist() == [0, 1]
    assert list(repeats.columns) == [
        "seed",
        "accuracy",
        "precision",
        "recall",
        "f1",
        "test_loss",
    ]
    spread = read_json(a / "metrics.json")["repeats"]
    assert spread["n"] == 2
    assert spread["accuracy_mean"] == pytest.approx(repeats["accuracy"].mean())
    assert spread["accuracy_std"] == pytest.approx(repeats["accuracy"].std(ddof=1))
    assert (a / "repeats.png").stat().st_size > 5000
    assert "Over 2 seeds" in (a / "report.md").read_text()
    # The second repeat is seed 1's own run: the same numbers as the run with --seed 1.
    c_metrics = read_json(seeded_runs["c"] / "metrics.json")
    assert repeats["accuracy"].iloc[1] == pytest.approx(c_metrics["accuracy"])


def test_a_new_run_replaces_its_own_files_and_keeps_the_users(seeded_runs):
    c = seeded_runs["c"]
    names = {p.name for p in c.iterdir()}
    assert "notes.txt" in names and (c / "notes.txt").read_text() == "mine"
    # --no-baselines and one repeat: the earlier run's extra outputs are gone
    assert not names & {"baselines.csv", "baselines.png", "repeats.png"}
    assert "Baselines" not in (c / "report.md").read_text()
    assert len(pd.read_csv(c / "repeats.csv")) == 1


def test_saved_model_predicts_what_the_run_predicted(seeded_runs, digits_nn):
    import keras

    a = seeded_runs["a"]
    model = keras.models.load_model(a / "model.keras")
    images, target = digits_nn.load_digits()
    split = digits_nn.split_and_scale(images, target, 0.5, seed=0)
    logits = model.predict(split.x_test, verbose=0)
    predictions = pd.read_csv(a / "predictions.csv")
    assert (predictions["index"] == split.index_test).all()
    assert (logits.argmax(axis=1) == predictions["predicted"]).all()
    probabilities = predictions[[f"p{k}" for k in range(10)]].to_numpy()
    np.testing.assert_allclose(keras.ops.softmax(logits), probabilities, atol=1e-5)


def test_split_sizes_and_scaling(digits_nn):
    images, target = digits_nn.load_digits()
    split = digits_nn.split_and_scale(images, target, 0.5, seed=0)
    assert split.x_train.shape == (898, 8, 8) and split.x_test.shape == (899, 8, 8)
    assert split.x_train.dtype == np.float32
    assert split.x_train.min() == 0.0 and split.x_train.max() == 1.0
    assert sorted(np.concatenate([split.y_train, split.y_test])) == sorted(target)
    assert digits_nn.split_sizes(digits_nn.Config()) == (898, 718, 180, 899)


@pytest.mark.parametrize(
    "test_size, validation_split", [(0.5, 0.2), (0.3, 0.25), (0.77, 0.1)]
)
def test_split_sizes_predict_the_real_cut(digits_nn, test_size, validation_split):
    images, target = digits_nn.load_digits()
    split = digits_nn.split_and_scale(images, target, test_size, seed=0)
    config = digits_nn.Config(test_size=test_size, validation_split=validation_split)
    n_train, n_fit, n_val, n_test = digits_nn.split_sizes(config)
    assert (n_train, n_test) == (len(split.y_train), len(split.y_test))
    # Keras' own cut of the training half for validation_split
    from keras.src.trainers.data_adapters import array_slicing

    (fit, _), (val, _) = array_slicing.train_validation_split(
        (split.x_train, split.y_train), validation_split
    )
    assert (n_fit, n_val) == (len(fit), len(val))


def test_train_without_validation_records_no_validation_columns(digits_nn):
    images, target = digits_nn.load_digits()
    split = digits_nn.split_and_scale(images, target, 0.5, seed=3)
    model = digits_nn.build_model(16, seed=3)
    history = digits_nn.train(
        model,
        split.x_train,
        split.y_train,
        epochs=2,
        batch_size=64,
        validation_split=0.0,
        seed=3,
        progress=False,
    )
    assert list(history.columns) == ["epoch", "loss", "accuracy"]
    assert len(history) == 2


def test_a_failing_run_keeps_earlier_results(tmp_path, monkeypatch, digits_nn, capsys):
    import report

    out = tmp_path / "results"
    out.mkdir()
    (out / "metrics.json").write_text("earlier")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report, "write", disk_full)
    status = digits_nn.main(
        ["--epochs", "1", "--no-baselines", "--quiet", "--out", str(out)]
    )
    assert status == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert (out / "metrics.json").read_text() == "earlier"
    assert sorted(p.name for p in out.iterdir()) == ["metrics.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]  # no staging left


@pytest.mark.parametrize(
    "stop, status, word",
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)
def test_a_stopped_run_keeps_earlier_results(tmp_path, stop, status, word):
    out = tmp_path / "results"
    out.mkdir()
    (out / "metrics.json").write_text("earlier")
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--epochs", "100000", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        for line in process.stdout:  # wait until training has begun
            if line.startswith("Training"):
                break
        time.sleep(1.0)
        process.send_signal(stop)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == status
    assert stderr.strip().splitlines() == [
        f"digits_nn.py: {word}; {out}/ was left as it was"
    ]
    assert sorted(p.name for p in out.iterdir()) == ["metrics.json"]
    assert (out / "metrics.json").read_text() == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]  # no staging left
