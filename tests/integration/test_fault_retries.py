"""Slam through a fault-injecting proxy in front of moto_server: retries,
their bounds, their -v lines, and the calls whose answer was lost."""

import collections
import datetime
import re
import time

import pytest

from conftest import Slam
from fault_proxy import KINDS, FaultProxy

CYCLES = 20
ACCESS_KEY = "AKIAFAULTPROXYKEY123"
SECRET_KEY = "fault/proxy/secret/never/shown"
CHANGING = ("CreateStack", "UpdateStack", "DeleteStack",
            "POST /2015-03-31/functions/F/versions", "PUT bucket",
            "DELETE bucket", "PUT object", "DELETE object", "DeleteLogGroup")
RETRY_LINE = re.compile(
    r"slam: retrying (\w+) (\w+) \(attempt (\d+)/(\d+)\) in (\d+) ms: (.+)")


@pytest.fixture
def proxies(moto):
    """Return a factory of fault proxies in front of the test's moto."""
    started = []

    def start(**settings):
        proxy = FaultProxy(moto, **settings).serve()
        started.append(proxy)
        return proxy

    yield start
    for proxy in started:
        proxy.close()


@pytest.fixture
def faulty(function_slam):
    """The function example's slam, set up for a proxy: known fake keys,
    short backoff and request timeout, quick stack polls. Its environment
    is its own: boto's stays on moto."""
    slam = Slam(function_slam.binary, function_slam.cwd,
                dict(function_slam.env))
    slam.env.update(
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
        SLAM_RETRY_BASE_MS="10",
        SLAM_REQUEST_TIMEOUT="1",
        SLAM_STACK_POLL_INTERVAL="0.05",
    )
    return slam


def _through(slam, proxy):
    slam.env["AWS_ENDPOINT_URL"] = proxy.url
    return slam


def _retries(stderr: str) -> list:
    """The -v retry lines of STDERR as (service, operation, reason)."""
    found = []
    for line in stderr.splitlines():
        if line.startswith("slam: retrying "):
            match = RETRY_LINE.fullmatch(line)
            assert match, line
            service, operation, attempt, total, wait, reason = match.groups()
            assert 2 <= int(attempt) <= int(total) == 8, line
            found.append((service, operation, reason))
    return found


def _run_cycle(slam) -> tuple:
    """Deploy, publish and delete; return the retries and lost answers."""
    retries, lost = [], 0
    for args, done in ((("deploy",), "stage 'dev' deployed"),
                       (("publish", "prod"), "prod now points at version"),
                       (("delete",), "slam-function-example deleted")):
        result = slam("-v", *args, timeout=120)
        output = result.stdout + result.stderr
        assert done in output, output
        assert SECRET_KEY not in output and ACCESS_KEY not in output
        retries += _retries(result.stderr)
        lost += output.count("whose answer was lost")
    return retries, lost


def test_cycles_succeed_with_a_fifth_of_requests_failing(
        faulty, proxies, boto):
    proxy = proxies(share=0.2, seed=2024, timeout=1.5)
    slam = _through(faulty, proxy)
    times, retries, lost = [], [], 0
    started = time.monotonic()
    for _ in range(CYCLES):
        cycle_start = time.monotonic()
        cycle_retries, cycle_lost = _run_cycle(slam)
        times.append(time.monotonic() - cycle_start)
        retries += cycle_retries
        lost += cycle_lost
    total = time.monotonic() - started

    # Every cycle cleaned up after itself, through all the faults.
    stacks = boto("cloudformation").describe_stacks()["Stacks"]
    assert [s for s in stacks if s["StackStatus"] != "DELETE_COMPLETE"] == []
    assert boto("s3").list_buckets()["Buckets"] == []
    # Every kind of fault happened; each error answer was retried, and
    # so were timeouts and dropped connections (libcurl itself sends a
    # request again when a reused connection is closed before any answer).
    assert set(KINDS) <= set(proxy.faults), proxy.summary()
    answered = sum(proxy.faults[k] for k in ("error_500", "error_503",
                                             "throttle"))
    reasons = collections.Counter(_reason_kind(r) for _, _, r in retries)
    assert reasons["answer"] >= answered, reasons
    assert reasons["timeout"] > 0 and reasons["dropped"] > 0, reasons
    print(f"\n{CYCLES} cycles in {total:.1f} s; {proxy.summary()}; "
          f"{len(retries)} retries ({dict(reasons)}); {lost} lost answers "
          f"found done; cycle times {min(times):.1f}-{max(times):.1f} s "
          f"(mean {sum(times) / len(times):.1f} s); faults on calls that "
          f"change something: {proxy.faults_on(CHANGING)}")


