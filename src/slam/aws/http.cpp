#include "slam/aws/http.hpp"

#include "slam/aws/curl_library.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/core.h>
#include <memory>
#include <utility>

namespace slam::aws {
namespace {

// Collect the header lines of the final answer; a new status line (after
// "100 Continue", say) starts over.
size_t on_header(char* data, size_t size, size_t count, void* user)
{
  auto& headers = *static_cast<Headers*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers.clear();
  } else if (auto colon = line.find(':'); colon != line.npos) {
    auto value = line.substr(colon + 1);
    auto start = value.find_first_not_of(" \t");
    auto end = value.find_last_not_of(" \t\r\n");
    headers.emplace_back(std::string(line.substr(0, colon)),
                         start == value.npos ? ""
                                             : std::string(value.substr(
                                                   start, end - start + 1)));
  }
  return size * count;
}

// Where an answer's body goes, up to a size.
struct BodySink
{
  std::string& body;
  std::size_t limit;
  bool exceeded = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user)
{
  auto* sink = static_cast<BodySink*>(user);
  if (sink->body.size() + size * count > sink->limit) {
    sink->exceeded = true;
    return 0; // curl ends the transfer with CURLE_WRITE_ERROR
  }
  sink->body.append(data, size * count);
  return size * count;
}

size_t on_read(char* buffer, size_t size, size_t count, void* user)
{
  auto* file = static_cast<std::FILE*>(user);
  auto read = std::fread(buffer, size, count, file);
  return std::ferror(file) ? CURL_READFUNC_ABORT : read;
}

// Move the body file to OFFSET: curl sends a request again on a fresh
// connection when a reused one turns out dead, and must then rewind.
int on_seek(void* user, curl_off_t offset, int origin)
{
  auto* file = static_cast<std::FILE*>(user);
  return std::fseek(file, static_cast<long>(offset), origin) == 0
             ? CURL_SEEKFUNC_OK
             : CURL_SEEKFUNC_FAIL;
}

bool is_retryable(CURLcode code)
{
  switch (code) {
  case CURLE_COULDNT_CONNECT:
  case CURLE_OPERATION_TIMEDOUT:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
    return true;
  default:
    return false;
  }
}

// Return whether a transfer that failed with CODE may have delivered the
// request: only a connection that was never made certainly did not.
bool may_have_been_sent(CURLcode code)
{
  return code != CURLE_COULDNT_CONNECT && code != CURLE_COULDNT_RESOLVE_HOST &&
         code != CURLE_COULDNT_RESOLVE_PROXY && code != CURLE_SSL_CONNECT_ERROR;
}

// A curl header list that frees itself.
class HeaderList
{
public:
  HeaderList() = default;
  HeaderList(HeaderList&& other) noexcept
      : list(std::exchange(other.list, nullptr))
  {
  }
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;
  HeaderList& operator=(HeaderList&&) = delete;
  ~HeaderList()
  {
    if (list != nullptr) {
      curl_library().slist_free_all(list);
    }
  }

  void add(const std::string& line)
  {
    list = curl_library().slist_append(list, line.c_str());
  }

  curl_slist* list = nullptr;
};

struct FileCloser
{
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

HeaderList header_list(const Headers& headers)
{
  HeaderList list;
  for (const auto& [name, value] : headers) {
    list.add(fmt::format("{}: {}", name, value));
  }
  // curl would otherwise add "Expect: 100-continue" and a form content
  // type of its own.
  list.add("Expect:");
  if (!find_header(headers, "Content-Type")) {
    list.add("Content-Type:");
  }
  return list;
}

FilePtr open_body_file(const HttpRequest& request)
{
  if (!request.body_file) {
    return nullptr;
  }
  FilePtr file(std::fopen(request.body_file->c_str(), "rb"));
  if (!file) {
    throw Error(fmt::format("cannot read '{}': {}",
                            request.body_file->string(),
                            std::strerror(errno)));
  }
  return file;
}

void set_timeouts(CURL* curl, const HttpTimeouts& timeouts)
{
  curl_library().easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_library().easy_setopt(curl,
                             CURLOPT_CONNECTTIMEOUT_MS,
                             static_cast<long>(timeouts.connect.count()));
  curl_library().easy_setopt(
      curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts.total.count()));
  // A stalled transfer fails even without a total limit.
  curl_library().easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_library().easy_setopt(
      curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(timeouts.stall.count()));
}

// Send FILE when set (read as curl needs it), else the request's body.
void set_body(CURL* curl, const HttpRequest& request, std::FILE* file)
{
  if (file != nullptr) {
    curl_library().easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_library().easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
    curl_library().easy_setopt(curl, CURLOPT_READDATA, file);
    curl_library().easy_setopt(curl, CURLOPT_SEEKFUNCTION, on_seek);
    curl_library().easy_setopt(curl, CURLOPT_SEEKDATA, file);
    curl_library().easy_setopt(
        curl,
        CURLOPT_INFILESIZE_LARGE,
        static_cast<curl_off_t>(
            std::filesystem::file_size(*request.body_file)));
  } else if (!request.body.empty() || request.method == "POST" ||
             request.method == "PUT") {
    curl_library().easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_library().easy_setopt(curl,
                               CURLOPT_POSTFIELDSIZE_LARGE,
                               static_cast<curl_off_t>(request.body.size()));
  }
}

// Trust the certificate authorities of AWS_CA_BUNDLE, as the AWS CLI
// does (behind a proxy that inspects TLS, or for a private endpoint), and
// else the system's.
void set_ca_bundle(CURL* curl)
{
  const char* bundle = std::getenv("AWS_CA_BUNDLE");
  if (bundle == nullptr || *bundle == '\0') {
    return;
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(bundle, error)) {
    throw Error(
        fmt::format("AWS_CA_BUNDLE names '{}', which is not a file", bundle));
  }
  curl_library().easy_setopt(curl, CURLOPT_CAINFO, bundle);
}

void set_method(CURL* curl, const std::string& method)
{
  if (method == "HEAD") {
    curl_library().easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (method != "GET" && method != "POST") {
    curl_library().easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
}

} // namespace

HttpClient::HttpClient()
{
  m_curl = curl_library().easy_init();
  if (m_curl == nullptr) {
    throw Error("cannot initialise libcurl");
  }
}

HttpClient::~HttpClient()
{
  curl_library().easy_cleanup(static_cast<CURL*>(m_curl));
}

HttpResponse HttpClient::send(const HttpRequest& request,
                              const HttpTimeouts& timeouts)
{
  auto* curl = static_cast<CURL*>(m_curl);
  const auto& library = curl_library();
  library.easy_reset(curl); // keeps open connections
  HttpResponse response;
  HeaderList headers = header_list(request.headers);
  FilePtr file = open_body_file(request);
  curl_library().easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_library().easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  set_timeouts(curl, timeouts);
  set_ca_bundle(curl);
  set_body(curl, request, file.get());
  set_method(curl, request.method);
  curl_library().easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_library().easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  BodySink sink{response.body, request.max_answer};
  curl_library().easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_library().easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  auto code = library.easy_perform(curl);
  if (sink.exceeded) {
    throw TransportError(fmt::format("the answer is larger than {} KiB",
                                     request.max_answer / 1024),
                         false,
                         true);
  }
  if (code != CURLE_OK) {
    throw TransportError(library.easy_strerror(code),
                         is_retryable(code),
                         may_have_been_sent(code));
  }
  library.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

} // namespace slam::aws
