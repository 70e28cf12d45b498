"""Worker processes: render scenes in parallel, longest first, with progress.

Each worker is a ``python -m pipeline.render.worker`` process that imports
manim once and takes jobs from a shared queue. A job goes to it as one line
of JSON (:class:`~pipeline.contracts.RenderJob`); it answers with
:class:`~pipeline.contracts.WorkerMessage` lines. Workers die with the build
(a parent-death signal), and the pool stops them all on a failure or SIGTERM.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..cache.keys import ROOT
from ..contracts import RenderJob, WorkerMessage
from ..errors import EnvironmentFailure, RenderFailure
from ..render.worker import PARENT_ENV
from .progress import Progress


class Cancelled(RuntimeError):
    """A job stopped or never started because another one failed."""


def _env() -> dict[str, str]:
    # A fixed hash seed: manim's TransformMatchingTex walks sets of strings, whose order
    # (and so which parts are drawn on top mid-animation) otherwise changes from run to run.
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0", PARENT_ENV: str(os.getpid())}


def _start() -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.render.worker"], cwd=ROOT, env=_env(), stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
    )  # fmt: skip


class _Worker:
    """One worker process: sends it jobs and reads its answers."""

    def __init__(self) -> None:
        self.proc = _start()
        self.stderr: list[str] = []
        assert self.proc.stderr is not None
        stderr = self.proc.stderr
        self._reader = threading.Thread(target=lambda: self.stderr.extend(stderr), daemon=True)
        self._reader.start()

    def ask(self, job: RenderJob, on_message: Callable[[WorkerMessage], None]) -> WorkerMessage | None:
        """Send ``job``; pass each beat message on; return the ``done`` or ``error`` message (None if it died)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        with contextlib.suppress(OSError):  # a worker that is gone is reported by the caller
            self.proc.stdin.write(job.to_json() + "\n")
            self.proc.stdin.flush()
        for line in self.proc.stdout:
            message = WorkerMessage.parse(line.rstrip("\n"))
            if message is None:
                continue
            if message.kind in ("done", "error"):
                return message
            on_message(message)
        self.proc.wait()
        self._reader.join(timeout=5)
        return None

    def death(self, job: RenderJob) -> str:
        """Why the worker ended without answering: a signal, or its last error line."""
        what = f"the {'play' if job.script_only else 'render'} of {job.scene}"
        code = self.proc.poll()
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = "a signal"
            return f"{what} was killed ({name}, signal {-code})"
        last = [ln.strip() for ln in self.stderr if ln.strip()][-1:]
        detail = last[0][:300] if last else f"exit status {code}"
        return f"{what} ended without finishing: {detail}"

    def keep_log(self, job: RenderJob) -> Path | None:
        """Save what the worker printed on stderr (a traceback) for the developer; return the file."""
        path = Path(job.cache_dir) / "logs" / f"{job.scene}.log"
        self._reader.join(timeout=5)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(self.stderr), encoding="utf-8")
        except OSError:
            return None
        return path

    def close(self) -> None:
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        self.proc.wait()
        self._reader.join(timeout=5)


def _raise_for(message: WorkerMessage, worker: _Worker, job: RenderJob) -> None:
    what = "playing" if job.script_only else "rendering"
    if message.environment:
        raise EnvironmentFailure(f"{what} {job.scene}: {message.message}")
    log = worker.keep_log(job)
    details = f" (the whole error: {log})" if log else ""
    raise RenderFailure(f"{what} {job.scene} failed: {message.message[:300]}{details}")


def play_for_beats(job: RenderJob) -> WorkerMessage:
    """Play one scene without video in a fresh worker (its beats); raise on failure."""
    worker = _Worker()
    try:
        answer = worker.ask(job, lambda _: None)
    finally:
        worker.close()
    if answer is None:
        raise RenderFailure(worker.death(job))
    if answer.kind == "error":
        _raise_for(answer, worker, job)
    return answer


