#include "aws_test_support.hpp"
#include "slam/aws/sigv4.hpp"
#include "slam/aws/uri.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"

#include <algorithm>
#include <cctype>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace slam::aws;
namespace fs = std::filesystem;

namespace {

// One request of the AWS test suite, parsed from request.txt.
struct SuiteRequest
{
  SignableRequest request;
  std::string body;
};

// Parse the HTTP/1.1 text of TEXT: request line, headers (a line starting
// with whitespace continues the previous value), blank line, body.
SuiteRequest parse_request(const std::string& text)
{
  SuiteRequest result;
  auto& request = result.request;
  size_t pos = text.find('\n');
  std::string line = text.substr(0, pos);
  request.method = line.substr(0, line.find(' '));
  auto target = line.substr(request.method.size() + 1);
  target = target.substr(0, target.rfind(" HTTP/1.1"));
  auto question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) {
    request.query = target.substr(question + 1);
  }
  while (pos != std::string::npos) {
    auto start = pos + 1;
    pos = text.find('\n', start);
    line = text.substr(start, pos == std::string::npos ? pos : pos - start);
    if (line.empty()) {
      if (pos != std::string::npos) {
        result.body = text.substr(pos + 1);
      }
      break;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      request.headers.back().second += '\n' + line;
    } else {
      auto colon = line.find(':');
      request.headers.emplace_back(line.substr(0, colon),
                                   line.substr(colon + 1));
    }
  }
  request.payload_hash = slam::util::sha256_hex(result.body);
  return result;
}

// One folder of the suite with its context.json applied.
struct SuiteCase
{
  std::string name;
  fs::path dir;
  SuiteRequest input;
  Credentials credentials;
  SigningParams params;
};

SuiteCase load_case(const fs::path& dir)
{
  SuiteCase test{dir.filename().string(), dir, {}, {}, {}};
  test.input = parse_request(slam::util::read_file(dir / "request.txt"));
  auto context =
      nlohmann::json::parse(slam::util::read_file(dir / "context.json"));
  const auto& keys = context.at("credentials");
  test.credentials.access_key_id = keys.at("access_key_id");
  test.credentials.secret_access_key = keys.at("secret_access_key");
  test.credentials.session_token = keys.value("token", "");
  test.params.region = context.at("region");
  test.params.service = context.at("service");
  test.params.time =
      parse_iso8601(context.at("timestamp").get<std::string>()).value();
  test.params.normalize_path = context.at("normalize");
  test.params.add_content_sha256 = context.at("sign_body");
  test.params.omit_session_token = context.value("omit_session_token", false);
  test.params.expires =
      std::chrono::seconds(context.at("expiration_in_seconds").get<int>());
  return test;
}

std::vector<SuiteCase> load_suite()
{
  std::vector<SuiteCase> cases;
  auto root = slam::aws::testing::shared_testdata("sigv4");
  if (!root) {
    return cases;
  }
  for (const auto& entry : fs::directory_iterator(*root)) {
    if (entry.is_directory()) {
      cases.push_back(load_case(entry.path()));
    }
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) {
    return a.name < b.name;
  });
  return cases;
}

std::string expected(const SuiteCase& test, const std::string& file)
{
  return slam::util::read_file(test.dir / file);
}

