"""deploy --plan: what a deploy would change, with nothing changed.

On moto_server (which models change sets, though without Replacement) and
on the scripted fake CloudFormation for what moto lacks: replacement, an
empty change set that AWS fails, and the stack a CREATE change set makes.
"""

import json

import pytest

NAME = "slam-flask-example"
BUCKET = f"{NAME}-slam-packages"


def _stack(boto):
    return boto("cloudformation").describe_stacks(StackName=NAME)["Stacks"][0]


def _template(boto):
    body = boto("cloudformation").get_template(StackName=NAME)["TemplateBody"]
    return body if isinstance(body, dict) else json.loads(body)


def _resources(boto):
    """The deployed template's resources (moto skips some when creating)."""
    return {i: r["Type"] for i, r in _template(boto)["Resources"].items()}


def _keys(boto):
    listing = boto("s3").list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def _our_change_sets(boto):
    summaries = boto("cloudformation").list_change_sets(StackName=NAME)
    return [s for s in summaries["Summaries"] if s["StackName"] == NAME]


def test_plan_of_a_new_stack_adds_everything_and_creates_nothing(slam, boto):
    result = slam("deploy", "--plan")
    lines = result.stdout.splitlines()
    assert lines[0] == f"deploying would create stack '{NAME}':"
    assert lines[-1] == "13 to add, 0 to modify, 0 to remove"
    adds = [line.split()[2:] for line in lines[1:-1]]
    assert ["Function", "AWS::Lambda::Function"] in adds
    assert ["FunctionExecutionRole", "AWS::IAM::Role"] in adds
    assert all(line.startswith("  + add     ") for line in lines[1:-1])
    assert f"creating change set 'slam-plan-" in result.stderr
    # The change set's REVIEW_IN_PROGRESS stack is gone again.
    with pytest.raises(Exception, match="does not exist"):
        _stack(boto)
    assert _our_change_sets(boto) == []
    # Nor is anything uploaded: the change set only names the package.
    buckets = [b["Name"] for b in boto("s3").list_buckets()["Buckets"]]
    assert BUCKET not in buckets


def test_plan_of_an_update_changes_nothing(slam, project, boto):
    slam("deploy")
    before = _stack(boto)
    template = _template(boto)
    resources = _resources(boto)

    # More memory, a table, and no API any more.
    config = (project / "slam.yaml").read_text()
    config = config.replace("lambda_memory: 256", "lambda_memory: 512")
    config = config.replace("deploy_api_gateway: true",
                            "deploy_api_gateway: false")
    config += "dynamodb_tables:\n  orders:\n    attributes: {id: S}\n    key: id\n"
    (project / "slam.yaml").write_text(config)
    (project / "app.py").write_text((project / "app.py").read_text() + "\n#\n")
    packages = _keys(boto)
    result = slam("deploy", "--plan")

    removed = [(i, t) for i, t in resources.items() if "API" in i]
    added = [("DevOrdersDynamoDBTable", "AWS::DynamoDB::Table"),
             ("ProdOrdersDynamoDBTable", "AWS::DynamoDB::Table")]
    modified = [("Function", "AWS::Lambda::Function"),
                ("FunctionExecutionRole", "AWS::IAM::Role")]
    width = max(len(i) for i, _ in removed + added + modified)
    expected = [f"deploying would change stack '{NAME}':"]
    for label, items in (("+ add   ", added), ("~ modify", modified),
                         ("- remove", removed)):
        expected += [f"  {label}  {i:<{width}}  {t}" for i, t in sorted(items)]
    expected.append(f"2 to add, 2 to modify, {len(removed)} to remove")
    assert result.stdout.splitlines() == expected

    # Nothing changed: same template, parameters and status; no change set.
    after = _stack(boto)
    assert _template(boto) == template
    assert after["Parameters"] == before["Parameters"]
    assert after["StackStatus"] == before["StackStatus"] == "CREATE_COMPLETE"
    assert _resources(boto) == resources
    assert _our_change_sets(boto) == []
    assert _keys(boto) == packages


def test_plan_without_changes_says_so(slam):
    slam("deploy")
    result = slam("deploy", "--plan")
    assert result.stdout == f"no changes: stack '{NAME}' is up to date\n"


# On the fake CloudFormation ------------------------------------------------


@pytest.fixture
def fake(fake_cloudformation):
    return fake_cloudformation


@pytest.fixture
def on_fake(on_fake_cloudformation):
    return on_fake_cloudformation


def _put_stack(fake):
    fake.put_stack("UPDATE_COMPLETE",
                   {"LambdaS3Bucket": BUCKET, "LambdaS3Key": "k",
                    "DevVersion": "$LATEST", "ProdVersion": "2"},
                   {"slam:project": NAME})


