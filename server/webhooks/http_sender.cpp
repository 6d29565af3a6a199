#include "server/webhooks/http_sender.hpp"

#include "server/support/spawn.hpp"
#include "server/webhooks/outbound_connection.hpp"
#include "server/webhooks/outbound_post.hpp"
#include "server/webhooks/outbound_url.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace emu::webhooks {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;

// One send() from the call to its completion.
struct attempt {
    std::uint64_t id = 0;
    outbound_request request;
    http_sender::completion done;
    outbound_target target;
    std::shared_ptr<outbound_connection> conn; // while it holds a slot and a connection
    bool started = false;                      // holds a slot
    bool finished = false;                     // `done` is posted
};

// The requests and connections of one scheme, host and port.
struct host_entry {
    std::deque<std::shared_ptr<attempt>> waiting;
    std::size_t active = 0;
    std::vector<std::shared_ptr<outbound_connection>> idle; // oldest first
};

ssl::context make_tls_context(const sender_options& options) {
    ssl::context tls{ssl::context::tls_client};
    boost::system::error_code ec;
    if (!options.ca_file.empty()) {
        tls.load_verify_file(options.ca_file, ec);
        if (ec) {
            throw std::runtime_error("cannot load the CA file " + options.ca_file + ": " +
                                     ec.message());
        }
    }
    tls.set_verify_mode(options.insecure ? ssl::verify_none : ssl::verify_peer);
    return tls;
}

} // namespace

// The sender's state. Members marked "strand" are touched only on strand_; the counters are
// atomics so that in_flight() and queued() can be read from any thread. Coroutines and posted
// handlers hold a shared_ptr to it, so it outlives the http_sender while they run.
class http_sender::state : public std::enable_shared_from_this<state> {
public:
    state(asio::io_context& io, sender_options options)
        : io_(io)
        , strand_(asio::make_strand(io))
        , options_(std::move(options))
        , tls_(make_tls_context(options_)) {
        options_.max_in_flight = std::max<std::size_t>(options_.max_in_flight, 1);
        options_.max_in_flight_per_host = std::max<std::size_t>(options_.max_in_flight_per_host, 1);
    }

    // Callable from any thread; the work is posted to the strand.
    std::uint64_t send(outbound_request request, completion done);

    void cancel(std::uint64_t id, std::string reason);

    void stop();

    std::size_t in_flight() const { return in_flight_; }

    std::size_t queued() const { return queued_; }

private:
    void enqueue(std::shared_ptr<attempt> job);

    void cancel_now(std::uint64_t id, const std::string& reason);

    void stop_now();

    static asio::awaitable<void> run(std::shared_ptr<state> self, std::shared_ptr<attempt> job);

    asio::awaitable<outbound_result> deliver(std::shared_ptr<attempt> job);

    void pump();

    void start(std::shared_ptr<attempt> job);

    void finish(const std::shared_ptr<attempt>& job, outbound_result result);

    std::shared_ptr<outbound_connection> take_idle(const std::string& key);

    void keep_idle(const std::string& key, std::shared_ptr<outbound_connection> conn);

    // The TLS context, with the system CA paths added at the first https delivery rather than
    // at start: parsing the bundle takes some 50 ms, which every start (every test) would pay.
    ssl::context& tls_context();

    asio::io_context& io_;
    outbound_executor strand_;
    sender_options options_;
    ssl::context tls_;
    bool system_cas_loaded_ = false; // strand
    std::atomic<std::uint64_t> next_id_{1};
    std::atomic<std::size_t> queued_{0};
    std::atomic<std::size_t> in_flight_{0};
    bool stopping_ = false;                                            // strand
    std::unordered_map<std::uint64_t, std::shared_ptr<attempt>> live_; // strand: queued or started
    std::unordered_map<std::string, host_entry> hosts_;                // strand
};

