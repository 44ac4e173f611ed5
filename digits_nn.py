"""
Title: Classifying handwritten digits with a small neural network
Description: Flatten -> Dense(128, relu) -> Dense(10) on scikit-learn's 8x8 digits, reproducibly.
Based on: classification_neural_net.ipynb in rueedlinger/machine-learning-snippets
Date created: 2026-12-03

Run `python digits_nn.py` (`--help` lists the options); results and figures go to `figures/`.
The `# %%` cells open as a notebook in VS Code, PyCharm, Spyder and JupyterLab (jupytext).
"""

# %% Setup
# Only the standard library and NumPy load here, so `--help` and bad input answer at once;
# TensorFlow, scikit-learn, pandas and matplotlib load in the step that first needs them.
import argparse
import contextlib
import dataclasses
import json
import math
import os
import platform
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np

PROG = "digits_nn.py"
N_DIGITS = 1797  # images in scikit-learn's digits data set
PIXEL_MAX = 16.0  # the digits are 4-bit grey levels, 0..16
N_CLASSES = 10


@dataclasses.dataclass(frozen=True)
class Config:
    """Every knob of the experiment; the defaults are the notebook's values."""

    epochs: int = 100  # the notebook trains 100 epochs
    seed: int = 0  # seeds the split, the initial weights and the shuffling
    test_size: float = 0.5  # the notebook holds out half of the digits for testing
    validation_split: float = 0.2  # Keras takes the last 20% of the training half
    batch_size: int = 32  # Keras' default batch size, which the notebook keeps
    hidden_units: int = 128  # width of the one hidden layer
    repeats: int = 1  # runs with seeds seed, seed+1, ... to show the spread
    baselines: bool = True  # fit three scikit-learn models on the same rows
    out: str = "figures"  # where the figures, tables and metrics go
    quiet: bool = False  # print the results block only


def _int_at_least(low):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a whole number, got {text!r}"
            ) from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, got {value}")
        return value

    return parse


