#include "fake_providers/ocr/ocr_generators.hpp"

#include "fake_providers/ocr/ocr_features.hpp"

#include <array>

namespace emu::fake {

namespace {

constexpr std::array ocr_async{
    provider_generator{"amazon", ocr::amazon_ocr_async},
    provider_generator{"google", ocr::google_ocr_async},
    provider_generator{"microsoft", ocr::microsoft_ocr_async},
    provider_generator{"mistral", ocr::mistral_ocr_async},
    provider_generator{"oneai", ocr::oneai_ocr_async},
};

constexpr std::array ocr_tables_async{
    provider_generator{"amazon", ocr::amazon_ocr_tables_async},
    provider_generator{"google", ocr::google_ocr_tables_async},
    provider_generator{"microsoft", ocr::microsoft_ocr_tables_async},
};

constexpr std::array custom_document_parsing_async{
    provider_generator{"amazon", ocr::amazon_custom_document_parsing_async},
    provider_generator{"extracta", ocr::extracta_custom_document_parsing_async},
};

constexpr std::array anonymization_async{
    provider_generator{"base64", ocr::base64_anonymization_async},
    provider_generator{"privateai", ocr::privateai_anonymization_async},
    provider_generator{"readyredact", ocr::readyredact_anonymization_async},
};

} // namespace

std::vector<generator_family> ocr_generator_families() {
    return {
        // Other providers read like Google Vision (0..1 confidences, lines and words).
        {.feature = "ocr/ocr_async", .specific = ocr_async, .generic = ocr::google_ocr_async},
        {.feature = "ocr/ocr_tables_async",
         .specific = ocr_tables_async,
         .generic = ocr::microsoft_ocr_tables_async},
        {.feature = "ocr/custom_document_parsing_async",
         .specific = custom_document_parsing_async,
         .generic = ocr::amazon_custom_document_parsing_async},
        {.feature = "ocr/anonymization_async",
         .specific = anonymization_async,
         .generic = ocr::base64_anonymization_async},
    };
}

} // namespace emu::fake
