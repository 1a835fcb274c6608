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


def test_link_to_the_build_folder_does_not_grow_the_package(slam, project):
    os.symlink(".slam", project / "slamlink")
    _write(project, "secret.cfg", "password")
    os.symlink("secret.cfg", project / "alias.cfg")
    _write(project, ".slamignore", "secret.cfg\n")

    sizes = []
    for _ in range(3):
        result = slam("build")
        sizes.append((project / ARCHIVE).stat().st_size)
        entries = _entries(project)
        assert not any(name.startswith("slamlink") for name in entries)
        assert "alias.cfg" not in entries

    assert sizes[0] == sizes[1] == sizes[2]
    assert ("leaving 'slamlink' out of the package: it links to '.slam', "
            "in Slam's build folder") in result.stderr
    assert ("leaving 'alias.cfg' out of the package: it links to "
            "'secret.cfg', which .slamignore:1 leaves out") in result.stderr


def _set_excludes(project, globs):
    config = (project / "slam.yaml").read_text()
    listed = "".join(f"    - \"{glob}\"\n" for glob in globs)
    config = config.replace("package:\n", f"package:\n  exclude:\n{listed}")
    (project / "slam.yaml").write_text(config)


def test_package_exclude_negation_re_includes(slam, project):
    _write(project, "a.txt")
    _write(project, "b.txt")
    _set_excludes(project, ["*.txt", "!a.txt"])

    slam("build")

    entries = _entries(project)
    assert "a.txt" in entries
    assert "b.txt" not in entries


def test_malformed_package_exclude_fails_the_load(slam, project):
    _set_excludes(project, ["[abc"])

    result = slam("build", check=False)

    assert result.returncode != 0
    assert "package.exclude: unterminated '[' in '[abc'" in result.stderr
    assert not (project / ARCHIVE).exists()
