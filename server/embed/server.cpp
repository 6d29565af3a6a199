#include "edenmock/server.hpp"

#include "server/app/emulator.hpp"
#include "server/embed/job_await.hpp"
#include "server/embed/server_arguments.hpp"
#include "server/support/log.hpp"

#include <atomic>
#include <stdexcept>
#include <thread>

namespace edenmock {

// The emulator and the thread that runs its I/O (the emulator adds threads of its own for
// --threads above 1).
struct server::impl {
    explicit impl(const emu::app::options& options)
        : emulator(options)
        , clock_mode(emu::app::to_string(options.clock))
        , url(emulator.url())
        , port(emulator.port()) {
        emu::log::set_level(options.log_level);
        io = std::thread([this] { emulator.run(); });
    }

    void check_running() const {
        if (stopped) {
            throw std::logic_error("this edenmock server is stopped");
        }
    }

    emu::engine::clock_control& manual_clock() {
        check_running();
        auto* control = emulator.clock_control();
        if (control == nullptr) {
            throw std::logic_error("the edenmock clock is " + clock_mode +
                                   " and cannot be advanced; start it with the manual clock");
        }
        return *control;
    }

    emu::app::emulator emulator;
    std::string clock_mode;
    std::string url; // kept: after stop(), the listener knows its address no more
    std::uint16_t port;
    std::atomic<bool> stopped{false};
    std::thread io; // last: it runs the members above
};

namespace {

emu::scheduling::instant to_instant(std::chrono::system_clock::time_point at) {
    return emu::scheduling::instant{
        std::chrono::floor<emu::scheduling::duration>(at.time_since_epoch())};
}

} // namespace

server::server(const server_options& options)
    : server(emu::embed::parse_server_options(options)) {}

server::server(const emu::app::options& options)
    : impl_(std::make_unique<impl>(options)) {}

server::~server() {
    stop();
}

std::string server::url() const {
    return impl_->url;
}

std::uint16_t server::port() const {
    return impl_->port;
}

std::chrono::system_clock::time_point server::now() const {
    return std::chrono::system_clock::time_point{
        impl_->emulator.jobs().clock().now().time_since_epoch()};
}

void server::advance(std::chrono::microseconds by, std::string_view tenant) {
    auto& control = impl_->manual_clock();
    if (by < std::chrono::microseconds::zero()) {
        throw std::invalid_argument("advance: the clock cannot go back");
    }
    control.advance(by, tenant);
}

void server::advance_to(std::chrono::system_clock::time_point to) {
    impl_->manual_clock().advance_to(to_instant(to));
}

bool server::advance_until_idle() {
    return impl_->manual_clock().advance_until_idle();
}

job_state server::await_job(std::string_view public_id,
                            std::string_view status,
                            std::chrono::milliseconds timeout) {
    impl_->check_running();
    return emu::embed::await_job(impl_->emulator.jobs(), public_id, status, timeout);
}

bool server::await_webhooks_settled(std::chrono::milliseconds timeout) {
    impl_->check_running();
    return impl_->emulator.webhooks().wait_until_settled(timeout);
}

void server::reset(std::string_view tenant) {
    impl_->check_running();
    impl_->emulator.reset(tenant);
}

std::string server::snapshot(std::string_view tenant) {
    impl_->check_running();
    return impl_->emulator.snapshot(tenant);
}

void server::restore(std::string_view document, std::string_view tenant) {
    impl_->check_running();
    try {
        impl_->emulator.restore(document, tenant);
    } catch (const emu::control::snapshot_refusal& refused) {
        throw std::invalid_argument(refused.what());
    }
}

void server::stop() {
    if (impl_->stopped.exchange(true)) {
        return;
    }
    impl_->emulator.stop();
    impl_->io.join();
}

} // namespace edenmock
