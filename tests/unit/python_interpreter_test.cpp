#include "dependencies_test_support.hpp"
#include "slam/package/python_interpreter.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using slam::package::find_interpreter;
using slam::test::TempFolder;

TEST(PythonInterpreter, virtualenv_folder_gives_its_bin_python)
{
  TempFolder temp;
  slam::test::make_virtualenv(temp.path() / "venv");
  EXPECT_EQ(find_interpreter("venv", temp.path()),
            temp.path() / "venv" / "bin/python");
  EXPECT_EQ(find_interpreter((temp.path() / "venv").string(), "/"),
            temp.path() / "venv" / "bin/python");
}

TEST(PythonInterpreter, name_is_looked_up_on_path)
{
  TempFolder temp;
  EXPECT_EQ(find_interpreter("python3", temp.path()),
            *slam::util::find_program("python3"));
}

TEST(PythonInterpreter, path_to_an_interpreter_is_taken_as_is)
{
  TempFolder temp;
  EXPECT_EQ(find_interpreter("/usr/bin/python3", temp.path()),
            "/usr/bin/python3");
}

TEST(PythonInterpreter, folder_without_python_is_an_error)
{
  TempFolder temp;
  std::filesystem::create_directory(temp.path() / "empty");
  try {
    find_interpreter("empty", temp.path());
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "the python environment 'empty' is a folder without "
                 "'bin/python'; give a virtualenv or a Python interpreter");
  }
}

TEST(PythonInterpreter, unknown_environment_is_an_error)
{
  TempFolder temp;
  for (auto name : {"no-such-python-here", "./missing/python"}) {
    try {
      find_interpreter(name, temp.path());
      FAIL() << "no error for " << name;
    } catch (const slam::Error& error) {
      EXPECT_EQ(error.what(),
                fmt::format("the python environment '{}' is neither a "
                            "virtualenv folder nor a Python interpreter; "
                            "check package.python_environment",
                            name));
    }
  }
}
