"""Worker processes: render scenes in parallel, longest first, with progress."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .cache import ROOT
from .progress import Progress


class JobError(RuntimeError):
    """A worker failed; the message names the scene and the worker's last error line.

    ``secondary`` marks a worker stopped or never started because another one failed.
    """

    def __init__(self, message: str, secondary: bool = False) -> None:
        super().__init__(message)
        self.secondary = secondary


def _job_file(job: dict[str, Any], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, dir=folder) as handle:
        json.dump(job, handle)
        return Path(handle.name)


def _worker_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.worker", *args]


def _env() -> dict[str, str]:
    # A fixed hash seed: manim's TransformMatchingTex walks sets of strings, whose order
    # (and so which parts are drawn on top mid-animation) otherwise changes from run to run.
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}


def collect_script(job: dict[str, Any], folder: Path) -> list[dict[str, str]]:
    """A scene's beats (ids and captions) from a dry run in a worker process."""
    path = _job_file(job, folder)
    try:
        proc = subprocess.run(
            _worker_command("--script", str(path)), cwd=ROOT, env=_env(), capture_output=True, text=True, check=False
        )
    finally:
        path.unlink(missing_ok=True)
    if proc.returncode != 0:
        last = [ln for ln in proc.stderr.strip().splitlines() if ln.strip()][-1:] or ["no error output"]
        raise JobError(f"playing {job['scene']} failed: {last[0][:300]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


class _Worker:
    """One ``pipeline.worker --serve`` process: renders the jobs it is given, one at a time."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.stderr: list[str] = []
        assert proc.stderr is not None
        self._reader = threading.Thread(target=lambda: self.stderr.extend(proc.stderr), daemon=True)  # type: ignore[arg-type]
        self._reader.start()

    def last_error(self) -> str:
        self._reader.join(timeout=5)
        last = [ln.strip() for ln in self.stderr if ln.strip()][-1:]
        return last[0] if last else f"exit status {self.proc.poll()}"

    def close(self) -> None:
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        self.proc.wait()
        self._reader.join(timeout=5)


class Pool:
    """Renders jobs in ``jobs`` worker processes; stops them all on failure or exit.

    Each worker is a long-lived process that imports manim and the scenes once
    and renders the jobs it takes from a shared queue, in the order given
    (longest first), so a slow scene starts early and the processes finish
    together.
    """

    def __init__(self, jobs: int, progress: Progress) -> None:
        self.jobs = jobs
        self.progress = progress
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._stopped = False

    def _start_worker(self) -> _Worker:
        with self._lock:
            if self._stopped:
                raise JobError("rendering was cancelled", secondary=True)
            proc = subprocess.Popen(
                _worker_command("--serve"), cwd=ROOT, env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True, bufsize=1,
            )  # fmt: skip
            worker = _Worker(proc)
            self._workers.append(worker)
            return worker

    def _render(self, worker: _Worker, name: str, job: dict[str, Any], folder: Path) -> float:
        """Send one job to ``worker``; follow its progress until it is done."""
        proc = worker.proc
        assert proc.stdin is not None and proc.stdout is not None
        path = _job_file(job, folder)
        started = time.monotonic()
        self.progress.update(name, status="rendering", started=started)
        try:
            with contextlib.suppress(OSError):  # a worker that is gone is reported below, from its stderr
                proc.stdin.write(f"{path}\n")
                proc.stdin.flush()
            for line in proc.stdout:
                parts = line.split()
                if parts == ["done"]:
                    return time.monotonic() - started
                if len(parts) == 3 and parts[0] == "beat":
                    self.progress.update(name, beat=int(parts[1]) + 1, seconds_rendered=float(parts[2]))
            proc.wait()
            if self._stopped:
                raise JobError(f"rendering {name} was stopped", secondary=True)
            error = worker.last_error()
            self.progress.update(name, status="failed", error=error[:200])
            raise JobError(f"rendering {name} failed: {error[:300]}")
        finally:
            path.unlink(missing_ok=True)

    def _serve(self, queue: list[tuple[str, dict[str, Any], Path]], took: dict[str, float]) -> None:
        """One worker's life: take jobs from ``queue`` until it is empty."""
        worker: _Worker | None = None
        try:
            while True:
                with self._lock:
                    if self._stopped or not queue:
                        return
                    name, job, folder = queue.pop(0)
                if worker is None:
                    worker = self._start_worker()
                took[name] = self._render(worker, name, job, folder)
        finally:
            if worker is not None:
                worker.close()

    def run(self, work: list[tuple[str, dict[str, Any], Path]]) -> dict[str, float]:
        """Run ``(name, job, folder)`` items, in this order; return seconds taken per name.

        Raises the first failure. On a failure, an interrupt or SIGTERM, running
        workers are terminated and queued jobs never start.
        """
        took: dict[str, float] = {}
        errors: list[BaseException] = []
        queue = list(work)
        executor = ThreadPoolExecutor(max_workers=self.jobs)
        try:
            futures = [executor.submit(self._serve, queue, took) for _ in range(min(self.jobs, len(work)))]
            for future in futures:
                try:
                    future.result()
                except JobError as err:
                    errors.append(err)
                    self.stop()
        except BaseException:
            self.stop()
            raise
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            self.stop()
        if errors:
            raise next((e for e in errors if not getattr(e, "secondary", False)), errors[0])
        missing = [name for name, _, _ in work if name not in took]
        if missing:
            raise JobError(f"rendering {missing[0]} was cancelled", secondary=True)
        return took

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for worker in self._workers:
                if worker.proc.poll() is None:
                    worker.proc.terminate()
