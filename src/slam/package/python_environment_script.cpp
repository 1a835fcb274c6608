#include "slam/package/python_environment_script.hpp"

namespace slam::package {

// The program runs in the environment's own interpreter, which only needs
// the standard library: markers are evaluated with the packaging library
// when the environment has it, else with the small evaluator below.
std::string_view environment_script()
{
  return R"py(
import csv
import json
import os
import platform
import re
import sys
from importlib import metadata

NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?")
TOKEN = re.compile(
    r"\s*(?:(?P<paren>[()])|(?P<string>'[^']*'|\"[^\"]*\")"
    r"|(?P<op>===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b)"
    r"|(?P<bool>and\b|or\b)|(?P<name>[A-Za-z_][A-Za-z0-9_.]*))"
)
CLAUSE = re.compile(r"\s*(===|~=|==|!=|<=|>=|<|>)\s*(\S+?)\s*$")
VERSION_VARIABLES = {"python_version", "python_full_version", "implementation_version"}


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def release(version):
    match = re.match(r"\s*v?(?:\d+!)?(\d+(?:\.\d+)*)", version)
    if not match:
        raise ValueError("not a version: " + version)
    return [int(part) for part in match.group(1).split(".")]


def padded(a, b):
    size = max(len(a), len(b))
    return a + [0] * (size - len(a)), b + [0] * (size - len(b))


def version_matches(version, op, wanted):
    """Compare release numbers; enough for markers and simple specifiers."""
    if op == "===":
        return version == wanted
    if wanted.endswith(".*") and op in ("==", "!="):
        prefix = release(wanted[:-2])
        same = padded(release(version), prefix)[0][: len(prefix)] == prefix
        return same == (op == "==")
    have, want = padded(release(version), release(wanted))
    if op == "~=":
        stem = release(wanted)[:-1]
        return have >= want and have[: len(stem)] == stem
    return {
        "==": have == want,
        "!=": have != want,
        "<": have < want,
        "<=": have <= want,
        ">": have > want,
        ">=": have >= want,
    }[op]


class MarkerEvaluator:
    """Evaluate a PEP 508 marker without the packaging library."""

    def __init__(self, text, environment):
        self.tokens = []
        self.environment = environment
        position = 0
        text = text.strip()
        while position < len(text):
            match = TOKEN.match(text, position)
            if not match or match.end() == position:
                raise ValueError("cannot parse marker: " + text)
            kind = match.lastgroup
            self.tokens.append((kind, match.group(kind)))
            position = match.end()
            while position < len(text) and text[position].isspace():
                position += 1

    def evaluate(self):
        self.position = 0
        result = self.any_of()
        if self.position != len(self.tokens):
            raise ValueError("unexpected " + self.tokens[self.position][1])
        return result

    def peek(self):
        if self.position < len(self.tokens):
            return self.tokens[self.position]
        return (None, None)

    def take(self, kind):
        token = self.peek()
        if token[0] != kind:
            raise ValueError("expected " + kind)
        self.position += 1
        return token[1]

    def any_of(self):
        result = self.all_of()
        while self.peek() == ("bool", "or"):
            self.position += 1
            result = self.all_of() or result
        return result

    def all_of(self):
        result = self.atom()
        while self.peek() == ("bool", "and"):
            self.position += 1
            result = self.atom() and result
        return result

    def atom(self):
        if self.peek() == ("paren", "("):
            self.position += 1
            result = self.any_of()
            self.take("paren")
            return result
        left, left_name = self.value()
        op = " ".join(self.take("op").split())
        right, right_name = self.value()
        return self.compare(left, op, right, left_name or right_name)

    def value(self):
        kind, text = self.peek()
        self.position += 1
        if kind == "string":
            return text[1:-1], None
        if kind == "name":
            if text not in self.environment:
                raise ValueError("unknown marker variable " + text)
            return self.environment[text], text
        raise ValueError("expected a value")

    def compare(self, left, op, right, variable):
        if op == "in":
            return left in right
        if op == "not in":
            return left not in right
        if variable == "extra":
            left, right = normalize(left), normalize(right)
        if variable in VERSION_VARIABLES or op not in ("==", "!="):
            try:
                return version_matches(left, op, right)
            except ValueError:
                pass
        return {"==": left == right, "!=": left != right}.get(op, False)


def default_environment():
    info = sys.implementation.version
    version = "{0.major}.{0.minor}.{0.micro}".format(info)
    if info.releaselevel != "final":
        version += info.releaselevel[0] + str(info.serial)
    return {
        "implementation_name": sys.implementation.name,
        "implementation_version": version,
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "platform_python_implementation": platform.python_implementation(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    }


def load_packaging(wanted):
    if not wanted:
        return None
    try:
        from packaging.markers import Marker
        from packaging.specifiers import SpecifierSet

        return Marker, SpecifierSet
    except ImportError:
        return None


class Evaluator:
    """Markers and specifiers, with packaging when the environment has it,
    imported at the first marker or specifier: most answers need none."""

    def __init__(self, target, use_packaging):
        self.environment = default_environment()
        self.environment.update(target)
        self.use_packaging = use_packaging
        self.loaded = None
        self.warnings = []

    @property
    def packaging(self):
        if self.loaded is None:
            self.loaded = load_packaging(self.use_packaging) or ()
        return self.loaded

    def marker(self, text, extra=""):
        environment = dict(self.environment, extra=extra)
        try:
            if self.packaging:
                return self.packaging[0](text).evaluate(environment)
            return MarkerEvaluator(text, environment).evaluate()
        except Exception as error:
            self.warnings.append(
                "cannot evaluate the marker '{}' ({}); taking it as true".format(
                    text, error
                )
            )
            return True

    def specifier(self, text, version):
        try:
            if self.packaging:
                return self.packaging[1](text).contains(version, prereleases=True)
            clauses = [CLAUSE.match(part) for part in text.split(",")]
            return all(version_matches(version, *c.groups()) for c in clauses)
        except Exception:
            return None


def parse_dependency(text):
    """Split a Requires-Dist value into name, extras and marker."""
    requirement, _, marker = text.partition(";")
    match = NAME.match(requirement)
    if not match:
        return None
    extras = (match.group(2) or "[]")[1:-1].split(",")
    return (
        normalize(match.group(1)),
        sorted(normalize(e.strip()) for e in extras if e.strip()),
        marker.strip(),
    )


def dependencies(distribution, meta, evaluator):
    provided = meta.get_all("Provides-Extra") or []
    found = []
    # Requires-Dist, else the requires.txt of an egg-info.
    for text in meta.get_all("Requires-Dist") or distribution.requires or []:
        parsed = parse_dependency(text)
        if not parsed:
            evaluator.warnings.append("cannot parse requirement '" + text + "'")
            continue
        name, extras, marker = parsed
        mentioned = re.findall(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
        candidates = [""] + sorted({normalize(e) for e in provided + mentioned})
        when = [e for e in candidates if not marker or evaluator.marker(marker, e)]
        if "" in when:
            when = [""]
        if when:
            found.append({"name": name, "extras": extras, "when": when})
    return found


def files_of(distribution):
    """The paths the RECORD lists, read as text: building the objects of
    Distribution.files cost more than the rest of the answer."""
    record = distribution.read_text("RECORD")
    if record is None:
        files = distribution.files
        return None if files is None else [str(f) for f in files]
    return [row[0] for row in csv.reader(record.splitlines()) if row]


def describe(distribution, meta, evaluator):
    return {
        "name": meta["Name"],
        "version": meta["Version"],
        "location": str(distribution.locate_file("")),
        "files": files_of(distribution),
        "dependencies": dependencies(distribution, meta, evaluator),
    }


def installed():
    """Each distribution with its metadata, parsed once: every access to
    Distribution.metadata parses the file again."""
    seen = {}
    for distribution in metadata.distributions():
        meta = distribution.metadata
        name = meta["Name"]
        if name and normalize(name) not in seen:
            seen[normalize(name)] = (distribution, meta)
    return seen


def check(requirement, found, evaluator):
    marker = requirement.get("marker")
    applies = not marker or evaluator.marker(marker)
    distribution, meta = found.get(normalize(requirement["name"]), (None, None))
    version = meta["Version"] if distribution else None
    satisfied = None
    if version is not None and requirement.get("specifier"):
        satisfied = evaluator.specifier(requirement["specifier"], version)
    return {"applies": applies, "version": version, "satisfied": satisfied}


def main():
    request = json.loads(sys.argv[1])
    # The current folder is not part of the environment.
    sys.path[:] = [entry for entry in sys.path if entry]
    evaluator = Evaluator(request["target"], request.get("use_packaging", True))
    found = installed()
    report = {
        "python_version": "{0}.{1}".format(*sys.version_info),
        "system": platform.system(),
        "machine": platform.machine(),
        "distributions": [describe(d, m, evaluator) for d, m in found.values()],
        "requirements": [
            check(r, found, evaluator) for r in request.get("requirements", [])
        ],
        "warnings": evaluator.warnings,
        "executable": os.path.realpath(sys.executable),
        "search_path": sys.path,
    }
    json.dump(report, sys.stdout)


main()
)py";
}

} // namespace slam::package
