# Shared by the wrk benchmarks, which source it: checks for wrk, makes the temporary folder
# $work (removed at exit, with the server $pid if it still runs), and starts and stops servers.
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
work="$(mktemp -d)"
pid=""
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
auth="Authorization: Bearer bench"

# Writes the wrk script $1 that POSTs the JSON body $2 (no single quotes in it).
json_post_script() {
    printf 'wrk.method = "POST"\nwrk.body = '"'"'%s'"'"'\nwrk.headers["Content-Type"] = "application/json"\n' \
        "$2" >"$1"
}

# Starts a server (the command after $1, the file its output goes to), waits for its whole
# "listening on" line, and sets pid and url.
start_server() {
    local log="$1"
    shift
    : >"$log" # emptied here: the child's redirection may come after the grep below
    "$@" >>"$log" 2>&1 &
    pid=$!
    until grep -q "listening on http://.*:[0-9]" "$log"; do sleep 0.02; done
    url="$(awk '/listening on/ {print $NF; exit}' "$log")"
}

# Stops the server started last.
stop_server() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
}
