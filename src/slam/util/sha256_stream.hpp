#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slam::util {

// A SHA-256 computed piece by piece whose running state can be saved and
// taken up again later, in another process: a file whose first part is
// unchanged is then hashed from where that part ends, not from its start.
class Sha256Stream
{
public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream& other);
  Sha256Stream& operator=(const Sha256Stream& other);

  // Hash DATA after what was hashed before.
  void update(std::string_view data);

  // Return the state after all that was hashed, as bytes that resume()
  // takes back; they hold no more than the compression function's chaining
  // values, the length so far and the bytes of the last partial block.
  std::string state() const;

  // Return a stream that goes on from STATE, or nothing when STATE is not
  // one that state() returns.
  static std::optional<Sha256Stream> resume(std::string_view state);

  // Return the digest of all that was hashed as 64 lowercase hex digits;
  // the stream itself can go on.
  std::string hex_digest() const;

private:
  struct Context;
  Context* m_context;
};

} // namespace slam::util
