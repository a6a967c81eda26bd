#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace voronka::app {
namespace {

class ConfigFile {
public:
    explicit ConfigFile(const std::string& text) : path_(testing::TempDir() + "voronka_config_test.conf") {
        std::ofstream(path_) << text;
    }
    ~ConfigFile() { std::remove(path_.c_str()); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

TEST(Config, DefaultsWhenNothingIsSet) {
    const auto config = LoadConfig({});
    ASSERT_TRUE(config.ok());
    EXPECT_EQ(config->database, "sqlite:./data/voronka.db");
    EXPECT_EQ(config->listen, "127.0.0.1:8080");
    EXPECT_EQ(config->body_limit, 1024u * 1024u);
    EXPECT_EQ(config->upload_limit, std::size_t{2} << 30);
    EXPECT_EQ(config->files_dir, "./data/files");
}

TEST(Config, FileThenEnvironmentThenFlagsTakePrecedence) {
    ConfigFile file("# comment\nlisten = 127.0.0.1:9000\ndatabase = sqlite:/tmp/file.db\nio_threads = 3\n");
    ConfigSources sources{.file = file.path(),
                          .environment = {{"VORONKA_LISTEN", "127.0.0.1:9001"},
                                          {"VORONKA_DATABASE", "postgresql://u@127.0.0.1:5432/v"}},
                          .flags = {{"listen", "127.0.0.1:9002"}}};
    const auto config = LoadConfig(sources);
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->listen, "127.0.0.1:9002");
    EXPECT_EQ(config->database, "postgresql://u@127.0.0.1:5432/v");
    EXPECT_EQ(config->io_threads, 3);
}

TEST(Config, WebRootDefaultsToTheBuiltUiAndMayBeTurnedOff) {
    EXPECT_EQ(LoadConfig({})->web_root, "./web/dist");
    const auto config =
        LoadConfig({.file = std::nullopt, .environment = {{"VORONKA_WEB_ROOT", ""}}, .flags = {}});
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->web_root, "");
}

TEST(Config, BadValueIsRefusedNamingTheSettingAndItsSource) {
    const auto config =
        LoadConfig({.file = std::nullopt, .environment = {{"VORONKA_LISTEN", "localhost"}}, .flags = {}});
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().field, "listen");
    EXPECT_NE(config.error().message.find("VORONKA_LISTEN"), std::string::npos);

    const auto port =
        LoadConfig({.file = std::nullopt, .environment = {}, .flags = {{"listen", "127.0.0.1:70000"}}});
    ASSERT_FALSE(port.ok());
    EXPECT_NE(port.error().message.find("--listen"), std::string::npos);

    const auto db =
        LoadConfig({.file = std::nullopt, .environment = {}, .flags = {{"database", "mysql://x"}}});
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().field, "database");
}

TEST(Config, UploadsHaveTheirOwnLimitAndDirectory) {
    const auto config = LoadConfig(
        {.file = std::nullopt,
         .environment = {{"VORONKA_UPLOAD_LIMIT", "10485760"}, {"VORONKA_FILES_DIR", "/srv/voronka"}},
         .flags = {}});
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->upload_limit, 10485760u);
    EXPECT_EQ(config->files_dir, "/srv/voronka");

    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"upload_limit", "10"}, {"upload_limit", "2TB"}, {"files_dir", ""}}) {
        const auto bad = LoadConfig({.file = std::nullopt, .environment = {}, .flags = {{key, value}}});
        ASSERT_FALSE(bad.ok()) << key << "=" << value;
        EXPECT_EQ(bad.error().field, key);
    }
}

TEST(Config, UnknownKeyInFileIsRefusedWithItsLine) {
    ConfigFile file("listen = 127.0.0.1:9000\nlisten_port = 80\n");
    const auto config = LoadConfig({.file = file.path(), .environment = {}, .flags = {}});
    ASSERT_FALSE(config.ok());
    EXPECT_NE(config.error().message.find("listen_port"), std::string::npos);
    EXPECT_NE(config.error().message.find(":2"), std::string::npos);
}

TEST(Config, UnrelatedVoronkaVariablesAreIgnored) {
    const auto config =
        LoadConfig({.file = std::nullopt, .environment = {{"VORONKA_TEST_PG_DIR", "/tmp/x"}}, .flags = {}});
    EXPECT_TRUE(config.ok());
}

TEST(Config, MissingFileIsAnError) {
    const auto config = LoadConfig({.file = "/nonexistent/voronka.conf", .environment = {}, .flags = {}});
    ASSERT_FALSE(config.ok());
    EXPECT_NE(config.error().message.find("/nonexistent/voronka.conf"), std::string::npos);
}

}  // namespace
}  // namespace voronka::app
