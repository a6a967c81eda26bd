// A rate-limited HTTP/1.1 load generator for the "p99 at half of the peak rate" figure of
// docs/benchmarks.md (wrk has no rate option). Open loop: request i of the run is due at
// start + i / RATE on connection i % CONNECTIONS, whether or not the server kept up; its latency
// is measured from that scheduled time, not from when it was actually written, so a stalled
// server shows up in the percentiles instead of silently slowing the load down (the
// "coordinated omission" of closed-loop tools). One request in flight per keep-alive connection,
// no pipelining: a request whose connection is still busy waits and its wait is counted.
//
// Usage: voronka_loadgen -r RATE [-c CONNECTIONS] [-t THREADS] [-d SECONDS] [-H 'Name: value']... [-b BODY]
// [-v] URL
//   -b BODY sends every request as a POST with that body (give its Content-Type with -H).
//   URL is http://127.x.y.z:PORT/PATH: loopback only, anything else is refused.
//   Defaults: 64 connections, 2 threads, 10 s; at most 300 s and 1,000,000 req/s.
// -v adds one line per second of the schedule (answers, p99, max), to see when stalls happened.
// Prints the achieved rate, latency p50/p90/p99/max, and counts of non-2xx answers, errors and
// requests that could not be sent or finished by the end. Exit status 1 on bad arguments or when
// it cannot connect.
//
// Plain POSIX sockets and epoll; each thread owns CONNECTIONS / THREADS connections and a timerfd
// for the next scheduled send. Responses need a Content-Length (or none of 1xx/204/304 bodies);
// chunked answers count as errors.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <limits>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Nanos = std::int64_t;

Nanos Now() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return Nanos{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

struct Options {
    double rate = 0;
    int connections = 64;
    int threads = 2;
    double seconds = 10;
    std::vector<std::string> headers;
    std::string body;         // -b: sent with every request as POST (Content-Length added), e.g. JSON
    bool per_second = false;  // -v: also print answers, p99 and max for each second of the schedule
    std::string host;         // dotted IPv4, 127.x.y.z
    std::uint16_t port = 0;
    std::string path = "/";
};

[[noreturn]] void Usage(const char* why) {
    std::fprintf(stderr,
                 "voronka_loadgen: %s\n"
                 "usage: voronka_loadgen -r RATE [-c CONNECTIONS] [-t THREADS] [-d SECONDS] "
                 "[-H 'Name: value']... [-b BODY] [-v] http://127.0.0.1:PORT/PATH\n",
                 why);
    std::exit(1);
}

double NumberArg(const char* text, const char* what) {
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0') Usage(what);
    return value;
}

// Parses http://HOST:PORT[/PATH]; HOST must be a dotted IPv4 loopback address (127.0.0.0/8).
void ParseUrl(std::string_view url, Options& options) {
    constexpr std::string_view kScheme = "http://";
    if (!url.starts_with(kScheme)) Usage("the URL must start with http:// (no TLS)");
    url.remove_prefix(kScheme.size());
    const auto slash = url.find('/');
    const std::string_view authority = url.substr(0, slash);
    options.path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
    const auto colon = authority.rfind(':');
    if (colon == std::string_view::npos) Usage("the URL needs an explicit port");
    options.host = std::string(authority.substr(0, colon));
    const std::string_view port = authority.substr(colon + 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
        Usage("bad port in the URL");
    }
    options.port = static_cast<std::uint16_t>(value);
    in_addr address{};
    if (inet_pton(AF_INET, options.host.c_str(), &address) != 1) {
        Usage("the host must be a dotted IPv4 loopback address such as 127.0.0.1");
    }
    if ((ntohl(address.s_addr) >> 24) != 127) Usage("refusing a non-loopback host: loopback (127.x) only");
}

Options ParseArgs(int argc, char** argv) {
    Options options;
    std::string url;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&]() -> const char* {
            if (i + 1 >= argc) Usage("an option is missing its value");
            return argv[++i];
        };
        if (arg == "-r") {
            options.rate = NumberArg(value(), "bad -r");
        } else if (arg == "-c") {
            options.connections = static_cast<int>(NumberArg(value(), "bad -c"));
        } else if (arg == "-t") {
            options.threads = static_cast<int>(NumberArg(value(), "bad -t"));
        } else if (arg == "-d") {
            options.seconds = NumberArg(value(), "bad -d");
        } else if (arg == "-b") {
            options.body = value();
        } else if (arg == "-v") {
            options.per_second = true;
        } else if (arg == "-H") {
            const std::string header = value();
            if (header.find(':') == std::string::npos || header.find_first_of("\r\n") != std::string::npos) {
                Usage("a header is 'Name: value' on one line");
            }
            options.headers.push_back(header);
        } else if (!arg.starts_with('-') && url.empty()) {
            url = arg;
        } else {
            Usage("unknown argument");
        }
    }
    if (url.empty()) Usage("no URL");
    ParseUrl(url, options);
    if (!(options.rate > 0 && options.rate <= 1e6)) Usage("-r must be in (0, 1000000]");
    if (options.connections < 1 || options.connections > 10000) Usage("-c must be in [1, 10000]");
    if (options.threads < 1 || options.threads > 64) Usage("-t must be in [1, 64]");
    options.threads = std::min(options.threads, options.connections);
    if (!(options.seconds > 0 && options.seconds <= 300)) Usage("-d must be in (0, 300]");
    return options;
}

