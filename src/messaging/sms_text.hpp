// How long an SMS is: its encoding and the number of parts a provider bills. Owned by messaging.
// Pure, thread-safe.
//
// GSM-7 when every character is in the GSM 03.38 default alphabet or its extension table (the
// extension characters `^ { } \ [ ~ ] | €` and form feed take two septets, an escape and the
// character); 160 septets fit one part, 153 each part of a split message. Anything else is
// UCS-2, counted in UTF-16 code units (a character outside the BMP, such as an emoji, takes
// two); 70 fit one part, 67 each part of a split message. A split never cuts an extension
// character's two septets or a surrogate pair apart, so such a character at a part's edge moves
// whole to the next part. Empty text is GSM-7 with 0 parts.
#pragma once

#include <cstddef>
#include <string_view>

namespace voronka::messaging {

enum class SmsEncoding { kGsm7, kUcs2 };
std::string_view SmsEncodingName(SmsEncoding encoding);  // "GSM-7", "UCS-2"

struct SmsParts {
    SmsEncoding encoding = SmsEncoding::kGsm7;
    int parts = 0;
    std::size_t characters = 0;  // code points of the text
    std::size_t units = 0;       // septets (GSM-7) or UTF-16 code units (UCS-2)
};

// Counts valid UTF-8 text (an ill-formed byte counts as U+FFFD, which is UCS-2).
SmsParts CountSmsParts(std::string_view utf8);

}  // namespace voronka::messaging
