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