def _fraction(low_open):
    def parse(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        above_low = value > 0 if low_open else value >= 0
        if not (above_low and value < 1):  # also refuses NaN
            interval = "(0, 1)" if low_open else "[0, 1)"
            raise argparse.ArgumentTypeError(f"must lie in {interval}, got {text}")
        return value

    return parse


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        # One line, not argparse's usage block: the message names the option.
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


# The valued options: flag, metavar, parser, help. Each default comes from Config.
# fmt: off
OPTIONS = [
    ("--epochs", "N", _int_at_least(1), "training epochs"),
    ("--seed", "N", _int_at_least(0), "seed for the split, the weights and the shuffling"),
    ("--test-size", "F", _fraction(low_open=True), "fraction of the digits held out for testing"),
    ("--validation-split", "F", _fraction(low_open=False),
     "fraction at the end of the training half used for validation"),
    ("--batch-size", "N", _int_at_least(1), "mini-batch size"),
    ("--hidden-units", "N", _int_at_least(1), "units in the hidden layer"),
    ("--repeats", "N", _int_at_least(1), "runs with seeds seed, seed+1, ...; reports the spread"),
    ("--out", "DIR", str, "output folder; files of an earlier run there are replaced"),
]
# fmt: on


def build_parser():
    parser = _Parser(
        prog=PROG,
        description="Train a small neural network on scikit-learn's handwritten digits "
        "and write its figures and metrics.",
    )
    defaults = Config()
    for flag, metavar, parse, text in OPTIONS:
        default = getattr(defaults, flag[2:].replace("-", "_"))
        parser.add_argument(
            flag,
            metavar=metavar,
            type=parse,
            default=default,
            help=f"{text} (default: {default})",
        )
    parser.add_argument(
        "--no-baselines",
        dest="baselines",
        action="store_false",
        help="skip the scikit-learn baselines (default: run them)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print only the results block"
    )
    return parser


def fit_rows(n_train, validation_split):
    """How many training rows are fitted on: Keras' validation_split floors this part."""
    return math.floor(n_train * (1 - validation_split))


def split_sizes(config):
    """Rows in (train, fit, validation, test), as scikit-learn and Keras will cut them."""
    # train_test_split rounds the test part up
    n_test = math.ceil(config.test_size * N_DIGITS)
    n_train = N_DIGITS - n_test
    n_fit = fit_rows(n_train, config.validation_split)
    return n_train, n_fit, n_train - n_fit, n_test


def parse_args(argv=None):
    """The resolved Config; exits with status 2 and one line on any invalid value."""
    if argv is None:
        # A Jupyter kernel's own sys.argv is not ours to parse.
        argv = [] if "ipykernel" in sys.modules else sys.argv[1:]
    parser = build_parser()
    config = Config(**vars(parser.parse_args(argv)))
    n_train, n_fit, n_val, n_test = split_sizes(config)
    if n_train < 1 or n_fit < 1:
        parser.error(
            f"argument --test-size/--validation-split: {config.test_size} and "
            f"{config.validation_split} leave no digits to train on"
        )
    if config.validation_split > 0 and n_val < 1:
        parser.error(
            f"argument --validation-split: {config.validation_split} of {n_train} training "
            "digits is less than one digit; use 0 for no validation"
        )
    out = Path(config.out)
    if out.exists() and not out.is_dir():
        parser.error(f"argument --out: {config.out!r} is a file, not a folder")
    # The folder the run will write into: --out itself, or the closest existing one above it.
    anchor = out if out.is_dir() else nearest_existing(out)
    if not anchor.is_dir():
        parser.error(f"argument --out: {str(anchor)!r} is a file, not a folder")
    if not os.access(anchor, os.W_OK | os.X_OK):
        parser.error(f"argument --out: cannot write into {str(anchor)!r}")
    return config


def nearest_existing(path):
    """The closest existing path above `path`: where the run stages (or a file in the way)."""
    anchor = path.absolute().parent
    while not anchor.exists():
        anchor = anchor.parent
    return anchor


# %% Load the digits
def load_digits():
    """The 1797 images (8x8 grey levels 0..16) and their labels."""
    from sklearn import datasets

    digits = datasets.load_digits()
    return digits.images, digits.target


# %% Split 50/50 and scale to [0, 1]
@dataclasses.dataclass
class Split:
    x_train: np.ndarray
    x_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    index_test: np.ndarray  # rows of the test digits in the full data set


def split_and_scale(images, target, test_size, seed):
    from sklearn import model_selection

    x_train, x_test, y_train, y_test, _, index_test = model_selection.train_test_split(
        images, target, np.arange(len(target)), test_size=test_size, random_state=seed
    )
    scale = np.float32(PIXEL_MAX)
    return Split(
        x_train.astype("float32") / scale,
        x_test.astype("float32") / scale,
        y_train,
        y_test,
        index_test,
    )


# %% Build the model
def import_tensorflow():
    """TensorFlow, without the C++ log lines it writes to stderr while it loads."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    # absl writes some lines before its log level applies, so hold fd 2 while importing
    # and show them only if the import fails.
    sys.stderr.flush()
    saved, loaded = os.dup(2), False
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        try:
            import tensorflow as tf

            loaded = True
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            if not loaded:
                captured.seek(0)
                sys.stderr.write(captured.read().decode(errors="replace"))
    return tf


def seed_everything(seed):
    """Seed Python, NumPy and TensorFlow, and make TensorFlow's ops deterministic."""
    tf = import_tensorflow()
    import keras

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


def build_model(hidden_units, seed):
    import_tensorflow()
    import keras

    keras.backend.clear_session()  # fresh layer names, so every run's summary reads alike
    seed_everything(seed)  # after clear_session, which forgets the seed
    model = keras.Sequential(
        [
            keras.Input(shape=(8, 8)),
            keras.layers.Flatten(),
            keras.layers.Dense(hidden_units, activation="relu"),
            keras.layers.Dense(N_CLASSES),  # logits; the softmax lives in the loss
        ],
        name="digits_nn",
    )
    model.compile(
        optimizer="adam",
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    return model


def model_summary(model):
    lines = []
    model.summary(print_fn=lines.append, line_length=72)
    return "\n".join(line.rstrip() for line in "\n".join(lines).splitlines()) + "\n"


# %% Train
class ProgressLine:
    """One line that follows the epochs: redrawn in place on a terminal, printed once in a log.

    (Keras' Progbar writes colour codes and carriage returns into logs as well.)
    """

    def __init__(self, total, names, stream=None):
        self.total, self.names = total, names
        self.stream = stream or sys.stdout
        self.live = self.stream.isatty()
        self.started = self.shown = time.perf_counter()

    def update(self, done, values):
        now = time.perf_counter()
        last = done == self.total
        if not (last or (self.live and now - self.shown > 0.1)):
            return
        self.shown = now
        metrics = "  ".join(
            f"{n} {v:.4f}" if "accuracy" in n else f"{n} {v:.4g}"  # losses fall to 1e-5
            for n, v in zip(self.names, values)
        )
        line = f"epoch {done}/{self.total}  {now - self.started:.1f} s  {metrics}"
        self.stream.write(
            ("\r" + line + "\x1b[K" if self.live else line) + ("\n" if last else "")
        )
        self.stream.flush()


# The notebook's `model.fit(..., epochs=100, validation_split=0.2)` spends nearly all of its
# time on per-step Python overhead. This is the same recipe, minus the overhead: Keras'
# own model, loss and adam, batches of 32 from the same fit rows, a new order every epoch,
# validation on the last 20% after each epoch, but one compiled graph per epoch.
def train(model, x, y, *, epochs, batch_size, validation_split, seed, progress=True):
    """Train in place; return the per-epoch history as a DataFrame."""
    tf = import_tensorflow()
    import keras
    import pandas as pd

    n_fit = fit_rows(len(x), validation_split)  # the rest, at the end, validates
    x_fit, y_fit = tf.constant(x[:n_fit]), tf.constant(y[:n_fit], tf.int32)
    x_val, y_val = tf.constant(x[n_fit:]), tf.constant(y[n_fit:], tf.int32)
    has_val = len(x) > n_fit
    n_batches = math.ceil(n_fit / batch_size)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=None)
    optimizer = model.optimizer
    optimizer.build(model.trainable_variables)
    weights = model.trainable_variables

    def correct(y_true, logits):
        return tf.cast(
            tf.equal(tf.argmax(logits, 1, output_type=tf.int32), y_true), tf.float32
        )

    @tf.function
    def run_epoch(order):
        # `order` is this epoch's shuffle padded to whole batches; padding has weight 0,
        # so the last, short batch is averaged over its real rows only, as in Keras.
        loss_sum, hits = tf.constant(0.0), tf.constant(0.0)
        for b in tf.range(n_batches):
            slots = b * batch_size + tf.range(batch_size)
            w = tf.cast(slots < n_fit, tf.float32)
            rows = tf.gather(order, slots)
            xb, yb = tf.gather(x_fit, rows), tf.gather(y_fit, rows)
            with tf.GradientTape() as tape:
                logits = model(xb, training=True)
                losses = loss_fn(yb, logits) * w
                loss = tf.reduce_sum(losses) / tf.reduce_sum(w)
            optimizer.apply_gradients(zip(tape.gradient(loss, weights), weights))
            loss_sum += tf.reduce_sum(losses)
            hits += tf.reduce_sum(correct(yb, logits) * w)
        row = [loss_sum / n_fit, hits / n_fit]
        if has_val:
            logits = model(x_val, training=False)
            row += [
                tf.reduce_mean(loss_fn(y_val, logits)),
                tf.reduce_mean(correct(y_val, logits)),
            ]
        return tf.stack(row)

    names = ["loss", "accuracy"] + (["val_loss", "val_accuracy"] if has_val else [])
    bar = ProgressLine(epochs, names) if progress else None
    rng = np.random.default_rng(seed)  # the shuffles, drawn from the seed
    padding = np.zeros(n_batches * batch_size - n_fit, np.int32)
    rows = []
    for epoch in range(epochs):
        order = np.concatenate([rng.permutation(n_fit).astype(np.int32), padding])
        rows.append(run_epoch(order).numpy())
        if bar:
            bar.update(epoch + 1, rows[-1])
    history = pd.DataFrame(np.array(rows, dtype=np.float64), columns=names)
    history.insert(0, "epoch", np.arange(1, epochs + 1))
    return history


# %% Evaluate on the test half
def evaluate(model, x_test, y_test):
    """Test loss, and the class probabilities from the notebook's softmax model."""
    import_tensorflow()
    import keras

    logits = model(x_test, training=False)
    test_loss = float(
        keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y_test, logits)
    )
    probability_model = keras.Sequential([model, keras.layers.Softmax()])
    probabilities = np.asarray(
        probability_model(x_test, training=False), dtype=np.float64
    )
    return test_loss, probabilities


