// The PostgreSQL back end: a pool of libpq connections, each serving reads and writes, with
// statements prepared once per connection and parameters sent as text.
#include <libpq-fe.h>

#include <cctype>
#include <charconv>
#include <cstring>
#include <system_error>
#include <unordered_map>

#include "store/backend.hpp"
#include "store/pool.hpp"

namespace voronka::store::internal {
namespace {

// Type OIDs from pg_type.h (server headers are not installed with libpq).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

DbError::Kind KindOf(std::string_view sqlstate) {
    if (sqlstate == "23505") return DbError::Kind::kUniqueViolation;
    if (sqlstate == "23503") return DbError::Kind::kForeignKeyViolation;
    if (sqlstate == "23514") return DbError::Kind::kCheckViolation;
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
        return DbError::Kind::kBusy;
    }
    return DbError::Kind::kOther;
}

std::string FirstLine(const char* text) {
    std::string line(text != nullptr ? text : "");
    line = line.substr(0, line.find('\n'));
    return line;
}

// The message is the server's primary message and SQLSTATE, never its DETAIL (which quotes the
// offending values). Data exceptions (class 22) quote the value in the primary message too, so
// they are reported by SQLSTATE alone.
[[noreturn]] void Throw(PGconn* conn, const PGresult* result, std::string_view label) {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const std::string sqlstate = state != nullptr ? state : "";
    std::string message(label);
    message += ": ";
    if (sqlstate.starts_with("22")) {
        message += "a value is invalid for its type or out of its range";
    } else if (primary != nullptr) {
        message += primary;
    } else {
        message += FirstLine(PQerrorMessage(conn));
    }
    if (!sqlstate.empty()) message += " (SQLSTATE " + sqlstate + ")";
    throw DbError(KindOf(sqlstate), message);
}

bool Succeeded(const PGresult* result) {
    const ExecStatusType status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

// Removes the password of a URL (`scheme://user:password@host...`) from a message about it.
std::string WithoutPassword(std::string message, const std::string& url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) return message;
    const std::size_t start = scheme + 3;
    const std::string authority = url.substr(start, url.find_first_of("/?", start) - start);
    const std::size_t at = authority.rfind('@');
    const std::size_t colon = authority.find(':');
    if (at == std::string::npos || colon == std::string::npos || colon > at) return message;
    const std::string password = authority.substr(colon + 1, at - colon - 1);
    if (password.empty()) return message;
    for (std::size_t found; (found = message.find(password)) != std::string::npos;) {
        message.replace(found, password.size(), "***");
    }
    return message;
}

std::int64_t ParseInt(const char* text, int length) {
    std::int64_t value = 0;
    std::from_chars(text, text + length, value);
    return value;
}

// NUMERIC arrives as text: integral values that fit stay exact (SUM of a BIGINT column is a
// NUMERIC), the rest become doubles.
Value ParseNumeric(const char* text, int length) {
    std::int64_t integer = 0;
    const auto [end, error] = std::from_chars(text, text + length, integer);
    if (error == std::errc() && end == text + length) return Value{integer};
    double real = 0;
    std::from_chars(text, text + length, real);
    return Value{real};
}

// Notices ("relation already exists, skipping") are not errors, and libpq would print them.
void IgnoreNotice(void*, const char*) {}

// One libpq connection with its prepared statements. Used by one thread at a time.
class Connection {
public:
    explicit Connection(const std::string& url) {
        // Ours first, so that the URL's own settings win.
        const char* keys[] = {"connect_timeout", "client_encoding", "application_name", "dbname", nullptr};
        const char* values[] = {"10", "UTF8", "voronka", url.c_str(), nullptr};
        conn_ = PQconnectdbParams(keys, values, 1);
        if (conn_ == nullptr) throw std::bad_alloc();
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string message = PQerrorMessage(conn_);
            PQfinish(conn_);
            while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back()))) {
                message.pop_back();
            }
            for (char& c : message) {
                if (c == '\n' || c == '\t') c = ' ';
            }
            throw DbError(DbError::Kind::kOther,
                          "cannot connect to PostgreSQL: " + WithoutPassword(message, url));
        }
        PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
        try {
            Simple("SET TIME ZONE 'UTC'", "set_time_zone");
        } catch (...) {
            PQfinish(conn_);
            throw;
        }
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { PQfinish(conn_); }

    bool Reusable() const noexcept {
        return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
    }
    bool Alive() const noexcept { return PQstatus(conn_) == CONNECTION_OK; }

    // Runs SQL by the simple protocol (several statements allowed, no parameters); answers the
    // command tag of the last one. Throws DbError.
    std::string Simple(const char* sql, std::string_view label) {
        ResultPtr result(PQexec(conn_, sql), &PQclear);
        if (!Succeeded(result.get())) Throw(conn_, result.get(), label);
        return PQcmdStatus(result.get());
    }

    // Like Simple, but never throws; false when it failed.
    bool Control(const char* sql) noexcept {
        ResultPtr result(PQexec(conn_, sql), &PQclear);
        return Succeeded(result.get());
    }

    std::int64_t Run(const Query& query, const std::vector<Value>& params, std::vector<Row>* rows) {
        const std::string& name = Prepare(query);

        std::vector<std::string> texts(params.size());
        std::vector<const char*> pointers(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::nullptr_t>) {
                        pointers[i] = nullptr;
                    } else if constexpr (std::is_same_v<T, std::string>) {
                        if (v.find('\0') != std::string::npos) {
                            throw DbError(DbError::Kind::kOther, std::string(query.name) + ": parameter $" +
                                                                     std::to_string(i + 1) +
                                                                     " holds a NUL character");
                        }
                        pointers[i] = v.c_str();
                    } else {
                        char buffer[32];
                        const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
                        texts[i].assign(buffer, end);
                        pointers[i] = texts[i].c_str();
                    }
                },
                params[i]);
        }

        ResultPtr result(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), pointers.data(),
                                        nullptr, nullptr, 0),
                         &PQclear);
        if (!Succeeded(result.get())) Throw(conn_, result.get(), query.name);
        if (rows != nullptr) ReadRows(result.get(), *rows);
        const char* changed = PQcmdTuples(result.get());
        return changed[0] == '\0' ? 0 : ParseInt(changed, static_cast<int>(std::strlen(changed)));
    }

    void RunScript(const Query& script) {
        const std::string text(script.postgres);
        Simple(text.c_str(), script.name);
    }

