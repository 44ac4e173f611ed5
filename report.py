"""report.md: the one page of a digits_nn.py run that a person reads first."""

import dataclasses

NOTEBOOK = {
    "accuracy": 0.969,
    "precision": 0.970,
    "recall": 0.969,
    "f1": 0.969,
    "test_loss": 0.11751686781644821,
}  # the notebook's printed numbers, one unseeded run


def _table(frame, floatfmt=".3f"):
    # pandas hands tabulate whole rows as floats; keep whole-number columns whole
    whole = {column: object for column in frame.select_dtypes("integer").columns}
    return frame.astype(whole).to_markdown(index=False, floatfmt=floatfmt)


def _figure(folder, name, caption):
    return f"![{caption}]({name})\n" if (folder / name).exists() else ""


def write(folder, config, metrics, repeats, baselines, class_report):
    import pandas as pd

    settings = pd.DataFrame(
        [(k, str(v)) for k, v in dataclasses.asdict(config).items()],
        columns=["option", "value"],
    )
    table = pd.DataFrame(
        [(k, metrics[k], NOTEBOOK[k]) for k in NOTEBOOK],
        columns=["metric", f"this run (seed {metrics['seed']})", "notebook"],
    )
    spread = metrics["repeats"]
    parts = [
        "# digits_nn: results",
        "",
        f"A neural network (Flatten → Dense({config.hidden_units}, relu) → Dense(10)) trained "
        f"for {config.epochs} epochs on {metrics['n_fit']} of scikit-learn's handwritten "
        f"digits, validated after each epoch on {metrics['n_validation']} more, and tested "
        f"on the other {metrics['n_test']}. Precision, recall and F1 are weighted by class "
        "support.",
        "",
        "## Metrics on the test half",
        "",
        _table(table),
        "",
    ]
    if spread["n"] > 1:
        parts += [
            f"## Over {spread['n']} seeds",
            "",
            "Each seed draws its own split, initial weights and shuffles. "
            "Mean ± sample standard deviation:",
            "",
            _table(
                pd.DataFrame(
                    [
                        (m, f"{spread[m + '_mean']:.3f} ± {spread[m + '_std']:.3f}")
                        for m in ("accuracy", "precision", "recall", "f1", "test_loss")
                    ],
                    columns=["metric", "mean ± std"],
                )
            ),
            "",
            _table(repeats),
            "",
            _figure(folder, "repeats.png", "spread over seeds"),
        ]
    else:
        parts += [
            "## Over seeds",
            "",
            f"These numbers come from one seed ({metrics['seed']}): one split and one set of "
            "initial weights. A mean ± standard deviation needs two or more; run with "
            "`--repeats 10` to see how far the numbers move from seed to seed.",
            "",
        ]
    if baselines is not None:
        parts += [
            "## Baselines on the same rows",
            "",
            "Each model is fitted on the same training rows as the network (the validation "
            "rows left out) and scored on the same test half.",
            "",
            _table(baselines),
            "",
            _figure(folder, "baselines.png", "baselines"),
        ]
    parts += [
        "## Per class",
        "",
        _table(class_report.reset_index()),
        "",
        "## Figures",
        "",
        _figure(folder, "loss_curves.png", "loss curves"),
        _figure(folder, "confusion_matrix.png", "confusion matrix"),
        _figure(folder, "misclassified.png", "misclassified digits"),
        _figure(folder, "predictions.png", "predictions"),
        _figure(folder, "digits_samples.png", "sample digits"),
        _figure(folder, "first_digit.png", "first digit"),
        _figure(folder, "class_distribution.png", "class distribution"),
        "## Configuration",
        "",
        _table(settings),
        "",
        "Versions, machine and timings are in `run.json`; the trained model is `model.keras`.",
        "",
    ]
    (folder / "report.md").write_text("\n".join(parts))
