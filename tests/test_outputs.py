"""The end-to-end run as a user starts it: console, and every file it writes."""

import math

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from conftest import read_json

FIGURES = {  # name: smallest sensible (width, height) in pixels
    "digits_samples.png": (600, 120),
    "first_digit.png": (300, 300),
    "class_distribution.png": (400, 300),
    "loss_curves.png": (600, 300),
    "confusion_matrix.png": (400, 400),
    "misclassified.png": (600, 150),
    "predictions.png": (600, 300),
    "baselines.png": (500, 200),
}


def test_console_is_clean_and_compact(smoke):
    result, _ = smoke
    assert result.stderr == ""  # no TensorFlow C++ or absl log lines
    out = result.stdout
    assert "min value: 0.0" in out and "max value: 16.0" in out
    assert "shape: (1797, 8, 8)" in out
    assert "train samples: 898" in out and "test samples: 899" in out
    assert "9,610" in out  # the model summary
    assert len([line for line in out.splitlines() if line.startswith("epoch ")]) == 1
    for name in ("accuracy", "precision", "recall", "f1 score", "test loss"):
        assert f"  {name}:" in out


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_decodes_with_a_sensible_size(smoke, name):
    _, out = smoke
    with Image.open(out / name) as image:
        image.verify()
    with Image.open(out / name) as image:
        width, height = image.size
        pixels = np.asarray(image.convert("L"))
    min_w, min_h = FIGURES[name]
    assert min_w <= width <= 2000 and min_h <= height <= 1500
    assert pixels.std() > 10  # not a blank canvas


def test_metrics_json(smoke):
    _, out = smoke
    metrics = read_json(out / "metrics.json")
    for key in ("accuracy", "precision", "recall", "f1"):
        assert 0.5 < metrics[key] <= 1.0, key  # 5 epochs already learn most digits
    assert 0 < metrics["test_loss"] < 2.5
    assert metrics["n_train"] == 898 and metrics["n_test"] == 899
    assert metrics["n_fit"] == 718 and metrics["n_validation"] == 180
    assert metrics["seed"] == 0
    assert metrics["repeats"]["n"] == 1 and metrics["repeats"]["accuracy_std"] is None


def test_history_has_one_row_per_epoch(smoke):
    _, out = smoke
    history = pd.read_csv(out / "history.csv")
    assert list(history.columns) == [
        "epoch",
        "loss",
        "accuracy",
        "val_loss",
        "val_accuracy",
    ]
    assert history["epoch"].tolist() == [1, 2, 3, 4, 5]
    assert history["loss"].iloc[-1] < history["loss"].iloc[0]  # it learns
    assert history[["accuracy", "val_accuracy"]].stack().between(0, 1).all()


def test_confusion_matrix_matches_the_test_half_and_the_accuracy(smoke):
    _, out = smoke
    confusion = pd.read_csv(out / "confusion_matrix.csv", index_col=0)
    assert confusion.shape == (10, 10)
    assert confusion.values.sum() == 899
    accuracy = read_json(out / "metrics.json")["accuracy"]
    assert math.isclose(np.trace(confusion.values) / 899, accuracy)


def test_predictions_and_class_report_agree(smoke):
    _, out = smoke
    predictions = pd.read_csv(out / "predictions.csv")
    assert len(predictions) == 899
    assert predictions["index"].between(0, 1796).all() and predictions["index"].is_unique
    probabilities = predictions[[f"p{k}" for k in range(10)]].to_numpy()
    np.testing.assert_allclose(probabilities.sum(axis=1), 1, atol=1e-4)
    assert (probabilities.argmax(axis=1) == predictions["predicted"]).all()
    report = pd.read_csv(out / "classification_report.csv", index_col=0)
    assert report.loc[[str(k) for k in range(10)], "support"].sum() == 899
    assert {"precision", "recall", "f1-score"} <= set(report.columns)
    f1 = read_json(out / "metrics.json")["f1"]
    assert math.isclose(report.loc["weighted avg", "f1-score"], f1)


def test_model_summary_and_run_record(smoke):
    _, out = smoke
    summary = (out / "model_summary.txt").read_text()
    assert "Total params: 9,610" in summary and "dense" in summary
    run = read_json(out / "run.json")
    assert run["config"]["epochs"] == 5 and run["seed"] == 0
    assert run["packages"]["tensorflow"] == "2.21.0"
    assert run["python"].startswith("3.")
    assert run["timings"]["fit_s"] > 0
    assert run["timings"]["total_s"] >= run["timings"]["fit_s"]
    for name in ("keras", "numpy", "scikit-learn", "matplotlib", "seaborn", "h5py"):
        assert name in run["packages"], (
            name
        )  # h5py: model.keras holds its weights in HDF5


def test_baselines_table(smoke):
    _, out = smoke
    table = pd.read_csv(out / "baselines.csv")
    assert list(table.columns) == ["model", "accuracy", "f1", "fit_s"]
    assert len(table) == 4 and table["model"].iloc[0].startswith("this network")
    assert any("SVC" in m for m in table["model"])
    assert table["accuracy"].between(0.8, 1).all()  # each baseline learns the digits


def test_report_links_only_figures_that_exist(smoke):
    _, out = smoke
    report = (out / "report.md").read_text()
    links = [part.split(")")[0] for part in report.split("](")[1:]]
    assert "loss_curves.png" in links and "confusion_matrix.png" in links
    assert all((out / link).exists() for link in links)
    assert "| accuracy" in report and "notebook" in report
    assert "Baselines" in report


def test_no_staging_folder_is_left(smoke):
    _, out = smoke
    assert [p.name for p in out.parent.iterdir()] == [out.name]
