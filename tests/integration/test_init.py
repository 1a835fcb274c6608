"""slam init writes a loadable, commented slam.yaml and refuses to overwrite."""

import json


def test_init_writes_config_that_template_accepts(slam, project):
    (project / "slam.yaml").unlink()
    result = slam(
        "init", "app:app", "--wsgi", "--stages", "dev,prod-eu,qa_1",
        "--name", "init-test", "--description", "It's \"quoted\"",
        "--dynamodb-tables", "users,audit-log",
    )
    assert "wrote slam.yaml" in result.stderr
    text = (project / "slam.yaml").read_text()
    assert "# The name of the project" in text
    assert "\nwsgi:\n" in text and "\ndynamodb_tables:\n" in text
    template = json.loads(slam("template").stdout)
    assert template["Resources"]["Function"]["Properties"]["FunctionName"] == "init-test"
    assert template["Description"] == "It's \"quoted\""
    stage_names = {
        r["Properties"]["StageName"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::ApiGateway::Stage"
    }
    assert stage_names == {"dev", "prod-eu", "qa_1"}
    tables = {
        r["Properties"]["TableName"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::DynamoDB::Table"
    }
    assert tables == {
        f"{stage}.{table}"
        for stage in ("dev", "prod-eu", "qa_1")
        for table in ("users", "audit-log")
    }


def test_init_refuses_to_overwrite(slam, project):
    before = (project / "slam.yaml").read_text()
    result = slam("init", "app:app", check=False)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert (project / "slam.yaml").read_text() == before


def test_init_validates_name(slam, project):
    (project / "slam.yaml").unlink()
    result = slam("init", "app:app", "--name", "bad_name!", check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("slam: error: --name 'bad_name!' must start")
    assert not (project / "slam.yaml").exists()


def test_init_validates_function(slam, project):
    (project / "slam.yaml").unlink()
    result = slam("init", "my-app:app", check=False)
    assert result.returncode == 2
    assert "module 'my-app' must be a Python module path" in result.stderr


def test_init_names_requirements_only_when_the_file_exists(slam, project):
    """A named requirements file that is missing fails the build, so init
    leaves the default out when there is none yet; the project builds."""
    (project / "slam.yaml").unlink()
    (project / "requirements.txt").unlink()
    slam("init", "app:app", "--wsgi")
    text = (project / "slam.yaml").read_text()
    assert '\n# requirements: "requirements.txt"\n' in text
    assert "\nrequirements:" not in text
    slam("build")

    (project / "slam.yaml").unlink()
    (project / "requirements.txt").write_text("")
    slam("init", "app:app", "--wsgi")
    assert '\nrequirements: "requirements.txt"\n' in (project / "slam.yaml").read_text()

    (project / "slam.yaml").unlink()
    slam("init", "app:app", "--requirements", "deps.txt")
    assert '\nrequirements: "deps.txt"\n' in (project / "slam.yaml").read_text()


def test_init_refuses_a_table_named_twice(slam, project):
    (project / "slam.yaml").unlink()
    result = slam("init", "app:app", "--dynamodb-tables", "users,users", check=False)
    assert result.returncode == 2
    assert "--dynamodb-tables names 'users' twice" in result.stderr
    assert not (project / "slam.yaml").exists()
