#include "slam/package/python_runtime.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::package;

TEST(PythonRuntime, version_of_python_runtimes)
{
  EXPECT_EQ(python_version_of("python3.12"), "3.12");
  EXPECT_EQ(python_version_of("python3.9"), "3.9");
  EXPECT_THROW(python_version_of("nodejs20.x"), slam::Error);
  EXPECT_THROW(python_version_of("python3"), slam::Error);
}

TEST(PythonRuntime, machine_and_pip_platform_of_architectures)
{
  EXPECT_EQ(machine_of("x86_64"), "x86_64");
  EXPECT_EQ(machine_of("arm64"), "aarch64");
  EXPECT_EQ(pip_platform_of("x86_64"), "manylinux2014_x86_64");
  EXPECT_EQ(pip_platform_of("arm64"), "manylinux2014_aarch64");
  EXPECT_THROW(pip_platform_of("mips"), slam::Error);
}

TEST(PythonRuntime, pip_platforms_reach_the_runtimes_glibc)
{
  // Amazon Linux 2 runtimes have glibc 2.26.
  auto al2 = pip_platforms_of("python3.11", "arm64");
  ASSERT_EQ(al2.size(), 11U);
  EXPECT_EQ(al2.front(), "manylinux2014_aarch64");
  EXPECT_EQ(al2[1], "manylinux_2_17_aarch64");
  EXPECT_EQ(al2.back(), "manylinux_2_26_aarch64");
  // Amazon Linux 2023 runtimes have glibc 2.34.
  auto al2023 = pip_platforms_of("python3.12", "x86_64");
  ASSERT_EQ(al2023.size(), 19U);
  EXPECT_EQ(al2023.front(), "manylinux2014_x86_64");
  EXPECT_EQ(al2023[12], "manylinux_2_28_x86_64");
  EXPECT_EQ(al2023.back(), "manylinux_2_34_x86_64");
  EXPECT_THROW(pip_platforms_of("python3.12", "mips"), slam::Error);
}

TEST(PythonRuntime, abi_of_python_runtimes)
{
  EXPECT_EQ(python_abi_of("python3.12"), "cp312");
  EXPECT_EQ(python_abi_of("python3.9"), "cp39");
  EXPECT_THROW(python_abi_of("nodejs20.x"), slam::Error);
}