def weighted_metrics(y_true, y_pred, test_loss):
    from sklearn import metrics

    return {
        "accuracy": metrics.accuracy_score(y_true, y_pred),
        "precision": metrics.precision_score(y_true, y_pred, average="weighted"),
        "recall": metrics.recall_score(y_true, y_pred, average="weighted"),
        "f1": metrics.f1_score(y_true, y_pred, average="weighted"),
        "test_loss": test_loss,
    }


# %% One run: build, train, evaluate
@dataclasses.dataclass
class Run:
    seed: int
    split: Split
    model: object
    summary: str
    history: object  # pandas DataFrame, one row per epoch
    probabilities: np.ndarray
    y_pred: np.ndarray
    metrics: dict
    timings: dict


def run_once(config, split, seed, say, show_model=False):
    timings = {}
    started = time.perf_counter()
    model = build_model(config.hidden_units, seed)
    summary = model_summary(model)
    timings["build_s"] = time.perf_counter() - started
    if show_model:
        say(summary, end="")
        say(f"Training {config.epochs} epochs, batches of {config.batch_size}")
    started = time.perf_counter()
    history = train(
        model,
        split.x_train,
        split.y_train,
        epochs=config.epochs,
        batch_size=config.batch_size,
        validation_split=config.validation_split,
        seed=seed,
        progress=not config.quiet,
    )
    timings["fit_s"] = time.perf_counter() - started
    started = time.perf_counter()
    test_loss, probabilities = evaluate(model, split.x_test, split.y_test)
    y_pred = probabilities.argmax(axis=1)
    metrics = weighted_metrics(split.y_test, y_pred, test_loss)
    timings["evaluate_s"] = time.perf_counter() - started
    return Run(
        seed, split, model, summary, history, probabilities, y_pred, metrics, timings
    )