private:
    struct Statement {
        std::string name;
        std::string_view text;  // the text prepared, to catch a reused Query address
    };

    const std::string& Prepare(const Query& query) {
        auto found = statements_.find(&query);
        if (found != statements_.end()) {
            if (found->second.text.data() == query.postgres.data() &&
                found->second.text.size() == query.postgres.size()) {
                return found->second.name;
            }
            const std::string deallocate = "DEALLOCATE " + found->second.name;
            Control(deallocate.c_str());
            statements_.erase(found);
        }
        Statement statement{"v" + std::to_string(++prepared_), query.postgres};
        const std::string text(query.postgres);
        ResultPtr result(PQprepare(conn_, statement.name.c_str(), text.c_str(), 0, nullptr), &PQclear);
        if (!Succeeded(result.get())) Throw(conn_, result.get(), query.name);
        return statements_.emplace(&query, std::move(statement)).first->second.name;
    }

    static void ReadRows(const PGresult* result, std::vector<Row>& rows) {
        const int count = PQntuples(result);
        const int columns = PQnfields(result);
        std::vector<Oid> types(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) types[static_cast<std::size_t>(c)] = PQftype(result, c);
        rows.reserve(rows.size() + static_cast<std::size_t>(count));
        for (int r = 0; r < count; ++r) {
            std::vector<Value> values;
            values.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                if (PQgetisnull(result, r, c)) {
                    values.emplace_back(nullptr);
                    continue;
                }
                const char* text = PQgetvalue(result, r, c);
                const int length = PQgetlength(result, r, c);
                switch (types[static_cast<std::size_t>(c)]) {
                    case kInt8Oid:
                    case kInt4Oid:
                    case kInt2Oid: values.emplace_back(ParseInt(text, length)); break;
                    case kBoolOid: values.emplace_back(std::int64_t{text[0] == 't' ? 1 : 0}); break;
                    case kFloat4Oid:
                    case kFloat8Oid: {
                        double real = 0;
                        std::from_chars(text, text + length, real);
                        values.emplace_back(real);
                        break;
                    }
                    case kNumericOid: values.push_back(ParseNumeric(text, length)); break;
                    default: values.emplace_back(std::string(text, static_cast<std::size_t>(length)));
                }
            }
            rows.emplace_back(std::move(values));
        }
    }

    PGconn* conn_ = nullptr;
    std::unordered_map<const Query*, Statement> statements_;
    std::int64_t prepared_ = 0;
};

