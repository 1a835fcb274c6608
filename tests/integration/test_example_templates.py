"""The examples' templates pass cfn-lint with no errors."""

import shutil
import subprocess

import pytest

from conftest import REPO, Slam


@pytest.mark.parametrize("example", ["flask_app", "function", "plugin_sns"])
def test_example_template_passes_cfn_lint(example, slam_bin, tmp_path):
    if shutil.which("cfn-lint") is None:
        pytest.skip("cfn-lint is not installed")
    slam = Slam(slam_bin, REPO / "examples" / example, {})
    template = tmp_path / "template.json"
    template.write_text(slam("template").stdout)
    lint = subprocess.run(["cfn-lint", str(template)], capture_output=True,
                          text=True, timeout=300)
    assert lint.returncode == 0, lint.stdout + lint.stderr
