#include "app/config.hpp"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>
#include <vector>

#include "core/text.hpp"

extern char** environ;

namespace voronka::app {
namespace {

using Setter = std::function<std::optional<std::string>(Config&, const std::string&)>;

std::optional<std::string> SetInt(int& target, const std::string& value, int min, int max) {
    int parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc{} || end != value.data() + value.size() || parsed < min || parsed > max) {
        return fmt::format("expected an integer from {} to {}", min, max);
    }
    target = parsed;
    return std::nullopt;
}

std::optional<std::string> SetSize(std::size_t& target, const std::string& value, std::size_t min,
                                   std::size_t max) {
    std::size_t parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc{} || end != value.data() + value.size() || parsed < min || parsed > max) {
        return fmt::format("expected a number of bytes from {} to {}", min, max);
    }
    target = parsed;
    return std::nullopt;
}

std::optional<std::string> CheckListen(const std::string& value) {
    const auto colon = value.rfind(':');
    if (colon == std::string::npos || colon == 0) return "expected HOST:PORT, e.g. 127.0.0.1:8080";
    int port = -1;
    const std::string port_text = value.substr(colon + 1);
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port < 0 || port > 65535) {
        return "the port must be a number from 0 to 65535";
    }
    return std::nullopt;
}

std::optional<std::string> CheckDatabase(const std::string& value) {
    if (value.starts_with("sqlite:") && value.size() > 7) return std::nullopt;
    if (value.starts_with("postgresql://") || value.starts_with("postgres://")) return std::nullopt;
    return "expected sqlite:PATH or postgresql://user@host:port/dbname";
}

// An origin as browsers send it: scheme and host (and port), no path, or "" for none.
std::optional<std::string> CheckOrigin(const std::string& value) {
    if (value.empty()) return std::nullopt;
    const auto scheme_end = value.find("://");
    const bool http = value.starts_with("http://") || value.starts_with("https://");
    if (!http || value.size() == scheme_end + 3 || value.find('/', scheme_end + 3) != std::string::npos) {
        return "expected an origin such as https://crm.example.com (scheme and host, no path)";
    }
    return std::nullopt;
}

// Every setting by its key. When adding a field to Config, also add it here.
const std::map<std::string, Setter>& Setters() {
    static const std::map<std::string, Setter> setters{
        {"database",
         [](Config& c, const std::string& v) {
             auto bad = CheckDatabase(v);
             if (!bad) c.database = v;
             return bad;
         }},
        {"listen",
         [](Config& c, const std::string& v) {
             auto bad = CheckListen(v);
             if (!bad) c.listen = v;
             return bad;
         }},
        {"io_threads", [](Config& c, const std::string& v) { return SetInt(c.io_threads, v, 0, 256); }},
        {"blocking_threads",
         [](Config& c, const std::string& v) { return SetInt(c.blocking_threads, v, 1, 256); }},
        {"write_threads",
         [](Config& c, const std::string& v) { return SetInt(c.write_threads, v, 1, 1024); }},
        {"db_pool_size", [](Config& c, const std::string& v) { return SetInt(c.db_pool_size, v, 1, 512); }},
        {"body_limit",
         [](Config& c, const std::string& v) { return SetSize(c.body_limit, v, 1024, 1024u * 1024 * 1024); }},
        {"upload_limit",
         [](Config& c, const std::string& v) {
             return SetSize(c.upload_limit, v, 1024, std::size_t{1} << 40);
         }},
        {"files_dir",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v.empty()) return "expected a directory";
             c.files_dir = v;
             return std::nullopt;
         }},
        {"header_limit",
         [](Config& c, const std::string& v) { return SetSize(c.header_limit, v, 1024, 1024u * 1024); }},
        {"idle_timeout",
         [](Config& c, const std::string& v) { return SetInt(c.idle_timeout_seconds, v, 1, 86400); }},
        {"stream_heartbeat_ms",
         [](Config& c, const std::string& v) { return SetInt(c.stream_heartbeat_ms, v, 100, 600000); }},
        {"stream_poll_ms",
         [](Config& c, const std::string& v) { return SetInt(c.stream_poll_ms, v, 50, 60000); }},
        {"stream_max_age_seconds",
         [](Config& c, const std::string& v) { return SetInt(c.stream_max_age_seconds, v, 60, 86400); }},
        {"max_connections",
         [](Config& c, const std::string& v) { return SetInt(c.max_connections, v, 1, 1000000); }},
        {"max_unauthenticated_connections",
         [](Config& c, const std::string& v) {
             return SetInt(c.max_unauthenticated_connections, v, 1, 1000000);
         }},
        {"public_origin",
         [](Config& c, const std::string& v) {
             auto bad = CheckOrigin(v);
             if (!bad) c.public_origin = v;
             return bad;
         }},
        {"session_ttl_hours",
         [](Config& c, const std::string& v) { return SetInt(c.session_ttl_hours, v, 1, 24 * 366); }},
        {"log_level",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             for (const char* level : {"trace", "debug", "info", "warn", "error", "off"}) {
                 if (v == level) {
                     c.log_level = v;
                     return std::nullopt;
                 }
             }
             return "expected trace, debug, info, warn, error or off";
         }},
        {"sqlite_synchronous",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v != "full" && v != "normal") return "expected full or normal";
             c.sqlite_synchronous = v;
             return std::nullopt;
         }},
        {"sqlite_group_commit",
         [](Config& c, const std::string& v) { return SetInt(c.sqlite_group_commit, v, 1, 1024); }},
        {"web_root",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             c.web_root = v;
             return std::nullopt;
         }},
        {"secure_cookie",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v != "true" && v != "false") return "expected true or false";
             c.secure_cookie = v == "true";
             return std::nullopt;
         }},
        {"workers",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v != "true" && v != "false") return "expected true or false";
             c.workers = v == "true";
             return std::nullopt;
         }},
        {"delivery_threads",
         [](Config& c, const std::string& v) { return SetInt(c.delivery_threads, v, 1, 64); }},
        {"delivery_lease_seconds",
         [](Config& c, const std::string& v) { return SetInt(c.delivery_lease_seconds, v, 70, 86400); }},
    };
    return setters;
}

