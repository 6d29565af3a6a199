// delivery_journal: the bounded log of webhook attempts behind GET /_emulator/webhooks.
#include "server/webhooks/delivery_journal.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace emu;
using webhooks::attempt_record;
using webhooks::attempt_status;
using webhooks::journal_filter;

namespace {

using ids = std::vector<std::string>;

// An attempt of job's delivery "d-<job>".
attempt_record attempt(std::string job,
                       std::string url = "http://127.0.0.1:9000/hooks/a",
                       std::string tenant = "alice",
                       attempt_status status = attempt_status::delivered) {
    attempt_record r;
    r.delivery_id = "d-" + job;
    r.job_id = std::move(job);
    r.url = std::move(url);
    r.tenant = std::move(tenant);
    r.status = status;
    return r;
}

// The job ids of the records, in order.
ids jobs(const std::vector<attempt_record>& records) {
    ids job_ids;
    for (const auto& r : records) {
        job_ids.push_back(r.job_id);
    }
    return job_ids;
}

// A filter with one member set.
journal_filter where(std::string journal_filter::*member, std::string value) {
    journal_filter filter;
    filter.*member = std::move(value);
    return filter;
}

journal_filter with_status(attempt_status status) {
    journal_filter filter;
    filter.status = status;
    return filter;
}

constexpr auto by_job = &journal_filter::job_id;
constexpr auto by_delivery = &journal_filter::delivery_id;
constexpr auto by_receiver = &journal_filter::receiver;
constexpr auto by_tenant = &journal_filter::tenant;

} // namespace

BOOST_AUTO_TEST_SUITE(delivery_journal)

