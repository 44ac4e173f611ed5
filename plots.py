"""The figures of digits_nn.py, each a function that returns a matplotlib Figure.

They use matplotlib's object API (no pyplot state), so they draw headless, need no
backend switch, can run in a worker process, and a notebook cell shows the returned Figure.
"""

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

DPI = 100
GREY = "gray_r"  # the notebook's colour map for digits: ink dark on white


def render(path, figure, *args):
    """Save the figure that `figure(*args)` draws as `path` (a worker process calls this)."""
    figure(*args).savefig(path, dpi=DPI)


def digit_samples(images, labels, n=10):
    """The first `n` digits with their labels, as the notebook's first figure."""
    fig = Figure(figsize=(10, 1.8))
    fig.suptitle(f"The first {n} digits of the data set, with their labels")
    axes = fig.subplots(
        1, n, gridspec_kw=dict(left=0.01, right=0.99, bottom=0.02, top=0.7)
    )
    for ax, image, label in zip(axes, images, labels):
        ax.set_axis_off()
        ax.imshow(image, cmap=GREY, interpolation="nearest")
        ax.set_title(f"{label}")
    return fig


def first_digit(image):
    """One digit at full size with the colour bar of its 0..16 grey levels."""
    fig = Figure(figsize=(5.5, 4.5))
    fig.subplots_adjust(left=0.1, right=0.9, bottom=0.12, top=0.9)
    ax = fig.subplots()
    shown = ax.imshow(image, cmap=GREY, interpolation="nearest", vmin=0, vmax=16)
    fig.colorbar(shown, ax=ax, label="grey level (0 = white, 16 = black)")
    ax.set_title("The first digit, 8 × 8 pixels")
    ax.set_xlabel("pixel column")
    ax.set_ylabel("pixel row")
    return fig


def class_distribution(y_train, y_test):
    """How many digits of each class landed in each half of the split."""
    halves = pd.concat(
        [
            pd.DataFrame({"target": y_train, "type": "train"}),
            pd.DataFrame({"target": y_test, "type": "test"}),
        ],
        ignore_index=True,
    )
    fig = Figure(figsize=(7, 4))
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.13, top=0.9)
    ax = fig.subplots()
    sns.countplot(data=halves, x="target", hue="type", ax=ax)
    ax.set_title(f"Digits per class: {len(y_train)} train, {len(y_test)} test")
    ax.set_xlabel("digit")
    ax.set_ylabel("count")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.18)  # room for the legend above the bars
    ax.legend(title="half", loc="upper center", ncols=2)
    return fig


def loss_curves(history):
    """Loss and accuracy by epoch, on the fit rows and the validation rows."""
    fig = Figure(figsize=(10, 4))
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.13, top=0.9, wspace=0.25)
    loss_ax, acc_ax = fig.subplots(1, 2)
    for ax, metric, label in (
        (loss_ax, "loss", "loss (cross-entropy)"),
        (acc_ax, "accuracy", "accuracy"),
    ):
        ax.plot(history["epoch"], history[metric], label=metric)
        if f"val_{metric}" in history:
            ax.plot(history["epoch"], history[f"val_{metric}"], label=f"val_{metric}")
        ax.set_xlabel("epoch")
        ax.set_ylabel(label)
        ax.grid(True)
        ax.legend()
    loss_ax.set_yscale("log")  # the loss falls over two orders of magnitude
    loss_ax.set_title("Loss")
    acc_ax.set_title("Accuracy")
    return fig


def confusion_heatmap(confusion):
    """The notebook's annotated confusion heatmap, with labelled axes."""
    fig = Figure(figsize=(7, 6))
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.1, top=0.92)
    ax = fig.subplots()
    sns.heatmap(
        confusion,
        annot=True,
        fmt="d",
        cmap="Blues",
        ax=ax,
        square=True,
        cbar_kws={"label": "test digits"},
    )
    ax.set_xlabel("predicted label")
    ax.set_ylabel("true label")
    ax.set_title(
        f"Confusion matrix on the test half ({int(confusion.values.sum())} digits)"
    )
    return fig


