"""Create a Slam stack from a template on a private moto_server; print what
moto made of it as JSON.

Usage: python3 template_moto_check.py TEMPLATE.json

Starts `moto_server -H 127.0.0.1 -p PORT` on a free loopback port, uploads a
small package, creates the stack with every parameter given explicitly, then
reports the stack status, its outputs, its resources and what the services
show. All traffic stays on 127.0.0.1.
"""

import io
import json
import os
import socket
import subprocess
import sys
import time
import zipfile

BUCKET = "slam-test-packages"
KEY = "myapp/package.zip"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"moto_server did not start on port {port}")


def package():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("slam_handler.py", "def lambda_handler(e, c):\n    pass\n")
    return data.getvalue()


def parameters(template):
    values = {"LambdaS3Bucket": BUCKET, "LambdaS3Key": KEY}
    return [
        {"ParameterKey": name, "ParameterValue": values.get(name, "$LATEST")}
        for name in template["Parameters"]
    ]


def report(session, template_text):
    s3 = session.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key=KEY, Body=package())

    cfn = session.client("cloudformation")
    template = json.loads(template_text)
    cfn.create_stack(
        StackName="myapp",
        TemplateBody=template_text,
        Parameters=parameters(template),
        Capabilities=["CAPABILITY_IAM"],
    )
    stack = cfn.describe_stacks(StackName="myapp")["Stacks"][0]
    return {
        "status": stack["StackStatus"],
        "outputs": {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])},
        **stack_resources(cfn),
        "tables": sorted(session.client("dynamodb").list_tables()["TableNames"]),
        **function(session.client("lambda")),
        "log_groups": {
            g["logGroupName"]: g.get("retentionInDays")
            for g in session.client("logs").describe_log_groups()["logGroups"]
        },
        "api": api(session.client("apigateway")),
    }


def stack_resources(cfn):
    """Return the stack's resources by logical id, and how many moto listed
    without one (the types it skips)."""
    summaries = cfn.list_stack_resources(StackName="myapp")["StackResourceSummaries"]
    named = {
        r["LogicalResourceId"]: r["ResourceType"]
        for r in summaries
        if r["LogicalResourceId"]
    }
    return {
        "resources": dict(sorted(named.items())),
        "unnamed_resources": len(summaries) - len(named),
    }


def function(client):
    config = client.get_function(FunctionName="myapp")["Configuration"]
    return {
        "function": {
            key: config.get(key)
            for key in ("FunctionName", "Handler", "Runtime", "Architectures")
        },
        "aliases": [
            alias["Name"]
            for alias in client.list_aliases(FunctionName="myapp")["Aliases"]
        ],
    }


def api(client):
    rest_apis = client.get_rest_apis()["items"]
    if not rest_apis:
        return None
    (rest_api,) = rest_apis
    paths = {}
    for resource in client.get_resources(restApiId=rest_api["id"])["items"]:
        for method in resource.get("resourceMethods", {}):
            integration = client.get_integration(
                restApiId=rest_api["id"], resourceId=resource["id"], httpMethod=method
            )
            paths[f"{method} {resource['path']}"] = integration["uri"]
    return {
        "name": rest_api["name"],
        "methods": dict(sorted(paths.items())),
        "stages": [
            stage["stageName"]
            for stage in client.get_stages(restApiId=rest_api["id"])["item"]
        ],
    }


def main():
    template_text = open(sys.argv[1]).read()
    port = free_port()
    os.environ.update(
        {
            "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_DEFAULT_REGION": "us-east-1",
        }
    )
    server = subprocess.Popen(
        ["moto_server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        import boto3

        print(json.dumps(report(boto3.Session(), template_text), indent=2))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
