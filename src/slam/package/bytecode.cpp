#include "slam/package/bytecode.hpp"

#include "slam/config/config.hpp"
#include "slam/package/bytecode_cache.hpp"
#include "slam/package/bytecode_entry.hpp"
#include "slam/package/python_runtime.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// Above this many bytes, pruning removes the bytecode the build did not use.
constexpr std::uint64_t k_bytecode_cache_limit = 128ull << 20;

// One .py entry: its index in the sources, path on Lambda and cache key.
struct Compilable
{
  std::size_t source;
  std::string dfile;
  std::string key;
};

std::optional<BytecodeInterpreter> interpreter_for(const config::Config& config,
                                                   const std::string& version)
{
  auto choice = choose_bytecode_interpreter(
      bytecode_candidates(
          config.package.python_environment, config.project_dir, version),
      version,
      cached_interpreter_probe(config.project_dir / ".slam" / "interpreters"));
  if (!choice.interpreter) {
    util::notef("no bytecode in the package: no CPython {} here (tried {}); "
                "install python{} to ship precompiled modules",
                version,
                choice.tried,
                version);
  }
  return choice.interpreter;
}

std::string content_of(const EntrySource& source)
{
  return source.content ? *source.content : util::read_file(source.file);
}

// Compile the sources of MISSES with INTERPRETER in a temporary folder and
// keep each outcome in CACHE; return the outcomes, in order.
std::vector<CompileOutcome>
compile_misses(const BytecodeInterpreter& interpreter,
               const std::vector<EntrySource>& sources,
               const std::vector<Compilable>& misses,
               BytecodeCache& cache)
{
  auto work = util::make_temp_dir("slam-bytecode");
  std::vector<CompileJob> jobs;
  std::vector<CompileOutcome> outcomes;
  try {
    for (std::size_t i = 0; i < misses.size(); ++i) {
      const auto& source = sources[misses[i].source];
      auto file = source.file;
      if (source.content) {
        file = work / fmt::format("{}.py", i);
        util::write_file_atomic(file, *source.content);
      }
      jobs.push_back({fs::absolute(file),
                      misses[i].dfile,
                      work / fmt::format("{}.pyc", i)});
    }
    outcomes = compile_jobs(interpreter, jobs, compression_threads());
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(work, ignored);
    throw;
  }
  std::error_code ignored;
  fs::remove_all(work, ignored);
  for (std::size_t i = 0; i < misses.size(); ++i) {
    cache.store(misses[i].key, outcomes[i]);
  }
  return outcomes;
}

// Return the outcome of each of COMPILABLE, from CACHE or compiled now.
std::vector<CompileOutcome>
outcomes_of(const BytecodeInterpreter& interpreter,
            const std::vector<EntrySource>& sources,
            const std::vector<Compilable>& compilable,
            BytecodeCache& cache)
{
  std::vector<std::optional<CompileOutcome>> found;
  std::vector<Compilable> misses;
  for (const auto& item : compilable) {
    found.push_back(cache.find(item.key));
    if (!found.back()) {
      misses.push_back(item);
    }
  }
  util::debugf("bytecode: {} sources, {} cached, {} to compile with '{}'",
               compilable.size(),
               compilable.size() - misses.size(),
               misses.size(),
               interpreter.path.string());
  std::vector<CompileOutcome> compiled;
  if (!misses.empty()) {
    compiled = compile_misses(interpreter, sources, misses, cache);
  }
  std::vector<CompileOutcome> outcomes;
  auto next = compiled.begin();
  for (auto& outcome : found) {
    outcomes.push_back(outcome ? std::move(*outcome) : std::move(*next++));
  }
  return outcomes;
}

// Warn about a project source that does not compile; count the others.
void report_failures(const std::vector<EntrySource>& sources,
                     const std::vector<Compilable>& compilable,
                     const std::vector<CompileOutcome>& outcomes,
                     std::size_t project_count)
{
  std::size_t others = 0;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i].compiled) {
      continue;
    }
    const auto& name = sources[compilable[i].source].name;
    auto where = outcomes[i].line > 0
                     ? fmt::format("{}:{}", name, outcomes[i].line)
                     : name;
    if (compilable[i].source < project_count) {
      util::warn(fmt::format("'{}' does not compile: {}; it goes into the "
                             "package without bytecode",
                             where,
                             outcomes[i].message));
    } else {
      ++others;
      util::debugf("no bytecode for '{}': {}", where, outcomes[i].message);
    }
  }
  if (others > 0) {
    util::debugf("bytecode: {} dependency files do not compile", others);
  }
}

} // namespace

std::vector<PycEntry> bytecode_entries(const config::Config& config,
                                       std::vector<EntrySource>& sources,
                                       std::size_t project_count)
{
  if (!config.package.compile) {
    return {};
  }
  auto version = python_version_of(config.aws.lambda_runtime);
  auto interpreter = interpreter_for(config, version);
  if (!interpreter) {
    return {};
  }

  std::vector<Compilable> compilable;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (is_python_source(sources[i].name)) {
      auto dfile = lambda_source_path(sources[i].name);
      auto key = bytecode_cache_key(
          interpreter->probe.magic, dfile, content_of(sources[i]));
      compilable.push_back({i, std::move(dfile), std::move(key)});
    }
  }
  BytecodeCache cache(config.project_dir / ".slam" / "bytecode");
  std::vector<CompileOutcome> outcomes;
  try {
    outcomes = outcomes_of(*interpreter, sources, compilable, cache);
  } catch (const Interrupted&) {
    throw; // not a reason to build on without bytecode
  } catch (const Error& error) {
    util::warn(fmt::format("no bytecode in the package: {}", error.what()));
    return {};
  }
  cache.prune(k_bytecode_cache_limit);
  report_failures(sources, compilable, outcomes, project_count);

  std::map<std::string, std::size_t> shipped;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    shipped.emplace(sources[i].name, i);
  }
  std::vector<PycEntry> entries;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].compiled) {
      continue;
    }
    auto name = pyc_entry_name(sources[compilable[i].source].name, version);
    auto clash = shipped.find(name);
    if (clash == shipped.end()) {
      entries.push_back(
          {{std::move(name), false, {}, std::move(outcomes[i].pyc)},
           compilable[i].source});
      continue;
    }
    // Lambda would load the project's file without checking it against
    // the source (unchecked or stale bytecode): replace its content.
    auto& existing = sources[clash->second];
    util::warn(fmt::format("'{}' of the project is replaced by the bytecode "
                           "of '{}' (package.compile)",
                           name,
                           sources[compilable[i].source].name));
    existing.content = std::move(outcomes[i].pyc);
    existing.file.clear();
    existing.stamp.reset();
  }
  return entries;
}

} // namespace slam::package
