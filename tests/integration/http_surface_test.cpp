// Protocol-level behaviour: auth, tenants, unknown routes and jobs, limits, malformed bodies,
// methods, keep-alive and pipelining. After each bad input the server keeps serving.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/sample_files.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using namespace emu::testing;
namespace json = boost::json;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";
constexpr std::string_view stt_body =
    R"({"providers": "amazon", "file_url": "https://x.test/a.wav"})";

// The shared fixture plus this suite's helpers.
struct surface_fixture : running_emulator {

    std::string launch() {
        const auto res = client.post_json(stt, stt_body);
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        return std::string{res.json().at("public_id").as_string()};
    }
};

// What the emulator on `port` sends on a fresh connection after `bytes`, until it closes the
// connection; fails the test unless it closes within 10 s.
std::string answer_until_closed(std::uint16_t port, std::string_view bytes) {
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    BOOST_TEST_REQUIRE(socket >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_TEST_REQUIRE(::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) ==
                       0);
    const timeval bound{10, 0};
    ::setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
    BOOST_TEST_REQUIRE(::send(socket, bytes.data(), bytes.size(), 0) ==
                       static_cast<ssize_t>(bytes.size()));
    std::string answered;
    char chunk[4096];
    ssize_t got = 0;
    while ((got = ::recv(socket, chunk, sizeof chunk, 0)) > 0) {
        answered.append(chunk, static_cast<std::size_t>(got));
    }
    ::close(socket);
    BOOST_TEST(got == 0, "the connection was not closed within 10 s");
    return answered;
}

// An emulator whose connections get one second to send a request or to read an answer.
emu::app::options one_second_timeout() {
    auto opts = test_emulator::default_options();
    opts.request_timeout = std::chrono::seconds{1};
    return opts;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(http_surface, surface_fixture)

BOOST_AUTO_TEST_CASE(missing_and_malformed_credentials_get_403) {
    auto res = client.request("GET", stt, {}, {}, false);
    BOOST_TEST(res.status == 403u);
    BOOST_TEST(res.json() == json::parse(R"({"error": {"type": "authentication_error",
                                                       "message": "Authentication credentials were not provided."}})"));
    res = client.request("GET", stt, {}, {{"Authorization", "Token abc"}}, false);
    BOOST_TEST(res.status == 403u);
    BOOST_TEST(res.json().at("error").at("message").as_string() ==
               "Malformed Authorization header: expected \"Bearer <API key>\".");
    res = client.request("GET", stt, {}, {{"Authorization", "Bearer   "}}, false);
    BOOST_TEST(res.status == 403u);
    BOOST_TEST(client.get(stt).status == 200u);
}

BOOST_AUTO_TEST_CASE(configured_keys_reject_others_with_the_configured_status) {
    auto opts = test_emulator::default_options();
    opts.api_keys = {"key-one", "key-two"};
    opts.auth_failure_status = 401;
    test_emulator strict{opts};
    http_client other{strict.port(), "key-three"};
    auto res = other.get(stt);
    BOOST_TEST(res.status == 401u);
    BOOST_TEST(res.json().at("error").at("message").as_string() == "Invalid API key.");
    other.set_token("key-two");
    BOOST_TEST(other.get(stt).status == 200u);
}

