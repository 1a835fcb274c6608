"""slam delete: the stack, packages, templates, the bucket Slam created."""

import signal
import subprocess
import time

from conftest import add_filler_resources
from fake_cloudformation import resource, stack

NAME = "slam-flask-example"
BUCKET = f"{NAME}-slam-packages"
LOG_GROUP = f"/aws/lambda/{NAME}"


def _buckets(boto):
    return sorted(b["Name"] for b in boto("s3").list_buckets()["Buckets"])


def _keys(boto, bucket):
    listing = boto("s3").list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def _log_groups(boto):
    answer = boto("logs").describe_log_groups(logGroupNamePrefix=LOG_GROUP)
    return [group["logGroupName"] for group in answer["logGroups"]]


def _stack_exists(boto):
    try:
        boto("cloudformation").describe_stacks(StackName=NAME)
    except Exception:
        return False
    return True


def _notes(result):
    """Slam's messages, without the stack events and their summary."""
    return [
        line
        for line in result.stderr.splitlines()
        if not line.startswith(" ") and " complete in " not in line
    ]


def _use_bucket(project, bucket):
    config = (project / "slam.yaml").read_text()
    config = config.replace("aws:\n", f'aws:\n  s3_bucket: "{bucket}"\n', 1)
    (project / "slam.yaml").write_text(config)


def test_delete_removes_everything_slam_made(slam, project, boto):
    add_filler_resources(project, 15)
    slam("deploy")
    with open(project / "app.py", "a") as source:
        source.write("\n# a change\n")
    slam("deploy")
    keys = _keys(boto, BUCKET)
    assert len([k for k in keys if k.endswith(".zip")]) == 2
    assert len([k for k in keys if "/templates/" in k]) == 1
    tags = boto("s3").get_bucket_tagging(Bucket=BUCKET)["TagSet"]
    assert tags == [{"Key": "slam:created-by", "Value": NAME}]
    assert _log_groups(boto) == [LOG_GROUP]

    result = slam("delete")
    assert not _stack_exists(boto)
    assert BUCKET not in _buckets(boto)
    assert _log_groups(boto) == []
    assert _notes(result) == [
        f"deleting stack '{NAME}'",
        f"deleted 2 packages and 1 template from bucket '{BUCKET}'",
        f"deleted bucket '{BUCKET}'",
        f"{NAME} deleted",
    ]


def test_delete_twice_says_not_deployed(slam, boto):
    slam("deploy")
    slam("delete")
    again = slam("delete")
    assert again.returncode == 0
    assert _notes(again) == [
        f"{NAME} is not deployed; nothing to delete"
    ]


def test_delete_finishes_what_an_earlier_delete_left(slam, boto):
    slam("deploy")
    # As if a delete stopped after the stack was gone.
    boto("cloudformation").delete_stack(StackName=NAME)
    result = slam("delete")
    assert _notes(result) == [
        f"deleted 1 package from bucket '{BUCKET}'",
        f"deleted bucket '{BUCKET}'",
        f"{NAME} is not deployed; removed what an earlier delete left",
    ]
    assert BUCKET not in _buckets(boto)


def test_delete_keeps_a_user_bucket_and_its_other_objects(slam, project, boto):
    _use_bucket(project, "team-bucket")
    boto("s3").create_bucket(Bucket="team-bucket")
    boto("s3").put_object(Bucket="team-bucket", Key="other/file.txt", Body=b"x")
    slam("deploy")
    slam("delete")
    assert _keys(boto, "team-bucket") == ["other/file.txt"]


def test_delete_keeps_a_named_bucket_even_when_slam_created_it(slam, project, boto):
    _use_bucket(project, "named-bucket")
    slam("deploy")
    assert "named-bucket" in _buckets(boto)
    slam("delete")
    assert "named-bucket" in _buckets(boto)
    assert _keys(boto, "named-bucket") == []


def test_delete_keeps_a_bucket_slam_did_not_create(slam, boto):
    # The derived name, but made by someone else beforehand.
    boto("s3").create_bucket(Bucket=BUCKET)
    slam("deploy")
    result = slam("delete")
    assert BUCKET in _buckets(boto)
    assert _keys(boto, BUCKET) == []
    assert f"deleted bucket '{BUCKET}'" not in result.stderr


def test_delete_keeps_a_slam_bucket_that_holds_other_objects(slam, boto):
    slam("deploy")
    boto("s3").put_object(Bucket=BUCKET, Key="notes.txt", Body=b"mine")
    result = slam("delete")
    assert _keys(boto, BUCKET) == ["notes.txt"]
    assert f"kept bucket '{BUCKET}': it holds other objects" in result.stderr


