#include "server/features/feature_table.hpp"

#include <algorithm>
#include <array>

namespace emu::features {
namespace {

using sv = std::string_view;
using enum param_type;

// Providers per feature, from get_result.providers_in_schema of Eden's OpenAPI document.
constexpr std::array<sv, 13> stt_providers{"amazon",
                                           "assembly",
                                           "deepgram",
                                           "faker",
                                           "gladia",
                                           "google",
                                           "microsoft",
                                           "oneai",
                                           "openai",
                                           "speechmatics",
                                           "symbl",
                                           "voci",
                                           "voxist"};
constexpr std::array<sv, 2> tts_providers{"amazon", "lovoai"};
constexpr std::array<sv, 1> nyckel{"nyckel"};
constexpr std::array<sv, 3> anonymization_providers{"base64", "privateai", "readyredact"};
constexpr std::array<sv, 2> custom_parsing_providers{"amazon", "extracta"};
constexpr std::array<sv, 5> ocr_providers{"amazon", "google", "microsoft", "mistral", "oneai"};
constexpr std::array<sv, 3> ocr_tables_providers{"amazon", "google", "microsoft"};
constexpr std::array<sv, 1> sightengine{"sightengine"};
constexpr std::array<sv, 2> amazon_google{"amazon", "google"};
constexpr std::array<sv, 6> generation_providers{
    "amazon", "bytedance", "google", "microsoft", "minimax", "openai"};
constexpr std::array<sv, 2> logo_providers{"google", "twelvelabs"};
constexpr std::array<sv, 1> google_only{"google"};
constexpr std::array<sv, 3> text_detection_providers{"amazon", "google", "twelvelabs"};

constexpr std::array<sv, 3> tts_options{"FEMALE", "MALE", ""};
constexpr std::array<sv, 2> data_types{"TRAINING", "TEST"};

constexpr std::array stt_params{
    param_spec{.name = "provider_params", .type = json},
    param_spec{.name = "language", .nullable = true},
    param_spec{.name = "speakers", .type = integer, .nullable = true},
    param_spec{.name = "profanity_filter", .type = boolean, .nullable = true},
    param_spec{.name = "custom_vocabulary"},
    param_spec{.name = "convert_to_wav", .type = boolean, .nullable = true},
};

constexpr std::array tts_params{
    param_spec{.name = "response_as_dict", .type = boolean},
    param_spec{.name = "attributes_as_list", .type = boolean},
    param_spec{.name = "text", .required = true, .min_length = 1},
    param_spec{.name = "language", .nullable = true},
    param_spec{.name = "option", .type = choice, .choices = tts_options},
    param_spec{.name = "rate", .type = integer, .nullable = true, .minimum = -100, .maximum = 100},
    param_spec{.name = "pitch", .type = integer, .nullable = true, .minimum = -100, .maximum = 100},
    param_spec{
        .name = "volume", .type = integer, .nullable = true, .minimum = -100, .maximum = 100},
    param_spec{.name = "audio_format", .nullable = true},
    param_spec{.name = "sampling_rate",
               .type = integer,
               .nullable = true,
               .minimum = 0,
               .maximum = 200000},
};

constexpr param_spec project_id{
    .name = "project_id", .required = true, .min_length = 1, .max_length = 250};
constexpr std::array automl_predict_params{project_id};
constexpr std::array automl_train_params{project_id};
constexpr std::array automl_upload_params{
    project_id,
    param_spec{.name = "label", .required = true, .min_length = 1, .max_length = 200},
    param_spec{.name = "type_of_data", .type = choice, .required = true, .choices = data_types},
};

constexpr param_spec file_password{.name = "file_password", .nullable = true, .max_length = 200};
constexpr std::array anonymization_params{param_spec{.name = "provider_params", .type = json},
                                          file_password};
constexpr std::array custom_parsing_params{
    file_password,
    param_spec{.name = "queries", .required = true, .min_length = 1},
    param_spec{.name = "convert_to_pdf", .type = boolean, .nullable = true},
};
constexpr std::array ocr_params{file_password};
constexpr std::array ocr_tables_params{file_password,
                                       param_spec{.name = "language", .nullable = true}};

constexpr std::array generation_params{
    param_spec{.name = "text", .required = true, .min_length = 1},
    param_spec{.name = "duration", .type = integer, .minimum = 1},
    param_spec{.name = "fps", .type = integer, .minimum = 1},
    param_spec{.name = "dimension", .min_length = 1},
    param_spec{.name = "seed", .type = integer},
};
constexpr std::array question_answer_params{
    param_spec{.name = "temperature", .type = number, .minimum = 0, .maximum = 1},
    param_spec{.name = "max_tokens", .type = integer, .minimum = 1, .maximum = 3000000},
    param_spec{.name = "text", .required = true, .min_length = 1},
};

constexpr sv video_extensions = "mov|mp4|avi";
constexpr sv image_extensions = "jpg|jpeg|png|tiff";

// Video analysis features share one shape: a required video input and no extra parameters.
constexpr feature_spec video_feature(sv path, std::span<const sv> providers) {
    return {.path = path, .file_extensions = video_extensions, .providers = providers};
}

constexpr std::array table{
    feature_spec{
        .path = "audio/speech_to_text_async", .providers = stt_providers, .params = stt_params},
    feature_spec{.path = "audio/text_to_speech_async",
                 .input = input_need::none,
                 .providers = tts_providers,
                 .params = tts_params},
    feature_spec{.path = "image/automl_classification/predict_async",
                 .deletable = false,
                 .file_extensions = image_extensions,
                 .providers = nyckel,
                 .params = automl_predict_params},
    feature_spec{.path = "image/automl_classification/train_async",
                 .deletable = false,
                 .input = input_need::none,
                 .providers = nyckel,
                 .params = automl_train_params},
    feature_spec{.path = "image/automl_classification/upload_data_async",
                 .deletable = false,
                 .file_extensions = image_extensions,
                 .providers = nyckel,
                 .params = automl_upload_params},
    feature_spec{.path = "ocr/anonymization_async",
                 .providers = anonymization_providers,
                 .params = anonymization_params},
    feature_spec{.path = "ocr/custom_document_parsing_async",
                 .providers = custom_parsing_providers,
                 .params = custom_parsing_params},
    feature_spec{.path = "ocr/ocr_async", .providers = ocr_providers, .params = ocr_params},
    feature_spec{.path = "ocr/ocr_tables_async",
                 .providers = ocr_tables_providers,
                 .params = ocr_tables_params},
    video_feature("video/deepfake_detection_async", sightengine),
    video_feature("video/explicit_content_detection_async", amazon_google),
    video_feature("video/face_detection_async", amazon_google),
    feature_spec{.path = "video/generation_async",
                 .input = input_need::optional,
                 .file_extensions = "png|jpg",
                 .providers = generation_providers,
                 .params = generation_params},
    video_feature("video/label_detection_async", amazon_google),
    video_feature("video/logo_detection_async", logo_providers),
    video_feature("video/object_tracking_async", google_only),
    video_feature("video/person_tracking_async", amazon_google),
    feature_spec{.path = "video/question_answer_async",
                 .file_extensions = "mp4|mpeg|mov|avi|x-flx|mpg|webm|wmv|3gpp",
                 .providers = google_only,
                 .params = question_answer_params},
    video_feature("video/shot_change_detection_async", google_only),
    video_feature("video/text_detection_async", text_detection_providers),
};

} // namespace

std::span<const feature_spec> all_features() {
    return table;
}

const feature_spec* find_feature(std::string_view path) {
    const auto it = std::find_if(
        table.begin(), table.end(), [&](const feature_spec& f) { return f.path == path; });
    return it == table.end() ? nullptr : &*it;
}

} // namespace emu::features
