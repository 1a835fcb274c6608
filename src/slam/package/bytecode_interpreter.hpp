#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace slam::package {

// What an interpreter says of itself.
struct InterpreterProbe
{
  std::string implementation; // sys.implementation.name: "cpython"
  std::string version;        // sys.version_info[:2]: "3.12"
  std::string magic;          // importlib.util.MAGIC_NUMBER, raw bytes

  bool operator==(const InterpreterProbe&) const = default;
};

// The interpreter that compiles the package's bytecode.
struct BytecodeInterpreter
{
  std::filesystem::path path;
  InterpreterProbe probe;
};

// Return what PROGRAM says of itself, or nothing when it does not run or
// is not a Python 3 that answers.
using ProbeInterpreter = std::function<std::optional<InterpreterProbe>(
    const std::filesystem::path&)>;

// Which interpreter compiles, or why none does.
struct InterpreterChoice
{
  std::optional<BytecodeInterpreter> interpreter;
  std::string
      tried; // "python3.12 (not found), /usr/bin/python3 (cpython 3.11)"
};

// Return the interpreters that may compile bytecode for Python VERSION
// ("3.12"), in the order to try them: that of the python ENVIRONMENT (see
// find_interpreter(); none when empty or not found), python3.X on PATH,
// python3 on PATH. A name not on PATH stays a bare name, to say it was
// not found.
std::vector<std::filesystem::path>
bytecode_candidates(const std::string& environment,
                    const std::filesystem::path& project_dir,
                    const std::string& version);

// Return the first of CANDIDATES that PROBE says is CPython VERSION, each
// probed once, in order.
InterpreterChoice choose_bytecode_interpreter(
    const std::vector<std::filesystem::path>& candidates,
    const std::string& version,
    const ProbeInterpreter& probe);

// Return what PROGRAM says of itself, running it.
std::optional<InterpreterProbe>
run_interpreter_probe(const std::filesystem::path& program);

// Return a probe that runs an interpreter only the first time it is seen:
// its answer is kept in FOLDER under the identity of the interpreter's
// file (path, target, size, modification time), so that a rebuild starts
// no process. A changed interpreter is a new file and is probed again.
ProbeInterpreter cached_interpreter_probe(std::filesystem::path folder);

} // namespace slam::package
