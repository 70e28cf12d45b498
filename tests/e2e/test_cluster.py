"""Many lectures, on this machine and on a real Dask cluster on loopback.

The cluster is a real ``dask scheduler`` and two ``dask worker`` processes on
127.0.0.1, started and stopped by PID. Lectures are small (Title and Recap, no
voice) so the whole module stays within a few minutes.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from pipeline.cache import entries

from .conftest import ROOT, run_cli, same_picture

pytestmark = pytest.mark.slow
SMALL = ("--scenes", "Title,Recap", "--voice", "none", "--quiet")
DASK = Path(sys.executable).with_name("dask")


def _variants(folder: Path) -> Path:
    """Three lectures that differ only in a guess: Title is shared by all three, Recap is not."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "lecture.toml").read_text(encoding="utf-8")
    bad = 'probs = { red = "4/5", blue = "1/5" }'
    assert bad in text
    for name, red, blue in (("a", "4/5", "1/5"), ("b", "3/4", "1/4"), ("c", "1/5", "4/5")):
        variant = text.replace(bad, f'probs = {{ red = "{red}", blue = "{blue}" }}')
        (folder / f"{name}.toml").write_text(variant, encoding="utf-8")
    return folder


def _frames(path: Path) -> list[str]:
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:v", "-f", "framemd5", "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line.rsplit(",", 1)[-1].strip() for line in out.splitlines() if line and not line.startswith("#")]


def _clips(site: Path) -> dict[str, list[str]]:
    return {str(p.relative_to(site)): _frames(p) for p in sorted(site.glob("*/scenes/*.mp4"))}


