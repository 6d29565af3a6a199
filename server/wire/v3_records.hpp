#pragma once

#include "server/features/v3_catalog.hpp"
#include "server/jobs/job.hpp"
#include "server/uploads/upload_store.hpp"
#include "server/wire/job_envelope.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace emu::wire {

// "0.012": a v3 cost as the decimal string Eden writes (at least 3 decimals, at most 6).
std::string format_cost(double cost);

// The v3 job object (UniversalAIAsyncResponse) in Eden's key order: public_id, status, cost,
// provider, feature, subfeature, output, error, model, created_at; original_response too when
// the launch asked for it.
boost::json::object render_v3_job(const jobs::job_snapshot& job,
                                  const features::v3_catalog& catalog,
                                  const result_context& context);

// The same as compact JSON text, byte for byte json_text::compact(render_v3_job(...)), a
// finished job's output and original_response taken from the cache when kept there.
std::string render_v3_job_text(const jobs::job_snapshot& job,
                               const features::v3_catalog& catalog,
                               const result_context& context,
                               result_cache& cache);

// One item of GET /v3/universal-ai/async: the job object without output, cost and error.
boost::json::object render_v3_job_item(const jobs::job_snapshot& job);

// The async_job_completed webhook body (Eden's v3 webhook page): event, job_id, status,
// feature, subfeature, provider, model, created_at, finished_at, then output (success) or error
// (fail), original_response when asked, user_parameters when set. Serialized canonically
// (sorted keys, 2-space indent), the form Eden hashes and signs.
std::string v3_webhook_body(const jobs::job_snapshot& job,
                            scheduling::instant finished_at,
                            const features::v3_catalog& catalog,
                            const result_context& context);

// An upload as UploadResponse / FileResponse: file_id, file_name, file_size, file_mimetype,
// purpose, metadata, created_at, expires_at.
boost::json::object render_upload(const uploads::upload& file);

// "2026-09-06T09:41:47.406169Z": v3's times.
std::string v3_time(scheduling::instant at);

} // namespace emu::wire
