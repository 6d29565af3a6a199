#include "server/webhooks/webhook_payload.hpp"

#include "server/json/json_writer.hpp"

#include <boost/json/parse.hpp>

namespace emu::webhooks {

std::string webhook_body(const jobs::job_snapshot& job, const api::result_context& context) {
    api::render_options options;
    // Text-to-speech also takes response_as_dict at launch, as the GET does.
    options.response_as_dict = job.input->params.get_bool("response_as_dict").value_or(true);
    auto envelope = api::render_job(job, options, context);
    if (!job.input->send_webhook_data) {
        envelope.erase("results");
    }
    const auto& parameters = job.input->users_webhook_parameters;
    envelope["users_webhook_parameters"] =
        parameters.empty() ? boost::json::value{} : boost::json::parse(parameters);
    return json_text::indented(envelope);
}

} // namespace emu::webhooks