# %% Tables of a run
def confusion_table(y_true, y_pred):
    import pandas as pd
    from sklearn import metrics

    labels = list(range(N_CLASSES))
    counts = metrics.confusion_matrix(y_true, y_pred, labels=labels)
    return pd.DataFrame(counts, index=labels, columns=labels).rename_axis(
        index="true", columns="predicted"
    )


def class_report_table(y_true, y_pred):
    """Per-class precision, recall, F1 and support, then the averages."""
    import pandas as pd
    from sklearn import metrics

    report = metrics.classification_report(
        y_true, y_pred, output_dict=True, zero_division=0
    )
    report.pop("accuracy")  # a single number, already in metrics.json
    table = pd.DataFrame(report).T.rename_axis("class")
    return table.astype({"support": int})


def predictions_table(split, probabilities):
    """One row per test digit: its row in the data set, true and predicted label, probabilities."""
    import pandas as pd

    table = pd.DataFrame(
        {
            "index": split.index_test,
            "true": split.y_test,
            "predicted": probabilities.argmax(1),
        }
    )
    columns = [f"p{k}" for k in range(N_CLASSES)]
    return table.join(pd.DataFrame(probabilities, columns=columns))


def summarise_repeats(repeats):
    """Mean and sample standard deviation of each metric over the seeds (std null for one)."""
    summary = {"n": len(repeats), "seeds": repeats["seed"].tolist()}
    for column in ("accuracy", "precision", "recall", "f1", "test_loss"):
        values = repeats[column]
        summary[f"{column}_mean"] = float(values.mean())
        summary[f"{column}_std"] = float(values.std(ddof=1)) if len(values) > 1 else None
    return summary


def run_record(config, timings):
    """run.json: the resolved config, versions of everything used, the machine, timings."""
    from importlib import metadata

    # The experiment's direct packages (some load only in the workers), and the
    # distribution of every module this process has loaded.
    used = {
        "tensorflow",
        "keras",
        "numpy",
        "pandas",
        "scikit-learn",
        "matplotlib",
        "seaborn",
    }
    owners = metadata.packages_distributions()
    for module in list(sys.modules):
        used.update(owners.get(module.partition(".")[0], []))
    return {
        "config": dataclasses.asdict(config),
        "seed": config.seed,
        "python": platform.python_version(),
        "packages": {
            name: metadata.version(name) for name in sorted(used, key=str.lower)
        },
        "platform": {
            "system": platform.platform(),
            "machine": platform.machine(),
            "cpu_count": os.cpu_count(),
        },
        "timings": {key: round(seconds, 3) for key, seconds in timings.items()},
    }