BOOST_AUTO_TEST_CASE(tenants_never_see_each_others_jobs) {
    const auto id = launch();
    http_client stranger{emulator.port(), "another-token"};
    BOOST_TEST(stranger.get(std::string{stt} + "/" + id).status == 404u);
    BOOST_TEST(stranger.get(stt).json().at("jobs").as_array().empty());
    BOOST_TEST(stranger.del(stt).status == 204u);
    BOOST_TEST(client.get(std::string{stt} + "/" + id).status == 200u);
    BOOST_TEST(client.get(stt).json().at("jobs").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(unknown_jobs_and_routes_get_404_details) {
    const auto not_found = json::parse(R"({"details": "Not Found"})");
    for (const auto* target :
         {"/v2/audio/speech_to_text_async/00000000-0000-4000-8000-000000000000",
          "/v2/audio/speech_to_text_async/not-a-uuid",
          "/v2/audio/nothing_async",
          "/v2/audio",
          "/",
          "/v1/universal-ai/async",
          "/_emulator/nothing"}) {
        BOOST_TEST_CONTEXT(target) {
            const auto res = client.get(target);
            BOOST_TEST(res.status == 404u);
            BOOST_TEST(res.json() == not_found);
        }
    }
    // A job is only found under its own feature.
    const auto id = launch();
    BOOST_TEST(client.get("/v2/ocr/ocr_async/" + id).status == 404u);
}

BOOST_AUTO_TEST_CASE(wrong_methods_get_405_with_allow) {
    auto res = client.request("PUT", stt, "{}", {{"Content-Type", "application/json"}});
    BOOST_TEST(res.status == 405u);
    BOOST_TEST(res.header("allow") == "GET, POST, DELETE");
    BOOST_TEST(res.json().at("error").at("message").as_string() == "Method \"PUT\" not allowed.");
    const auto id = launch();
    res = client.request("DELETE", std::string{stt} + "/" + id);
    BOOST_TEST(res.status == 405u);
    BOOST_TEST(res.header("allow") == "GET");
    res = client.request("GET", "/_emulator/reset");
    BOOST_TEST(res.status == 405u);
    BOOST_TEST(res.header("allow") == "POST");
    BOOST_TEST(client.get(std::string{stt} + "/" + id).status == 200u);
}

BOOST_AUTO_TEST_CASE(malformed_json_gets_400) {
    const auto res = client.post_json(stt, R"({"providers": "amazon",)");
    BOOST_TEST(res.status == 400u);
    BOOST_TEST(res.json().at("error").at("type").as_string() == "Invalid request");
    BOOST_TEST(res.json().at("error").at("message").at("body").at(0).as_string().starts_with(
        "JSON parse error"));
    BOOST_TEST(client.post_json(stt, "[1, 2]")
                   .json()
                   .at("error")
                   .at("message")
                   .at("body")
                   .at(0)
                   .as_string() == "Expected a JSON object.");
    launch();
}

BOOST_AUTO_TEST_CASE(malformed_multipart_gets_400) {
    for (const auto& [type, body] : std::vector<std::pair<std::string, std::string>>{
             {"multipart/form-data; boundary=abc",
              "--abc\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end"},
             {"multipart/form-data", "--abc\r\n\r\n--abc--"},
             {"multipart/form-data; boundary=abc", "no boundary at all"},
             {"multipart/form-data; boundary=abc", "--abc\r\nX-Nothing: 1\r\n\r\nv\r\n--abc--"}}) {
        BOOST_TEST_CONTEXT(body) {
            const auto res = client.request("POST", stt, body, {{"Content-Type", type}});
            BOOST_TEST(res.status == 400u);
            BOOST_TEST(
                res.json().at("error").at("message").at("body").at(0).as_string().starts_with(
                    "Multipart form parse error"));
        }
    }
    launch();
}

BOOST_AUTO_TEST_CASE(other_content_types_get_415) {
    auto res = client.request("POST", stt, "providers=amazon", {{"Content-Type", "text/plain"}});
    BOOST_TEST(res.status == 415u);
    BOOST_TEST(res.json().at("error").at("type").as_string() == "unsupported_media_type");
    res = client.request("POST", stt, "providers=amazon");
    BOOST_TEST(res.status == 415u);
    launch();
}

BOOST_AUTO_TEST_CASE(oversized_body_gets_413_and_the_server_goes_on) {
    auto opts = test_emulator::default_options();
    opts.max_body_bytes = 1000;
    test_emulator small{opts};
    http_client sender{small.port()};
    const auto res = sender.post_multipart(
        stt, {{"providers", "amazon", "", ""}, {"file", wav_file(1000), "a.wav", "audio/wav"}});
    BOOST_TEST(res.status == 413u);
    BOOST_TEST(res.json().at("error").at("type").as_string() == "request_too_large");
    BOOST_TEST(sender.post_json(stt, stt_body).status == 200u);
    // Under /v3/ the answer is in v3's format.
    const auto v3 = sender.post_json("/v3/upload", std::string(2000, 'x'));
    BOOST_TEST(v3.status == 413u);
    BOOST_TEST(v3.body == R"({"detail":"Request body is larger than the limit of 1000 bytes )"
                          R"((--max-body-bytes)."})");
}