def test_no_logs_keeps_the_log_group(slam, boto):
    slam("deploy")
    logs = boto("logs")
    logs.create_log_stream(logGroupName=LOG_GROUP, logStreamName="s1")
    now = int(time.time() * 1000)
    logs.put_log_events(
        logGroupName=LOG_GROUP,
        logStreamName="s1",
        logEvents=[{"timestamp": now, "message": "keep me"}],
    )

    result = slam("delete", "--no-logs")
    assert not _stack_exists(boto)
    assert BUCKET not in _buckets(boto)
    groups = logs.describe_log_groups(logGroupNamePrefix=LOG_GROUP)["logGroups"]
    assert [g["logGroupName"] for g in groups] == [LOG_GROUP]
    assert groups[0]["retentionInDays"] == 30
    events = logs.get_log_events(logGroupName=LOG_GROUP, logStreamName="s1")
    assert [e["message"] for e in events["events"]] == ["keep me"]
    assert _notes(result) == [
        f"keeping log group(s) {LOG_GROUP}: setting DeletionPolicy Retain",
        f"updating stack '{NAME}'",
        f"deleting stack '{NAME}'",
        f"deleted 1 package from bucket '{BUCKET}'",
        f"deleted bucket '{BUCKET}'",
        f"{NAME} deleted; its log groups were kept",
    ]


def test_no_logs_with_a_large_template_goes_through_s3(slam, project, boto):
    add_filler_resources(project, 15)
    slam("deploy")
    result = slam("delete", "--no-logs")
    assert "uploading the template" in result.stderr
    assert not _stack_exists(boto)
    assert _log_groups(boto) == [LOG_GROUP]
    # Both templates (deploy's and the retaining one) went with the rest.
    assert (
        f"deleted 1 package and 2 templates from bucket '{BUCKET}'"
        in _notes(result)
    )
    assert BUCKET not in _buckets(boto)


def _put_failed_stack(fake, status):
    parameters = {"LambdaS3Bucket": BUCKET, "LambdaS3Key": f"slam/{NAME}/a.zip",
                  "DevVersion": "$LATEST", "ProdVersion": "$LATEST"}
    return fake.put_stack(status, parameters, {"slam:project": NAME},
                          [stack("CREATE_IN_PROGRESS", "User Initiated")])


def test_no_logs_refuses_a_stack_that_cannot_be_updated(
        on_fake_cloudformation, fake_cloudformation):
    _put_failed_stack(fake_cloudformation, "UPDATE_ROLLBACK_FAILED")
    result = on_fake_cloudformation("delete", "--no-logs", check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"slam: error: stack '{NAME}' is UPDATE_ROLLBACK_FAILED and cannot be "
        "updated to keep its log groups; delete without --no-logs, or repair "
        "the stack first")
    assert "DeleteStack" not in fake_cloudformation.actions()
    assert "UpdateStack" not in fake_cloudformation.actions()


def test_no_logs_after_a_rolled_back_creation_just_deletes(
        on_fake_cloudformation, fake_cloudformation):
    _put_failed_stack(fake_cloudformation, "ROLLBACK_COMPLETE")
    fake_cloudformation.script("DeleteStack", [[stack("DELETE_COMPLETE")]])
    on_fake_cloudformation("delete", "--no-logs")
    actions = fake_cloudformation.actions()
    assert "UpdateStack" not in actions and "DeleteStack" in actions


def _api_log_groups(boto):
    answer = boto("logs").describe_log_groups(
        logGroupNamePrefix="API-Gateway-Execution-Logs_")
    return [group["logGroupName"] for group in answer["logGroups"]]


def _make_api_log_groups(boto, stages):
    """Make the groups API Gateway itself makes for wsgi.log_stages (moto
    does not)."""
    outputs = boto("cloudformation").describe_stacks(
        StackName=NAME)["Stacks"][0]["Outputs"]
    api_id = next(o["OutputValue"] for o in outputs if o["OutputKey"] == "ApiId")
    groups = [f"API-Gateway-Execution-Logs_{api_id}/{s}" for s in stages]
    for group in groups:
        boto("logs").create_log_group(logGroupName=group)
    return groups


def test_delete_removes_the_api_execution_log_groups(slam, boto):
    slam("deploy")
    # Only prod has logged yet: a missing group is no error.
    groups = _make_api_log_groups(boto, ["prod"])
    result = slam("delete")
    assert _api_log_groups(boto) == []
    assert f"deleted log group '{groups[0]}'" in _notes(result)