def _reason_kind(reason: str) -> str:
    if reason == "Timeout was reached":
        return "timeout"
    if re.match(r"[\w ]+: ", reason):
        return "answer"
    return "dropped"


def test_deploy_gives_up_in_bounded_time_when_every_request_fails(
        faulty, proxies):
    proxy = proxies(share=1.0, seed=7, kinds=(
        "error_500", "error_503", "throttle", "drop_before", "drop_middle"))
    slam = _through(faulty, proxy)
    slam.env["SLAM_RETRY_BASE_MS"] = "50"
    started = time.monotonic()
    result = slam("-v", "deploy", check=False, timeout=120)
    elapsed = time.monotonic() - started

    assert result.returncode == 1, result.stderr
    error = result.stderr.splitlines()[-1]
    match = re.fullmatch(
        r"slam: error: (cloudformation DescribeStacks: \w+: .+|cannot reach "
        r"http://127\.0\.0\.1:\d+/ \(cloudformation DescribeStacks\): .+) "
        r"\(after 8 attempts in (\d+\.\d) s\)", error)
    assert match, error
    assert proxy.requests == 8
    assert len(_retries(result.stderr)) == 7
    # The waits are at most 50 ms * (1 + 2 + ... + 64), and each attempt
    # at most the request timeout (1 s); the build before them is quick.
    bound = 0.05 * 127 + 8 * 1
    assert float(match.group(2)) < bound
    assert elapsed < bound + 10
    print(f"\nevery request failing: gave up after {match.group(2)} s "
          f"(deploy {elapsed:.1f} s); {proxy.summary()}; {error}")


def test_time_limit_ends_a_call_that_keeps_timing_out(faulty, proxies):
    proxy = proxies(share=1.0, kinds=("timeout",), timeout=3)
    slam = _through(faulty, proxy)
    slam.env.update(SLAM_REQUEST_TIMEOUT="0.5", SLAM_RETRY_TIME_LIMIT="2")
    started = time.monotonic()
    result = slam("deploy", check=False, timeout=120)
    elapsed = time.monotonic() - started

    assert result.returncode == 1
    error = result.stderr.splitlines()[-1]
    match = re.fullmatch(
        r"slam: error: cannot reach http://127\.0\.0\.1:\d+/ \(cloudformation "
        r"DescribeStacks\): Timeout was reached \(after (\d) attempts in "
        r"(\d+\.\d) s\)", error)
    assert match, error
    attempts, seconds = int(match.group(1)), float(match.group(2))
    assert 3 <= attempts < 8 and attempts == proxy.requests
    assert 2 <= seconds < 2 + 0.5 + 0.5
    assert elapsed < 15
    print(f"\nall timing out: gave up after {attempts} attempts in "
          f"{seconds} s (deploy {elapsed:.1f} s)")


def test_clock_skew_is_corrected_from_the_servers_date(faulty, proxies,
                                                        boto):
    proxy = proxies(share=0.0, clock_offset=datetime.timedelta(hours=2))
    slam = _through(faulty, proxy)

    result = slam("-v", "deploy")
    assert re.search(r"cloudformation says the request's time is off: "
                     r"signing with its clock, 7(199|200|201) s ahead",
                     result.stderr), result.stderr
    # One refusal per process: every later call signs by the server's clock.
    assert proxy.faults["clock_skew"] == 1
    assert [s["StackStatus"] for s in
            boto("cloudformation").describe_stacks()["Stacks"]] == [
        "CREATE_COMPLETE"]
    slam("delete")
    assert proxy.faults["clock_skew"] == 2
