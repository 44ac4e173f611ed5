"""Worker processes that draw figures and fit baselines while the main process trains."""

import multiprocessing
import os
import signal
import time
from concurrent import futures

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
NICE = 5  # the main process trains on the critical path; workers yield the CPU to it


class Workers:
    """`call(function, *args)` runs an importable function in a worker; returns a future.

    Leaving the `with` block waits for every job and re-raises the first failure; after an
    exception or Ctrl-C it cancels the jobs that have not started.
    """

    def __init__(self, n=2):
        self.n = n
        self.jobs = []
        self.busy_s = 0.0  # seconds of work the workers did

    def __enter__(self):
        # Ctrl-C and SIGTERM belong to the main process, which cleans up and stops the
        # workers: they start with both ignored, so they never print a traceback of their own.
        previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in STOP_SIGNALS}
        try:
            context = multiprocessing.get_context(
                "spawn"
            )  # no fork of a threaded process
            self.pool = futures.ProcessPoolExecutor(
                self.n, mp_context=context, initializer=os.nice, initargs=(NICE,)
            )
            for _ in range(self.n):
                self.pool.submit(time.sleep, 0)  # starts the worker processes now
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return self

    def call(self, function, *args):
        job = self.pool.submit(_timed, function, *args)
        self.jobs.append(job)
        return _Result(job)

    def __exit__(self, kind, error, trace):
        try:
            if kind is None:
                self.busy_s = sum(job.result()[1] for job in self.jobs)
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)
        return False


class _Result:
    def __init__(self, job):
        self.job = job

    def result(self):
        return self.job.result()[0]


def _timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - started
