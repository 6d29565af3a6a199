#pragma once

#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>

#include <algorithm>
#include <cstdint>
#include <string>

namespace emu::webhooks {

// A Beast response body that keeps only the first `keep` bytes and fails the read with
// http::error::body_limit once more than `limit` bytes arrived. The parser's own body_limit
// is not used for that: it rejects a too large Content-Length before reading any of the body,
// which would leave no excerpt at all.
struct excerpt_body {
    // The kept prefix, the limits (set before reading), and how many bytes arrived.
    struct value_type {
        std::string excerpt;
        std::size_t keep = 0;
        std::uint64_t limit = 0;
        std::uint64_t received = 0;
    };

    // Beast's BodyReader: appends to the excerpt while there is room, counts the rest.
    class reader {
    public:
        template <bool isRequest, class Fields>
        reader(boost::beast::http::header<isRequest, Fields>&, value_type& body)
            : body_(body) {}

        void init(const boost::optional<std::uint64_t>&, boost::beast::error_code& ec) { ec = {}; }

        template <class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence& buffers, boost::beast::error_code& ec) {
            ec = {};
            std::size_t taken = 0;
            for (const auto buffer : boost::beast::buffers_range_ref(buffers)) {
                const auto room = body_.keep - std::min(body_.keep, body_.excerpt.size());
                body_.excerpt.append(static_cast<const char*>(buffer.data()),
                                     std::min(room, buffer.size()));
                taken += buffer.size();
            }
            body_.received += taken;
            if (body_.received > body_.limit) {
                ec = boost::beast::http::error::body_limit;
            }
            return taken;
        }

        void finish(boost::beast::error_code& ec) { ec = {}; }

    private:
        value_type& body_;
    };
};

} // namespace emu::webhooks
