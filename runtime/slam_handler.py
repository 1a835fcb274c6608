"""Lambda entry point of Slam: turns events into WSGI or ASGI calls and back.

Slam ships this module at the root of every Lambda package, with the package
slam_adapter/ that does the work, next to the app code and
``slam_config.json`` (or the file named by ``SLAM_CONFIG_PATH``, which tests
use). Lambda calls ``lambda_handler(event, context)``. docs/adapter.md in
Slam's repository describes what each event becomes.
"""

from slam_adapter.handler import lambda_handler, shutdown

__all__ = ["lambda_handler", "shutdown"]
