#pragma once

// The values of the wsgi section that the event adapter reads at run time
// (docs/adapter.md), as slam_config.json's "http" object carries them.

#include <optional>
#include <string>

namespace slam::config {

// Return nothing when BASE_PATH (a custom domain's base path) is valid,
// else what is expected of it, ready to follow "base_path '<value>' ":
// segments separated by '/', none empty (a leading and a trailing '/'
// are fine), ASCII (as the adapter requires) without whitespace or control
// characters, and without '?', '#' or '%', which could never match the
// adapter's decoded path.
std::optional<std::string> check_base_path(const std::string& base_path);

// Return BASE_PATH without its leading and trailing '/' ("/users/v1/"
// gives "users/v1"; "/" gives "").
std::string trim_base_path(const std::string& base_path);

// Return MEDIA_TYPE in lowercase (media types are case-insensitive).
std::string lowercase_media_type(const std::string& media_type);

// Return nothing when a lowercase media type pattern is valid, else what
// is expected of it, ready to follow "<key> entry '<value>' ": a
// "type/subtype", "type/*", "type/*+suffix" or "*/*", without parameters.
std::optional<std::string> check_media_type(const std::string& lowercase);

} // namespace slam::config
