# Fails unless the text of SOURCE appears verbatim in DOC: a page that shows an example file
# (built and run as a test) cannot drift from it. Run with cmake -DDOC=... -DSOURCE=... -P.
file(READ ${DOC} doc)
file(READ ${SOURCE} source)
string(FIND "${doc}" "${source}" found)
if(found EQUAL -1)
    message(FATAL_ERROR "${DOC} does not show ${SOURCE} as it is; copy the file into it")
endif()
