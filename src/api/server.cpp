#include "api/server.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace voronka::api {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// After the last response of a connection the server stops sending and reads (discarding)
// what the client still sends, for at most this long, so that closing the socket does not
// reset the connection before the client has read the response.
constexpr std::chrono::seconds kLingerTimeout{2};
// Pause before accepting again after an accept error such as running out of descriptors.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
constexpr std::string_view kServerName = "voronka";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// The answer to a connection over ServerOptions::max_connections or
// max_unauthenticated_connections, written before it is closed.
constexpr std::string_view kTooManyConnectionsBody =
    R"({"error":{"code":"unavailable","message":"too many connections; retry later","field":null}})";

const std::string& TooManyConnectionsResponse() {
    static const std::string response =
        "HTTP/1.1 503 Service Unavailable\r\nServer: voronka\r\nContent-Type: application/json\r\n"
        "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
        std::to_string(kTooManyConnectionsBody.size()) + "\r\n\r\n" + std::string(kTooManyConnectionsBody);
    return response;
}

std::string ToString(beast::string_view s) {
    return std::string(s.data(), s.size());
}

// The error body of DESIGN.md; `code` and `message` are constants of this file, so they need
// no escaping. Code names as in core ErrorCodeName().
std::string ErrorBody(std::string_view code, std::string_view message) {
    std::string body;
    body.reserve(64 + code.size() + message.size());
    body += R"({"error":{"code":")";
    body += code;
    body += R"(","message":")";
    body += message;
    body += R"(","field":null}})";
    return body;
}

Response ErrorResponse(int status, std::string_view code, std::string_view message) {
    Response response;
    response.status = status;
    response.body = ErrorBody(code, message);
    return response;
}

Response InternalError() {
    return ErrorResponse(500, "internal", "internal error");
}

std::string PeerAddress(const tcp::socket& socket) {
    beast::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    if (ec) return {};
    auto address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
    }
    return address.to_string();
}

// The framing headers of a request head, for FramingProblem(). The views point into `message`.
Framing FramingOf(const http::request<http::string_body>& message) {
    Framing framing;
    framing.version = message.version();
    framing.hosts = message.count(http::field::host);
    framing.content_lengths = message.count(http::field::content_length);
    const auto [first, last] = message.equal_range(http::field::transfer_encoding);
    for (auto it = first; it != last; ++it) {
        framing.transfer_encodings.emplace_back(it->value().data(), it->value().size());
    }
    return framing;
}

bool IsHttpParseError(const beast::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_method).category();
}

class Session;

// The state shared by the acceptor and the sessions. Thread-safe as documented per member.
class HttpServer {
public:
    HttpServer(ServerOptions options, Dispatcher dispatcher);

    void Listen();
    unsigned short port() const { return port_; }
    void Run();
    void Stop();

    const ServerOptions& options() const { return options_; }
    const Dispatcher& dispatcher() const { return dispatcher_; }
    // True once stopping has begun; any thread.
    bool Stopping() const { return stopping_.load(std::memory_order_acquire); }
    // The pool running handlers of `pool` (not kIo); exists while Run() runs.
    net::thread_pool& handler_pool(Dispatch::Pool pool) {
        return pool == Dispatch::Pool::kBlocking ? *blocking_pool_ : *write_pool_;
    }
    // Forgets a session; any thread (called by the session's destructor). `authenticated`:
    // whether it had counted as authenticated.
    void Unregister(Session* session, bool authenticated);
    // A session's connection sent valid credentials for the first time; any thread.
    void Authenticated() { unauthenticated_.fetch_sub(1, std::memory_order_relaxed); }

private:
    void DoAccept();
    void OnAccept(const beast::error_code& ec, tcp::socket socket);
    void BeginStop();         // on the accept thread
    void CloseAllSessions();  // on the accept thread
    void RunLoop(net::io_context& ioc, std::string_view name);
    // Answers 503 to a connection over the limits and closes it; on the accept thread.
    void Refuse(tcp::socket socket);

    const ServerOptions options_;
    const Dispatcher dispatcher_;
    const int io_threads_;
    unsigned short port_ = 0;
    bool listening_ = false;
    std::atomic<bool> ran_{false};
    std::atomic<bool> stopping_{false};

