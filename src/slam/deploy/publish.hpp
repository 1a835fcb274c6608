#pragma once

#include "slam/aws/session.hpp"
#include "slam/aws/stack.hpp"
#include "slam/config/config.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace slam::deploy {

// What `slam publish` was asked for.
struct PublishOptions
{
  std::string stage;   // the stage to point at the version
  std::string version; // a stage name or a version number; empty: devstage
};

// Where the version comes from: a stage (whose version is found in the
// stack) or a number given on the command line.
struct VersionSource
{
  std::string stage;   // empty when a number was given
  std::string version; // the number given; empty for a stage

  friend bool operator==(const VersionSource&, const VersionSource&) = default;
};

// How publish finds the version number.
struct VersionPlan
{
  bool publish_new = false; // the source is at $LATEST: publish its code
  std::string version;      // otherwise, the number to reuse

  friend bool operator==(const VersionPlan&, const VersionPlan&) = default;
};

// What publish did.
struct PublishResult
{
  std::string stage;      // the stage that now points at VERSION
  std::string version;    // the version number
  std::string from;       // the source stage; empty when a number was given
  bool published = false; // a version was published from FROM's code
  bool changed = false;   // false: STAGE pointed at VERSION already
};

// Return what --version VERSION names for a publish into TARGET: a stage
// of CONFIG (the devstage when empty) or a version number. Throw
// UsageError when it is neither, or when it is TARGET itself.
VersionSource parse_version_source(const config::Config& config,
                                   const std::string& target,
                                   const std::string& version);

// Return how to get the version of SOURCE from the deployed STACK: publish
// a new one when SOURCE is a stage at $LATEST, or reuse a number. Throw
// slam::Error when the stack does not have SOURCE's stage.
VersionPlan plan_version(const config::Config& config,
                         const aws::Stack& stack,
                         const VersionSource& source);

// Point a stage at a published Lambda version as OPTIONS say, publishing
// one when needed, and update the stack's version parameter of that stage
// (nothing else: the deployed template and the other parameters stay).
PublishResult publish(const config::Config& config,
                      aws::Session& session,
                      const PublishOptions& options);

// Return the version number in ANSWER, Lambda's PublishVersion answer;
// throw slam::Error when it holds none.
std::string published_version(const nlohmann::json& answer);

// Return the line that says what publish did.
std::string render_publish(const PublishResult& result);

} // namespace slam::deploy
