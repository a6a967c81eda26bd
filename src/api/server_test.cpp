// In-process tests of the HTTP server: a Server on 127.0.0.1 with a test dispatcher, driven over
// raw loopback sockets.
#include "api/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace voronka::api {
namespace {

using namespace std::chrono_literals;

constexpr auto kWait = 10s;  // upper bound for anything a test waits for; never reached when passing

ServerOptions TestOptions() {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.io_threads = 2;
    options.blocking_threads = 2;
    return options;
}

// A Server running on its own thread for the length of a test.
class TestServer {
public:
    TestServer(ServerOptions options, Dispatcher dispatcher)
        : server_(std::move(options), std::move(dispatcher)) {
        server_.Listen();
        thread_ = std::thread([this] { server_.Run(); });
    }
    ~TestServer() {
        if (thread_.joinable()) {
            server_.Stop();
            thread_.join();
        }
    }
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    unsigned short port() const { return server_.port(); }
    Server& server() { return server_; }
    // Waits for Run() to return.
    void Join() { thread_.join(); }

private:
    Server server_;
    std::thread thread_;
};

struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case; the last of repeated ones
    std::string head;                            // status line and headers as received
    std::string body;

    std::string Header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string{} : it->second;
    }
};

std::string Lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A blocking HTTP/1.1 client over one socket; every read gives up after kWait.
class Client {
public:
    explicit Client(unsigned short port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket failed");
        timeval timeout{};
        timeout.tv_sec = std::chrono::duration_cast<std::chrono::seconds>(kWait).count();
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
            connect_errno_ = errno;
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~Client() {
        if (fd_ >= 0) ::close(fd_);
    }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    bool connected() const { return fd_ >= 0; }
    int connect_errno() const { return connect_errno_; }

    void Send(std::string_view data) {
        while (!data.empty()) {
            const auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n <= 0) return;  // the server closed; reading tells the rest
            data.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    // Reads one response; nothing when the connection ends (or kWait passes) before it is complete.
    std::optional<HttpResponse> Read() {
        std::size_t header_end;
        while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
            if (!Fill()) return std::nullopt;
        }
        HttpResponse response;
        response.head = buffer_.substr(0, header_end);
        const std::string& head = response.head;
        buffer_.erase(0, header_end + 4);
        std::size_t line_end = head.find("\r\n");
        const std::string status_line = head.substr(0, line_end);
        response.status = std::stoi(status_line.substr(status_line.find(' ') + 1, 3));
        while (line_end != std::string::npos) {
            const std::size_t start = line_end + 2;
            line_end = head.find("\r\n", start);
            const std::string line =
                head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
            const auto colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            response.headers[Lower(line.substr(0, colon))] = value;
        }
        const std::size_t length =
            response.headers.count("content-length") ? std::stoul(response.headers["content-length"]) : 0;
        if (!head_request_) {
            while (buffer_.size() < length) {
                if (!Fill()) return std::nullopt;
            }
            response.body = buffer_.substr(0, length);
            buffer_.erase(0, length);
        }
        head_request_ = false;
        return response;
    }

    // The next response belongs to a HEAD request: it has no body whatever its Content-Length.
    void ExpectHeadResponse() { head_request_ = true; }

    // Sends a request and reads its response.
    std::optional<HttpResponse> Exchange(std::string_view request) {
        Send(request);
        return Read();
    }

    // True when the server closes the connection (end of stream or reset) within kWait with no
    // further data.
    bool WaitClosed() {
        char byte;
        const auto n = ::recv(fd_, &byte, 1, 0);
        return n == 0 || (n < 0 && errno == ECONNRESET);
    }

private:
    bool Fill() {
        char chunk[4096];
        const auto n = ::recv(fd_, chunk, sizeof(chunk), 0);
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    int connect_errno_ = 0;
    std::string buffer_;
    bool head_request_ = false;
};

std::string Get(std::string_view target) {
    return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n\r\n";
}

// Answers 200 with the decoded path as the body.
Dispatch EchoPath(const Request&) {
    return {[](Request& request) {
                Response response;
                response.content_type = "text/plain";
                response.body = request.path;
                return response;
            },
            Dispatch::Pool::kIo};
}

TEST(Server, ListenOnPortZeroPicksAFreePort) {
    TestServer server(TestOptions(), EchoPath);
    EXPECT_NE(server.port(), 0);

    auto options = TestOptions();
    options.port = server.port();
    Server second(options, EchoPath);
    try {
        second.Listen();
        FAIL() << "a second Listen() on a port in use succeeded";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(server.port())), std::string::npos)
            << e.what();
    }
}

