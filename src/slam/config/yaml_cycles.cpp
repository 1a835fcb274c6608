#include "slam/config/yaml_cycles.hpp"

#include <algorithm>
#include <sstream>
#include <vector>
#include <yaml-cpp/eventhandler.h>

namespace slam::config {
namespace {

// Follows the parser's events with the anchors of the collections open at
// each point (an alias to one of them is inside its own value), and
// counts documents.
class ShapeFinder : public YAML::EventHandler
{
public:
  YamlShape shape;

  void OnDocumentStart(const YAML::Mark& mark) override
  {
    if (++m_documents == 2) {
      shape.second_document = mark;
    }
  }
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
    if (!shape.self_alias &&
        std::find(m_open.begin(), m_open.end(), anchor) != m_open.end()) {
      shape.self_alias = mark;
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
  int m_documents = 0;
};

} // namespace

YamlShape scan_yaml(const std::string& text)
{
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  ShapeFinder finder;
  // Two documents are enough to know.
  for (int i = 0; i < 2 && parser.HandleNextDocument(finder); ++i) {
  }
  return finder.shape;
}

} // namespace slam::config