BOOST_AUTO_TEST_CASE(records_are_numbered_from_one_in_order) {
    webhooks::delivery_journal journal{10};
    BOOST_TEST(journal.add(attempt("a")) == 1u);
    BOOST_TEST(journal.add(attempt("b")) == 2u);
    const auto all = journal.select({});
    BOOST_TEST_REQUIRE(all.size() == 2u);
    BOOST_TEST(all[0].seq == 1u);
    BOOST_TEST(all[1].seq == 2u);
    BOOST_TEST(jobs(all) == (ids{"a", "b"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keeps_the_newest_records_and_counts_the_dropped) {
    webhooks::delivery_journal journal{3};
    for (const auto* job : {"a", "b", "c", "d", "e"}) {
        journal.add(attempt(job));
    }
    BOOST_TEST(jobs(journal.select({})) == (ids{"c", "d", "e"}), boost::test_tools::per_element());
    BOOST_TEST(journal.dropped() == 2u);
    BOOST_TEST(journal.find(2) == nullptr);
    BOOST_REQUIRE(journal.find(3) != nullptr);
    BOOST_TEST(journal.find(3)->job_id == "c");
    BOOST_TEST(journal.find(6) == nullptr);
}

BOOST_AUTO_TEST_CASE(a_record_found_by_seq_can_be_updated_in_place) {
    webhooks::delivery_journal journal{10};
    journal.add(attempt("a"));
    const auto seq = journal.add(attempt("b", "http://x/", "alice", attempt_status::in_flight));
    auto* record = journal.find(seq);
    BOOST_REQUIRE(record != nullptr);
    record->status = attempt_status::failed;
    BOOST_TEST(journal.count(with_status(attempt_status::failed)) == 1u);
    BOOST_TEST(journal.count(with_status(attempt_status::in_flight)) == 0u);
}

BOOST_AUTO_TEST_CASE(clearing_forgets_records_and_the_drop_count) {
    webhooks::delivery_journal journal{1};
    journal.add(attempt("a"));
    journal.add(attempt("b"));
    BOOST_REQUIRE(journal.dropped() == 1u);
    journal.clear();
    BOOST_TEST(journal.select({}).empty());
    BOOST_TEST(journal.dropped() == 0u);
    BOOST_TEST(journal.find(2) == nullptr);
}

BOOST_AUTO_TEST_CASE(filters_by_job_delivery_status_and_tenant) {
    webhooks::delivery_journal journal{10};
    journal.add(attempt("a", "http://r/", "alice", attempt_status::delivered));
    journal.add(attempt("b", "http://r/", "bob", attempt_status::failed));
    journal.add(attempt("a", "http://r/", "alice", attempt_status::failed));
    BOOST_TEST(journal.count(where(by_job, "a")) == 2u);
    BOOST_TEST(journal.count(where(by_job, "c")) == 0u);
    BOOST_TEST(journal.count(where(by_delivery, "d-b")) == 1u);
    BOOST_TEST(journal.count(with_status(attempt_status::failed)) == 2u);
    BOOST_TEST(journal.count(with_status(attempt_status::blocked)) == 0u);
    BOOST_TEST(journal.count(where(by_tenant, "bob")) == 1u);
    BOOST_TEST(journal.count(where(by_tenant, "bo")) == 0u); // tenants compare exactly
    auto failed_a = where(by_job, "a");
    failed_a.status = attempt_status::failed;
    BOOST_TEST(journal.count(failed_a) == 1u);
    BOOST_TEST(journal.count({}) == 3u);
}

BOOST_AUTO_TEST_CASE(the_receiver_filter_is_a_glob_on_the_whole_url) {
    webhooks::delivery_journal journal{10};
    journal.add(attempt("a", "http://127.0.0.1:9000/hooks/a"));
    journal.add(attempt("b", "https://hooks.example/eden?x=1"));
    journal.add(attempt("c", "http://127.0.0.1:9001/other"));
    BOOST_TEST(jobs(journal.select(where(by_receiver, "http://127.0.0.1:*"))) == (ids{"a", "c"}),
               boost::test_tools::per_element());
    BOOST_TEST(jobs(journal.select(where(by_receiver, "*/hooks/*"))) == (ids{"a"}),
               boost::test_tools::per_element());
    BOOST_TEST(jobs(journal.select(where(by_receiver, "https://hooks.example/eden\\?x=?"))) ==
                   (ids{"b"}),
               boost::test_tools::per_element());
    BOOST_TEST(journal.count(where(by_receiver, "hooks.example")) == 0u);
    BOOST_TEST(journal.count(where(by_receiver, "HTTP://*")) == 0u);
}

BOOST_AUTO_TEST_CASE(select_and_count_agree) {
    webhooks::delivery_journal journal{10};
    journal.add(attempt("a", "http://r/1", "alice", attempt_status::delivered));
    journal.add(attempt("b", "http://r/2", "bob", attempt_status::failed));
    journal.add(attempt("c", "http://s/3", "alice", attempt_status::failed));
    for (const journal_filter& filter : {journal_filter{},
                                         with_status(attempt_status::failed),
                                         where(by_receiver, "http://r/*"),
                                         where(by_tenant, "alice")}) {
        BOOST_TEST(journal.select(filter).size() == journal.count(filter));
    }
}

BOOST_AUTO_TEST_CASE(removing_a_tenant_keeps_the_others_and_the_drop_count) {
    webhooks::delivery_journal journal{3};
    journal.add(attempt("a0", "http://r/", "alice"));
    journal.add(attempt("b1", "http://r/", "bob"));
    journal.add(attempt("a2", "http://r/", "alice"));
    journal.add(attempt("b3", "http://r/", "bob"));
    BOOST_REQUIRE(journal.dropped() == 1u);
    BOOST_TEST(journal.remove_tenant("alice") == 1u);
    BOOST_TEST(journal.remove_tenant("carol") == 0u);
    BOOST_TEST(jobs(journal.select({})) == (ids{"b1", "b3"}), boost::test_tools::per_element());
    BOOST_TEST(journal.dropped() == 1u);
    BOOST_TEST(journal.add(attempt("a4", "http://r/", "alice")) == 5u);
}

BOOST_AUTO_TEST_CASE(records_left_after_removing_a_tenant_are_still_found_by_seq) {
    // A delivery of another tenant still in flight is completed through find(seq).
    webhooks::delivery_journal journal{10};
    journal.add(attempt("b1", "http://r/", "bob"));
    journal.add(attempt("a2", "http://r/", "alice"));
    journal.add(attempt("b3", "http://r/", "bob"));
    journal.remove_tenant("alice");
    BOOST_TEST(journal.find(2) == nullptr);
    BOOST_REQUIRE(journal.find(3) != nullptr);
    BOOST_TEST(journal.find(3)->job_id == "b3");
    BOOST_REQUIRE(journal.find(1) != nullptr);
    BOOST_TEST(journal.find(1)->job_id == "b1");
}

BOOST_AUTO_TEST_SUITE_END()
