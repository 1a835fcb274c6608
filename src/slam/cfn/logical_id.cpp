#include "slam/cfn/logical_id.hpp"

#include "slam/util/hash.hpp"

namespace slam::cfn {
namespace {

bool is_ascii_letter(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_digit(char c)
{
  return c >= '0' && c <= '9';
}

// Title-case the ASCII letters and digits of NAME and drop everything else:
// a letter is upper case after anything but a letter, lower case otherwise.
std::string title_alphanumerics(std::string_view name)
{
  std::string result;
  bool after_letter = false;
  for (char c : name) {
    if (is_ascii_letter(c)) {
      char lower = c | 0x20;
      result += after_letter ? lower : static_cast<char>(lower - 'a' + 'A');
      after_letter = true;
    } else {
      if (is_ascii_digit(c)) {
        result += c;
      }
      after_letter = false;
    }
  }
  return result;
}

} // namespace

std::string short_hash(std::string_view text)
{
  return util::sha256_hex(text).substr(0, 8);
}

std::string
fit_length(std::string id, std::string_view source, std::size_t max_length)
{
  if (id.size() <= max_length) {
    return id;
  }
  auto hash = short_hash(source);
  if (max_length <= hash.size()) {
    return hash.substr(0, max_length);
  }
  id.resize(max_length - hash.size());
  return id + hash;
}

std::string logical_id(std::string_view name, std::size_t max_length)
{
  auto id = title_alphanumerics(name);
  if (id.empty() || is_ascii_digit(id.front())) {
    id = "N" + id + short_hash(name);
  }
  return fit_length(std::move(id), name, max_length);
}

bool is_logical_id(std::string_view id)
{
  if (id.empty() || id.size() > k_max_logical_id) {
    return false;
  }
  for (char c : id) {
    bool ascii_alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9');
    if (!ascii_alnum) {
      return false;
    }
  }
  return true;
}

} // namespace slam::cfn
