"""status and status --json on moto: not deployed, then deployed."""

import json

NAME = "slam-flask-example"
BUCKET = f"{NAME}-slam-packages"


def _stack(boto):
    return boto("cloudformation").describe_stacks(StackName=NAME)["Stacks"][0]


def test_status_of_a_project_not_deployed(slam):
    assert slam("status").stdout == f"{NAME} is not deployed\n"
    report = json.loads(slam("status", "--json").stdout)
    assert report == {"name": NAME, "deployed": False}


def test_status_json_of_a_deployment(slam, boto):
    slam("deploy")
    slam("publish", "prod")
    stack = _stack(boto)
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}
    parameters = {p["ParameterKey"]: p["ParameterValue"]
                  for p in stack["Parameters"]}
    function = boto("lambda").get_function(FunctionName=NAME)

    report = json.loads(slam("status", "--json").stdout)
    assert report == {
        "name": NAME,
        "deployed": True,
        "stack_status": "UPDATE_COMPLETE",
        "stack_status_reason": "",
        "stack_state": "complete",
        "failure": None,
        "function_arn": function["Configuration"]["FunctionArn"],
        "bucket": BUCKET,
        "package_key": parameters["LambdaS3Key"],
        "stages": [
            {"name": "dev", "version": "$LATEST",
             "url": outputs["DevEndpoint"]},
            {"name": "prod", "version": "1",
             "url": outputs["ProdEndpoint"]},
        ],
    }
    assert report["stages"][1]["url"].endswith("/prod/")

    # The text says the same.
    text = slam("status").stdout.splitlines()
    assert text[0] == f"{NAME} is deployed (stack UPDATE_COMPLETE)"
    assert text[1:5] == [
        f"  function: {report['function_arn']}",
        f"  bucket:   {BUCKET}",
        f"  package:  {report['package_key']}",
        "  stages:",
    ]
    assert text[5].split() == ["dev", "$LATEST", outputs["DevEndpoint"]]
    assert text[6].split() == ["prod", "1", outputs["ProdEndpoint"]]
