#include "slam/package/bytecode_entry.hpp"

#include <gtest/gtest.h>
#include <set>

using slam::package::bytecode_cache_key;
using slam::package::is_python_source;
using slam::package::lambda_source_path;
using slam::package::pyc_entry_name;

namespace {

// The names are those importlib.util.cache_from_source() gives under
// CPython 3.X, relative to the package root.
TEST(BytecodeEntry, pyc_name_is_where_importlib_looks)
{
  EXPECT_EQ(pyc_entry_name("app.py", "3.11"),
            "__pycache__/app.cpython-311.pyc");
  EXPECT_EQ(pyc_entry_name("pkg/sub/__init__.py", "3.12"),
            "pkg/sub/__pycache__/__init__.cpython-312.pyc");
  EXPECT_EQ(pyc_entry_name("a.b.py", "3.9"), "__pycache__/a.b.cpython-39.pyc");
  EXPECT_EQ(pyc_entry_name("x/y.py", "3.13"),
            "x/__pycache__/y.cpython-313.pyc");
}

// Only names ending in ".py" with a stem are compiled.
TEST(BytecodeEntry, python_sources)
{
  EXPECT_TRUE(is_python_source("app.py"));
  EXPECT_TRUE(is_python_source("pkg/__init__.py"));
  EXPECT_FALSE(is_python_source("app.pyc"));
  EXPECT_FALSE(is_python_source("app.pyi"));
  EXPECT_FALSE(is_python_source("app.PY"));
  EXPECT_FALSE(is_python_source("pkg/.py"));
  EXPECT_FALSE(is_python_source("py"));
  EXPECT_FALSE(is_python_source("pkg.py/data"));
}

TEST(BytecodeEntry, lambda_source_path_is_under_var_task)
{
  EXPECT_EQ(lambda_source_path("pkg/m.py"), "/var/task/pkg/m.py");
}

// The key changes with the interpreter's magic, the recorded path and the
// source, and no two splits of the same bytes give the same key.
TEST(BytecodeEntry, cache_key_covers_magic_path_and_source)
{
  auto key = bytecode_cache_key("\xa7\r\r\n", "/var/task/a.py", "x = 1\n");
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key, bytecode_cache_key("\xa7\r\r\n", "/var/task/a.py", "x = 1\n"));
  std::set<std::string> keys{
      key,
      bytecode_cache_key("\xcb\r\r\n", "/var/task/a.py", "x = 1\n"),
      bytecode_cache_key("\xa7\r\r\n", "/var/task/b.py", "x = 1\n"),
      bytecode_cache_key("\xa7\r\r\n", "/var/task/a.py", "x = 2\n"),
      bytecode_cache_key("\xa7\r\r\n", "/var/task/a.p", "yx = 1\n"),
  };
  EXPECT_EQ(keys.size(), 5u);
}

} // namespace
