#include "slam/local/http_connection.hpp"

#include <gtest/gtest.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using slam::local::BodyLimits;
using slam::local::HttpConnection;
using slam::local::ReceivedRequest;
using Read = HttpConnection::Read;
using namespace std::chrono_literals;

namespace {

// A connection over a socket pair: the test writes the client's bytes.
class Pair
{
public:
  explicit Pair(BodyLimits limits = {})
  {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0);
    m_client = slam::util::UniqueFd(fds[1]);
    m_server =
        std::make_unique<HttpConnection>(slam::util::UniqueFd(fds[0]), limits);
  }

  void send(const std::string& bytes)
  {
    ASSERT_EQ(::write(m_client.get(), bytes.data(), bytes.size()),
              static_cast<ssize_t>(bytes.size()));
  }

  Read read(ReceivedRequest& request, std::chrono::milliseconds wait = 2s)
  {
    return m_server->read(request, std::chrono::steady_clock::now() + wait, -1);
  }

  // Return what the server wrote so far.
  std::string received()
  {
    std::string bytes;
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::read(m_client.get(), buffer, sizeof buffer)) > 0) {
      bytes.append(buffer, static_cast<std::size_t>(got));
    }
    return bytes;
  }

  HttpConnection& server() { return *m_server; }
  void close_client() { m_client.reset(); }

private:
  slam::util::UniqueFd m_client;
  std::unique_ptr<HttpConnection> m_server;
};

Read read_one(const std::string& bytes, ReceivedRequest& request)
{
  Pair pair;
  pair.send(bytes);
  return pair.read(request, 300ms);
}

} // namespace

TEST(HttpConnection, reads_a_request_with_its_headers_as_spelled)
{
  ReceivedRequest request;
  ASSERT_EQ(read_one("POST /dev/a?b=1 HTTP/1.1\r\nX-Thing:  v \r\n"
                     "content-length: 3\r\n\r\nabc",
                     request),
            Read::request);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/dev/a?b=1");
  EXPECT_EQ(request.protocol, "HTTP/1.1");
  EXPECT_EQ(request.headers.at(0).first, "X-Thing");
  EXPECT_EQ(request.header("x-thing"), "v");
  EXPECT_EQ(request.body, "abc");
  EXPECT_TRUE(request.keep_alive);
}

// Requests sent back to back without waiting come out one by one, in
// order, none lost.
TEST(HttpConnection, pipelined_requests_are_read_in_order)
{
  Pair pair;
  pair.send("GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 2\r\n"
            "\r\nhiGET /3 HTTP/1.1\r\nConnection: close\r\n\r\n");
  ReceivedRequest request;
  ASSERT_EQ(pair.read(request), Read::request);
  EXPECT_EQ(request.target, "/1");
  ASSERT_EQ(pair.read(request), Read::request);
  EXPECT_EQ(request.target, "/2");
  EXPECT_EQ(request.body, "hi");
  ASSERT_EQ(pair.read(request), Read::request);
  EXPECT_EQ(request.target, "/3");
  EXPECT_FALSE(request.keep_alive);
}

TEST(HttpConnection, chunked_bodies_are_decoded)
{
  ReceivedRequest request;
  ASSERT_EQ(read_one("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "3;x=y\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n"
                     "Trailer: t\r\n\r\n",
                     request),
            Read::request);
  EXPECT_EQ(request.body, "abc0123456789abcdef");
}

// Framing that a proxy and a server could read two ways is refused.
TEST(HttpConnection, ambiguous_framing_is_malformed)
{
  for (const char* head : {
           "Content-Length: -1\r\n",
           "Content-Length: 1\r\nContent-Length: 2\r\n",
           "Content-Length: 1, 2\r\n",
           "Content-Length: abc\r\n",
           "Content-Length: 99999999999999999999999\r\n",
           "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n",
           "Transfer-Encoding: gzip\r\n",
           "Bad Name: x\r\n",
           "X: a\x01b\r\n",
           "X: a\x7f\r\n",
       }) {
    ReceivedRequest request;
    EXPECT_EQ(
        read_one(std::string("POST / HTTP/1.1\r\n") + head + "\r\nx", request),
        Read::malformed)
        << head;
  }
}

