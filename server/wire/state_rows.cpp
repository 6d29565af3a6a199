#include "server/wire/state_rows.hpp"

#include "server/wire/json_writer.hpp"
#include "server/wire/snapshot_document.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <map>

namespace emu::wire {
namespace {

namespace json = boost::json;

json::object parse_record(const storage::record& record) {
    boost::system::error_code ec;
    auto value = json::parse(record.value, ec);
    if (ec || !value.is_object()) {
        throw snapshot_error{"state record " + record.kind + " \"" + record.key +
                             "\": not a JSON object"};
    }
    return std::move(value.as_object());
}

// The scenarios of every record under one "plans": a record's key is kept unless another
// record used it for a different scenario, which then gets "#2", "#3"...
class plan_merger {
public:
    // Adds the record's plans; returns how its keys are renamed.
    std::map<std::string, std::string> add(const json::object& plans) {
        std::map<std::string, std::string> renamed;
        for (const auto& [key, document] : plans) {
            std::string chosen{key};
            for (int copy = 2;; ++copy) {
                const auto found = merged_.find(chosen);
                if (found == merged_.end()) {
                    merged_.emplace(chosen, document);
                    break;
                }
                if (found->second == document) {
                    break;
                }
                chosen = std::string{key} + "#" + std::to_string(copy);
            }
            renamed.emplace(std::string{key}, chosen);
        }
        return renamed;
    }