def test_plan_shows_replacement_and_deletes_the_change_set(on_fake, fake):
    _put_stack(fake)
    fake.change_set_script = {
        "statuses": ["CREATE_PENDING", "CREATE_IN_PROGRESS", "CREATE_COMPLETE"],
        "changes": [
            {"action": "Modify", "logical_id": "Function",
             "type": "AWS::Lambda::Function", "replacement": "False",
             "properties": ["Code", "MemorySize", "Code"]},
            {"action": "Modify", "logical_id": "DevOrdersTable",
             "type": "AWS::DynamoDB::Table", "replacement": "True",
             "properties": ["KeySchema"]},
            {"action": "Modify", "logical_id": "API",
             "type": "AWS::ApiGateway::RestApi", "replacement": "Conditional"},
            {"action": "Remove", "logical_id": "OldQueue",
             "type": "AWS::SQS::Queue"},
        ],
    }
    result = on_fake("deploy", "--plan")
    assert result.stdout.splitlines() == [
        f"deploying would change stack '{NAME}':",
        "  ~ modify  API             AWS::ApiGateway::RestApi  "
        "replacement: Conditional",
        "  ~ modify  DevOrdersTable  AWS::DynamoDB::Table      "
        "replacement: True; properties: KeySchema",
        "  ~ modify  Function        AWS::Lambda::Function     "
        "replacement: False; properties: Code, MemorySize",
        "  - remove  OldQueue        AWS::SQS::Queue",
        "0 to add, 3 to modify, 1 to remove",
    ]
    create = next(p for a, p in fake.calls if a == "CreateChangeSet")
    assert create["ChangeSetType"] == "UPDATE"
    assert create["Capabilities.member.1"] == "CAPABILITY_IAM"
    assert create["Tags.member.1.Key"] == "slam:project"
    assert create["Parameters.member.4.ParameterKey"] == "ProdVersion"
    assert create["Parameters.member.4.ParameterValue"] == "2"
    assert fake.change_sets == {}
    assert "DeleteChangeSet" in fake.actions()
    for action in ("UpdateStack", "ExecuteChangeSet", "DeleteStack"):
        assert action not in fake.actions()
    assert fake.live_stack()["status"] == "UPDATE_COMPLETE"


def test_empty_change_set_is_reported_as_no_changes(on_fake, fake):
    _put_stack(fake)
    fake.change_set_script = {
        "statuses": ["CREATE_PENDING", "FAILED"],
        "reason": "The submitted information didn't contain changes. Submit "
                  "different information to create a change set.",
        "changes": [],
    }
    result = on_fake("deploy", "--plan")
    assert result.stdout == f"no changes: stack '{NAME}' is up to date\n"
    assert fake.change_sets == {}


def test_failed_change_set_is_an_error(on_fake, fake):
    _put_stack(fake)
    fake.change_set_script = {
        "statuses": ["FAILED"],
        "reason": "Template error: instance of Fn::GetAtt references "
                  "undefined resource Nothing",
        "changes": [],
    }
    result = on_fake("deploy", "--plan", check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"slam: error: cannot plan the deploy of stack '{NAME}': the change "
        "set is FAILED: Template error: instance of Fn::GetAtt references "
        "undefined resource Nothing")
    assert fake.change_sets == {}


def test_plan_of_a_new_stack_deletes_the_review_stack(on_fake, fake):
    fake.change_set_script = {
        "statuses": ["CREATE_COMPLETE"],
        "changes": [{"action": "Add", "logical_id": "Function",
                     "type": "AWS::Lambda::Function"}],
    }
    result = on_fake("deploy", "--plan")
    assert result.stdout.splitlines() == [
        f"deploying would create stack '{NAME}':",
        "  + add     Function  AWS::Lambda::Function",
        "1 to add, 0 to modify, 0 to remove",
    ]
    review = fake.stacks[-1]
    assert review["status"] == "DELETE_COMPLETE"
    deleted = [p["StackName"] for a, p in fake.calls if a == "DeleteStack"]
    assert deleted == [review["id"]]
    assert "CreateStack" not in fake.actions()


def test_plan_for_a_failed_first_deploy_shows_the_replacement(on_fake, fake):
    fake.put_stack("ROLLBACK_COMPLETE", {"LambdaS3Bucket": BUCKET},
                   {"slam:project": NAME})
    result = on_fake("deploy", "--plan")
    lines = result.stdout.splitlines()
    assert lines[0] == f"deploying would create stack '{NAME}':"
    assert lines[-1] == "13 to add, 0 to modify, 0 to remove"
    assert (f"stack '{NAME}' is ROLLBACK_COMPLETE; a deploy deletes it and "
            "creates it again") in result.stderr.splitlines()
    for action in ("CreateChangeSet", "DeleteStack", "CreateStack"):
        assert action not in fake.actions()
