#pragma once

#include <boost/endian/conversion.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

// Fixed-width reads from untrusted bytes for the file probes. Callers check has() before every
// read: uploads may be truncated or garbage.
namespace emu::fake::bytes {

inline bool has(std::string_view data, std::size_t offset, std::size_t count) {
    return offset <= data.size() && count <= data.size() - offset;
}

inline const unsigned char* at(std::string_view data, std::size_t offset) {
    return reinterpret_cast<const unsigned char*>(data.data() + offset);
}

inline std::uint32_t byte_at(std::string_view data, std::size_t offset) {
    return *at(data, offset);
}

inline std::uint32_t le16(std::string_view data, std::size_t offset) {
    return boost::endian::load_little_u16(at(data, offset));
}

inline std::uint32_t le32(std::string_view data, std::size_t offset) {
    return boost::endian::load_little_u32(at(data, offset));
}

inline std::uint32_t be16(std::string_view data, std::size_t offset) {
    return boost::endian::load_big_u16(at(data, offset));
}

inline std::uint32_t be32(std::string_view data, std::size_t offset) {
    return boost::endian::load_big_u32(at(data, offset));
}

inline std::uint64_t be64(std::string_view data, std::size_t offset) {
    return boost::endian::load_big_u64(at(data, offset));
}

} // namespace emu::fake::bytes
