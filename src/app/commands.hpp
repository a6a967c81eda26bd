// The sub-commands of the `voronka` binary. Owned by app. Each answers the process exit code.
#pragma once

#include <optional>
#include <string>

#include "app/config.hpp"

namespace voronka::app {

// Migrates the database and serves HTTP until SIGINT/SIGTERM.
int Serve(const Config& config);

// Applies pending migrations.
int Migrate(const Config& config);

// Copies the database into the new file `to` while the server may be running (store/backup.hpp).
int Backup(const Config& config, const std::string& to);
// Restores a backup into the configured database, which must be empty, and migrates it forward.
int Restore(const Config& config, const std::string& from);

struct UserToAdd {
    std::string email;
    std::string name;
    std::string role;
    std::optional<std::string> department;  // created (kind sales) when missing
};
// Adds a user; the password is read from standard input (twice, without echo, on a terminal).
int AddUser(const Config& config, const UserToAdd& user);

// Creates the demo organisation (users, departments, settings, default pipelines and, unless
// `accounts_only`, 300 leads and 150 deals with tasks and notes) unless users exist already, and
// prints how to sign in.
int Demo(const Config& config, bool accounts_only = false);

}  // namespace voronka::app
