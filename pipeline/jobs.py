"""Worker processes: render scenes in parallel, longest first, with progress."""

from __future__ import annotations

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
    return {**os.environ, "PYTHONPATH": str(ROOT)}


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


class Pool:
    """Runs render jobs in worker processes, ``jobs`` at a time; stops them all on failure or exit."""

    def __init__(self, jobs: int, progress: Progress) -> None:
        self.jobs = jobs
        self.progress = progress
        self._processes: list[subprocess.Popen[str]] = []
        self._lock = threading.Lock()
        self._stopped = False

    def _run(self, name: str, job: dict[str, Any], folder: Path) -> float:
        path = _job_file(job, folder)
        started = time.monotonic()
        self.progress.update(name, status="rendering", started=started)
        try:
            with self._lock:
                if self._stopped:
                    raise JobError(f"rendering {name} was cancelled", secondary=True)
                proc = subprocess.Popen(
                    _worker_command(str(path)), cwd=ROOT, env=_env(), stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE, text=True,
                )  # fmt: skip
                self._processes.append(proc)
            assert proc.stdout is not None and proc.stderr is not None
            stderr_lines: list[str] = []
            reader = threading.Thread(target=lambda: stderr_lines.extend(proc.stderr), daemon=True)  # type: ignore[union-attr]
            reader.start()
            for line in proc.stdout:
                parts = line.split()
                if len(parts) == 3 and parts[0] == "beat":
                    self.progress.update(name, beat=int(parts[1]) + 1, seconds_rendered=float(parts[2]))
            code = proc.wait()
            reader.join()
            if code != 0 and self._stopped:
                raise JobError(f"rendering {name} was stopped", secondary=True)
            if code != 0:
                last = [ln.strip() for ln in stderr_lines if ln.strip()][-1:] or [f"exit status {code}"]
                self.progress.update(name, status="failed", error=last[0][:200])
                raise JobError(f"rendering {name} failed: {last[0][:300]}")
        finally:
            path.unlink(missing_ok=True)
        return time.monotonic() - started

    def run(self, work: list[tuple[str, dict[str, Any], Path]]) -> dict[str, float]:
        """Run ``(name, job, folder)`` items; return seconds taken per name. Raises the first failure.

        On a failure, an interrupt or SIGTERM, running workers are terminated and
        queued ones never start.
        """
        took: dict[str, float] = {}
        errors: list[BaseException] = []
        executor = ThreadPoolExecutor(max_workers=self.jobs)
        try:
            futures = {name: executor.submit(self._run, name, job, folder) for name, job, folder in work}
            for name, future in futures.items():
                try:
                    took[name] = future.result()
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
        return took

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for proc in self._processes:
                if proc.poll() is None:
                    proc.terminate()
