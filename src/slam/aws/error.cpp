#include "slam/aws/error.hpp"

#include "slam/aws/retry.hpp"
#include "slam/util/utf8.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace slam::aws {
namespace {

constexpr std::string_view k_spaces = " \t\r\n";
constexpr size_t k_max_text = 300;
// The most of a server's message shown: enough for any real AWS message.
constexpr size_t k_max_message = 2000;
constexpr size_t k_max_code = 200;

std::string_view trim(std::string_view text)
{
  auto start = text.find_first_not_of(k_spaces);
  if (start == text.npos) {
    return {};
  }
  return text.substr(start, text.find_last_not_of(k_spaces) - start + 1);
}

std::string describe(const std::string& service,
                     const std::string& operation,
                     const std::string& code,
                     const std::string& message)
{
  if (message.empty()) {
    return fmt::format("{} {}: {}", service, operation, code);
  }
  return fmt::format("{} {}: {}: {}", service, operation, code, message);
}

// The code and message found in an error body.
struct ErrorParts
{
  std::string code;
  std::string message;
};

// Return CODE without the namespace ("aws.protocols#Code") or the URL
// suffix ("Code:http://...") that some services add.
std::string bare_code(std::string_view code)
{
  if (auto hash = code.rfind('#'); hash != code.npos) {
    code = code.substr(hash + 1);
  }
  return std::string(trim(code.substr(0, code.find(':'))));
}

bool parse_xml(std::string_view body, ErrorParts& parts)
{
  pugi::xml_document document;
  if (!document.load_buffer(body.data(), body.size())) {
    return false;
  }
  auto root = document.document_element();
  auto error = std::string_view(root.name()) == "ErrorResponse"
                   ? root.child("Error")
                   : root;
  if (std::string_view(error.name()) != "Error") {
    return false;
  }
  parts.code = bare_code(error.child_value("Code"));
  parts.message = trim(error.child_value("Message"));
  return true;
}

bool parse_json(std::string_view body, ErrorParts& parts)
{
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) {
    return false;
  }
  auto text = [&](std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
      if (auto it = json.find(key); it != json.end() && it->is_string()) {
        return it->get<std::string>();
      }
    }
    return std::string();
  };
  parts.code = bare_code(text({"__type", "code", "Code"}));
  parts.message = trim(text({"message", "Message", "errorMessage"}));
  return true;
}

// Return the first line of text of BODY, tags of an HTML page removed.
std::string first_text_line(std::string_view body)
{
  std::string text;
  bool in_tag = false;
  for (char c : body) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>' && in_tag) {
      in_tag = false;
      text += '\n';
    } else if (!in_tag) {
      text += c;
    }
  }
  std::string_view rest = text;
  while (!rest.empty()) {
    auto end = rest.find('\n');
    auto line = trim(rest.substr(0, end));
    if (!line.empty()) {
      return std::string(line.substr(0, k_max_text));
    }
    rest = end == rest.npos ? "" : rest.substr(end + 1);
  }
  return {};
}

std::string reason_phrase(long status)
{
  switch (status) {
  case 400:
    return "Bad Request";
  case 401:
    return "Unauthorized";
  case 403:
    return "Forbidden";
  case 404:
    return "Not Found";
  case 405:
    return "Method Not Allowed";
  case 409:
    return "Conflict";
  case 412:
    return "Precondition Failed";
  case 429:
    return "Too Many Requests";
  case 500:
    return "Internal Server Error";
  case 502:
    return "Bad Gateway";
  case 503:
    return "Service Unavailable";
  case 504:
    return "Gateway Timeout";
  default:
    return "";
  }
}

} // namespace

AwsError::AwsError(std::string service,
                   std::string operation,
                   std::string code,
                   std::string message,
                   long http_status)
    : Error(describe(service, operation, code, message)),
      m_service(std::move(service)), m_operation(std::move(operation)),
      m_code(std::move(code)), m_message(std::move(message)),
      m_http_status(http_status)
{
}

AwsError AwsError::after_attempts(int attempts,
                                  std::chrono::milliseconds elapsed,
                                  bool earlier_uncertain) const
{
  AwsError error(m_service, m_operation, m_code, m_message, m_http_status);
  if (attempts > 1) {
    error.Error::operator=(Error(
        fmt::format("{} ({})", what(), attempts_note(attempts, elapsed))));
  }
  error.m_attempts = attempts;
  error.m_earlier_uncertain = earlier_uncertain;
  return error;
}

AwsError parse_error_response(std::string_view service,
                              std::string_view operation,
                              long status,
                              const Headers& headers,
                              std::string_view body)
{
  ErrorParts parts;
  auto content = trim(body);
  bool parsed = (content.starts_with('<') && parse_xml(content, parts)) ||
                (content.starts_with('{') && parse_json(content, parts));
  if (!parsed) {
    parts.message = first_text_line(content);
  }
  // REST-JSON services name the error in a header, which wins.
  if (auto header = find_header(headers, "x-amzn-ErrorType")) {
    if (auto code = bare_code(*header); !code.empty()) {
      parts.code = code;
    }
  }
  if (parts.code.empty()) {
    parts.code = fmt::format("HTTP {}", status);
  }
  if (parts.message.empty()) {
    parts.message = reason_phrase(status);
  }
  // The server's text reaches the user's terminal: its control characters
  // must not act on it, and its length must not flood it.
  parts.code = util::cap_length(util::escape_utf8(parts.code), k_max_code);
  parts.message =
      util::cap_length(util::escape_controls(parts.message), k_max_message);
  return AwsError(std::string(service),
                  std::string(operation),
                  std::move(parts.code),
                  std::move(parts.message),
                  status);
}

} // namespace slam::aws
