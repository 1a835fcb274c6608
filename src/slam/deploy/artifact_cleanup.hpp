#pragma once

#include "slam/aws/s3_xml.hpp"
#include "slam/aws/session.hpp"
#include "slam/config/config.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace slam::deploy {

// Return true when KEY names one of the project's packages: its prefix, a
// SHA-256 in hex, ".zip".
bool is_package_key(const config::Config& config, const std::string& key);

// Return true when KEY names one of the project's uploaded templates.
bool is_template_key(const config::Config& config, const std::string& key);

// Return the key of the package whose content has the SHA-256 that Lambda
// reports as CODE_SHA256 (base64), or nothing when it is not one.
std::optional<std::string> package_key_for_code(const config::Config& config,
                                                const std::string& code_sha256);

// Return the keys among OBJECTS that cleanup deletes: the project's
// packages that are not IN_USE and not among the KEEP most recently
// uploaded (a package as old as the KEEP-th newest counts as recent:
// S3 times have one-second steps), and its templates except
// CURRENT_TEMPLATE, or none when that is not known. Other keys are never
// chosen.
std::vector<std::string>
artifacts_to_delete(const config::Config& config,
                    const std::vector<aws::ObjectSummary>& objects,
                    const std::set<std::string>& in_use,
                    int keep,
                    const std::optional<std::string>& current_template);

// After a successful deploy or publish, delete from BUCKET the artifacts
// that artifacts_to_delete chooses, with the packages the deployed stack's
// stages use and package.keep_packages. CURRENT_TEMPLATE is the key of
// the template just deployed from S3 ("" when it went inline), or nothing
// when the stack kept its template. A failure is a warning: the deploy
// itself succeeded.
void clean_up_artifacts(const config::Config& config,
                        aws::Session& session,
                        const std::string& bucket,
                        const std::optional<std::string>& current_template);

} // namespace slam::deploy
