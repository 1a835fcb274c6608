// The readers of JSON that Slam does not write: AWS's JSON answers and
// errors, credential documents (container and instance metadata
// endpoints, credential_process, the SSO token cache), bucket policies,
// the environment report of a Python script, and the results a function
// returns to `slam serve`. Every reader reads every input.

#include "fuzz_input.hpp"
#include "slam/aws/credential_endpoint.hpp"
#include "slam/aws/credential_json.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/logs.hpp"
#include "slam/aws/s3_bucket_settings.hpp"
#include "slam/aws/sso_credentials.hpp"
#include "slam/deploy/publish.hpp"
#include "slam/local/gateway_response.hpp"
#include "slam/package/python_environment.hpp"

#include <nlohmann/json.hpp>

namespace {

using slam::fuzz::accept_or_reject;

void read_credentials(std::string_view text, const nlohmann::json& json)
{
  namespace aws = slam::aws;
  accept_or_reject([&] { aws::parse_credential_document(text, "fuzz"); });
  accept_or_reject([&] { aws::parse_sso_token(text); });
  accept_or_reject([&] { aws::error_message_of(text, {"secret"}); });
  if (!json.is_discarded()) {
    accept_or_reject([&] {
      aws::credentials_from_json(json, "fuzz", {"SessionToken", "gave"});
    });
  }
}

void read_answers(std::string_view text, const nlohmann::json& json)
{
  namespace aws = slam::aws;
  accept_or_reject([&] {
    aws::parse_error_response(
        "lambda", "Invoke", 400, {{"Content-Type", "application/json"}}, text);
  });
  accept_or_reject([&] { aws::denies_insecure_transport(text); });
  accept_or_reject([&] {
    aws::with_tls_only_statement(std::string(text), "bucket", "aws");
  });
  accept_or_reject(
      [&] { slam::package::parse_environment_report(std::string(text)); });
  if (!json.is_discarded()) {
    accept_or_reject([&] { aws::parse_filter_log_events(json); });
    accept_or_reject([&] { slam::deploy::published_version(json); });
    accept_or_reject([&] { slam::local::rest_result(json); });
    accept_or_reject([&] { slam::local::payload_v2_result(json, text); });
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size)
{
  auto text = slam::fuzz::as_text(data, size);
  auto json = nlohmann::json::parse(text, nullptr, false);
  read_credentials(text, json);
  read_answers(text, json);
  return 0;
}