void http_sender::state::enqueue(std::shared_ptr<attempt> job) {
    if (stopping_) {
        finish(job, {0, {}, "cancelled: shutting down"});
        return;
    }
    auto parsed = parse_outbound_url(job->request.url);
    if (!parsed.target) {
        finish(job, {0, {}, "bad URL: " + parsed.error});
        return;
    }
    job->target = std::move(*parsed.target);
    job->target.public_only = job->request.public_only;
    live_.emplace(job->id, job);
    hosts_[job->target.pool_key()].waiting.push_back(std::move(job));
    pump();
}

std::uint64_t http_sender::state::send(outbound_request request, completion done) {
    auto job = std::make_shared<attempt>();
    job->id = next_id_++;
    job->request = std::move(request);
    job->done = std::move(done);
    const auto id = job->id;
    ++queued_;
    asio::post(strand_, [self = shared_from_this(), job = std::move(job)]() mutable {
        self->enqueue(std::move(job));
    });
    return id;
}

void http_sender::state::cancel(std::uint64_t id, std::string reason) {
    asio::post(strand_, [self = shared_from_this(), id, reason = std::move(reason)] {
        self->cancel_now(id, reason);
    });
}

void http_sender::state::stop() {
    asio::post(strand_, [self = shared_from_this()] { self->stop_now(); });
}

void http_sender::state::cancel_now(std::uint64_t id, const std::string& reason) {
    const auto it = live_.find(id);
    if (it == live_.end()) {
        return;
    }
    const auto job = it->second;
    if (job->conn) {
        job->conn->close();
    }
    finish(job, {0, {}, "cancelled: " + reason});
}

