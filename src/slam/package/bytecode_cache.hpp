#pragma once

#include "slam/package/bytecode_compile.hpp"

#include <filesystem>
#include <optional>
#include <set>
#include <string>

namespace slam::package {

// Compile outcomes kept across builds in a folder (the project's
// .slam/bytecode/), one file per key (see bytecode_cache_key()): the .pyc,
// or why the source does not compile, so that a rebuild with nothing
// changed starts no interpreter. Files are written atomically and checked
// when read: a damaged one counts as missing.
class BytecodeCache
{
public:
  explicit BytecodeCache(std::filesystem::path folder);

  // Return the outcome kept under KEY, or nothing.
  std::optional<CompileOutcome> find(const std::string& key);

  // Keep OUTCOME under KEY. A failure to write only loses the saving.
  void store(const std::string& key, const CompileOutcome& outcome);

  // When the folder holds more than MAX_BYTES, remove the files that
  // find() and store() have not used since this cache was made.
  void prune(std::uint64_t max_bytes);

private:
  std::filesystem::path m_folder;
  std::set<std::string> m_used;
};

} // namespace slam::package