// A blocking connect, then non-blocking with TCP_NODELAY; -1 on failure.
int Connect(const Options& options) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(options.port);
    inet_pton(AF_INET, options.host.c_str(), &address.sin_addr);
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        close(fd);
        return -1;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    return fd;
}

bool HeaderIs(std::string_view line, std::string_view name) {
    if (line.size() <= name.size() || line[name.size()] != ':') return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
    }
    return true;
}

std::string_view HeaderValue(std::string_view line) {
    line.remove_prefix(line.find(':') + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line;
}

// One response found at the start of a buffer.
struct Parsed {
    enum class State { kIncomplete, kDone, kBad } state = State::kIncomplete;
    int status = 0;
    std::size_t length = 0;  // header + body bytes
    bool close = false;      // the server said Connection: close
};

Parsed ParseResponse(std::string_view buffer) {
    Parsed parsed;
    const auto header_end = buffer.find("\r\n\r\n");
    if (header_end == std::string_view::npos) {
        if (buffer.size() > 64 * 1024) parsed.state = Parsed::State::kBad;
        return parsed;
    }
    const std::string_view head = buffer.substr(0, header_end);
    if (!head.starts_with("HTTP/1.") || head.size() < 12) return {Parsed::State::kBad};
    const auto [end, ec] = std::from_chars(head.data() + 9, head.data() + 12, parsed.status);
    if (ec != std::errc{} || end != head.data() + 12) return {Parsed::State::kBad};
    std::size_t body = 0;
    bool has_length = false;
    std::size_t pos = head.find("\r\n");
    while (pos != std::string_view::npos && pos < head.size()) {
        pos += 2;
        const auto next = head.find("\r\n", pos);
        const std::string_view line =
            head.substr(pos, next == std::string_view::npos ? head.npos : next - pos);
        if (HeaderIs(line, "content-length")) {
            const std::string_view v = HeaderValue(line);
            const auto [e, err] = std::from_chars(v.data(), v.data() + v.size(), body);
            if (err != std::errc{} || e != v.data() + v.size()) return {Parsed::State::kBad};
            has_length = true;
        } else if (HeaderIs(line, "transfer-encoding")) {
            return {Parsed::State::kBad};  // chunked: not supported
        } else if (HeaderIs(line, "connection") &&
                   HeaderValue(line).find("close") != std::string_view::npos) {
            parsed.close = true;
        }
        pos = next;
    }
    const bool bodiless = parsed.status < 200 || parsed.status == 204 || parsed.status == 304;
    if (!has_length && !bodiless) return {Parsed::State::kBad};  // would be read until close
    parsed.length = header_end + 4 + (bodiless ? 0 : body);
    if (buffer.size() < parsed.length) return parsed;
    parsed.state = Parsed::State::kDone;
    return parsed;
}

struct Connection {
    int fd = -1;
    Nanos due = 0;  // scheduled time of the next (or in-flight) request
    bool in_flight = false;
    std::size_t written = 0;  // bytes of the request written so far
    std::string in;           // bytes received, not yet parsed
};

// What one thread measured.
struct Tally {
    std::vector<Nanos> latencies;  // of 2xx and non-2xx answers alike
    std::vector<Nanos> due;        // when each of them was scheduled, from the start
    std::uint64_t non_2xx = 0;
    std::uint64_t errors = 0;      // resets, bad responses, failed reconnects
    std::uint64_t unsent = 0;      // due before the end but never written (server too slow, or gone)
    std::uint64_t unfinished = 0;  // written but not answered by the hard deadline
};

class Worker {
public:
    // Serves connections first, first + step, ... of the run; request k of connection c is due
    // at start + (c + k * connections) / rate.
    Worker(const Options& options, const std::string& request, int first, int step, Nanos start)
        : options_(options), request_(request), start_(start) {
        interval_ = static_cast<Nanos>(1e9 * options.connections / options.rate);
        end_ = start + static_cast<Nanos>(options.seconds * 1e9);
        // Answers still owed after the end get this long before they count as unfinished.
        deadline_ = end_ + 5'000'000'000;
        for (int c = first; c < options.connections; c += step) {
            Connection conn;
            conn.due = start + static_cast<Nanos>(1e9 * c / options.rate);
            connections_.push_back(std::move(conn));
        }
    }

    // Opens the connections; false when one cannot.
    bool Open() {
        epoll_ = epoll_create1(EPOLL_CLOEXEC);
        timer_ = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        if (epoll_ < 0 || timer_ < 0) return false;
        epoll_event ev{.events = EPOLLIN, .data = {.u64 = kTimerTag}};
        epoll_ctl(epoll_, EPOLL_CTL_ADD, timer_, &ev);
        for (std::size_t i = 0; i < connections_.size(); ++i) {
            if (!Reconnect(i)) return false;
        }
        const auto expected =
            static_cast<std::size_t>(options_.rate * options_.seconds / options_.threads * 1.1);
        tally_.latencies.reserve(expected + 16);
        tally_.due.reserve(expected + 16);
        return true;
    }

    void Run() {
        std::vector<epoll_event> events(connections_.size() + 1);
        for (;;) {
            const Nanos now = Now();
            if (now >= deadline_) break;
            bool pending = false;  // anything still to send or to hear back
            Nanos next_due = std::numeric_limits<Nanos>::max();
            for (std::size_t i = 0; i < connections_.size(); ++i) {
                Connection& conn = connections_[i];
                if (conn.fd < 0) continue;
                if (!conn.in_flight && conn.due < end_) {
                    if (conn.due <= now) {
                        Send(i);
                    } else {
                        next_due = std::min(next_due, conn.due);
                    }
                }
                if (conn.in_flight || conn.due < end_) pending = true;
            }
            if (!pending) break;
            ArmTimer(std::min(next_due, deadline_));
            const int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), -1);
            if (n < 0 && errno != EINTR) break;
            for (int e = 0; e < n; ++e) {
                if (events[e].data.u64 == kTimerTag) {
                    std::uint64_t expirations;
                    [[maybe_unused]] auto r = read(timer_, &expirations, sizeof expirations);
                    continue;
                }
                const auto i = static_cast<std::size_t>(events[e].data.u64);
                if (events[e].events & EPOLLOUT) Send(i);
                if (events[e].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) Receive(i);
            }
        }
        for (auto& conn : connections_) {
            if (conn.fd < 0) continue;
            if (conn.in_flight) {
                ++tally_.unfinished;
                conn.due += interval_;
            }
            close(conn.fd);
            Abandon(conn);
        }
        close(timer_);
        close(epoll_);
    }

    Tally& tally() { return tally_; }

