#pragma once

#include <curl/curl.h>

namespace slam::aws {

// The functions of libcurl that Slam calls, loaded when the first AWS
// request needs them: linked at start, libcurl and the thirty libraries
// it brings cost every command, most of which never talk to AWS, a
// millisecond or more in the dynamic loader.
struct CurlLibrary
{
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL* curl);
  void (*easy_reset)(CURL* curl);
  CURLcode (*easy_setopt)(CURL* curl, CURLoption option, ...);
  CURLcode (*easy_perform)(CURL* curl);
  CURLcode (*easy_getinfo)(CURL* curl, CURLINFO info, ...);
  const char* (*easy_strerror)(CURLcode code);
  curl_slist* (*slist_append)(curl_slist* list, const char* line);
  void (*slist_free_all)(curl_slist* list);
};

// Return libcurl's functions, loading it on the first call; throw
// slam::Error when it cannot be loaded.
const CurlLibrary& curl_library();

} // namespace slam::aws
