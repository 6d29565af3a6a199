// result_cache: rendered items found by their whole key, bounded by bytes with the least
// recently used dropped first, and never answered once the job they belong to is gone.
#include "server/wire/result_cache.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

namespace {

namespace jobs = emu::jobs;
namespace wire = emu::wire;

// Jobs' inputs and the keys of their first provider's item, with texts of a chosen size.
struct cache_fixture {
    std::vector<std::shared_ptr<const jobs::job_input>> inputs;

    wire::result_key key_of(std::size_t job) {
        while (inputs.size() <= job) {
            inputs.push_back(std::make_shared<const jobs::job_input>());
        }
        return {.input = inputs[job].get(),
                .id = jobs::job_id{1, job},
                .seed = 1,
                .base_url = "http://emu.test"};
    }

    static std::shared_ptr<const std::string> text(std::size_t size, char fill = 'x') {
        return std::make_shared<const std::string>(size, fill);
    }

    void keep(wire::result_cache& cache, std::size_t job, std::size_t size) {
        const auto key = key_of(job);
        cache.keep(key, inputs[job], text(size));
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(result_cache, cache_fixture)

BOOST_AUTO_TEST_CASE(a_kept_text_is_found_by_its_whole_key_only) {
    wire::result_cache cache{1U << 20U};
    const auto key = key_of(0);
    cache.keep(key, inputs[0], text(10, 'a'));
    const auto found = cache.find(key);
    BOOST_TEST_REQUIRE(found != nullptr);
    BOOST_TEST(*found == std::string(10, 'a'));
    // Each part of the key counts.
    auto other = key;
    other.provider = 1;
    BOOST_TEST(cache.find(other) == nullptr);
    other = key;
    other.base_64 = true;
    BOOST_TEST(cache.find(other) == nullptr);
    other = key;
    other.original_response = true;
    BOOST_TEST(cache.find(other) == nullptr);
    other = key;
    other.seed = 2;
    BOOST_TEST(cache.find(other) == nullptr);
    other = key;
    other.base_url = "http://emu.test:1";
    BOOST_TEST(cache.find(other) == nullptr);
    other = key;
    const emu::scenario::step step;
    other.step = &step;
    BOOST_TEST(cache.find(other) == nullptr);
    other = key;
    other.id = jobs::job_id{2, 0};
    BOOST_TEST(cache.find(other) == nullptr);
    const auto stats = cache.stats();
    BOOST_TEST(stats.hits == 1U);
    BOOST_TEST(stats.misses == 7U);
    BOOST_TEST(stats.entries == 1U);
}

BOOST_AUTO_TEST_CASE(the_key_s_base_url_is_copied_not_borrowed) {
    wire::result_cache cache{1U << 20U};
    auto key = key_of(0);
    std::string url = "http://borrowed.test";
    key.base_url = url;
    cache.keep(key, inputs[0], text(4));
    url = "http://changed.test!";
    key.base_url = "http://borrowed.test";
    BOOST_TEST(cache.find(key) != nullptr);
}

BOOST_AUTO_TEST_CASE(a_gone_job_s_texts_are_never_answered) {
    wire::result_cache cache{1U << 20U};
    const auto key = key_of(0);
    cache.keep(key, inputs[0], text(4));
    inputs[0].reset();
    BOOST_TEST(cache.find(key) == nullptr);
    BOOST_TEST(cache.stats().entries == 0U); // dropped when found stale
}

BOOST_AUTO_TEST_CASE(memory_stays_within_capacity_and_the_least_recently_used_go_first) {
    // 16 shards of 4 KiB; each text costs 1 KiB and some overhead.
    const std::uint64_t capacity = 64U * 1024U;
    wire::result_cache cache{capacity};
    for (std::size_t job = 0; job < 1000; ++job) {
        keep(cache, job, 1024);
        // Job 0 is polled all along: it stays.
        BOOST_TEST_REQUIRE(cache.find(key_of(0)) != nullptr);
    }
    const auto stats = cache.stats();
    BOOST_TEST(stats.bytes <= capacity);
    BOOST_TEST(stats.evictions > 900U);
    BOOST_TEST(stats.entries + stats.evictions == 1000U);
    BOOST_TEST(cache.find(key_of(999)) != nullptr); // the newest stays
    BOOST_TEST(cache.find(key_of(1)) == nullptr);   // an old one left
}

BOOST_AUTO_TEST_CASE(texts_larger_than_a_share_and_a_zero_capacity_keep_nothing) {
    wire::result_cache small{16U * 1024U};
    keep(small, 0, 2048);
    BOOST_TEST(small.find(key_of(0)) == nullptr);
    wire::result_cache none{0};
    keep(none, 1, 1);
    BOOST_TEST(none.find(key_of(1)) == nullptr);
    BOOST_TEST(none.stats().bytes == 0U);
}

BOOST_AUTO_TEST_CASE(keeping_a_key_again_replaces_its_text) {
    wire::result_cache cache{1U << 20U};
    const auto key = key_of(0);
    cache.keep(key, inputs[0], text(3, 'a'));
    cache.keep(key, inputs[0], text(5, 'b'));
    BOOST_TEST(*cache.find(key) == "bbbbb");
    BOOST_TEST(cache.stats().entries == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
