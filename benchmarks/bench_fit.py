"""Benchmark: the notebook's training recipe against digits_nn.py's, on this machine.

Fit: both train the same Keras model (same seed, split and rows) for 100 epochs in one
process, alternately, for several rounds; it prints the median fit seconds of each, the
ratio, the test accuracy of each and the peak memory.
End to end (`--end-to-end`): whole processes, the notebook as a script
(benchmarks/notebook_recipe.py) against `python digits_nn.py`, alternately.

Usage: python benchmarks/bench_fit.py [--rounds 5] [--end-to-end] [--e2e-rounds 3]
"""

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import digits_nn  # noqa: E402


def recipe_fit(model, split, epochs, seed):
    """The notebook's cell: Keras fit on NumPy arrays, validation_split, defaults otherwise."""
    model.fit(
        split.x_train, split.y_train, epochs=epochs, validation_split=0.2, verbose=0
    )


def project_fit(model, split, epochs, seed):
    digits_nn.train(
        model,
        split.x_train,
        split.y_train,
        epochs=epochs,
        batch_size=32,
        validation_split=0.2,
        seed=seed,
        progress=False,
    )


def test_accuracy(model, split):
    _, probabilities = digits_nn.evaluate(model, split.x_test, split.y_test)
    return float((probabilities.argmax(axis=1) == split.y_test).mean())


def peak_rss_mb(usage):
    return usage.ru_maxrss / 1024  # Linux reports KiB


def bench_fit(rounds, epochs):
    images, target = digits_nn.load_digits()
    digits_nn.import_tensorflow()
    methods = {"notebook recipe (Keras fit)": recipe_fit, "digits_nn.train": project_fit}
    seconds = {name: [] for name in methods}
    accuracy = {name: [] for name in methods}
    for r in range(rounds):
        # alternate who goes first
        order = list(methods) if r % 2 == 0 else list(methods)[::-1]
        split = digits_nn.split_and_scale(images, target, 0.5, seed=r)
        for name in order:
            model = digits_nn.build_model(128, seed=r)
            started = time.perf_counter()
            methods[name](model, split, epochs, r)
            seconds[name].append(time.perf_counter() - started)
            accuracy[name].append(test_accuracy(model, split))
            print(
                f"  round {r + 1}/{rounds} {name}: {seconds[name][-1]:.2f} s", flush=True
            )
    accuracy = {
        name: f"{statistics.mean(values):.4f}" for name, values in accuracy.items()
    }
    title = f"Fit, {epochs} epochs, median of {rounds} rounds (seeds 0..{rounds - 1})"
    print_table(title, "training", "mean test accuracy", seconds, accuracy, 2, "0.10")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"peak memory of this process (both methods): {peak_rss_mb(usage):.0f} MB")


def run_process(command):
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"bench_fit.py: {' '.join(command)} failed with {process.returncode}")
    return time.perf_counter() - started, peak_rss_mb(usage)


def bench_end_to_end(rounds):
    commands = {
        "notebook recipe (benchmarks/notebook_recipe.py)": [
            sys.executable,
            "benchmarks/notebook_recipe.py",
        ],
        "python digits_nn.py (default run)": [
            sys.executable,
            "digits_nn.py",
            "--quiet",
            "--out",
        ],
    }
    seconds = {name: [] for name in commands}
    memory = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as scratch:
        for r in range(rounds):
            order = list(commands) if r % 2 == 0 else list(commands)[::-1]
            for name in order:
                wall, rss = run_process(
                    [*commands[name], os.path.join(scratch, f"out{r}")]
                )
                seconds[name].append(wall)
                memory[name].append(rss)
                print(f"  round {r + 1}/{rounds} {name}: {wall:.1f} s", flush=True)
    memory = {name: f"{max(values):.0f}" for name, values in memory.items()}
    title = f"End to end, whole processes, median of {rounds} rounds"
    print_table(
        title, "process", "peak memory MB (largest process)", seconds, memory, 1, "0.5"
    )


def print_table(title, what, extra_name, seconds, extra, digits, goal):
    """A Markdown table of median and range of seconds per row, then the ratio to the goal."""
    print(f"\n{title}:\n")
    print(f"| {what} | median s | min–max s | {extra_name} |")
    print("|---|---|---|---|")
    for name, values in seconds.items():
        low, mid, high = min(values), statistics.median(values), max(values)
        print(
            f"| {name} | {mid:.{digits}f} | {low:.{digits}f}–{high:.{digits}f} | {extra[name]} |"
        )
    recipe, ours = (statistics.median(values) for values in seconds.values())
    print(f"\nratio (digits_nn / recipe): {ours / recipe:.3f}  (goal ≤ {goal})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="fit rounds (default: 5)")
    parser.add_argument("--epochs", type=int, default=100, help="epochs (default: 100)")
    parser.add_argument(
        "--end-to-end",
        action="store_true",
        help="also time whole processes (default: off)",
    )
    parser.add_argument(
        "--e2e-rounds", type=int, default=3, help="end-to-end rounds (default: 3)"
    )
    args = parser.parse_args()
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}\n"
    )
    if args.end_to_end:
        # First, while this process is small: a child's peak memory starts from its parent's.
        bench_end_to_end(args.e2e_rounds)
        print()
    bench_fit(args.rounds, args.epochs)


if __name__ == "__main__":
    main()
