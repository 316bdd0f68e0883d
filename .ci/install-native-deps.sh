#!/usr/bin/env bash
# Installs the native tools the build needs on Debian/Ubuntu, only those missing (idempotent):
#   patchelf, g++    eng/TorchSharpNativeFix.targets (TorchSharp on Debian 12, see eng/torchsharp-debian12/README.md)
#   fonts-dejavu-core  fonts for rendered plots
#   python3          /usr/bin/python3 measures the tool's peak memory in tests (MemoryBudgetCliTests)
# Runs apt-get update at most once, and only when something is missing. Root, or sudo when available.
set -euo pipefail

missing=()
command -v patchelf >/dev/null 2>&1 || missing+=(patchelf)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
[ -x /usr/bin/python3 ] || missing+=(python3-minimal)
dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-native-deps: patchelf, g++, fonts-dejavu-core and python3 already present."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-native-deps: missing ${missing[*]} and apt-get is not available; install them by hand." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-native-deps: missing ${missing[*]}; run as root or install sudo." >&2
  exit 1
fi

echo "install-native-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
