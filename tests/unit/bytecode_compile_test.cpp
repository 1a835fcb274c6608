#include "package_test_support.hpp"
#include "slam/package/bytecode_compile.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using slam::package::BytecodeInterpreter;
using slam::package::compile_jobs;
using slam::package::compile_time_limit;
using slam::package::CompileJob;
using slam::package::pyc_problem;
using slam::package::run_interpreter_probe;
using slam::test::TempDir;
using slam::test::write_file;

namespace {

// Debian's python3.11, which CI has.
std::optional<BytecodeInterpreter> python311()
{
  fs::path path = "/usr/bin/python3.11";
  auto probe = run_interpreter_probe(path);
  if (!probe) {
    return std::nullopt;
  }
  return BytecodeInterpreter{path, *probe};
}

TEST(BytecodeCompile, pyc_problem_checks_magic_and_flags)
{
  std::string magic = "\xa7\r\r\n";
  std::string hash(8, 'h');
  EXPECT_EQ(pyc_problem(magic + std::string("\x01\0\0\0", 4) + hash, magic),
            std::nullopt);
  EXPECT_EQ(
      pyc_problem("\xcb\r\r\n" + std::string("\x01\0\0\0", 4) + hash, magic),
      "is for another Python version");
  EXPECT_EQ(pyc_problem(magic + std::string("\x03\0\0\0", 4) + hash, magic),
            "is not in unchecked-hash mode");
  EXPECT_EQ(pyc_problem(magic, magic), "is for another Python version");
}

// Every job gets its outcome, in order, whatever process compiled it: the
// bytecode for good sources, the line and message for a syntax error.
TEST(BytecodeCompile, outcomes_in_order_across_processes)
{
  auto interpreter = python311();
  if (!interpreter) {
    GTEST_SKIP() << "no /usr/bin/python3.11";
  }
  TempDir dir;
  std::vector<CompileJob> jobs;
  for (int i = 0; i < 7; ++i) {
    auto source = dir.path() / fmt::format("m{}.py", i);
    write_file(source,
               i == 4 ? "x = 1\ndef broken(:\n" : fmt::format("x = {}\n", i));
    jobs.push_back({source,
                    fmt::format("/var/task/m{}.py", i),
                    dir.path() / fmt::format("m{}.pyc", i)});
  }
  auto outcomes = compile_jobs(*interpreter, jobs, 3);
  ASSERT_EQ(outcomes.size(), jobs.size());
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(outcomes[i].compiled, i != 4) << i;
  }
  EXPECT_EQ(outcomes[4].line, 2);
  EXPECT_EQ(outcomes[4].message, "invalid syntax");
  EXPECT_EQ(pyc_problem(outcomes[0].pyc, interpreter->probe.magic),
            std::nullopt);
  EXPECT_NE(outcomes[0].pyc.find("/var/task/m0.py"), std::string::npos);
  // The same source gives the same bytes: no timestamp in them.
  EXPECT_EQ(compile_jobs(*interpreter, {jobs[1]}, 1)[0].pyc, outcomes[1].pyc);
}

// Bytecode of another magic than the probe said is refused.
TEST(BytecodeCompile, wrong_magic_throws)
{
  auto interpreter = python311();
  if (!interpreter) {
    GTEST_SKIP() << "no /usr/bin/python3.11";
  }
  interpreter->probe.magic = "\xcb\r\r\n";
  TempDir dir;
  write_file(dir.path() / "a.py", "x = 1\n");
  EXPECT_THROW(
      compile_jobs(
          *interpreter,
          {{dir.path() / "a.py", "/var/task/a.py", dir.path() / "a.pyc"}},
          1),
      slam::Error);
}

TEST(BytecodeCompile, hung_interpreter_is_stopped_at_the_limit)
{
  auto interpreter = python311();
  if (!interpreter) {
    GTEST_SKIP() << "no /usr/bin/python3.11";
  }
  TempDir dir;
  // Answers the probe like python3.11 but never finishes compiling.
  write_file(dir.path() / "python3.11", "#!/bin/sh\nexec sleep 60\n");
  fs::permissions(dir.path() / "python3.11", fs::perms::owner_all);
  interpreter->path = dir.path() / "python3.11";
  write_file(dir.path() / "a.py", "x = 1\n");
  auto start = std::chrono::steady_clock::now();
  try {
    compile_jobs(
        *interpreter,
        {{dir.path() / "a.py", "/var/task/a.py", dir.path() / "a.pyc"}},
        1,
        std::chrono::milliseconds(300));
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_NE(std::string(error.what())
                  .find("did not compile 1 modules "
                        "within 0.3 s"),
              std::string::npos)
        << error.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(BytecodeCompile, time_limit_grows_with_the_share)
{
  EXPECT_EQ(compile_time_limit(0), std::chrono::seconds(60));
  EXPECT_EQ(compile_time_limit(1000), std::chrono::seconds(110));
}

} // namespace
