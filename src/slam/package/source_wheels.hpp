#pragma once

#include "slam/package/dependencies_pip.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace slam::package {

// Distributions named in package.build_from_source have no wheel for
// Lambda, so pip builds theirs from source on this machine first. pip
// cannot do that while it installs for another platform (--platform needs
// --only-binary=:all:), hence two steps: build the wheels here, then let
// the install for Lambda find them. The native-file check then tells
// whether what this machine built runs on Lambda.

// Return NAMES in normal form (PEP 503), sorted, each once: lists that
// name the same distributions are the same list.
std::vector<std::string>
normalized_names(const std::vector<std::string>& names);

// Return what pip is asked to build for REQUEST: each distribution of
// build_from_source with its version specifier (or URL) from the
// requirements files, or alone when they do not name it.
std::vector<std::string> source_requirements(const PipRequest& request);

// Return the interpreter that builds REQUEST's wheels: a native wheel is
// built for the Python that builds it, so the runtime's own version
// (python3.12 for python3.12) when it is on PATH and REQUEST names the
// default interpreter, else REQUEST's.
std::string source_python(const PipRequest& request);

// Return the command that builds the wheels of REQUEST's build_from_source
// from source into WHEELS.
std::vector<std::string>
source_wheel_command(const PipRequest& request,
                     const std::filesystem::path& wheels);

// Build the wheels of REQUEST's build_from_source into WHEELS. Throw
// slam::Error with the end of pip's output when it cannot.
void build_source_wheels(const PipRequest& request,
                         const std::filesystem::path& wheels);

// Return the advice for NAME, a distribution of REQUEST's
// build_from_source that pip built into WHEELS but would not install for
// Lambda: the wheels' names show the tags that do not match.
std::string source_wheel_mismatch(const PipRequest& request,
                                  const std::string& name,
                                  const std::filesystem::path& wheels);

// Return the distribution REQUIREMENT ("name==1.0", as pip names it in an
// error) is about, or REQUIREMENT itself when it cannot be parsed.
std::string distribution_of(const std::string& requirement);

// Return true when REQUIREMENT (as pip names it in an error: "name==1.0")
// is one of REQUEST's build_from_source.
bool is_built_from_source(const PipRequest& request,
                          const std::string& requirement);

} // namespace slam::package
