"""Helpers of the store, query and serving tests: the repository's paths, the `govkg`
command in a subprocess, servers started on 127.0.0.1 at free ports."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SEED = next(SEEDS.glob("*.txt"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def govkg(*args, timeout=300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    """Until `url` answers (any status), or fail with what the server printed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {log.read_text()}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{url} did not answer in {seconds} s")


class Server:
    """A server process on 127.0.0.1, stopped (and waited for) when the session ends."""

    def __init__(self, args: list[str], port: int, log: Path, ready_path: str = "/"):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = log  # what the server prints (a file: a full pipe would block it)
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        with log.open("w") as out:
            self.process = subprocess.Popen(args, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        wait_for(self.url + ready_path, self.process, log)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def oxigraph_command() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    if not found:
        pytest.fail("the `oxigraph` server command is missing: install the test extras (pip install -e '.[test]')")
    return found


def normalized(bindings: list[dict]) -> list[tuple]:
    """SPARQL JSON bindings as sorted rows of (variable, type, value, datatype/lang); the
    pieces of a GROUP_CONCAT (', '-separated) sorted, since its order is unspecified."""
    rows = []
    for b in bindings:
        row = []
        for var in sorted(b):
            term = b[var]
            value = ", ".join(sorted(term["value"].split(", ")))
            row.append((var, term["type"], value, term.get("datatype", ""), term.get("xml:lang", "")))
        rows.append(tuple(row))
    return sorted(rows)