TEST(Server, KeepAliveServesTwoRequestsOnOneConnection) {
    TestServer server(TestOptions(), EchoPath);
    Client client(server.port());
    ASSERT_TRUE(client.connected());

    const auto first = client.Exchange(Get("/one"));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200);
    EXPECT_EQ(first->body, "/one");
    EXPECT_EQ(first->Header("server"), "voronka");
    EXPECT_EQ(first->Header("content-type"), "text/plain");
    EXPECT_EQ(first->Header("content-length"), "4");
    EXPECT_NE(Lower(first->Header("connection")), "close");

    const auto second = client.Exchange(Get("/two"));
    ASSERT_TRUE(second);
    EXPECT_EQ(second->body, "/two");

    const auto last = client.Exchange("GET /three HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    ASSERT_TRUE(last);
    EXPECT_EQ(last->body, "/three");
    EXPECT_EQ(Lower(last->Header("connection")), "close");
    EXPECT_TRUE(client.WaitClosed());
}

TEST(Server, Http10KeepsAliveOnlyWhenAsked) {
    TestServer server(TestOptions(), EchoPath);
    Client client(server.port());
    ASSERT_TRUE(client.connected());

    const auto first = client.Exchange("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->body, "/a");
    EXPECT_EQ(Lower(first->Header("connection")), "keep-alive");

    const auto second = client.Exchange("GET /b HTTP/1.0\r\n\r\n");
    ASSERT_TRUE(second);
    EXPECT_EQ(second->body, "/b");
    EXPECT_TRUE(client.WaitClosed());
}

TEST(Server, RequestReachesTheHandlerDecoded) {
    std::mutex mutex;
    Request seen;
    TestServer server(TestOptions(), [&](const Request&) {
        return Dispatch{[&](Request& request) {
                            std::lock_guard lock(mutex);
                            seen = request;
                            Response response;
                            response.status = 201;
                            response.content_type = "text/plain; charset=utf-8";
                            response.body = "created";
                            response.headers = {
                                {"Set-Cookie", "a=1; HttpOnly"}, {"Set-Cookie", "b=2"}, {"Location", "/x/1"}};
                            return response;
                        },
                        Dispatch::Pool::kIo};
    });
    Client client(server.port());
    ASSERT_TRUE(client.connected());
    const auto response = client.Exchange(
        "POST /a%20b/c%2Bd?x=1+2&x=3&y=%D0%AF&z HTTP/1.1\r\nHost: test\r\n"
        "Content-Type: application/json\r\nAuthorization: Bearer t0ken\r\nCookie: session=s1\r\n"
        "Content-Length: 7\r\n\r\n{\"k\":1}");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 201);
    EXPECT_EQ(response->body, "created");
    EXPECT_EQ(response->Header("content-type"), "text/plain; charset=utf-8");
    EXPECT_EQ(response->Header("location"), "/x/1");

    std::lock_guard lock(mutex);
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.target, "/a%20b/c%2Bd?x=1+2&x=3&y=%D0%AF&z");
    EXPECT_EQ(seen.path, "/a b/c+d");
    EXPECT_EQ(seen.query,
              (std::multimap<std::string, std::string>{{"x", "1 2"}, {"x", "3"}, {"y", "Я"}, {"z", ""}}));
    EXPECT_EQ(seen.QueryParam("x"), "1 2");
    EXPECT_EQ(seen.content_type, "application/json");
    EXPECT_EQ(seen.authorization, "Bearer t0ken");
    EXPECT_EQ(seen.cookie, "session=s1");
    EXPECT_EQ(seen.body, "{\"k\":1}");
    EXPECT_EQ(seen.remote_address, "127.0.0.1");
}

