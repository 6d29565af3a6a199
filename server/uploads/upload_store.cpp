#include "server/uploads/upload_store.hpp"

#include "fake_providers/deterministic.hpp"

#include <algorithm>

namespace emu::uploads {

namespace {

// How long an expired file's id still answers "expired" before it is forgotten.
constexpr scheduling::duration expired_memory = std::chrono::hours{24};

} // namespace

upload_store::upload_store(scheduling::tenant_clocks& clocks, std::uint64_t seed)
    : clocks_(clocks)
    , seed_(seed) {}

upload_store::files& upload_store::files_of(std::string_view tenant, scheduling::instant now) {
    auto found = tenants_.find(tenant);
    if (found == tenants_.end()) {
        found = tenants_.emplace(std::string{tenant}, files{}).first;
    }
    std::erase_if(found->second, [now](const auto& entry) {
        return entry.second.expires_at + expired_memory <= now;
    });
    return found->second;
}

upload upload_store::add(std::string_view tenant,
                         fake::input_file file,
                         std::string mimetype,
                         std::string purpose,
                         scheduling::duration keep) {
    std::lock_guard lock{mutex_};
    const auto now = clocks_.now(tenant);
    auto& owned = files_of(tenant, now);
    upload created;
    const auto counter = ++counter_;
    const auto base = fake::mix(seed_, fake::fnv1a(tenant));
    created.id = fake::uuid_from(fake::mix(base, counter), fake::mix(counter, base ^ 0x75706cULL));
    created.file = std::move(file);
    created.mimetype = std::move(mimetype);
    created.purpose = std::move(purpose);
    created.created_at = now;
    created.expires_at = now + keep;
    created.seq = counter;
    owned[created.id] = created;
    if (on_change_) {
        on_change_(tenant);
    }
    return created;
}

std::variant<upload, lookup_failure> upload_store::find(std::string_view tenant,
                                                        std::string_view id) {
    std::lock_guard lock{mutex_};
    const auto now = clocks_.now(tenant);
    auto& owned = files_of(tenant, now);
    const auto found = owned.find(id);
    if (found == owned.end()) {
        return lookup_failure::unknown;
    }
    if (found->second.expires_at <= now) {
        return lookup_failure::expired;
    }
    return found->second;
}

std::vector<upload> upload_store::list(std::string_view tenant,
                                       std::optional<std::string_view> purpose) {
    std::lock_guard lock{mutex_};
    const auto now = clocks_.now(tenant);
    std::vector<upload> result;
    for (const auto& [id, file] : files_of(tenant, now)) {
        if (file.expires_at > now && (!purpose || file.purpose == *purpose)) {
            result.push_back(file);
        }
    }
    std::sort(result.begin(), result.end(), [](const upload& a, const upload& b) {
        return a.seq > b.seq;
    });
    return result;
}

std::size_t upload_store::remove_all(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    const auto now = clocks_.now(tenant);
    auto& owned = files_of(tenant, now);
    const auto live = static_cast<std::size_t>(
        std::count_if(owned.begin(), owned.end(), [now](const auto& entry) {
            return entry.second.expires_at > now;
        }));
    owned.clear();
    if (on_change_) {
        on_change_(tenant);
    }
    return live;
}

std::size_t upload_store::remove(std::string_view tenant, std::span<const std::string> ids) {
    std::lock_guard lock{mutex_};
    const auto now = clocks_.now(tenant);
    auto& owned = files_of(tenant, now);
    std::size_t removed = 0;
    for (const auto& id : ids) {
        const auto found = owned.find(id);
        if (found != owned.end()) {
            removed += found->second.expires_at > now ? std::size_t{1} : std::size_t{0};
            owned.erase(found);
        }
    }
    if (on_change_) {
        on_change_(tenant);
    }
    return removed;
}

std::size_t upload_store::reset(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    std::size_t removed = 0;
    if (tenant.empty()) {
        for (const auto& [name, owned] : tenants_) {
            removed += owned.size();
        }
        tenants_.clear();
        return removed;
    }
    if (const auto found = tenants_.find(tenant); found != tenants_.end()) {
        removed = found->second.size();
        tenants_.erase(found);
    }
    return removed;
}

std::vector<upload> upload_store::export_files(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    std::vector<upload> kept;
    if (const auto found = tenants_.find(tenant); found != tenants_.end()) {
        for (const auto& [id, file] : found->second) {
            kept.push_back(file);
        }
    }
    std::sort(
        kept.begin(), kept.end(), [](const upload& a, const upload& b) { return a.seq < b.seq; });
    return kept;
}

std::vector<std::string> upload_store::tenants() {
    std::lock_guard lock{mutex_};
    std::vector<std::string> names;
    for (const auto& [name, owned] : tenants_) {
        if (!owned.empty()) {
            names.push_back(name);
        }
    }
    return names;
}

std::uint64_t upload_store::counter() {
    std::lock_guard lock{mutex_};
    return counter_;
}

void upload_store::raise_counter(std::uint64_t counter) {
    std::lock_guard lock{mutex_};
    counter_ = std::max(counter_, counter);
}

void upload_store::import_files(std::string_view into, std::vector<upload> kept) {
    std::lock_guard lock{mutex_};
    if (kept.empty()) {
        if (const auto found = tenants_.find(into); found != tenants_.end()) {
            tenants_.erase(found);
        }
        return;
    }
    files owned;
    for (auto& file : kept) {
        auto id = file.id;
        owned.insert_or_assign(std::move(id), std::move(file));
    }
    tenants_.insert_or_assign(std::string{into}, std::move(owned));
}

} // namespace emu::uploads
