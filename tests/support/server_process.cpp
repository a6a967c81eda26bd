#include "support/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

extern char** environ;

namespace voronka::test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kListeningPrefix = "voronka: listening on http://";

std::runtime_error SystemError(const std::string& what) {
    return std::runtime_error(what + ": " + std::strerror(errno));
}

// A fresh private directory under the system's temporary directory.
std::filesystem::path MakeTempDir(const std::string& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) throw SystemError("mkdtemp " + pattern);
    return pattern;
}

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int OpenFile(const std::filesystem::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0600);
    if (fd < 0) throw SystemError("open " + path.string());
    return fd;
}

// Exit status of a waitpid() status: the exit code, or 128 + the signal.
int ExitCodeOf(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

// Reaps `pid` if it has ended within `timeout`; answers its exit code or -1 (still running).
int WaitFor(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return ExitCodeOf(status);
        if (done < 0 && errno != EINTR) throw SystemError("waitpid");
        if (Clock::now() >= deadline) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

int KillAndReap(pid_t pid) {
    ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return ExitCodeOf(status);
}

// The environment of this process with `extra` added or replacing, as NAME=VALUE strings.
std::vector<std::string> ChildEnvironment(const std::map<std::string, std::string>& extra) {
    std::map<std::string, std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const auto eq = text.find('=');
        if (eq == std::string_view::npos) continue;
        env.emplace(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
    }
    for (const auto& [name, value] : extra) env[name] = value;
    std::vector<std::string> out;
    out.reserve(env.size());
    for (const auto& [name, value] : env) out.push_back(name + "=" + value);
    return out;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// Starts `voronka ARGS...` in `dir` with the given standard streams (which the child gets as
// 0, 1 and 2; the caller keeps and closes its copies).
pid_t SpawnVoronka(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                   const std::filesystem::path& dir, int stdin_fd, int stdout_fd, int stderr_fd) {
    std::vector<std::string> argv_strings{VoronkaBinary().string()};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<std::string> env_strings = ChildEnvironment(env);
    std::vector<char*> argv = CStrings(argv_strings);
    std::vector<char*> envp = CStrings(env_strings);
    const std::string dir_text = dir.string();

    const pid_t pid = ::fork();
    if (pid < 0) throw SystemError("fork");
    if (pid == 0) {
        // The child: only async-signal-safe calls from here on.
        if (::dup2(stdin_fd, 0) < 0 || ::dup2(stdout_fd, 1) < 0 || ::dup2(stderr_fd, 2) < 0) _exit(126);
        if (::chdir(dir_text.c_str()) != 0) _exit(126);
        ::signal(SIGPIPE, SIG_DFL);
        ::execve(argv[0], argv.data(), envp.data());
        constexpr char kMessage[] = "server_process: execve of $VORONKA_BINARY failed\n";
        [[maybe_unused]] const auto ignored = ::write(2, kMessage, sizeof(kMessage) - 1);
        _exit(127);
    }
    return pid;
}

std::string Describe(const std::vector<std::string>& args) {
    std::string out = "voronka";
    for (const auto& arg : args) out += " " + arg;
    return out;
}

}  // namespace

std::filesystem::path VoronkaBinary() {
    const char* path = std::getenv("VORONKA_BINARY");
    if (path == nullptr || *path == '\0') {
        throw std::runtime_error(
            "VORONKA_BINARY is not set: run the API tests through ctest (cmake/Testing.cmake sets "
            "it), or export VORONKA_BINARY=/path/to/build/src/app/voronka");
    }
    return path;
}

CommandResult RunVoronka(const std::vector<std::string>& args, const CommandOptions& options) {
    const std::filesystem::path dir = MakeTempDir("voronka-run-");
    struct Cleanup {
        std::filesystem::path dir;
        ~Cleanup() {
            std::error_code ignored;
            std::filesystem::remove_all(dir, ignored);
        }
    } cleanup{dir};
    const auto in_path = dir / "stdin";
    const auto out_path = dir / "stdout";
    const auto err_path = dir / "stderr";
    {
        std::ofstream in(in_path, std::ios::binary);
        in << options.stdin_text;
    }
    const int in_fd = OpenFile(in_path, O_RDONLY);
    const int out_fd = OpenFile(out_path, O_WRONLY | O_CREAT | O_TRUNC);
    const int err_fd = OpenFile(err_path, O_WRONLY | O_CREAT | O_TRUNC);
    pid_t pid = -1;
    try {
        pid = SpawnVoronka(args, options.env, dir, in_fd, out_fd, err_fd);
    } catch (...) {
        ::close(in_fd);
        ::close(out_fd);
        ::close(err_fd);
        throw;
    }
    ::close(in_fd);
    ::close(out_fd);
    ::close(err_fd);

    CommandResult result;
    result.exit_code = WaitFor(pid, options.timeout);
    const bool timed_out = result.exit_code == -1;
    if (timed_out) KillAndReap(pid);
    result.out = ReadFile(out_path);
    result.err = ReadFile(err_path);
    if (timed_out) {
        throw std::runtime_error(Describe(args) + " did not finish within " +
                                 std::to_string(options.timeout.count()) + " s; stdout:\n" + result.out +
                                 "\nstderr:\n" + result.err);
    }
    return result;
}

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
    dir_ = MakeTempDir("voronka-server-");
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw SystemError("pipe2");
    const int null_fd = OpenFile("/dev/null", O_RDONLY);
    const int err_fd = OpenFile(dir_ / "stderr.log", O_WRONLY | O_CREAT | O_TRUNC);

    std::vector<std::string> args{"serve", "--listen", options_.listen};
    if (!options_.database_url.empty()) {
        args.push_back("--database");
        args.push_back(options_.database_url);
    }
    args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
    try {
        pid_ = SpawnVoronka(args, options_.env, dir_, null_fd, pipe_fds[1], err_fd);
    } catch (...) {
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
        ::close(null_fd);
        ::close(err_fd);
        throw;
    }
    ::close(pipe_fds[1]);
    ::close(null_fd);
    ::close(err_fd);
    stdout_fd_ = pipe_fds[0];
    stdout_reader_ = std::thread([this] { DrainStdout(); });

    // Wait for the `listening on` line, the end of stdout (the server quit) or the deadline.
    std::string line;
    {
        std::unique_lock lock(stdout_mutex_);
        const auto found = [&] {
            const auto start = stdout_text_.find(kListeningPrefix);
            if (start == std::string::npos) return false;
            const auto end = stdout_text_.find('\n', start);
            if (end == std::string::npos) return false;
            line =
                stdout_text_.substr(start + kListeningPrefix.size(), end - start - kListeningPrefix.size());
            return true;
        };
        stdout_changed_.wait_for(lock, options_.start_timeout, [&] { return found() || stdout_closed_; });
    }
    const auto colon = line.rfind(':');
    if (line.empty() || colon == std::string::npos) {
        const int code = WaitFor(pid_, std::chrono::milliseconds(0));
        const std::string how = code >= 0 ? "exited with status " + std::to_string(code)
                                          : "printed no `listening on` line within " +
                                                std::to_string(options_.start_timeout.count()) + " s";
        const std::string message =
            Describe(args) + " " + how + "; stdout:\n" + Stdout() + "\nstderr:\n" + Stderr();
        if (code >= 0) {
            exit_code_ = code;
            pid_ = -1;
        }
        Kill();
        if (stdout_reader_.joinable()) stdout_reader_.join();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
        throw std::runtime_error(message);
    }
    host_ = line.substr(0, colon);
    port_ = std::stoi(line.substr(colon + 1));
}

ServerProcess::~ServerProcess() {
    Kill();
    if (stdout_reader_.joinable()) stdout_reader_.join();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

void ServerProcess::DrainStdout() {
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(stdout_fd_, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        std::lock_guard lock(stdout_mutex_);
        if (n <= 0) {
            stdout_closed_ = true;
            ::close(stdout_fd_);
            stdout_fd_ = -1;
            stdout_changed_.notify_all();
            return;
        }
        stdout_text_.append(buffer, static_cast<std::size_t>(n));
        stdout_changed_.notify_all();
    }
}

std::string ServerProcess::base_url() const {
    const bool v6 = host_.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + host_ + "]" : host_) + ":" + std::to_string(port_);
}

int ServerProcess::Stop(std::chrono::seconds timeout) {
    if (pid_ <= 0) return exit_code_;
    ::kill(pid_, SIGTERM);
    exit_code_ = WaitFor(pid_, timeout);
    if (exit_code_ == -1) exit_code_ = KillAndReap(pid_);
    pid_ = -1;
    return exit_code_;
}

void ServerProcess::Signal(int signal) {
    if (pid_ > 0) ::kill(pid_, signal);
}

int ServerProcess::Wait(std::chrono::milliseconds timeout) {
    if (pid_ <= 0) return exit_code_;
    const int code = WaitFor(pid_, timeout);
    if (code >= 0) {
        exit_code_ = code;
        pid_ = -1;
    }
    return code;
}

void ServerProcess::Kill() {
    if (pid_ <= 0) return;
    exit_code_ = KillAndReap(pid_);
    pid_ = -1;
}

std::string ServerProcess::Stderr() const {
    return ReadFile(dir_ / "stderr.log");
}

std::string ServerProcess::Stdout() const {
    std::lock_guard lock(stdout_mutex_);
    return stdout_text_;
}

}  // namespace voronka::test
