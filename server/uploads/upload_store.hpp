#pragma once

#include "fake_providers/generation.hpp"
#include "server/scheduling/tenant_clocks.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace emu::uploads {

// One file a tenant sent to POST /v3/upload: what was probed from its bytes (never the bytes).
struct upload {
    std::string id;        // a UUID
    fake::input_file file; // name, size, duration, pages, ... as probed
    std::string mimetype;  // detected from the bytes, else as sent
    std::string purpose;
    scheduling::instant created_at;
    scheduling::instant expires_at;
    std::uint64_t seq = 0; // upload order, for listing newest first
};

// Why a file id gave no file.
enum class lookup_failure { unknown, expired };

// Each tenant's uploads, expiring on the tenant's clock. Thread-safe: one lock.
class upload_store {
public:
    upload_store(scheduling::tenant_clocks& clocks, std::uint64_t seed);

    // Called with the tenant whose files changed (for the state file, which renders it later);
    // under the store's lock, so it must only note the change.
    void on_change(std::function<void(std::string_view tenant)> callback) {
        on_change_ = std::move(callback);
    }

    // Keeps a file for `keep` from now; returns it with its new id.
    upload add(std::string_view tenant,
               fake::input_file file,
               std::string mimetype,
               std::string purpose,
               scheduling::duration keep);

    // The tenant's file by id text, or why there is none (another tenant's file is unknown).
    std::variant<upload, lookup_failure> find(std::string_view tenant, std::string_view id);

    // The tenant's files that have not expired, newest first; only `purpose`'s when given.
    std::vector<upload> list(std::string_view tenant, std::optional<std::string_view> purpose);

    // Deletes every file of the tenant; returns how many (expired ones not counted).
    std::size_t remove_all(std::string_view tenant);

    // Deletes the tenant's files among `ids` (others' and unknown ids ignored); returns how many.
    std::size_t remove(std::string_view tenant, std::span<const std::string> ids);

    // Forgets one tenant's files, or with "" everyone's; returns how many.
    std::size_t reset(std::string_view tenant);

    // Every file the tenant has (expired ones still remembered too), oldest first.
    std::vector<upload> export_files(std::string_view tenant);

    // Tenants with files, by name.
    std::vector<std::string> tenants();

    // Files added so far (the id counter, shared by every tenant).
    std::uint64_t counter();

    // Replaces the tenant's files with `kept` (same ids).
    void import_files(std::string_view into, std::vector<upload> kept);

    // Raises the id counter to `counter` when it is behind.
    void raise_counter(std::uint64_t counter);

private:
    using files = std::map<std::string, upload, std::less<>>; // by id

    // The tenant's files, with those expired for over a day dropped (their ids are then
    // unknown rather than expired).
    files& files_of(std::string_view tenant, scheduling::instant now);

    std::mutex mutex_;
    scheduling::tenant_clocks& clocks_;
    std::uint64_t seed_;
    std::uint64_t counter_ = 0;
    std::function<void(std::string_view tenant)> on_change_;
    std::map<std::string, files, std::less<>> tenants_;
};

} // namespace emu::uploads
