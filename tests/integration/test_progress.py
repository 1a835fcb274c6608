"""Stack progress, failures, rollbacks, timeouts and Ctrl-C, against the
scripted fake CloudFormation (S3 stays on moto_server)."""

import datetime
import json
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from fake_cloudformation import resource, stack

NAME = "slam-flask-example"
BUCKET = f"{NAME}-slam-packages"
ROLE = ("FunctionExecutionRole", "AWS::IAM::Role")
FUNCTION = ("Function", "AWS::Lambda::Function")
LOG_GROUP = ("FunctionLogGroup", "AWS::Logs::LogGroup")
ZIP_ERROR = ('Resource handler returned message: "Could not unzip uploaded '
             'file. Please check your file, then try to upload again."')
STACK_LINE = f"{NAME:<24} CloudFormation::Stack   "


@pytest.fixture
def fake(fake_cloudformation):
    return fake_cloudformation


@pytest.fixture
def run(on_fake_cloudformation):
    return on_fake_cloudformation


def _deployed_parameters():
    return {"LambdaS3Bucket": BUCKET, "LambdaS3Key": f"slam/{NAME}/old.zip",
            "DevVersion": "$LATEST", "ProdVersion": "3"}


def _put_deployed_stack(fake, status="UPDATE_COMPLETE", events=()):
    history = [stack("CREATE_IN_PROGRESS", "User Initiated"),
               resource(*FUNCTION, "CREATE_FAILED", "an old failure"),
               stack("CREATE_COMPLETE"), *events]
    return fake.put_stack(status, _deployed_parameters(),
                          {"slam:project": NAME}, history)


def _progress(stderr):
    """The progress lines of STDERR: those that start with a time."""
    return [line for line in stderr.splitlines()
            if re.match(r"^ +\d+(m\d\d)?s  ", line)]


def _error(result):
    return result.stderr.splitlines()[-1]


def _line(seconds, logical_id, short_type, status, reason=""):
    line = f"{seconds:>6}  {logical_id:<24} {short_type:<24} {status}"
    if reason:
        line += " " * (max(len(status), 18) - len(status) + 2) + reason
    return line


def test_creation_prints_each_event_and_a_summary(fake, run):
    fake.script("CreateStack", [
        [resource(*ROLE, "CREATE_IN_PROGRESS")],
        [resource(*ROLE, "CREATE_IN_PROGRESS", "Resource creation Initiated"),
         resource(*LOG_GROUP, "CREATE_IN_PROGRESS")],
        [resource(*ROLE, "CREATE_COMPLETE"),
         resource(*LOG_GROUP, "CREATE_COMPLETE"),
         resource(*FUNCTION, "CREATE_IN_PROGRESS")],
        [],
        [resource(*FUNCTION, "CREATE_COMPLETE"), stack("CREATE_COMPLETE")],
    ])
    result = run("deploy")
    assert _progress(result.stderr) == [
        _line("0s", NAME, "CloudFormation::Stack", "CREATE_IN_PROGRESS",
              "User Initiated"),
        _line("7s", "FunctionExecutionRole", "IAM::Role", "CREATE_IN_PROGRESS"),
        _line("14s", "FunctionExecutionRole", "IAM::Role",
              "CREATE_IN_PROGRESS", "Resource creation Initiated"),
        _line("14s", "FunctionLogGroup", "Logs::LogGroup",
              "CREATE_IN_PROGRESS"),
        _line("21s", "FunctionExecutionRole", "IAM::Role", "CREATE_COMPLETE"),
        _line("21s", "FunctionLogGroup", "Logs::LogGroup", "CREATE_COMPLETE"),
        _line("21s", "Function", "Lambda::Function", "CREATE_IN_PROGRESS"),
        _line("35s", "Function", "Lambda::Function", "CREATE_COMPLETE"),
        _line("35s", NAME, "CloudFormation::Stack", "CREATE_COMPLETE"),
    ]
    lines = result.stderr.splitlines()
    summary = lines.index(_progress(result.stderr)[-1]) + 1
    assert re.fullmatch(r"stack creation complete in \d+ s: 3 created",
                        lines[summary]), lines[summary]
    assert lines[summary + 1] == "stage 'dev' deployed"
    assert result.stdout.startswith(f"{NAME} is deployed (stack CREATE_COMPLETE)")


