#include "slam/aws/curl_library.hpp"

#include "slam/util/error.hpp"

#include <dlfcn.h>
#include <fmt/core.h>
#include <mutex>

namespace slam::aws {
namespace {

// The name Debian's libcurl4 (OpenSSL flavour) installs the library under.
constexpr const char* k_library = "libcurl.so.4";

template <typename Function>
void resolve(void* library, const char* name, Function& function)
{
  function = reinterpret_cast<Function>(::dlsym(library, name));
  if (function == nullptr) {
    throw Error(fmt::format("{} has no function {}", k_library, name));
  }
}

CurlLibrary load()
{
  void* library = ::dlopen(k_library, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* reason = ::dlerror();
    throw Error(fmt::format("cannot load {}: {}; install libcurl4",
                            k_library,
                            reason ? reason : "unknown error"));
  }
  CurlLibrary curl{};
  resolve(library, "curl_global_init", curl.global_init);
  resolve(library, "curl_easy_init", curl.easy_init);
  resolve(library, "curl_easy_cleanup", curl.easy_cleanup);
  resolve(library, "curl_easy_reset", curl.easy_reset);
  resolve(library, "curl_easy_setopt", curl.easy_setopt);
  resolve(library, "curl_easy_perform", curl.easy_perform);
  resolve(library, "curl_easy_getinfo", curl.easy_getinfo);
  resolve(library, "curl_easy_strerror", curl.easy_strerror);
  resolve(library, "curl_slist_append", curl.slist_append);
  resolve(library, "curl_slist_free_all", curl.slist_free_all);
  // Never unloaded: handles live as long as the process.
  curl.global_init(CURL_GLOBAL_DEFAULT);
  return curl;
}

} // namespace

const CurlLibrary& curl_library()
{
  static std::once_flag loaded;
  static CurlLibrary library{};
  static std::exception_ptr failure;
  std::call_once(loaded, [] {
    try {
      library = load();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  if (failure) {
    std::rethrow_exception(failure);
  }
  return library;
}

} // namespace slam::aws