    json::object plans() const {
        json::object result;
        for (const auto& [key, document] : merged_) {
            result[key] = document;
        }
        return result;
    }

private:
    std::map<std::string, json::value> merged_;
};

// Points a job document's "scenario" at its merged key.
void rename_plan(json::value& job, const std::map<std::string, std::string>& renamed) {
    if (auto* scenario = job.as_object().if_contains("scenario");
        scenario && scenario->is_string()) {
        if (const auto found = renamed.find(std::string{scenario->get_string()});
            found != renamed.end()) {
            *scenario = found->second;
        }
    }
}

// The object at tenants[key], made an empty one if it is not an object yet.
json::object& part_of(json::object& tenants, std::string_view key) {
    auto& part = tenants[key];
    if (!part.is_object()) {
        part = json::object{};
    }
    return part.as_object();
}

json::object plans_of(const json::object& record) {
    const auto* plans = record.if_contains("plans");
    return plans != nullptr && plans->is_object() ? plans->get_object() : json::object{};
}

} // namespace

std::string job_key(std::string_view tenant, const jobs::job_id& id) {
    return std::string{tenant} + '\n' + id.to_string();
}

std::optional<std::pair<std::string, jobs::job_id>> parse_job_key(std::string_view key) {
    const auto split = key.rfind('\n');
    if (split == std::string_view::npos) {
        return std::nullopt;
    }
    const auto id = jobs::job_id::parse(key.substr(split + 1));
    if (!id) {
        return std::nullopt;
    }
    return std::pair{std::string{key.substr(0, split)}, *id};
}

std::string job_record(const jobs::job& j, std::uint64_t ids_drawn) {
    std::string text;
    text.reserve(1536);
    json_text::writer out{text};
    out.open_object().key("launch_seq").number(j.launch_seq).key("ids_drawn").number(ids_drawn);
    plan_keys plans;
    out.key("job");
    write_job(out, j, plans);
    out.key("plans");
    plans.write_documents(out);
    out.close_object();
    return text;
}

std::string tenant_record(const engine::tenant_state& part) {
    engine::tenant_state own;
    own.tenant = part.tenant;
    own.now = part.now;
    own.jobs.ids_drawn = part.jobs.ids_drawn;
    own.uploads = part.uploads;
    own.fault_counts = part.fault_counts;
    own.scenarios = part.scenarios;
    plan_keys plans;
    return json_text::compact(tenant_part_document(own, plans));
}

std::string webhooks_record(const engine::tenant_state& part) {
    plan_keys plans;
    auto webhooks = webhooks_part_document(part, plans);
    return json_text::compact(
        json::object{{"webhooks", std::move(webhooks)}, {"plans", plans.documents()}});
}

std::string global_record(const engine::emulator_state& state,
                          const std::vector<std::pair<std::string, scheduling::duration>>& ahead) {
    auto document = snapshot_document(state).as_object();
    json::object offsets;
    for (const auto& [tenant, by] : ahead) {
        offsets[tenant] = by.count();
    }
    document["offsets_us"] = std::move(offsets);
    return json_text::compact(document);
}

std::optional<std::uint64_t> seed_of(const std::vector<storage::record>& records) {
    for (const auto& record : records) {
        if (record.kind == state_kind::global) {
            const auto document = parse_record(record);
            const auto* seed = document.if_contains("seed");
            if (seed != nullptr && seed->is_uint64()) {
                return seed->get_uint64();
            }
            if (seed != nullptr && seed->is_int64() && seed->get_int64() >= 0) {
                return static_cast<std::uint64_t>(seed->get_int64());
            }
        }
    }
    return std::nullopt;
}

json::value document_of(const std::vector<storage::record>& records,
                        std::optional<scheduling::instant> now) {
    std::optional<json::object> document;
    json::object tenants;
    std::map<std::string, std::vector<std::pair<std::uint64_t, json::value>>> jobs;
    std::map<std::string, std::uint64_t> ids_drawn; // the highest counter a job record kept
    plan_merger plans;
    for (const auto& record : records) {
        if (record.kind != state_kind::global && record.kind != state_kind::tenant &&
            record.kind != state_kind::job && record.kind != state_kind::webhooks) {
            continue; // not part of the snapshot (the webhook key)
        }
        auto parsed = parse_record(record);
        if (record.kind == state_kind::global) {
            document = std::move(parsed);
        } else if (record.kind == state_kind::tenant) {
            auto& own = part_of(tenants, record.key);
            for (auto& [member, value] : parsed) {
                own[member] = std::move(value);
            }
        } else if (record.kind == state_kind::job) {
            const auto key = parse_job_key(record.key);
            auto* job = parsed.if_contains("job");
            const auto* seq = parsed.if_contains("launch_seq");
            if (!key || job == nullptr || !job->is_object() || seq == nullptr ||
                !seq->is_number()) {
                throw snapshot_error{"state record job \"" + record.key + "\": malformed"};
            }
            rename_plan(*job, plans.add(plans_of(parsed)));
            jobs[key->first].emplace_back(seq->to_number<std::uint64_t>(), std::move(*job));
            if (const auto* drawn = parsed.if_contains("ids_drawn"); drawn && drawn->is_number()) {
                auto& most = ids_drawn[key->first];
                most = std::max(most, drawn->to_number<std::uint64_t>());
            }
        } else if (record.kind == state_kind::webhooks) {
            const auto renamed = plans.add(plans_of(parsed));
            auto* webhooks = parsed.if_contains("webhooks");
            if (webhooks == nullptr || !webhooks->is_object()) {
                throw snapshot_error{"state record webhooks \"" + record.key + "\": malformed"};
            }
            if (auto* deliveries = webhooks->as_object().if_contains("deliveries");
                deliveries && deliveries->is_array()) {
                for (auto& delivery : deliveries->as_array()) {
                    if (auto* job = delivery.is_object() ? delivery.as_object().if_contains("job")
                                                         : nullptr;
                        job && job->is_object()) {
                        rename_plan(*job, renamed);
                    }
                }
            }
            part_of(tenants, record.key)["webhooks"] = std::move(*webhooks);
        }
    }
    if (!document) {
        throw snapshot_error{"the state file has no emulator record (kind \"global\")"};
    }
    json::object offsets;
    if (auto* saved = document->if_contains("offsets_us"); saved && saved->is_object()) {
        offsets = saved->as_object();
    }
    document->erase("offsets_us");
    auto& clock = (*document)["clock"].as_object();
    if (now) {
        clock["now"] = time_value(*now);
    }
    const auto base = support::parse_iso8601(clock["now"].as_string());
    if (!base) {
        throw snapshot_error{"the state file's emulator record has no clock time"};
    }
    for (const auto& [tenant, owned] : jobs) {
        part_of(tenants, tenant);
    }
    for (auto& [key, part] : tenants) {
        auto& own = part.as_object();
        const std::string tenant{key};
        // A tenant known only by its jobs or deliveries: nothing else of it was saved.
        for (const auto* member : {"job_ids_drawn", "uploads", "fault_counts", "scenarios"}) {
            if (!own.contains(member)) {
                own[member] = std::string_view{member} == "job_ids_drawn" ? json::value(0)
                              : std::string_view{member} == "fault_counts"
                                  ? json::value(json::object{})
                                  : json::value(json::array{});
            }
        }
        if (!own.contains("webhooks")) {
            own["webhooks"] =
                json::object{{"deliveries", json::array{}}, {"journal", json::array{}}};
        }
        const auto* ahead = offsets.if_contains(tenant);
        const auto offset = ahead != nullptr && ahead->is_int64()
                                ? scheduling::duration{ahead->get_int64()}
                                : scheduling::duration{};
        own["now"] = time_value(*base + offset);
        if (const auto drawn = ids_drawn.find(tenant); drawn != ids_drawn.end()) {
            const auto* saved = own.if_contains("job_ids_drawn");
            const auto kept = saved != nullptr && saved->is_number()
                                  ? saved->to_number<std::uint64_t>()
                                  : std::uint64_t{0};
            own["job_ids_drawn"] = std::max(kept, drawn->second);
        }
        json::array listed;
        if (auto found = jobs.find(tenant); found != jobs.end()) {
            std::sort(found->second.begin(), found->second.end(), [](const auto& a, const auto& b) {
                return a.first < b.first;
            });
            for (auto& [seq, job] : found->second) {
                listed.push_back(std::move(job));
            }
        }
        own["jobs"] = std::move(listed);
    }
    (*document)["plans"] = plans.plans();
    (*document)["tenants"] = std::move(tenants);
    return std::move(*document);
}

} // namespace emu::wire
