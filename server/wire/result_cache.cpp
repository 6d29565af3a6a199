#include "server/wire/result_cache.hpp"

#include <functional>

namespace emu::wire {

namespace {

// Bytes an entry costs beyond its text and base URL: the entry, its list and index nodes.
constexpr std::uint64_t entry_overhead = 160;

std::size_t mix(std::size_t seed, std::size_t value) {
    return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6U) + (seed >> 2U));
}

} // namespace

std::size_t result_cache::key_hash::operator()(const result_key& key) const noexcept {
    std::size_t hash = std::hash<jobs::job_id>{}(key.id);
    hash = mix(hash, std::hash<const void*>{}(key.input));
    hash = mix(hash, key.provider);
    hash = mix(hash, std::hash<const void*>{}(key.step));
    hash = mix(hash, (key.original_response ? 1U : 0U) | (key.base_64 ? 2U : 0U));
    hash = mix(hash, static_cast<std::size_t>(key.seed));
    hash = mix(hash, static_cast<std::size_t>(key.form));
    return mix(hash, std::hash<std::string_view>{}(key.base_url));
}

result_cache::result_cache(std::uint64_t capacity_bytes)
    : shard_capacity_(capacity_bytes / shard_count) {}

result_cache::shard& result_cache::shard_of(std::size_t hash) {
    return shards_[(hash >> 7U) % shard_count];
}

std::shared_ptr<const std::string> result_cache::find(const result_key& key) {
    const auto hash = key_hash{}(key);
    auto& s = shard_of(hash);
    std::lock_guard lock{s.mutex};
    const auto found = s.index.find(key);
    if (found == s.index.end()) {
        misses_.fetch_add(1, std::memory_order_relaxed);
        return nullptr;
    }
    const auto it = found->second;
    if (it->owner.expired()) {
        evict_locked(s, it);
        misses_.fetch_add(1, std::memory_order_relaxed);
        return nullptr;
    }
    s.entries.splice(s.entries.begin(), s.entries, it);
    hits_.fetch_add(1, std::memory_order_relaxed);
    return it->text;
}

void result_cache::keep(const result_key& key,
                        const std::shared_ptr<const jobs::job_input>& input,
                        std::shared_ptr<const std::string> text) {
    const std::uint64_t cost = text->size() + key.base_url.size() + entry_overhead;
    if (cost > shard_capacity_) {
        return;
    }
    auto& s = shard_of(key_hash{}(key));
    std::lock_guard lock{s.mutex};
    if (const auto found = s.index.find(key); found != s.index.end()) {
        evict_locked(s, found->second);
    }
    while (s.bytes + cost > shard_capacity_) {
        evict_locked(s, std::prev(s.entries.end()));
        evictions_.fetch_add(1, std::memory_order_relaxed);
    }
    auto& kept = s.entries.emplace_front(
        entry{key, std::string{key.base_url}, input, std::move(text), cost});
    kept.key.base_url = kept.base_url;
    s.index.emplace(kept.key, s.entries.begin());
    s.bytes += cost;
}

void result_cache::evict_locked(shard& s, std::list<entry>::iterator it) {
    s.bytes -= it->cost;
    s.index.erase(it->key);
    s.entries.erase(it);
}

result_cache_stats result_cache::stats() const {
    result_cache_stats result{.hits = hits_.load(std::memory_order_relaxed),
                              .misses = misses_.load(std::memory_order_relaxed),
                              .evictions = evictions_.load(std::memory_order_relaxed)};
    for (const auto& s : shards_) {
        std::lock_guard lock{s.mutex};
        result.bytes += s.bytes;
        result.entries += s.entries.size();
    }
    return result;
}

void result_cache::write_metrics(observability::prometheus_text& out) const {
    const auto now = stats();
    out.family("edenmock_result_cache_lookups_total",
               "counter",
               "Polls of finished providers answered from rendered results (hit) or rendered "
               "(miss).");
    out.sample(
        "edenmock_result_cache_lookups_total", {{"outcome", "hit"}}, static_cast<double>(now.hits));
    out.sample("edenmock_result_cache_lookups_total",
               {{"outcome", "miss"}},
               static_cast<double>(now.misses));
    out.family("edenmock_result_cache_evictions_total",
               "counter",
               "Rendered results dropped to stay within --result-cache-bytes.");
    out.sample("edenmock_result_cache_evictions_total", {}, static_cast<double>(now.evictions));
    out.family("edenmock_result_cache_bytes",
               "gauge",
               "Memory the rendered results take, counted against --result-cache-bytes.");
    out.sample("edenmock_result_cache_bytes", {}, static_cast<double>(now.bytes));
}

} // namespace emu::wire
