"""publish on moto: stages as stack parameters, new and reused versions."""

import json
import re

NAME = "slam-function-example"


def _stack(boto):
    return boto("cloudformation").describe_stacks(StackName=NAME)["Stacks"][0]


def _parameters(boto):
    stack = _stack(boto)
    return {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}


def _template(boto):
    return boto("cloudformation").get_template(StackName=NAME)["TemplateBody"]


def _versions(boto):
    answer = boto("lambda").list_versions_by_function(FunctionName=NAME)
    return sorted(v["Version"] for v in answer["Versions"])


def _status_versions(slam):
    report = json.loads(slam("status", "--json").stdout)
    return {stage["name"]: stage["version"] for stage in report["stages"]}


def _status_line(slam, stage):
    lines = slam("status").stdout.splitlines()
    return [line.split() for line in lines if line.split()[:1] == [stage]]


def _change_code(slam):
    with open(slam.cwd / "fizzbuzz.py", "a") as source:
        source.write("\n# a change\n")


def test_publish_new_and_numbered_versions(function_slam, boto):
    slam = function_slam
    slam("deploy")
    deployed = _parameters(boto)
    assert deployed["DevVersion"] == "$LATEST"
    assert deployed["ProdVersion"] == "$LATEST"

    # dev is at $LATEST: its code becomes version 1, and prod points at it.
    first = slam("publish", "prod")
    assert first.stdout == (
        "published version 1 from dev; prod now points at version 1\n")
    assert "publishing a version of 'slam-function-example' from stage 'dev'" \
        in first.stderr
    assert _parameters(boto) == {**deployed, "ProdVersion": "1"}
    assert _versions(boto) == ["$LATEST", "1"]
    assert _status_versions(slam) == {"dev": "$LATEST", "prod": "1"}
    assert _status_line(slam, "prod") == [["prod", "1"]]

    # New code on dev, published again: version 2. The stack keeps its
    # template even though slam.yaml changed since the deploy.
    _change_code(slam)
    slam("deploy")
    template = _template(boto)
    config = (slam.cwd / "slam.yaml").read_text()
    (slam.cwd / "slam.yaml").write_text(
        config.replace("aws:\n", "aws:\n  lambda_memory: 512\n", 1))
    second = slam("publish", "prod", "--version", "dev")
    assert second.stdout == (
        "published version 2 from dev; prod now points at version 2\n")
    assert _parameters(boto)["ProdVersion"] == "2"
    assert _template(boto) == template
    function = boto("lambda").get_function(FunctionName=NAME)
    assert function["Configuration"]["MemorySize"] == 128

    # A number goes back to an older version; its own --version wins over
    # slam's global --version.
    back = slam("publish", "prod", "--version", "1")
    assert back.stdout == "prod now points at version 1\n"
    assert _parameters(boto)["ProdVersion"] == "1"
    assert _status_versions(slam) == {"dev": "$LATEST", "prod": "1"}
    same = slam("publish", "--version", "1", "prod")
    assert same.stdout == "prod already points at version 1\n"

    # A stage at a number is reused as it is: nothing new is published.
    reuse = slam("publish", "dev", "--version", "prod")
    assert reuse.stdout == "dev now points at version 1 (the version of prod)\n"
    assert _status_versions(slam) == {"dev": "1", "prod": "1"}
    assert _versions(boto) == ["$LATEST", "1", "2"]

    # A deploy points its stage back at $LATEST and leaves the other alone.
    slam("deploy")
    assert _status_versions(slam) == {"dev": "$LATEST", "prod": "1"}


def test_publish_usage_errors(function_slam, boto):
    slam = function_slam

    missing = slam("publish", "prod", check=False)
    assert missing.returncode == 1
    assert missing.stderr.splitlines()[-1] == (
        f"slam: error: {NAME} is not deployed; run 'slam deploy' first")

    slam("deploy")
    before = _parameters(boto)
    cases = [
        (("publish", "prod", "--version", "prod"),
         "slam: error: cannot publish stage 'prod' into itself; give another "
         "stage or a version number with --version"),
        (("publish", "dev"),
         "slam: error: cannot publish stage 'dev' into itself; give another "
         "stage or a version number with --version"),
        (("publish", "staging"),
         "slam: error: unknown stage 'staging'; the stages in slam.yaml are: "
         "dev, prod"),
        (("publish", "prod", "--version", "qa"),
         "slam: error: unknown stage 'qa'; the stages in slam.yaml are: "
         "dev, prod"),
        (("publish", "prod", "--version", "7"),
         f"slam: error: function '{NAME}' has no version 7; give a stage or a "
         "published version number"),
    ]
    for args, message in cases:
        result = slam(*args, check=False)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.splitlines()[-1] == message, args
        assert result.stdout == ""
    no_stage = slam("publish", check=False)
    assert no_stage.returncode == 2
    assert "stage is required" in no_stage.stderr
    assert _parameters(boto) == before
    assert _versions(boto) == ["$LATEST"]

    # Outside publish, --version is still slam's own.
    assert re.fullmatch(r"slam \S+\n", slam("--version").stdout)


def test_publish_stage_names_with_dashes_and_underscores(function_slam, boto):
    slam = function_slam
    config = (slam.cwd / "slam.yaml").read_text()
    config = config.replace('devstage: "dev"', 'devstage: "dev-eu"')
    config = config.replace("  dev:\n  prod:\n", "  dev-eu:\n  prod_eu-1:\n")
    (slam.cwd / "slam.yaml").write_text(config)

    slam("deploy")
    result = slam("publish", "prod_eu-1")
    assert result.stdout == (
        "published version 1 from dev-eu; prod_eu-1 now points at version 1\n")
    assert _status_versions(slam) == {"dev-eu": "$LATEST", "prod_eu-1": "1"}
    parameters = _parameters(boto)
    assert parameters["DevEuVersion"] == "$LATEST"
    assert parameters["ProdEu1Version"] == "1"

    back = slam("publish", "dev-eu", "--version", "prod_eu-1")
    assert back.stdout == (
        "dev-eu now points at version 1 (the version of prod_eu-1)\n")
    assert _status_versions(slam) == {"dev-eu": "1", "prod_eu-1": "1"}