// Return the name-value PAIRS sorted (headers and query pairs alike).
std::vector<std::pair<std::string, std::string>>
sorted(std::vector<std::pair<std::string, std::string>> pairs)
{
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

// Return HEADERS with lowercase names (HTTP ignores their case), sorted.
Headers normalized(const Headers& headers)
{
  Headers result;
  for (auto [name, value] : headers) {
    std::transform(name.begin(), name.end(), name.begin(), [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    result.emplace_back(name, value);
  }
  return sorted(result);
}

// The signed request: headers in any order, query pairs in any order.
void expect_same_request(const SignableRequest& actual,
                         const SignableRequest& wanted)
{
  EXPECT_EQ(actual.method, wanted.method);
  EXPECT_EQ(actual.path, wanted.path);
  EXPECT_EQ(sorted(decode_query(actual.query)),
            sorted(decode_query(wanted.query)));
  EXPECT_EQ(normalized(actual.headers), normalized(wanted.headers));
}

#define SKIP_WITHOUT_SUITE(cases)                                              \
  if ((cases).empty()) {                                                       \
    GTEST_SKIP() << "no sigv4 test data; set SLAM_SHARED_DIR to the shared "   \
                    "folder";                                                  \
  }

} // namespace

// Every case of AWS's suite signed in the Authorization header matches
// the published canonical request, string to sign, signature and request.
TEST(Sigv4, header_signing_matches_every_suite_case)
{
  auto cases = load_suite();
  SKIP_WITHOUT_SUITE(cases);
  for (auto& test : cases) {
    SCOPED_TRACE(test.name);
    auto request = test.input.request;
    auto signature = sign_headers(request, test.credentials, test.params);
    EXPECT_EQ(signature.canonical_request,
              expected(test, "header-canonical-request.txt"));
    EXPECT_EQ(signature.string_to_sign,
              expected(test, "header-string-to-sign.txt"));
    EXPECT_EQ(signature.signature, expected(test, "header-signature.txt"));
    auto wanted = parse_request(expected(test, "header-signed-request.txt"));
    expect_same_request(request, wanted.request);
  }
  EXPECT_EQ(cases.size(), 38u);
}

// Every case of AWS's suite signed in the query string (presigned) matches
// the published canonical request, string to sign, signature and request.
TEST(Sigv4, query_signing_matches_every_suite_case)
{
  auto cases = load_suite();
  SKIP_WITHOUT_SUITE(cases);
  for (auto& test : cases) {
    SCOPED_TRACE(test.name);
    auto request = test.input.request;
    auto signature = sign_query(request, test.credentials, test.params);
    EXPECT_EQ(signature.canonical_request,
              expected(test, "query-canonical-request.txt"));
    EXPECT_EQ(signature.string_to_sign,
              expected(test, "query-string-to-sign.txt"));
    EXPECT_EQ(signature.signature, expected(test, "query-signature.txt"));
    auto wanted = parse_request(expected(test, "query-signed-request.txt"));
    expect_same_request(request, wanted.request);
  }
  EXPECT_EQ(cases.size(), 38u);
}

// AWS's documented example of the derived signing key.
TEST(Sigv4, signing_key_matches_aws_example)
{
  EXPECT_EQ(
      slam::util::to_hex(signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                     "20150830",
                                     "us-east-1",
                                     "iam")),
      "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
}

// S3 signs the path exactly as sent: no normalising, no second encoding.
TEST(Sigv4, s3_path_is_signed_as_sent)
{
  SigningParams params;
  params.normalize_path = false;
  params.double_encode_path = false;
  EXPECT_EQ(canonical_path("/bucket/a%20b//./c%2Bd", params),
            "/bucket/a%20b//./c%2Bd");
}

// Other services normalise the sent path and encode it a second time.
TEST(Sigv4, other_services_double_encode_the_path)
{
  SigningParams params;
  EXPECT_EQ(canonical_path("/functions/arn%3Aaws%3Alambda//./x", params),
            "/functions/arn%253Aaws%253Alambda/x");
}

// Query pairs are sorted by encoded name, then value; a bare name gets an
// empty value.
TEST(Sigv4, canonical_query_sorts_names_then_values)
{
  EXPECT_EQ(canonical_query("b=2&a=z&a=y&flag&c=%7e+"),
            "a=y&a=z&b=2&c=~%2B&flag=");
}

// S3 gets the payload hash as a signed x-amz-content-sha256 header, and a
// session token is signed too.
TEST(Sigv4, s3_request_signs_content_hash_and_token)
{
  SignableRequest request{"PUT",
                          "/bucket/key",
                          "",
                          {{"Host", "127.0.0.1:5000"}},
                          "UNSIGNED-PAYLOAD"};
  SigningParams params;
  params.region = "eu-west-1";
  params.service = "s3";
  params.time = parse_iso8601("2024-02-03T04:05:06Z").value();
  params.normalize_path = false;
  params.double_encode_path = false;
  params.add_content_sha256 = true;
  auto signature = sign_headers(
      request, {"AKID", "SECRET", "TOKEN", "", std::nullopt}, params);
  EXPECT_EQ(signature.canonical_request,
            "PUT\n/bucket/key\n\nhost:127.0.0.1:5000\n"
            "x-amz-content-sha256:UNSIGNED-PAYLOAD\n"
            "x-amz-date:20240203T040506Z\nx-amz-security-token:TOKEN\n\n"
            "host;x-amz-content-sha256;x-amz-date;x-amz-security-token\n"
            "UNSIGNED-PAYLOAD");
  EXPECT_EQ(find_header(request.headers, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKID/20240203/eu-west-1/s3/"
            "aws4_request, SignedHeaders=host;x-amz-content-sha256;"
            "x-amz-date;x-amz-security-token, Signature=" +
                signature.signature);
}
