#include "server/wire/job_envelope.hpp"

#include "server/wire/json_writer.hpp"
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

// The display flags of a GET: the query's, else the launch's, else Eden's defaults.
struct display_flags {
    bool original = false;
    bool base_64 = true;
    bool as_dict = true;
};

display_flags display_of(const jobs::job_snapshot& job, const render_options& options) {
    return {
        .original = options.show_original_response.value_or(job.input->show_original_response),
        .base_64 = options.show_base_64.value_or(job.input->show_base_64),
        .as_dict = options.response_as_dict.value_or(
            job.input->params.get_bool("response_as_dict").value_or(true)),
    };
}

// Whether the text form can be put together item by item: a document merges members of the
// same name (two runs of one provider in the dict form, a literal "provider" field in the list
// form), which only render_job does.
bool items_stand_alone(const jobs::job_snapshot& job, bool as_dict) {
    for (std::size_t i = 0; i < job.providers.size(); ++i) {
        const auto& run = job.providers[i];
        if (as_dict) {
            for (std::size_t j = 0; j < i; ++j) {
                if (job.providers[j].name == run.name) {
                    return false;
                }
            }
        } else if (run.step != nullptr && run.step->result.contains("provider")) {
            return false;
        }
    }
    return true;
}

// A finished provider's item as compact text, from the cache when kept there.
std::shared_ptr<const std::string> finished_text(const jobs::job_snapshot& job,
                                                 std::uint32_t index,
                                                 const display_flags& flags,
                                                 const result_context& context,
                                                 result_cache& cache) {
    const auto key = finished_result_key(
        job, index, flags.original, flags.base_64, context, result_form::v2_item);
    if (auto kept = cache.find(key)) {
        return kept;
    }
    auto text = std::make_shared<const std::string>(json_text::compact(
        render_provider(job, job.providers[index], flags.original, flags.base_64, context)));
    cache.keep(key, job.input, text);
    return text;
}

} // namespace

json::object render_job(const jobs::job_snapshot& job,
                        const render_options& options,
                        const result_context& context) {
    const auto status = jobs::status_of(job);
    const auto [original, base_64, as_dict] = display_of(job, options);
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

result_key finished_result_key(const jobs::job_snapshot& job,
                               std::uint32_t provider,
                               bool original_response,
                               bool base_64,
                               const result_context& context,
                               result_form form) {
    return {.input = job.input.get(),
            .id = job.id,
            .provider = provider,
            .step = job.providers[provider].step,
            .original_response = original_response,
            .base_64 = base_64,
            .seed = context.seed,
            .base_url = context.base_url,
            .form = form};
}

std::string render_job_text(const jobs::job_snapshot& job,
                            const render_options& options,
                            const result_context& context,
                            result_cache& cache) {
    const auto flags = display_of(job, options);
    if (!items_stand_alone(job, flags.as_dict)) {
        return json_text::compact(render_job(job, options, context));
    }
    const auto status = jobs::status_of(job);
    std::string body;
    json_text::writer out{body};
    out.open_object().key("public_id").text(job.id.to_string());
    out.key("status").text(jobs::to_string(status)).key("error");
    if (status == jobs::job_status::failed) {
        out.text(jobs::job_error_message(job));
    } else {
        out.null();
    }
    out.key("results");
    flags.as_dict ? out.open_object() : out.open_array();
    for (std::uint32_t i = 0; i < job.providers.size(); ++i) {
        const auto& run = job.providers[i];
        // A finished item is kept; others (no generated fields) are cheap to render each time.
        std::shared_ptr<const std::string> kept;
        std::string fresh;
        if (run.status == jobs::provider_status::finished) {
            kept = finished_text(job, i, flags, context, cache);
        } else {
            fresh = json_text::compact(
                render_provider(job, run, flags.original, flags.base_64, context));
        }
        const std::string_view item = kept ? std::string_view{*kept} : std::string_view{fresh};
        if (flags.as_dict) {
            out.text(run.name);
            body.push_back(':');
            body.append(item);
        } else {
            // {"provider": name, then the item's members (its text after the opening brace).
            out.open_object().key("provider").text(run.name);
            body.push_back(',');
            body.append(item.substr(1));
        }
    }
    flags.as_dict ? out.close_object() : out.close_array();
    out.close_object();
    return body;
}

} // namespace emu::wire
