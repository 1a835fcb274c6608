#include "slam/util/embedded.hpp"

#include <stdexcept>
#include <string>

namespace slam::util {

std::string_view embedded_file(std::string_view name)
{
  for (const auto* files : {&embedded_files(), &local_runtime_files()}) {
    for (const auto& file : *files) {
      if (file.name == name) {
        return file.content;
      }
    }
  }
  throw std::logic_error("no embedded file " + std::string(name));
}

} // namespace slam::util
