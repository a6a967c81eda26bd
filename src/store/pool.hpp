// A bounded pool of connections of one back end, opened lazily up to a capacity. Private to
// store. Thread-safe; a Lease lends one connection to one thread at a time.
//
// Connection must provide `bool Reusable()`: whether it may be lent again (no transaction left
// open, link to the server intact). A connection that is not reusable is closed on return and
// replaced by a new one on a later Acquire.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "store/database.hpp"

namespace voronka::store::internal {

template <typename Connection>
class Pool {
public:
    using Factory = std::function<std::unique_ptr<Connection>()>;

    // One connection lent to the holder until the Lease is destroyed.
    class Lease {
    public:
        Lease(Lease&& other) noexcept
            : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        ~Lease() {
            if (pool_ != nullptr) pool_->Release(std::move(connection_));
        }

        Connection& operator*() const { return *connection_; }
        Connection* operator->() const { return connection_.get(); }

    private:
        friend class Pool;
        Lease(Pool* pool, std::unique_ptr<Connection> connection)
            : pool_(pool), connection_(std::move(connection)) {}

        Pool* pool_;
        std::unique_ptr<Connection> connection_;
    };

    // `label` names the pool in errors; `factory` opens a connection or throws DbError.
    Pool(std::string label, int capacity, std::chrono::milliseconds timeout, Factory factory)
        : label_(std::move(label)), capacity_(capacity), timeout_(timeout), factory_(std::move(factory)) {
        idle_.reserve(static_cast<std::size_t>(capacity_));
    }
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    // Lends an idle connection, or opens one while fewer than `capacity` are open, or waits up to
    // `timeout` for one to come back. Throws DbError kBusy on timeout, or the factory's DbError.
    Lease Acquire() {
        std::unique_lock lock(mutex_);
        const auto available = [this] { return !idle_.empty() || open_ < capacity_; };
        if (!available()) {
            ++waits_;
            if (!returned_.wait_for(lock, timeout_, available)) {
                throw DbError(DbError::Kind::kBusy, label_ + ": no free connection within " +
                                                        std::to_string(timeout_.count()) + " ms");
            }
        }
        ++in_use_;
        if (!idle_.empty()) {
            std::unique_ptr<Connection> connection = std::move(idle_.back());
            idle_.pop_back();
            return Lease(this, std::move(connection));
        }
        ++open_;
        lock.unlock();
        try {
            return Lease(this, factory_());
        } catch (...) {
            lock.lock();
            --open_;
            --in_use_;
            lock.unlock();
            returned_.notify_one();
            throw;
        }
    }

    // Adopts a connection opened by the caller as an idle one (e.g. the first, opened eagerly
    // to check the settings). Requires a free place.
    void Adopt(std::unique_ptr<Connection> connection) {
        std::lock_guard lock(mutex_);
        ++open_;
        idle_.push_back(std::move(connection));
    }

    PoolStats Stats() const {
        std::lock_guard lock(mutex_);
        return PoolStats{open_, in_use_, waits_};
    }

private:
    void Release(std::unique_ptr<Connection> connection) noexcept {
        std::unique_ptr<Connection> closing;
        const bool reusable = connection->Reusable();
        {
            std::lock_guard lock(mutex_);
            --in_use_;
            if (reusable) {
                idle_.push_back(std::move(connection));
            } else {
                --open_;
                closing = std::move(connection);
            }
        }
        returned_.notify_one();
    }

    const std::string label_;
    const int capacity_;
    const std::chrono::milliseconds timeout_;
    const Factory factory_;

    mutable std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<Connection>> idle_;  // capacity reserved: push_back never throws
    int open_ = 0;
    int in_use_ = 0;
    std::int64_t waits_ = 0;
};

}  // namespace voronka::store::internal