def test_events_are_printed_as_they_arrive(fake, run):
    run.env["SLAM_STACK_POLL_INTERVAL"] = "0.5"
    fake.script("CreateStack", [
        [resource(*ROLE, "CREATE_IN_PROGRESS")],
        [resource(*ROLE, "CREATE_COMPLETE")],
        [stack("CREATE_COMPLETE")],
    ])
    process = subprocess.Popen(
        [str(run.binary), "deploy"], cwd=run.cwd, env=run.env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = []
    for line in process.stderr:
        if "IAM::Role" in line:
            # Printed while CloudFormation is still at work.
            seen.append((line.split()[-1], fake.live_stack()["status"]))
    assert process.wait(timeout=60) == 0
    assert seen == [("CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS"),
                    ("CREATE_COMPLETE", "CREATE_IN_PROGRESS")]


def test_quiet_deploy_prints_no_progress(fake, run):
    fake.script("CreateStack", [
        [resource(*ROLE, "CREATE_COMPLETE"), stack("CREATE_COMPLETE")]])
    result = run("-q", "deploy")
    # The example's Python differs from the runtime: -q keeps that warning.
    assert all(line.startswith("slam: warning: ")
               for line in result.stderr.splitlines()), result.stderr


def test_failed_creation_names_the_failing_resource(fake, run):
    fake.script("CreateStack", [
        [resource(*ROLE, "CREATE_COMPLETE"),
         resource(*FUNCTION, "CREATE_IN_PROGRESS")],
        [resource(*LOG_GROUP, "CREATE_FAILED", "Resource creation cancelled"),
         resource(*FUNCTION, "CREATE_FAILED", ZIP_ERROR),
         stack("ROLLBACK_IN_PROGRESS", "The following resource(s) failed to "
               "create: [Function, FunctionLogGroup]. Rollback requested by "
               "user.")],
        [resource(*ROLE, "DELETE_COMPLETE"), stack("ROLLBACK_COMPLETE")],
    ])
    result = run("deploy", check=False)
    assert result.returncode == 1, result.stderr
    assert _error(result) == (
        f"slam: error: creation of stack '{NAME}' failed: Function "
        f"(AWS::Lambda::Function) CREATE_FAILED: {ZIP_ERROR}; the stack was "
        "rolled back and holds nothing (ROLLBACK_COMPLETE); the next 'slam "
        "deploy' replaces it")
    assert _line("14s", "Function", "Lambda::Function", "CREATE_FAILED",
                 ZIP_ERROR) in _progress(result.stderr)
    assert result.stdout == ""


def test_update_rollback_names_the_failing_resource(fake, run):
    _put_deployed_stack(fake)
    fake.script("UpdateStack", [
        [resource(*FUNCTION, "UPDATE_IN_PROGRESS")],
        [resource(*FUNCTION, "UPDATE_FAILED", ZIP_ERROR),
         stack("UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) "
               "failed to update: [Function].")],
        [resource(*FUNCTION, "UPDATE_COMPLETE"),
         stack("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")],
        [stack("UPDATE_ROLLBACK_COMPLETE")],
    ])
    result = run("deploy", check=False)
    assert result.returncode == 1, result.stderr
    assert _error(result) == (
        f"slam: error: update of stack '{NAME}' failed: Function "
        f"(AWS::Lambda::Function) UPDATE_FAILED: {ZIP_ERROR}; the stack was "
        "rolled back to its previous state (UPDATE_ROLLBACK_COMPLETE)")
    # Only this update's events: none of the stack's history.
    progress = _progress(result.stderr)
    assert progress[0] == _line("0s", NAME, "CloudFormation::Stack",
                                "UPDATE_IN_PROGRESS", "User Initiated")
    assert progress[-1] == _line("28s", NAME, "CloudFormation::Stack",
                                 "UPDATE_ROLLBACK_COMPLETE")
    assert len(progress) == 7
    assert "an old failure" not in result.stderr

    # status names the failure too, as text and as JSON.
    status = run("status").stdout.splitlines()
    assert status[:4] == [
        f"{NAME} is deployed, but its last update failed (stack "
        "UPDATE_ROLLBACK_COMPLETE)",
        f"  failed:   Function (AWS::Lambda::Function) UPDATE_FAILED: "
        f"{ZIP_ERROR}",
        "  function: ",
        f"  bucket:   {BUCKET}",
    ]
    report = json.loads(run("status", "--json").stdout)
    assert report["stack_state"] == "rolled_back"
    assert report["failure"] == {
        "logical_id": "Function",
        "resource_type": "AWS::Lambda::Function",
        "status": "UPDATE_FAILED",
        "reason": ZIP_ERROR,
    }


def test_rollback_complete_stack_is_deleted_and_created_again(fake, run):
    old = _put_deployed_stack(fake, "ROLLBACK_COMPLETE")
    fake.script("DeleteStack", [
        [resource(*ROLE, "DELETE_COMPLETE")], [stack("DELETE_COMPLETE")]])
    fake.script("CreateStack", [
        [resource(*FUNCTION, "CREATE_COMPLETE"), stack("CREATE_COMPLETE")]])
    result = run("deploy")
    calls = [(a, p.get("StackName")) for a, p in fake.calls
             if a in ("DeleteStack", "CreateStack", "UpdateStack")]
    assert calls == [("DeleteStack", old["id"]), ("CreateStack", NAME)]
    lines = result.stderr.splitlines()
    assert (f"stack '{NAME}' is ROLLBACK_COMPLETE (a first deploy failed); "
            "deleting it to create it again") in lines
    assert re.search(r"^stack deletion complete in \d+ s: 1 deleted$",
                     result.stderr, re.M)
    assert re.search(r"^stack creation complete in \d+ s: 1 created$",
                     result.stderr, re.M)
    # The new stack starts afresh: no versions from the failed one.
    new = fake.live_stack()
    assert new["id"] != old["id"] and new["status"] == "CREATE_COMPLETE"
    assert new["parameters"]["ProdVersion"] == "$LATEST"


def test_status_of_a_failed_first_deploy(fake, run):
    fake.put_stack("ROLLBACK_COMPLETE", _deployed_parameters(),
                   {"slam:project": NAME}, [
                       stack("CREATE_IN_PROGRESS", "User Initiated"),
                       resource(*FUNCTION, "CREATE_FAILED", ZIP_ERROR),
                       stack("ROLLBACK_IN_PROGRESS", "Rollback requested"),
                       stack("ROLLBACK_COMPLETE")])
    lines = run("status").stdout.splitlines()
    assert lines[:3] == [
        f"{NAME} is not deployed (stack ROLLBACK_COMPLETE)",
        f"  failed:   Function (AWS::Lambda::Function) CREATE_FAILED: "
        f"{ZIP_ERROR}",
        "  next:     the stack holds nothing; 'slam deploy' deletes it and "
        "creates it again",
    ]
    # The JSON agrees: nothing usable is deployed.
    report = json.loads(run("status", "--json").stdout)
    assert (report["deployed"], report["stack_status"],
            report["stack_state"]) == (False, "ROLLBACK_COMPLETE", "failed")
    assert report["failure"]["status"] == "CREATE_FAILED"


WAITING_LINE = (f"stack '{NAME}' is UPDATE_IN_PROGRESS: an operation is under "
                "way (a deploy that was interrupted, or another one); waiting "
                "for it to end")


def _put_stack_under_update(fake):
    """A stack whose update goes on in CloudFormation, as an interrupted
    deploy leaves it: it ends after three polls."""
    record = _put_deployed_stack(fake, "UPDATE_IN_PROGRESS")
    record["steps"] = [[resource(*FUNCTION, "UPDATE_COMPLETE")],
                       [stack("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")],
                       [stack("UPDATE_COMPLETE")]]
    return record


def test_status_of_a_busy_stack(fake, run):
    _put_deployed_stack(fake, "UPDATE_IN_PROGRESS")
    status = run("status").stdout.splitlines()
    assert status[0] == f"{NAME} is changing (stack UPDATE_IN_PROGRESS)"
    assert status[1] == ("  next:     an operation is under way; run 'slam "
                         "status' again to see how it ends")
    assert json.loads(run("status", "--json").stdout)["stack_state"] == (
        "in_progress")


# Before, a deploy refused a busy stack ("wait ... then try again"), so
# that a deploy interrupted while CloudFormation went on left a state the
# next deploy did not complete.
def test_deploy_waits_for_the_operation_under_way(fake, run):
    _put_stack_under_update(fake)
    fake.script("UpdateStack", [[resource(*FUNCTION, "UPDATE_COMPLETE"),
                                 stack("UPDATE_COMPLETE")]])
    result = run("deploy")
    lines = result.stderr.splitlines()
    assert WAITING_LINE in lines
    assert f"stack '{NAME}' is UPDATE_COMPLETE; deploying" in lines
    assert "stage 'dev' deployed" in lines
    # The events of the operation waited for are shown as they come.
    assert any("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS" in line
               for line in _progress(result.stderr))
    actions = fake.actions()
    assert actions.count("UpdateStack") == 1
    assert actions.index("UpdateStack") > actions.index("DescribeStackEvents")
    assert fake.live_stack()["status"] == "UPDATE_COMPLETE"


def test_deploy_after_an_interrupted_delete_creates_the_stack(fake, run):
    old = _put_deployed_stack(fake, "DELETE_IN_PROGRESS")
    old["steps"] = [[resource(*FUNCTION, "DELETE_COMPLETE")],
                    [stack("DELETE_COMPLETE")]]
    fake.script("CreateStack", [[resource(*FUNCTION, "CREATE_COMPLETE"),
                                 stack("CREATE_COMPLETE")]])
    result = run("deploy")
    assert (f"stack '{NAME}' is DELETE_COMPLETE; deploying"
            in result.stderr.splitlines())
    new = fake.live_stack()
    assert new["id"] != old["id"] and new["status"] == "CREATE_COMPLETE"


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_wait_for_the_operation_under_way_deploys_nothing(
        fake, run, signal_number):
    record = _put_deployed_stack(fake, "UPDATE_IN_PROGRESS")
    record["steps"] = [[resource(*FUNCTION, "UPDATE_IN_PROGRESS")]] * 1000
    process = subprocess.Popen(
        [str(run.binary), "deploy"], cwd=run.cwd, env=run.env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: fake.actions().count("DescribeStacks") >= 4)
    process.send_signal(signal_number)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal_number, err
    assert err.splitlines()[-1] == (
        f"slam: error: interrupted while stack '{NAME}' was "
        "UPDATE_IN_PROGRESS; nothing was deployed")
    assert "UpdateStack" not in fake.actions()


def test_deploy_deletes_change_sets_that_interrupted_plans_left(fake, run):
    _put_deployed_stack(fake)
    minutes = datetime.timedelta(minutes=10)
    left = fake.put_change_set("slam-plan-1700000000", "CREATE_COMPLETE",
                               minutes)
    failed = fake.put_change_set("slam-plan-1700000001", "FAILED", minutes)
    # A plan that may still be reading its change set, and one not slam's.
    young = fake.put_change_set("slam-plan-1700000002", "CREATE_COMPLETE",
                                datetime.timedelta(0))
    pending = fake.put_change_set("slam-plan-1700000003", "CREATE_PENDING",
                                  minutes)
    other = fake.put_change_set("release-review", "CREATE_COMPLETE", minutes)
    fake.script("UpdateStack", [[stack("UPDATE_COMPLETE")]])
    result = run("deploy")
    assert set(fake.change_sets) == {young, pending, other}
    assert left not in fake.change_sets and failed not in fake.change_sets
    lines = result.stderr.splitlines()
    for name in ("slam-plan-1700000000", "slam-plan-1700000001"):
        assert (f"deleted change set '{name}', left by an interrupted 'slam "
                "deploy --plan'") in lines


def test_wait_gives_up_after_the_timeout(fake, run):
    _put_deployed_stack(fake)
    run.env["SLAM_STACK_WAIT_TIMEOUT"] = "1"
    fake.script("UpdateStack", [[resource(*FUNCTION, "UPDATE_IN_PROGRESS")]])
    started = time.monotonic()
    result = run("deploy", check=False)
    assert result.returncode == 1
    assert time.monotonic() - started < 30
    assert _error(result) == (
        "slam: error: gave up waiting after 1 s with the stack "
        f"UPDATE_IN_PROGRESS; the update of stack '{NAME}' goes on in AWS: "
        "run 'slam status' to see how it ends")


def test_bad_wait_timeout_is_a_usage_error(run):
    run.env["SLAM_STACK_WAIT_TIMEOUT"] = "soon"
    result = run("deploy", check=False)
    assert result.returncode == 2
    assert _error(result) == (
        "slam: error: SLAM_STACK_WAIT_TIMEOUT must be a positive number of "
        "seconds, not 'soon'")


def test_throttled_stack_events_are_fetched_again(fake, run):
    # More throttling than one call's retries: that poll's events come
    # with the next one.
    fake.fail("DescribeStackEvents", times=9)
    fake.script("CreateStack", [
        [resource(*ROLE, "CREATE_COMPLETE")],
        [],
        [resource(*FUNCTION, "CREATE_COMPLETE")],
        [stack("CREATE_COMPLETE")],
    ])
    result = run("deploy")
    assert [line.split()[1:3] for line in _progress(result.stderr)] == [
        [NAME, "CloudFormation::Stack"],
        ["FunctionExecutionRole", "IAM::Role"],
        ["Function", "Lambda::Function"],
        [NAME, "CloudFormation::Stack"],
    ]
    assert fake.actions().count("DescribeStackEvents") >= 10


def _wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_stops_waiting_and_says_the_update_goes_on(
        fake, run, signal_number):
    _put_deployed_stack(fake)
    fake.script("UpdateStack", [[resource(*FUNCTION, "UPDATE_IN_PROGRESS")]])
    process = subprocess.Popen(
        [str(run.binary), "deploy"], cwd=run.cwd, env=run.env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: fake.actions().count("DescribeStackEvents") >= 3)
    process.send_signal(signal_number)
    out, err = process.communicate(timeout=30)
    # 143 for SIGTERM: before, every interrupt gave 130.
    assert process.returncode == 128 + signal_number, err
    assert err.splitlines()[-1] == (
        f"slam: error: interrupted; the update of stack '{NAME}' goes on in "
        "AWS: run 'slam status' to see how it ends")
    assert out == ""
    assert fake.live_stack()["status"] == "UPDATE_IN_PROGRESS"


def _running(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def test_interrupt_outside_a_wait_ends_slam_and_its_children(run, project):
    # A python environment that hangs, to interrupt the build while a
    # child process runs.
    interpreter = project / "slow-python"
    pid_file = project / "child.pid"
    interpreter.write_text(f"#!/bin/sh\necho $$ > '{pid_file}'\nexec sleep 120\n")
    interpreter.chmod(0o755)
    config = (project / "slam.yaml").read_text()
    (project / "slam.yaml").write_text(config.replace(
        'python_environment: "python3"', 'python_environment: "./slow-python"'))
    process = subprocess.Popen(
        [str(run.binary), "build"], cwd=run.cwd, env=run.env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: pid_file.exists() and pid_file.read_text().strip())
    child = int(pid_file.read_text())
    assert _running(child)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.splitlines()[-1] == "slam: error: interrupted"
    _wait_for(lambda: not _running(child), timeout=10)


@pytest.mark.parametrize("status, advice", [
    ("ROLLBACK_COMPLETE", "(a first deploy failed) and holds nothing; run "
                          "'slam deploy' to create it again"),
    ("ROLLBACK_FAILED", "and cannot be updated; run 'slam delete', then "
                        "deploy again"),
    ("DELETE_FAILED", "and cannot be updated; run 'slam delete', then "
                      "deploy again"),
])
def test_publish_refuses_a_stack_that_cannot_be_updated(fake, run, status,
                                                        advice):
    _put_deployed_stack(fake, status)
    run.env["SLAM_STACK_WAIT_TIMEOUT"] = "2"  # should an update start
    # prod is at version 3: publishing it to dev needs no Lambda call.
    result = run("publish", "dev", "--version", "prod", check=False)
    assert result.returncode == 1
    assert _error(result) == f"slam: error: stack '{NAME}' is {status} {advice}"
    assert "UpdateStack" not in fake.actions()
