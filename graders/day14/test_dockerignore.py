"""Grader for day14's .dockerignore: a project tree is built in a temp dir with the learner's
file at its root, and docker-py's implementation of Docker's matching rules (``**``, ``!``
exceptions, last match wins, excluded directories) says which paths the build would send.
"""

import posixpath
import tempfile
from pathlib import Path
from unittest import mock

import day14
from docker.utils.build import exclude_paths
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.files import written

IGNORE_FILE = Path(day14.__file__).parent / ".dockerignore"


def patterns() -> list[str]:
    """The learner's patterns, read as docker-py's build() reads a .dockerignore."""
    text = written(IGNORE_FILE)
    return [
        line
        for line in (raw.strip() for raw in text.splitlines())
        if line and not line.startswith("#")
    ]


def sent(files: list[str]) -> set[str]:
    """Which of ``files`` (paths in a fresh build context holding them) the build sends: a
    real tree in a temp dir, walked by docker-py."""
    rules = patterns()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in [*files, "Dockerfile"]:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x\n", encoding="utf-8")
        (root / ".dockerignore").write_text("\n".join(rules) + "\n", encoding="utf-8")
        included = exclude_paths(folder, list(rules), dockerfile="Dockerfile")
    return {name for name in files if name in included}


def sent_quickly(files: list[str]) -> set[str]:
    """The same as :func:`sent`, docker-py's own walk over the same tree held in memory
    (its ``os.listdir``/``isdir`` answered from the paths): deleting thousands of temp
    directories would cost seconds."""
    rules = patterns()
    root = "/build-context"
    children: dict[str, set[str]] = {root: set()}
    for name in [*files, "Dockerfile", ".dockerignore"]:
        parent = root
        for part in name.split("/"):
            children.setdefault(parent, set()).add(part)
            parent = posixpath.join(parent, part)
    with (
        mock.patch("os.listdir", lambda path: sorted(children[posixpath.normpath(path)])),
        mock.patch("os.path.isdir", lambda path: posixpath.normpath(path) in children),
        mock.patch("os.path.islink", lambda path: False),
    ):
        included = exclude_paths(root, list(rules), dockerfile="Dockerfile")
    return {name for name in files if name in included}


NEEDED = ["service/__init__.py", "service/app.py", "service/requirements.txt"]


def assert_not_sent(files: list[str], rule: str, *, quickly: bool = False) -> None:
    got = sorted((sent_quickly if quickly else sent)([*files, *NEEDED]) - set(NEEDED))
    assert got == [], f".dockerignore: {rule}"


def test_git_is_not_sent() -> None:
    """Rule 1: .git at the root is not sent, with everything in it."""
    assert_not_sent(
        [".git/HEAD", ".git/config", ".git/objects/ab/cdef0123456789"],
        ".git is not sent (nor anything in it)",
    )


def test_virtualenvs_are_not_sent() -> None:
    """Rule 2: .venv and venv at the root are not sent, with everything in them."""
    assert_not_sent(
        [
            ".venv/pyvenv.cfg",
            ".venv/bin/python",
            ".venv/lib/python3.12/site-packages/fastapi/__init__.py",
            "venv/pyvenv.cfg",
            "venv/lib/python3.12/site-packages/uvicorn/main.py",
        ],
        "the virtualenvs .venv and venv are not sent (nor anything in them)",
    )


CACHES = [
    "__pycache__/conftest.cpython-312.pyc",
    "service/__pycache__/app.cpython-312.pyc",
    "service/__pycache__/__init__.cpython-312.pyc",
    "tests/unit/__pycache__/test_app.cpython-312-pytest-8.3.3.pyc",
    "stray.pyc",
    "service/legacy.pyc",
    ".mypy_cache/3.12/service/app.meta.json",
    "service/.mypy_cache/CACHEDIR.TAG",
    ".pytest_cache/v/cache/lastfailed",
    "tests/.pytest_cache/v/cache/nodeids",
    ".hypothesis/examples/0a1b/2c3d",
    "tests/unit/.hypothesis/constants/abc",
]


def test_caches_are_not_sent_at_the_root_or_nested() -> None:
    """Rule 3: __pycache__, *.pyc, .mypy_cache, .pytest_cache, .hypothesis are not sent at any depth."""
    assert_not_sent(CACHES, "caches are not sent at ANY depth (write **/__pycache__, **/*.pyc ...)")


NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=8).filter(
    lambda s: s[0].isalpha() and s not in ("venv", "env")
)
DIRS = st.lists(NAME, max_size=3)
CACHE_LEAF = st.sampled_from(
    [
        "__pycache__/{n}.cpython-312.pyc",
        "{n}.pyc",
        ".mypy_cache/3.12/{n}.data.json",
        ".pytest_cache/v/cache/{n}",
        ".hypothesis/examples/{n}",
    ]
)


@settings(max_examples=60)
@given(under_service=st.booleans(), dirs=DIRS, leaf=CACHE_LEAF, name=NAME)
@example(
    under_service=True, dirs=["api", "v1"], leaf="__pycache__/{n}.cpython-312.pyc", name="routes"
)
@example(
    under_service=False, dirs=["tests", "unit"], leaf=".pytest_cache/v/cache/{n}", name="lastfailed"
)
def test_caches_are_not_sent_at_any_depth(
    under_service: bool, dirs: list[str], leaf: str, name: str
) -> None:
    """Rule 3: a cache anywhere in the tree (service/ included) is not sent."""
    path = "/".join([*(["service"] if under_service else []), *dirs, leaf.format(n=name)])
    assert_not_sent(
        [path],
        "caches are not sent at ANY depth (write **/__pycache__, **/*.pyc ...)",
        quickly=True,
    )


def test_env_files_are_not_sent() -> None:
    """Rule 4: .env and .env.<anything> are not sent, at any depth."""
    assert_not_sent(
        [
            ".env",
            ".env.local",
            ".env.production",
            "service/.env",
            "service/.env.production",
            "deploy/staging/.env",
        ],
        ".env files (.env, .env.<anything>) are not sent at any depth: they hold secrets",
    )


def test_the_service_package_is_sent() -> None:
    """Rule 5: service/__init__.py, service/app.py and service/requirements.txt are sent."""
    got = sorted(sent(NEEDED))
    assert got == sorted(NEEDED), (
        ".dockerignore: what the image needs (the service package, its requirements.txt) is sent"
    )


EXTENSIONS = st.sampled_from(
    ["py", "txt", "json", "html", "css", "js", "toml", "yaml", "cfg", "sql"]
)


@settings(max_examples=60)
@given(dirs=DIRS, name=NAME, extension=EXTENSIONS)
@example(dirs=["api"], name="routes", extension="py")
@example(dirs=["templates"], name="index", extension="html")
@example(dirs=["data"], name="seed", extension="txt")
def test_every_other_service_file_is_sent(dirs: list[str], name: str, extension: str) -> None:
    """Rule 5: any file under service/ that is not a cache or a .env is sent."""
    path = "/".join(["service", *dirs, f"{name}.{extension}"])
    got = sorted(sent_quickly([path, *NEEDED]))
    assert got == sorted([path, *NEEDED]), (
        ".dockerignore: every file under service/ that is not a cache or .env is sent"
    )
