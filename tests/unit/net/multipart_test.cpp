#include "server/net/media_type.hpp"
#include "server/net/multipart.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::net;

BOOST_AUTO_TEST_SUITE(multipart)

BOOST_AUTO_TEST_CASE(splits_fields_and_files) {
    const std::string body =
        "preamble\r\n--b\r\nContent-Disposition: form-data; name=\"providers\"\r\n\r\namazon\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.wav\"\r\n"
        "Content-Type: audio/wav\r\n\r\nRIFF\r\n--b\r\n\r\nx\r\n--b--\r\n";
    std::string error;
    const auto parts = parse_multipart(body, "b", error);
    BOOST_TEST_REQUIRE(!parts, "a part without a name is malformed");
    BOOST_TEST(error == "part without a Content-Disposition name");
}

BOOST_AUTO_TEST_CASE(reads_names_filenames_types_and_empty_values) {
    const std::string body =
        "--b\r\nContent-Disposition: form-data; name=\"providers\"\r\n\r\namazon\r\n"
        "--b\r\ncontent-disposition: form-data; name=\"file\"; filename=\"a b.wav\"\r\n"
        "Content-Type: audio/wav\r\n\r\nRI\r\nFF\r\n--b\r\n"
        "Content-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n--b--";
    std::string error;
    const auto parts = parse_multipart(body, "b", error);
    BOOST_TEST_REQUIRE(parts.has_value(), error);
    BOOST_TEST_REQUIRE(parts->size() == 3u);
    BOOST_TEST((*parts)[0].name == "providers");
    BOOST_TEST((*parts)[0].data == "amazon");
    BOOST_TEST(*(*parts)[1].filename == "a b.wav");
    BOOST_TEST((*parts)[1].content_type == "audio/wav");
    BOOST_TEST((*parts)[1].data == "RI\r\nFF");
    BOOST_TEST((*parts)[2].data.empty());
}

BOOST_AUTO_TEST_CASE(reports_what_is_malformed) {
    std::string error;
    BOOST_TEST(
        !parse_multipart("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv", "b", error));
    BOOST_TEST(error == "the body ends before the closing boundary");
    BOOST_TEST(!parse_multipart("nothing", "b", error));
    BOOST_TEST(error == "the body does not contain the boundary");
    BOOST_TEST(!parse_multipart(
        "--b\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nv\r\n--b--", "b", error));
    BOOST_TEST(error == "part has a Content-Disposition that is not form-data");
    BOOST_TEST(!parse_multipart("--b", "", error));
    BOOST_TEST(error == "the Content-Type has no usable boundary parameter");
    BOOST_TEST(!parse_multipart("--bX", "b", error));
    BOOST_TEST(error == "a boundary is not followed by CRLF");
}

BOOST_AUTO_TEST_CASE(header_values_unquote_parameters) {
    header_value value;
    BOOST_TEST_REQUIRE(parse_header_value("Multipart/Form-Data; Boundary=\"a;b\\\"c\"; x", value));
    BOOST_TEST(value.token == "multipart/form-data");
    BOOST_TEST(*value.param("boundary") == "a;b\"c");
    BOOST_TEST(!parse_header_value("form-data; name=\"unterminated", value));
}

BOOST_AUTO_TEST_SUITE_END()
