"""Packages and templates in S3: cleanup after deploys, large templates."""

import json
import time

from conftest import add_filler_resources

NAME = "slam-flask-example"
BUCKET = f"{NAME}-slam-packages"
PREFIX = f"slam/{NAME}/"


def _set_keep_packages(project, count):
    config = (project / "slam.yaml").read_text()
    config = config.replace("package:\n", f"package:\n  keep_packages: {count}\n", 1)
    (project / "slam.yaml").write_text(config)


def _change_code(project, marker):
    with open(project / "app.py", "a") as source:
        source.write(f"\n# change {marker}\n")


def _packages(boto):
    listing = boto("s3").list_objects_v2(Bucket=BUCKET, Prefix=PREFIX)
    return sorted(
        item["Key"]
        for item in listing.get("Contents", [])
        if item["Key"].endswith(".zip")
    )


def _templates(boto):
    listing = boto("s3").list_objects_v2(Bucket=BUCKET, Prefix=PREFIX + "templates/")
    return sorted(item["Key"] for item in listing.get("Contents", []))


def _parameters(boto):
    stack = boto("cloudformation").describe_stacks(StackName=NAME)["Stacks"][0]
    return {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}


def _deploy(slam):
    """Deploy and return the package key the stack now uses."""
    result = slam("deploy")
    # S3 times have one-second steps; keep deploys in distinct seconds so
    # "most recent" is well defined.
    time.sleep(1.1)
    return result


def test_cleanup_keeps_the_last_packages(slam, project, boto):
    _set_keep_packages(project, 2)
    keys = []
    outputs = []
    for round in range(4):
        _change_code(project, round)
        outputs.append(_deploy(slam).stderr)
        keys.append(_parameters(boto)["LambdaS3Key"])
    assert len(set(keys)) == 4
    assert _packages(boto) == sorted(keys[-2:])
    assert "deleted 1 old package(s) that no stage uses" not in outputs[1]
    assert (
        f"deleted 1 old package(s) that no stage uses from bucket '{BUCKET}' "
        "(package.keep_packages: 2)" in outputs[2]
    )

    # A deploy that changes nothing deletes nothing more.
    _deploy(slam)
    assert _packages(boto) == sorted(keys[-2:])


def test_published_version_keeps_its_package(slam, project, boto):
    _set_keep_packages(project, 0)
    _deploy(slam)
    first = _parameters(boto)["LambdaS3Key"]
    slam("publish", "prod")
    version = _parameters(boto)["ProdVersion"]

    keys = [first]
    for round in range(2):
        _change_code(project, round)
        _deploy(slam)
        keys.append(_parameters(boto)["LambdaS3Key"])
        assert _parameters(boto)["ProdVersion"] == version
    # dev's $LATEST package and the one prod's version was published from
    # stay; the one in between goes, as nothing uses it.
    assert len(set(keys)) == 3
    assert _packages(boto) == sorted([keys[0], keys[2]])

    # Publishing again moves prod off its old version, whose package then
    # goes too.
    result = slam("publish", "prod")
    assert _packages(boto) == [keys[2]]
    assert (
        f"deleted 1 old package(s) that no stage uses from bucket '{BUCKET}' "
        "(package.keep_packages: 0)" in result.stderr
    )


def test_large_template_goes_through_s3(slam, project, boto):
    add_filler_resources(project, 15)
    template = slam("template").stdout
    assert len(json.dumps(json.loads(template), separators=(",", ":"))) > 51200

    first = slam("deploy")
    stack = boto("cloudformation").describe_stacks(StackName=NAME)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    templates = _templates(boto)
    assert len(templates) == 1
    assert "uploading the template" in first.stderr
    # moto created what only the template in S3 describes.
    value = boto("ssm").get_parameter(Name="/slam-test/filler14")["Parameter"]["Value"]
    assert value == "x" * 3900

    # An update goes the same way; the same template is not uploaded again.
    _change_code(project, "update")
    second = slam("deploy")
    stack = boto("cloudformation").describe_stacks(StackName=NAME)["Stacks"][0]
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert _templates(boto) == templates
    assert "uploading the template" not in second.stderr

    # A different template replaces the old one in S3.
    config = (project / "slam.yaml").read_text()
    (project / "slam.yaml").write_text(config.replace("lambda_memory: 256", "lambda_memory: 512"))
    slam("deploy")
    newer = _templates(boto)
    assert len(newer) == 1 and newer != templates


def test_template_over_one_megabyte_fails_before_any_upload(slam, project, boto):
    add_filler_resources(project, 280)
    result = slam("deploy", check=False)
    assert result.returncode == 1
    error = result.stderr.splitlines()[-1]
    assert error.startswith("slam: error: the template is ")
    assert "over CloudFormation's limit of 1048576" in error
    assert boto("s3").list_buckets()["Buckets"] == []
    stacks = boto("cloudformation").list_stacks()["StackSummaries"]
    assert stacks == []


def test_plan_of_a_large_template_before_the_bucket_exists(slam, project, boto):
    add_filler_resources(project, 15)
    template = json.loads(slam("template").stdout)
    size = len(json.dumps(template, separators=(",", ":")))
    result = slam("deploy", "--plan", check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"slam: error: the template is {size} bytes, over "
        "CloudFormation's inline limit of 51200, and goes through bucket "
        f"'{BUCKET}', which does not exist yet; run 'slam deploy' without "
        "--plan first"
    )
    assert boto("s3").list_buckets()["Buckets"] == []