def test_no_logs_keeps_the_api_execution_log_groups(slam, boto):
    slam("deploy")
    groups = _make_api_log_groups(boto, ["dev", "prod"])
    slam("delete", "--no-logs")
    assert _api_log_groups(boto) == groups


PACKAGE = f"slam/{NAME}/{'a' * 64}.zip"


def _put_package_in_slam_bucket(boto):
    """A bucket as Slam makes it, with one package, on moto."""
    boto("s3").create_bucket(Bucket=BUCKET)
    boto("s3").put_bucket_tagging(Bucket=BUCKET, Tagging={
        "TagSet": [{"Key": "slam:created-by", "Value": NAME}]})
    boto("s3").put_object(Bucket=BUCKET, Key=PACKAGE, Body=b"zip")


def test_delete_refuses_a_busy_stack(on_fake_cloudformation,
                                     fake_cloudformation, boto):
    _put_package_in_slam_bucket(boto)
    _put_failed_stack(fake_cloudformation, "UPDATE_IN_PROGRESS")
    result = on_fake_cloudformation("delete", check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"slam: error: stack '{NAME}' is busy (UPDATE_IN_PROGRESS); wait for "
        "that operation to finish ('slam status' shows it), then try again")
    assert "DeleteStack" not in fake_cloudformation.actions()
    assert _keys(boto, BUCKET) == [PACKAGE]


def test_delete_waits_for_a_deletion_in_progress(on_fake_cloudformation,
                                                 fake_cloudformation, boto):
    _put_package_in_slam_bucket(boto)
    record = _put_failed_stack(fake_cloudformation, "DELETE_IN_PROGRESS")
    record["steps"] = [[resource("Function", "AWS::Lambda::Function",
                                 "DELETE_COMPLETE")],
                       [stack("DELETE_COMPLETE")]]
    result = on_fake_cloudformation("delete")
    assert "DeleteStack" not in fake_cloudformation.actions()
    assert BUCKET not in _buckets(boto)
    assert _notes(result) == [
        f"stack '{NAME}' is already being deleted; waiting for it",
        f"deleted 1 package from bucket '{BUCKET}'",
        f"deleted bucket '{BUCKET}'",
        f"{NAME} deleted",
    ]


def test_delete_after_an_interrupted_delete_removes_packages_and_bucket(
        on_fake_cloudformation, fake_cloudformation, boto):
    _put_package_in_slam_bucket(boto)
    _put_failed_stack(fake_cloudformation, "CREATE_COMPLETE")
    fake_cloudformation.script("DeleteStack", [[resource(
        "Function", "AWS::Lambda::Function", "DELETE_IN_PROGRESS")]])
    run = on_fake_cloudformation
    process = subprocess.Popen(
        [str(run.binary), "delete"], cwd=run.cwd, env=run.env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while fake_cloudformation.actions().count("DescribeStackEvents") < 3:
        assert time.monotonic() < deadline, "slam never waited"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert err.splitlines()[-1] == (
        f"slam: error: interrupted; the deletion of stack '{NAME}' goes on in "
        "AWS: run 'slam status' to see how it ends, then run 'slam delete' "
        "again to remove the packages")
    assert _keys(boto, BUCKET) == [PACKAGE]

    # CloudFormation finishes the deletion on its own.
    fake_cloudformation.live_stack()["status"] = "DELETE_COMPLETE"
    result = run("delete")
    assert BUCKET not in _buckets(boto)
    assert _notes(result) == [
        f"deleted 1 package from bucket '{BUCKET}'",
        f"deleted bucket '{BUCKET}'",
        f"{NAME} is not deployed; removed what an earlier delete left",
    ]


def test_delete_removes_only_what_slam_wrote(slam, project, boto):
    add_filler_resources(project, 15)
    slam("deploy")
    with open(project / "app.py", "a") as source:
        source.write("\n# a change\n")
    slam("deploy")
    notes = f"slam/{NAME}/notes.txt"
    boto("s3").put_object(Bucket=BUCKET, Key=notes, Body=b"mine")
    result = slam("delete")
    assert _keys(boto, BUCKET) == [notes]
    assert _notes(result) == [
        f"deleting stack '{NAME}'",
        f"deleted 2 packages and 1 template from bucket '{BUCKET}'",
        f"kept bucket '{BUCKET}': it holds other objects",
        f"{NAME} deleted",
    ]
