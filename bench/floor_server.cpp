// The floor of the HTTP stack: a minimal Boost.Beast server (the Beast 1.74 advanced-server
// shape) answering every request with a constant 200 "ok", with the socket options of
// api::Server (TCP_NODELAY, maximal backlog, keep-alive, idle timeout). bench/run.sh compares
// voronka against it.
//
// Usage: voronka_floor_server [PORT [THREADS]]   (PORT 0, the default, picks a free port)
// Prints "listening on 127.0.0.1:PORT" once ready; stops on SIGINT/SIGTERM.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::chrono::seconds kIdleTimeout{30};

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
        response_ = {};
        response_.result(http::status::ok);
        response_.version(request_.version());
        response_.set(http::field::server, "floor");
        response_.set(http::field::content_type, "text/plain");
        response_.body() = "ok";
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

    void Close() {
        beast::error_code ec;
        acceptor_.close(ec);
    }

private:
    net::io_context& ioc_;
    tcp::acceptor acceptor_;
};

}  // namespace

int main(int argc, char** argv) {
    const auto port = static_cast<unsigned short>(argc > 1 ? std::stoi(argv[1]) : 0);
    const int threads = argc > 2 ? std::stoi(argv[2]) : 2;

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
    return 0;
}
