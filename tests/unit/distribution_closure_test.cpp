#include "slam/package/distribution_closure.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::package;

namespace {

Distribution distribution(std::string name,
                          std::vector<Dependency> dependencies = {})
{
  return {.name = std::move(name),
          .version = "1.0",
          .location = "/site",
          .files = std::vector<std::string>{},
          .dependencies = std::move(dependencies)};
}

std::vector<std::string> names_of(const std::vector<Distribution>& found)
{
  std::vector<std::string> names;
  for (const auto& item : found) {
    names.push_back(item.name);
  }
  return names;
}

const std::vector<Distribution> k_installed{
    distribution("Flask",
                 {{"werkzeug", {}, {""}},
                  {"click", {}, {""}},
                  {"asgiref", {}, {"async"}},
                  {"python-dotenv", {}, {"dotenv"}}}),
    distribution("Werkzeug", {{"markupsafe", {}, {""}}}),
    distribution("MarkupSafe"),
    distribution("click", {{"colorama", {}, {"windows"}}}),
    distribution("asgiref", {{"typing-extensions", {}, {""}}}),
    distribution("typing_extensions"),
    distribution("pip"),
    distribution("setuptools"),
};

} // namespace

TEST(DistributionClosure, follows_dependencies_but_not_unrequested_extras)
{
  auto found = distribution_closure(
      {{"flask", {}, "'requirements.txt'"}}, k_installed, "python3");
  EXPECT_EQ(
      names_of(found),
      (std::vector<std::string>{"click", "Flask", "MarkupSafe", "Werkzeug"}));
}

TEST(DistributionClosure, requested_extras_bring_their_dependencies)
{
  auto found = distribution_closure(
      {{"Flask", {"Async"}, "'r.txt'"}, {"MarkupSafe", {}, "'r.txt'"}},
      k_installed,
      "python3");
  EXPECT_EQ(names_of(found),
            (std::vector<std::string>{"asgiref",
                                      "click",
                                      "Flask",
                                      "MarkupSafe",
                                      "typing_extensions",
                                      "Werkzeug"}));
}

TEST(DistributionClosure, extras_asked_by_a_dependency_count)
{
  std::vector<Distribution> installed{
      distribution("app", {{"flask", {"async"}, {""}}})};
  installed.insert(installed.end(), k_installed.begin(), k_installed.end());
  auto found = distribution_closure({{"app", {}, "'r.txt'"}}, installed, "v");
  EXPECT_EQ(names_of(found),
            (std::vector<std::string>{"app",
                                      "asgiref",
                                      "click",
                                      "Flask",
                                      "MarkupSafe",
                                      "typing_extensions",
                                      "Werkzeug"}));
}

TEST(DistributionClosure, missing_requirement_names_it_and_the_environment)
{
  try {
    distribution_closure(
        {{"boto3", {}, "'requirements.txt'"}}, k_installed, "venv");
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "'boto3' (needed by 'requirements.txt') is not installed in "
                 "the python environment 'venv'; install it there or remove "
                 "it from the requirements");
  }
}

TEST(DistributionClosure, missing_dependency_names_who_needs_it)
{
  try {
    distribution_closure(
        {{"click", {"windows"}, "'r.txt'"}}, k_installed, "venv");
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "'colorama' (needed by 'click') is not installed in the "
                 "python environment 'venv'; install it there or remove it "
                 "from the requirements");
  }
}
