#include "slam/deploy/invoke.hpp"

#include "slam/aws/error.hpp"
#include "slam/deploy/deploy.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <regex>

namespace slam::deploy {
namespace {

using Json = nlohmann::json;

// One keyword argument of the command line, split.
struct Keyword
{
  std::string name;
  Json value;
};

// Return the message of a JSON error without the library's prefix
// ("[json.exception.parse_error.101] ").
std::string json_problem(const Json::exception& error)
{
  std::string text = error.what();
  auto end = text.find("] ");
  return end == std::string::npos ? text : text.substr(end + 2);
}

Keyword parse_keyword(const std::string& argument)
{
  static const std::regex identifier("[A-Za-z_][A-Za-z0-9_]*");
  auto equals = argument.find('=');
  bool is_json =
      equals != std::string::npos && equals > 0 && argument[equals - 1] == ':';
  auto name = argument.substr(0, is_json ? equals - 1 : equals);
  if (equals == std::string::npos || !std::regex_match(name, identifier)) {
    throw UsageError(fmt::format("argument '{}' must be name=value or "
                                 "name:=json, with a Python identifier as "
                                 "the name",
                                 argument));
  }
  auto text = argument.substr(equals + 1);
  if (!is_json) {
    return Keyword{name, text};
  }
  try {
    return Keyword{name, Json::parse(text)};
  } catch (const Json::exception& error) {
    // Not only syntax: a number too large for a double (1e999) is an
    // out_of_range error.
    throw UsageError(
        fmt::format("argument '{}' is not valid JSON after ':=': {}",
                    argument,
                    json_problem(error)));
  }
}

std::string dump(const Json& json, int indent)
{
  return json.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// Return one frame of a stackTrace: a line of Python's own traceback
// ("  File ..., line N, in f\n    code\n"), or the [file, line, function,
// code] list of older runtimes.
std::string render_frame(const Json& frame)
{
  if (frame.is_string()) {
    auto text = frame.get<std::string>();
    return text.ends_with('\n') ? text : text + '\n';
  }
  if (frame.is_array() && frame.size() == 4) {
    auto field = [&](std::size_t i) {
      return frame[i].is_string() ? frame[i].get<std::string>()
                                  : dump(frame[i], -1);
    };
    return fmt::format("  File \"{}\", line {}, in {}\n    {}\n",
                       field(0),
                       field(1),
                       field(2),
                       field(3));
  }
  return "  " + dump(frame, -1) + '\n';
}

std::string string_field(const Json& object, const char* name)
{
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    return "";
  }
  return it->is_string() ? it->get<std::string>() : dump(*it, -1);
}

} // namespace

Json invocation_event(const std::vector<std::string>& arguments)
{
  auto kwargs = Json::object();
  for (const auto& argument : arguments) {
    auto keyword = parse_keyword(argument);
    if (kwargs.contains(keyword.name)) {
      throw UsageError(fmt::format(
          "argument '{}' repeats the name '{}'", argument, keyword.name));
    }
    kwargs[keyword.name] = std::move(keyword.value);
  }
  return Json{{"kwargs", kwargs}};
}

aws::Invocation invoke(const config::Config& config,
                       aws::Session& session,
                       const InvokeOptions& options)
{
  aws::InvokeRequest request;
  request.function_name = config.name;
  request.qualifier = resolve_stage(config, options.stage);
  request.payload = invocation_event(options.arguments).dump();
  request.type = options.dry_run  ? aws::InvocationType::dry_run
                 : options.nowait ? aws::InvocationType::event
                                  : aws::InvocationType::request_response;
  request.tail_log = request.type == aws::InvocationType::request_response;
  try {
    return aws::Lambda(session).invoke(request);
  } catch (const aws::AwsError& error) {
    if (error.code() != "ResourceNotFoundException") {
      throw;
    }
    throw Error(fmt::format("stage '{}' of '{}' is not deployed ({}); run "
                            "'slam deploy --stage {}' first",
                            request.qualifier,
                            config.name,
                            error.message(),
                            request.qualifier));
  }
}

std::string render_result(const std::string& payload)
{
  auto json = Json::parse(payload, nullptr, false);
  if (json.is_discarded()) {
    return payload;
  }
  return dump(json, 2);
}

std::string render_function_error(const std::string& payload)
{
  auto error = Json::parse(payload, nullptr, false);
  if (!error.is_object() ||
      (!error.contains("errorMessage") && !error.contains("errorType"))) {
    return payload;
  }
  std::string text;
  auto trace = error.find("stackTrace");
  if (trace != error.end() && trace->is_array() && !trace->empty()) {
    text = "Traceback (most recent call last):\n";
    for (const auto& frame : *trace) {
      text += render_frame(frame);
    }
  }
  auto type = string_field(error, "errorType");
  auto message = string_field(error, "errorMessage");
  if (type.empty() || message.empty()) {
    return text + type + message;
  }
  return text + type + ": " + message;
}

} // namespace slam::deploy
