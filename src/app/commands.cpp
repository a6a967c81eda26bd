#include "app/commands.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "api/metrics.hpp"
#include "api/router.hpp"
#include "api/server.hpp"
#include "api/services.hpp"
#include "api/static_files.hpp"
#include "auth/department_service.hpp"
#include "auth/user_service.hpp"
#include "automation/engine.hpp"
#include "crm/pipeline_service.hpp"
#include "messaging/channel_transport.hpp"
#include "messaging/delivery_worker.hpp"
#include "store/backup.hpp"
#include "store/database.hpp"

namespace voronka::app {
namespace {

void SetUpLogging(const Config& config) {
    auto logger = spdlog::stderr_logger_mt("voronka");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    logger->set_level(spdlog::level::from_str(config.log_level));
    spdlog::set_default_logger(logger);
}

std::unique_ptr<store::Database> OpenDatabase(const Config& config) {
    store::Options options;
    options.url = config.database;
    options.pool_size = config.db_pool_size;
    options.sqlite_synchronous_full = config.sqlite_synchronous == "full";
    options.sqlite_group_commit = config.sqlite_group_commit;
    auto db = store::Database::Open(options);
    db->Migrate();
    return db;
}

void SplitListen(const std::string& listen, api::ServerOptions& options) {
    const auto colon = listen.rfind(':');
    options.host = listen.substr(0, colon);
    if (options.host.size() > 2 && options.host.front() == '[') {
        options.host = options.host.substr(1, options.host.size() - 2);
    }
    options.port = static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)));
}

// Reads one line from standard input with echo off when it is a terminal.
std::string ReadSecretLine(const char* prompt) {
    const bool tty = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (tty) {
        std::cerr << prompt << std::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

int Serve(const Config& config) {
    SetUpLogging(config);
    auto db = OpenDatabase(config);
    SystemClock clock;
    crm::PipelineService(*db, clock).EnsureDefaultPipelines();

    std::vector<std::string> labels;
    for (const auto& route : api::AllRoutes()) labels.emplace_back(route.pattern);
    api::Metrics metrics(std::move(labels));
    auth::SessionOptions session_options;
    session_options.session_ttl_seconds = static_cast<std::int64_t>(config.session_ttl_hours) * 3600;
    api::Services services(*db, clock, metrics, session_options, config.secure_cookie);
    services.public_origin = config.public_origin;
    services.files_dir = config.files_dir;
    api::Router router(api::AllRoutes(), services, metrics);

    api::ServerOptions options;
    SplitListen(config.listen, options);
    options.io_threads = config.io_threads;
    options.blocking_threads = config.blocking_threads;
    options.write_threads = config.write_threads;
    options.body_limit = config.body_limit;
    options.upload_limit = config.upload_limit;
    options.upload_dir = (std::filesystem::path(config.files_dir) / "uploads").string();
    options.header_limit = config.header_limit;
    options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
    options.stream_heartbeat = std::chrono::milliseconds(config.stream_heartbeat_ms);
    options.stream_max_age = std::chrono::seconds(config.stream_max_age_seconds);
    options.max_connections = static_cast<std::size_t>(config.max_connections);
    options.max_unauthenticated_connections =
        static_cast<std::size_t>(config.max_unauthenticated_connections);
    api::Dispatcher dispatcher = [&router](const api::Request& request) { return router.Select(request); };
    if (!config.web_root.empty()) {
        auto files = api::StaticFiles::Load(config.web_root);
        if (files) {
            dispatcher = api::WithStaticFiles(std::move(dispatcher), api::AllRoutes(), *files);
        } else {
            spdlog::warn("the web UI is not served: {} (build it with `npm ci && npm run build` in web/)",
                         files.error().message);
        }
    }
    api::Server server(options, std::move(dispatcher));
    server.Listen();

    // Automation and delivery run beside the server; both stop before the database closes.
    messaging::ChannelTransport transport(*db, clock);
    messaging::DeliveryWorker delivery(
        *db, clock, transport,
        messaging::DeliveryOptions{.threads = config.delivery_threads,
                                   .lease_seconds = config.delivery_lease_seconds});
    automation::Engine engine(
        *db, clock, automation::EngineOptions{.on_messages_queued = [&delivery] { delivery.Wake(); }});
    if (config.workers) {
        services.after_change = [&engine] { engine.Wake(); };
        delivery.Start();
        engine.Start();
    }
    std::cout << "voronka: listening on http://" << options.host << ":" << server.port() << std::endl;
    spdlog::info("listening on {}:{} with {}", options.host, server.port(),
                 db->dialect() == store::Dialect::kSqlite ? "SQLite" : "PostgreSQL");
    services.live_streams.Start(
        api::LiveStreamOptions{.poll_interval = std::chrono::milliseconds(config.stream_poll_ms)});
    server.Run();
    services.live_streams.Stop();
    engine.Stop();
    delivery.Stop();
    spdlog::info("stopped");
    return 0;
}

int Migrate(const Config& config) {
    store::Options options;
    options.url = config.database;
    const auto db = store::Database::Open(options);
    const int applied = db->Migrate();
    std::cout << "voronka: " << applied << " migration(s) applied\n";
    return 0;
}

int Backup(const Config& config, const std::string& to) {
    const auto summary = store::Backup(config.database, to);
    std::cout << "voronka: backed up to " << to << " (" << summary.format << ", " << summary.bytes
              << " bytes, schema " << summary.schema_version << ")\n";
    return 0;
}

int Restore(const Config& config, const std::string& from) {
    const auto summary = store::Restore(from, config.database);
    std::cout << "voronka: restored " << from << " (" << summary.format << ", schema "
              << summary.schema_version << ") and migrated it to this version\n";
    return 0;
}

int AddUser(const Config& config, const UserToAdd& input) {
    const auto role = auth::ParseRole(input.role);
    if (!role) {
        std::cerr << "voronka: --role must be admin, head or manager\n";
        return 2;
    }
    std::string password = ReadSecretLine("Password: ");
    if (isatty(STDIN_FILENO) != 0 && ReadSecretLine("Repeat the password: ") != password) {
        std::cerr << "voronka: the passwords differ\n";
        return 2;
    }
    auto db = OpenDatabase(config);
    SystemClock clock;
    auth::DepartmentService departments(*db, clock);
    auth::UserService users(*db, clock);

    std::optional<std::int64_t> department_id;
    if (input.department) {
        auto department = departments.FindByName(*input.department);
        if (!department) {
            auto created = departments.CreateUnchecked({.name = *input.department,
                                                        .kind = auth::DepartmentKind::kSales,
                                                        .head_user_id = std::nullopt});
            if (!created) {
                std::cerr << "voronka: " << created.error().message << "\n";
                return 2;
            }
            std::cout << "voronka: department \"" << created->name << "\" created\n";
            department = *created;
        }
        department_id = department->id;
    }
    auto user = users.CreateUnchecked({.email = input.email,
                                       .name = input.name,
                                       .role = *role,
                                       .department_id = department_id,
                                       .phone_extension = std::nullopt,
                                       .password = password});
    if (!user) {
        std::cerr << "voronka: " << user.error().message << "\n";
        return 2;
    }
    std::cout << "voronka: user " << user->id << " <" << user->email << "> added\n";
    return 0;
}

}  // namespace voronka::app
