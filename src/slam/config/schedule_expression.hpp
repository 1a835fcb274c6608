#pragma once

#include <optional>
#include <string>

namespace slam::config {

// Return nothing when EventBridge accepts EXPRESSION as a schedule, else
// what is expected of it, ready to follow "expression '<EXPRESSION>' ".
// Accepted: "rate(VALUE UNIT)", the unit singular for 1 and plural above
// ("rate(1 hour)", "rate(5 minutes)"), and "cron(MINUTES HOURS
// DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR)" with '?' in exactly one of the two
// day fields ("cron(0 3 * * ? *)").
std::optional<std::string>
check_schedule_expression(const std::string& expression);

} // namespace slam::config