def _assert_same_lectures(site: Path, other: Path) -> None:
    """The two batch sites hold the same clips, showing the same frames.

    Not bit for bit: which scenes a render process drew before a scene can change a few
    levels of rounding (see SAME_PICTURE_LEVELS), and a cluster, a retry after a lost
    worker, or the order tasks finish all change that history.
    """
    clips = sorted(str(p.relative_to(site)) for p in site.glob("*/scenes/*.mp4"))
    assert clips == sorted(str(p.relative_to(other)) for p in other.glob("*/scenes/*.mp4"))
    assert clips
    for clip in clips:
        assert same_picture(site / clip, other / clip), clip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Cluster:
    """A scheduler and its workers, each a process of its own."""

    def __init__(self, tmp: Path) -> None:
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.tmp = tmp
        self.procs: list[subprocess.Popen[bytes]] = []
        self.workers: list[subprocess.Popen[bytes]] = []

    def _start(self, *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        with open(self.tmp / f"dask-{len(self.procs)}.log", "wb") as log:  # the process keeps its own copy
            proc = subprocess.Popen([str(DASK), *args], cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                    env={**os.environ, **(env or {})})  # fmt: skip
        self.procs.append(proc)
        return proc

    def start_scheduler(self) -> None:
        self._start("scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return
            time.sleep(0.2)
        raise AssertionError("the scheduler did not start")

    def start_worker(self, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        proc = self._start("worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                           "--host", "127.0.0.1", cwd=cwd, env=env)  # fmt: skip
        self.workers.append(proc)
        return proc

    def wait_for_workers(self, n: int) -> None:
        from distributed import Client

        with Client(self.address, timeout="10s", set_as_default=False) as client:
            client.wait_for_workers(n, timeout=60)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            _stop(proc)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    c = Cluster(tmp_path)
    try:
        c.start_scheduler()
        c.start_worker()
        c.start_worker()
        c.wait_for_workers(2)
        yield c
    finally:
        c.stop()


@pytest.fixture(scope="module")
def local_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """The three lectures rendered here, without a cluster: (configs, site, the run)."""
    tmp = tmp_path_factory.mktemp("local")
    configs = _variants(tmp / "configs")
    site = tmp / "site"
    proc = run_cli("batch", str(configs), "--out", str(site), *SMALL, cache=tmp / "cache")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return configs, site, proc


def test_a_batch_renders_each_shared_scene_once_and_lists_every_lecture(local_batch) -> None:
    configs, site, proc = local_batch
    assert "3 lectures: 3 published, 0 failed; 4 scene renders for 6 scene uses" in proc.stdout
    cache = site.parent / "cache"
    assert len(list((cache / "pictures").iterdir())) == 4  # Title once, Recap three times
    page = (site / "index.html").read_text(encoding="utf-8")
    for name in ("a", "b", "c"):
        assert (site / name / "manifest.json").is_file()
        assert f'href="{name}/index.html"' in page and f'src="{name}/lecture.png"' in page
    # a lecture of the batch is the lecture a single build makes
    single = site.parent / "single"
    proc = run_cli("build", "--config", str(configs / "b.toml"), "--out", str(single), *SMALL, cache=cache)
    assert proc.returncode == 0 and "2 cached" in proc.stdout
    in_batch = {k: v for k, v in _clips(site).items() if k.startswith("b/")}
    assert in_batch == {f"b/{p.relative_to(single)}": _frames(p) for p in sorted(single.glob("scenes/*.mp4"))}


def test_a_batch_on_a_cluster_makes_the_same_frames_and_renders_shared_scenes_once(
    local_batch, cluster: Cluster, tmp_path: Path
) -> None:
    configs, local_site, _ = local_batch
    site = tmp_path / "site"
    proc = run_cli("batch", str(configs), "--out", str(site), *SMALL, "--cluster", cluster.address,
                   cache=tmp_path / "cache")  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "4 scene renders for 6 scene uses" in proc.stdout
    _assert_same_lectures(site, local_site)
    assert len(_clips(site)) == 6


def _render_children(worker: subprocess.Popen[bytes]) -> list[int]:
    """The render processes a Dask worker has started (from any of its threads)."""
    try:
        children = psutil.Process(worker.pid).children(recursive=True)
    except psutil.Error:
        return []
    found = []
    for child in children:
        with contextlib.suppress(psutil.Error):
            if "pipeline.render.worker" in " ".join(child.cmdline()):
                found.append(child.pid)
    return found


def test_a_worker_killed_while_it_renders_costs_nothing_but_time(local_batch, cluster: Cluster, tmp_path: Path) -> None:
    configs, local_site, _ = local_batch
    site, cache = tmp_path / "site", tmp_path / "cache"
    env = {**os.environ, "LECTURE_CACHE_DIR": str(cache)}
    out_file, err_file = tmp_path / "stdout", tmp_path / "stderr"
    with out_file.open("w") as stdout, err_file.open("w") as stderr:
        batch = subprocess.Popen(
            [sys.executable, str(ROOT / "render.py"), "batch", str(configs), "--out", str(site), *SMALL,
             "--cluster", cluster.address],
            cwd=ROOT, env=env, stdout=stdout, stderr=stderr,
        )  # fmt: skip
    try:
        victim = None
        deadline = time.monotonic() + 120
        while victim is None and time.monotonic() < deadline and batch.poll() is None:
            victim = next((w for w in cluster.workers if _render_children(w)), None)
            time.sleep(0.1)
        assert victim is not None, "no worker started a render"
        time.sleep(1.0)  # well into the render
        assert _render_children(victim)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        batch.wait(timeout=600)
    finally:
        _stop(batch)
    out, err = out_file.read_text(), err_file.read_text()
    assert batch.returncode == 0, err[-3000:]
    assert "3 lectures: 3 published, 0 failed" in out
    _assert_same_lectures(site, local_site)
    for entry in (cache / "pictures").iterdir():
        assert entries.check(entry).valid, entry
    assert not [p for p in (cache / "tmp").iterdir() if p.is_dir()]  # the killed render's scratch is swept


def test_an_unreachable_scheduler_is_one_line_within_ten_seconds(tmp_path: Path) -> None:
    started = time.monotonic()
    proc = run_cli("build", "--scenes", "Title", "--voice", "none", "--out", str(tmp_path / "site"),
                   "--cluster", f"tcp://127.0.0.1:{_free_port()}", cache=tmp_path / "cache")  # fmt: skip
    took = time.monotonic() - started
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:" in lines[0], proc.stderr
    assert took < 10
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_worker_with_other_code_is_named(cluster: Cluster, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    copy.mkdir()
    for part in ("mathcore", "scenes", "pipeline"):
        subprocess.run(["cp", "-r", str(ROOT / part), str(copy / part)], check=True)
    title = copy / "scenes" / "title.py"
    title.write_text(title.read_text(encoding="utf-8") + "\n# another version\n", encoding="utf-8")
    stranger = cluster.start_worker(cwd=copy, env={"PYTHONPATH": str(copy)})
    cluster.wait_for_workers(3)
    proc = run_cli("build", "--scenes", "Title", "--voice", "none", "--out", str(tmp_path / "site"),
                   "--cluster", cluster.address, cache=tmp_path / "cache", timeout=120)  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    line = proc.stderr.strip().splitlines()[-1]
    assert "runs other project code than this machine" in line and "install the same version" in line
    assert stranger.poll() is None
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_batch_with_a_bad_config_names_it_and_renders_nothing(tmp_path: Path) -> None:
    configs = _variants(tmp_path / "configs")
    broken = configs / "b.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('log_base = "e"', "log_base = 7"), encoding="utf-8")
    proc = run_cli("batch", str(configs), "--out", str(tmp_path / "site"), *SMALL, cache=tmp_path / "cache")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(broken) in lines[0] and "log_base" in lines[0], proc.stderr
    assert not (tmp_path / "site").exists()
    assert not (tmp_path / "cache" / "pictures").exists()


def test_a_failed_scene_fails_only_its_lectures(tmp_path: Path) -> None:
    # A LaTeX that refuses every formula with \log_{10}: only the lecture in base 10 has one.
    real = shutil.which("latex")
    assert real
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    latex = bin_dir / "latex"
    latex.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in *.tex) grep -qF "log_{10}" "$a" && echo refused >&2 && exit 1;; esac; done\n'
        f'exec {real} "$@"\n'
    )
    latex.chmod(0o755)
    configs = tmp_path / "configs"
    configs.mkdir()
    text = (ROOT / "lecture.toml").read_text(encoding="utf-8")
    (configs / "nats.toml").write_text(text, encoding="utf-8")
    (configs / "tens.toml").write_text(text.replace('log_base = "e"', "log_base = 10"), encoding="utf-8")
    site = tmp_path / "site"
    proc = run_cli("batch", str(configs), "--out", str(site), *SMALL, cache=tmp_path / "cache",
                   env={"PATH": f"{bin_dir}:{os.environ['PATH']}"})  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == "error: 1 of 2 lectures not published: tens"
    assert re.search(r"^tens\s+FAILED\s+Recap: rendering Recap failed: ", proc.stdout, re.MULTILINE), proc.stdout
    assert re.search(r"^nats\s+published\s", proc.stdout, re.MULTILINE)
    assert (site / "nats" / "manifest.json").is_file()
    assert not (site / "tens" / "manifest.json").exists()
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="nats/index.html"' in page and "not published: Recap: rendering Recap failed" in page
