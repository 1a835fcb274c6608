#include "slam/package/exclude_rules.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using slam::package::ExcludeRules;
using slam::package::Exclusion;
using slam::package::ExclusionCause;
using slam::package::IgnoreRules;

namespace {

struct Case
{
  std::string path;
  bool is_folder;
  Exclusion expected;
};

void expect_all(const ExcludeRules& rules, const std::vector<Case>& cases)
{
  for (const auto& c : cases) {
    EXPECT_EQ(rules.check(c.path, c.is_folder), c.expected)
        << c.path << (c.is_folder ? "/" : "");
  }
}

void expect_link_targets(const ExcludeRules& rules,
                         const std::vector<Case>& cases)
{
  for (const auto& c : cases) {
    EXPECT_EQ(rules.check_link_target(c.path, c.is_folder).reason, c.expected)
        << c.path << (c.is_folder ? "/" : "");
  }
}

} // namespace

TEST(ExcludeRules, default_rules_leave_out_tooling_anywhere)
{
  ExcludeRules rules({});
  expect_all(
      rules,
      {
          {".git", true, Exclusion::tooling},
          {"vendor/lib/.git", false, Exclusion::tooling}, // a submodule's file
          {".hg", true, Exclusion::tooling},
          {".svn", true, Exclusion::tooling},
          {".slam", true, Exclusion::tooling},
          {"__pycache__", true, Exclusion::tooling},
          {"pkg/__pycache__", true, Exclusion::tooling},
          {"pkg/mod.pyc", false, Exclusion::tooling},
          {"mod.pyo", false, Exclusion::tooling},
          {".venv", true, Exclusion::tooling},
          {"venv", true, Exclusion::tooling},
          {".pytest_cache", true, Exclusion::tooling},
          {".mypy_cache", true, Exclusion::tooling},
          {".ruff_cache", true, Exclusion::tooling},
          {".hypothesis", true, Exclusion::tooling},
          {".tox", true, Exclusion::tooling},
          {".nox", true, Exclusion::tooling},
          {".ipynb_checkpoints", true, Exclusion::tooling},
          {"web/node_modules", true, Exclusion::tooling},
          {".idea", true, Exclusion::tooling},
          {".vscode", true, Exclusion::tooling},
          {"myapp.egg-info", true, Exclusion::tooling},
          {".DS_Store", false, Exclusion::tooling},
          {"lambda_package.20200101_120000.zip", false, Exclusion::tooling},
          {".lambda_uploader_temp", true, Exclusion::tooling},
          {"slam_error.log", false, Exclusion::tooling},
          {"slam-plugin-sns", false, Exclusion::tooling},
      });
}

TEST(ExcludeRules, default_rules_flag_credentials)
{
  ExcludeRules rules({});
  expect_all(rules,
             {
                 {".aws", true, Exclusion::credential},
                 {".env", false, Exclusion::credential},
                 {"config/.env.production", false, Exclusion::credential},
                 {"server.pem", false, Exclusion::credential},
                 {"certs/server.key", false, Exclusion::credential},
                 {"id_rsa", false, Exclusion::credential},
                 {"id_rsa.pub", false, Exclusion::credential},
                 {"id_dsa", false, Exclusion::credential},
                 {"id_ecdsa", false, Exclusion::credential},
                 {"keys/id_ed25519", false, Exclusion::credential},
                 {".envrc", false, Exclusion::credential},
                 {".netrc", false, Exclusion::credential},
                 {"db/.pgpass", false, Exclusion::credential},
                 {".pypirc", false, Exclusion::credential},
                 {"web/.npmrc", false, Exclusion::credential},
                 {".git-credentials", false, Exclusion::credential},
                 {"certs/client.p12", false, Exclusion::credential},
                 {"certs/client.pfx", false, Exclusion::credential},
                 {"id_ecdsa.pub", false, Exclusion::credential},
                 {"keys/id_dsa_old", false, Exclusion::credential},
             });
}

// Editor and backup copies of a credentials file, and env files by
// another name, hold the same secrets (a tester found them packaged); a
// name that only looks alike is kept.
TEST(ExcludeRules, copies_of_credential_files_are_credentials)
{
  ExcludeRules rules({});
  expect_all(rules,
             {
                 {".netrc~", false, Exclusion::credential},
                 {".envrc.bak", false, Exclusion::credential},
                 {".env~", false, Exclusion::credential},
                 {"certs/server.key.orig", false, Exclusion::credential},
                 {".pgpass.swp", false, Exclusion::credential},
                 {"conf/settings.env", false, Exclusion::credential},
                 {"conf/PROD.ENV.old", false, Exclusion::credential},
                 {"app.py~", false, Exclusion::none},
                 {"envelope.py", false, Exclusion::none},
                 {"environment", true, Exclusion::none},
                 {"~", false, Exclusion::none},
             });
}

// A secret's name in capitals, or a folder of such a name, is no safer.
TEST(ExcludeRules, credential_rules_ignore_case_and_cover_folders)
{
  ExcludeRules rules({});
  expect_all(rules,
             {
                 {".ENV", false, Exclusion::credential},
                 {".Env", false, Exclusion::credential},
                 {"X.PEM", false, Exclusion::credential},
                 {"conf/Credentials", false, Exclusion::credential},
                 {"CREDENTIALS.JSON", false, Exclusion::credential},
                 {".AWS", true, Exclusion::credential},
                 {".env.d", true, Exclusion::credential},
                 {"dir.pem", true, Exclusion::credential},
                 {"ID_RSA.PUB", false, Exclusion::credential},
                 {"ENVIRONMENT.PY", false, Exclusion::none},
                 {"VENV", true, Exclusion::none}, // tooling stays exact
             });
  expect_link_targets(rules,
                      {
                          {"Secrets/KEY.PEM", false, Exclusion::credential},
                          {".Env.d/app.cfg", false, Exclusion::credential},
                      });
}

