#pragma once

#include "slam/package/project_files.hpp"

#include <string_view>
#include <vector>

namespace slam::config {
struct Config;
}

namespace slam::package {

// Return whether the dotted MODULE ("a.b.c") can be imported from the
// root of a package holding FILES: as a/b/c.py, a package a/b/c/ (with an
// __init__.py or, as a namespace package, without), or a native extension
// a/b/c.so or a/b/c.<tag>.so.
bool has_module(std::string_view module, const std::vector<PackageFile>& files);

// Throw slam::Error when CONFIG's function.module cannot be imported from
// a package holding FILES, so that a typo or an exclude fails the build,
// not every request.
void check_module(const config::Config& config,
                  const std::vector<PackageFile>& files);

} // namespace slam::package