@dataclass(frozen=True)
class Finished:
    """A rendered scene: the picture entry it made, and how long it took (and where, on a cluster)."""

    scene: str
    picture: str
    seconds: float
    worker: str = ""


def label_of(job: RenderJob) -> str:
    """The progress row of a job: its scene's name."""
    return job.scene


class Pool:
    """Renders jobs in ``jobs`` worker processes; stops them all on failure or exit.

    Jobs are handed out in the order given (longest first), so a slow scene
    starts early and the processes finish together. A finished job's entry is
    in the cache at once, so it is kept even when another job fails.
    """

    def __init__(
        self,
        jobs: int,
        progress: Progress,
        keep_going: bool = False,
        label: Callable[[RenderJob], str] = label_of,
    ) -> None:
        self.jobs = jobs
        self.progress = progress
        self.keep_going = keep_going
        self.label = label
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._stopped = False
        self.done: dict[str, Finished] = {}
        """What finished, by the job's base key: also after a failure (those entries are in the cache)."""
        self.failed: dict[str, RenderFailure | EnvironmentFailure] = {}
        """With ``keep_going``: what failed, by the job's base key."""

    def _start_worker(self) -> _Worker:
        with self._lock:
            if self._stopped:
                raise Cancelled("rendering was cancelled")
            worker = _Worker()
            self._workers.append(worker)
            return worker

    def _render(self, worker: _Worker, job: RenderJob) -> Finished:
        started = time.monotonic()
        row = self.label(job)
        self.progress.update(row, status="rendering", started=started)

        def on_message(message: WorkerMessage) -> None:
            self.progress.update(row, beat=message.index + 1, seconds_rendered=message.seconds)

        answer = worker.ask(job, on_message)
        if answer is not None and answer.kind == "done":
            return Finished(job.scene, answer.picture, time.monotonic() - started)
        if self._stopped:
            raise Cancelled(f"rendering {job.scene} was stopped")
        self.progress.update(row, status="failed", error=(answer.message if answer else "killed")[:200])
        if answer is None:
            raise RenderFailure(worker.death(job))
        _raise_for(answer, worker, job)
        raise AssertionError("unreachable")

    def _serve(self, queue: list[RenderJob], done: dict[str, Finished]) -> None:
        """One worker's life: take jobs from ``queue`` until it is empty."""
        worker: _Worker | None = None
        try:
            while True:
                with self._lock:
                    if self._stopped or not queue:
                        return
                    job = queue.pop(0)
                if worker is None:
                    worker = self._start_worker()
                try:
                    done[job.base] = self._render(worker, job)
                except (RenderFailure, EnvironmentFailure) as err:
                    if not self.keep_going:
                        raise
                    self.failed[job.base] = err
                    worker.close()  # a worker ends after a failed job; the next job gets a fresh one
                    worker = None
        finally:
            if worker is not None:
                worker.close()

    def run(self, work: list[RenderJob]) -> dict[str, Finished]:
        """Render the jobs, in this order; return what each made, by base key.

        Raises the first real failure (with ``keep_going``, failures are collected
        in :attr:`failed` and the other jobs go on). On a failure, an interrupt or SIGTERM,
        running workers are terminated and queued jobs never start; jobs that
        finished before are already in the cache.
        """
        done = self.done
        errors: list[BaseException] = []
        queue = list(work)
        executor = ThreadPoolExecutor(max_workers=self.jobs)
        try:
            futures = [executor.submit(self._serve, queue, done) for _ in range(min(self.jobs, len(work)))]
            for future in futures:
                try:
                    future.result()
                except (RenderFailure, EnvironmentFailure, Cancelled) as err:
                    errors.append(err)
                    self.stop()
        except BaseException:
            self.stop()
            raise
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            self.stop()
        if errors:
            raise next((e for e in errors if not isinstance(e, Cancelled)), errors[0])
        return done

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for worker in self._workers:
                if worker.proc.poll() is None:
                    worker.proc.terminate()
