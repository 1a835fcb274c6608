#include "package_test_support.hpp"
#include "slam/config/load.hpp"
#include "slam/local/local_function.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <csignal>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using slam::local::LocalFunction;
using slam::local::Outcome;

namespace {

constexpr const char* k_project = R"(name: "calc"
function:
  module: "calc"
  app: "answer"
interface: "function"
environment:
  WHO: "all"
stage_environments:
  dev:
  prod:
    WHO: "prod"
package:
  compile: false
aws:
  lambda_timeout: 2
  lambda_runtime: "python3.11"
)";

constexpr const char* k_answer = R"(
import os
def answer(context, n=0):
    return {"version": 1, "n": n, "who": os.environ.get("WHO"),
            "pid": os.getpid(), "arn": context.invoked_function_arn}
)";

class LocalFunctionTest : public ::testing::Test
{
protected:
  LocalFunctionTest()
  {
    slam::test::write_file(m_project.path() / "slam.yaml", k_project);
    slam::test::write_file(m_project.path() / "calc.py", k_answer);
  }

  slam::config::Config config() const
  {
    return slam::config::load_config(m_project.path() / "slam.yaml");
  }

  slam::test::TempDir m_project;
};

nlohmann::json answer(LocalFunction& function, const std::string& event)
{
  auto result = function.invoke(event, "");
  EXPECT_EQ(result.outcome, Outcome::success) << result.payload;
  return nlohmann::json::parse(result.payload);
}

} // namespace

// The package is built, extracted under .slam/local and run with the
// stage's environment at the stage's alias.
TEST_F(LocalFunctionTest, runs_the_built_package_at_the_stage)
{
  auto function =
      LocalFunction::start(config(), {"prod", 1, "/usr/bin/python3"});
  auto result = answer(*function, R"({"kwargs": {"n": 3}})");
  EXPECT_EQ(result.at("n"), 3);
  EXPECT_EQ(result.at("who"), "prod");
  EXPECT_EQ(result.at("arn"),
            "arn:aws:lambda:us-east-1:123456789012:function:calc:prod");
  EXPECT_TRUE(fs::exists(m_project.path() / ".slam" / "calc.zip"));
  EXPECT_TRUE(fs::exists(m_project.path() / ".slam" / "local" / "runtime" /
                         "slam_bootstrap.py"));
}

// reload() rebuilds and later invocations go to new workers running the
// new code; the old workers are gone.
TEST_F(LocalFunctionTest, reload_serves_the_new_code)
{
  auto function = LocalFunction::start(config(), {"", 1, "/usr/bin/python3"});
  auto before = answer(*function, R"({"kwargs": {}})");
  EXPECT_EQ(before.at("who"), "all");
  std::string changed = k_answer;
  changed.replace(changed.find("\"version\": 1"), 12, "\"version\": 2");
  slam::test::write_file(m_project.path() / "calc.py", changed);
  function->reload(config());
  auto after = answer(*function, R"({"kwargs": {}})");
  EXPECT_EQ(after.at("version"), 2);
  EXPECT_NE(after.at("pid"), before.at("pid"));
  EXPECT_NE(::kill(before.at("pid").get<int>(), 0), 0);
}

TEST_F(LocalFunctionTest, an_unknown_stage_is_refused)
{
  EXPECT_THROW(LocalFunction::start(config(), {"nope", 1, "/usr/bin/python3"}),
               slam::UsageError);
}