private:
    static constexpr std::uint64_t kTimerTag = std::numeric_limits<std::uint64_t>::max();

    void ArmTimer(Nanos at) {
        itimerspec spec{};
        spec.it_value.tv_sec = at / 1'000'000'000;
        spec.it_value.tv_nsec = at % 1'000'000'000;
        if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0) spec.it_value.tv_nsec = 1;
        timerfd_settime(timer_, TFD_TIMER_ABSTIME, &spec, nullptr);
    }

    bool Reconnect(std::size_t i) {
        Connection& conn = connections_[i];
        if (conn.fd >= 0) close(conn.fd);
        conn.fd = Connect(options_);
        conn.in.clear();
        conn.written = 0;
        conn.in_flight = false;
        if (conn.fd < 0) return false;
        epoll_event ev{.events = EPOLLIN, .data = {.u64 = i}};
        epoll_ctl(epoll_, EPOLL_CTL_ADD, conn.fd, &ev);
        return true;
    }

    // The request on connection i failed: count it, skip to the next slot, reconnect.
    void Fail(std::size_t i) {
        ++tally_.errors;
        Connection& conn = connections_[i];
        conn.due += interval_;
        if (!Reconnect(i)) Abandon(conn);
    }

    // Gives up a connection whose socket is closed: the requests it still had due before the
    // end were never written and count as unsent.
    void Abandon(Connection& conn) {
        conn.fd = -1;
        if (conn.due < end_)
            tally_.unsent += static_cast<std::uint64_t>((end_ - conn.due - 1) / interval_ + 1);
    }

    void Send(std::size_t i) {
        Connection& conn = connections_[i];
        if (!conn.in_flight) {
            conn.in_flight = true;
            conn.written = 0;
        }
        while (conn.written < request_.size()) {
            const ssize_t n =
                send(conn.fd, request_.data() + conn.written, request_.size() - conn.written, MSG_NOSIGNAL);
            if (n > 0) {
                conn.written += static_cast<std::size_t>(n);
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                epoll_event ev{.events = EPOLLIN | EPOLLOUT, .data = {.u64 = i}};
                epoll_ctl(epoll_, EPOLL_CTL_MOD, conn.fd, &ev);
                return;
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else {
                return Fail(i);
            }
        }
        epoll_event ev{.events = EPOLLIN, .data = {.u64 = i}};
        epoll_ctl(epoll_, EPOLL_CTL_MOD, conn.fd, &ev);
    }

    void Receive(std::size_t i) {
        Connection& conn = connections_[i];
        char buffer[16 * 1024];
        bool closed = false;  // by the peer, or reset
        for (;;) {
            const ssize_t n = recv(conn.fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                conn.in.append(buffer, static_cast<std::size_t>(n));
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
            closed = true;
            break;
        }
        if (!conn.in_flight) {
            if (!conn.in.empty()) {
                Fail(i);  // bytes nobody asked for
            } else if (closed && !Reconnect(i)) {
                ++tally_.errors;  // an idle connection dropped and cannot be replaced
                Abandon(conn);
            }
            return;
        }
        const Parsed parsed = ParseResponse(conn.in);
        if (parsed.state == Parsed::State::kIncomplete) {
            if (closed) Fail(i);
            return;
        }
        if (parsed.state == Parsed::State::kBad || conn.in.size() != parsed.length) return Fail(i);
        const Nanos now = Now();
        tally_.latencies.push_back(now - conn.due);
        tally_.due.push_back(conn.due - start_);
        if (parsed.status < 200 || parsed.status > 299) ++tally_.non_2xx;
        conn.in.clear();
        conn.in_flight = false;
        conn.due += interval_;
        if ((parsed.close || closed) && !Reconnect(i)) {
            ++tally_.errors;
            return Abandon(conn);
        }
        if (conn.due <= now && conn.due < end_) Send(i);  // behind schedule: go at once
    }

    const Options& options_;
    const std::string& request_;
    Nanos start_;
    Nanos interval_ = 0;
    Nanos end_ = 0;
    Nanos deadline_ = 0;
    int epoll_ = -1;
    int timer_ = -1;
    std::vector<Connection> connections_;
    Tally tally_;
};

double Millis(Nanos ns) {
    return static_cast<double>(ns) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = ParseArgs(argc, argv);

    std::string request = (options.body.empty() ? "GET " : "POST ") + options.path +
                          " HTTP/1.1\r\nHost: " + options.host + ":" + std::to_string(options.port) +
                          "\r\nUser-Agent: voronka_loadgen\r\n";
    for (const auto& header : options.headers) request += header + "\r\n";
    if (!options.body.empty()) request += "Content-Length: " + std::to_string(options.body.size()) + "\r\n";
    request += "\r\n" + options.body;

    // Connect everything first, then start the clock a little later so that no request is
    // already late when the threads begin.
    const Nanos start = Now() + 200'000'000;
    std::vector<Worker> workers;
    workers.reserve(static_cast<std::size_t>(options.threads));
    for (int t = 0; t < options.threads; ++t)
        workers.emplace_back(options, request, t, options.threads, start);
    for (auto& worker : workers) {
        if (!worker.Open()) {
            std::fprintf(stderr, "voronka_loadgen: cannot connect to %s:%u: %s\n", options.host.c_str(),
                         options.port, std::strerror(errno));
            return 1;
        }
    }
    while (Now() < start - 150'000'000) usleep(1000);  // connections are set up well before start
    std::vector<std::thread> threads;
    for (auto& worker : workers) threads.emplace_back([&worker] { worker.Run(); });
    for (auto& thread : threads) thread.join();
    const Nanos finished = Now();

    Tally total;
    for (auto& worker : workers) {
        Tally& t = worker.tally();
        total.latencies.insert(total.latencies.end(), t.latencies.begin(), t.latencies.end());
        total.due.insert(total.due.end(), t.due.begin(), t.due.end());
        total.non_2xx += t.non_2xx;
        total.errors += t.errors;
        total.unsent += t.unsent;
        total.unfinished += t.unfinished;
    }
    if (options.per_second) {
        // By the second in which each request was due.
        std::vector<std::vector<Nanos>> seconds(static_cast<std::size_t>(options.seconds) + 1);
        for (std::size_t i = 0; i < total.due.size(); ++i) {
            const auto second =
                std::min(static_cast<std::size_t>(total.due[i] / 1'000'000'000), seconds.size() - 1);
            seconds[second].push_back(total.latencies[i]);
        }
        for (std::size_t second = 0; second < seconds.size(); ++second) {
            auto& v = seconds[second];
            if (v.empty()) continue;
            std::sort(v.begin(), v.end());
            std::printf("second %zu: %zu answers  p99 %.3f ms  max %.3f ms\n", second, v.size(),
                        Millis(v[std::min(v.size() - 1, v.size() * 99 / 100)]), Millis(v.back()));
        }
    }
    auto& lat = total.latencies;
    std::sort(lat.begin(), lat.end());
    const auto percentile = [&](double p) -> Nanos {
        if (lat.empty()) return 0;
        const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(lat.size()));
        return lat[std::min(rank, lat.size() - 1)];
    };
    // The achieved rate counts answers over the scheduled window (or longer, when answers owed
    // at the end came late).
    const double window = std::max(options.seconds, static_cast<double>(finished - start) / 1e9);
    std::printf("target %.0f req/s over %.1f s, %d connections, %d threads: %s:%u%s\n", options.rate,
                options.seconds, options.connections, options.threads, options.host.c_str(), options.port,
                options.path.c_str());
    std::printf("achieved %.1f req/s (%zu answers in %.2f s)\n", static_cast<double>(lat.size()) / window,
                lat.size(), window);
    std::printf(
        "latency from scheduled send: p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms\n",
        Millis(percentile(50)), Millis(percentile(90)), Millis(percentile(99)), Millis(percentile(99.9)),
        Millis(lat.empty() ? 0 : lat.back()));
    std::printf("non-2xx %llu  errors %llu  unsent %llu  unfinished %llu\n",
                static_cast<unsigned long long>(total.non_2xx), static_cast<unsigned long long>(total.errors),
                static_cast<unsigned long long>(total.unsent),
                static_cast<unsigned long long>(total.unfinished));
    return 0;
}
