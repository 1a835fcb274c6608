"""A plain function that Slam deploys: ``slam invoke n:=15 fizz=Fizz``.

Slam calls it with the direct invocation's args and kwargs and returns its
result; a bad argument raises, which Lambda reports with the traceback.
"""

from __future__ import annotations

_LIMIT = 10_000


def fizzbuzz(n: int = 15, fizz: str = "Fizz", buzz: str = "Buzz") -> list[str]:
    """Return the FizzBuzz sequence from 1 to N with these two words."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= _LIMIT:
        raise ValueError(f"n must be an integer from 1 to {_LIMIT}, got {n!r}")
    return [_say(number, fizz, buzz) for number in range(1, n + 1)]


def _say(number: int, fizz: str, buzz: str) -> str:
    """Return what FizzBuzz says for NUMBER."""
    words = (fizz if number % 3 == 0 else "") + (buzz if number % 5 == 0 else "")
    return words or str(number)
