#include "server/wire/job_envelope.hpp"

#include "server/wire/partial_result.hpp"

#include <boost/json/array.hpp>

namespace emu::wire {

namespace json = boost::json;

fake::generated_result generate_result(const jobs::job_snapshot& job,
                                       const jobs::provider_run& run,
                                       const result_context& context,
                                       bool original_response) {
    const auto generator = context.registry.find(job.feature->path, run.name);
    if (generator == nullptr) {
        return {};
    }
    const std::string public_id = job.id.to_string();
    const std::string resource_base = std::string{context.base_url} + "/_emulator/files/" +
                                      public_id + "/" + std::string{run.name};
    const fake::generation_request request{
        .feature = job.feature->path,
        .provider = run.name,
        .model = run.model,
        .job_id = public_id,
        .seed = context.seed,
        .params = job.input->params,
        .file = job.input->file ? &*job.input->file : nullptr,
        .resource_url_base = resource_base,
        .original_response = original_response,
    };
    auto result = generator(request);
    if (run.step != nullptr && run.step->partial) {
        keep_fraction(result.fields, *run.step->partial, result.media_field);
    }
    // A scenario's literal fields replace the generated ones (others stay generated).
    if (run.step != nullptr) {
        for (const auto& field : run.step->result) {
            result.fields[field.key()] = field.value();
        }
    }
    return result;
}

namespace {

// One provider's item: error, id, final_status, then the feature fields.
json::object render_provider(const jobs::job_snapshot& job,
                             const jobs::provider_run& run,
                             bool original_response,
                             bool base_64,
                             const result_context& context) {
    json::object item;
    if (run.status == jobs::provider_status::failed && run.step != nullptr) {
        item["error"] =
            json::object{{"type", run.step->error_type}, {"message", run.step->error_message}};
    } else {
        item["error"] = nullptr;
    }
    item["id"] = run.sub_id.to_string();
    item["final_status"] = scenario::to_string(run.status);
    if (run.status != jobs::provider_status::finished) {
        return item;
    }
    auto result = generate_result(job, run, context, original_response);
    for (auto& field : result.fields) {
        if (!base_64 && field.key() == result.media_field) {
            item[field.key()] = "";
        } else {
            item[field.key()] = std::move(field.value());
        }
    }
    if (original_response) {
        item["original_response"] = std::move(result.original_response);
    }
    return item;
}

} // namespace

json::object render_job(const jobs::job_snapshot& job,
                        const render_options& options,
                        const result_context& context) {
    const auto status = jobs::status_of(job);
    const bool original =
        options.show_original_response.value_or(job.input->show_original_response);
    const bool base_64 = options.show_base_64.value_or(job.input->show_base_64);
    const bool as_dict = options.response_as_dict.value_or(
        job.input->params.get_bool("response_as_dict").value_or(true));
    json::object envelope;
    envelope["public_id"] = job.id.to_string();
    envelope["status"] = jobs::to_string(status);
    if (status == jobs::job_status::failed) {
        envelope["error"] = jobs::job_error_message(job);
    } else {
        envelope["error"] = nullptr;
    }
    if (as_dict) {
        json::object results;
        for (const auto& run : job.providers) {
            results[run.name] = render_provider(job, run, original, base_64, context);
        }
        envelope["results"] = std::move(results);
    } else {
        json::array results;
        for (const auto& run : job.providers) {
            json::object item{{"provider", run.name}};
            for (auto& field : render_provider(job, run, original, base_64, context)) {
                item[field.key()] = std::move(field.value());
            }
            results.push_back(std::move(item));
        }
        envelope["results"] = std::move(results);
    }
    return envelope;
}

} // namespace emu::wire
