# shellcheck shell=bash
# Sourced by scripts/run.sh and scripts/with-edenmock.sh: the edenmock flags such a script sets
# by default are added only when its user sets them neither in the script's arguments nor
# through their EDENMOCK_* environment twins, so that `scripts/run.sh --port 18080` replaces the
# script's --port instead of repeating it (which edenmock refuses).

# True when ARGS set --NAME ("--NAME value" or "--NAME=value"), or the environment sets its twin
# (--scenarios-reload-ms: EDENMOCK_SCENARIOS_RELOAD_MS), which edenmock reads as well.
#   flag_given NAME ARGS...
flag_given() {
    local name="$1" arg twin
    shift
    twin="EDENMOCK_${name//-/_}"
    twin="${twin^^}"
    if [[ -n "${!twin+set}" ]]; then
        return 0
    fi
    for arg in "$@"; do
        if [[ "$arg" == "--$name" || "$arg" == "--$name="* ]]; then
            return 0
        fi
    done
    return 1
}

# Appends --NAME=VALUE to the array named ARRAY unless ARGS or the environment set --NAME.
#   add_default ARRAY NAME VALUE ARGS...
add_default() {
    local -n add_default_into="$1"
    local name="$2" value="$3"
    shift 3
    if ! flag_given "$name" "$@"; then
        add_default_into+=("--$name=$value")
    fi
}
