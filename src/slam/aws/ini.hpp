#pragma once

#include <map>
#include <string>
#include <string_view>

namespace slam::aws {

// The settings of one INI section, by lowercase name.
using IniSection = std::map<std::string, std::string>;

// The sections of an INI file by name, as written between the brackets.
using IniFile = std::map<std::string, IniSection>;

// Return the sections of TEXT, an INI file in the AWS CLI's dialect:
// `name = value` lines under `[section]` headers, `#` and `;` comments
// (also after a value, following whitespace), and indented `key = value`
// lines under an empty value stored as "parent.key". Throw
// slam::UsageError naming SOURCE and the line for anything else.
IniFile parse_ini(std::string_view text, std::string_view source);

} // namespace slam::aws
