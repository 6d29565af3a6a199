#pragma once

#include "fake_providers/generation.hpp"

// video/generation_async: the providers with a character of their own, each in its own file
// (generation_<provider>.cpp); generation.cpp lists them in the feature's family. All three are
// Eden v3 providers: Eden's v2 API does not offer them.
namespace emu::fake::video {

// PixVerse: quality tiers and aspect ratios, credits, a <uuid>_seed<seed>.mp4 file.
generated_result pixverse_video(const generation_request& request);

// Pruna P-Video: 720p or 1080p, a prediction with a generation_url to output.mp4.
generated_result pruna_video(const generation_request& request);

// xAI Grok Imagine: 480p or 720p, cost in USD ticks, an xai-video-<id>.mp4 file.
generated_result xai_video(const generation_request& request);

} // namespace emu::fake::video
