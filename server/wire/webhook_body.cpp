#include "server/wire/webhook_body.hpp"

#include "server/wire/json_writer.hpp"

#include <boost/json/parse.hpp>

namespace emu::wire {

std::string webhook_body(const jobs::job_snapshot& job, const result_context& context) {
    auto envelope = render_job(job, render_options{}, context);
    if (!job.input->send_webhook_data) {
        envelope.erase("results");
    }
    const auto& parameters = job.input->users_webhook_parameters;
    envelope["users_webhook_parameters"] =
        parameters.empty() ? boost::json::value{} : boost::json::parse(parameters);
    return json_text::indented(envelope);
}

} // namespace emu::wire
