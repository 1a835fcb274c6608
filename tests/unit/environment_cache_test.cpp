#include "dependencies_test_support.hpp"
#include "slam/package/environment_cache.hpp"
#include "slam/package/python_environment.hpp"

#include <algorithm>
#include <chrono>
#include <gtest/gtest.h>

using namespace slam::package;
using slam::test::TempFolder;
using slam::test::write;

namespace {

namespace fs = std::filesystem;

// Set the mtime of FOLDER and of everything in it (not through links)
// well into the past, as if the environment had been installed long ago.
void backdate(const fs::path& folder)
{
  auto past = fs::file_time_type::clock::now() - std::chrono::minutes(5);
  fs::last_write_time(folder, past);
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_symlink()) {
      fs::last_write_time(entry.path(), past);
    }
  }
}

std::vector<std::string> names_of(const EnvironmentReport& report)
{
  std::vector<std::string> names;
  for (const auto& distribution : report.distributions) {
    names.push_back(distribution.name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// An interpreter that logs each run and answers like the environment
// script for a site-packages holding one distribution, "app".
class LoggingInterpreter : public testing::Test
{
protected:
  void SetUp() override
  {
    write(site() / "app-1.0.dist-info" / "RECORD", "app.py,,\n");
    write(site() / "app.py", "");
    auto answer = fmt::format(
        R"({{"python_version": "3.12", "system": "Linux", )"
        R"("machine": "x86_64", "requirements": [], "warnings": [], )"
        R"("executable": "{0}", "search_path": ["{1}"], )"
        R"("distributions": [{{"name": "app", "version": "1.0", )"
        R"("location": "{1}", "dependencies": [], )"
        R"("files": ["app.py", "app-1.0.dist-info/RECORD"]}}]}})",
        fs::weakly_canonical(interpreter()).string(),
        site().string());
    write(interpreter(),
          fmt::format("#!/bin/sh\necho run >> '{}'\ncat > /dev/null\n"
                      "printf '%s' '{}'\n",
                      log().string(),
                      answer));
    fs::permissions(interpreter(), fs::perms::owner_all);
    backdate(m_temp.path());
  }

  fs::path site() const { return m_temp.path() / "env" / "site-packages"; }
  fs::path interpreter() const { return m_temp.path() / "env" / "python"; }
  fs::path log() const { return m_temp.path() / "runs.log"; }
  fs::path cache() const { return m_temp.path() / ".slam" / "environment"; }

  EnvironmentQuery query() const
  {
    return {.interpreter = interpreter(),
            .name = "env",
            .architecture = "x86_64",
            .project_dir = m_temp.path(),
            .cache_file = cache()};
  }

  int runs() const
  {
    auto text = fs::exists(log()) ? slam::util::read_file(log()) : "";
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  }

private:
  TempFolder m_temp;
};

} // namespace

TEST_F(LoggingInterpreter, reuses_the_answer_without_running_python)
{
  auto first = query_environment(query());
  auto second = query_environment(query());

  EXPECT_EQ(runs(), 1);
  EXPECT_EQ(second, first);
  EXPECT_EQ(names_of(second), std::vector<std::string>{"app"});
}

TEST_F(LoggingInterpreter, asks_every_time_without_a_cache_file)
{
  auto uncached = query();
  uncached.cache_file.clear();

  query_environment(uncached);
  query_environment(uncached);

  EXPECT_EQ(runs(), 2);
}

TEST_F(LoggingInterpreter, asks_again_for_another_request)
{
  query_environment(query());
  auto other = query();
  other.architecture = "arm64";

  query_environment(other);
  query_environment(query());

  EXPECT_EQ(runs(), 3);
}

TEST_F(LoggingInterpreter, asks_again_when_a_dist_info_folder_changes)
{
  query_environment(query());
  write(site() / "app-1.0.dist-info" / "INSTALLER", "pip\n");

  query_environment(query());

  EXPECT_EQ(runs(), 2);
}

TEST_F(LoggingInterpreter, asks_again_when_the_interpreter_changes)
{
  query_environment(query());
  write(interpreter(), slam::util::read_file(interpreter()) + "\n");

  query_environment(query());

  EXPECT_EQ(runs(), 2);
}

TEST_F(LoggingInterpreter, does_not_trust_what_changed_just_before)
{
  // Within the timestamp granularity, a second change may leave the
  // folder's mtime as the first one set it.
  write(site() / "other.py", "");

  query_environment(query());
  query_environment(query());

  EXPECT_EQ(runs(), 2);
  EXPECT_FALSE(fs::exists(cache()));
}

TEST_F(LoggingInterpreter, asks_again_when_the_cache_file_is_damaged)
{
  query_environment(query());
  write(cache(), slam::util::read_file(cache()).substr(0, 40));

  auto report = query_environment(query());

  EXPECT_EQ(runs(), 2);
  EXPECT_EQ(names_of(report), std::vector<std::string>{"app"});
}

TEST(EnvironmentCache, does_not_cache_the_answer_through_a_wrapper)
{
  // A wrapper (a pyenv shim) may run another interpreter next time.
  TempFolder temp;
  auto wrapper = temp.path() / "python";
  write(wrapper, "#!/bin/sh\nexec /usr/bin/python3 \"$@\"\n");
  fs::permissions(wrapper, fs::perms::owner_all);
  backdate(temp.path());
  auto cache = temp.path() / "cache";

  query_environment({.interpreter = wrapper,
                     .name = "python",
                     .architecture = "x86_64",
                     .cache_file = cache});

  EXPECT_FALSE(fs::exists(cache));
}

// A real virtualenv: pip's install and uninstall add and remove
// .dist-info folders in site-packages.
class CachedVirtualenv : public testing::Test
{
protected:
  void SetUp() override
  {
    m_site = slam::test::make_virtualenv(m_temp.path() / "venv");
    slam::test::install_fake(m_site, {.name = "app"});
    backdate(m_temp.path());
  }

  EnvironmentReport query() const
  {
    return query_environment(
        {.interpreter = m_temp.path() / "venv" / "bin" / "python",
         .name = "venv",
         .architecture = "x86_64",
         .cache_file = m_temp.path() / "cache"});
  }

  const fs::path& site() const { return m_site; }
  bool cached() const { return fs::exists(m_temp.path() / "cache"); }

private:
  TempFolder m_temp;
  fs::path m_site;
};

TEST_F(CachedVirtualenv, sees_an_installed_distribution)
{
  EXPECT_EQ(names_of(query()), std::vector<std::string>{"app"});
  ASSERT_TRUE(cached());
  slam::test::install_fake(site(), {.name = "helper"});

  EXPECT_EQ(names_of(query()), (std::vector<std::string>{"app", "helper"}));
}

TEST_F(CachedVirtualenv, sees_an_uninstalled_distribution)
{
  slam::test::install_fake(site(), {.name = "helper"});
  backdate(site());
  EXPECT_EQ(names_of(query()), (std::vector<std::string>{"app", "helper"}));
  ASSERT_TRUE(cached());
  fs::remove_all(site() / "helper");
  fs::remove_all(site() / "helper-1.0.dist-info");

  EXPECT_EQ(names_of(query()), std::vector<std::string>{"app"});
}

TEST_F(CachedVirtualenv, sees_an_upgraded_distribution)
{
  EXPECT_EQ(query().distributions.at(0).version, "1.0");
  ASSERT_TRUE(cached());
  fs::remove_all(site() / "app-1.0.dist-info");
  slam::test::install_fake(site(), {.name = "app", .version = "2.0"});

  EXPECT_EQ(query().distributions.at(0).version, "2.0");
}
