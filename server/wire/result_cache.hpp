#pragma once

#include "server/jobs/job.hpp"
#include "server/observability/prometheus_text.hpp"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace emu::wire {

// Which rendered text of a finished provider: a v2 GET's item, or a v3 GET's output or its
// original_response.
enum class result_form : std::uint8_t { v2_item, v3_output, v3_original_response };

// What one finished provider's rendered item depends on besides the job's fixed input: the
// job (its input object, alive while the entry is valid, and its id), which provider, the
// step it shows (literal fields, partial results), the display flags, the seed and the base
// URL its media links point at.
struct result_key {
    const jobs::job_input* input = nullptr;
    jobs::job_id id;
    std::uint32_t provider = 0; // index in the job's providers
    const scenario::step* step = nullptr;
    bool original_response = false;
    bool base_64 = false;
    std::uint64_t seed = 0;
    std::string_view base_url;
    result_form form = result_form::v2_item;

    friend bool operator==(const result_key&, const result_key&) = default;
};

// Counters of a result cache, for the metrics endpoint.
struct result_cache_stats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;
    std::uint64_t bytes = 0;
    std::uint64_t entries = 0;
};

// Rendered results of finished jobs (their compact JSON text), so that polling a
// finished job does not generate its results again. Bounded by bytes, least recently used out
// first; an entry whose job is gone (its input freed) is never returned. Thread-safe, sharded
// so concurrent GETs rarely share a lock. Capacity 0 keeps nothing.
class result_cache {
public:
    explicit result_cache(std::uint64_t capacity_bytes);

    // The text rendered for key, if kept.
    std::shared_ptr<const std::string> find(const result_key& key);

    // Keeps the text rendered for key, owned by input (key.input must be input.get()).
    void keep(const result_key& key,
              const std::shared_ptr<const jobs::job_input>& input,
              std::shared_ptr<const std::string> text);

    result_cache_stats stats() const;

    // The edenmock_result_cache_* families.
    void write_metrics(observability::prometheus_text& out) const;

private:
    struct entry {
        result_key key; // key.base_url points at base_url below
        std::string base_url;
        std::weak_ptr<const jobs::job_input> owner;
        std::shared_ptr<const std::string> text;
        std::uint64_t cost = 0; // bytes counted against the capacity
    };

    struct key_hash {
        std::size_t operator()(const result_key& key) const noexcept;
    };

    // One lock's share of the entries, most recently used first.
    struct shard {
        mutable std::mutex mutex;
        std::list<entry> entries;
        std::unordered_map<result_key, std::list<entry>::iterator, key_hash> index;
        std::uint64_t bytes = 0;
    };

    static constexpr std::size_t shard_count = 16;

    shard& shard_of(std::size_t hash);
    void evict_locked(shard& s, std::list<entry>::iterator it);

    std::uint64_t shard_capacity_;
    std::array<shard, shard_count> shards_;
    std::atomic<std::uint64_t> hits_{0};
    std::atomic<std::uint64_t> misses_{0};
    std::atomic<std::uint64_t> evictions_{0};
};

} // namespace emu::wire
