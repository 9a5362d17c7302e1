"""What `govkg build` shows while it runs: a progress bar on standard error when that is
a terminal (not with --quiet, never in a pipe or CI), a line per article only with
--verbose, and the failures always, in the summary."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / "tests" / "data" / "dev"
RATE = re.compile(r"\d+\.\d\d articles/s")
ENV = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Two good articles and one image saved as .txt."""
    src = tmp_path_factory.mktemp("articles")
    for name in ("d01", "d02"):
        shutil.copy(DEV / f"{name}.txt", src)
    (src / "b03.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return src


def govkg(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO, env=ENV,
                          capture_output=True, text=True, timeout=900)


def on_a_terminal(*args) -> tuple[int, str, str]:
    """Run `govkg ARGS` with standard error on a pseudo-terminal; (exit code, stdout, what the terminal showed)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 24 rows, 100 columns
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO, env=ENV,
                            stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    shown = bytearray()
    while True:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child's end is closed
            break
        if not chunk:
            break
        shown += chunk
    out = proc.stdout.read().decode()
    proc.wait(timeout=60)
    os.close(leader)
    return proc.returncode, out, shown.decode(errors="replace")


def test_a_line_per_article_only_with_verbose(corpus, tmp_path):
    loud = govkg("build", corpus, "--out", tmp_path / "loud", "--no-validate", "--verbose")
    assert loud.returncode == 1
    assert "  d01: persons=" in loud.stdout and "  d02: persons=" in loud.stdout
    assert f"  FAILED {corpus / 'b03.txt'}: " in loud.stdout
    plain = govkg("build", corpus, "--out", tmp_path / "plain", "--no-validate")
    assert plain.returncode == 1
    assert "  d01: persons=" not in plain.stdout and "FAILED" not in plain.stdout
    assert "articles: 2 built, 1 failed (of 3)" in plain.stdout
    assert f"failures:\n  {corpus / 'b03.txt'}: " in plain.stdout  # failures are always listed, one line each


def test_no_bar_when_standard_error_is_no_terminal(corpus, tmp_path):
    result = govkg("build", corpus, "--out", tmp_path / "out", "--no-validate")
    assert "building" not in result.stderr and not RATE.search(result.stderr) and "\r" not in result.stderr


def test_a_terminal_shows_a_bar_with_the_rate_and_the_articles_done(corpus, tmp_path):
    code, out, shown = on_a_terminal("build", corpus, "--out", tmp_path / "out", "--no-validate")
    assert code == 1 and "articles: 2 built, 1 failed" in out
    assert "building" in shown and "3/3 articles" in shown and RATE.search(shown), shown
    assert "100%" in shown


def test_quiet_draws_no_bar_even_on_a_terminal(corpus, tmp_path):
    code, out, shown = on_a_terminal("build", corpus, "--out", tmp_path / "out", "--no-validate", "--quiet")
    assert code == 1 and "articles: 2 built, 1 failed" in out
    assert "building" not in shown and not RATE.search(shown)


def test_verbose_and_quiet_do_not_go_together(corpus, tmp_path):
    result = govkg("build", corpus, "--out", tmp_path / "out", "-v", "-q")
    assert result.returncode == 2 and "not allowed with argument" in result.stderr
