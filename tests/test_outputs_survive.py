"""Nothing half-written: a build or a facts run killed with SIGKILL at several points, or
one that fills a small disk, leaves the previous outputs byte for byte; the next run
cleans up the debris and a clean run leaves none.

The write phase is slowed down with GOVKG_TEST_WRITE_DELAY (atomic.py) so that the kill
lands while the staged output files are being written.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Articles of our own: a first corpus (the "previous build") and a second one.
FIRST = {
    "p01": "Sáng 3/6, tại Hà Nội, Bộ trưởng Bộ Tài chính Vương Đình Lộc chủ trì hội nghị sơ kết công tác "
           "quản lý ngân sách. Bộ trưởng yêu cầu các đơn vị tiết kiệm chi thường xuyên.\n",
    "p02": "Chiều 4/6, Chủ tịch UBND tỉnh Hà Giang Lục Văn Tâm tiếp đoàn công tác của Bộ Nội vụ.\n",
}
SECOND = {
    "q01": "Sáng 10/6, tại Trụ sở Chính phủ, Phó Thủ tướng Khổng Minh Tuệ chủ trì cuộc họp về tiến độ "
           "giải ngân vốn đầu tư công. Phó Thủ tướng đề nghị các bộ, ngành tháo gỡ vướng mắc.\n",
    "q02": "Ngày 11/6, Bí thư Tỉnh ủy Cà Mau Thạch Ngọc Sơn làm việc với Đảng ủy xã Tân Tiến. "
           "Đồng chí yêu cầu Đảng ủy xã chăm lo đời sống người dân.\n",
    "q03": "Sáng 12/6, Bộ trưởng Bộ Y tế Ninh Thị Hạnh kiểm tra công tác phòng, chống dịch tại tỉnh Sơn La.\n",
}
OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq")


def write_corpus(directory: Path, articles: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    return directory


def env(**extra) -> dict:
    return dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1", **extra)


def govkg(*args, **extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO, env=env(**extra),
                          capture_output=True, text=True, timeout=600)


def snapshot(directory: Path) -> dict[str, bytes]:
    """The output files (not the debris) and their bytes."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())
            if p.is_file() and not p.name.startswith(".govkg-")}


def debris(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".govkg-"))


