#include "server/wire/v3_records.hpp"

#include "server/jobs/job_cost.hpp"
#include "server/support/iso_time.hpp"
#include "server/wire/json_writer.hpp"

#include <boost/json/parse.hpp>

#include <cstdio>

namespace emu::wire {

namespace json = boost::json;

namespace {

// The feature and subfeature of a v3 job's path ("ocr/ocr_async").
std::pair<std::string_view, std::string_view> split_path(std::string_view path) {
    const auto slash = path.find('/');
    return {path.substr(0, slash), path.substr(slash + 1)};
}

json::value model_of(const jobs::provider_run& run) {
    return run.model.empty() ? json::value{} : json::value(json::string{run.model});
}

// The error object of a failed job: the job failure's, else the failed provider's message.
json::object error_of(const jobs::job_snapshot& job, const jobs::provider_run& serving) {
    if (!job.failed_as_job && serving.step != nullptr) {
        return {{"message", serving.step->error_message}};
    }
    return {{"message", jobs::job_error_message(job)}};
}

// What the serving provider produced: its output, and its original_response when asked.
struct produced {
    json::value output;
    json::value original_response;
};

produced produce(const jobs::job_snapshot& job,
                 const jobs::provider_run& serving,
                 const result_context& context) {
    const bool original = job.input->show_original_response;
    auto result = generate_result(job, serving, context, original);
    // v3 results carry media only as links: Eden's samples leave the base64 field empty.
    if (!result.media_field.empty()) {
        if (auto* media = result.fields.if_contains(result.media_field)) {
            *media = "";
        }
    }
    return {std::move(result.fields), std::move(result.original_response)};
}

// The cost a finished job shows: its model's price for its input ("0.000" for a model the
// catalog does not price).
std::string finished_cost(const jobs::job_snapshot& job,
                          const features::v3_catalog& catalog,
                          const jobs::provider_run& serving) {
    const auto* model = catalog.subfeature_of(*job.feature).find_model(serving.name, serving.model);
    return model != nullptr ? format_cost(jobs::v3_cost(job, *model)) : "0.000";
}

} // namespace

std::string format_cost(double cost) {
    char text[64];
    std::snprintf(text, sizeof text, "%.6f", cost < 0 ? 0.0 : cost);
    std::string shown{text};
    const auto point = shown.find('.');
    while (shown.size() > point + 4 && shown.back() == '0') {
        shown.pop_back();
    }
    return shown;
}

std::string v3_time(scheduling::instant at) {
    return support::format_utc(at);
}

json::object render_v3_job(const jobs::job_snapshot& job,
                           const features::v3_catalog& catalog,
                           const result_context& context) {
    const auto status = jobs::status_of(job);
    const auto& serving = *jobs::serving_provider(job.providers, job.feature->api);
    const auto [feature, subfeature] = split_path(job.feature->path);
    json::object record;
    record["public_id"] = job.id.to_string();
    record["status"] = jobs::v3_job_status_names(status);
    record["cost"] = "0.000";
    record["provider"] = serving.name;
    record["feature"] = feature;
    record["subfeature"] = subfeature;
    record["output"] = nullptr;
    record["error"] = nullptr;
    record["model"] = model_of(serving);
    record["created_at"] = v3_time(job.created_at);
    if (status == jobs::job_status::finished) {
        record["cost"] = finished_cost(job, catalog, serving);
        auto made = produce(job, serving, context);
        record["output"] = std::move(made.output);
        if (job.input->show_original_response) {
            record["original_response"] = std::move(made.original_response);
        }
    } else if (status == jobs::job_status::failed) {
        record["error"] = error_of(job, serving);
    }
    return record;
}

std::string render_v3_job_text(const jobs::job_snapshot& job,
                               const features::v3_catalog& catalog,
                               const result_context& context,
                               result_cache& cache) {
    const auto status = jobs::status_of(job);
    if (status != jobs::job_status::finished) {
        return json_text::compact(render_v3_job(job, catalog, context)); // nothing generated
    }
    const auto& serving = *jobs::serving_provider(job.providers, job.feature->api);
    const bool original = job.input->show_original_response;
    const auto provider = static_cast<std::uint32_t>(&serving - job.providers.data());
    const auto key =
        finished_result_key(job, provider, original, false, context, result_form::v3_output);
    auto output = cache.find(key);
    auto original_key = key;
    original_key.form = result_form::v3_original_response;
    auto original_text = original ? cache.find(original_key) : nullptr;
    if (!output || (original && !original_text)) {
        const auto made = produce(job, serving, context);
        output = std::make_shared<const std::string>(json_text::compact(made.output));
        cache.keep(key, job.input, output);
        if (original) {
            original_text =
                std::make_shared<const std::string>(json_text::compact(made.original_response));
            cache.keep(original_key, job.input, original_text);
        }
    }
    const auto [feature, subfeature] = split_path(job.feature->path);
    std::string body;
    json_text::writer out{body};
    out.open_object().key("public_id").text(job.id.to_string());
    out.key("status")
        .text(jobs::v3_job_status_names(status))
        .key("cost")
        .text(finished_cost(job, catalog, serving));
    out.key("provider").text(serving.name).key("feature").text(feature);
    out.key("subfeature").text(subfeature).key("output");
    body.append(*output);
    out.key("error").null().key("model");
    serving.model.empty() ? out.null() : out.text(serving.model);
    out.key("created_at").text(v3_time(job.created_at));
    if (original) {
        out.key("original_response");
        body.append(*original_text);
    }
    out.close_object();
    return body;
}

json::object render_v3_job_item(const jobs::job_snapshot& job) {
    const auto& serving = *jobs::serving_provider(job.providers, job.feature->api);
    const auto [feature, subfeature] = split_path(job.feature->path);
    return {{"public_id", job.id.to_string()},
            {"status", jobs::v3_job_status_names(jobs::status_of(job))},
            {"feature", feature},
            {"subfeature", subfeature},
            {"provider", serving.name},
            {"model", model_of(serving)},
            {"created_at", v3_time(job.created_at)}};
}

std::string v3_webhook_body(const jobs::job_snapshot& job,
                            scheduling::instant finished_at,
                            const features::v3_catalog& catalog,
                            const result_context& context) {
    const auto record = render_v3_job(job, catalog, context);
    json::object body;
    body["event"] = "async_job_completed";
    body["job_id"] = record.at("public_id");
    for (const auto* key : {"status", "feature", "subfeature", "provider", "model", "created_at"}) {
        body[key] = record.at(key);
    }
    body["finished_at"] = v3_time(finished_at);
    if (jobs::status_of(job) == jobs::job_status::finished) {
        body["output"] = record.at("output");
    } else {
        body["error"] = record.at("error");
    }
    if (const auto* original = record.if_contains("original_response")) {
        body["original_response"] = *original;
    }
    if (!job.input->users_webhook_parameters.empty()) {
        body["user_parameters"] = json::parse(job.input->users_webhook_parameters);
    }
    return json_text::canonical(body);
}

json::object render_upload(const uploads::upload& file) {
    json::object metadata;
    if (file.file.page_count) {
        metadata["page_count"] = *file.file.page_count;
    }
    return {{"file_id", file.id},
            {"file_name", file.file.name},
            {"file_size", file.file.size},
            {"file_mimetype", file.mimetype},
            {"purpose", file.purpose},
            {"metadata", std::move(metadata)},
            {"created_at", v3_time(file.created_at)},
            {"expires_at", v3_time(file.expires_at)}};
}

} // namespace emu::wire
