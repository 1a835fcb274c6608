#include "slam/cli/project.hpp"

#include "slam/config/load.hpp"

namespace slam::cli {

config::Config load_project(const GlobalOptions& global)
{
  return config::load_config(global.config_file);
}

aws::Session open_session(const GlobalOptions& global,
                          const config::Config& config)
{
  aws::ClientOptions options;
  options.profile = global.profile;
  options.region = global.region;
  options.endpoint_url = global.endpoint_url;
  return aws::Session(options, config.aws.region);
}

} // namespace slam::cli
