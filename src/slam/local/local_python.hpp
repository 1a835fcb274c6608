#pragma once

#include "slam/config/config.hpp"
#include "slam/package/bytecode_interpreter.hpp"

#include <filesystem>
#include <string>

namespace slam::local {

// Return the interpreter that runs CONFIG's function locally: REQUESTED
// (--python) when given, else the first CPython of the runtime's version
// that PROBE finds (the package's environment's, python3.X), else python3
// with a warning naming the runtime. The result is a full path. Throw
// slam::Error when the interpreter is not found, or when PROBE finds no
// Python 3 in the requested one (a warning when it is another version
// than the runtime's).
std::filesystem::path
choose_local_python(const config::Config& config,
                    const std::string& requested,
                    const package::ProbeInterpreter& probe);

} // namespace slam::local
