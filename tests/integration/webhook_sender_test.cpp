// The outbound HTTP client of webhook deliveries, against a scripted loopback receiver.
#include "server/webhooks/http_sender.hpp"
#include "tests/integration/support/temp_file.hpp"
#include "tests/integration/support/webhook_receiver.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

using namespace emu::testing;
using namespace emu::webhooks;
using namespace std::chrono_literals;
namespace asio = boost::asio;

// Upper bounds for things that happen at once on a quiet machine; generous for sanitizers.
constexpr auto patience = 10s;

// Two threads running an io_context for the sender under test.
class io_threads {
public:
    io_threads() {
        for (int i = 0; i < 2; ++i) {
            threads_.emplace_back([this] { io.run(); });
        }
    }

    ~io_threads() {
        work_.reset();
        io.stop();
        for (auto& thread : threads_) {
            thread.join();
        }
    }

    io_threads(const io_threads&) = delete;
    io_threads& operator=(const io_threads&) = delete;

    asio::io_context io;

private:
    asio::executor_work_guard<asio::io_context::executor_type> work_{io.get_executor()};
    std::vector<std::thread> threads_;
};

// A send whose completion the test can wait for.
struct pending {
    std::uint64_t id = 0;
    std::future<outbound_result> result;
    std::shared_ptr<std::thread::id> completed_on = std::make_shared<std::thread::id>();

    bool ready(std::chrono::milliseconds timeout = patience) const {
        return result.wait_for(timeout) == std::future_status::ready;
    }

    outbound_result get() {
        BOOST_REQUIRE_MESSAGE(ready(), "the completion did not run");
        return result.get();
    }
};

pending start(http_sender& sender, outbound_request request) {
    auto promise = std::make_shared<std::promise<outbound_result>>();
    pending sent;
    sent.result = promise->get_future();
    auto thread = sent.completed_on;
    sent.id = sender.send(std::move(request), [promise, thread](outbound_result result) {
        *thread = std::this_thread::get_id();
        promise->set_value(std::move(result));
    });
    return sent;
}

outbound_result post(http_sender& sender, std::string url, std::string body = "{}") {
    return start(sender, {std::move(url), {}, std::move(body)}).get();
}

