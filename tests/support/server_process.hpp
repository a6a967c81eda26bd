// Runs the real `voronka` binary for the API tests: a server in the background on a free
// loopback port, and one-shot sub-commands (`demo`, `user add`, `migrate`, `version`). Owned by
// the tests. The binary is $VORONKA_BINARY (set by voronka_add_test in cmake/Testing.cmake).
//
// Children inherit this process's environment plus the extra variables given, and run in a
// fresh temporary directory (so a `voronka.conf` or `data/` of the caller's directory never
// leaks in). Not thread-safe: one ServerProcess is driven from one thread.
//
//     ServerProcess server({.database_url = db.url()});
//     HttpClient http(server.base_url());
//     ...
//     EXPECT_EQ(server.Stop(), 0);
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace voronka::test {

// The path in $VORONKA_BINARY; throws std::runtime_error when it is unset.
std::filesystem::path VoronkaBinary();

// How a finished process ended: its exit status, or 128 + the signal that killed it.
struct CommandResult {
    int exit_code = -1;
    std::string out;  // everything it wrote to stdout
    std::string err;  // everything it wrote to stderr
};

struct CommandOptions {
    std::string stdin_text;                  // written to its stdin, which is then closed
    std::map<std::string, std::string> env;  // added to (or replacing) the inherited ones
    std::chrono::seconds timeout{60};        // killed with SIGKILL after this long
};

// Runs `voronka ARGS...` to its end. Throws std::runtime_error when it cannot be started or
// overruns the timeout (the message carries what it wrote so far).
CommandResult RunVoronka(const std::vector<std::string>& args, const CommandOptions& options = {});

struct ServerOptions {
    std::string database_url;                // passed as --database
    std::string listen = "127.0.0.1:0";      // passed as --listen; port 0 picks a free one
    std::vector<std::string> extra_args;     // after `serve`
    std::map<std::string, std::string> env;  // added to (or replacing) the inherited ones
    std::chrono::seconds start_timeout{30};  // to print its `listening on` line
};

// `voronka serve` in the background. Started by the constructor, which returns once the server
// printed `voronka: listening on http://HOST:PORT`; stopped (SIGKILL) by the destructor when a
// test did not Stop() it.
class ServerProcess {
public:
    // Throws std::runtime_error with the server's stderr when it exits, or prints nothing,
    // before start_timeout.
    explicit ServerProcess(ServerOptions options);
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    ~ServerProcess();

    pid_t pid() const { return pid_; }
    const std::string& host() const { return host_; }
    int port() const { return port_; }
    // "http://HOST:PORT"
    std::string base_url() const;

    // Sends SIGTERM and waits (up to `timeout`, then SIGKILL) for the process to end; answers
    // its exit status (128 + signal when a signal killed it). Idempotent.
    int Stop(std::chrono::seconds timeout = std::chrono::seconds(30));
    // Sends `signal` without waiting.
    void Signal(int signal);
    // Waits (up to `timeout`) for the process to end by itself; the exit status, or -1 when it
    // is still running.
    int Wait(std::chrono::milliseconds timeout);
    // Kills it with SIGKILL and reaps it. Idempotent.
    void Kill();
    bool running() const { return pid_ > 0; }

    // What the server wrote to stderr so far (its log).
    std::string Stderr() const;
    // What the server wrote to stdout so far.
    std::string Stdout() const;

private:
    void DrainStdout();

    ServerOptions options_;
    std::filesystem::path dir_;  // working directory and stderr.log
    pid_t pid_ = -1;
    int exit_code_ = -1;
    int stdout_fd_ = -1;
    std::thread stdout_reader_;
    mutable std::mutex stdout_mutex_;
    std::condition_variable stdout_changed_;
    std::string stdout_text_;
    bool stdout_closed_ = false;
    std::string host_;
    int port_ = 0;
};

}  // namespace voronka::test