def kill_when(args, ready, **extra) -> str:
    """Start `govkg ARGS`, SIGKILL it as soon as `ready(output so far)` holds; its output."""
    import threading

    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO, env=env(**extra),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            if ready("".join(lines)):
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return "".join(lines)
            if proc.poll() is not None:
                reader.join(5)
                pytest.fail(f"govkg ended (exit {proc.returncode}) before the kill point:\n{''.join(lines)}")
            time.sleep(0.01)
        pytest.fail(f"the kill point never came:\n{''.join(lines)}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def staged_output_written(out: Path):
    """True once a staged (temporary) output file holds some bytes: the write phase."""
    def ready(_output: str) -> bool:
        return any(p.name.startswith(".govkg-") and p.is_file() and p.stat().st_size > 0
                   and p.name.endswith(OUTPUTS) for p in out.iterdir())
    return ready


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """The two corpora, the first built into `previous`, the second into `expected`."""
    root = tmp_path_factory.mktemp("survive")
    first, second = write_corpus(root / "first", FIRST), write_corpus(root / "second", SECOND)
    for src, out in ((first, root / "previous"), (second, root / "expected")):
        result = govkg("build", src, "--out", out, "--no-validate")
        assert result.returncode == 0, result.stdout + result.stderr
    previous, expected = snapshot(root / "previous"), snapshot(root / "expected")
    assert set(previous) == set(expected) == set(OUTPUTS) and previous != expected
    return root, previous, expected


def fresh_copy(root: Path, previous: dict[str, bytes], name: str) -> Path:
    out = root / name
    out.mkdir()
    for file, data in previous.items():
        (out / file).write_bytes(data)
    return out


def test_killed_while_extracting_keeps_the_previous_build(corpora):
    root, previous, _ = corpora
    many = write_corpus(root / "many", {f"{name}-{k:02d}": text for name, text in SECOND.items() for k in range(20)})
    out = fresh_copy(root, previous, "kill-extract")
    kill_when(["build", many, "--out", out, "--no-validate", "--verbose"], lambda seen: "  q01-00:" in seen)
    assert snapshot(out) == previous
    assert not any(p.name.endswith(OUTPUTS) for p in out.iterdir() if p.name.startswith(".govkg-"))


def test_killed_while_writing_keeps_the_previous_build_and_the_next_run_cleans_up(corpora):
    root, previous, expected = corpora
    out = fresh_copy(root, previous, "kill-write")
    kill_when(["build", root / "second", "--out", out, "--no-validate"], staged_output_written(out),
              GOVKG_TEST_WRITE_DELAY="0.002")
    assert snapshot(out) == previous  # the targets: byte for byte
    assert debris(out), "the kill should have left staged files behind"
    result = govkg("build", root / "second", "--out", out, "--no-validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert debris(out) == []  # the dead run's debris is gone, and this run left none
    assert snapshot(out) == expected


def test_killed_while_validating_has_the_new_build_complete(corpora):
    root, previous, expected = corpora
    out = fresh_copy(root, previous, "kill-validate")
    kill_when(["build", root / "second", "--out", out], lambda seen: "validating" in seen)
    assert snapshot(out) == expected and debris(out) == []


def test_killed_while_writing_facts_leaves_every_file_old_or_complete(corpora, tmp_path):
    root, _, _ = corpora
    graph = root / "expected" / "graph.ttl"
    complete = tmp_path / "complete"
    assert govkg("facts", graph, "--out", complete).returncode == 0
    new = snapshot(complete)
    assert len(new) == 3
    facts = tmp_path / "facts"  # the previous run's files: same names, older content
    facts.mkdir()
    old = {name: b'{"article": "an older run"}\n' for name in new}
    for name, data in old.items():
        (facts / name).write_bytes(data)

    def midway(_output: str) -> bool:  # one file replaced, the next one being written
        return snapshot(facts) != old and any(p.name.startswith(".govkg-") for p in facts.iterdir())

    kill_when(["facts", graph, "--out", facts], midway, GOVKG_TEST_WRITE_DELAY="0.5")
    now = snapshot(facts)
    assert set(now) == set(new)
    assert all(now[name] in (old[name], new[name]) for name in now)  # each whole: old or new
    assert any(now[name] == old[name] for name in now) and any(now[name] == new[name] for name in now)
    assert govkg("facts", graph, "--out", facts).returncode == 0
    assert snapshot(facts) == new and debris(facts) == []


# ---------------------------------------------------------------------------
# A full disk

SMALL_DISK = r"""
import hashlib, json, os, shutil, subprocess, sys
mount, previous, source = sys.argv[1:4]
out = os.path.join(mount, "out")
shutil.copytree(previous, out)
result = subprocess.run([sys.executable, "-m", "pipeline", "build", source, "--out", out, "--no-validate"],
                        capture_output=True, text=True)
print(json.dumps({"returncode": result.returncode, "stderr": result.stderr, "stdout": result.stdout,
                  "files": {n: hashlib.sha256(open(os.path.join(out, n), "rb").read()).hexdigest()
                            for n in sorted(os.listdir(out)) if os.path.isfile(os.path.join(out, n))},
                  "entries": sorted(os.listdir(out)),
                  "cache": sorted(os.listdir(os.path.join(out, ".cache")))}))
"""


def _small_disk_command(mount: Path, size_kib: int) -> list[str] | None:
    """A command prefix that runs a shell with a `size_kib` tmpfs mounted on `mount`, in
    a private mount namespace (gone with the process): as root, or in a user namespace."""
    unshare = shutil.which("unshare")
    if not unshare:
        return None
    mount_cmd = f"mount -t tmpfs -o size={size_kib}k govkg-test {mount}"
    for prefix in ([unshare, "--mount"], [unshare, "--user", "--map-root-user", "--mount"]):
        probe = subprocess.run([*prefix, "sh", "-c", mount_cmd], capture_output=True)
        if probe.returncode == 0:
            return [*prefix, "sh", "-c", mount_cmd + ' && exec "$@"', "sh"]
    return None


def test_a_full_disk_keeps_the_previous_build(corpora, tmp_path):
    """A real small file system (tmpfs) that holds the previous build but not the new one."""
    import hashlib

    root, previous, _ = corpora
    mount = tmp_path / "disk"
    mount.mkdir()
    size = (sum(len(d) for d in previous.values()) + 150_000) // 1024
    prefix = _small_disk_command(mount, size)
    if prefix is None:
        pytest.skip("cannot mount a small tmpfs here (no root, no user namespaces): see the RLIMIT_FSIZE test")
    script = tmp_path / "small_disk.py"
    script.write_text(SMALL_DISK, encoding="utf-8")
    run = subprocess.run([*prefix, sys.executable, str(script), str(mount), str(root / "previous"),
                          str(root / "second")], cwd=REPO, env=env(), capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout.strip().splitlines()[-1])
    assert got["returncode"] == 2, got
    assert "No space left on device" in got["stderr"] and "out" in got["stderr"]
    assert "Traceback" not in got["stderr"]
    assert got["files"] == {n: hashlib.sha256(d).hexdigest() for n, d in previous.items()}
    # no debris on the full disk either; the cache keeps the articles built before it filled
    assert got["entries"] == sorted([".cache", *OUTPUTS])
    assert got["cache"] and all(n.endswith(".json.gz") and not n.startswith(".govkg-") for n in got["cache"])


def test_a_file_size_limit_keeps_the_previous_build(corpora):
    """The same failure by another route that needs no mount: RLIMIT_FSIZE makes a write
    past 200 KiB fail (EFBIG, 'File too large') in the middle of writing."""
    root, previous, _ = corpora
    out = fresh_copy(root, previous, "fsize")
    code = ("import resource, signal, sys, runpy; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000)); "
            "sys.argv = ['govkg'] + sys.argv[1:]; runpy.run_module('pipeline', run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", code, "build", str(root / "second"), "--out", str(out),
                             "--no-validate"], cwd=REPO, env=env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "File too large" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out) == previous and debris(out) == []
