"""Scene renders as tasks on a Dask cluster (``--cluster ADDRESS``).

The client sends each :class:`~pipeline.contracts.RenderJob` as JSON to
:func:`render_task`, which runs on a Dask worker and renders the scene in a
fresh ``python -m pipeline.render.worker`` process there, exactly as a local
build does. The worker commits the picture as a sealed cache entry in the
shared cache folder; the client gets back only the entry's name and checks the
entry before it publishes from it.

A task's key is ``render-<base key>``: a scene wanted by several lectures of a
batch, or by two clients at once, is one task. A worker killed mid-task loses
only scratch (entries are committed whole); the scheduler runs the task again on
another worker. Before submitting, the client checks that every worker runs the
same project code and tools (:func:`pipeline.cache.keys.project_fingerprint`)
and sees the cache folder.

``distributed`` is imported only here, and only when a cluster is asked for.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..contracts import RenderJob, WorkerMessage
from ..errors import EnvironmentFailure, RenderFailure
from .pool import Finished, _Worker, label_of
from .progress import Progress

SCHEDULER_ENV = "LECTURE_DASK_SCHEDULER"
CONNECT_SECONDS = 5
"""How long to try to reach the scheduler before saying it cannot be reached."""
WORKERS_SECONDS = 30
"""How long to wait for a scheduler without workers to get one."""
RETRIES = 1
"""Runs again of a task that raised (a task whose worker died is run again by the scheduler anyway)."""


def render_task(job_json: str) -> str:
    """On a Dask worker: render one job in a fresh render process; the answer as JSON.

    A failed render is an answer (``error``), not an exception, so the scheduler
    does not run a scene that fails again and again.
    """
    job = RenderJob.from_json(job_json)
    started = time.monotonic()
    worker = _Worker()
    try:
        answer = worker.ask(job, lambda _: None)
    finally:
        worker.close()
    where = socket.gethostname()
    if answer is None:
        answer = WorkerMessage("error", message=worker.death(job))
    elif answer.kind == "error" and not answer.environment:
        log = worker.keep_log(job)
        if log is not None:
            answer = WorkerMessage("error", message=f"{answer.message[:300]} (the whole error: {where}:{log})")
    return json.dumps({"answer": answer.line(), "seconds": time.monotonic() - started, "worker": where})


def worker_state(cache_dir: str) -> dict[str, Any]:
    """On a Dask worker: its project fingerprint, and whether it can write the cache folder."""
    from ..cache.keys import project_fingerprint

    path = Path(cache_dir)
    return {**project_fingerprint(), "cache": path.is_dir() and os.access(path, os.W_OK | os.X_OK)}


def connect(address: str) -> Any:
    """A client of the scheduler at ``address``; one line if it cannot be reached."""
    from distributed import Client

    try:
        return Client(address, timeout=f"{CONNECT_SECONDS}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise EnvironmentFailure(
            f"cannot reach the Dask scheduler at {address} ({str(err).splitlines()[0][:120]}); "
            f"start one with `dask scheduler` or check --cluster / ${SCHEDULER_ENV}"
        ) from None


def check_workers(client: Any, address: str, cache_dir: Path) -> None:
    """Every worker runs this project's code and tools and can write the cache folder; else one line."""
    from ..cache.keys import project_fingerprint

    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except TimeoutError:
        raise EnvironmentFailure(
            f"the Dask scheduler at {address} has no workers after {WORKERS_SECONDS} s; "
            f"start some with `dask worker {address}`"
        ) from None
    mine = project_fingerprint()
    for worker, state in sorted(client.run(worker_state, str(cache_dir)).items()):
        for what in ("code", "tools"):
            if state[what] != mine[what]:
                differs = "project code" if what == "code" else "tools (manim, ffmpeg, TeX Live, dvisvgm, fonts)"
                raise EnvironmentFailure(
                    f"the Dask worker {worker} runs other {differs} than this machine; "
                    "install the same version of the project there"
                )
        if not state["cache"]:
            raise EnvironmentFailure(
                f"the Dask worker {worker} cannot write the cache folder {cache_dir}; "
                "give --cache a folder on a file system that every worker shares"
            )


class ClusterPool:
    """Renders jobs as tasks on a Dask cluster; the same interface as :class:`~.pool.Pool`."""

    def __init__(
        self,
        address: str,
        progress: Progress,
        keep_going: bool = False,
        label: Callable[[RenderJob], str] = label_of,
    ) -> None:
        self.address = address
        self.progress = progress
        self.keep_going = keep_going
        self.label = label
        self.done: dict[str, Finished] = {}
        self.failed: dict[str, RenderFailure | EnvironmentFailure] = {}

    def run(self, work: list[RenderJob]) -> dict[str, Finished]:
        """Render the jobs on the cluster; return what each made, by base key (see :meth:`Pool.run`)."""
        if not work:
            return self.done
        from distributed import as_completed

        cache_dir = Path(work[0].cache_dir)
        cache_dir.mkdir(parents=True, exist_ok=True)  # the workers see it only once it exists
        client = connect(self.address)
        try:
            check_workers(client, self.address, cache_dir)
            jobs, futures = {}, []
            for job in work:
                future = client.submit(render_task, job.to_json(), key=f"render-{job.base}", retries=RETRIES)
                jobs[future.key] = job
                futures.append(future)
                self.progress.update(self.label(job), status="rendering", started=time.monotonic())
            self._collect(as_completed(futures, loop=client.loop), jobs)
        finally:
            client.close()
        return self.done

    def _collect(self, completed: Any, jobs: dict[str, RenderJob]) -> None:
        for future in completed:
            job = jobs[future.key]
            try:
                self.done[job.base] = self._finished(job, future)
            except (RenderFailure, EnvironmentFailure) as err:
                self.progress.update(self.label(job), status="failed", error=str(err)[:200])
                if not self.keep_going:
                    for other in completed.futures:
                        other.cancel()
                    raise
                self.failed[job.base] = err

    def _finished(self, job: RenderJob, future: Any) -> Finished:
        from distributed.scheduler import KilledWorker

        try:
            result = json.loads(future.result())
        except KilledWorker:
            raise EnvironmentFailure(
                f"the render of {job.scene} stopped every Dask worker that ran it; see the workers' logs"
            ) from None
        except Exception as err:  # an exception the task raised, sent back by the scheduler
            raise EnvironmentFailure(f"rendering {job.scene} on the cluster: {str(err)[:300]}") from None
        answer = WorkerMessage.parse(result["answer"])
        assert answer is not None
        if answer.kind == "error":
            cls = EnvironmentFailure if answer.environment else RenderFailure
            raise cls(f"rendering {job.scene} on {result['worker']} failed: {answer.message[:400]}")
        return Finished(job.scene, answer.picture, result["seconds"], result["worker"])