    // Open sessions; guarded by sessions_mutex_. Declared before the io_contexts, whose
    // destruction may destroy the last sessions.
    std::mutex sessions_mutex_;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
    // Open connections, and those of them not yet authenticated. Incremented on the accept
    // thread only (so the limits are never overrun), decremented anywhere.
    std::atomic<std::size_t> connections_{0};
    std::atomic<std::size_t> unauthenticated_{0};
    std::uint64_t refused_ = 0;  // connections refused over the limits; accept thread only

    // Accepting, signals and the stop sequence run on their own thread (the caller of Run()).
    net::io_context accept_ioc_{1};
    tcp::acceptor acceptor_{accept_ioc_};
    net::signal_set signals_{accept_ioc_};
    net::steady_timer accept_retry_timer_{accept_ioc_};
    net::steady_timer grace_timer_{accept_ioc_};

    // Connections: one strand each on the shared I/O pool.
    net::io_context io_ioc_;
    std::optional<net::thread_pool> blocking_pool_;
    std::optional<net::thread_pool> write_pool_;
};

// One connection: reads a request within the limits, hands it to the dispatcher, writes the
// response, and repeats while keep-alive holds. All members are used on the connection's
// strand only.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, HttpServer& server)
        : server_(server), stream_(std::move(socket)), remote_address_(PeerAddress(stream_.socket())) {}
    ~Session() {
        EndStream();
        server_.Unregister(this, authenticated_);
    }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    net::any_io_executor executor() { return stream_.get_executor(); }

    // Any thread.
    void Start() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&Session::DoRead, shared_from_this()));
    }

    // On the strand: the server is stopping. An idle keep-alive connection and an open response
    // stream close now; a request in progress finishes and its response closes the connection.
    void OnServerStop() {
        if (state_ == State::kStreaming) return Close();
        if (state_ == State::kReading && buffer_.size() == 0 && parser_ && !parser_->got_some()) Close();
    }

    // On the strand: the grace period is over.
    void ForceClose() { Close(); }

