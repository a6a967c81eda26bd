// The HTTP server: Boost.Beast over Asio, keep-alive, limits, graceful stop. Owned by api; the
// only place in the program that includes Beast. Thread-safe: Run() blocks the caller, Stop()
// may be called from any thread or a signal handler's strand.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/http.hpp"

namespace voronka::api {

struct ServerOptions {
    // Address and port to listen on; port 0 picks a free port (see Server::port()).
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    // Threads doing socket I/O and running the fast handlers. Default: the number of cores.
    int io_threads = 0;
    // Threads running handlers marked blocking (password hashing). Default 4.
    int blocking_threads = 4;
    // Threads running handlers that write (Dispatch::Pool::kWrite). They spend most of their
    // time waiting for a commit, so there are many: on SQLite the writes waiting together are
    // committed together, and an I/O thread is never held by a disk flush. Default 32.
    int write_threads = 32;
    // Largest request body accepted; larger answers 413.
    std::size_t body_limit = 1024 * 1024;
    // Largest body of a request whose dispatch streams it to a file (Dispatch::body_to_file);
    // larger answers 413 and the partial file is removed.
    std::uint64_t upload_limit = std::uint64_t{2} << 30;
    // The directory such bodies are written to (created when missing); empty: the system's
    // temporary directory.
    std::string upload_dir;
    // Largest request header block accepted; larger answers 431.
    std::size_t header_limit = 16 * 1024;
    // A connection idle this long (between requests, or stalled in one) is closed.
    std::chrono::seconds idle_timeout{30};
    // An open response stream (server-sent events) with nothing to say writes a comment this
    // often, so that proxies and clients keep it open. Streams are exempt from idle_timeout.
    std::chrono::milliseconds stream_heartbeat{15000};
    // An open response stream is ended after this long (at its next heartbeat), so that its
    // client reconnects and is authenticated again (a revoked session, a changed role).
    std::chrono::milliseconds stream_max_age{std::chrono::minutes(10)};
    // On Stop(), in-flight requests get this long to finish before connections are closed.
    std::chrono::seconds shutdown_grace{10};
    // Open connections at most; a connection beyond it gets 503 and is closed at once.
    std::size_t max_connections = 10000;
    // Open connections at most that have not yet sent a request with valid credentials (new,
    // idle before signing in, or fetching public routes only); beyond it, as above. Lower than
    // max_connections, so that anonymous clients cannot take every connection.
    std::size_t max_unauthenticated_connections = 2000;
};

// How the server hands a request over: which threads run its handler.
struct Dispatch {
    enum class Pool {
        kIo,        // the I/O thread that read the request (quick handlers)
        kBlocking,  // the blocking pool (CPU-heavy work such as password hashing)
        kWrite,     // the write pool (handlers that wait for a commit)
    };
    std::function<Response(Request&)> handle;
    Pool pool = Pool::kIo;
    // False when the answer is decided by the head alone (401, 403, no route): the body is not
    // read (nor `100 Continue` sent), `handle` gets the request without it, and the connection
    // closes after the answer when a body was coming.
    bool read_body = true;
    // The body is streamed into a new file under ServerOptions::upload_dir instead of memory
    // (Request::body_file names it; Request::body stays empty), up to ServerOptions::upload_limit,
    // with the idle timeout applying between reads rather than to the whole body. The server
    // removes the file after `handle` returns: a handler that keeps the body renames it.
    bool body_to_file = false;
    // The request carried valid credentials: from now on its connection does not count as
    // unauthenticated (ServerOptions::max_unauthenticated_connections).
    bool authenticated = false;
};

// Chooses how to handle a request from its head, before its body is read (Request::body is
// empty; `handle` later gets the request with its body). Called on an I/O thread, must be cheap.
using Dispatcher = std::function<Dispatch(const Request&)>;

class Server {
public:
    Server(ServerOptions options, Dispatcher dispatcher);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens; throws std::runtime_error naming the address when it cannot.
    void Listen();
    // The port bound by Listen().
    unsigned short port() const;
    // Serves until Stop() or SIGINT/SIGTERM, then finishes in-flight requests and returns.
    void Run();
    // Stops accepting, ends open response streams, lets in-flight requests finish (up to
    // shutdown_grace), then returns from Run().
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace voronka::api
