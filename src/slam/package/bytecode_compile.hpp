#pragma once

#include "slam/package/bytecode_interpreter.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace slam::package {

// One source to compile: its file, its path on Lambda (recorded in the
// bytecode for tracebacks) and where the .pyc goes.
struct CompileJob
{
  std::filesystem::path source;
  std::string dfile;
  std::filesystem::path output;
};

// What compiling one source gave: the .pyc bytes, or why there are none
// (a SyntaxError's message and line, 0 when unknown).
struct CompileOutcome
{
  bool compiled = false;
  std::string pyc;
  int line = 0;
  std::string message;

  bool operator==(const CompileOutcome&) const = default;
};

// Return the Python program that compiles the jobs it reads as JSON on
// stdin and writes one outcome per job as JSON on stdout.
std::string_view compile_script();

// Compile JOBS with INTERPRETER, at optimization level 0 in unchecked-hash
// mode, in up to PROCESSES interpreter processes at once, each given its
// share of the list; return one outcome per job, in order. Throw
// slam::Error when a process fails as a whole, runs past its time limit
// (LIMIT, by default one that grows with its share of JOBS), or writes
// bytecode of another Python than INTERPRETER's.
std::vector<CompileOutcome>
compile_jobs(const BytecodeInterpreter& interpreter,
             const std::vector<CompileJob>& jobs,
             unsigned processes,
             std::optional<std::chrono::milliseconds> limit = std::nullopt);

// Return the time a process may take to compile COUNT modules: generous,
// since a module compiles in milliseconds, but a hung interpreter must not
// hang the build.
std::chrono::milliseconds compile_time_limit(std::size_t count);

// Return why PYC is not unchecked-hash bytecode with MAGIC, or nothing.
std::optional<std::string> pyc_problem(std::string_view pyc,
                                       std::string_view magic);

} // namespace slam::package
