"""slam logs on moto: events put by the test into the function's and the
API's log groups come back filtered, ordered, paged and followed."""

import queue
import select
import signal
import subprocess
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

NAME = "slam-flask-example"
LAMBDA_GROUP = f"/aws/lambda/{NAME}"
# A fixed offset in POSIX TZ syntax (needs no tz database): local times
# are known to the test.
TZ = "<+0530>-5:30"
OFFSET = timezone(timedelta(hours=5, minutes=30))
LATEST_ID = "aaaaaaaa" + "0" * 24
OTHER_ID = "bbbbbbbb" + "1" * 24
VERSION_ID = "cccccccc" + "2" * 24
API_STREAM = "dddddddd" + "3" * 24


def now_ms():
    return int(time.time() * 1000)


def stream(version, stream_id):
    """A stream name as Lambda makes them: UTC date, [VERSION], id."""
    return time.strftime("%Y/%m/%d/", time.gmtime()) + f"[{version}]{stream_id}"


def line(ms, label, message):
    """The line slam prints for an event, in the test's time zone."""
    local = datetime.fromtimestamp(ms / 1000, OFFSET)
    stamp = local.strftime("%Y-%m-%d %H:%M:%S.") + f"{ms % 1000:03d}+05:30"
    return f"{stamp} {label} {message}"


class LogWriter:
    """Puts events into log groups of the moto_server, as Lambda would."""

    def __init__(self, client):
        self.client = client
        self.streams = set()

    def put(self, group, stream_name, events):
        """Put EVENTS, a list of (epoch ms, message), into the stream."""
        if (group, stream_name) not in self.streams:
            try:
                self.client.create_log_group(logGroupName=group)
            except self.client.exceptions.ResourceAlreadyExistsException:
                pass  # the stack made the function's group
            self.client.create_log_stream(
                logGroupName=group, logStreamName=stream_name)
            self.streams.add((group, stream_name))
        ordered = sorted(events)
        for first in range(0, len(ordered), 5000):
            self.client.put_log_events(
                logGroupName=group,
                logStreamName=stream_name,
                logEvents=[{"timestamp": ms, "message": message}
                           for ms, message in ordered[first:first + 5000]])


@pytest.fixture
def deployed(slam, boto):
    """The Flask example deployed; returns its API id."""
    slam.env = dict(slam.env, TZ=TZ)
    slam("deploy")
    stack = boto("cloudformation").describe_stacks(StackName=NAME)["Stacks"][0]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}
    return outputs["ApiId"]


@pytest.fixture
def writer(boto):
    return LogWriter(boto("logs"))


def test_period_order_version_and_api_logs(slam, deployed, writer, boto):
    api_group = f"API-Gateway-Execution-Logs_{deployed}/dev"
    now = now_ms()
    writer.put(LAMBDA_GROUP, stream("$LATEST", LATEST_ID), [
        (now - 600_000, "ten minutes ago"),
        (now - 50_000, "START RequestId: 1 Version: $LATEST\n"),
        (now - 5_000, "END RequestId: 1\n"),
    ])
    writer.put(LAMBDA_GROUP, stream("$LATEST", OTHER_ID), [
        (now - 20_000, "another instance"),
    ])
    writer.put(LAMBDA_GROUP, stream("1", VERSION_ID), [
        (now - 30_000, "version 1, not dev's"),
    ])
    writer.put(api_group, API_STREAM, [(now - 25_000, "Method completed")])
    writer.put(f"API-Gateway-Execution-Logs_{deployed}/prod", API_STREAM,
               [(now - 25_000, "prod's API")])

    # The default period is one minute; streams of other versions and
    # other stages stay out; the groups are merged in time order.
    result = slam("logs")
    assert result.stdout.splitlines() == [
        line(now - 50_000, "lambda/aaaaaaaa",
             "START RequestId: 1 Version: $LATEST"),
        line(now - 25_000, "api/dddddddd", "Method completed"),
        line(now - 20_000, "lambda/bbbbbbbb", "another instance"),
        line(now - 5_000, "lambda/aaaaaaaa", "END RequestId: 1"),
    ]

    # A longer period reaches the older event.
    longer = slam("logs", "--period", "0.25h").stdout.splitlines()
    assert longer[0] == line(now - 600_000, "lambda/aaaaaaaa",
                             "ten minutes ago")
    assert longer[1:] == result.stdout.splitlines()
    short = slam("logs", "-p", "10s").stdout.splitlines()
    assert short == [line(now - 5_000, "lambda/aaaaaaaa", "END RequestId: 1")]

    # A stage at version 1 shows version 1's streams and its own API stage.
    slam("publish", "prod")
    prod = slam("logs", "--stage", "prod").stdout.splitlines()
    assert prod == [
        line(now - 30_000, "lambda/cccccccc", "version 1, not dev's"),
        line(now - 25_000, "api/dddddddd", "prod's API"),
    ]