private:
    enum class State { kReading, kHandling, kWriting, kStreaming, kClosed };

    void DoRead() {
        state_ = State::kReading;
        if (server_.Stopping()) {
            Close();
            return;
        }
        const auto& options = server_.options();
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(
            std::min<std::size_t>(options.header_limit, std::numeric_limits<std::uint32_t>::max())));
        // The head is checked against the larger of the two limits; OnHeader applies the one
        // its dispatch chooses.
        parser_->body_limit(std::max<std::uint64_t>(options.body_limit, options.upload_limit));
        stream_.expires_after(options.idle_timeout);
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
    }

    // The head is read: check its framing, hand it to the dispatcher (which authenticates),
    // and only then send `100 Continue` and read the body, if the dispatcher wants it.
    void OnHeader(beast::error_code ec, std::size_t /*bytes*/) {
        if (ec) return OnReadError(ec);
        auto& message = parser_->get();
        if (const auto problem = FramingProblem(FramingOf(message))) {
            return SendErrorAndClose(ErrorResponse(400, "malformed", *problem));
        }
        state_ = State::kHandling;
        request_unread_ = false;
        keep_alive_ = message.keep_alive();
        version_ = message.version();
        head_ = message.method() == http::verb::head;
        if (!parser_->is_done()) {
            // What follows the head is a body: answering without reading it ends the connection.
            keep_alive_after_refusal_ = false;
        } else {
            keep_alive_after_refusal_ = keep_alive_;
        }

        request_ = {};
        request_.method = ToString(message.method_string());
        request_.target = ToString(message.target());
        if (!ParseTarget(request_.target, request_.path, request_.query)) {
            return Refuse(ErrorResponse(400, "malformed", "malformed request target"));
        }
        request_.content_type = ToString(message[http::field::content_type]);
        request_.authorization = ToString(message[http::field::authorization]);
        request_.cookie = ToString(message[http::field::cookie]);
        request_.accept_encoding = ToString(message[http::field::accept_encoding]);
        request_.host = ToString(message[http::field::host]);
        if (message.method() != http::verb::get && message.method() != http::verb::head) {
            // Only writes are checked for their origin; reads skip the lookups.
            request_.origin = ToString(message[http::field::origin]);
            request_.sec_fetch_site = ToString(message["Sec-Fetch-Site"]);
            request_.voronka_pbx = ToString(message["X-Voronka-Pbx"]);
            request_.voronka_signature = ToString(message["X-Voronka-Signature"]);
        }
        request_.remote_address = remote_address_;

        try {
            dispatch_ = server_.dispatcher()(request_);
        } catch (const std::exception& e) {
            spdlog::error("http: dispatching {} {} failed: {}", request_.method, request_.path, e.what());
            return Refuse(InternalError());
        }
        if (!dispatch_.handle) {
            spdlog::error("http: no handler for {} {}", request_.method, request_.path);
            return Refuse(InternalError());
        }
        if (dispatch_.authenticated && !authenticated_) {
            authenticated_ = true;
            server_.Authenticated();
        }
        if (dispatch_.read_body) {
            body_limit_ =
                dispatch_.body_to_file ? server_.options().upload_limit : server_.options().body_limit;
            const auto length = parser_->content_length();
            if (length && *length > body_limit_) return OnReadError(http::error::body_limit);
            parser_->body_limit(body_limit_);
        }
        if (dispatch_.body_to_file && !CreateUploadFile()) return Refuse(InternalError());
        if (parser_->is_done()) {
            if (dispatch_.body_to_file) request_.body_file = std::exchange(upload_path_, {});
            return Handle();
        }
        if (!dispatch_.read_body) {
            keep_alive_ = false;
            request_unread_ = true;
            return Handle();
        }
        if (beast::iequals(message[http::field::expect], "100-continue")) {
            net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                             beast::bind_front_handler(&Session::OnContinueWritten, shared_from_this()));
            return;
        }
        ReadBody();
    }

    // Answers from the head alone: the connection stays open only when no body was coming.
    void Refuse(Response response) {
        if (!keep_alive_after_refusal_) {
            keep_alive_ = false;
            request_unread_ = true;
        }
        Write(std::move(response));
    }

    void OnContinueWritten(beast::error_code ec, std::size_t /*bytes*/) {
        if (ec) return Close();
        ReadBody();
    }

    void ReadBody() {
        if (dispatch_.body_to_file) return StartUpload();
        stream_.expires_after(server_.options().idle_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Session::OnBody, shared_from_this()));
    }

    void OnBody(beast::error_code ec, std::size_t /*bytes*/) {
        if (ec) return OnReadError(ec);
        request_.body = std::move(parser_->get().body());
        Handle();
    }

    // A new empty file under the upload directory for the body of the request being read.
    bool CreateUploadFile() {
        const auto& options = server_.options();
        std::error_code ec;
        const std::filesystem::path dir = options.upload_dir.empty()
                                              ? std::filesystem::temp_directory_path(ec)
                                              : std::filesystem::path(options.upload_dir);
        if (!ec) std::filesystem::create_directories(dir, ec);
        std::string path = (dir / "upload-XXXXXX").string();
        const int fd = ec ? -1 : ::mkstemp(path.data());
        if (fd < 0) {
            spdlog::error("http: cannot create a file for the body of {} {} in {}", request_.method,
                          request_.path, dir.string());
            return false;
        }
        ::close(fd);
        upload_path_ = std::move(path);
        return true;
    }

    // Streams the body into upload_path_, a read at a time, so that the idle timeout bounds a
    // stall rather than the whole upload.
    void StartUpload() {
        upload_parser_.emplace(std::move(*parser_));
        upload_parser_->body_limit(body_limit_);
        beast::error_code ec;
        upload_parser_->get().body().open(upload_path_.c_str(), beast::file_mode::write, ec);
        if (ec) {
            spdlog::error("http: cannot open {}: {}", upload_path_, ec.message());
            DiscardUpload();
            return SendErrorAndClose(InternalError());
        }
        ReadUploadSome();
    }

    void ReadUploadSome() {
        stream_.expires_after(server_.options().idle_timeout);
        http::async_read_some(stream_, buffer_, *upload_parser_,
                              beast::bind_front_handler(&Session::OnUploadSome, shared_from_this()));
    }

    void OnUploadSome(beast::error_code ec, std::size_t /*bytes*/) {
        if (ec) return OnReadError(ec);
        if (!upload_parser_->is_done()) return ReadUploadSome();
        upload_parser_->get().body().close();
        upload_parser_.reset();
        request_.body_file = std::exchange(upload_path_, {});
        Handle();
    }

    // Forgets a body being streamed to a file, and the file.
    void DiscardUpload() {
        upload_parser_.reset();
        if (upload_path_.empty()) return;
        std::error_code ec;
        std::filesystem::remove(upload_path_, ec);
        upload_path_.clear();
    }

    void OnReadError(const beast::error_code& ec) {
        DiscardUpload();
        if (ec == http::error::body_limit) {
            return SendErrorAndClose(ErrorResponse(
                413, "payload_too_large",
                "the request body exceeds the limit of " + std::to_string(body_limit_) + " bytes"));
        }
        if (ec == http::error::header_limit) {
            return SendErrorAndClose(ErrorResponse(431, "malformed",
                                                   "the request header exceeds the limit of " +
                                                       std::to_string(server_.options().header_limit) +
                                                       " bytes"));
        }
        if (IsHttpParseError(ec) && ec != http::error::end_of_stream && ec != http::error::partial_message) {
            return SendErrorAndClose(ErrorResponse(400, "malformed", "malformed HTTP request"));
        }
        // The peer closed, the connection timed out or the server closed it.
        Close();
    }

    void SendErrorAndClose(Response response) {
        keep_alive_ = false;
        request_unread_ = true;
        head_ = false;
        version_ = 11;
        Write(std::move(response));
    }

    // Runs the dispatched handler on request_, on this strand or on the dispatch's pool.
    void Handle() {
        state_ = State::kHandling;
        if (dispatch_.pool == Dispatch::Pool::kIo) {
            Response response = RunHandler(dispatch_.handle, request_);
            dispatch_ = {};
            return Write(std::move(response));
        }
        net::post(server_.handler_pool(dispatch_.pool),
                  [self = shared_from_this(), executor = stream_.get_executor(),
                   handle = std::move(dispatch_.handle), request = std::move(request_)]() mutable {
                      Response response = RunHandler(handle, request);
                      net::post(executor, [self = std::move(self), response = std::move(response)]() mutable {
                          self->Write(std::move(response));
                      });
                  });
        dispatch_ = {};
    }

    static Response RunHandler(const std::function<Response(Request&)>& handle, Request& request) {
        struct RemoveBodyFile {
            Request& request;
            ~RemoveBodyFile() {
                if (request.body_file.empty()) return;
                std::error_code ec;
                std::filesystem::remove(request.body_file, ec);
            }
        } remove_body_file{request};
        try {
            return handle(request);
        } catch (const std::exception& e) {
            spdlog::error("http: handler of {} {} failed: {}", request.method, request.path, e.what());
        } catch (...) {
            spdlog::error("http: handler of {} {} failed with an unknown exception", request.method,
                          request.path);
        }
        return InternalError();
    }

    void Write(Response response) {
        if (state_ == State::kClosed) {
            if (response.stream) response.stream->Close();
            return;
        }
        if (response.stream) {
            if (!head_ && !server_.Stopping()) return StartStream(std::move(response));
            response.stream->Close();
            response.stream.reset();
        }
        state_ = State::kWriting;
        close_after_write_ = !keep_alive_ || server_.Stopping();
        try {
            BuildResponse(std::move(response));
        } catch (const std::exception& e) {
            spdlog::error("http: invalid response: {}", e.what());
            BuildResponse(InternalError());
        }
        stream_.expires_after(server_.options().idle_timeout);
        http::async_write(stream_, response_,
                          beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
    }

    void BuildResponse(Response response) {
        response_ = {};
        response_.version(version_);
        response_.result(static_cast<unsigned>(response.status));
        response_.set(http::field::server, beast::string_view(kServerName.data(), kServerName.size()));
        if (!response.content_type.empty()) response_.set(http::field::content_type, response.content_type);
        for (const auto& [name, value] : response.headers) response_.insert(name, value);
        response_.body() = std::move(response.body);
        response_.keep_alive(!close_after_write_);
        response_.prepare_payload();
        if (head_) {
            const auto length = response_.body().size();
            response_.body().clear();
            response_.content_length(length);
        }
    }

    void OnWrite(beast::error_code ec, std::size_t /*bytes*/) {
        if (ec) return Close();
        response_ = {};
        if (!close_after_write_) return DoRead();
        // The client may still be sending when it meant to keep the connection or when its
        // request was refused unread; otherwise it closes after reading the response.
        if (keep_alive_ || request_unread_) return LingerClose();
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        Close();
    }

    // Half-closes, then discards input until the peer closes or kLingerTimeout passes.
    void LingerClose() {
        state_ = State::kClosed;
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return Close();
        buffer_.clear();
        stream_.expires_after(kLingerTimeout);
        DoLinger();
    }

    void DoLinger() {
        stream_.async_read_some(buffer_.prepare(4096),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (ec) return self->Close();
                                    self->DoLinger();
                                });
    }

    // Writes the head of a response stream, then what the stream gives as it wakes the session,
    // and a heartbeat; the connection ends with the stream. Exempt from the idle timeout: the
    // peer is only watched for closing, and a write may stall for idle_timeout at most.
    void StartStream(Response response) {
        state_ = State::kStreaming;
        stream_source_ = std::move(response.stream);
        std::string head = version_ == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
        head += std::to_string(response.status);
        head += ' ';
        head += ToString(http::obsolete_reason(static_cast<http::status>(response.status)));
        head += "\r\nServer: ";
        head += kServerName;
        head += "\r\nContent-Type: " + response.content_type + "\r\n";
        for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
        head += "Connection: close\r\n\r\n";
        stream_pending_ = std::move(head);
        std::weak_ptr<Session> weak = weak_from_this();
        stream_source_->Open([weak, executor = stream_.get_executor()] {
            net::post(executor, [weak] {
                if (auto self = weak.lock()) self->OnStreamWake();
            });
        });
        stream_pending_ += stream_source_->Take();
        stream_ends_at_ = std::chrono::steady_clock::now() + server_.options().stream_max_age;
        heartbeat_.emplace(stream_.get_executor());
        WriteStream();
        WatchPeer();
        ArmHeartbeat();
    }

    void OnStreamWake() {
        if (state_ != State::kStreaming) return;
        stream_pending_ += stream_source_->Take();
        WriteStream();
    }

    void WriteStream() {
        if (state_ != State::kStreaming || stream_writing_ || stream_pending_.empty()) return;
        stream_writing_ = true;
        stream_sending_ = std::move(stream_pending_);
        stream_pending_.clear();
        stream_.expires_after(server_.options().idle_timeout);
        net::async_write(stream_, net::buffer(stream_sending_),
                         beast::bind_front_handler(&Session::OnStreamWritten, shared_from_this()));
    }

    void OnStreamWritten(beast::error_code ec, std::size_t /*bytes*/) {
        stream_writing_ = false;
        if (ec) return Close();
        stream_.expires_never();
        WriteStream();
    }

    // Reads (and ignores) what the peer sends, to learn when it closes.
    void WatchPeer() {
        stream_.socket().async_read_some(net::buffer(peer_input_),
                                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                             if (ec) return self->Close();
                                             self->WatchPeer();
                                         });
    }

    void ArmHeartbeat() {
        heartbeat_->expires_after(server_.options().stream_heartbeat);
        heartbeat_->async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec || self->state_ != State::kStreaming) return;
            if (std::chrono::steady_clock::now() >= self->stream_ends_at_) return self->Close();
            self->stream_pending_ += ": ping\n\n";
            self->WriteStream();
            self->ArmHeartbeat();
        });
    }

    // Tells the stream, if any, that the connection ended.
    void EndStream() {
        if (heartbeat_) heartbeat_->cancel();
        if (!stream_source_) return;
        stream_source_->Close();
        stream_source_.reset();
    }

    void Close() {
        state_ = State::kClosed;
        DiscardUpload();
        EndStream();
        stream_.close();
    }

    HttpServer& server_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    // A body streamed to a file (Dispatch::body_to_file): its parser while reading, and the file
    // until the request is handed to its handler.
    std::optional<http::request_parser<http::file_body>> upload_parser_;
    std::string upload_path_;
    std::uint64_t body_limit_ = 0;  // the body limit of the request being read
    http::response<http::string_body> response_;
    const std::string remote_address_;
    Request request_;             // the request being handled, from its head on
    Dispatch dispatch_;           // how to handle it, chosen from its head
    bool authenticated_ = false;  // a request on this connection had valid credentials
    State state_ = State::kReading;
    unsigned version_ = 11;
    bool keep_alive_ = false;
    bool head_ = false;
    bool close_after_write_ = false;
    bool request_unread_ = false;            // an error answered before the whole request was read
    bool keep_alive_after_refusal_ = false;  // keep-alive holds when answering from the head
    // A response stream (State::kStreaming): its source, what waits to be written, what is being
    // written, the heartbeat, when it ends, and a scratch buffer for watching the peer.
    std::shared_ptr<ResponseStream> stream_source_;
    std::string stream_pending_;
    std::string stream_sending_;
    bool stream_writing_ = false;
    std::optional<net::steady_timer> heartbeat_;
    std::chrono::steady_clock::time_point stream_ends_at_;
    std::array<char, 256> peer_input_{};
};

