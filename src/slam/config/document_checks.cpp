#include "slam/config/document_checks.hpp"

#include "slam/util/utf8.hpp"

#include <fmt/core.h>
#include <map>

namespace slam::config {
namespace {

class DocumentCheck
{
public:
  explicit DocumentCheck(Diagnostics& diagnostics) : m_diagnostics(diagnostics)
  {
  }

  // Return false once the budget of values is spent or the nesting is
  // too deep.
  bool visit(const YAML::Node& node, std::size_t depth = 0)
  {
    if (depth > k_max_depth) {
      // An alias inside its own anchor ("&a [*a]") nests without end:
      // every reader after this one would recurse until the stack ends.
      m_diagnostics.error(node,
                          fmt::format("values nest more than {} levels deep "
                                      "(a YAML alias inside its own "
                                      "anchor?)",
                                      k_max_depth));
      return false;
    }
    if (++m_values > k_max_values) {
      m_diagnostics.error(node,
                          fmt::format("the file expands to more than "
                                      "{} values (through YAML "
                                      "aliases?); simplify it",
                                      k_max_values));
      return false;
    }
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
      check_text(node);
      return true;
    case YAML::NodeType::Sequence:
      for (const auto& item : node) {
        if (!visit(item, depth + 1)) {
          return false;
        }
      }
      return true;
    case YAML::NodeType::Map:
      return visit_map(node, depth);
    default:
      return true;
    }
  }

private:
  bool visit_map(const YAML::Node& node, std::size_t depth)
  {
    std::map<std::string, int> first_line;
    for (const auto& entry : node) {
      if (!visit(entry.first, depth + 1) || !visit(entry.second, depth + 1)) {
        return false;
      }
      if (!entry.first.IsScalar()) {
        continue;
      }
      auto key = entry.first.Scalar();
      auto [it, inserted] =
          first_line.emplace(key, entry.first.Mark().line + 1);
      if (!inserted) {
        m_diagnostics.error(entry.first,
                            fmt::format("duplicate key '{}' (first at line "
                                        "{})",
                                        util::escape_utf8(key),
                                        it->second));
      }
    }
    return true;
  }

  void check_text(const YAML::Node& node)
  {
    const auto& text = node.Scalar();
    if (!util::is_valid_utf8(text)) {
      m_diagnostics.error(
          node,
          fmt::format("'{}' is not valid UTF-8 text", util::escape_utf8(text)));
    } else if (text.find('\0') != std::string::npos) {
      m_diagnostics.error(node,
                          fmt::format("'{}' contains a NUL character",
                                      util::escape_utf8(text)));
    }
  }

  Diagnostics& m_diagnostics;
  std::size_t m_values = 0;
};

} // namespace

bool check_document(const YAML::Node& root, Diagnostics& diagnostics)
{
  return DocumentCheck(diagnostics).visit(root);
}

} // namespace slam::config
