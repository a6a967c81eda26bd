// A property a fuzz target checks on every input that gets that far: when it does not hold, the
// target aborts, which libFuzzer reports as a crash with the input that broke it. Test code.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace voronka::fuzz {

// Stops the run, naming the property, when `holds` is false.
inline void Expect(bool holds, std::string_view property) {
    if (holds) return;
    std::fprintf(stderr, "property does not hold: %.*s\n", static_cast<int>(property.size()),
                 property.data());
    std::abort();
}

// The fuzzer's bytes as text.
inline std::string_view TextOf(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace voronka::fuzz
