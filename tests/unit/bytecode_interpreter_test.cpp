#include "aws_test_support.hpp"
#include "package_test_support.hpp"
#include "slam/package/bytecode_interpreter.hpp"
#include "slam/util/files.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using slam::aws::testing::ScopedEnv;
using slam::package::bytecode_candidates;
using slam::package::cached_interpreter_probe;
using slam::package::choose_bytecode_interpreter;
using slam::package::InterpreterProbe;
using slam::package::run_interpreter_probe;
using slam::test::TempDir;
using slam::test::write_file;

namespace {

// Write a fake interpreter at PATH that answers the probe with ANSWER and
// appends a line to PATH.log at each run.
void write_fake_python(const fs::path& path, const std::string& answer)
{
  write_file(path,
             fmt::format("#!/bin/sh\necho run >> '{}.log'\necho '{}'\n",
                         path.string(),
                         answer),
             fs::perms(0755));
}

std::size_t runs_of(const fs::path& path)
{
  std::error_code error;
  if (!fs::exists(path.string() + ".log", error)) {
    return 0;
  }
  auto log = slam::util::read_file(path.string() + ".log");
  return static_cast<std::size_t>(std::count(log.begin(), log.end(), '\n'));
}

TEST(BytecodeInterpreter, probe_reads_implementation_version_and_magic)
{
  TempDir dir;
  write_fake_python(dir.path() / "python", "cpython 3.12 cb0d0d0a");
  auto probe = run_interpreter_probe(dir.path() / "python");
  ASSERT_TRUE(probe);
  EXPECT_EQ(*probe, (InterpreterProbe{"cpython", "3.12", "\xcb\r\r\n"}));
}

TEST(BytecodeInterpreter, probe_of_a_failing_or_silly_program_is_empty)
{
  TempDir dir;
  write_file(dir.path() / "fails", "#!/bin/sh\nexit 3\n", fs::perms(0755));
  write_fake_python(dir.path() / "silly", "Python 2.7.18");
  EXPECT_FALSE(run_interpreter_probe(dir.path() / "fails"));
  EXPECT_FALSE(run_interpreter_probe(dir.path() / "silly"));
  EXPECT_FALSE(run_interpreter_probe(dir.path() / "missing"));
}

// The first CPython of the runtime's version wins; the others are listed
// in the note that explains why none did.
TEST(BytecodeInterpreter, choice_takes_first_cpython_of_the_version)
{
  TempDir dir;
  auto old = dir.path() / "python3";
  auto pypy = dir.path() / "pypy";
  auto good = dir.path() / "python3.12";
  write_fake_python(old, "cpython 3.11 a70d0d0a");
  write_fake_python(pypy, "pypy 3.12 cb0d0d0a");
  write_fake_python(good, "cpython 3.12 cb0d0d0a");
  auto choice = choose_bytecode_interpreter(
      {old, pypy, good, old}, "3.12", run_interpreter_probe);
  ASSERT_TRUE(choice.interpreter);
  EXPECT_EQ(choice.interpreter->path, good);
  EXPECT_EQ(choice.interpreter->probe.version, "3.12");
  EXPECT_EQ(runs_of(old), 1u); // not probed again once one matched

  auto none = choose_bytecode_interpreter(
      {fs::path("python3.9"), old, pypy}, "3.9", run_interpreter_probe);
  EXPECT_FALSE(none.interpreter);
  EXPECT_EQ(none.tried,
            fmt::format("python3.9 (not found), {} (cpython 3.11), {} (pypy "
                        "3.12)",
                        old.string(),
                        pypy.string()));
}

// The environment's interpreter comes first, then python3.X and python3
// from PATH; a name not on PATH stays bare.
TEST(BytecodeInterpreter, candidates_in_order)
{
  TempDir dir;
  write_fake_python(dir.path() / "bin/python3", "cpython 3.11 a70d0d0a");
  write_fake_python(dir.path() / "venv/bin/python", "cpython 3.12 cb0d0d0a");
  ScopedEnv path("PATH", (dir.path() / "bin").string());
  EXPECT_EQ(bytecode_candidates("venv", dir.path(), "3.12"),
            (std::vector<fs::path>{dir.path() / "venv/bin/python",
                                   "python3.12",
                                   dir.path() / "bin/python3"}));
  EXPECT_EQ(bytecode_candidates("", dir.path(), "3.11"),
            (std::vector<fs::path>{"python3.11", dir.path() / "bin/python3"}));
  EXPECT_EQ(bytecode_candidates("nowhere", dir.path(), "3.11"),
            (std::vector<fs::path>{"python3.11", dir.path() / "bin/python3"}));
}

// A known interpreter is not run again; a replaced one is.
TEST(BytecodeInterpreter, cached_probe_runs_each_interpreter_once)
{
  TempDir dir;
  auto python = dir.path() / "python3.12";
  write_fake_python(python, "cpython 3.12 cb0d0d0a");
  auto probe = cached_interpreter_probe(dir.path() / "cache");
  auto first = probe(python);
  auto second = cached_interpreter_probe(dir.path() / "cache")(python);
  EXPECT_EQ(runs_of(python), 1u);
  ASSERT_TRUE(first);
  EXPECT_EQ(second, first);

  write_fake_python(python, "cpython 3.12 cc0d0d0a  ");
  auto replaced = probe(python);
  EXPECT_EQ(runs_of(python), 2u);
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->magic, "\xcc\r\r\n");
}

} // namespace
