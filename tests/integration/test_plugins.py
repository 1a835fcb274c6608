"""Plugins through the binary: the example external plugin (examples/plugin_sns),
the front doors `init` offers, and schedules, each template checked with
cfn-lint."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, Slam

EXAMPLE = REPO / "examples" / "plugin_sns"


def _lint(template_text: str, tmp_path) -> None:
    if shutil.which("cfn-lint") is None:
        pytest.skip("cfn-lint is not installed")
    path = tmp_path / "template.json"
    path.write_text(template_text)
    lint = subprocess.run(["cfn-lint", str(path)], capture_output=True,
                          text=True, timeout=300)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def _example(slam_bin, aws_env, tmp_path) -> tuple[Path, Slam]:
    """A copy of the external plugin example, its plugin in its folder."""
    target = tmp_path / "plugin_sns"
    shutil.copytree(EXAMPLE, target,
                    ignore=shutil.ignore_patterns(".slam", "__pycache__"))
    return target, Slam(slam_bin, target, aws_env)


def test_example_plugin_adds_topics_and_passes_cfn_lint(slam_bin, aws_env,
                                                        tmp_path):
    result = Slam(slam_bin, EXAMPLE, aws_env)("template")

    template = json.loads(result.stdout)
    resources = template["Resources"]
    topics = sorted(logical_id for logical_id, resource in resources.items()
                    if resource["Type"] == "AWS::SNS::Topic")
    assert topics == ["DevAlertsTopic", "DevDailyReportTopic",
                      "ProdEuAlertsTopic", "ProdEuDailyReportTopic"]
    policy = resources["SnsPublishPolicy"]["Properties"]
    assert policy["Roles"] == [{"Ref": "FunctionExecutionRole"}]
    assert policy["PolicyDocument"]["Statement"][0]["Resource"] == [
        {"Ref": topic} for topic in topics]
    assert template["Outputs"]["ProdEuAlertsTopicArn"] == {
        "Description": "Topic alerts of stage prod-eu",
        "Value": {"Ref": "ProdEuAlertsTopic"},
    }
    # aws.cfn_outputs comes after the plugin and may refer to its topics.
    assert template["Outputs"]["AlertsTopic"]["Value"] == {
        "Ref": "ProdEuAlertsTopic"}
    assert "ProdEuMorningSchedule" in resources
    assert result.stderr == "slam-plugin-sns: added 4 topics\n"
    _lint(result.stdout, tmp_path)


def test_failing_plugin_names_itself_and_shows_its_stderr(slam_bin, aws_env,
                                                          tmp_path):
    target, slam = _example(slam_bin, aws_env, tmp_path)
    text = (target / "slam.yaml").read_text()
    (target / "slam.yaml").write_text(
        text.replace('topics: ["alerts", "daily-report"]', 'topics: ["a b"]'))

    result = slam("template", check=False)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "slam: error: external plugin 'sns' failed with exit status 1; "
        "its stderr:\n"
        "  error: topic 'a b': use 1 to 64 letters, digits, '-' and '_'\n"
    )


def test_plugin_id_taken_by_cfn_resources_is_an_error(slam_bin, aws_env,
                                                      tmp_path):
    target, slam = _example(slam_bin, aws_env, tmp_path)
    with open(target / "slam.yaml", "a") as config:
        config.write('  cfn_resources:\n'
                     '    DevAlertsTopic: {Type: "AWS::SQS::Queue"}\n')

    result = slam("template", check=False)

    assert result.returncode == 2
    assert result.stderr == (
        "slam-plugin-sns: added 4 topics\n"
        "slam: error: aws.cfn_resources: 'DevAlertsTopic' is a logical id "
        "slam generates; give yours another name\n"
    )


def test_missing_plugin_is_a_config_error(slam, project):
    with open(project / "slam.yaml", "a") as config:
        config.write('\nplugins: ["nowhere"]\n')

    result = slam("template", check=False)

    assert result.returncode == 2
    assert result.stderr == (
        "slam: error: plugins: no program 'slam-plugin-nowhere' in the "
        "project folder or on PATH for plugin 'nowhere'; install it or "
        "remove 'nowhere' from plugins\n"
    )


@pytest.mark.parametrize("api, front_door", [
    ("http", "AWS::ApiGatewayV2::Api"),
    ("url", "AWS::Lambda::Url"),
])
def test_init_api_writes_the_chosen_front_door(slam, project, tmp_path, api,
                                               front_door):
    (project / "slam.yaml").unlink()
    slam("init", "app:app", "--api", api, "--stages", "dev,prod-eu",
         "--name", "front-door")

    result = slam("template")

    template = json.loads(result.stdout)
    types = [resource["Type"] for resource in template["Resources"].values()]
    assert front_door in types
    assert "AWS::ApiGateway::RestApi" not in types
    urls = {key: output["Description"]
            for key, output in template["Outputs"].items()
            if output["Description"].startswith("URL of stage")}
    assert sorted(urls.values()) == ["URL of stage dev", "URL of stage prod-eu"]
    _lint(result.stdout, tmp_path)


def test_init_refuses_conflicting_and_unknown_front_doors(slam, project):
    (project / "slam.yaml").unlink()

    unknown = slam("init", "app:app", "--api", "soap", check=False)
    conflict = slam("init", "app:app", "--api", "http", "--no-api-gateway",
                    check=False)

    assert unknown.returncode == 2
    assert unknown.stderr == (
        "slam: error: --api 'soap' must be one of rest, http, url\n")
    assert conflict.returncode == 2
    assert "excludes" in conflict.stderr
    assert not (project / "slam.yaml").exists()


def test_schedules_of_the_function_example(slam_bin, aws_env, tmp_path):
    target = tmp_path / "function"
    shutil.copytree(REPO / "examples/function", target,
                    ignore=shutil.ignore_patterns(".slam", "__pycache__"))
    with open(target / "slam.yaml", "a") as config:
        config.write(
            "\nschedules:\n"
            "  fizz:\n"
            '    expression: "rate(15 minutes)"\n'
            "    stage: [dev, prod]\n"
            "    input: {args: [15]}\n"
        )
    slam = Slam(slam_bin, target, aws_env)

    result = slam("template")

    resources = json.loads(result.stdout)["Resources"]
    rules = {logical_id: resource["Properties"]
             for logical_id, resource in resources.items()
             if resource["Type"] == "AWS::Events::Rule"}
    assert sorted(rules) == ["DevFizzSchedule", "ProdFizzSchedule"]
    assert rules["ProdFizzSchedule"]["Targets"] == [{
        "Id": "StageAlias",
        "Arn": {"Ref": "ProdFunctionAlias"},
        "Input": '{"args":[15]}',
    }]
    _lint(result.stdout, tmp_path)


def test_bad_schedule_is_reported_with_its_position(slam_bin, aws_env,
                                                    tmp_path):
    target = tmp_path / "function"
    shutil.copytree(REPO / "examples/function", target,
                    ignore=shutil.ignore_patterns(".slam", "__pycache__"))
    text = (target / "slam.yaml").read_text()
    line = text.count("\n") + 4
    (target / "slam.yaml").write_text(
        text + '\nschedules:\n  fizz:\n    expression: "rate(2 hour)"\n')

    result = Slam(slam_bin, target, aws_env)("template", check=False)

    assert result.returncode == 2
    assert result.stderr == (
        f"slam: error: slam.yaml:{line}:17: expression 'rate(2 hour)' must "
        "use a plural unit above 1: rate(2 hours)\n"
    )