// Names that only look like excluded ones, or are the wrong kind, stay.
TEST(ExcludeRules, default_rules_keep_look_alikes)
{
  ExcludeRules rules({});
  expect_all(rules,
             {
                 {"app.py", false, Exclusion::none},
                 {"venv.py", false, Exclusion::none},
                 {"venv", false, Exclusion::none}, // a file, not a folder
                 {"pkg/.aws", false, Exclusion::none},
                 {"environment.py", false, Exclusion::none},
                 {".envrc.py", false, Exclusion::none},
                 {"netrc.py", false, Exclusion::none},
                 {"p12.py", false, Exclusion::none},
                 {"data/lambda_package.1.zip", false, Exclusion::none},
                 {"logs/slam_error.log", false, Exclusion::none},
                 {"tools/slam-plugin-sns", false, Exclusion::none},
                 {"keys.py", false, Exclusion::none},
                 {"templates", true, Exclusion::none},
             });
}

// As in .slamignore, the last matching glob decides.
TEST(ExcludeRules, user_glob_negation_re_includes)
{
  ExcludeRules rules({"*.txt", "!a.txt", "!/keep/", "keep/x.txt", "!.env"});
  expect_all(rules,
             {
                 {"b.txt", false, Exclusion::user},
                 {"a.txt", false, Exclusion::none},
                 {"docs/a.txt", false, Exclusion::none},
                 {"keep", true, Exclusion::none},
                 {"keep/x.txt", false, Exclusion::user},
                 {".env", false, Exclusion::none},
                 {".envrc", false, Exclusion::credential},
             });
  EXPECT_EQ(rules.user_glob("a.txt", false)->text(), "!a.txt");
}

TEST(ExcludeRules, user_globs_exclude_by_path_or_basename)
{
  ExcludeRules rules({"*.md", "tests/", "/data/*.csv"});
  expect_all(rules,
             {
                 {"README.md", false, Exclusion::user},
                 {"docs/guide.md", false, Exclusion::user},
                 {"tests", true, Exclusion::user},
                 {"pkg/tests", true, Exclusion::user},
                 {"tests", false, Exclusion::none},
                 {"data/big.csv", false, Exclusion::user},
                 {"pkg/data/big.csv", false, Exclusion::none},
                 {"app.py", false, Exclusion::none},
             });
  ASSERT_NE(rules.user_glob("README.md", false), nullptr);
  EXPECT_EQ(rules.user_glob("README.md", false)->text(), "*.md");
  EXPECT_EQ(rules.user_glob("app.py", false), nullptr);
}

// A symlink's target is checked, folders on its way included, against
// every rule, so that a link cannot bring in what they leave out.
TEST(ExcludeRules, link_targets_are_checked_against_all_rules)
{
  ExcludeRules rules({"docs/"});
  expect_link_targets(
      rules,
      {
          {".env", false, Exclusion::credential},
          {"conf/.env.prod", false, Exclusion::credential},
          {".aws", true, Exclusion::credential},
          {".aws/credentials", false, Exclusion::credential},
          {"keys/deploy.pem", false, Exclusion::credential},
          {".netrc", false, Exclusion::credential},
          {".git/config", false, Exclusion::tooling},
          {"vendor/.git", true, Exclusion::tooling},
          {".hg/hgrc", false, Exclusion::tooling},
          {".svn", true, Exclusion::tooling},
          {"shared/util.py", false, Exclusion::none},
          {"shared", true, Exclusion::none},
          {"__pycache__/x.pyc", false, Exclusion::tooling},
          {"node_modules/x/i.js", false, Exclusion::tooling},
          {"docs/guide.md", false, Exclusion::user},
          {"pkg/.aws", false, Exclusion::none}, // a file, not the folder
      });
}

// The cause names the rule for the message about the link.
TEST(ExcludeRules, link_target_cause_names_the_rule)
{
  ExcludeRules rules({"*.bak", "docs/"},
                     IgnoreRules::parse("# secrets\nsecret.cfg\nprivate/\n",
                                        "/proj/.slamignore"));
  auto is_virtualenv = [](std::string_view folder) { return folder == "env"; };
  EXPECT_EQ(rules.check_link_target("secret.cfg", false),
            (ExclusionCause{Exclusion::ignore_file, ".slamignore:2"}));
  EXPECT_EQ(rules.check_link_target("private/a/b.txt", false),
            (ExclusionCause{Exclusion::ignore_file, ".slamignore:3"}));
  EXPECT_EQ(rules.check_link_target("docs/x/old.txt", false),
            (ExclusionCause{Exclusion::user, "package.exclude 'docs/'"}));
  EXPECT_EQ(rules.check_link_target("a.bak", false),
            (ExclusionCause{Exclusion::user, "package.exclude '*.bak'"}));
  EXPECT_EQ(rules.check_link_target("env/lib/x.py", false, is_virtualenv),
            (ExclusionCause{Exclusion::tooling, "a default exclude"}));
  EXPECT_EQ(rules.check_link_target("lib/x.py", false, is_virtualenv),
            ExclusionCause{});
}
