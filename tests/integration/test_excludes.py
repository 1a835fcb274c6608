"""What of the project goes into the package: default excludes,
package.exclude, .slamignore, symlinks and credential files."""

import os
import zipfile

ARCHIVE = ".slam/slam-flask-example.zip"


def _write(project, path, text="x"):
    target = project / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


def _entries(project):
    with zipfile.ZipFile(project / ARCHIVE) as package:
        assert package.testzip() is None
        return set(package.namelist())


def test_build_follows_slamignore_and_default_excludes(slam, project):
    for path in ["notes/todo.md", "notes/keep.md", "debug.log", "logs/a.log",
                 "tests/test_app.py", "data/raw/big.csv", "data/schema.json",
                 "lib/helpers.py", ".venv/bin/python", ".pytest_cache/x",
                 ".git/config", "__pycache__/app.cpython-311.pyc",
                 "certs/server.pem", "certs/ca.pem", ".env", "deploy/id_rsa"]:
        _write(project, path)
    _write(project, "myenv/pyvenv.cfg", "home = /usr/bin\n")
    _write(project, "myenv/lib/site.py")
    os.symlink("lib", project / "linked")
    _write(project, ".slamignore",
           "# local notes and test data stay home\n"
           "*.log\n"
           "/tests/\n"
           "data/**\n"
           "!data/schema.json\n"
           "!ca.pem\n")
    config = (project / "slam.yaml").read_text()
    config = config.replace("package:\n",
                            "package:\n  exclude:\n    - \"notes/to*.md\"\n")
    (project / "slam.yaml").write_text(config)

    result = slam("build")

    entries = _entries(project)
    for kept in ["app.py", "static/logo.png", "notes/keep.md",
                 "lib/helpers.py", "linked/helpers.py", "certs/ca.pem",
                 # data/** matches what is inside data, not data itself, so
                 # the negation can bring one file back.
                 "data/schema.json"]:
        assert kept in entries, kept
    left_out = ["notes/todo.md", "debug.log", "logs/a.log",
                "tests/test_app.py", "data/raw/big.csv", ".venv/bin/python", ".pytest_cache/x", ".git/config",
                "__pycache__/app.cpython-311.pyc", "myenv/lib/site.py",
                "myenv/pyvenv.cfg", "certs/server.pem", ".env",
                "deploy/id_rsa", ".slamignore", "slam.yaml"]
    assert not entries & set(left_out)
    for secret in ["certs/server.pem", ".env", "deploy/id_rsa"]:
        assert (f"leaving '{secret}' out of the package: it may hold "
                "credentials") in result.stderr
    assert "certs/ca.pem" not in result.stderr


def test_malformed_slamignore_fails_naming_file_and_line(slam, project):
    _write(project, ".slamignore", "*.log\n\nreport[12.csv\n")

    result = slam("build", check=False)

    assert result.returncode != 0
    assert (f"slam: error: {project}/.slamignore:3:7: unterminated '[' in "
            "'report[12.csv'") in result.stderr
    assert not (project / ARCHIVE).exists()


def test_symlink_outside_the_project_is_refused(slam, project, tmp_path):
    _write(tmp_path, "elsewhere/secret.txt")
    os.symlink(tmp_path / "elsewhere", project / "shared")

    result = slam("build", check=False)

    assert result.returncode != 0
    assert (f"slam: error: symlink 'shared' points outside the project, "
            f"to '{os.path.realpath(tmp_path / 'elsewhere')}'") in result.stderr


def test_symlink_outside_the_project_can_be_ignored(slam, project, tmp_path):
    _write(tmp_path, "elsewhere/secret.txt")
    os.symlink(tmp_path / "elsewhere", project / "shared")
    _write(project, ".slamignore", "/shared\n")

    slam("build")

    assert not any(name.startswith("shared") for name in _entries(project))
