// api::Server with a constant, non-blocking handler: the cost of our server over the raw Beast
// floor (floor_server.cpp), without routing, authentication or storage.
//
// Usage: voronka_server_floor [PORT [IO_THREADS]]   (PORT 0, the default, picks a free port)
// Prints "listening on 127.0.0.1:PORT" once ready; stops on SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <string>

#include "api/server.hpp"

int main(int argc, char** argv) {
    using voronka::api::Dispatch;
    using voronka::api::Request;
    using voronka::api::Response;

    voronka::api::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = static_cast<unsigned short>(argc > 1 ? std::stoi(argv[1]) : 0);
    options.io_threads = argc > 2 ? std::stoi(argv[2]) : 2;
    spdlog::set_level(spdlog::level::warn);

    voronka::api::Server server(options, [](const Request&) {
        return Dispatch{[](Request&) { return Response{200, "text/plain", "ok", {}}; }, Dispatch::Pool::kIo};
    });
    server.Listen();
    std::printf("listening on 127.0.0.1:%u\n", server.port());
    std::fflush(stdout);
    server.Run();
    return 0;
}
