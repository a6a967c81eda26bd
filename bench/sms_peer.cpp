// A fast local stand-in for SMS.ru's `/sms/send`, for the issue-4 benchmarks (bench/automation.sh):
// a minimal Boost.Beast server (the shape of floor_server.cpp) that accepts every message and
// records when it arrived. tests/peers/sms_peer.py is the peer of the tests (error answers, slow
// answers, drops); this one only answers success, as fast as it can, so that it is not what a
// delivery-rate figure measures.
//
// Usage: voronka_sms_peer [--port P] [--threads N] [--log FILE]
//   --port     0 (the default) picks a free port
//   --threads  I/O threads, default 2
//   --log      where to write the arrivals when stopping; without it nothing is written
// Prints "listening on 127.0.0.1:PORT" once ready; stops on SIGINT/SIGTERM.
//
// `POST /sms/send` (form body) or `GET /sms/send?...`: SMS.ru's parameters `api_id`, `to` (digits,
// several separated by commas), `msg`. A missing `api_id` or `to` answers SMS.ru's request error
// 200; otherwise, for each number, {"status":"OK","status_code":100,"sms_id":"<n>"} inside SMS.ru's
// success answer (HTTP 200, JSON, keep-alive). `GET /stats` answers {"requests":R,"accepted":A}.
//
// Arrivals: each accepted number is kept in memory with the CLOCK_REALTIME time at which its
// request was read (nanoseconds since the epoch, the clock `time.time_ns()` reads in Python), in a
// buffer of the I/O thread that read it, so recording takes no lock and no I/O during a
// measurement. At exit the arrivals of all threads are written to --log in time order, one line
// each: `<ns>\t<to>\t<msg>`, with tab, newline and backslash in msg written as \t, \n, \\.
#include <time.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::chrono::seconds kIdleTimeout{30};

struct Arrival {
    std::int64_t at_ns = 0;
    std::string to;
    std::string msg;
};

// Per-thread arrival buffers; a thread registers its buffer once, under the lock.
std::mutex buffers_mutex;
std::vector<std::unique_ptr<std::vector<Arrival>>> buffers;
std::atomic<std::int64_t> requests_total{0};
std::atomic<std::int64_t> accepted_total{0};
std::atomic<std::int64_t> next_sms_id{1};

std::vector<Arrival>& ThreadBuffer() {
    thread_local std::vector<Arrival>* buffer = [] {
        std::lock_guard lock(buffers_mutex);
        buffers.push_back(std::make_unique<std::vector<Arrival>>());
        buffers.back()->reserve(1 << 16);
        return buffers.back().get();
    }();
    return *buffer;
}

std::int64_t RealtimeNs() {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// application/x-www-form-urlencoded decoding: '+' is a space, %XX a byte.
std::string FormDecoded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
                   HexValue(text[i + 2]) >= 0) {
            out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

struct SendParams {
    std::string api_id;
    std::string to;
    std::string msg;
};

// Reads the SMS.ru parameters of one `a=b&c=d` list into `params` (later values win).
void ReadParams(std::string_view list, SendParams& params) {
    while (!list.empty()) {
        const auto amp = list.find('&');
        const std::string_view pair = list.substr(0, amp);
        list = amp == std::string_view::npos ? std::string_view{} : list.substr(amp + 1);
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view name = pair.substr(0, eq);
        const std::string_view value = pair.substr(eq + 1);
        if (name == "api_id") params.api_id = FormDecoded(value);
        if (name == "to") params.to = FormDecoded(value);
        if (name == "msg") params.msg = FormDecoded(value);
    }
}

std::string JsonEscaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
            out += buffer;
        } else {
            out += c;
        }
    }
    return out;
}

// The answer to /sms/send; records each accepted number.
std::string SendAnswer(std::string_view target, std::string_view body, std::int64_t at_ns) {
    ++requests_total;
    SendParams params;
    if (const auto q = target.find('?'); q != std::string_view::npos)
        ReadParams(target.substr(q + 1), params);
    ReadParams(body, params);
    if (params.api_id.empty() || params.to.empty()) {
        return R"({"status":"ERROR","status_code":200,"status_text":"Неправильный api_id"})";
    }
    std::string numbers;
    auto& buffer = ThreadBuffer();
    std::string_view rest = params.to;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view to = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (to.empty()) continue;
        const std::int64_t id = next_sms_id.fetch_add(1);
        if (!numbers.empty()) numbers += ',';
        numbers += "\"" + JsonEscaped(to) + R"(":{"status":"OK","status_code":100,"sms_id":"000000-)" +
                   std::to_string(id) + "\"}";
        buffer.push_back({at_ns, std::string(to), params.msg});
        ++accepted_total;
    }
    return R"({"status":"OK","status_code":100,"sms":{)" + numbers + R"(},"balance":1000.0})";
}

