#include "slam/package/bytecode_compile.hpp"

#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/process.hpp"

#include <algorithm>
#include <exception>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <thread>

namespace fs = std::filesystem;
using nlohmann::json;

namespace slam::package {
namespace {

// The flags word of a .pyc (PEP 552): bit 0 says hash-based, bit 1 says
// check the source. Lambda's extracted files carry no useful timestamps,
// so the bytecode is hash-based and never checked against its source.
constexpr char k_unchecked_hash_flags = 0b01;

std::vector<CompileOutcome> run_share(const BytecodeInterpreter& interpreter,
                                      const std::vector<CompileJob>& share,
                                      std::chrono::milliseconds limit)
{
  json request = json::array();
  for (const auto& job : share) {
    request.push_back({{"source", job.source.string()},
                       {"dfile", job.dfile},
                       {"output", job.output.string()}});
  }
  util::ProcessOptions options;
  options.input = request.dump();
  options.timeout = limit;
  auto result = util::run_process({interpreter.path.string(),
                                   "-I",
                                   "-S",
                                   "-c",
                                   std::string(compile_script())},
                                  options);
  if (result.timed_out) {
    throw Error(fmt::format("'{}' did not compile {} modules within {} s",
                            interpreter.path.string(),
                            share.size(),
                            limit.count() / 1000.0));
  }
  auto answer = json::parse(result.out, nullptr, false);
  if (result.exit_code != 0 || !answer.is_array() ||
      answer.size() != share.size()) {
    throw Error(fmt::format("'{}' could not compile bytecode (exit {}): {}",
                            interpreter.path.string(),
                            result.exit_code,
                            result.err));
  }
  std::vector<CompileOutcome> outcomes;
  for (std::size_t i = 0; i < share.size(); ++i) {
    CompileOutcome outcome;
    outcome.compiled = answer[i].value("compiled", false);
    outcome.line = answer[i].value("line", 0);
    outcome.message = answer[i].value("message", "");
    if (outcome.compiled) {
      outcome.pyc = util::read_file(share[i].output);
      if (auto problem = pyc_problem(outcome.pyc, interpreter.probe.magic)) {
        throw Error(fmt::format(
            "'{}' made bytecode that {}", interpreter.path.string(), *problem));
      }
    }
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

} // namespace

std::string_view compile_script()
{
  return R"py(
import json
import py_compile
import sys


def compile_one(job):
    try:
        py_compile.compile(
            job["source"],
            cfile=job["output"],
            dfile=job["dfile"],
            doraise=True,
            optimize=0,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        return {"compiled": True}
    except py_compile.PyCompileError as error:
        cause = error.exc_value
        line = getattr(cause, "lineno", None)
        message = getattr(cause, "msg", None) or str(cause)
        return {"compiled": False, "line": line or 0, "message": message}
    except (OSError, ValueError) as error:
        return {"compiled": False, "line": 0, "message": str(error)}


json.dump([compile_one(job) for job in json.load(sys.stdin)], sys.stdout)
)py";
}

std::optional<std::string> pyc_problem(std::string_view pyc,
                                       std::string_view magic)
{
  if (pyc.size() < 16 || !pyc.starts_with(magic)) {
    return "is for another Python version";
  }
  std::string flags(4, '\0');
  flags[0] = k_unchecked_hash_flags;
  if (pyc.substr(4, 4) != flags) {
    return "is not in unchecked-hash mode";
  }
  return std::nullopt;
}

std::chrono::milliseconds compile_time_limit(std::size_t count)
{
  return std::chrono::seconds(60) + count * std::chrono::milliseconds(50);
}

std::vector<CompileOutcome>
compile_jobs(const BytecodeInterpreter& interpreter,
             const std::vector<CompileJob>& jobs,
             unsigned processes,
             std::optional<std::chrono::milliseconds> limit)
{
  // Job I goes to share I % N, so that each process gets files of every
  // part of the (sorted) list, large and small.
  auto count = std::max(1u, std::min<unsigned>(processes, jobs.size()));
  std::vector<std::vector<CompileJob>> shares(count);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    shares[i % count].push_back(jobs[i]);
  }
  std::vector<std::vector<CompileOutcome>> results(count);
  std::vector<std::exception_ptr> errors(count);
  std::vector<std::thread> threads;
  for (unsigned s = 0; s < count; ++s) {
    threads.emplace_back([&, s] {
      try {
        results[s] =
            run_share(interpreter,
                      shares[s],
                      limit.value_or(compile_time_limit(shares[s].size())));
      } catch (...) {
        errors[s] = std::current_exception();
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (const auto& error : errors) {
    if (error) {
      std::rethrow_exception(error);
    }
  }
  std::vector<CompileOutcome> outcomes(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    outcomes[i] = std::move(results[i % count][i / count]);
  }
  return outcomes;
}

} // namespace slam::package
