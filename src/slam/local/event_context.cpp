#include "slam/local/event_context.hpp"

namespace slam::local {

std::string domain_prefix(const std::string& domain_name)
{
  return domain_name.substr(0, domain_name.find('.'));
}

} // namespace slam::local