int EffectiveIoThreads(int requested) {
    if (requested > 0) return requested;
    return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
}

HttpServer::HttpServer(ServerOptions options, Dispatcher dispatcher)
    : options_(std::move(options)),
      dispatcher_(std::move(dispatcher)),
      io_threads_(EffectiveIoThreads(options_.io_threads)),
      io_ioc_(io_threads_) {}

void HttpServer::Listen() {
    const std::string where = options_.host + ":" + std::to_string(options_.port);
    try {
        beast::error_code ec;
        auto address = net::ip::make_address(options_.host, ec);
        tcp::endpoint endpoint;
        if (!ec) {
            endpoint = tcp::endpoint(address, options_.port);
        } else {
            tcp::resolver resolver(accept_ioc_);
            const auto results = resolver.resolve(options_.host, std::to_string(options_.port));
            if (results.empty()) throw std::runtime_error("no address");
            endpoint = results.begin()->endpoint();
        }
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(net::socket_base::max_listen_connections);
        port_ = acceptor_.local_endpoint().port();
        listening_ = true;
    } catch (const std::exception& e) {
        beast::error_code ignored;
        acceptor_.close(ignored);
        throw std::runtime_error("cannot listen on " + where + ": " + e.what());
    }
}

void HttpServer::Run() {
    if (!listening_) throw std::logic_error("Server::Run() called before Listen()");
    if (ran_.exchange(true)) throw std::logic_error("Server::Run() called twice");

    blocking_pool_.emplace(static_cast<std::size_t>(std::max(1, options_.blocking_threads)));
    write_pool_.emplace(static_cast<std::size_t>(std::max(1, options_.write_threads)));
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    signals_.async_wait([this](const beast::error_code& ec, int signal) {
        if (ec) return;
        spdlog::info("http: received signal {}, stopping", signal);
        BeginStop();
    });
    DoAccept();

    auto work = net::make_work_guard(io_ioc_);
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(io_threads_));
    for (int i = 0; i < io_threads_; ++i) threads.emplace_back([this] { RunLoop(io_ioc_, "I/O"); });
    spdlog::info("http: listening on {}:{} ({} I/O threads, {} blocking threads, {} write threads)",
                 options_.host, port_, io_threads_, options_.blocking_threads, options_.write_threads);

    // Returns once stopping has begun and every session has ended or the grace period is over.
    RunLoop(accept_ioc_, "accept");

    work.reset();
    blocking_pool_->join();
    write_pool_->join();
    for (auto& thread : threads) thread.join();
    beast::error_code ignored;
    signals_.clear(ignored);
    spdlog::info("http: stopped");
}

