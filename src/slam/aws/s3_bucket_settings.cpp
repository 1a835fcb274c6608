#include "slam/aws/s3_bucket_settings.hpp"

#include "slam/util/error.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace slam::aws {
namespace {

constexpr const char* k_public_access_flags[] = {"BlockPublicAcls",
                                                 "IgnorePublicAcls",
                                                 "BlockPublicPolicy",
                                                 "RestrictPublicBuckets"};

// Return the root element ROOT of XML, or an empty node when XML is not a
// document with that root.
pugi::xml_node
root_of(pugi::xml_document& document, std::string_view xml, const char* root)
{
  if (!document.load_buffer(xml.data(), xml.size())) {
    return {};
  }
  return document.child(root);
}

// Return the default element of S3 documents: S3 also accepts them without
// it, but answers with it.
std::string in_s3_namespace(const char* root, const std::string& content)
{
  return fmt::format("<{0} xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                     "{1}</{0}>",
                     root,
                     content);
}

nlohmann::json tls_only_statement(const std::string& bucket,
                                  const std::string& partition)
{
  auto arn = fmt::format("arn:{}:s3:::{}", partition, bucket);
  return {{"Sid", k_tls_only_sid},
          {"Effect", "Deny"},
          {"Principal", "*"},
          {"Action", "s3:*"},
          {"Resource", {arn, arn + "/*"}},
          {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}};
}

bool is_tls_only_statement(const nlohmann::json& statement)
{
  return statement.is_object() && statement.contains("Sid") &&
         statement["Sid"] == std::string(k_tls_only_sid);
}

} // namespace

std::string public_access_block_xml()
{
  std::string flags;
  for (const char* flag : k_public_access_flags) {
    flags += fmt::format("<{0}>true</{0}>", flag);
  }
  return in_s3_namespace("PublicAccessBlockConfiguration", flags);
}

bool blocks_all_public_access(std::string_view xml)
{
  pugi::xml_document document;
  auto root = root_of(document, xml, "PublicAccessBlockConfiguration");
  if (!root) {
    return false;
  }
  for (const char* flag : k_public_access_flags) {
    if (std::string_view(root.child_value(flag)) != "true") {
      return false;
    }
  }
  return true;
}

std::string owner_enforced_xml()
{
  return in_s3_namespace(
      "OwnershipControls",
      "<Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule>");
}

bool enforces_bucket_owner(std::string_view xml)
{
  pugi::xml_document document;
  auto root = root_of(document, xml, "OwnershipControls");
  for (auto rule : root.children("Rule")) {
    if (std::string_view(rule.child_value("ObjectOwnership")) ==
        "BucketOwnerEnforced") {
      return true;
    }
  }
  return false;
}

std::string default_encryption_xml()
{
  return in_s3_namespace("ServerSideEncryptionConfiguration",
                         "<Rule><ApplyServerSideEncryptionByDefault>"
                         "<SSEAlgorithm>AES256</SSEAlgorithm>"
                         "</ApplyServerSideEncryptionByDefault></Rule>");
}

bool encrypts_by_default(std::string_view xml)
{
  pugi::xml_document document;
  auto root = root_of(document, xml, "ServerSideEncryptionConfiguration");
  for (auto rule : root.children("Rule")) {
    auto by_default = rule.child("ApplyServerSideEncryptionByDefault");
    if (*by_default.child_value("SSEAlgorithm") != '\0') {
      return true;
    }
  }
  return false;
}

bool denies_insecure_transport(std::string_view policy)
{
  auto document = nlohmann::json::parse(policy, nullptr, false);
  if (!document.is_object() || !document.contains("Statement")) {
    return false;
  }
  const auto& statements = document["Statement"];
  if (statements.is_object()) {
    return is_tls_only_statement(statements);
  }
  return statements.is_array() && std::any_of(statements.begin(),
                                              statements.end(),
                                              is_tls_only_statement);
}

std::string with_tls_only_statement(const std::optional<std::string>& policy,
                                    const std::string& bucket,
                                    const std::string& partition)
{
  nlohmann::json document = {{"Version", "2012-10-17"},
                             {"Statement", nlohmann::json::array()}};
  if (policy && !policy->empty()) {
    document = nlohmann::json::parse(*policy, nullptr, false);
    if (!document.is_object()) {
      throw Error(fmt::format("the policy of bucket '{}' is not a JSON "
                              "policy document",
                              bucket));
    }
  }
  auto& statements = document["Statement"];
  // A policy may hold a single statement as an object.
  if (statements.is_object()) {
    statements = nlohmann::json::array({statements});
  } else if (statements.is_null()) {
    statements = nlohmann::json::array();
  } else if (!statements.is_array()) {
    throw Error(fmt::format("the policy of bucket '{}' has a Statement that "
                            "is neither a statement nor a list of them",
                            bucket));
  }
  statements.push_back(tls_only_statement(bucket, partition));
  return document.dump();
}

} // namespace slam::aws