class PostgresTransaction final : public TransactionBase {
public:
    explicit PostgresTransaction(Connection& connection) : connection_(connection) {}
    Dialect dialect() const override { return Dialect::kPostgres; }

protected:
    std::int64_t RunStatement(const Query& query, const std::vector<Value>& params,
                              std::vector<Row>* rows) override {
        return connection_.Run(query, params, rows);
    }
    void RunScript(const Query& script) override { connection_.RunScript(script); }

private:
    Connection& connection_;
};

class PostgresDatabase final : public Database {
public:
    explicit PostgresDatabase(const Options& options)
        : options_(options), pool_("PostgreSQL pool", options.pool_size, options.acquire_timeout, [this] {
              return std::make_unique<Connection>(options_.url);
          }) {
        // Opened now so that a bad URL or an unreachable server fails Open.
        pool_.Adopt(std::make_unique<Connection>(options_.url));
    }

    Dialect dialect() const override { return Dialect::kPostgres; }
    bool Ping() override { return internal::Ping(*this); }
    PoolStats Stats() const override { return pool_.Stats(); }

    std::vector<Row> FetchAlone(const Query& query, const std::vector<Value>& params) override {
        // Connections that died while idle fail the statement: dropped, and the next one tried.
        for (int attempt = 0;; ++attempt) {
            auto lease = pool_.Acquire();
            try {
                PostgresTransaction statement(*lease);
                return statement.Fetch(query, params);
            } catch (const DbError&) {
                if (lease->Alive() || attempt >= options_.pool_size) throw;
            }
        }
    }

protected:
    void Run(bool write, const std::function<bool(Transaction&)>& body) override {
        auto lease = Begin(write);
        Connection& connection = *lease;
        PostgresTransaction tx(connection);
        bool commit = false;
        try {
            commit = RunBody(tx, body);
        } catch (...) {
            connection.Control("ROLLBACK");
            throw;
        }
        if (!commit) {
            connection.Control("ROLLBACK");
            return;
        }
        // A failed COMMIT ends the transaction on the server; a connection that broke is dropped
        // by the pool (not Reusable).
        if (connection.Simple("COMMIT", "commit") != "COMMIT") {
            throw DbError(DbError::Kind::kOther, "commit: the transaction was rolled back");
        }
    }

private:
    // Lends a connection with a transaction begun. Connections that died while idle (a restart
    // of the server) fail BEGIN: they are dropped and the next one is tried.
    internal::Pool<Connection>::Lease Begin(bool write) {
        const char* begin = write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
        for (int attempt = 0;; ++attempt) {
            auto lease = pool_.Acquire();
            try {
                lease->Simple(begin, "begin");
                return lease;
            } catch (const DbError&) {
                if (lease->Alive() || attempt >= options_.pool_size) throw;
            }
        }
    }

    const Options options_;
    internal::Pool<Connection> pool_;
};

}  // namespace

std::unique_ptr<Database> OpenPostgres(const Options& options) {
    return std::make_unique<PostgresDatabase>(options);
}

}  // namespace voronka::store::internal
