// A test of a client of Eden AI's async API, run against edenmock embedded in the test process
// (docs/embedding.md). Built and run by edenmock's own tests (ctest -R embedded_example).
#define BOOST_TEST_MODULE embedded_example
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <edenmock/server.hpp>
#include <string>

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using namespace std::chrono_literals;

// The code under test: a tiny client that starts a transcription and reads a job's status.
class transcriber {
public:
    explicit transcriber(std::string base_url)
        : base_url_(std::move(base_url)) {}

    std::string start(const std::string& audio_url) {
        return call(http::verb::post,
                    "/v2/audio/speech_to_text_async",
                    R"({"providers": "amazon", "language": "en", "file_url": ")" + audio_url +
                        R"("})")
            .at("public_id")
            .as_string()
            .c_str();
    }

    std::string status(const std::string& public_id) {
        return call(http::verb::get, "/v2/audio/speech_to_text_async/" + public_id, "")
            .at("status")
            .as_string()
            .c_str();
    }

private:
    boost::json::value call(http::verb method, const std::string& path, const std::string& body) {
        // base_url_ is "http://HOST:PORT"
        const auto host_port = base_url_.substr(base_url_.find("//") + 2);
        const auto colon = host_port.rfind(':');
        asio::io_context io;
        asio::ip::tcp::socket socket{io};
        asio::connect(socket,
                      asio::ip::tcp::resolver{io}.resolve(host_port.substr(0, colon),
                                                          host_port.substr(colon + 1)));
        http::request<http::string_body> req{method, path, 11};
        req.set(http::field::host, host_port);
        req.set(http::field::authorization, "Bearer test-token");
        if (!body.empty()) {
            req.set(http::field::content_type, "application/json");
            req.body() = body;
        }
        req.prepare_payload();
        http::write(socket, req);
        boost::beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(socket, buffer, res);
        return boost::json::parse(res.body());
    }

    std::string base_url_;
};

} // namespace

BOOST_AUTO_TEST_CASE(a_transcription_finishes_two_seconds_after_launch) {
    edenmock::server eden; // 127.0.0.1, a free port, manual clock, seed 42
    transcriber client{eden.url()};

    const auto id = client.start("https://example.com/meeting.wav");
    BOOST_TEST(client.status(id) == "processing");

    eden.advance(2s); // the built-in scenario: every provider finishes 2 s after launch
    BOOST_TEST(eden.await_job(id).status == "finished");
    BOOST_TEST(client.status(id) == "finished");
}