void HttpServer::Stop() {
    net::post(accept_ioc_, [this] { BeginStop(); });
}

void HttpServer::RunLoop(net::io_context& ioc, std::string_view name) {
    for (;;) {
        try {
            ioc.run();
            return;
        } catch (const std::exception& e) {
            spdlog::error("http: unexpected exception on the {} thread: {}", name, e.what());
        }
    }
}

void HttpServer::DoAccept() {
    acceptor_.async_accept(
        net::make_strand(io_ioc_),
        [this](const beast::error_code& ec, tcp::socket socket) { OnAccept(ec, std::move(socket)); });
}

void HttpServer::OnAccept(const beast::error_code& ec, tcp::socket socket) {
    if (Stopping()) return;
    if (ec) {
        if (ec == net::error::operation_aborted) return;
        if (ec == net::error::connection_aborted) return DoAccept();
        spdlog::warn("http: accept failed: {}", ec.message());
        accept_retry_timer_.expires_after(kAcceptRetryDelay);
        accept_retry_timer_.async_wait([this](const beast::error_code& wait_ec) {
            if (!wait_ec && !Stopping()) DoAccept();
        });
        return;
    }
    if (connections_.load(std::memory_order_relaxed) >= options_.max_connections ||
        unauthenticated_.load(std::memory_order_relaxed) >= options_.max_unauthenticated_connections) {
        Refuse(std::move(socket));
        return DoAccept();
    }
    connections_.fetch_add(1, std::memory_order_relaxed);
    unauthenticated_.fetch_add(1, std::memory_order_relaxed);
    beast::error_code option_ec;
    socket.set_option(tcp::no_delay(true), option_ec);
    auto session = std::make_shared<Session>(std::move(socket), *this);
    {
        std::lock_guard lock(sessions_mutex_);
        sessions_.emplace(session.get(), session);
    }
    session->Start();
    DoAccept();
}