BOOST_AUTO_TEST_CASE(oversized_headers_get_431) {
    const std::string huge(20000, 'x');
    const auto res = client.request("GET", stt, {}, {{"X-Huge", huge}});
    BOOST_TEST(res.status == 431u);
    launch();
}

BOOST_AUTO_TEST_CASE(garbage_instead_of_http_gets_400) {
    const auto res = client.raw("THIS IS NOT HTTP\r\n\r\n", 1);
    BOOST_TEST(res.at(0).status == 400u);
    launch();
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order) {
    const std::string host = "Host: 127.0.0.1\r\nAuthorization: Bearer test-token\r\n";
    const std::string body{stt_body};
    const std::string bytes =
        "GET /_emulator/health HTTP/1.1\r\n" + host + "\r\n" + "POST " + std::string{stt} +
        " HTTP/1.1\r\n" + host +
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n" + body + "GET " + std::string{stt} + " HTTP/1.1\r\n" + host + "\r\n";
    const auto responses = client.raw(bytes, 3);
    BOOST_TEST(responses[0].json().at("status").as_string() == "ok");
    BOOST_TEST(responses[1].json().as_object().contains("public_id"));
    BOOST_TEST(responses[2].json().at("jobs").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(keep_alive_serves_many_requests_on_one_connection) {
    BOOST_TEST_REQUIRE(client.get(stt).status == 200u);
    const auto port = client.local_port();
    for (int i = 0; i < 20; ++i) {
        BOOST_TEST(client.get(stt).status == 200u);
    }
    BOOST_TEST(!client.closed_by_server());
    BOOST_TEST(client.local_port() == port);
    const auto res = client.request("GET", stt, {}, {{"Connection", "close"}});
    BOOST_TEST(res.status == 200u);
    BOOST_TEST(res.header("connection") == "close");
}

BOOST_AUTO_TEST_CASE(an_idle_keep_alive_connection_is_closed_after_the_request_timeout) {
    test_emulator quick{one_second_timeout()};
    const auto answered =
        answer_until_closed(quick.port(), "GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(answered.starts_with("HTTP/1.1 200 OK\r\n"), answered);
}

BOOST_AUTO_TEST_CASE(a_request_never_finished_is_closed_unanswered_after_the_request_timeout) {
    test_emulator quick{one_second_timeout()};
    BOOST_TEST(
        answer_until_closed(quick.port(), "GET /_emulator/health HTTP/1.1\r\nHost: x\r\n").empty());
}

BOOST_AUTO_TEST_CASE(a_request_handled_longer_than_the_request_timeout_is_answered) {
    test_emulator quick{one_second_timeout()};
    http_client waiting{quick.port()};
    const auto launched = waiting.post_json(stt, stt_body);
    BOOST_TEST_REQUIRE(launched.status == 200u, launched.body);
    const std::string id{launched.json().at("public_id").as_string()};
    // The manual clock never moves: the await runs out after 2 s, twice the request timeout.
    const auto res = waiting.get("/_emulator/await?job=" + id + "&status=finished&timeout=2s");
    BOOST_TEST(res.status == 408u, res.body);
    BOOST_TEST(res.json().at("job").at("status").as_string() == "processing");
}

BOOST_AUTO_TEST_CASE(expect_100_continue_is_honoured) {
    const std::string body{stt_body};
    const auto responses = client.raw(
        "POST " + std::string{stt} +
            " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-token\r\nExpect: 100-continue\r\n"
            "Content-Type: application/json\r\nContent-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body,
        2);
    BOOST_TEST(responses[0].status == 100u);
    BOOST_TEST(responses[1].status == 200u);
}

BOOST_AUTO_TEST_SUITE_END()
