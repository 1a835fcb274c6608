"""A plain function of the external plugin example: it builds a report."""

from __future__ import annotations


def report(period: str = "day") -> dict[str, str]:
    """Return the summary of PERIOD that a schedule asks for."""
    return {"period": period, "summary": f"nothing happened this {period}"}
