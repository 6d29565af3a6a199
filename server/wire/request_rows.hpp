#pragma once

#include "server/observability/request_journal.hpp"
#include "server/storage/state_file.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::wire {

// The request journal in the state file (--state): chunks of consecutive records, cut as they
// come (storage::chunking) and rendered when written, each line with the journal's counters
// then; and a record of the counters written when a reset changes them with no line.

// A chunk's key: its number, zero-padded to 20 digits (keys sort by number).
std::string request_chunk_key(std::uint64_t chunk);

// The number a chunk's key names; nullopt for a key that is not one.
std::optional<std::uint64_t> request_chunk_number(std::string_view key);

// One journal record as a chunk's line: compact JSON, every member, the headers as
// [name, value] pairs (a name may come twice), then "dropped" and "first_kept" of the counters
// (read back from the newest line, whose seq + 1 is their next_seq).
std::string request_line(const observability::request_record& record,
                         const observability::journal_counters& after);

// A chunk's value: the records' lines, oldest first, with `now`, the journal's counters now
// (the newest line's are read as the journal's when no counters record is newer).
std::string requests_record(const std::vector<observability::request_record>& records,
                            const observability::journal_counters& now);

// The counters' record.
std::string request_counters_record(const observability::journal_counters& counters);

// The seqs a chunk holds.
struct seq_range {
    std::uint64_t first = 0;
    std::uint64_t last = 0;

    bool operator==(const seq_range&) const = default;
};

// The journal as the state file's records hold it.
struct saved_requests {
    std::vector<observability::request_record> records; // oldest first
    observability::journal_counters counters;  // the newest line's, or the record's if newer
    std::map<std::uint64_t, seq_range> chunks; // by number
    std::uint64_t next_chunk = 1;              // after every chunk's number
};

// Reads the journal's records; throws snapshot_error naming the record at fault.
saved_requests requests_of(const std::vector<storage::record>& records);

} // namespace emu::wire