std::string EnvName(const std::string& key) {
    std::string name = "VORONKA_";
    for (char c : key) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

Status Apply(Config& config, const std::string& key, const std::string& value, const std::string& source) {
    const auto& setters = Setters();
    const auto it = setters.find(key);
    if (it == setters.end())
        return Error::Validation(fmt::format("unknown setting {} ({})", key, source), key);
    if (auto problem = it->second(config, value)) {
        return Error::Validation(fmt::format("invalid setting {} ({}): {}", key, source, *problem), key);
    }
    return Ok{};
}

Status ApplyFile(Config& config, const std::string& path) {
    std::ifstream in(path);
    if (!in) return Error::Validation(fmt::format("cannot read the config file {}", path), "config");
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string_view text = Trim(line);
        if (text.empty() || text.front() == '#') continue;
        const auto eq = text.find('=');
        if (eq == std::string_view::npos) {
            return Error::Validation(fmt::format("{}:{}: expected key = value", path, number), "config");
        }
        const std::string key(Trim(text.substr(0, eq)));
        const std::string value(Trim(text.substr(eq + 1)));
        if (auto ok = Apply(config, key, value, fmt::format("{}:{}", path, number)); !ok) return ok;
    }
    return Ok{};
}

}  // namespace

Result<Config> LoadConfig(const ConfigSources& sources) {
    Config config;
    if (sources.file) {
        if (auto ok = ApplyFile(config, *sources.file); !ok) return std::move(ok).error();
    }
    for (const auto& [key, setter] : Setters()) {
        const auto env = sources.environment.find(EnvName(key));
        if (env == sources.environment.end()) continue;
        if (auto ok = Apply(config, key, env->second, env->first); !ok) return std::move(ok).error();
    }
    for (const auto& [key, value] : sources.flags) {
        if (auto ok = Apply(config, key, value, "--" + key); !ok) return std::move(ok).error();
    }
    if (config.max_unauthenticated_connections > config.max_connections) {
        return Error::Validation("max_unauthenticated_connections must not exceed max_connections",
                                 "max_unauthenticated_connections");
    }
    return config;
}

std::map<std::string, std::string> VoronkaEnvironment() {
    std::map<std::string, std::string> out;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        if (!text.starts_with("VORONKA_")) continue;
        const auto eq = text.find('=');
        if (eq == std::string_view::npos) continue;
        out.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
    return out;
}

}  // namespace voronka::app
