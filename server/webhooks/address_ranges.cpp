#include "server/webhooks/address_ranges.hpp"

#include <cstdint>
#include <string>

namespace emu::webhooks {
namespace {

namespace ip = boost::asio::ip;

// True when the top `bits` bits of `value` are those of `prefix`.
bool in_block(std::uint32_t value, std::uint32_t prefix, int bits) {
    const auto mask = ~std::uint32_t{0} << (32 - bits);
    return (value & mask) == prefix;
}

std::string_view kind_of(const ip::address_v4& address) {
    const auto value = address.to_uint();
    if (in_block(value, 0x00000000u, 8)) {
        return "unspecified";
    }
    if (in_block(value, 0x7f000000u, 8)) {
        return "loopback";
    }
    if (in_block(value, 0x0a000000u, 8) || in_block(value, 0xac100000u, 12) ||
        in_block(value, 0xc0a80000u, 16)) {
        return "private";
    }
    if (in_block(value, 0xa9fe0000u, 16)) {
        return "link-local";
    }
    if (in_block(value, 0x64400000u, 10)) {
        return "CGNAT";
    }
    return {};
}

std::string_view kind_of(const ip::address_v6& address) {
    if (address.is_v4_mapped()) {
        return kind_of(ip::make_address_v4(ip::v4_mapped, address));
    }
    if (address.is_unspecified()) {
        return "unspecified";
    }
    if (address.is_loopback()) {
        return "loopback";
    }
    const auto bytes = address.to_bytes();
    if ((bytes[0] & 0xfeu) == 0xfcu || (bytes[0] == 0xfeu && (bytes[1] & 0xc0u) == 0xc0u)) {
        return "private"; // unique local fc00::/7, deprecated site-local fec0::/10
    }
    if (bytes[0] == 0xfeu && (bytes[1] & 0xc0u) == 0x80u) {
        return "link-local";
    }
    return {};
}

} // namespace

std::string_view non_public_kind(const ip::address& address) {
    return address.is_v4() ? kind_of(address.to_v4()) : kind_of(address.to_v6());
}

std::string_view non_public_kind(std::string_view host) {
    boost::system::error_code ec;
    const auto address = ip::make_address(std::string{host}, ec);
    return ec ? std::string_view{} : non_public_kind(address);
}

} // namespace emu::webhooks
