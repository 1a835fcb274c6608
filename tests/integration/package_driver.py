"""Runs inside an isolated interpreter that sees only the unzipped package.

Usage: python3 -I -S package_driver.py PACKAGE_DIR REQUESTS_JSON
Calls slam_handler.lambda_handler with each event of REQUESTS_JSON and
prints the responses, plus where Flask was imported from, as JSON.
"""

import json
import sys

package_dir, requests_file = sys.argv[1], sys.argv[2]
sys.path.insert(0, package_dir)

import slam_handler  # noqa: E402


class Context:
    function_name = "slam-flask-example"
    function_version = "$LATEST"
    memory_limit_in_mb = 256
    aws_request_id = "c6af9ac6-7b61-11e6-9a41-93e812345678"
    invoked_function_arn = (
        "arn:aws:lambda:us-east-1:123456789012:function:slam-flask-example:dev"
    )

    def get_remaining_time_in_millis(self):
        return 10000


with open(requests_file) as f:
    events = json.load(f)
responses = [slam_handler.lambda_handler(event, Context()) for event in events]
print(
    json.dumps(
        {
            "responses": responses,
            "flask_file": sys.modules["flask"].__file__,
            "site_loaded": "site" in sys.modules,
        }
    )
)