void HttpServer::Refuse(tcp::socket socket) {
    if (refused_++ % 1000 == 0) {
        spdlog::warn("http: refusing connections over the limits ({} open, {} unauthenticated); {} refused",
                     connections_.load(std::memory_order_relaxed),
                     unauthenticated_.load(std::memory_order_relaxed), refused_);
    }
    beast::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(net::buffer(TooManyConnectionsResponse()), ignored);
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    socket.close(ignored);
}

void HttpServer::Unregister(Session* session, bool authenticated) {
    connections_.fetch_sub(1, std::memory_order_relaxed);
    if (!authenticated) unauthenticated_.fetch_sub(1, std::memory_order_relaxed);
    std::lock_guard lock(sessions_mutex_);
    sessions_.erase(session);
    if (sessions_.empty() && Stopping()) {
        net::post(accept_ioc_, [this] { grace_timer_.cancel(); });
    }
}

void HttpServer::BeginStop() {
    std::vector<std::shared_ptr<Session>> open;
    {
        std::lock_guard lock(sessions_mutex_);
        if (Stopping()) return;
        stopping_.store(true, std::memory_order_release);
        open.reserve(sessions_.size());
        for (const auto& [raw, weak] : sessions_) {
            if (auto session = weak.lock()) open.push_back(std::move(session));
        }
    }
    beast::error_code ignored;
    acceptor_.close(ignored);
    accept_retry_timer_.cancel();
    signals_.cancel(ignored);
    spdlog::info("http: stopping; {} open connections", open.size());
    if (open.empty()) return;

    for (auto& session : open) {
        auto executor = session->executor();
        net::post(executor, [session = std::move(session)] { session->OnServerStop(); });
    }
    grace_timer_.expires_after(options_.shutdown_grace);
    grace_timer_.async_wait([this](const beast::error_code& ec) {
        if (ec) return;
        CloseAllSessions();
    });
}

void HttpServer::CloseAllSessions() {
    std::vector<std::shared_ptr<Session>> open;
    {
        std::lock_guard lock(sessions_mutex_);
        for (const auto& [raw, weak] : sessions_) {
            if (auto session = weak.lock()) open.push_back(std::move(session));
        }
    }
    if (open.empty()) return;
    spdlog::warn("http: closing {} connections still open after the grace period", open.size());
    for (auto& session : open) {
        auto executor = session->executor();
        net::post(executor, [session = std::move(session)] { session->ForceClose(); });
    }
}

}  // namespace

struct Server::Impl {
    Impl(ServerOptions options, Dispatcher dispatcher) : server(std::move(options), std::move(dispatcher)) {}
    HttpServer server;
};

Server::Server(ServerOptions options, Dispatcher dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(dispatcher))) {}

Server::~Server() = default;

void Server::Listen() {
    impl_->server.Listen();
}

unsigned short Server::port() const {
    return impl_->server.port();
}

void Server::Run() {
    impl_->server.Run();
}

void Server::Stop() {
    impl_->server.Stop();
}

}  // namespace voronka::api
