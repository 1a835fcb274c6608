#pragma once

#include <string>
#include <string_view>

namespace slam::package {

// Where Lambda extracts the package, and so the path its tracebacks show.
inline constexpr std::string_view k_lambda_task_root = "/var/task";

// Return whether the package entry NAME is a Python source file to compile.
bool is_python_source(std::string_view name);

// Return the entry of the bytecode of the source entry NAME for Python
// VERSION ("3.12"), where CPython's importlib looks for it:
// "pkg/mod.py" gives "pkg/__pycache__/mod.cpython-312.pyc".
std::string pyc_entry_name(std::string_view name, std::string_view version);

// Return the path of the source entry NAME as Lambda sees it, which the
// bytecode records for tracebacks: "/var/task/pkg/mod.py".
std::string lambda_source_path(std::string_view name);

// Return the cache key of the bytecode of SOURCE compiled as DFILE by an
// interpreter whose importlib.util.MAGIC_NUMBER is MAGIC: 64 hex digits.
std::string bytecode_cache_key(std::string_view magic,
                               std::string_view dfile,
                               std::string_view source);

} // namespace slam::package
