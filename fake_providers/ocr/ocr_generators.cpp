#include "fake_providers/ocr/ocr_generators.hpp"

#include "fake_providers/ocr/ocr_features.hpp"

namespace emu::fake {

void register_ocr_generators(registry& target) {
    target.add("ocr/ocr_async", "amazon", ocr::amazon_ocr_async);
    target.add("ocr/ocr_async", "google", ocr::google_ocr_async);
    target.add("ocr/ocr_async", "microsoft", ocr::microsoft_ocr_async);
    target.add("ocr/ocr_async", "mistral", ocr::mistral_ocr_async);
    target.add("ocr/ocr_async", "oneai", ocr::oneai_ocr_async);
    // Providers outside Eden's list read like Google Vision (0..1 confidences, lines and words).
    target.add("ocr/ocr_async", "*", ocr::google_ocr_async);

    target.add("ocr/ocr_tables_async", "amazon", ocr::amazon_ocr_tables_async);
    target.add("ocr/ocr_tables_async", "google", ocr::google_ocr_tables_async);
    target.add("ocr/ocr_tables_async", "microsoft", ocr::microsoft_ocr_tables_async);
    target.add("ocr/ocr_tables_async", "*", ocr::microsoft_ocr_tables_async);

    target.add(
        "ocr/custom_document_parsing_async", "amazon", ocr::amazon_custom_document_parsing_async);
    target.add("ocr/custom_document_parsing_async",
               "extracta",
               ocr::extracta_custom_document_parsing_async);
    target.add("ocr/custom_document_parsing_async", "*", ocr::amazon_custom_document_parsing_async);

    target.add("ocr/anonymization_async", "base64", ocr::base64_anonymization_async);
    target.add("ocr/anonymization_async", "privateai", ocr::privateai_anonymization_async);
    target.add("ocr/anonymization_async", "readyredact", ocr::readyredact_anonymization_async);
    target.add("ocr/anonymization_async", "*", ocr::base64_anonymization_async);
}

} // namespace emu::fake
