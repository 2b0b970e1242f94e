// A compact, lossless byte form of an Inspection, so that one can be kept
// between runs (the inspection cache). nlohmann-json's CBOR in
// src/app/inspection_codec.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "evpack/inspect/inspection.hpp"

namespace evpack {

/// Every field of `inspection`, as bytes that decode_inspection turns back into
/// an equal value (doubles exactly, strings byte for byte).
std::string encode_inspection(const Inspection& inspection);

/// The Inspection encoded in `bytes`; nullopt when they are not one (truncated,
/// damaged, or written by an encoder with another layout). Never throws.
std::optional<Inspection> decode_inspection(std::string_view bytes);

}  // namespace evpack
