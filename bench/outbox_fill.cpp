// Fills the outbox for the delivery-rate benchmark (bench/automation.sh): N SMS messages queued
// through the product's own messaging::Enqueue, in write transactions of --batch messages, each
// to its own number (+79000000000 + i) with a Cyrillic text of one UCS-2 part carrying its index
// ("... №i."), due now. The messages have no record, rule or owner (admins see them).
//
// Usage: voronka_outbox_fill --database URL --messages N [--batch B]
// Prints "queued N messages in S s". Migrates the database first (like `voronka migrate`).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "messaging/outbox.hpp"
#include "store/database.hpp"

namespace {

using namespace voronka;

int Usage() {
    std::cerr << "usage: voronka_outbox_fill --database URL --messages N [--batch B]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string url;
    std::int64_t count = 0;
    std::int64_t batch = 1000;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view arg = argv[i];
        if (arg == "--database") {
            url = argv[i + 1];
        } else if (arg == "--messages") {
            count = std::stoll(argv[i + 1]);
        } else if (arg == "--batch") {
            batch = std::stoll(argv[i + 1]);
        } else {
            return Usage();
        }
    }
    if (url.empty() || count <= 0 || count > 10'000'000 || batch <= 0 || argc % 2 == 0) return Usage();
    try {
        store::Options options;
        options.url = url;
        auto db = store::Database::Open(options);
        db->Migrate();
        SystemClock clock;
        const auto started = std::chrono::steady_clock::now();
        for (std::int64_t done = 0; done < count;) {
            const std::int64_t end = std::min(count, done + batch);
            db->Write([&](store::Transaction& tx) {
                const UnixTime now = clock.Now();
                for (std::int64_t i = done; i < end; ++i) {
                    messaging::NewMessage message;
                    message.channel = messaging::Channel::kSms;
                    message.recipient = "+7" + std::to_string(9000000000LL + i);
                    message.body = "Иван Петрович, ждём вас 28 ноября, 15:00, Москва, ул. Ленина, 1. №" +
                                   std::to_string(i) + ".";
                    messaging::Enqueue(tx, message, now);
                }
            });
            done = end;
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::printf("queued %lld messages in %.2f s\n", static_cast<long long>(count), seconds);
    } catch (const std::exception& e) {
        std::cerr << "voronka_outbox_fill: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
