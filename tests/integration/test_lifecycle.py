"""init, build, deploy, update, no-op deploy, status and delete on moto."""

import json

import pytest

NAME = "slam-flask-example"


def _keys(boto, bucket):
    listing = boto("s3").list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def _stack(boto):
    return boto("cloudformation").describe_stacks(StackName=NAME)["Stacks"][0]


def _parameters(stack):
    return {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}


def test_deploy_update_noop_status_delete(slam, project, boto):
    bucket = f"{NAME}-slam-packages"

    # First deploy creates the bucket, uploads one package, creates the stack.
    first = slam("deploy")
    stack = _stack(boto)
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    keys = _keys(boto, bucket)
    assert len(keys) == 1 and keys[0].startswith(f"slam/{NAME}/")
    params = _parameters(stack)
    assert params["LambdaS3Bucket"] == bucket
    assert params["LambdaS3Key"] == keys[0]
    assert params["DevVersion"] == "$LATEST"
    assert params["ProdVersion"] == "$LATEST"
    function = boto("lambda").get_function(FunctionName=NAME)
    assert function["Configuration"]["Handler"] == "slam_handler.lambda_handler"
    assert "uploading" in first.stderr

    # A code change means one new upload and a stack update.
    with open(project / "app.py", "a") as source:
        source.write("\n# a change\n")
    second = slam("deploy")
    keys_after_change = _keys(boto, bucket)
    assert len(keys_after_change) == 2
    stack = _stack(boto)
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    new_key = _parameters(stack)["LambdaS3Key"]
    assert new_key != keys[0] and new_key in keys_after_change
    assert "uploading" in second.stderr

    # Deploying again unchanged uploads nothing and changes nothing.
    third = slam("deploy")
    assert _keys(boto, bucket) == keys_after_change
    assert _stack(boto).get("LastUpdatedTime") == stack.get("LastUpdatedTime")
    assert "upload skipped" in third.stderr
    assert "up to date" in third.stderr

    # Status names the function, the bucket and each stage with its URL.
    status = slam("status").stdout
    assert f"{NAME} is deployed" in status
    assert f":function:{NAME}" in status
    assert bucket in status
    report = json.loads(slam("status", "--json").stdout)
    assert report["deployed"] is True
    assert report["bucket"] == bucket
    assert report["function_arn"].endswith(f":function:{NAME}")
    assert [s["name"] for s in report["stages"]] == ["dev", "prod"]
    for stage in report["stages"]:
        assert stage["version"] == "$LATEST"
        assert stage["url"].startswith("https://")
        assert stage["url"].endswith(f".execute-api.us-east-1.amazonaws.com/{stage['name']}/")

    # Delete removes the stack, the packages and the bucket Slam named.
    slam("delete")
    with pytest.raises(Exception):
        _stack(boto)
    buckets = [b["Name"] for b in boto("s3").list_buckets()["Buckets"]]
    assert bucket not in buckets
    assert "is not deployed" in slam("status").stdout

    # Deleting again says there is nothing to delete and succeeds.
    again = slam("delete")
    assert "not deployed" in again.stderr


def test_delete_keeps_a_user_bucket_but_empties_it(slam, project, boto):
    config = (project / "slam.yaml").read_text()
    config = config.replace("aws:\n", 'aws:\n  s3_bucket: "team-bucket"\n', 1)
    (project / "slam.yaml").write_text(config)
    boto("s3").create_bucket(Bucket="team-bucket")
    boto("s3").put_object(Bucket="team-bucket", Key="other/file.txt", Body=b"x")

    slam("deploy")
    assert len(_keys(boto, "team-bucket")) == 2
    slam("delete")
    assert _keys(boto, "team-bucket") == ["other/file.txt"]



def test_foreign_stack_of_the_same_name_is_left_alone(slam, boto):
    # Someone else's stack that happens to share the project's name.
    template = {
        "Resources": {
            "Precious": {
                "Type": "AWS::DynamoDB::Table",
                "Properties": {
                    "TableName": "precious",
                    "AttributeDefinitions": [
                        {"AttributeName": "id", "AttributeType": "S"}],
                    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                    "BillingMode": "PAY_PER_REQUEST",
                },
            }
        }
    }
    boto("cloudformation").create_stack(
        StackName=NAME, TemplateBody=json.dumps(template))
    expected = (
        f"slam: error: a stack named '{NAME}' exists but is not a Slam "
        "deployment of this project; leaving it alone (choose another 'name' "
        "in slam.yaml)"
    )
    for command in ("deploy", "delete", "status"):
        result = slam(command, check=False)
        assert result.returncode == 1, (command, result.stderr)
        assert result.stderr.splitlines()[-1] == expected, command
    assert boto("dynamodb").list_tables()["TableNames"] == ["precious"]
    assert _stack(boto)["StackStatus"] == "CREATE_COMPLETE"


def test_deployed_stack_is_tagged(slam, boto):
    slam("deploy")
    tags = {t["Key"]: t["Value"] for t in _stack(boto)["Tags"]}
    assert tags == {"slam:project": NAME}
