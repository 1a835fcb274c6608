#include "slam/config/schedule_expression.hpp"

#include "slam/util/text.hpp"

#include <array>
#include <charconv>
#include <fmt/core.h>
#include <regex>
#include <vector>

namespace slam::config {
namespace {

// One field of an EventBridge cron expression, with the extras it allows.
struct CronField
{
  std::string_view name;
  int low;
  int high;
  std::vector<std::string_view> names; // names of low, low + 1, ...
  bool day_of_month = false;           // allows ?, L, LW, nW
  bool day_of_week = false;            // allows ?, L, nL, n#k
  std::string_view hint;
};

const std::array<CronField, 6>& cron_fields()
{
  static const std::array<CronField, 6> fields = {
      CronField{"minutes", 0, 59, {}, false, false, "0-59, with , - * /"},
      CronField{"hours", 0, 23, {}, false, false, "0-23, with , - * /"},
      CronField{
          "day-of-month", 1, 31, {}, true, false, "1-31, with , - * ? / L W"},
      CronField{"month",
                1,
                12,
                {"JAN",
                 "FEB",
                 "MAR",
                 "APR",
                 "MAY",
                 "JUN",
                 "JUL",
                 "AUG",
                 "SEP",
                 "OCT",
                 "NOV",
                 "DEC"},
                false,
                false,
                "1-12 or JAN-DEC, with , - * /"},
      CronField{"day-of-week",
                1,
                7,
                {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"},
                false,
                true,
                "1-7 or SUN-SAT, with , - * ? L #"},
      CronField{
          "year", 1970, 2199, {}, false, false, "1970-2199, with , - * /"},
  };
  return fields;
}

std::optional<int> number(std::string_view text)
{
  int value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// Return whether TEXT is one value of FIELD: a number in range or a name.
bool is_value(const CronField& field, std::string_view text)
{
  if (auto value = number(text)) {
    return *value >= field.low && *value <= field.high;
  }
  auto upper = std::string(text);
  for (auto& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  for (const auto& name : field.names) {
    if (upper == name) {
      return true;
    }
  }
  return false;
}

// Return whether ITEM is "*", "V" or "V-V", optionally followed by "/STEP".
bool is_range(const CronField& field, std::string_view item)
{
  auto slash = item.find('/');
  if (slash != std::string_view::npos) {
    auto step = number(item.substr(slash + 1));
    if (!step || *step < 1) {
      return false;
    }
    item = item.substr(0, slash);
  }
  if (item == "*") {
    return true;
  }
  auto dash = item.find('-');
  if (dash == std::string_view::npos) {
    return is_value(field, item);
  }
  return is_value(field, item.substr(0, dash)) &&
         is_value(field, item.substr(dash + 1));
}

// The last-day and weekday forms: L, LW and nW in day-of-month; L, nL
// and n#k (the k-th weekday n of the month) in day-of-week.
bool is_special_day(const CronField& field, std::string_view item)
{
  if (field.day_of_month) {
    return item == "L" || item == "LW" ||
           (item.size() > 1 && item.back() == 'W' &&
            is_value(field, item.substr(0, item.size() - 1)));
  }
  if (field.day_of_week) {
    auto hash = item.find('#');
    if (hash != std::string_view::npos) {
      auto nth = number(item.substr(hash + 1));
      return is_value(field, item.substr(0, hash)) && nth && *nth >= 1 &&
             *nth <= 5;
    }
    return item == "L" || (item.size() > 1 && item.back() == 'L' &&
                           is_value(field, item.substr(0, item.size() - 1)));
  }
  return false;
}

bool is_valid_field(const CronField& field, const std::string& text)
{
  if (text == "?") {
    return field.day_of_month || field.day_of_week;
  }
  std::size_t start = 0;
  while (true) {
    auto end = text.find(',', start);
    auto item = std::string_view(text).substr(start, end - start);
    if (!is_range(field, item) && !is_special_day(field, item)) {
      return false;
    }
    if (end == std::string::npos) {
      return true;
    }
    start = end + 1;
  }
}

std::optional<std::string> check_cron(const std::string& body)
{
  auto fields = util::split_list(body, ' ');
  if (fields.size() != cron_fields().size()) {
    return fmt::format("must have 6 cron fields (minutes hours day-of-month "
                       "month day-of-week year), not {}",
                       fields.size());
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& field = cron_fields()[i];
    if (!is_valid_field(field, fields[i])) {
      return fmt::format("has an invalid {} field '{}' (expected {})",
                         field.name,
                         fields[i],
                         field.hint);
    }
  }
  if ((fields[2] == "?") == (fields[4] == "?")) {
    return "must have '?' in exactly one of day-of-month and day-of-week, "
           "as EventBridge cannot combine the two";
  }
  return std::nullopt;
}

std::optional<std::string> check_rate(const std::string& body)
{
  static const std::regex pattern("([0-9]+) (minute|hour|day)(s?)");
  std::smatch match;
  auto value = std::optional<int>();
  if (std::regex_match(body, match, pattern)) {
    value = number(match.str(1));
  }
  if (!value || *value < 1) {
    return "must be rate(VALUE UNIT) with a whole VALUE of at least 1 and a "
           "UNIT of minutes, hours or days";
  }
  auto unit = match.str(2);
  if (*value == 1 && match.length(3) != 0) {
    return fmt::format("must use a singular unit for 1: rate(1 {})", unit);
  }
  if (*value > 1 && match.length(3) == 0) {
    return fmt::format(
        "must use a plural unit above 1: rate({} {}s)", *value, unit);
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string>
check_schedule_expression(const std::string& expression)
{
  auto inside = [&](std::string_view prefix) -> std::optional<std::string> {
    if (expression.starts_with(prefix) && expression.ends_with(')')) {
      return expression.substr(prefix.size(),
                               expression.size() - prefix.size() - 1);
    }
    return std::nullopt;
  };
  if (auto body = inside("cron(")) {
    return check_cron(*body);
  }
  if (auto body = inside("rate(")) {
    return check_rate(*body);
  }
  return "must be rate(VALUE UNIT) or cron(MINUTES HOURS DAY-OF-MONTH MONTH "
         "DAY-OF-WEEK YEAR)";
}

} // namespace slam::config
