#pragma once

#include "slam/package/python_environment.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

// The answer of an environment's interpreter, kept in one file (the
// project's .slam/environment-query) so that a rebuild needs no Python: it
// holds while the interpreter and every folder the answer was read from
// keep their stamps (file_stamp.hpp). Installing, removing or upgrading a
// distribution adds or removes a .dist-info folder in its site-packages,
// which changes that folder's stamp.

namespace slam::package {

// Return the key of the answer to REQUEST from INTERPRETER, running in
// PROJECT_DIR: whatever else shapes the answer is part of it.
std::string environment_cache_key(const std::filesystem::path& interpreter,
                                  const std::filesystem::path& project_dir,
                                  const std::string& request);

// Return the output saved in FILE under KEY while it still holds, or
// nothing.
std::optional<std::string>
cached_environment_output(const std::filesystem::path& file,
                          const std::string& key);

// Save OUTPUT, the answer of INTERPRETER read as REPORT, in FILE under KEY
// when it can be trusted: the interpreter is no wrapper of another one,
// and nothing it was read from changed since STARTED_NS (when the query
// began) within the timestamp granularity. A failure is logged, not thrown.
void save_environment_output(const std::filesystem::path& file,
                             const std::string& key,
                             std::int64_t started_ns,
                             const std::filesystem::path& interpreter,
                             const EnvironmentReport& report,
                             const std::string& output);

} // namespace slam::package
