#include "server/net/multipart.hpp"

#include "server/net/media_type.hpp"
#include "server/support/text.hpp"

namespace emu::net {
namespace {

using support::iequals;

// Parses the part's header block into part; false with error set when it is unusable.
bool parse_part_headers(std::string_view block, multipart_part& part, std::string& error) {
    bool has_disposition = false;
    while (!block.empty()) {
        const auto end = block.find("\r\n");
        const auto line = block.substr(0, end);
        block = end == std::string_view::npos ? std::string_view{} : block.substr(end + 2);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            error = "part header line without a colon";
            return false;
        }
        const auto name = line.substr(0, colon);
        const auto value = line.substr(colon + 1);
        if (iequals(name, "content-disposition")) {
            header_value disposition;
            if (!parse_header_value(value, disposition) || disposition.token != "form-data") {
                error = "part has a Content-Disposition that is not form-data";
                return false;
            }
            const auto* field = disposition.param("name");
            if (field == nullptr) {
                error = "part's Content-Disposition has no name";
                return false;
            }
            part.name = *field;
            if (const auto* filename = disposition.param("filename")) {
                part.filename = *filename;
            }
            has_disposition = true;
        } else if (iequals(name, "content-type")) {
            part.content_type = std::string{support::trim(value)};
        }
    }
    if (!has_disposition) {
        error = "part without a Content-Disposition header";
        return false;
    }
    return true;
}

} // namespace

std::optional<std::vector<multipart_part>>
parse_multipart(std::string_view body, std::string_view boundary, std::string& error) {
    if (boundary.empty() || boundary.size() > 200) {
        error = "the Content-Type has no usable boundary parameter";
        return std::nullopt;
    }
    const std::string delimiter = "--" + std::string{boundary};
    const std::string next_delimiter = "\r\n" + delimiter;
    // The first delimiter may follow a preamble, which is ignored.
    std::size_t pos = 0;
    if (body.substr(0, delimiter.size()) != delimiter) {
        pos = body.find(next_delimiter);
        if (pos == std::string_view::npos) {
            error = "the body does not contain the boundary";
            return std::nullopt;
        }
        pos += 2;
    }
    std::vector<multipart_part> parts;
    for (;;) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--") {
            return parts; // the close delimiter; an epilogue is ignored
        }
        // Transport padding (spaces) may follow a delimiter before its CRLF.
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) {
            ++pos;
        }
        if (body.substr(pos, 2) != "\r\n") {
            error = pos >= body.size() ? "the body ends before the closing boundary"
                                       : "a boundary is not followed by CRLF";
            return std::nullopt;
        }
        pos += 2;
        const auto headers_end = body.find("\r\n\r\n", pos);
        const auto data_end_probe = body.find(next_delimiter, pos);
        multipart_part part;
        std::size_t data_start = 0;
        if (body.substr(pos, 2) == "\r\n") {
            data_start = pos + 2; // a part with no headers at all
        } else if (headers_end == std::string_view::npos ||
                   (data_end_probe != std::string_view::npos && headers_end > data_end_probe)) {
            error = "a part's headers are not terminated by an empty line";
            return std::nullopt;
        } else {
            if (!parse_part_headers(body.substr(pos, headers_end - pos), part, error)) {
                return std::nullopt;
            }
            data_start = headers_end + 4;
        }
        if (part.name.empty() && !part.filename) {
            error = "part without a Content-Disposition name";
            return std::nullopt;
        }
        const auto data_end = body.find(next_delimiter, data_start);
        if (data_end == std::string_view::npos) {
            error = "the body ends before the closing boundary";
            return std::nullopt;
        }
        part.data = body.substr(data_start, data_end - data_start);
        parts.push_back(std::move(part));
        pos = data_end + 2;
    }
}

} // namespace emu::net
