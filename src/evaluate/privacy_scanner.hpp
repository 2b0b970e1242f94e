// The privacy scanner behind scan_privacy (privacy.hpp). Private to src/evaluate/.
#pragma once

#include <string_view>
#include <vector>

#include "evpack/evaluate/privacy.hpp"
#include "privacy_text.hpp"

namespace evpack::privacy_detail {

/// The personal numbers in `text` (see scan_privacy), sorted by offset.
std::vector<PrivacyHit> scan_text(std::string_view text, int first_page);

}  // namespace evpack::privacy_detail
