#include "slam/config/yaml_cycles.hpp"

#include <algorithm>
#include <sstream>
#include <vector>
#include <yaml-cpp/eventhandler.h>

namespace slam::config {
namespace {

// Follows the parser's events with the anchors of the collections open at
// each point: an alias to one of them is inside its own value.
class SelfAliasFinder : public YAML::EventHandler
{
public:
  std::optional<YAML::Mark> found;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&,
                const std::string&,
                YAML::anchor_t,
                const std::string&) override
  {
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    if (!found &&
        std::find(m_open.begin(), m_open.end(), anchor) != m_open.end()) {
      found = mark;
    }
  }

  void OnSequenceStart(const YAML::Mark&,
                       const std::string&,
                       YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override
  {
    m_open.push_back(anchor);
  }
  void OnSequenceEnd() override { m_open.pop_back(); }

  void OnMapStart(const YAML::Mark&,
                  const std::string&,
                  YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override
  {
    m_open.push_back(anchor);
  }
  void OnMapEnd() override { m_open.pop_back(); }

private:
  std::vector<YAML::anchor_t> m_open; // 0 (no anchor) matches no alias
};

} // namespace

std::optional<YAML::Mark> find_self_alias(const std::string& text)
{
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  SelfAliasFinder finder;
  while (!finder.found && parser.HandleNextDocument(finder)) {
  }
  return finder.found;
}

} // namespace slam::config