def misclassified(images, y_true, probabilities, most=40, cols=10):
    """Every test digit the network got wrong (up to `most`), titled true → predicted.

    One image of tiles rather than one axes per digit: as readable, several times faster.
    """
    y_pred = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(y_pred != y_true)
    shown = wrong[:most]
    rows = max(1, -(-len(shown) // cols))
    size, gap, label = (
        images.shape[1],
        2,
        4,
    )  # pixels of a digit, between digits, for a title
    pitch_x, pitch_y = size + gap, size + gap + label
    canvas = np.full((rows * pitch_y, cols * pitch_x), np.nan)
    height = rows * 1.25 + 0.6
    fig = Figure(figsize=(cols * 1.0, height))
    ax = fig.add_axes((0.005, 0.005, 0.99, 1 - 0.55 / height))
    ax.set_axis_off()
    for k, i in enumerate(shown):
        r, c = divmod(k, cols)
        canvas[
            r * pitch_y + label : r * pitch_y + label + size,
            c * pitch_x : c * pitch_x + size,
        ] = images[i]
        ax.text(
            c * pitch_x + size / 2 - 0.5,
            r * pitch_y + label - 0.8,
            f"{y_true[i]} → {y_pred[i]} ({probabilities[i, y_pred[i]]:.2f})",
            ha="center",
            va="bottom",
            fontsize=9,
        )
    ax.imshow(canvas, cmap=GREY, interpolation="nearest", vmin=0, vmax=1)
    title = f"Misclassified test digits: {len(wrong)} of {len(y_true)}"
    if len(shown) < len(wrong):
        title += f" (the first {len(shown)} shown)"
    fig.suptitle(
        title + ";  true → predicted (confidence)", y=1 - 0.15 / height, va="top"
    )
    if not len(shown):
        ax.text(
            0,
            0.5,
            "none: every test digit was classified correctly",
            transform=ax.transAxes,
        )
    return fig


def predictions(images, y_true, probabilities, n_each=3):
    """A few test digits beside their class probabilities: first right ones, then wrong ones."""
    y_pred = probabilities.argmax(axis=1)
    right = np.flatnonzero(y_pred == y_true)[:n_each]
    wrong = np.flatnonzero(y_pred != y_true)[:n_each]
    picks = np.concatenate([right, wrong])
    height = 2.2 * -(-len(picks) // 2) + 0.6
    fig = Figure(figsize=(12, height))
    fig.subplots_adjust(
        left=0.03,
        right=0.99,
        bottom=0.25 / height * 2,
        top=1 - 0.6 / height,
        wspace=0.35,
        hspace=0.6,
    )
    fig.suptitle(
        "Test digits and their predicted class probabilities "
        "(blue: predicted and true; red: predicted but wrong; outlined: true class)"
    )
    grid = fig.subplots(
        -(-len(picks) // 2), 4, squeeze=False, width_ratios=[1, 2.2, 1, 2.2]
    )
    for ax in grid.ravel():
        ax.set_axis_off()
    for slot, i in enumerate(picks):
        row, col = divmod(slot, 2)
        image_ax, bar_ax = grid[row, 2 * col], grid[row, 2 * col + 1]
        image_ax.imshow(images[i], cmap=GREY, interpolation="nearest")
        verdict = "right" if y_pred[i] == y_true[i] else "wrong"
        image_ax.set_title(f"test digit {i}: {verdict}", fontsize=9)
        bar_ax.set_axis_on()
        colours = ["lightgray"] * len(probabilities[i])
        colours[y_pred[i]] = "tab:blue" if y_pred[i] == y_true[i] else "tab:red"
        bars = bar_ax.bar(range(len(colours)), probabilities[i], color=colours)
        bars[y_true[i]].set_edgecolor("black")
        bars[y_true[i]].set_linewidth(1.5)
        bar_ax.set_ylim(0, 1)
        bar_ax.set_xticks(range(len(colours)))
        bar_ax.set_xlabel("class", fontsize=9)
        bar_ax.set_ylabel("probability", fontsize=9)
        bar_ax.set_title(
            f"true {y_true[i]}, predicted {y_pred[i]} "
            f"({probabilities[i, y_pred[i]]:.2f})",
            fontsize=9,
        )
    return fig


def repeats_spread(repeats):
    """Test accuracy and weighted F1 of each seed, with their mean."""
    long = repeats.melt(id_vars="seed", value_vars=["accuracy", "f1"], var_name="metric")
    fig = Figure(figsize=(6, 4))
    fig.subplots_adjust(left=0.14, right=0.97, bottom=0.15, top=0.9)
    ax = fig.subplots()
    sns.boxplot(
        data=long,
        x="metric",
        y="value",
        ax=ax,
        color="white",
        width=0.4,
        showfliers=False,
    )
    sns.swarmplot(data=long, x="metric", y="value", ax=ax, color="tab:blue", size=6)
    ax.set_xticks(
        [0, 1],
        [
            f"{metric}\n{repeats[metric].mean():.3f} ± {repeats[metric].std(ddof=1):.3f}"
            for metric in ("accuracy", "f1")
        ],
    )
    ax.set_title(f"Spread over {len(repeats)} seeds (split, initial weights, shuffles)")
    ax.set_xlabel("")
    ax.set_ylabel("on the test half")
    return fig


def baselines_bar(baselines):
    """Test accuracy of the network beside the scikit-learn baselines on the same rows."""
    fig = Figure(figsize=(8, 3.2))
    fig.subplots_adjust(left=0.33, right=0.95, bottom=0.17, top=0.88)
    ax = fig.subplots()
    colours = ["tab:blue"] + ["tab:gray"] * (len(baselines) - 1)
    bars = ax.barh(baselines["model"], baselines["accuracy"], color=colours)
    ax.bar_label(bars, labels=[f"{a:.3f}" for a in baselines["accuracy"]], padding=3)
    low = max(0.0, float(baselines["accuracy"].min()) - 0.05)
    ax.set_xlim(low, 1.0)
    ax.invert_yaxis()
    ax.set_xlabel(f"test accuracy (axis starts at {low:.2f})")
    ax.set_title("The network beside scikit-learn baselines, same split and rows")
    return fig
