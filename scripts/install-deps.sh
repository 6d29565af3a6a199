#!/usr/bin/env bash
# Installs what building and testing edenmock needs on Debian 12, and nothing when all of it is
# already there (one dpkg query, no network).
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    libboost1.81-all-dev libssl-dev libsqlite3-dev libvalijson-dev
    python3 python3-requests python3-cryptography
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