// The same length twice is not ambiguous (RFC 9110 8.6).
TEST(HttpConnection, a_repeated_equal_length_is_taken)
{
  ReceivedRequest request;
  ASSERT_EQ(read_one("POST / HTTP/1.1\r\nContent-Length: 2\r\n"
                     "Content-Length: 2\r\n\r\nok",
                     request),
            Read::request);
  EXPECT_EQ(request.body, "ok");
}

TEST(HttpConnection, not_http_is_malformed)
{
  ReceivedRequest request;
  EXPECT_EQ(read_one("HELLO\r\n\r\n", request), Read::malformed);
  EXPECT_EQ(read_one("GET / HTTP/2.0\r\n\r\n", request), Read::malformed);
  EXPECT_EQ(read_one("GET / HTTP/1.1\r\n" + std::string(70000, 'a'), request),
            Read::malformed);
}

TEST(HttpConnection, a_body_over_the_refuse_limit_is_too_large_unread)
{
  Pair pair({10, 10});
  pair.send("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n");
  ReceivedRequest request;
  EXPECT_EQ(pair.read(request), Read::too_large);
  Pair chunked({10, 10});
  chunked.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
               "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.read(request), Read::too_large);
}

// A body over the keep limit is read to its end but kept only in part,
// with its whole length told.
TEST(HttpConnection, a_body_over_the_keep_limit_is_cut_and_measured)
{
  Pair pair({4});
  pair.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789"
            "GET /next HTTP/1.1\r\n\r\n");
  ReceivedRequest request;
  ASSERT_EQ(pair.read(request), Read::request);
  EXPECT_EQ(request.body, "0123");
  EXPECT_EQ(request.body_length, 10U);
  ASSERT_EQ(pair.read(request), Read::request);
  EXPECT_EQ(request.target, "/next");
}

// curl sends "Expect: 100-continue" before a large body and waits for it.
TEST(HttpConnection, expect_100_continue_is_answered_before_the_body)
{
  Pair pair;
  pair.send("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n"
            "\r\n");
  std::thread body([&] {
    std::this_thread::sleep_for(100ms);
    pair.send("ok");
  });
  ReceivedRequest request;
  EXPECT_EQ(pair.read(request), Read::request);
  body.join();
  EXPECT_EQ(request.body, "ok");
  EXPECT_EQ(pair.received(), "HTTP/1.1 100 Continue\r\n\r\n");
}

TEST(HttpConnection, a_silent_client_times_out_and_a_closed_one_is_closed)
{
  Pair pair;
  ReceivedRequest request;
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(pair.read(request, 200ms), Read::timed_out);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 190ms);
  pair.send("GET / HTT");
  EXPECT_EQ(pair.read(request, 200ms), Read::timed_out);
  pair.close_client();
  Pair closed;
  closed.close_client();
  EXPECT_EQ(closed.read(request), Read::closed);
}

TEST(HttpConnection, responses_carry_their_length_and_head_leaves_the_body)
{
  Pair pair;
  auto later = std::chrono::steady_clock::now() + 1s;
  ASSERT_TRUE(pair.server().respond(201, {{"A", "b"}}, "body", later));
  ASSERT_TRUE(pair.server().respond(200, {}, "body", later, false));
  EXPECT_EQ(pair.received(),
            "HTTP/1.1 201 Created\r\nA: b\r\nContent-Length: 4\r\n\r\nbody"
            "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n");
}

// RFC 9110 6.4.1: 204 and 304 answers carry no content and no length.
TEST(HttpConnection, no_content_statuses_send_no_body)
{
  Pair pair;
  auto later = std::chrono::steady_clock::now() + 1s;
  ASSERT_TRUE(pair.server().respond(204, {}, "dropped", later));
  ASSERT_TRUE(pair.server().respond(304, {{"ETag", "\"x\""}}, "gone", later));
  EXPECT_EQ(pair.received(),
            "HTTP/1.1 204 No Content\r\n\r\n"
            "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n");
}
