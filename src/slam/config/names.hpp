#pragma once

#include <optional>
#include <string>

namespace slam::config {

// Each check returns nothing when VALUE is valid, else what is expected
// of it, ready to follow "<key> ".

// A project name: the stack and function name ("my-app").
std::optional<std::string> check_project_name(const std::string& value);

// A stage name: a Lambda alias and an API stage ("prod", "eu-west_2").
std::optional<std::string> check_stage_name(const std::string& value);

// An environment variable name.
std::optional<std::string> check_variable_name(const std::string& value);

// A Python module path ("app", "pkg.web") or attribute name ("app").
std::optional<std::string> check_module(const std::string& value);
std::optional<std::string> check_attribute(const std::string& value);

// An S3 bucket name.
std::optional<std::string> check_bucket_name(const std::string& value);

// A DynamoDB table name as used in "<stage>.<table>".
std::optional<std::string> check_table_name(const std::string& value);

// A schedule name of the schedules plugin ("nightly", "warm-up").
std::optional<std::string> check_schedule_name(const std::string& value);

// An external plugin name, run as the program "slam-plugin-<name>".
std::optional<std::string> check_plugin_name(const std::string& value);

} // namespace slam::config
