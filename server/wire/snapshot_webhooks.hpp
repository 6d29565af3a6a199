#pragma once

#include "server/webhooks/webhook_dispatcher.hpp"
#include "server/wire/json_reader.hpp"
#include "server/wire/snapshot_jobs.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace emu::wire {

// A webhook delivery as a snapshot keeps it: the job as it ended (scenario by key), the body
// once rendered, labels and counts, the attempts scheduled and those in flight (by journal seq).
boost::json::object delivery_document(const webhooks::webhook_dispatcher::saved_delivery& kept,
                                      plan_keys& plans);
webhooks::webhook_dispatcher::saved_delivery
read_delivery(const json_reader& in, const plan_map& plans, const std::string& tenant);

// One delivery journal record, every field kept (headers and body as sent).
boost::json::object attempt_document(const webhooks::attempt_record& record);
webhooks::attempt_record read_attempt(const json_reader& in, const std::string& tenant);

} // namespace emu::wire