class Session : public std::enable_shared_from_this<Session> {
public:
    explicit Session(tcp::socket&& socket) : stream_(std::move(socket)) {}

    void Start() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&Session::DoRead, shared_from_this()));
    }

private:
    void DoRead() {
        request_ = {};
        stream_.expires_after(kIdleTimeout);
        http::async_read(stream_, buffer_, request_,
                         beast::bind_front_handler(&Session::OnRead, shared_from_this()));
    }

    void OnRead(beast::error_code ec, std::size_t) {
        if (ec) return Close();
        const std::int64_t at_ns = RealtimeNs();
        const std::string_view target(request_.target().data(), request_.target().size());
        response_ = {};
        response_.version(request_.version());
        response_.set(http::field::server, "voronka-sms-peer");
        if (target.starts_with("/sms/send")) {
            response_.result(http::status::ok);
            response_.set(http::field::content_type, "application/json");
            response_.body() = SendAnswer(target, request_.body(), at_ns);
        } else if (target == "/stats") {
            response_.result(http::status::ok);
            response_.set(http::field::content_type, "application/json");
            response_.body() = "{\"requests\":" + std::to_string(requests_total.load()) +
                               ",\"accepted\":" + std::to_string(accepted_total.load()) + "}";
        } else {
            response_.result(http::status::not_found);
            response_.set(http::field::content_type, "text/plain");
            response_.body() = "not found";
        }
        response_.keep_alive(request_.keep_alive());
        response_.prepare_payload();
        stream_.expires_after(kIdleTimeout);
        http::async_write(stream_, response_,
                          beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
    }

    void OnWrite(beast::error_code ec, std::size_t) {
        if (ec || !response_.keep_alive()) return Close();
        DoRead();
    }

    void Close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
    http::response<http::string_body> response_;
};

class Listener {
public:
    Listener(net::io_context& ioc, tcp::endpoint endpoint) : ioc_(ioc), acceptor_(ioc) {
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(net::socket_base::max_listen_connections);
    }

    unsigned short port() const { return acceptor_.local_endpoint().port(); }

    void DoAccept() {
        acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == net::error::operation_aborted) return;
            if (!ec) {
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<Session>(std::move(socket))->Start();
            }
            DoAccept();
        });
    }

private:
    net::io_context& ioc_;
    tcp::acceptor acceptor_;
};

std::string LogEscaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\\') {
            out += "\\\\";
        } else {
            out += c;
        }
    }
    return out;
}

// Writes every thread's arrivals in time order. Called after the I/O threads have stopped.
bool WriteLog(const std::string& path) {
    std::vector<Arrival> all;
    for (auto& buffer : buffers) {
        for (auto& arrival : *buffer) all.push_back(std::move(arrival));
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const Arrival& a, const Arrival& b) { return a.at_ns < b.at_ns; });
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    for (const auto& arrival : all)
        out << arrival.at_ns << '\t' << arrival.to << '\t' << LogEscaped(arrival.msg) << '\n';
    out.close();
    return static_cast<bool>(out);
}

int Usage() {
    std::cerr << "usage: voronka_sms_peer [--port P] [--threads N] [--log FILE]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    unsigned short port = 0;
    int threads = 2;
    std::string log_path;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) return Usage();
        if (arg == "--port") {
            port = static_cast<unsigned short>(std::stoi(argv[++i]));
        } else if (arg == "--threads") {
            threads = std::clamp(std::stoi(argv[++i]), 1, 64);
        } else if (arg == "--log") {
            log_path = argv[++i];
        } else {
            return Usage();
        }
    }

    net::io_context ioc(threads);
    Listener listener(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    listener.DoAccept();
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { ioc.stop(); });

    std::printf("listening on 127.0.0.1:%u\n", listener.port());
    std::fflush(stdout);

    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& thread : pool) thread.join();

    std::printf("requests %lld accepted %lld\n", static_cast<long long>(requests_total.load()),
                static_cast<long long>(accepted_total.load()));
    if (!log_path.empty() && !WriteLog(log_path)) {
        std::fprintf(stderr, "voronka_sms_peer: cannot write %s\n", log_path.c_str());
        return 1;
    }
    return 0;
}
