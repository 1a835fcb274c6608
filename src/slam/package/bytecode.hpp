#pragma once

#include "slam/package/parallel_compression.hpp"

#include <cstddef>
#include <vector>

namespace slam::config {
struct Config;
}

namespace slam::package {

// A .pyc entry and the index of the source entry it was compiled from.
struct PycEntry
{
  EntrySource entry;
  std::size_t source = 0;
};

// Return the bytecode of every .py entry of SOURCES for CONFIG's runtime
// (package.compile), as entries at <folder>/__pycache__/<stem>.cpython-3X.pyc
// in unchecked-hash mode, each recording its path on Lambda
// (/var/task/...). The first PROJECT_COUNT sources are the project's own
// files: one of them that does not compile gets a warning naming file and
// line; other failures are only counted. The interpreter is chosen as
// bytecode_interpreter.hpp says; when none matches, a note says why and
// nothing is compiled. Outcomes are kept in the project's .slam/bytecode/
// and only new sources are compiled, in one process per core.
// A .pyc of SOURCES at the name Slam's bytecode takes (a project's own
// __pycache__ re-included by .slamignore) may hold other code than its
// source: it gets Slam's bytecode instead, with a warning.
std::vector<PycEntry> bytecode_entries(const config::Config& config,
                                       std::vector<EntrySource>& sources,
                                       std::size_t project_count);

} // namespace slam::package
