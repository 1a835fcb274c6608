#include "slam/package/handler_config.hpp"

#include "slam/config/config.hpp"

namespace slam::package {
namespace {

// Bump when the handler must read the file differently.
constexpr int k_handler_config_version = 1;

nlohmann::json variables(const config::Variables& list)
{
  auto object = nlohmann::json::object();
  for (const auto& [name, value] : list) {
    object[name] = value;
  }
  return object;
}

// The wsgi settings the event adapter reads, always written so that the
// adapter never guesses a default.
nlohmann::json http_settings(const config::Wsgi& wsgi)
{
  return {
      {"base_path", wsgi.base_path},
      {"text_types", wsgi.text_types},
      {"binary_types", wsgi.binary_types},
  };
}

} // namespace

nlohmann::json handler_config(const config::Config& config)
{
  auto stages = nlohmann::json::object();
  for (const auto& stage : config.stages) {
    stages[stage.name] = variables(stage.environment);
  }
  return {
      {"version", k_handler_config_version},
      {"name", config.name},
      {"module", config.module},
      {"app", config.app},
      {"interface", config::to_string(config.interface)},
      {"devstage", config.devstage},
      {"environment", variables(config.environment)},
      {"stages", stages},
      {"http", http_settings(config.wsgi)},
  };
}

std::string handler_config_file(const nlohmann::json& config)
{
  // nlohmann::json keeps object keys sorted, so the dump is stable.
  return config.dump(2, ' ', true) + "\n";
}

} // namespace slam::package
