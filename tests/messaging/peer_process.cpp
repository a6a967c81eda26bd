#include "messaging/peer_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace voronka::test {
namespace {

bool Reap(pid_t pid, std::chrono::milliseconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid || done < 0) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

}  // namespace

PeerProcess::PeerProcess(const std::string& script, std::vector<std::string> args) {
    std::random_device random;
    dir_ = std::filesystem::temp_directory_path() /
           ("voronka-peer-" + std::to_string(getpid()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(dir_);
    log_ = dir_ / "log.jsonl";
    const auto port_file = dir_ / "port";
    std::vector<std::string> argv_text{"/usr/bin/python3",
                                       std::string(VORONKA_PEERS_DIR) + "/" + script,
                                       "--port-file",
                                       port_file.string(),
                                       "--log",
                                       log_.string()};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_text) argv.push_back(arg.data());
    argv.push_back(nullptr);

    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        execv(argv[0], argv.data());
        _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        std::ifstream in(port_file);
        if (in >> port_) return;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("peer " + script + " exited before writing its port");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    Kill();
    throw std::runtime_error("peer " + script + " wrote no port within 10 s");
}

PeerProcess::~PeerProcess() {
    if (pid_ > 0) {
        kill(pid_, SIGTERM);
        if (!Reap(pid_, std::chrono::seconds(3))) Kill();
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

void PeerProcess::Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    Reap(pid_, std::chrono::seconds(5));
    pid_ = -1;
}

std::vector<nlohmann::json> PeerProcess::Lines() const {
    std::vector<nlohmann::json> lines;
    std::ifstream in(log_);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t pos = 0;
    while (true) {
        const auto end = text.find('\n', pos);
        if (end == std::string::npos) break;  // a line still being written
        lines.push_back(nlohmann::json::parse(text.substr(pos, end - pos)));
        pos = end + 1;
    }
    return lines;
}

std::vector<nlohmann::json> PeerProcess::WaitForLines(std::size_t count,
                                                      std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto lines = Lines();
    while (lines.size() < count && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        lines = Lines();
    }
    return lines;
}

}  // namespace voronka::test
