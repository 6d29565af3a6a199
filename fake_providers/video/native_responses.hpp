#pragma once

#include "fake_providers/generation.hpp"
#include "fake_providers/video/video_common.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>

// Building blocks of the providers' own result formats, for original_response.
namespace emu::fake::video {

// Amazon Rekognition's VideoMetadata block for the input video.
boost::json::object amazon_video_metadata(const generation_request& request, const timeline& clock);

// What Eden keeps of an Amazon Rekognition Get* job: the list of result pages (here one page)
// holding `items` under `items_key` and the model version under `version_key`.
boost::json::value amazon_job_pages(const generation_request& request,
                                    const timeline& clock,
                                    std::string_view items_key,
                                    boost::json::array items,
                                    std::string_view version_key,
                                    std::string_view version);

// A Google Video Intelligence AnnotateVideoResponse whose only annotation result holds
// `annotations` under `key`.
boost::json::value google_annotate_response(const generation_request& request,
                                            const timeline& clock,
                                            std::string_view key,
                                            boost::json::value annotations);

// {"startTimeOffset": "1.5s", "endTimeOffset": "3s"}
boost::json::object google_segment(double start, double end);

// Google's normalizedBoundingBox: {"left", "top", "right", "bottom"}.
boost::json::object google_box(const norm_box& box);

// Amazon's BoundingBox: {"Width", "Height", "Left", "Top"}.
boost::json::object amazon_box(const norm_box& box);

// A Knowledge Graph entity as Google reports it, with a stable made-up machine id.
boost::json::object google_entity(std::string_view description);

} // namespace emu::fake::video
