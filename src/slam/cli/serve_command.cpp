#include "slam/cli/command.hpp"
#include "slam/cli/option_checks.hpp"
#include "slam/cli/project.hpp"
#include "slam/deploy/deploy.hpp"
#include "slam/local/front_door.hpp"
#include "slam/local/local_function.hpp"
#include "slam/local/local_server.hpp"
#include "slam/local/project_watch.hpp"
#include "slam/local/worker_environment.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/log.hpp"

#include <atomic>
#include <cstdio>
#include <fmt/core.h>
#include <memory>
#include <thread>

namespace slam::cli {
namespace {

using namespace std::chrono_literals;

// What `slam serve` is asked for.
struct ServeOptions
{
  std::string stage; // empty: the devstage
  std::string host = "127.0.0.1";
  // Django's runserver, gunicorn, uvicorn and chalice local use 8000 too:
  // a Python web developer's tools and bookmarks expect it.
  int port = 8000;
  int workers = 0; // 0: the number of cores
  bool reload = false;
  std::string python;
};

// How often --reload looks at the project's files, and how long it lets
// an editor finish writing before it rebuilds.
constexpr auto k_poll_interval = 500ms;
constexpr auto k_settle_time = 200ms;

// Rebuild and restart the workers with the reloaded slam.yaml; a failure
// leaves the old workers serving.
void reload_function(local::LocalFunction& function,
                     const GlobalOptions& global)
{
  util::note("a project file changed: rebuilding");
  try {
    function.reload(load_project(global));
    util::note("reloaded: new requests go to the new workers");
  } catch (const Error& error) {
    util::warn(
        fmt::format("the reload failed, the previous version keeps serving: {}",
                    error.what()));
  }
}

// Poll the project until STOP is set, reloading FUNCTION on a change.
void watch_project(local::LocalFunction& function,
                   const GlobalOptions& global,
                   const std::filesystem::path& project_dir,
                   const std::atomic<bool>& stop)
{
  local::ProjectWatch watch(project_dir);
  while (!stop) {
    std::this_thread::sleep_for(k_poll_interval);
    if (!stop && watch.changed()) {
      do {
        std::this_thread::sleep_for(k_settle_time);
      } while (watch.changed() && !stop);
      if (!stop) {
        reload_function(function, global);
      }
    }
  }
}

// Stop SERVER once SIGINT or SIGTERM arrives or DONE is set.
void stop_on_interrupt(local::LocalServer& server,
                       const std::atomic<bool>& done)
{
  while (!done && !util::interrupt_requested()) {
    std::this_thread::sleep_for(50ms);
  }
  server.stop();
}

local::FrontDoorSettings front_door_settings(const config::Config& config,
                                             const std::string& stage)
{
  local::FrontDoorSettings settings;
  settings.api = config.wsgi.api;
  settings.stage = stage;
  // A stable id of API Gateway's length, from the project's name.
  settings.api_id = util::sha256_hex(config.name).substr(0, 10);
  settings.region = local::local_region(config, local::host_environment());
  return settings;
}

// A plain function gets API Gateway's events as any other, but it has no
// web app to turn them into pages: say how it is called instead.
void warn_of_plain_function(const config::Config& config)
{
  if (config.interface == config::Interface::function) {
    util::warn("'interface: function' is a plain function, with no HTTP "
               "front: serve passes it API Gateway events and answers 502 "
               "unless it returns proxy responses; 'slam invoke --local' "
               "calls it with an event of your own");
  }
}

int run_serve(const ServeOptions& options, const GlobalOptions& global)
{
  auto config = load_project(global);
  auto stage = deploy::resolve_stage(config, options.stage);
  warn_of_plain_function(config);

  // The port first: a taken one fails before any build.
  local::LocalServer server({options.host,
                             options.port,
                             local::ServerOptions{}.connections,
                             util::verbosity() != util::Verbosity::quiet});
  int port = server.bind();

  auto function = local::LocalFunction::start(
      config, {stage, options.workers, options.python});
  local::FrontDoor front_door(*function, front_door_settings(config, stage));
  // Ctrl-C and SIGTERM are how a server is stopped: they end the serving
  // cleanly, with status 0, as they do for gunicorn and Django's server.
  // From before the URL is printed: a client may stop the server as soon
  // as it reads it.
  util::DeferredInterrupts deferred;
  fmt::print("Serving {} stage {} on {}\n",
             config.name,
             stage,
             local::server_url(options.host, port, front_door.base_path()));
  std::fflush(stdout);

  std::atomic<bool> done = false;
  std::thread stopper(stop_on_interrupt, std::ref(server), std::cref(done));
  std::thread watcher;
  if (options.reload) {
    watcher = std::thread(watch_project,
                          std::ref(*function),
                          std::cref(global),
                          config.project_dir,
                          std::cref(done));
  }
  server.serve(front_door);
  done = true;
  stopper.join();
  if (watcher.joinable()) {
    watcher.join();
  }
  function.reset(); // stops the workers
  util::clear_interrupt();
  util::note("stopped");
  return 0;
}

} // namespace

Command make_serve_command()
{
  auto options = std::make_shared<ServeOptions>();
  return Command{
      "serve",
      "Run the package locally behind an emulated API",
      [options](CLI::App& sub) {
        sub.add_option("--stage", options->stage, "Stage to serve (devstage)")
            ->check(non_empty("stage"));
        sub.add_option("--host", options->host, "Address to listen on")
            ->capture_default_str()
            ->check(non_empty("host"));
        sub.add_option("--port", options->port, "Port (0: any free port)")
            ->capture_default_str()
            ->check(number_from_to("port", 0, 65535));
        sub.add_option("--workers",
                       options->workers,
                       "Worker processes (default: the number of cores)")
            ->check(number_from_to("number of workers", 1, 1024));
        sub.add_flag("--reload",
                     options->reload,
                     "Rebuild and restart the workers when a file changes");
        sub.add_option(
               "--python", options->python, "Python interpreter of the workers")
            ->check(non_empty("interpreter"));
      },
      [options](const GlobalOptions& global) {
        return run_serve(*options, global);
      }};
}

} // namespace slam::cli