void http_sender::state::stop_now() {
    stopping_ = true;
    std::vector<std::uint64_t> ids;
    for (const auto& [id, job] : live_) {
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    for (const auto id : ids) {
        cancel_now(id, "shutting down");
    }
    for (auto& [key, host] : hosts_) {
        for (const auto& conn : host.idle) {
            conn->close();
        }
        host.idle.clear();
    }
}

// Starts waiting attempts while there are free slots, oldest first among the hosts that are
// below their own limit.
void http_sender::state::pump() {
    while (!stopping_ && in_flight_ < options_.max_in_flight) {
        host_entry* next = nullptr;
        for (auto& [key, host] : hosts_) {
            if (!host.waiting.empty() && host.active < options_.max_in_flight_per_host &&
                (next == nullptr || host.waiting.front()->id < next->waiting.front()->id)) {
                next = &host;
            }
        }
        if (next == nullptr) {
            return;
        }
        auto job = std::move(next->waiting.front());
        next->waiting.pop_front();
        ++next->active;
        start(std::move(job));
    }
}

void http_sender::state::start(std::shared_ptr<attempt> job) {
    job->started = true;
    --queued_;
    ++in_flight_;
    asio::co_spawn(
        strand_, run(shared_from_this(), std::move(job)), support::log_failure{"webhook send"});
}

// Posts the completion and frees the attempt's slot or queue place. A cancelled attempt is
// finished here at once; its coroutine then finds `finished` set and only cleans up.
void http_sender::state::finish(const std::shared_ptr<attempt>& job, outbound_result result) {
    if (job->finished) {
        return;
    }
    job->finished = true;
    live_.erase(job->id);
    const auto key = job->target.pool_key();
    const auto host = hosts_.find(key);
    if (job->started) {
        --in_flight_;
        if (host != hosts_.end()) {
            --host->second.active;
        }
    } else {
        --queued_;
        if (host != hosts_.end()) {
            auto& waiting = host->second.waiting;
            waiting.erase(std::remove(waiting.begin(), waiting.end(), job), waiting.end());
        }
    }
    if (host != hosts_.end() && host->second.waiting.empty() && host->second.active == 0 &&
        host->second.idle.empty()) {
        hosts_.erase(host);
    }
    if (job->done) {
        asio::post(io_, [done = std::move(job->done), result = std::move(result)]() mutable {
            done(std::move(result));
        });
    }
    pump();
}

std::shared_ptr<outbound_connection> http_sender::state::take_idle(const std::string& key) {
    const auto host = hosts_.find(key);
    if (host == hosts_.end()) {
        return nullptr;
    }
    auto& idle = host->second.idle;
    while (!idle.empty()) {
        auto conn = std::move(idle.back());
        idle.pop_back();
        if (conn->alive()) {
            return conn;
        }
        conn->close();
    }
    return nullptr;
}

void http_sender::state::keep_idle(const std::string& key,
                                   std::shared_ptr<outbound_connection> conn) {
    auto& idle = hosts_[key].idle;
    if (options_.max_idle_per_host == 0) {
        conn->close();
        return;
    }
    if (idle.size() >= options_.max_idle_per_host) {
        idle.front()->close();
        idle.erase(idle.begin());
    }
    idle.push_back(std::move(conn));
}

asio::awaitable<void> http_sender::state::run(std::shared_ptr<state> self,
                                              std::shared_ptr<attempt> job) {
    outbound_result result;
    try {
        result = co_await self->deliver(job);
    } catch (const std::exception& error) {
        result = {0, {}, std::string{"internal error: "} + error.what()};
    }
    if (job->conn) {
        job->conn->close();
        job->conn.reset();
    }
    self->finish(job, std::move(result));
}

ssl::context& http_sender::state::tls_context() {
    if (!system_cas_loaded_) {
        // Without them only --webhook-ca-file is trusted; that is the caller's setup to fix.
        boost::system::error_code ignored;
        tls_.set_default_verify_paths(ignored);
        system_cas_loaded_ = true;
    }
    return tls_;
}

// Sends the attempt on an idle connection when there is one, else on a new one. A reused
// connection that fails before any response byte was most likely closed by the server while
// idle: the request is sent once more on a new connection.
asio::awaitable<outbound_result> http_sender::state::deliver(std::shared_ptr<attempt> job) {
    const auto post = build_post(job->request, job->target, options_.user_agent);
    if (!post.error.empty()) {
        co_return outbound_result{0, {}, post.error};
    }
    const auto key = job->target.pool_key();
    const response_limits limits{options_.excerpt_limit, options_.max_response_bytes};
    auto conn = take_idle(key);
    bool reused = conn != nullptr;
    for (;;) {
        if (!conn) {
            conn = std::make_shared<outbound_connection>(
                strand_, job->target.tls ? &tls_context() : nullptr, !options_.insecure);
            job->conn = conn;
            auto opened = co_await conn->open(job->target);
            if (job->finished) {
                co_return outbound_result{};
            }
            if (!opened.error.empty()) {
                co_return outbound_result{0, {}, std::move(opened.error), opened.refused};
            }
        }
        job->conn = conn;
        auto outcome = co_await conn->exchange(post.message, limits);
        if (job->finished) {
            co_return outbound_result{};
        }
        if (reused && !outcome.answered && !outcome.error.empty()) {
            conn->close();
            conn.reset();
            reused = false;
            continue;
        }
        if (outcome.reusable) {
            job->conn.reset();
            keep_idle(key, std::move(conn));
        }
        co_return outbound_result{
            outcome.status, std::move(outcome.excerpt), std::move(outcome.error)};
    }
}

http_sender::http_sender(asio::io_context& io, sender_options options)
    : state_(std::make_shared<state>(io, std::move(options))) {}

http_sender::~http_sender() {
    stop();
}

std::uint64_t http_sender::send(outbound_request request, completion done) {
    return state_->send(std::move(request), std::move(done));
}

void http_sender::cancel(std::uint64_t id, std::string reason) {
    state_->cancel(id, std::move(reason));
}

void http_sender::stop() {
    state_->stop();
}

std::size_t http_sender::in_flight() const {
    return state_->in_flight();
}

std::size_t http_sender::queued() const {
    return state_->queued();
}

} // namespace emu::webhooks
