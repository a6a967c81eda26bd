// The `voronka` command line: version, migrate, user add, configuration errors at start-up, and
// the graceful stop of `serve` on SIGTERM; the real binary on each back end.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <regex>
#include <thread>

#include "api/api_test_fixture.hpp"
#include "support/raw_connection.hpp"

namespace voronka::test {
namespace {

using Clock = std::chrono::steady_clock;

TEST(Cli, VersionPrintsTheVersion) {
    const CommandResult result = RunVoronka({"version"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(std::regex_search(result.out, std::regex(R"(^voronka \d+\.\d+\.\d+\s*$)"))) << result.out;
}

TEST(Cli, UnknownSubcommandFailsWithUsage) {
    const CommandResult result = RunVoronka({"frobnicate"});
    EXPECT_NE(result.exit_code, 0);
    EXPECT_FALSE((result.out + result.err).empty());
}

// Sub-commands on a fresh, empty database (no demo).
class CliApi : public ::testing::TestWithParam<Backend> {
protected:
    TestDatabase database_{GetParam()};
};

TEST_P(CliApi, MigrateAppliesTheMigrationsOnceThenNothing) {
    const CommandResult first = RunVoronka({"migrate", "--database", database_.url()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_TRUE(std::regex_search(first.out, std::regex(R"([1-9]\d* migration\(s\) applied)"))) << first.out;
    const CommandResult again = RunVoronka({"migrate", "--database", database_.url()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find(" 0 migration(s) applied"), std::string::npos) << again.out;
}

TEST_P(CliApi, BadListenSettingStopsServeWithAMessageNamingIt) {
    CommandOptions options;
    options.env["VORONKA_LISTEN"] = "bad";
    options.timeout = std::chrono::seconds(30);
    const CommandResult from_env = RunVoronka({"serve", "--database", database_.url()}, options);
    EXPECT_NE(from_env.exit_code, 0);
    EXPECT_NE(from_env.err.find("listen"), std::string::npos) << from_env.err;
    EXPECT_NE(from_env.err.find("VORONKA_LISTEN"), std::string::npos) << from_env.err;

    const CommandResult from_flag =
        RunVoronka({"serve", "--database", database_.url(), "--listen", "127.0.0.1:99999"},
                   {.timeout = options.timeout});
    EXPECT_NE(from_flag.exit_code, 0);
    EXPECT_NE(from_flag.err.find("listen"), std::string::npos) << from_flag.err;
}

TEST_P(CliApi, BadDatabaseSettingStopsServeWithAMessageNamingIt) {
    CommandOptions options;
    options.env["VORONKA_DATABASE"] = "mysql://nope";
    options.timeout = std::chrono::seconds(30);
    const CommandResult result = RunVoronka({"serve", "--listen", "127.0.0.1:0"}, options);
    EXPECT_NE(result.exit_code, 0);
    EXPECT_NE(result.err.find("database"), std::string::npos) << result.err;
}

TEST_P(CliApi, UserAddReadsThePasswordFromStdinAndTheUserCanSignIn) {
    const CommandResult added =
        RunVoronka({"user", "add", "--database", database_.url(), "--email", "Novikova@Voronka.Example",
                    "--name", "Елена Новикова", "--role", "admin", "--department", "Маркетинг"},
                   {.stdin_text = "novikova-secret-1\n"});
    ASSERT_EQ(added.exit_code, 0) << added.out << added.err;
    EXPECT_NE(added.out.find("added"), std::string::npos) << added.out;
    EXPECT_EQ(added.out.find("novikova-secret-1"), std::string::npos);
    EXPECT_EQ(added.err.find("novikova-secret-1"), std::string::npos);

    ServerProcess server({.database_url = database_.url()});
    HttpClient http(server.base_url());
    const HttpResponse login = http.Post(
        "/api/v1/auth/login", {{"email", "novikova@voronka.example"}, {"password", "novikova-secret-1"}});
    ASSERT_EQ(login.status, 200) << login.body << server.Stderr();
    const nlohmann::json user = login.Json().at("user");
    EXPECT_EQ(user.at("name"), "Елена Новикова");
    EXPECT_EQ(user.at("role"), "admin");
    ASSERT_TRUE(user.at("department_id").is_number_integer());
    const std::string token = login.Json().at("token");
    const HttpResponse department =
        http.Get("/api/v1/departments/" + std::to_string(user["department_id"].get<std::int64_t>()), token);
    ASSERT_EQ(department.status, 200) << department.body;
    EXPECT_EQ(department.Json().at("name"), "Маркетинг");
    EXPECT_TRUE(IsError(http.Post("/api/v1/auth/login", {{"email", "novikova@voronka.example"},
                                                         {"password", "novikova-secret-1\n"}}),
                        401, "unauthenticated"));
    EXPECT_EQ(server.Stop(), 0) << server.Stderr();
}

TEST_P(CliApi, UserAddRefusesABadRoleADuplicateOrAShortPassword) {
    const std::vector<std::string> base{"user",          "add",    "--database",
                                        database_.url(), "--name", "Пользователь"};
    auto with = [&](std::vector<std::string> more) {
        std::vector<std::string> args = base;
        args.insert(args.end(), more.begin(), more.end());
        return args;
    };
    const CommandResult bad_role = RunVoronka(with({"--email", "a@voronka.example", "--role", "boss"}),
                                              {.stdin_text = "long-enough-1\n"});
    EXPECT_NE(bad_role.exit_code, 0);
    EXPECT_NE(bad_role.err.find("role"), std::string::npos) << bad_role.err;

    const CommandResult short_password =
        RunVoronka(with({"--email", "a@voronka.example", "--role", "manager"}), {.stdin_text = "short\n"});
    EXPECT_NE(short_password.exit_code, 0);
    EXPECT_NE(short_password.err.find("password"), std::string::npos) << short_password.err;

    const CommandResult first = RunVoronka(with({"--email", "a@voronka.example", "--role", "manager"}),
                                           {.stdin_text = "long-enough-1\n"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const CommandResult duplicate = RunVoronka(with({"--email", "A@VORONKA.example", "--role", "manager"}),
                                               {.stdin_text = "long-enough-2\n"});
    EXPECT_NE(duplicate.exit_code, 0);
    EXPECT_NE(duplicate.err.find("e-mail"), std::string::npos) << duplicate.err;
}

TEST_P(CliApi, ServeRefusesAPortAlreadyInUse) {
    ServerProcess first({.database_url = database_.url()});
    const CommandResult second = RunVoronka(
        {"serve", "--database", database_.url(), "--listen", "127.0.0.1:" + std::to_string(first.port())},
        {.timeout = std::chrono::seconds(30)});
    EXPECT_NE(second.exit_code, 0);
    EXPECT_NE(second.err.find(std::to_string(first.port())), std::string::npos) << second.err;
    EXPECT_EQ(first.Stop(), 0) << first.Stderr();
}

// `serve` with the demo organisation, stopped by signals.
class ServeApi : public ApiTest {};

TEST_P(ServeApi, SigtermWhileIdleExitsZero) {
    ASSERT_EQ(http().Get("/healthz").status, 200);  // an idle keep-alive connection stays open
    EXPECT_EQ(server().Stop(), 0) << server().Stderr();
}

TEST_P(ServeApi, SigtermWhileARequestIsInFlightFinishesItAndExitsZero) {
    const std::string body = R"({"email": "admin@voronka.example", "password": "voronka-demo"})";
    RawConnection connection(server().port());
    ASSERT_TRUE(connection.ok()) << std::strerror(connection.error());
    // The server answers `100 Continue` once it has read the header: from then on the request is
    // in flight, and stays so until we send its body.
    ASSERT_TRUE(
        connection.Send("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/json\r\nExpect: 100-continue\r\n"
                        "Content-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n"));
    const std::string interim = connection.Read("\r\n\r\n", std::chrono::seconds(10));
    ASSERT_TRUE(interim.starts_with("HTTP/1.1 100")) << interim;

    server().Signal(SIGTERM);
    // The server has begun stopping once it refuses new connections.
    bool refused = false;
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (!refused && Clock::now() < deadline) {
        RawConnection probe(server().port());
        if (!probe.ok() && probe.error() == ECONNREFUSED) {
            refused = true;
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    ASSERT_TRUE(refused) << "the server still accepts connections after SIGTERM";
    EXPECT_EQ(server().Wait(std::chrono::milliseconds(0)), -1) << "the server quit with a request in flight";

    ASSERT_TRUE(connection.Send(body));
    const std::string response = connection.Read("", std::chrono::seconds(30));
    EXPECT_TRUE(response.starts_with("HTTP/1.1 200")) << response;
    EXPECT_NE(response.find("\"token\""), std::string::npos) << response;
    EXPECT_EQ(server().Wait(std::chrono::milliseconds(30000)), 0) << server().Stderr();
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(CliApi);
VORONKA_INSTANTIATE_API_TEST(ServeApi);

}  // namespace voronka::test
