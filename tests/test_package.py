"""A real package: `python -m build` makes an sdist and a wheel (the wheel built from the
sdist), the wheel carries the code and every data file of ontology/, and installed into
a fresh virtualenv it builds, validates and writes facts from a folder outside the
repository, reading its data through importlib.resources.

The fresh virtualenv gets the wheel alone (`--no-deps`); the third-party libraries it
needs are the test environment's, made visible by a path in a .pth file (a plain path:
the editable install of this repository there is not activated). So the test needs no
download of spaCy and the rest, and still runs only the installed `pipeline`.
"""
from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTICLE = ("Sáng 14/11, tại Trụ sở Tỉnh ủy Hà Tĩnh, Bí thư Tỉnh ủy Hà Tĩnh Phan Đình Lộc chủ trì hội nghị "
           "Ban Thường vụ Tỉnh ủy. Đồng chí yêu cầu Ủy ban nhân dân tỉnh Hà Tĩnh đẩy nhanh tiến độ các "
           "công trình trọng điểm.\n")


def run(cmd, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    result = run([sys.executable, "-m", "build", "--outdir", dist, REPO], cwd=REPO)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert len(list(dist.glob("govkg-*.tar.gz"))) == 1
    (found,) = dist.glob("govkg-*.whl")
    return found


def test_the_wheel_carries_all_code_and_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    code = {p.relative_to(REPO).as_posix() for p in (REPO / "pipeline").rglob("*.py") if "__pycache__" not in p.parts}
    data = {"pipeline/ontology/" + p.relative_to(REPO / "ontology").as_posix()
            for p in (REPO / "ontology").rglob("*") if p.is_file()}
    assert code - names == set(), "modules missing from the wheel (list new subpackages in pyproject.toml)"
    assert data - names == set(), "data files of ontology/ missing from the wheel"
    assert "pipeline/config.cfg" in names
    assert {"pipeline/ontology/governance.ttl", "pipeline/ontology/shapes.ttl"} <= names
    assert any(n.startswith("pipeline/ontology/queries/") for n in names)
    assert any(n.startswith("pipeline/ontology/vocab/") for n in names)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel installed (see the module docstring); its bin/."""
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=True, symlinks=True).create(env_dir)
    python = env_dir / "bin" / "python"
    result = run([python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel])
    assert result.returncode == 0, result.stderr
    target = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    (Path(target) / "zz_test_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return env_dir / "bin"


def test_installed_govkg_builds_validates_and_writes_facts_outside_the_repository(installed, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GOVKG_ONTOLOGY_DIR", "VIRTUAL_ENV")}
    env["PATH"] = f"{installed}{os.pathsep}{env.get('PATH', '')}"
    work = tmp_path / "elsewhere"
    (work / "articles").mkdir(parents=True)
    (work / "articles" / "a01.txt").write_text(ARTICLE, encoding="utf-8")
    govkg = installed / "govkg"

    where = run([installed / "python", "-c", "import pipeline, pipeline.resources as r; "
                 "print(pipeline.__file__); print(r.ontology_dir())"], cwd=work, env=env)
    module, data = where.stdout.split()
    assert Path(module).is_relative_to(installed.parent), module  # the installed package, not the checkout
    assert Path(data).is_relative_to(installed.parent) and (Path(data) / "governance.ttl").is_file(), data
    assert not Path(module).is_relative_to(REPO)

    version = run([govkg, "--version"], cwd=work, env=env)
    assert version.returncode == 0 and version.stdout.strip() == "govkg 0.1.0"

    built = run([govkg, "build", "articles", "--out", "out"], cwd=work, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "validation: ok" in built.stdout
    validated = run([govkg, "validate", "out/graph.ttl", "--json"], cwd=work, env=env)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert json.loads(validated.stdout)["conforms"] is True
    facts = run([govkg, "facts", "out/graph.ttl", "--out", "facts"], cwd=work, env=env)
    assert facts.returncode == 0, facts.stderr
    doc = json.loads((work / "facts" / "a01.facts.json").read_text(encoding="utf-8"))
    assert doc["article"] == "a01.txt" and {"name": "Phan Đình Lộc"} in doc["persons"]
