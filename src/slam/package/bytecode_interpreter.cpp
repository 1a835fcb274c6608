#include "slam/package/bytecode_interpreter.hpp"

#include "slam/package/python_interpreter.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"
#include "slam/util/process.hpp"

#include <fmt/format.h>
#include <sstream>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// Prints "<implementation> <major.minor> <magic in hex>".
constexpr std::string_view k_probe_script =
    "import sys, importlib.util\n"
    "print(sys.implementation.name, '%d.%d' % sys.version_info[:2],\n"
    "      importlib.util.MAGIC_NUMBER.hex())\n";

std::optional<std::string> unhex(const std::string& hex)
{
  if (hex.empty() || hex.size() % 2 != 0) {
    return std::nullopt;
  }
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int value = 0;
    std::istringstream digits(hex.substr(i, 2));
    if (!(digits >> std::hex >> value)) {
      return std::nullopt;
    }
    bytes += static_cast<char>(value);
  }
  return bytes;
}

// Return the probe in the output OUT of the probe script, if it is one.
std::optional<InterpreterProbe> parse_probe(const std::string& out)
{
  std::istringstream words(out);
  InterpreterProbe probe;
  std::string magic;
  if (!(words >> probe.implementation >> probe.version >> magic)) {
    return std::nullopt;
  }
  auto bytes = unhex(magic);
  if (!bytes) {
    return std::nullopt;
  }
  probe.magic = *bytes;
  return probe;
}

std::string describe(const fs::path& candidate,
                     const std::optional<InterpreterProbe>& probe)
{
  if (!candidate.has_parent_path()) {
    return fmt::format("{} (not found)", candidate.string());
  }
  if (!probe) {
    return fmt::format("{} (not a working Python 3)", candidate.string());
  }
  return fmt::format(
      "{} ({} {})", candidate.string(), probe->implementation, probe->version);
}

// Return the key of the file PROGRAM: what changes when it is replaced.
std::optional<std::string> identity_of(const fs::path& program)
{
  std::error_code error;
  auto target = fs::canonical(program, error);
  if (error) {
    return std::nullopt;
  }
  auto size = fs::file_size(target, error);
  auto time = fs::last_write_time(target, error);
  if (error) {
    return std::nullopt;
  }
  return util::sha256_hex(fmt::format("{}\n{}\n{}\n{}\n",
                                      program.string(),
                                      target.string(),
                                      size,
                                      time.time_since_epoch().count()));
}

std::string probe_line(const InterpreterProbe& probe)
{
  return fmt::format("{} {} {}\n",
                     probe.implementation,
                     probe.version,
                     util::to_hex(probe.magic));
}

} // namespace

std::vector<fs::path> bytecode_candidates(const std::string& environment,
                                          const fs::path& project_dir,
                                          const std::string& version)
{
  std::vector<fs::path> candidates;
  if (!environment.empty()) {
    try {
      candidates.push_back(find_interpreter(environment, project_dir));
    } catch (const Error&) {
      // The dependency step reports a missing environment.
    }
  }
  for (auto name : {"python" + version, std::string("python3")}) {
    auto found = util::find_program(name);
    candidates.push_back(found ? *found : fs::path(name));
  }
  return candidates;
}

InterpreterChoice
choose_bytecode_interpreter(const std::vector<fs::path>& candidates,
                            const std::string& version,
                            const ProbeInterpreter& probe)
{
  InterpreterChoice choice;
  std::vector<std::string> tried;
  for (const auto& candidate : candidates) {
    std::optional<InterpreterProbe> answer;
    if (candidate.has_parent_path()) {
      answer = probe(candidate);
    }
    if (answer && answer->implementation == "cpython" &&
        answer->version == version) {
      choice.interpreter = BytecodeInterpreter{candidate, *answer};
      return choice;
    }
    tried.push_back(describe(candidate, answer));
  }
  choice.tried = fmt::format("{}", fmt::join(tried, ", "));
  return choice;
}

std::optional<InterpreterProbe> run_interpreter_probe(const fs::path& program)
{
  util::ProcessOptions options;
  options.timeout = std::chrono::seconds(30);
  try {
    auto result = util::run_process(
        {program.string(), "-I", "-S", "-c", std::string(k_probe_script)},
        options);
    if (result.timed_out) {
      util::warn(fmt::format("'{}' did not say which Python it is within "
                             "{} s; no bytecode from it",
                             program.string(),
                             options.timeout->count() / 1000));
    } else if (result.exit_code == 0) {
      return parse_probe(result.out);
    }
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& error) {
    util::debugf("cannot run '{}': {}", program.string(), error.what());
  }
  return std::nullopt;
}

ProbeInterpreter cached_interpreter_probe(fs::path folder)
{
  return [folder = std::move(folder)](const fs::path& program) {
    auto identity = identity_of(program);
    if (!identity) {
      return run_interpreter_probe(program);
    }
    auto path = folder / *identity;
    std::error_code error;
    if (fs::is_regular_file(path, error)) {
      if (auto probe = parse_probe(util::read_file(path))) {
        return probe;
      }
    }
    auto probe = run_interpreter_probe(program);
    if (probe) {
      try {
        fs::create_directories(folder, error);
        util::write_file_atomic(path, probe_line(*probe));
      } catch (const Error& failure) {
        util::debugf("interpreter cache: {}", failure.what());
      }
    }
    return probe;
  };
}

} // namespace slam::package
