#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace emu::net {

namespace http = boost::beast::http;

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

struct pending_answer;

// Calls `written(ok)`, from any thread, once what a request changed is committed to the state
// file (--state); ok is false when that commit failed.
using durable_wait = std::function<void(std::function<void(bool ok)> written)>;

// How the session delivers an answer, as a scenario fault asks: after a delay, not at all (the
// connection is reset), or with the body cut short. Carried beside the response, not in headers,
// so nothing of it can reach the wire by mistake.
struct delivery {
    std::chrono::microseconds latency{};        // wait this long (real time) before writing
    bool reset = false;                         // write nothing; close with SO_LINGER 0
    std::optional<std::uint64_t> truncate;      // write the headers and this many body bytes, close
    std::shared_ptr<const pending_answer> wait; // set: the response comes from waiting on it
    durable_wait until_durable;                 // set: written only once its changes are
};

// An answer that waits for a condition (GET /_emulator/await): the session asks `ready` at once
// and then every few milliseconds of real time, without holding a thread, and writes its
// response once it has one, or `expired()` at the deadline.
struct pending_answer {
    std::function<std::optional<response>()> ready;
    std::function<response()> expired;
    std::chrono::steady_clock::time_point deadline;
};

// What a handler tells the request journal about its call: the job it launched or read and the
// status a GET showed (the journal never reads them back out of the response text).
struct call_facts {
    std::string job_id;
    std::string job_status;
    std::string feature; // the job's feature path, where the route does not name one (v3)
};

// A response, how to deliver it, and what the journal should know of it.
struct answer {
    answer() = default;

    // Any response is an answer delivered normally.
    answer(response r, delivery d = {})
        : res(std::move(r))
        , how(std::move(d)) {}

    response res;
    delivery how{};
    call_facts facts{};
};

// A JSON response with Content-Type set; the body is serialized the way Eden's API writes it.
response json_response(http::status status, const boost::json::value& body, unsigned version);

// The same for a body already serialized.
response json_text_response(http::status status, std::string body, unsigned version);

// A response without a body (204).
response empty_response(http::status status, unsigned version);

// The path of a request target, without query and fragment.
std::string_view target_path(std::string_view target);

// "http://<Host header>", the origin media URLs in results point at.
std::string request_origin(const request& req);

// The raw query of a request target ("" when none).
std::string_view target_query(std::string_view target);

} // namespace emu::net