// A port nobody listens on: bound once, then released.
std::uint16_t closed_port() {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
    const auto port = acceptor.local_endpoint().port();
    acceptor.close();
    return port;
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

// The io threads and a default sender; cases that need other options make their own sender.
struct sender_fixture {
    io_threads loop;
    webhook_receiver receiver;
    http_sender sender{loop.io, {}};
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(webhook_sender, sender_fixture)

BOOST_AUTO_TEST_CASE(posts_headers_and_body_exactly_as_given) {
    const std::string body = R"({"public_id": "job-1", "status": "finished"})";
    const auto result = start(sender,
                              {receiver.url("/hooks/eden?source=test"),
                               {{"Content-Type", "application/json"},
                                {"X-Eden-Delivery", "d-42"},
                                {"X-Eden-Signature", "sha256=abc"}},
                               body})
                            .get();
    BOOST_TEST(result.error == "");
    BOOST_TEST(result.status == 200u);
    BOOST_TEST(result.body_excerpt == "ok");
    BOOST_REQUIRE(receiver.wait_for_requests(1, patience));
    const auto got = receiver.requests().at(0);
    BOOST_TEST(got.method == "POST");
    BOOST_TEST(got.target == "/hooks/eden?source=test");
    BOOST_TEST(got.body == body);
    BOOST_TEST(got.header("content-type") == "application/json");
    BOOST_TEST(got.header("x-eden-delivery") == "d-42");
    BOOST_TEST(got.header("x-eden-signature") == "sha256=abc");
    BOOST_TEST(got.header("host") == "127.0.0.1:" + std::to_string(receiver.port()));
    BOOST_TEST(got.header("content-length") == std::to_string(body.size()));
}

BOOST_AUTO_TEST_CASE(empty_path_becomes_slash_and_user_agent_is_added) {
    sender_options options;
    options.user_agent = "edenmock-test/1";
    http_sender agent{loop.io, options};
    BOOST_TEST(post(agent, "http://127.0.0.1:" + std::to_string(receiver.port())).status == 200u);
    BOOST_TEST(start(agent, {receiver.url("/x"), {{"User-Agent", "mine"}}, ""}).get().status ==
               200u);
    const auto got = receiver.requests();
    BOOST_REQUIRE(got.size() == 2u);
    BOOST_TEST(got[0].target == "/");
    BOOST_TEST(got[0].header("user-agent") == "edenmock-test/1");
    BOOST_TEST(got[1].header("user-agent") == "mine");
}

BOOST_AUTO_TEST_CASE(returns_status_and_excerpt_of_error_answers) {
    receiver.script(behaviour::respond(500, R"({"error": "boom"})"));
    const auto result = post(sender, receiver.url("/hook"));
    BOOST_TEST(result.error == "");
    BOOST_TEST(result.status == 500u);
    BOOST_TEST(result.body_excerpt == R"({"error": "boom"})");
}

BOOST_AUTO_TEST_CASE(keeps_only_the_excerpt_of_long_bodies) {
    sender_options options;
    options.excerpt_limit = 16;
    http_sender limited{loop.io, options};
    const std::string long_body(10000, 'x');
    receiver.script(behaviour::respond(202, long_body));
    const auto result = post(limited, receiver.url("/hook"));
    BOOST_TEST(result.error == "");
    BOOST_TEST(result.status == 202u);
    BOOST_TEST(result.body_excerpt == long_body.substr(0, 16));
    // The whole body was read, so the connection is reused.
    BOOST_TEST(post(limited, receiver.url("/hook")).status == 200u);
    BOOST_TEST(receiver.connections_accepted() == 1u);
}

BOOST_AUTO_TEST_CASE(cuts_bodies_beyond_max_response_bytes_and_drops_the_connection) {
    sender_options options;
    options.excerpt_limit = 16;
    options.max_response_bytes = 1000;
    http_sender limited{loop.io, options};
    const std::string long_body(100000, 'y');
    receiver.script(behaviour::respond(200, long_body));
    const auto result = post(limited, receiver.url("/hook"));
    BOOST_TEST(result.error == "");
    BOOST_TEST(result.status == 200u);
    BOOST_TEST(result.body_excerpt == long_body.substr(0, 16));
    BOOST_TEST(post(limited, receiver.url("/hook")).status == 200u);
    BOOST_TEST(receiver.connections_accepted() == 2u);
}

BOOST_AUTO_TEST_CASE(refused_connection_is_an_error) {
    const auto result = post(sender, "http://127.0.0.1:" + std::to_string(closed_port()) + "/");
    BOOST_TEST(result.status == 0u);
    BOOST_TEST(starts_with(result.error, "connect: "), result.error);
}

BOOST_AUTO_TEST_CASE(connection_closed_without_answer_is_an_error) {
    receiver.script(behaviour::close());
    const auto result = post(sender, receiver.url("/hook"));
    BOOST_TEST(result.status == 0u);
    BOOST_TEST(starts_with(result.error, "read: "), result.error);
    BOOST_TEST(receiver.requests().size() == 1u); // a new connection is not retried
}

BOOST_AUTO_TEST_CASE(cancel_ends_a_hung_attempt_at_once) {
    receiver.script(behaviour::hang());
    auto sent = start(sender, {receiver.url("/hook"), {}, "{}"});
    BOOST_REQUIRE(receiver.wait_for_requests(1, patience));
    BOOST_TEST(!sent.ready(0ms));
    BOOST_TEST(sender.in_flight() == 1u);
    sender.cancel(sent.id, "attempt timed out after 10s");
    const auto result = sent.get();
    BOOST_TEST(result.status == 0u);
    BOOST_TEST(result.error == "cancelled: attempt timed out after 10s");
    BOOST_TEST(sender.in_flight() == 0u);
    sender.cancel(sent.id, "again"); // already complete: nothing happens
    BOOST_TEST(post(sender, receiver.url("/after")).status == 200u);
}

BOOST_AUTO_TEST_CASE(requests_beyond_the_per_host_limit_wait_for_a_free_slot) {
    sender_options options;
    options.max_in_flight_per_host = 2;
    http_sender limited{loop.io, options};
    receiver.set_default(behaviour::hang());
    auto first = start(limited, {receiver.url("/1"), {}, ""});
    auto second = start(limited, {receiver.url("/2"), {}, ""});
    auto third = start(limited, {receiver.url("/3"), {}, ""});
    BOOST_REQUIRE(receiver.wait_for_requests(2, patience));
    BOOST_TEST(limited.in_flight() == 2u);
    BOOST_TEST(limited.queued() == 1u);
    limited.cancel(first.id, "deadline");
    BOOST_TEST(first.get().error == "cancelled: deadline");
    BOOST_REQUIRE(receiver.wait_for_requests(3, patience));
    BOOST_TEST(receiver.requests().at(2).target == "/3");
    BOOST_TEST(limited.queued() == 0u);
    BOOST_TEST(limited.in_flight() == 2u);
    limited.cancel(second.id, "deadline");
    limited.cancel(third.id, "deadline");
    BOOST_TEST(second.get().error == "cancelled: deadline");
    BOOST_TEST(third.get().error == "cancelled: deadline");
}

BOOST_AUTO_TEST_CASE(a_queued_request_can_be_cancelled_before_it_starts) {
    sender_options options;
    options.max_in_flight_per_host = 1;
    http_sender limited{loop.io, options};
    receiver.script(behaviour::hang());
    auto first = start(limited, {receiver.url("/1"), {}, ""});
    auto second = start(limited, {receiver.url("/2"), {}, ""});
    BOOST_REQUIRE(receiver.wait_for_requests(1, patience));
    limited.cancel(second.id, "job deleted");
    BOOST_TEST(second.get().error == "cancelled: job deleted");
    BOOST_TEST(limited.queued() == 0u);
    limited.cancel(first.id, "deadline");
    BOOST_TEST(first.get().error == "cancelled: deadline");
    BOOST_TEST(receiver.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_hung_host_does_not_delay_another_host) {
    sender_options options;
    options.max_in_flight_per_host = 2;
    http_sender limited{loop.io, options};
    webhook_receiver other;
    receiver.set_default(behaviour::hang());
    std::vector<pending> hung;
    for (int i = 0; i < 3; ++i) {
        hung.push_back(start(limited, {receiver.url("/slow"), {}, ""}));
    }
    BOOST_REQUIRE(receiver.wait_for_requests(2, patience));
    const auto result = post(limited, other.url("/fast"));
    BOOST_TEST(result.status == 200u);
    BOOST_TEST(limited.queued() == 1u);
    limited.stop();
    for (auto& sent : hung) {
        BOOST_TEST(sent.get().error == "cancelled: shutting down");
    }
}

BOOST_AUTO_TEST_CASE(requests_beyond_the_overall_limit_wait_whatever_their_host) {
    sender_options options;
    options.max_in_flight = 1;
    http_sender limited{loop.io, options};
    webhook_receiver other;
    receiver.script(behaviour::hang());
    auto hung = start(limited, {receiver.url("/slow"), {}, ""});
    BOOST_REQUIRE(receiver.wait_for_requests(1, patience));
    auto waiting = start(limited, {other.url("/fast"), {}, ""});
    BOOST_TEST(limited.queued() == 1u);
    limited.cancel(hung.id, "deadline");
    BOOST_TEST(waiting.get().status == 200u);
    BOOST_TEST(hung.get().error == "cancelled: deadline");
}

BOOST_AUTO_TEST_CASE(sequential_requests_reuse_one_connection) {
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(post(sender, receiver.url("/hook")).status == 200u);
    }
    BOOST_TEST(receiver.connections_accepted() == 1u);
    for (const auto& got : receiver.requests()) {
        BOOST_TEST(got.connection == 0u);
    }
}

BOOST_AUTO_TEST_CASE(a_reused_connection_closed_before_the_answer_is_retried_once) {
    receiver.script(behaviour::respond(200, "first"));
    receiver.script(behaviour::close());
    BOOST_TEST(post(sender, receiver.url("/1")).body_excerpt == "first");
    const auto result = post(sender, receiver.url("/2"));
    BOOST_TEST(result.error == "");
    BOOST_TEST(result.status == 200u);
    const auto got = receiver.requests();
    BOOST_REQUIRE(got.size() == 3u);
    BOOST_TEST(got[1].connection == 0u);
    BOOST_TEST(got[2].connection == 1u);
    BOOST_TEST(got[2].target == "/2");
}

BOOST_AUTO_TEST_CASE(bad_urls_fail_through_the_completion) {
    for (const auto* url : {"ftp://x", "not a url", "http://", "http://user:pw@127.0.0.1/"}) {
        BOOST_TEST_CONTEXT(url) {
            auto sent = start(sender, {url, {}, ""});
            const auto result = sent.get();
            BOOST_TEST(result.status == 0u);
            BOOST_TEST(starts_with(result.error, "bad URL: "), result.error);
            BOOST_TEST((*sent.completed_on != std::this_thread::get_id()));
        }
    }
}

BOOST_AUTO_TEST_CASE(headers_that_would_split_the_request_are_refused) {
    const auto result =
        start(sender, {receiver.url("/hook"), {{"X-Evil", "a\r\nX-Injected: 1"}}, ""}).get();
    BOOST_TEST(starts_with(result.error, "bad header: "), result.error);
    BOOST_TEST(receiver.requests().empty());
}

BOOST_AUTO_TEST_CASE(stop_completes_every_pending_request) {
    sender_options options;
    options.max_in_flight_per_host = 1;
    http_sender limited{loop.io, options};
    receiver.set_default(behaviour::hang());
    auto running = start(limited, {receiver.url("/1"), {}, ""});
    auto waiting = start(limited, {receiver.url("/2"), {}, ""});
    BOOST_REQUIRE(receiver.wait_for_requests(1, patience));
    limited.stop();
    BOOST_TEST(running.get().error == "cancelled: shutting down");
    BOOST_TEST(waiting.get().error == "cancelled: shutting down");
    BOOST_TEST(post(limited, receiver.url("/3")).error == "cancelled: shutting down");
    BOOST_TEST(limited.in_flight() == 0u);
    BOOST_TEST(limited.queued() == 0u);
}

BOOST_AUTO_TEST_CASE(https_without_verification_succeeds) {
    webhook_receiver secure{webhook_receiver::transport::tls};
    sender_options options;
    options.insecure = true;
    http_sender insecure{loop.io, options};
    const auto result = post(insecure, secure.url("/hook"), R"({"tls": true})");
    BOOST_TEST(result.error == "");
    BOOST_TEST(result.status == 200u);
    BOOST_REQUIRE(secure.wait_for_requests(1, patience));
    BOOST_TEST(secure.requests().at(0).body == R"({"tls": true})");
}

BOOST_AUTO_TEST_CASE(https_with_an_untrusted_certificate_fails_the_handshake) {
    webhook_receiver secure{webhook_receiver::transport::tls};
    const auto result = post(sender, secure.url("/hook"));
    BOOST_TEST(result.status == 0u);
    BOOST_TEST(starts_with(result.error, "TLS handshake: "), result.error);
    BOOST_TEST(result.error.find("certificate verify failed") != std::string::npos, result.error);
    BOOST_TEST(secure.requests().empty());
}

BOOST_AUTO_TEST_CASE(https_trusting_the_receiver_certificate_succeeds) {
    webhook_receiver secure{webhook_receiver::transport::tls};
    const temp_file ca{secure.certificate_pem(), ".pem"};
    sender_options options;
    options.ca_file = ca.path().string();
    http_sender verifying{loop.io, options};
    const auto by_address = post(verifying, secure.url("/ip"));
    BOOST_TEST(by_address.error == "");
    BOOST_TEST(by_address.status == 200u);
    const auto by_name =
        post(verifying, "https://localhost:" + std::to_string(secure.port()) + "/name");
    BOOST_TEST(by_name.error == "");
    BOOST_TEST(by_name.status == 200u);
    BOOST_REQUIRE(secure.wait_for_requests(2, patience));
    BOOST_TEST(secure.requests().at(1).header("host") ==
               "localhost:" + std::to_string(secure.port()));
}

BOOST_AUTO_TEST_CASE(an_unreadable_ca_file_is_refused_at_construction) {
    sender_options options;
    options.ca_file = "/nonexistent/edenmock-ca.pem";
    BOOST_CHECK_THROW(http_sender(loop.io, options), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
