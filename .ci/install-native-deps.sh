#!/usr/bin/env bash
# Installs the system packages the build and tests need, only when missing (idempotent).
set -euo pipefail
need=()
command -v patchelf >/dev/null 2>&1 || need+=(patchelf)
command -v g++ >/dev/null 2>&1 || need+=(g++)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
