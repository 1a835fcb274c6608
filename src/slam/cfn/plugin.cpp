#include "slam/cfn/plugin.hpp"

#include "slam/cfn/plugins/dynamodb_tables.hpp"
#include "slam/cfn/plugins/wsgi.hpp"

namespace slam::cfn {

const std::vector<std::unique_ptr<Plugin>>& builtin_plugins()
{
  static const auto plugins = [] {
    std::vector<std::unique_ptr<Plugin>> list;
    list.push_back(std::make_unique<WsgiPlugin>());
    list.push_back(std::make_unique<DynamoDbTablesPlugin>());
    return list;
  }();
  return plugins;
}

} // namespace slam::cfn
