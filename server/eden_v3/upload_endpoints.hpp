#pragma once

#include "server/net/route_table.hpp"
#include "server/uploads/upload_store.hpp"

namespace emu::eden_v3 {

// Eden's v3 file routes: upload, list, delete all, delete some.
class upload_endpoints {
public:
    explicit upload_endpoints(uploads::upload_store& store);

    // POST /v3/upload (multipart: file, expires_in_days, purpose)
    net::answer upload(const net::route_call& call) const;

    // GET /v3/upload?purpose=&page=&limit=
    net::answer list(const net::route_call& call) const;

    // DELETE /v3/upload
    net::answer remove_all(const net::route_call& call) const;

    // POST /v3/upload/delete {"file_ids": [...]}
    net::answer remove(const net::route_call& call) const;

private:
    uploads::upload_store& store_;
};

} // namespace emu::eden_v3