TEST(Server, RepeatedResponseHeadersAreAllSent) {
    TestServer server(TestOptions(), [](const Request&) {
        return Dispatch{[](Request&) {
                            Response response;
                            response.headers = {{"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}};
                            return response;
                        },
                        Dispatch::Pool::kIo};
    });
    Client client(server.port());
    const auto response = client.Exchange(Get("/"));
    ASSERT_TRUE(response);
    EXPECT_NE(response->head.find("\r\nSet-Cookie: a=1\r\n"), std::string::npos) << response->head;
    EXPECT_NE(response->head.find("\r\nSet-Cookie: b=2"), std::string::npos) << response->head;
}

TEST(Server, BodyOverTheLimitAnswers413AndSkipsTheHandler) {
    auto options = TestOptions();
    options.body_limit = 16;
    std::atomic<int> calls{0};
    TestServer server(options, [&](const Request&) {
        return Dispatch{[&](Request& request) {
                            ++calls;
                            return Response{200, "text/plain", request.path, {}, {}};
                        },
                        Dispatch::Pool::kIo};
    });

    Client declared(server.port());
    const auto response = declared.Exchange(
        "POST /x HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n" +
        std::string(100, 'a'));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(response->Header("content-type"), "application/json");
    EXPECT_EQ(Lower(response->Header("connection")), "close");
    EXPECT_EQ(
        response->body,
        R"({"error":{"code":"payload_too_large","message":"the request body exceeds the limit of 16 bytes",)"
        R"("field":null}})");
    EXPECT_TRUE(declared.WaitClosed());

    Client chunked(server.port());
    const auto chunked_response = chunked.Exchange(
        "POST /x HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
        "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n");
    ASSERT_TRUE(chunked_response);
    EXPECT_EQ(chunked_response->status, 413);
    EXPECT_TRUE(chunked.WaitClosed());

    Client within(server.port());
    const auto ok = within.Exchange("POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: 16\r\n\r\n" +
                                    std::string(16, 'a'));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(calls.load(), 1);
}

TEST(Server, HeaderOverTheLimitAnswers431) {
    auto options = TestOptions();
    options.header_limit = 1024;
    std::atomic<int> calls{0};
    TestServer server(options, [&](const Request& request) {
        ++calls;
        return EchoPath(request);
    });
    Client client(server.port());
    const auto response =
        client.Exchange("GET /x HTTP/1.1\r\nHost: test\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 431);
    EXPECT_NE(response->body.find(R"("code":"malformed")"), std::string::npos) << response->body;
    EXPECT_TRUE(client.WaitClosed());
    EXPECT_EQ(calls.load(), 0);
}

TEST(Server, UnparseableRequestAnswers400) {
    std::atomic<int> calls{0};
    TestServer server(TestOptions(), [&](const Request& request) {
        ++calls;
        return EchoPath(request);
    });
    Client client(server.port());
    const auto response = client.Exchange("THIS IS NOT HTTP\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
    EXPECT_EQ(response->body,
              R"({"error":{"code":"malformed","message":"malformed HTTP request","field":null}})");
    EXPECT_TRUE(client.WaitClosed());
    EXPECT_EQ(calls.load(), 0);
}

TEST(Server, BrokenPercentEncodingAnswers400AndKeepsTheConnection) {
    std::atomic<int> calls{0};
    TestServer server(TestOptions(), [&](const Request& request) {
        ++calls;
        return EchoPath(request);
    });
    Client client(server.port());
    const auto response = client.Exchange(Get("/a%zz"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
    EXPECT_NE(response->body.find(R"("code":"malformed")"), std::string::npos) << response->body;
    EXPECT_EQ(calls.load(), 0);

    const auto next = client.Exchange(Get("/ok"));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->body, "/ok");
}

TEST(Server, HandlerExceptionAnswers500WithoutItsMessage) {
    TestServer server(TestOptions(), [](const Request& request) {
        if (request.path == "/dispatch-throws") throw std::runtime_error("secret detail");
        return Dispatch{[](Request& r) -> Response {
                            if (r.path == "/throws") throw std::runtime_error("secret detail");
                            return Response{200, "text/plain", "fine", {}, {}};
                        },
                        request.path == "/blocking" ? Dispatch::Pool::kBlocking : Dispatch::Pool::kIo};
    });
    Client client(server.port());
    const std::string expected = R"({"error":{"code":"internal","message":"internal error","field":null}})";
    for (const char* target : {"/throws", "/dispatch-throws"}) {
        const auto response = client.Exchange(Get(target));
        ASSERT_TRUE(response) << target;
        EXPECT_EQ(response->status, 500) << target;
        EXPECT_EQ(response->Header("content-type"), "application/json");
        EXPECT_EQ(response->body, expected);
    }
    const auto after = client.Exchange(Get("/blocking"));
    ASSERT_TRUE(after);
    EXPECT_EQ(after->body, "fine");
}

TEST(Server, BlockingHandlerThrowingAnswers500) {
    TestServer server(TestOptions(), [](const Request&) {
        return Dispatch{[](Request&) -> Response { throw std::runtime_error("secret detail"); },
                        Dispatch::Pool::kBlocking};
    });
    Client client(server.port());
    const auto response = client.Exchange(Get("/"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 500);
    EXPECT_EQ(response->body.find("secret"), std::string::npos);
}

TEST(Server, ExpectContinueGetsAnInterimResponse) {
    TestServer server(TestOptions(), [](const Request&) {
        return Dispatch{[](Request& request) {
                            return Response{200, "text/plain", request.body, {}, {}};
                        },
                        Dispatch::Pool::kIo};
    });
    Client client(server.port());
    const auto interim = client.Exchange(
        "POST /x HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    ASSERT_TRUE(interim);
    EXPECT_EQ(interim->status, 100);
    const auto response = client.Exchange("hello");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "hello");
}

// Counts the handler's calls and answers 200 with the body it got.
class CountingEcho {
public:
    Dispatcher dispatcher() {
        return [this](const Request&) {
            return Dispatch{[this](Request& request) {
                                ++calls_;
                                return Response{200, "text/plain", request.path + " " + request.body, {}, {}};
                            },
                            Dispatch::Pool::kIo};
        };
    }
    int calls() const { return calls_.load(); }

private:
    std::atomic<int> calls_{0};
};

TEST(Server, AFinalTransferCodingOtherThanChunkedOrOneWithContentLengthAnswers400AndCloses) {
    CountingEcho echo;
    TestServer server(TestOptions(), echo.dispatcher());
    for (const char* coding : {"gzip", "chunked, gzip", "chunked\r\nTransfer-Encoding: identity",
                               "chunked\r\nContent-Length: 5", "identity\r\nContent-Length: 5"}) {
        SCOPED_TRACE(coding);
        Client client(server.port());
        // Read as an empty body, the second request would be served from the first one's body.
        const auto response =
            client.Exchange(std::string("POST /a HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: ") + coding +
                            "\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: test\r\n\r\n");
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 400);
        EXPECT_NE(response->body.find(R"("code":"malformed")"), std::string::npos) << response->body;
        EXPECT_EQ(Lower(response->Header("connection")), "close");
        EXPECT_TRUE(client.WaitClosed());
    }
    EXPECT_EQ(echo.calls(), 0);
}

TEST(Server, ChunkedBodyIsRead) {
    CountingEcho echo;
    TestServer server(TestOptions(), echo.dispatcher());
    Client client(server.port());
    const auto response = client.Exchange(
        "POST /a HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "/a hello");
}

// A fresh directory for streamed bodies, removed at the end of the test.
class UploadDir {
public:
    UploadDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "voronka-upload-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~UploadDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    UploadDir(const UploadDir&) = delete;
    UploadDir& operator=(const UploadDir&) = delete;

    std::string path() const { return path_.string(); }
    std::size_t Files() const {
        return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path_), {}));
    }
    // Waits, at most kWait, for the directory to be empty.
    bool WaitEmpty() const {
        const auto until = std::chrono::steady_clock::now() + kWait;
        while (Files() != 0) {
            if (std::chrono::steady_clock::now() > until) return false;
            std::this_thread::sleep_for(10ms);
        }
        return true;
    }

private:
    std::filesystem::path path_;
};

ServerOptions UploadOptions(const UploadDir& dir) {
    auto options = TestOptions();
    options.upload_dir = dir.path();
    return options;
}

std::string ReadWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Streams every body to a file and answers with what the handler found: the file's size, its
// first bytes and whether Request::body stayed empty. `keep` moves the file there instead.
Dispatcher UploadEcho(std::atomic<int>& calls, std::string keep = {}) {
    return [&calls, keep](const Request&) {
        return Dispatch{.handle =
                            [&calls, keep](Request& request) {
                                ++calls;
                                const std::string content = ReadWholeFile(request.body_file);
                                if (!keep.empty()) std::filesystem::rename(request.body_file, keep);
                                return Response{200,
                                                "text/plain",
                                                std::to_string(content.size()) + " " + content.substr(0, 5) +
                                                    (request.body.empty() ? " file" : " memory"),
                                                {},
                                                {}};
                            },
                        .body_to_file = true};
    };
}

TEST(Server, AStreamedBodyReachesTheHandlerAsAFileBeyondTheBodyLimitAndIsRemovedAfter) {
    UploadDir dir;
    auto options = UploadOptions(dir);
    options.body_limit = 16;
    std::atomic<int> calls{0};
    TestServer server(options, UploadEcho(calls));
    const std::string body = "hello" + std::string(100'000, 'x');

    Client client(server.port());
    const auto sized =
        client.Exchange("POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n\r\n" + body);
    ASSERT_TRUE(sized);
    EXPECT_EQ(sized->status, 200);
    EXPECT_EQ(sized->body, "100005 hello file");
    EXPECT_EQ(dir.Files(), 0u);

    // On the same connection: chunked, then after `100 Continue`, then empty.
    const auto chunked = client.Exchange(
        "POST /up HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: "
        "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    ASSERT_TRUE(chunked);
    EXPECT_EQ(chunked->body, "5 abcde file");
    const auto interim = client.Exchange(
        "POST /up HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    ASSERT_TRUE(interim);
    EXPECT_EQ(interim->status, 100);
    const auto continued = client.Exchange("12345");
    ASSERT_TRUE(continued);
    EXPECT_EQ(continued->body, "5 12345 file");
    const auto empty = client.Exchange("POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->body, "0  file");
    EXPECT_EQ(calls.load(), 4);
    EXPECT_EQ(dir.Files(), 0u);
}

TEST(Server, AHandlerKeepsAStreamedBodyByMovingItsFile) {
    UploadDir dir;
    UploadDir kept;
    const auto options = UploadOptions(dir);
    std::atomic<int> calls{0};
    const std::string keep = kept.path() + "/kept";
    TestServer server(options, UploadEcho(calls, keep));
    Client client(server.port());
    const auto response =
        client.Exchange("POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: 7\r\n\r\nrecords");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(ReadWholeFile(keep), "records");
    EXPECT_EQ(dir.Files(), 0u);
}

TEST(Server, AStreamedBodyOverTheUploadLimitAnswers413SkipsTheHandlerAndLeavesNoFile) {
    UploadDir dir;
    auto options = UploadOptions(dir);
    options.upload_limit = 1000;
    std::atomic<int> calls{0};
    TestServer server(options, UploadEcho(calls));

    Client declared(server.port());
    const auto response = declared.Exchange(
        "POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'a'));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(
        response->body,
        R"({"error":{"code":"payload_too_large","message":"the request body exceeds the limit of 1000 bytes",)"
        R"("field":null}})");
    EXPECT_TRUE(declared.WaitClosed());

    Client chunked(server.port());
    std::string chunks = "POST /up HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 20; ++i) chunks += "64\r\n" + std::string(100, 'b') + "\r\n";
    const auto chunked_response = chunked.Exchange(chunks + "0\r\n\r\n");
    ASSERT_TRUE(chunked_response);
    EXPECT_EQ(chunked_response->status, 413);
    EXPECT_TRUE(chunked.WaitClosed());
    EXPECT_EQ(calls.load(), 0);
    EXPECT_EQ(dir.Files(), 0u);
}

TEST(Server, AStreamedBodyCutOffByItsClientLeavesNoFile) {
    UploadDir dir;
    const auto options = UploadOptions(dir);
    std::atomic<int> calls{0};
    TestServer server(options, UploadEcho(calls));
    {
        Client client(server.port());
        client.Send("POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: 100000\r\n\r\n" +
                    std::string(50'000, 'c'));
        // The first half is being written to a file when the client goes.
        const auto until = std::chrono::steady_clock::now() + kWait;
        while (dir.Files() == 0 && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(10ms);
        EXPECT_EQ(dir.Files(), 1u);
    }
    EXPECT_TRUE(dir.WaitEmpty());
    EXPECT_EQ(calls.load(), 0);
}

TEST(Server, Http11WithoutOneHostAnswers400AndCloses) {
    CountingEcho echo;
    TestServer server(TestOptions(), echo.dispatcher());
    Client missing(server.port());
    const auto response = missing.Exchange("GET /a HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
    EXPECT_NE(response->body.find("Host"), std::string::npos) << response->body;
    EXPECT_TRUE(missing.WaitClosed());

    Client twice(server.port());
    const auto second = twice.Exchange("GET /a HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 400);
    EXPECT_EQ(echo.calls(), 0);
}

// Refuses every request from its head with 401, as the router does without credentials.
Dispatch RefuseFromTheHead(const Request&) {
    return Dispatch{
        .handle =
            [](Request& request) {
                return Response{
                    401, "text/plain", "refused, body of " + std::to_string(request.body.size()), {}};
            },
        .pool = Dispatch::Pool::kIo,
        .read_body = false,
        .authenticated = false};
}

TEST(Server, ARequestRefusedFromItsHeadIsAnsweredWithoutReadingTheBodyOrContinuing) {
    TestServer server(TestOptions(), RefuseFromTheHead);
    Client client(server.port());
    // Only the head is sent: the answer must come without the body.
    const auto response = client.Exchange(
        "POST /x HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 401) << "not 100 Continue";
    EXPECT_EQ(response->body, "refused, body of 0");
    EXPECT_EQ(Lower(response->Header("connection")), "close");
    EXPECT_TRUE(client.WaitClosed());

    // Without a body, the connection stays open.
    Client bodiless(server.port());
    ASSERT_TRUE(bodiless.Exchange(Get("/a")));
    const auto again = bodiless.Exchange(Get("/b"));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 401);
}

TEST(Server, TheHeadReachesTheDispatcherBeforeTheBodyIsSent) {
    std::promise<std::string> seen_authorization;
    TestServer server(TestOptions(), [&](const Request& head) {
        seen_authorization.set_value(head.authorization);
        return Dispatch{[](Request& request) {
                            return Response{200, "text/plain", request.body, {}, {}};
                        },
                        Dispatch::Pool::kIo};
    });
    Client client(server.port());
    client.Send("POST /x HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer t\r\nContent-Length: 5\r\n\r\n");
    auto seen = seen_authorization.get_future();
    ASSERT_EQ(seen.wait_for(kWait), std::future_status::ready);
    EXPECT_EQ(seen.get(), "Bearer t");
    const auto response = client.Exchange("hello");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "hello");
}

// Marks requests to /auth as authenticated.
Dispatch AuthenticatesOnAuthPath(const Request& head) {
    Dispatch dispatch = EchoPath(head);
    dispatch.authenticated = head.path == "/auth";
    return dispatch;
}

TEST(Server, ConnectionsOverTheCapGet503AndAreClosed) {
    auto options = TestOptions();
    options.max_connections = 2;
    options.max_unauthenticated_connections = 2;
    TestServer server(options, EchoPath);
    Client first(server.port());
    Client second(server.port());
    ASSERT_TRUE(first.Exchange(Get("/1")));  // both are accepted and counted
    ASSERT_TRUE(second.Exchange(Get("/2")));
    Client third(server.port());
    const auto refused = third.Read();
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503);
    EXPECT_NE(refused->body.find(R"("code":"unavailable")"), std::string::npos) << refused->body;
    EXPECT_TRUE(third.WaitClosed());
    // The open ones go on.
    const auto more = first.Exchange(Get("/3"));
    ASSERT_TRUE(more);
    EXPECT_EQ(more->body, "/3");
}

TEST(Server, UnauthenticatedConnectionsHaveALowerCap) {
    auto options = TestOptions();
    options.max_connections = 3;
    options.max_unauthenticated_connections = 1;
    TestServer server(options, AuthenticatesOnAuthPath);
    Client signed_in(server.port());
    ASSERT_TRUE(signed_in.Exchange(Get("/auth")));  // no longer counts as unauthenticated
    Client anonymous(server.port());
    ASSERT_TRUE(anonymous.Exchange(Get("/anon")));
    Client second_anonymous(server.port());
    const auto refused = second_anonymous.Read();
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503);
    EXPECT_TRUE(second_anonymous.WaitClosed());
    EXPECT_TRUE(anonymous.Exchange(Get("/still")));
    EXPECT_TRUE(signed_in.Exchange(Get("/still")));
}

TEST(Server, AClosedConnectionFreesItsPlace) {
    auto options = TestOptions();
    options.max_connections = 1;
    options.max_unauthenticated_connections = 1;
    TestServer server(options, EchoPath);
    {
        Client first(server.port());
        ASSERT_TRUE(first.Exchange("GET /1 HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"));
        ASSERT_TRUE(first.WaitClosed());
    }
    // The server ends the session as it closes; a new connection is served once it has. Each
    // try either gets 503 (still counted) or the answer; no sleeping between tries.
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    bool served = false;
    while (!served && std::chrono::steady_clock::now() < deadline) {
        Client next(server.port());
        const auto response = next.Exchange(Get("/2"));
        served = response && response->status == 200;
    }
    EXPECT_TRUE(served);
}

TEST(Server, HeadResponseHasLengthButNoBody) {
    TestServer server(TestOptions(), EchoPath);
    Client client(server.port());
    client.ExpectHeadResponse();
    const auto head = client.Exchange("HEAD /abc HTTP/1.1\r\nHost: test\r\n\r\n");
    ASSERT_TRUE(head);
    EXPECT_EQ(head->Header("content-length"), "4");
    const auto next = client.Exchange(Get("/next"));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->body, "/next");
}

TEST(Server, IdleConnectionIsClosedAfterTheTimeout) {
    auto options = TestOptions();
    options.idle_timeout = 1s;
    TestServer server(options, EchoPath);
    Client client(server.port());
    const auto response = client.Exchange(Get("/x"));
    ASSERT_TRUE(response);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(client.WaitClosed());
    EXPECT_LT(std::chrono::steady_clock::now() - start, kWait);
}

// Answers /slow on `pool` once `release` is set, telling `entered` when it starts; answers
// anything else at once on the I/O thread.
struct SlowRoute {
    Dispatch::Pool pool = Dispatch::Pool::kBlocking;
    std::promise<void> entered;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();

    Dispatcher MakeDispatcher() {
        return [this](const Request& request) {
            if (request.path != "/slow") return EchoPath(request);
            return Dispatch{[this](Request&) {
                                entered.set_value();
                                released.wait();
                                return Response{200, "text/plain", "slow", {}, {}};
                            },
                            pool};
        };
    }
};

TEST(Server, BlockingHandlerDoesNotHoldOtherConnections) {
    SlowRoute slow;
    auto options = TestOptions();
    options.io_threads = 1;
    options.blocking_threads = 1;
    TestServer server(options, slow.MakeDispatcher());

    Client waiting(server.port());
    waiting.Send(Get("/slow"));
    ASSERT_EQ(slow.entered.get_future().wait_for(kWait), std::future_status::ready);

    Client fast(server.port());
    const auto fast_response = fast.Exchange(Get("/fast"));
    ASSERT_TRUE(fast_response);
    EXPECT_EQ(fast_response->body, "/fast");

    slow.release.set_value();
    const auto slow_response = waiting.Read();
    ASSERT_TRUE(slow_response);
    EXPECT_EQ(slow_response->body, "slow");
}

TEST(Server, WriteHandlersWaitOnTheirOwnPoolAllAtOnce) {
    // What group commit needs: writers waiting for a commit hold neither an I/O thread nor
    // each other up, so as many wait together as there are write threads.
    constexpr int kWriters = 6;
    std::mutex mutex;
    std::condition_variable changed;
    int waiting = 0;
    bool released = false;
    auto options = TestOptions();
    options.io_threads = 1;
    options.blocking_threads = 1;
    options.write_threads = kWriters;
    TestServer server(options, [&](const Request& request) {
        if (request.path != "/write") return EchoPath(request);
        return Dispatch{[&](Request&) {
                            std::unique_lock lock(mutex);
                            ++waiting;
                            changed.notify_all();
                            changed.wait(lock, [&] { return released; });
                            return Response{200, "text/plain", "written", {}, {}};
                        },
                        Dispatch::Pool::kWrite};
    });

    std::vector<std::unique_ptr<Client>> writers;
    for (int i = 0; i < kWriters; ++i) {
        writers.push_back(std::make_unique<Client>(server.port()));
        writers.back()->Send("POST /write HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n");
    }
    {
        std::unique_lock lock(mutex);
        ASSERT_TRUE(changed.wait_for(lock, kWait, [&] { return waiting == kWriters; })) << waiting;
    }
    Client fast(server.port());
    const auto fast_response = fast.Exchange(Get("/fast"));
    ASSERT_TRUE(fast_response);
    EXPECT_EQ(fast_response->body, "/fast");

    {
        std::lock_guard lock(mutex);
        released = true;
    }
    changed.notify_all();
    for (auto& writer : writers) {
        const auto response = writer->Read();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->body, "written");
    }
}

TEST(Server, StopFinishesTheRequestInFlightAndRefusesNewConnections) {
    SlowRoute slow;
    TestServer server(TestOptions(), slow.MakeDispatcher());
    const auto port = server.port();

    Client idle(port);
    ASSERT_TRUE(idle.Exchange(Get("/idle")));
    auto in_flight = std::make_unique<Client>(port);
    in_flight->Send(Get("/slow"));
    ASSERT_EQ(slow.entered.get_future().wait_for(kWait), std::future_status::ready);

    server.server().Stop();

    // The idle keep-alive connection is closed at once, while the slow request still runs.
    EXPECT_TRUE(idle.WaitClosed());
    // New connections are refused once the acceptor has closed.
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    bool refused = false;
    while (!refused && std::chrono::steady_clock::now() < deadline) {
        Client late(port);
        refused = !late.connected() && late.connect_errno() == ECONNREFUSED;
        if (!refused) std::this_thread::sleep_for(10ms);
    }
    EXPECT_TRUE(refused);

    slow.release.set_value();
    const auto response = in_flight->Read();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "slow");
    EXPECT_EQ(Lower(response->Header("connection")), "close");
    EXPECT_TRUE(in_flight->WaitClosed());
    in_flight.reset();
    server.Join();
}

// A response stream the test feeds: Push() hands text to the server, Closed() waits for the end.
class TestStream final : public ResponseStream {
public:
    void Open(std::function<void()> wake) override {
        std::lock_guard lock(mutex_);
        wake_ = std::move(wake);
        changed_.notify_all();
    }
    std::string Take() override {
        std::lock_guard lock(mutex_);
        return std::exchange(pending_, {});
    }
    void Close() override {
        std::lock_guard lock(mutex_);
        closed_ = true;
        changed_.notify_all();
    }
    // Waits until the server opened the stream, then gives it `text`.
    void Push(const std::string& text) {
        std::function<void()> wake;
        {
            std::unique_lock lock(mutex_);
            changed_.wait_for(lock, kWait, [this] { return static_cast<bool>(wake_); });
            pending_ += text;
            wake = wake_;
        }
        if (wake) wake();
    }
    bool Closed() {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, kWait, [this] { return closed_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::function<void()> wake_;
    std::string pending_;
    bool closed_ = false;
};

// Answers /stream with `stream`, anything else as EchoPath.
Dispatcher StreamAt(std::shared_ptr<TestStream> stream) {
    return [stream](const Request& request) {
        if (request.path != "/stream") return EchoPath(request);
        return Dispatch{[stream](Request&) {
                            return Response{.status = 200,
                                            .content_type = "text/event-stream",
                                            .headers = {{"Cache-Control", "no-store"}},
                                            .stream = stream};
                        },
                        Dispatch::Pool::kIo};
    };
}

// Reads from `fd` until `text` has come, for kWait at most; answers all it read.
std::string ReadUntil(int fd, const std::string& text) {
    std::string data;
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    char chunk[4096];
    while (data.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        const auto n = ::recv(fd, chunk, sizeof(chunk), 0);
        if (n <= 0) break;
        data.append(chunk, static_cast<std::size_t>(n));
    }
    return data;
}

// A raw connection for the stream tests, which read the body as it comes: asks for /stream and
// reads until the first event `stream` gives has come; answers the socket (-1 when it cannot
// connect) and what it read.
std::pair<int, std::string> OpenStream(unsigned short port, TestStream& stream) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{};
    timeout.tv_sec = std::chrono::duration_cast<std::chrono::seconds>(kWait).count();
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        ::close(fd);
        return {-1, ""};
    }
    const std::string request = Get("/stream");
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size()))
        return {fd, ""};
    stream.Push("event: one\ndata: {}\n\n");
    return {fd, ReadUntil(fd, "event: one\ndata: {}\n\n")};
}

// A TestServer with `options` answering /stream with a TestStream, and a client that opened it
// and read its first event (`first`, with the head). Fails the test when it cannot.
struct OpenedStream {
    explicit OpenedStream(ServerOptions options)
        : stream(std::make_shared<TestStream>()), server(std::move(options), StreamAt(stream)) {
        std::tie(fd, first) = OpenStream(server.port(), *stream);
        EXPECT_GE(fd, 0);
        EXPECT_NE(first.find("event: one\ndata: {}\n\n"), std::string::npos) << first;
    }
    ~OpenedStream() {
        if (fd >= 0) ::close(fd);
    }
    OpenedStream(const OpenedStream&) = delete;
    OpenedStream& operator=(const OpenedStream&) = delete;

    std::shared_ptr<TestStream> stream;
    TestServer server;
    int fd = -1;
    std::string first;
};

TEST(Server, AStreamSendsItsHeadThenWhatItGivesAndHeartbeatsPastTheIdleTimeout) {
    auto options = TestOptions();
    options.idle_timeout = 1s;
    options.stream_heartbeat = 200ms;
    OpenedStream opened(options);
    const std::string& first = opened.first;
    EXPECT_EQ(first.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << first;
    EXPECT_NE(first.find("Content-Type: text/event-stream\r\n"), std::string::npos) << first;
    EXPECT_NE(first.find("Cache-Control: no-store\r\n"), std::string::npos) << first;
    EXPECT_NE(first.find("Connection: close\r\n\r\n"), std::string::npos) << first;
    EXPECT_EQ(first.find("Content-Length"), std::string::npos) << first;

    // Twice the idle timeout later the stream is still open, kept by its heartbeat.
    const auto until = std::chrono::steady_clock::now() + 2s;
    std::string later;
    while (std::chrono::steady_clock::now() < until) later += ReadUntil(opened.fd, ": ping\n\n");
    EXPECT_GE(later.size(), 5 * std::string(": ping\n\n").size()) << later;
    opened.stream->Push("event: two\ndata: {}\n\n");
    EXPECT_NE(ReadUntil(opened.fd, "event: two").find("event: two"), std::string::npos);

    ::close(std::exchange(opened.fd, -1));  // the client goes: the stream hears of it
    EXPECT_TRUE(opened.stream->Closed());
}

TEST(Server, AStreamEndsAtItsMaximumAge) {
    auto options = TestOptions();
    options.stream_heartbeat = 100ms;
    options.stream_max_age = 500ms;
    OpenedStream opened(options);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(opened.stream->Closed());
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    char byte = 0;
    ssize_t n = 0;
    while ((n = ::recv(opened.fd, &byte, 1, 0)) > 0) {
    }
    EXPECT_EQ(n, 0);  // the server closed the connection
}

TEST(Server, StopEndsOpenStreamsWithoutWaitingForTheGrace) {
    auto options = TestOptions();
    options.shutdown_grace = 30s;
    OpenedStream opened(options);
    const auto start = std::chrono::steady_clock::now();
    opened.server.server().Stop();
    opened.server.Join();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    EXPECT_TRUE(opened.stream->Closed());
}

TEST(Server, SigtermStopsRun) {
    TestServer server(TestOptions(), EchoPath);
    Client client(server.port());
    // A response proves Run() is serving, so its signal handlers are installed.
    ASSERT_TRUE(client.Exchange(Get("/x")));
    std::raise(SIGTERM);
    EXPECT_TRUE(client.WaitClosed());
    server.Join();
}

}  // namespace
}  // namespace voronka::api
