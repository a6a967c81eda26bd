// A python peer of tests/peers/ (sms_peer.py, smtp_peer.py, webhook_peer.py) run as a child
// process for the duration of a test: started with Debian's /usr/bin/python3, its port read from
// its port file, its JSON-lines log read back, stopped (SIGTERM, then SIGKILL) when destroyed.
// Used by the server-layer tests of messaging and by the outbox's end-to-end tests.
// Not thread-safe.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace voronka::test {

class PeerProcess {
public:
    // Starts tests/peers/<script> with `--port-file` and `--log` in a fresh temporary directory
    // plus `args`; waits at most 10 s for the port. Throws std::runtime_error when it fails.
    explicit PeerProcess(const std::string& script, std::vector<std::string> args = {});
    PeerProcess(const PeerProcess&) = delete;
    PeerProcess& operator=(const PeerProcess&) = delete;
    ~PeerProcess();

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    const std::filesystem::path& log_path() const { return log_; }

    // Every complete line of the log so far, parsed.
    std::vector<nlohmann::json> Lines() const;
    // Lines() once there are at least `count`, polling until `timeout`; fewer when it passes.
    std::vector<nlohmann::json> WaitForLines(
        std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

    // Sends SIGKILL and reaps the process (for tests of a peer that dies).
    void Kill();

private:
    std::filesystem::path dir_;
    std::filesystem::path log_;
    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace voronka::test
