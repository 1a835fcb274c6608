#pragma once

#include "slam/aws/logs.hpp"
#include "slam/aws/session.hpp"
#include "slam/config/config.hpp"
#include "slam/deploy/log_events.hpp"
#include "slam/deploy/log_sources.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::deploy {

// What `slam logs` was asked for.
struct LogsOptions
{
  std::string stage; // empty: the devstage
  std::chrono::milliseconds period{60'000};
  bool tail = false;
  // How often --tail asks for new events.
  std::chrono::milliseconds poll_interval{2'000};
  // How far each --tail window reaches back before the previous read, so
  // that events CloudWatch receives late are not lost. Repeats are
  // dropped by event id.
  std::chrono::milliseconds overlap{30'000};
};

// Reads the events of a stage's log groups, window after window, and
// returns each event once.
class LogReader
{
public:
  LogReader(aws::Session& session, std::vector<LogSource> sources);

  // Return the events of every source from START on that this reader has
  // not returned before, in time order.
  std::vector<LogLine> read_since(aws::Timestamp start);

private:
  // Return the events of SOURCE from START on that belong to the stage.
  std::vector<LogLine> read_source(const LogSource& source,
                                   aws::Timestamp start);

  aws::Logs m_logs;
  std::vector<LogSource> m_sources;
  SeenEvents m_seen;
};

// Takes a batch of printed lines; returns false when nobody reads them
// any more (a closed pipe), which ends the command.
using LogPrinter = std::function<bool(std::string_view text)>;

// Waits between two reads of --tail; returns false to stop (Ctrl-C).
using TailWait = std::function<bool(std::chrono::milliseconds interval)>;

// Return the log groups of STAGE (empty: the devstage) of the deployed
// project. Throw UsageError for an unknown stage, and slam::Error when the
// project or the stage is not deployed.
std::vector<LogSource> stage_log_sources(const config::Config& config,
                                         aws::Session& session,
                                         const std::string& stage);

// Print, through PRINT, the events of SOURCES from OPTIONS.period ago
// until now, and with OPTIONS.tail the new ones after each WAIT until it
// returns false. Return how many events were printed.
std::size_t show_logs(aws::Session& session,
                      const std::vector<LogSource>& sources,
                      const LogsOptions& options,
                      const LogPrinter& print,
                      const TailWait& wait);

} // namespace slam::deploy
