#pragma once

#include "fake_providers/generation.hpp"

// The ocr feature generators, one group per feature file; ocr_generators.cpp makes them families.
namespace emu::fake::ocr {

// ocr/ocr_async: text, lines and words with boxes (amazon, google, microsoft), markdown text
// (mistral) or plain text only (oneai).
generated_result amazon_ocr_async(const generation_request& request);
generated_result google_ocr_async(const generation_request& request);
generated_result microsoft_ocr_async(const generation_request& request);
generated_result mistral_ocr_async(const generation_request& request);
generated_result oneai_ocr_async(const generation_request& request);

// ocr/ocr_tables_async: tables per page with cells on a consistent grid.
generated_result amazon_ocr_tables_async(const generation_request& request);
generated_result google_ocr_tables_async(const generation_request& request);
generated_result microsoft_ocr_tables_async(const generation_request& request);

// ocr/custom_document_parsing_async: one answer per query of the `queries` parameter.
generated_result amazon_custom_document_parsing_async(const generation_request& request);
generated_result extracta_custom_document_parsing_async(const generation_request& request);

// ocr/anonymization_async: a real PDF with the personal data masked.
generated_result base64_anonymization_async(const generation_request& request);
generated_result privateai_anonymization_async(const generation_request& request);
generated_result readyredact_anonymization_async(const generation_request& request);

} // namespace emu::fake::ocr
