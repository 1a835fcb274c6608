#include "slam/config/lambda_runtimes.hpp"

#include <gtest/gtest.h>

using namespace slam::config;

namespace {

const char* const k_accepted = "is not a Python runtime Lambda offers; use one "
                               "of python3.9, python3.10, python3.11, "
                               "python3.12, python3.13, python3.14";

} // namespace

// The runtimes Lambda offers pass; python3.9 is there but deprecated.
TEST(LambdaRuntimes, offered_runtimes_pass)
{
  for (const auto& id : python_runtime_ids()) {
    EXPECT_EQ(check_python_runtime(id), std::nullopt) << id;
  }
  EXPECT_TRUE(find_python_runtime("python3.9")->deprecated);
  EXPECT_FALSE(find_python_runtime("python3.14")->deprecated);
  EXPECT_EQ(find_python_runtime("python3.12")->os, LambdaOs::amazon_linux_2023);
  EXPECT_EQ(find_python_runtime("python3.11")->os, LambdaOs::amazon_linux_2);
}

// Retired and future versions name the nearest supported one.
TEST(LambdaRuntimes, other_versions_suggest_the_nearest_supported_one)
{
  EXPECT_EQ(check_python_runtime("python3.15"),
            std::string(k_accepted) + "; did you mean 'python3.14'?");
  EXPECT_EQ(check_python_runtime("python3.99"),
            std::string(k_accepted) + "; did you mean 'python3.14'?");
  EXPECT_EQ(check_python_runtime("python3.7"),
            std::string(k_accepted) + "; did you mean 'python3.10'?");
  EXPECT_EQ(check_python_runtime("python3.8"),
            std::string(k_accepted) + "; did you mean 'python3.10'?");
}

// A typo gets the closest spelling; another language gets no guess.
TEST(LambdaRuntimes, typos_and_other_languages)
{
  EXPECT_EQ(check_python_runtime("pyhton3.12"),
            std::string(k_accepted) + "; did you mean 'python3.12'?");
  EXPECT_EQ(check_python_runtime("nodejs20.x"), k_accepted);
  EXPECT_EQ(check_python_runtime("python"), k_accepted);
  EXPECT_EQ(check_python_runtime("python3.1x"),
            std::string(k_accepted) + "; did you mean 'python3.10'?");
}
