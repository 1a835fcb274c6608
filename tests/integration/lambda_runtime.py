"""Runs one invocation of an unzipped package the way Lambda's Python runtime does.

Usage: python3 -I -S lambda_runtime.py PACKAGE_DIR FUNCTION_ARN < EVENT_JSON
Prints {"result": ...} or, when the handler raises, {"error": {...}} with the
runtime's error object (errorMessage, errorType, requestId, stackTrace as
Python's formatted frames) on stdout; the traceback goes to stderr, the log.
"""

import json
import sys
import traceback

package_dir, function_arn = sys.argv[1], sys.argv[2]
sys.path.insert(0, package_dir)

import slam_handler  # noqa: E402


class Context:
    function_name = function_arn.split(":")[6]
    function_version = "$LATEST"
    memory_limit_in_mb = 128
    aws_request_id = "7b1f6b3e-0000-4000-8000-000000000001"
    invoked_function_arn = function_arn

    def get_remaining_time_in_millis(self):
        return 3000


event = json.load(sys.stdin)
try:
    result = slam_handler.lambda_handler(event, Context())
except Exception as error:  # what the runtime reports as a function error
    frames = traceback.extract_tb(error.__traceback__)[1:]  # not this file's
    traceback.print_exc()
    print(json.dumps({"error": {
        "errorMessage": str(error),
        "errorType": type(error).__name__,
        "requestId": Context.aws_request_id,
        "stackTrace": traceback.format_list(frames),
    }}))
else:
    print(json.dumps({"result": result}))