# %% Results go to a temporary folder, and into --out only once all is written
OUTPUT_FILES = (
    "digits_samples.png first_digit.png class_distribution.png model_summary.txt history.csv "
    "loss_curves.png confusion_matrix.csv confusion_matrix.png metrics.json run.json "
    "classification_report.csv predictions.csv misclassified.png predictions.png repeats.csv "
    "repeats.png baselines.csv baselines.png model.keras report.md"
).split()


@contextlib.contextmanager
def staging(out):
    """Yield an empty folder beside `out`; on success move its files into `out`.

    On any failure or Ctrl-C the folder is removed and `out` is left as it was.
    """
    out = out.absolute()
    # Beside `out`, or above it if it does not exist yet: nothing is created until the end.
    folder = Path(
        tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=nearest_existing(out))
    )
    try:
        yield folder
        out.mkdir(parents=True, exist_ok=True)
        # An earlier run's outputs that this run did not write would contradict it.
        for name in OUTPUT_FILES:
            if not (folder / name).exists():
                (out / name).unlink(missing_ok=True)
        for path in folder.iterdir():
            os.replace(path, out / path.name)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# %% Run the experiment
def experiment(config, folder, say, started):
    """Every step in the notebook's order; returns metrics, baselines and timings."""
    import pandas as pd

    import baselines
    import plots
    import report
    import worker

    timings = {}
    # Two worker processes draw the figures and fit the baselines while TensorFlow works here.
    with worker.Workers(2) as workers:

        def draw(name, figure, *args):
            workers.call(plots.render, folder / name, figure, *args)

        images, target = load_digits()
        timings["load_s"] = time.perf_counter() - started
        say(f"min value: {np.amin(images)}")
        say(f"max value: {np.amax(images)}")
        say(f"shape: {np.shape(images)}")
        draw("digits_samples.png", plots.digit_samples, images, target)
        draw("first_digit.png", plots.first_digit, images[0])

        split = split_and_scale(images, target, config.test_size, config.seed)
        n_train, n_fit, n_val, n_test = split_sizes(config)
        say(
            f"train samples: {n_train} ({n_fit} fit + {n_val} validation), "
            f"test samples: {n_test}"
        )
        draw(
            "class_distribution.png",
            plots.class_distribution,
            split.y_train,
            split.y_test,
        )
        if config.baselines:
            fitted = workers.call(
                baselines.fit_baselines,
                split.x_train[:n_fit],
                split.y_train[:n_fit],  # the network's own fit rows
                split.x_test,
                split.y_test,
                config.seed,
            )

        started_tf = time.perf_counter()
        import_tensorflow()
        timings["import_tensorflow_s"] = time.perf_counter() - started_tf
        first = run_once(config, split, config.seed, say, show_model=True)
        timings.update(first.timings)

        written = time.perf_counter()
        (folder / "model_summary.txt").write_text(first.summary)
        first.history.to_csv(folder / "history.csv", index=False)
        draw("loss_curves.png", plots.loss_curves, first.history)
        confusion = confusion_table(split.y_test, first.y_pred)
        confusion.to_csv(folder / "confusion_matrix.csv")
        draw("confusion_matrix.png", plots.confusion_heatmap, confusion)
        draw(
            "misclassified.png",
            plots.misclassified,
            split.x_test,
            split.y_test,
            first.probabilities,
        )
        draw(
            "predictions.png",
            plots.predictions,
            split.x_test,
            split.y_test,
            first.probabilities,
        )
        class_report = class_report_table(split.y_test, first.y_pred)
        class_report.to_csv(folder / "classification_report.csv")
        predictions_table(split, first.probabilities).to_csv(
            folder / "predictions.csv", index=False, float_format="%.6f"
        )
        first.model.save(folder / "model.keras")
        timings["write_s"] = time.perf_counter() - written

        # More seeds: each its own split, initial weights and shuffles.
        results = [{"seed": first.seed, **first.metrics}]
        for seed in range(config.seed + 1, config.seed + config.repeats):
            say(f"Repeat {seed - config.seed + 1}/{config.repeats}, seed {seed}")
            other = split_and_scale(images, target, config.test_size, seed)
            results.append({"seed": seed, **run_once(config, other, seed, say).metrics})
        repeats = pd.DataFrame(results)
        repeats.to_csv(folder / "repeats.csv", index=False)
        if config.repeats > 1:
            draw("repeats.png", plots.repeats_spread, repeats)

        table = None
        if config.baselines:
            network = {
                "model": f"this network (Keras, {config.hidden_units} hidden)",
                "accuracy": first.metrics["accuracy"],
                "f1": first.metrics["f1"],
                "fit_s": first.timings["fit_s"],
            }
            table = pd.DataFrame([network, *fitted.result().to_dict("records")])
            table.to_csv(folder / "baselines.csv", index=False)
            draw("baselines.png", plots.baselines_bar, table)
        waited = time.perf_counter()
    # how long the figures still drawing when the run was done kept it waiting
    timings["wait_for_workers_s"] = time.perf_counter() - waited
    timings["workers_busy_s"] = workers.busy_s

    metrics = dict(
        first.metrics,
        seed=first.seed,
        n_train=n_train,
        n_fit=n_fit,
        n_validation=n_val,
        n_test=n_test,
        repeats=summarise_repeats(repeats),
    )
    (folder / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    report.write(folder, config, metrics, repeats, table, class_report)
    timings["total_s"] = time.perf_counter() - started
    (folder / "run.json").write_text(
        json.dumps(run_record(config, timings), indent=2) + "\n"
    )
    return metrics, table, timings


def results_block(config, metrics, baselines, timings):
    lines = [
        f"Results on the test half ({metrics['n_test']} digits, seed {metrics['seed']}):",
        f"  test loss: {metrics['test_loss']:.3f}",
        f"  accuracy:  {metrics['accuracy']:.3f}",
        f"  precision: {metrics['precision']:.3f} (weighted)",
        f"  recall:    {metrics['recall']:.3f} (weighted)",
        f"  f1 score:  {metrics['f1']:.3f} (weighted)",
    ]
    spread = metrics["repeats"]
    if spread["n"] > 1:
        lines.append(
            f"  over {spread['n']} seeds: accuracy {spread['accuracy_mean']:.3f} "
            f"± {spread['accuracy_std']:.3f}, f1 {spread['f1_mean']:.3f} "
            f"± {spread['f1_std']:.3f} (mean ± sample std)"
        )
    if baselines is not None:
        others = ", ".join(
            f"{r.model} {r.accuracy:.3f}" for r in baselines.iloc[1:].itertuples()
        )
        lines.append(f"  baselines, accuracy: {others}")
    lines.append(
        f"Trained in {timings['fit_s']:.1f} s; wrote {config.out}/ in {timings['total_s']:.1f} s"
    )
    return "\n".join(lines)


class Terminated(Exception):
    """SIGTERM arrived; the run cleans up as it does for Ctrl-C."""


def _terminate(signum, frame):
    raise Terminated


def main(argv=None):
    """Run the experiment; return the exit status.

    0 done, 1 failed, 2 bad input, 130 Ctrl-C, 143 SIGTERM; after any but 0, `--out` is as
    it was before the run.
    """
    started = time.perf_counter()
    config = parse_args(argv)

    def say(*args, **kwargs):
        if not config.quiet:
            print(*args, **kwargs, flush=True)

    os.environ.setdefault("MPLBACKEND", "Agg")  # headless: files only, no windows
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with staging(Path(config.out)) as folder:
            metrics, baselines, timings = experiment(config, folder, say, started)
    except (KeyboardInterrupt, Terminated) as stop:
        if sys.stdout.isatty():
            print(flush=True)  # end the progress line
        ctrl_c = isinstance(stop, KeyboardInterrupt)
        why = "interrupted" if ctrl_c else "terminated"
        print(f"{PROG}: {why}; {config.out}/ was left as it was", file=sys.stderr)
        return 130 if ctrl_c else 143
    except (OSError, BrokenProcessPool) as error:
        reason = error if isinstance(error, OSError) else "a worker process died"
        print(
            f"{PROG}: error: {reason}; {config.out}/ was left as it was", file=sys.stderr
        )
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    say()
    print(results_block(config, metrics, baselines, timings), flush=True)
    return 0


if __name__ == "__main__":
    status = main()
    if "ipykernel" not in sys.modules:
        # Everything is written and closed; skip the interpreter's teardown of TensorFlow,
        # which takes another 1-2 s and does nothing useful.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
