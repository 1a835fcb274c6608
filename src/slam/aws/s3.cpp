#include "slam/aws/s3.hpp"

#include "slam/aws/error.hpp"
#include "slam/aws/s3_xml.hpp"
#include "slam/aws/session.hpp"
#include "slam/aws/uri.hpp"
#include "slam/util/base64.hpp"
#include "slam/util/hash.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/core.h>
#include <string_view>

namespace slam::aws {
namespace {

// A bucket can be a host name label when it is lowercase letters, digits
// and dashes; dotted names would not match the TLS certificate.
bool fits_host_name(const std::string& bucket)
{
  return bucket.size() >= 3 && bucket.size() <= 63 &&
         std::all_of(bucket.begin(), bucket.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

std::string without_quotes(std::string text)
{
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

ObjectInfo object_info(const Headers& headers)
{
  ObjectInfo info;
  auto length = find_header(headers, "Content-Length").value_or("0");
  std::from_chars(length.data(), length.data() + length.size(), info.size);
  info.etag = without_quotes(find_header(headers, "ETag").value_or(""));
  info.content_type = find_header(headers, "Content-Type").value_or("");
  constexpr std::string_view k_meta = "x-amz-meta-";
  for (const auto& [name, value] : headers) {
    if (name.size() > k_meta.size() &&
        same_header_name(name.substr(0, k_meta.size()), k_meta)) {
      auto key = name.substr(k_meta.size());
      std::transform(key.begin(), key.end(), key.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      });
      info.metadata[key] = value;
    }
  }
  return info;
}

// Send CALL with a checksum of its body, which S3 requires of the calls
// that configure a bucket.
void send_with_checksum(Session& session,
                        ServiceRequest& call,
                        const char* content_type)
{
  call.headers.emplace_back("Content-MD5",
                            util::base64_encode(util::md5(call.body)));
  call.headers.emplace_back("Content-Type", content_type);
  session.send(call);
}

} // namespace

ServiceRequest S3::request(const char* operation,
                           const char* method,
                           const std::string& bucket,
                           const std::string& key)
{
  ServiceRequest request;
  request.service = "s3";
  request.operation = operation;
  request.method = method;
  auto encoded_key = uri_encode(key, true);
  if (!m_session.endpoint("s3").custom && fits_host_name(bucket)) {
    request.host_prefix = bucket + '.';
    request.path = '/' + encoded_key;
  } else {
    request.path = '/' + bucket + (key.empty() ? "" : '/' + encoded_key);
  }
  return request;
}

bool S3::bucket_exists(const std::string& bucket)
{
  try {
    m_session.send(request("HeadBucket", "HEAD", bucket));
    return true;
  } catch (const AwsError& error) {
    if (error.http_status() == 404) {
      return false;
    }
    throw;
  }
}

void S3::create_bucket(const std::string& bucket)
{
  auto call = request("CreateBucket", "PUT", bucket);
  // us-east-1 is the default location and refuses to be named.
  if (m_session.region() != "us-east-1") {
    call.headers.emplace_back("Content-Type", "application/xml");
    call.body = fmt::format("<CreateBucketConfiguration "
                            "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                            "<LocationConstraint>{}</LocationConstraint>"
                            "</CreateBucketConfiguration>",
                            m_session.region());
  }
  try {
    m_session.send(call);
  } catch (const AwsError& error) {
    if (error.code() != "BucketAlreadyOwnedByYou") {
      throw;
    }
  }
}

std::optional<ObjectInfo> S3::head_object(const std::string& bucket,
                                          const std::string& key)
{
  try {
    return object_info(
        m_session.send(request("HeadObject", "HEAD", bucket, key)).headers);
  } catch (const AwsError& error) {
    if (error.http_status() == 404) {
      return std::nullopt;
    }
    throw;
  }
}

void S3::put_object(const std::string& bucket,
                    const std::string& key,
                    const std::filesystem::path& file,
                    const std::string& content_type)
{
  auto call = request("PutObject", "PUT", bucket, key);
  call.headers.emplace_back("Content-Type", content_type);
  call.body_file = file;
  m_session.send(call);
}

void S3::put_object_content(const std::string& bucket,
                            const std::string& key,
                            const std::string& content,
                            const std::string& content_type)
{
  auto call = request("PutObject", "PUT", bucket, key);
  call.headers.emplace_back("Content-Type", content_type);
  call.body = content;
  m_session.send(call);
}

void S3::delete_object(const std::string& bucket, const std::string& key)
{
  m_session.send(request("DeleteObject", "DELETE", bucket, key));
}

std::vector<std::string> S3::list_keys(const std::string& bucket,
                                       const std::string& prefix,
                                       int page_size)
{
  std::vector<std::string> keys;
  for (auto& object : list_objects(bucket, prefix, page_size)) {
    keys.push_back(std::move(object.key));
  }
  return keys;
}

std::vector<ObjectSummary> S3::list_objects(const std::string& bucket,
                                            const std::string& prefix,
                                            int page_size)
{
  std::vector<ObjectSummary> objects;
  std::optional<std::string> token;
  do {
    auto call = request("ListObjectsV2", "GET", bucket);
    QueryParams query = {{"list-type", "2"},
                         {"max-keys", std::to_string(page_size)},
                         {"prefix", prefix}};
    if (token) {
      query.emplace_back("continuation-token", *token);
    }
    call.query = encode_query(query);
    auto page = parse_list_objects(m_session.send(call).body);
    objects.insert(objects.end(), page.objects.begin(), page.objects.end());
    token = page.next_token;
  } while (token && !token->empty());
  return objects;
}

void S3::delete_bucket(const std::string& bucket)
{
  try {
    m_session.send(request("DeleteBucket", "DELETE", bucket));
  } catch (const AwsError& error) {
    // An attempt whose answer was lost may have deleted it.
    if (error.code() != "NoSuchBucket" || !error.earlier_attempt_uncertain()) {
      throw;
    }
  }
}

std::map<std::string, std::string> S3::bucket_tags(const std::string& bucket)
{
  auto call = request("GetBucketTagging", "GET", bucket);
  call.query = "tagging=";
  try {
    return parse_tagging(m_session.send(call).body);
  } catch (const AwsError& error) {
    if (error.code() == "NoSuchTagSet") {
      return {};
    }
    throw;
  }
}

void S3::put_bucket_tags(const std::string& bucket,
                         const std::map<std::string, std::string>& tags)
{
  auto call = request("PutBucketTagging", "PUT", bucket);
  call.query = "tagging=";
  call.body = tagging_xml(tags);
  send_with_checksum(m_session, call, "application/xml");
}

std::optional<std::string>
S3::bucket_configuration(const std::string& bucket,
                         const BucketSubresource& subresource)
{
  auto call = request(subresource.get_operation, "GET", bucket);
  call.query = std::string(subresource.query) + '=';
  try {
    return m_session.send(call).body;
  } catch (const AwsError& error) {
    if (error.code() == subresource.missing_code) {
      return std::nullopt;
    }
    throw;
  }
}

void S3::put_bucket_configuration(const std::string& bucket,
                                  const BucketSubresource& subresource,
                                  const std::string& document)
{
  auto call = request(subresource.put_operation, "PUT", bucket);
  call.query = std::string(subresource.query) + '=';
  call.body = document;
  // The policy is the one JSON document among a bucket's configurations.
  bool json = std::string_view(subresource.query) == k_bucket_policy.query;
  send_with_checksum(
      m_session, call, json ? "application/json" : "application/xml");
}

} // namespace slam::aws
