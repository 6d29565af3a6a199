#define BOOST_TEST_MODULE fake_providers
#include <boost/test/unit_test.hpp>