def test_pages_of_one_group_do_not_hide_the_next(slam, deployed, writer):
    # More events than two FilterLogEvents pages hold (10,000 each): the
    # function's group takes three pages. The original Slam sent its last
    # token with the API group's request, which lost the API events.
    api_group = f"API-Gateway-Execution-Logs_{deployed}/dev"
    start = now_ms() - 60_000
    count = 25_000
    writer.put(LAMBDA_GROUP, stream("$LATEST", LATEST_ID),
               [(start + i * 2, f"event {i}") for i in range(count)])
    writer.put(api_group, API_STREAM,
               [(start + 1, "api first"), (start + count * 2, "api last")])

    lines = slam("logs", "--period", "2m").stdout.splitlines()
    assert len(lines) == count + 2
    assert lines[0] == line(start, "lambda/aaaaaaaa", "event 0")
    assert lines[1] == line(start + 1, "api/dddddddd", "api first")
    assert lines[2] == line(start + 2, "lambda/aaaaaaaa", "event 1")
    assert lines[-2] == line(start + (count - 1) * 2, "lambda/aaaaaaaa",
                             f"event {count - 1}")
    assert lines[-1] == line(start + count * 2, "api/dddddddd", "api last")
    messages = [text.split(" ", 3)[3] for text in lines]
    assert messages[2:-1] == [f"event {i}" for i in range(1, count)]


class Follower:
    """slam logs -t as a subprocess, its output read line by line."""

    def __init__(self, slam, *args):
        self.process = subprocess.Popen(
            [str(slam.binary), "logs", "-t", *args],
            cwd=slam.cwd, env=slam.env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for text in self.process.stdout:
            self.lines.put(text.rstrip("\n"))

    def wait_for(self, count, timeout=20):
        """Return the output once it has COUNT lines, or fail."""
        deadline = time.monotonic() + timeout
        while len(self.seen) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                self.stop()
                pytest.fail(f"waited for {count} lines, got {self.seen}")
            try:
                self.seen.append(self.lines.get(timeout=left))
            except queue.Empty:
                pass
        return self.seen

    def stop(self):
        """Press Ctrl-C; return the exit status and stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            status = self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        return status, self.process.stderr.read()


def test_tail_follows_new_events_until_ctrl_c(slam, deployed, writer):
    api_group = f"API-Gateway-Execution-Logs_{deployed}/dev"
    now = now_ms()
    writer.put(LAMBDA_GROUP, stream("$LATEST", LATEST_ID),
               [(now - 10_000, "before the tail")])

    follower = Follower(slam)
    try:
        assert follower.wait_for(1) == [
            line(now - 10_000, "lambda/aaaaaaaa", "before the tail")]

        # Events added while it runs show up, the new API group too, and
        # only the stage's version.
        added = now_ms()
        writer.put(LAMBDA_GROUP, stream("$LATEST", LATEST_ID),
                   [(added, "during the tail")])
        writer.put(LAMBDA_GROUP, stream("1", VERSION_ID),
                   [(added + 1, "another version")])
        writer.put(api_group, API_STREAM, [(added + 2, "api during the tail")])
        assert follower.wait_for(3)[1:] == [
            line(added, "lambda/aaaaaaaa", "during the tail"),
            line(added + 2, "api/dddddddd", "api during the tail"),
        ]

        # An event that arrives late, with a time before the last read,
        # still shows (the windows overlap).
        late = now_ms() - 3_000
        writer.put(LAMBDA_GROUP, stream("$LATEST", OTHER_ID),
                   [(late, "arrived late")])
        assert follower.wait_for(4)[3] == line(late, "lambda/bbbbbbbb",
                                               "arrived late")

        # Several more polls (one each 2 s) repeat nothing.
        time.sleep(5)
    finally:
        status, stderr = follower.stop()
    while not follower.lines.empty():
        follower.seen.append(follower.lines.get())
    assert len(follower.seen) == 4, follower.seen
    assert status == 0, stderr
    assert stderr == ("following the logs of stage 'dev'; "
                      "press Ctrl-C to stop\n")


def test_tail_ends_when_its_reader_goes(slam, deployed, writer):
    # As with `slam logs -t | head -1`: once the reader is gone there is
    # no point in following.
    writer.put(LAMBDA_GROUP, stream("$LATEST", LATEST_ID),
               [(now_ms() - 1_000, "only line")])
    process = subprocess.Popen(
        [str(slam.binary), "logs", "-t"], cwd=slam.cwd, env=slam.env,
        text=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 20)
        assert ready, "no output within 20 s"
        assert process.stdout.readline().endswith(" only line\n")
        process.stdout.close()
        # As any write that finds the reader gone: quietly, status 1.
        assert process.wait(timeout=20) == 1
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_bad_period_is_a_usage_error(slam):
    result = slam("logs", "--period", "5x", check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "slam: error: invalid period '5x': use a number and a unit: s, m, h, "
        "d or w (for example 30s, 1.5h, 2d)\n")


def test_logs_of_a_project_not_deployed(slam, moto):
    result = slam("logs", check=False)
    assert result.returncode == 1
    assert result.stderr == (
        f"slam: error: '{NAME}' is not deployed; run 'slam deploy' first\n")


def test_no_events_says_so(slam, deployed):
    result = slam("logs", "-p", "30s")
    assert result.stdout == ""
    assert result.stderr == "no log events of stage 'dev' in the last 30s\n"
