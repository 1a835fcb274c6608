#pragma once

#include <stdexcept>
#include <string>

namespace slam {

// A failure to report to the user as "slam: error: <message>" (exit 1).
// Messages start lowercase, quote the user's values and end without a
// period.
class Error : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

// A wrong command line or configuration (exit 2).
class UsageError : public Error
{
public:
  using Error::Error;
};

// The user pressed Ctrl-C or the process got SIGTERM (exit 130).
class Interrupted : public Error
{
public:
  Interrupted() : Error("interrupted") {}
  // MESSAGE says what goes on without slam; it starts with "interrupted".
  explicit Interrupted(const std::string& message) : Error(message) {}
};

} // namespace slam
