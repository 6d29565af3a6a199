#pragma once

#include "fake_providers/audio/transcript.hpp"
#include "fake_providers/generation.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace emu::fake {

// A provider's reading of the recording: the standardized text and one confidence per word.
struct heard_speech {
    const transcript& spoken;
    std::string text;
    std::vector<double> confidences;
};

// Builds a provider-native original_response for speech-to-text.
using native_stt_builder = boost::json::value (*)(const generation_request&, const heard_speech&);

// Provider-native result documents, small but shaped like each provider's real API output.
boost::json::value amazon_transcribe_response(const generation_request& request,
                                              const heard_speech& heard);
boost::json::value assembly_transcript_response(const generation_request& request,
                                                const heard_speech& heard);
boost::json::value deepgram_listen_response(const generation_request& request,
                                            const heard_speech& heard);
boost::json::value gladia_transcription_response(const generation_request& request,
                                                 const heard_speech& heard);
boost::json::value gradium_stream_response(const generation_request& request,
                                           const heard_speech& heard);
boost::json::value google_recognize_response(const generation_request& request,
                                             const heard_speech& heard);
boost::json::value microsoft_batch_response(const generation_request& request,
                                            const heard_speech& heard);
boost::json::value oneai_pipeline_response(const generation_request& request,
                                           const heard_speech& heard);
boost::json::value openai_whisper_response(const generation_request& request,
                                           const heard_speech& heard);
boost::json::value speechmatics_json_response(const generation_request& request,
                                              const heard_speech& heard);
boost::json::value symbl_messages_response(const generation_request& request,
                                           const heard_speech& heard);
boost::json::value voci_utterances_response(const generation_request& request,
                                            const heard_speech& heard);
boost::json::value voxist_transcription_response(const generation_request& request,
                                                 const heard_speech& heard);
boost::json::value generic_stt_response(const generation_request& request,
                                        const heard_speech& heard);

} // namespace emu::fake
