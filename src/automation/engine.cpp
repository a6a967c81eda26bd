#include "automation/engine.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace voronka::automation {

Engine::Engine(store::Database& db, const Clock& clock, EngineOptions options)
    : db_(db), clock_(clock), options_(std::move(options)) {}

Engine::~Engine() {
    Stop();
}

void Engine::Start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { Loop(); });
}

void Engine::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Engine::Wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void Engine::Loop() {
    for (;;) {
        // Dispatching and running are independent: a failure of one does not stop the other.
        StepResult dispatched;
        StepResult ran;
        try {
            dispatched = DispatchEvents(db_, clock_, 200, &rules_);
        } catch (const std::exception& e) {
            spdlog::error("automation: dispatching events: {}", e.what());
        }
        try {
            ran = RunDueJobs(db_, clock_);
        } catch (const std::exception& e) {
            spdlog::error("automation: running jobs: {}", e.what());
        }
        if ((dispatched.messages_queued || ran.messages_queued) && options_.on_messages_queued) {
            options_.on_messages_queued();
        }
        const bool busy = dispatched.handled > 0 || ran.handled > 0;
        std::unique_lock lock(mutex_);
        if (stopping_) return;
        if (busy) {
            wake_.wait_for(lock, options_.batch_window, [this] { return stopping_; });
            continue;
        }
        wake_.wait_for(lock, options_.poll, [this] { return stopping_ || woken_; });
        woken_ = false;
        if (stopping_) return;
    }
}

}  // namespace voronka::automation
