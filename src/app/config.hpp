// The program's configuration: defaults < config file < VORONKA_* environment < flags. Owned by
// app, the only module that reads files, the environment and flags. Plain struct.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace voronka::app {

struct Config {
    // Where the data lives: `sqlite:PATH` (created on first run) or
    // `postgresql://user[:password]@host:port/dbname`. Key `database`.
    std::string database = "sqlite:./data/voronka.db";
    // HOST:PORT the server listens on; port 0 picks a free one. Key `listen`.
    std::string listen = "127.0.0.1:8080";
    // Threads doing socket I/O and quick handlers; 0 = one per core. Key `io_threads`.
    int io_threads = 0;
    // Threads for slow handlers (password hashing, ~100 ms each). Key `blocking_threads`.
    int blocking_threads = 4;
    // Threads for handlers that write; they mostly wait for a commit, and on SQLite as many
    // writes as wait together are committed together. Key `write_threads`.
    int write_threads = 32;
    // Database connections in the pool (readers on SQLite). Raise with io_threads. Key `db_pool_size`.
    int db_pool_size = 8;
    // Largest request body in bytes; larger answers 413. Key `body_limit`.
    std::size_t body_limit = 1024 * 1024;
    // Largest uploaded file in bytes (an import's spreadsheet, a call's recording): such bodies
    // are streamed to disk, never held in memory; larger answers 413. Key `upload_limit`.
    std::size_t upload_limit = std::size_t{2} << 30;
    // Where files live: staged uploads, imports, call recordings. Back it up with the database.
    // Key `files_dir`.
    std::string files_dir = "./data/files";
    // Largest request header block in bytes. Key `header_limit`.
    std::size_t header_limit = 16 * 1024;
    // Seconds a connection may stay idle. Key `idle_timeout`.
    int idle_timeout_seconds = 30;
    // Milliseconds between heartbeats (`: ping`) of a quiet live stream (GET /api/v1/stream), so
    // that proxies keep it open; below any proxy's idle timeout. Key `stream_heartbeat_ms`.
    int stream_heartbeat_ms = 15000;
    // Milliseconds between two reads of what changed, for the live streams (only while one is
    // open). Key `stream_poll_ms`.
    int stream_poll_ms = 1000;
    // Seconds after which a live stream is ended, so that the browser reconnects and signs in
    // again with its session (a revoked session or a changed role applies by then); it refetches
    // its screen on reconnecting. Key `stream_max_age_seconds`.
    int stream_max_age_seconds = 600;
    // Open connections at most; more are answered 503 and closed. Keep it below the process's
    // descriptor limit (`ulimit -n`, minus the database connections). Key `max_connections`.
    int max_connections = 10000;
    // Open connections at most that have not yet sent valid credentials (new ones, and those
    // fetching only public routes); more are answered 503 and closed. Lower than
    // max_connections so that anonymous clients cannot hold every connection; raise it when
    // many people open the web UI at once. Key `max_unauthenticated_connections`.
    int max_unauthenticated_connections = 2000;
    // The origin users reach the server at, e.g. `https://crm.example.com`, when a proxy in
    // front of it changes the Host header. Writes authenticated by the session cookie must come
    // from this origin or from http(s)://<Host>; empty = Host alone. Key `public_origin`.
    std::string public_origin;
    // Hours a session lasts after sign-in. Key `session_ttl_hours`.
    int session_ttl_hours = 30 * 24;
    // trace, debug, info, warn, error or off. Key `log_level`.
    std::string log_level = "info";
    // SQLite durability: `full` survives a power cut (default), `normal` only a process crash.
    // Key `sqlite_synchronous`.
    std::string sqlite_synchronous = "full";
    // SQLite: concurrent write transactions committed together at most (group commit: one
    // flush to disk for the group, each answered after it). 1 commits each alone; raise only
    // when /metrics shows groups reaching it under load. Key `sqlite_group_commit`.
    int sqlite_group_commit = 64;
    // The built web UI (`npm run build` in web/) served at `/`; relative to the working directory,
    // the default fits `scripts/run.sh`. Empty: serve the API only. A directory that is missing
    // or has no index.html is reported at start-up and the API is served alone. Key `web_root`.
    std::string web_root = "./web/dist";
    // Mark the session cookie Secure; turn on when served over HTTPS. Key `secure_cookie`.
    bool secure_cookie = false;
    // Run the automation engine and the outbox's delivery workers in this process. Turn off for
    // a process that should only answer requests. Key `workers`.
    bool workers = true;
    // Threads delivering messages at once. Key `delivery_threads`.
    int delivery_threads = 4;
    // How long a delivering process holds a message (seconds); a message still `sending` after it
    // (the process died) is sent again. Longer than the longest attempt (60 s). Key
    // `delivery_lease_seconds`.
    int delivery_lease_seconds = 180;
};

// Where a setting's value comes from, for error messages.
struct ConfigSources {
    std::optional<std::string> file;                 // a config file of `key = value` lines
    std::map<std::string, std::string> environment;  // VORONKA_* variables
    std::map<std::string, std::string> flags;        // by key
};

// Builds the configuration from its sources in order of precedence and validates it. The error
// names the bad setting and where it came from ("listen (VORONKA_LISTEN): ...").
Result<Config> LoadConfig(const ConfigSources& sources);

// The VORONKA_* variables of this process's environment.
std::map<std::string, std::string> VoronkaEnvironment();

}  // namespace voronka::app
