#include "slam/package/requirements_file.hpp"

#include "slam/util/files.hpp"

#include <set>

namespace slam::package {
namespace {

namespace fs = std::filesystem;

// Reads files once each, so an include cycle ends.
class RequirementsReader
{
public:
  explicit RequirementsReader(Strictness strictness) : m_strictness(strictness)
  {
  }

  void read(const fs::path& file, const std::string& name, bool parse)
  {
    if (!m_seen.insert(fs::weakly_canonical(file)).second) {
      return;
    }
    m_set.files.push_back(file);
    auto content = util::read_file(file);
    if (!parse) {
      return;
    }
    auto text = parse_requirements(content, name, m_strictness);
    for (auto& requirement : text.requirements) {
      m_set.requirements.push_back(std::move(requirement));
    }
    for (auto& skipped : text.skipped) {
      m_set.skipped.push_back(std::move(skipped));
    }
    // pip resolves an included file next to the file that names it.
    auto folder = file.parent_path();
    auto name_folder = fs::path(name).parent_path();
    for (const auto& include : text.includes) {
      read(folder / include, (name_folder / include).string(), true);
    }
    for (const auto& constraint : text.constraints) {
      read(folder / constraint, (name_folder / constraint).string(), false);
    }
  }

  RequirementsSet take() { return std::move(m_set); }

private:
  Strictness m_strictness;
  RequirementsSet m_set;
  std::set<fs::path> m_seen;
};

} // namespace

RequirementsSet read_requirements(const std::filesystem::path& file,
                                  const std::string& name,
                                  Strictness strictness)
{
  RequirementsReader reader(strictness);
  reader.read(file, name, true);
  return reader.take();
}

} // namespace slam::package
