#pragma once

#include "slam/local/front_door.hpp"
#include "slam/util/unique_fd.hpp"

namespace slam::local {

// What a client connection of the front door is served with.
struct ClientSettings
{
  int port = 0; // the port the server listens on
  bool access_log = true;
  int stop_event = -1; // readable when the server stops
};

// Serve the requests of CLIENT, a connected socket, with FRONT_DOOR until
// the client closes, stays idle too long, sends what is not HTTP/1.x or
// the server stops.
void serve_client(util::UniqueFd client,
                  const FrontDoor& front_door,
                  const ClientSettings& settings);

} // namespace slam::local
