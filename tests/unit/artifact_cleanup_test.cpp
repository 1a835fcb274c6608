#include "cfn_test_configs.hpp"
#include "slam/deploy/artifact.hpp"
#include "slam/deploy/artifact_cleanup.hpp"
#include "slam/util/base64.hpp"
#include "slam/util/hash.hpp"

#include <gtest/gtest.h>

using slam::aws::ObjectSummary;
using slam::aws::Timestamp;
using namespace slam::deploy;

namespace {

const slam::config::Config k_config = slam::cfn::testing::default_config();

// Return the key of the package whose content is CONTENT.
std::string package(const std::string& content)
{
  return artifact_key(k_config, slam::util::sha256_hex(content));
}

// Return the key of the template whose body is BODY.
std::string template_object(const std::string& body)
{
  return template_key(k_config, slam::util::sha256_hex(body));
}

// Return an object KEY uploaded SECONDS after some fixed time.
ObjectSummary uploaded(const std::string& key, int seconds)
{
  return ObjectSummary{
      key, Timestamp{} + std::chrono::seconds(1'700'000'000 + seconds), 100};
}

} // namespace

// Only the prefix, 64 lowercase hex digits and ".zip" make a package key.
TEST(ArtifactCleanup, package_keys_are_recognised_exactly)
{
  EXPECT_TRUE(is_package_key(k_config, package("a")));
  EXPECT_FALSE(is_package_key(k_config, template_object("a")));
  auto digest = slam::util::sha256_hex("a");
  EXPECT_FALSE(is_package_key(k_config, "slam/other/" + digest + ".zip"));
  EXPECT_FALSE(is_package_key(k_config, "slam/myapp/" + digest + ".tar"));
  EXPECT_FALSE(is_package_key(k_config, "slam/myapp/notes.zip"));
  EXPECT_FALSE(
      is_package_key(k_config, "slam/myapp/" + digest.substr(1) + "X.zip"));
  EXPECT_FALSE(is_package_key(k_config, "slam/myapp/x" + digest + ".zip"));
  EXPECT_TRUE(is_template_key(k_config, template_object("b")));
  EXPECT_FALSE(is_template_key(k_config, package("b")));
}

// Lambda's CodeSha256 (base64 of the digest) maps back to the package key.
TEST(ArtifactCleanup, code_sha256_gives_the_package_key)
{
  auto code = slam::util::base64_encode(slam::util::sha256("zip bytes"));
  EXPECT_EQ(package_key_for_code(k_config, code), package("zip bytes"));
  EXPECT_EQ(package_key_for_code(k_config, ""), std::nullopt);
  EXPECT_EQ(package_key_for_code(k_config, "not base64!"), std::nullopt);
  EXPECT_EQ(package_key_for_code(
                k_config, slam::util::base64_encode(slam::util::md5("x"))),
            std::nullopt);
}

// With nothing in use, all but the KEEP newest packages go, in key order.
TEST(ArtifactCleanup, keeps_the_newest_packages)
{
  std::vector<ObjectSummary> objects = {uploaded(package("1"), 10),
                                        uploaded(package("3"), 30),
                                        uploaded(package("5"), 50),
                                        uploaded(package("2"), 20),
                                        uploaded(package("4"), 40)};
  auto expected = std::vector<std::string>{package("1"), package("2")};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(artifacts_to_delete(k_config, objects, {}, 3, ""), expected);
}

// Packages in use stay however old they are, on top of the KEEP newest.
TEST(ArtifactCleanup, packages_in_use_stay_on_top_of_the_newest)
{
  std::vector<ObjectSummary> objects = {uploaded(package("1"), 10),
                                        uploaded(package("2"), 20),
                                        uploaded(package("3"), 30),
                                        uploaded(package("4"), 40),
                                        uploaded(package("5"), 50)};
  std::set<std::string> in_use = {package("1"), package("5")};
  auto expected = std::vector<std::string>{package("2"), package("3")};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(artifacts_to_delete(k_config, objects, in_use, 2, ""), expected);
}

// KEEP 0 leaves only what is in use.
TEST(ArtifactCleanup, keep_zero_leaves_only_packages_in_use)
{
  std::vector<ObjectSummary> objects = {uploaded(package("1"), 10),
                                        uploaded(package("2"), 20)};
  EXPECT_EQ(artifacts_to_delete(k_config, objects, {package("1")}, 0, ""),
            std::vector<std::string>{package("2")});
}

// Fewer packages than KEEP: nothing goes.
TEST(ArtifactCleanup, fewer_packages_than_keep_deletes_nothing)
{
  std::vector<ObjectSummary> objects = {uploaded(package("1"), 10),
                                        uploaded(package("2"), 20)};
  EXPECT_EQ(artifacts_to_delete(k_config, objects, {}, 3, ""),
            std::vector<std::string>{});
}

// S3 times have one-second steps: a package as old as the KEEP-th newest
// may be just as recent, so it stays.
TEST(ArtifactCleanup, packages_tied_with_the_last_kept_one_stay)
{
  std::vector<ObjectSummary> objects = {uploaded(package("1"), 10),
                                        uploaded(package("2"), 20),
                                        uploaded(package("3"), 20),
                                        uploaded(package("4"), 30)};
  EXPECT_EQ(artifacts_to_delete(k_config, objects, {}, 2, ""),
            std::vector<std::string>{package("1")});
}

// Templates other than the current one go; other keys under the prefix
// and other projects' packages are never touched.
TEST(ArtifactCleanup, old_templates_go_and_foreign_keys_stay)
{
  auto other = slam::cfn::testing::default_config();
  other.name = "other";
  std::vector<ObjectSummary> objects = {
      uploaded(template_object("old"), 10),
      uploaded(template_object("new"), 20),
      uploaded("slam/myapp/notes.txt", 5),
      uploaded(artifact_key(other, slam::util::sha256_hex("x")), 1),
      uploaded(package("1"), 10)};
  EXPECT_EQ(
      artifacts_to_delete(k_config, objects, {}, 0, template_object("new")),
      (std::vector<std::string>{package("1"), template_object("old")}));
}

// When the stack kept its template (publish), no template is known to be
// current, so templates are left alone while packages are still cleaned.
TEST(ArtifactCleanup, unknown_current_template_keeps_every_template)
{
  std::vector<ObjectSummary> objects = {uploaded(template_object("a"), 10),
                                        uploaded(template_object("b"), 20),
                                        uploaded(package("1"), 10)};
  EXPECT_EQ(artifacts_to_delete(k_config, objects, {}, 0, std::nullopt),
            std::vector<std::string>{package("1")});
}
