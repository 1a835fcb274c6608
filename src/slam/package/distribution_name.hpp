#pragma once

#include <string>
#include <string_view>

namespace slam::package {

// Return the normal form of a distribution or extra NAME (PEP 503): lower
// case, with every run of '-', '_' and '.' made one '-'.
std::string normalize_name(std::string_view name);

} // namespace slam::package
