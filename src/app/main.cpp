// voronka: the CRM server and its administration commands.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/commands.hpp"
#include "app/config.hpp"

namespace {

constexpr const char* kVersion = "0.1.0";

}  // namespace

int main(int argc, char** argv) {
    using voronka::app::ConfigSources;

    CLI::App cli{"Voronka: a CRM for sales departments"};
    cli.require_subcommand(1);
    std::string config_file;
    cli.add_option("--config", config_file, "config file of `key = value` lines (default ./voronka.conf)");
    std::string database;
    std::string listen;

    auto add_database = [&](CLI::App* sub) {
        sub->add_option("--database", database, "sqlite:PATH or postgresql://user@host:port/dbname");
    };

    auto* serve = cli.add_subcommand("serve", "run the HTTP server");
    add_database(serve);
    serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");

    auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations");
    add_database(migrate);

    auto* backup = cli.add_subcommand("backup", "copy the database into a new file while the server runs");
    add_database(backup);
    std::string backup_file;
    backup->add_option("--to", backup_file, "the backup file to create (must not exist)")->required();

    auto* restore = cli.add_subcommand("restore", "restore a backup into a new, empty database");
    add_database(restore);
    std::string restore_file;
    restore->add_option("--from", restore_file, "a file made by `voronka backup`")->required();

    auto* user = cli.add_subcommand("user", "manage users");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "add a user; the password is read from stdin");
    add_database(user_add);
    voronka::app::UserToAdd new_user;
    std::string department;
    user_add->add_option("--email", new_user.email, "e-mail, used to sign in")->required();
    user_add->add_option("--name", new_user.name, "full name")->required();
    user_add->add_option("--role", new_user.role, "admin, head or manager")->required();
    user_add->add_option("--department", department, "department name (created when missing)");

    auto* demo = cli.add_subcommand("demo", "create the demo organisation");
    add_database(demo);
    bool accounts_only = false;
    demo->add_flag("--accounts-only", accounts_only,
                   "only users, departments, settings and pipelines: no leads or deals");

    cli.add_subcommand("version", "print the version");

    CLI11_PARSE(cli, argc, argv);

    if (cli.got_subcommand("version")) {
        std::cout << "voronka " << kVersion << "\n";
        return 0;
    }

    ConfigSources sources;
    sources.environment = voronka::app::VoronkaEnvironment();
    if (!config_file.empty()) {
        sources.file = config_file;
    } else if (const auto env = sources.environment.find("VORONKA_CONFIG");
               env != sources.environment.end()) {
        sources.file = env->second;
    } else if (std::filesystem::exists("voronka.conf")) {
        sources.file = "voronka.conf";
    }
    sources.environment.erase("VORONKA_CONFIG");
    if (!database.empty()) sources.flags["database"] = database;
    if (!listen.empty()) sources.flags["listen"] = listen;

    auto config = voronka::app::LoadConfig(sources);
    if (!config) {
        std::cerr << "voronka: " << config.error().message << "\n";
        return 2;
    }
    try {
        if (cli.got_subcommand("serve")) return voronka::app::Serve(*config);
        if (cli.got_subcommand("migrate")) return voronka::app::Migrate(*config);
        if (cli.got_subcommand("demo")) return voronka::app::Demo(*config, accounts_only);
        if (cli.got_subcommand("backup")) return voronka::app::Backup(*config, backup_file);
        if (cli.got_subcommand("restore")) return voronka::app::Restore(*config, restore_file);
        if (user->got_subcommand("add")) {
            if (!department.empty()) new_user.department = department;
            return voronka::app::AddUser(*config, new_user);
        }
    } catch (const std::exception& e) {
        std::cerr << "voronka: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
