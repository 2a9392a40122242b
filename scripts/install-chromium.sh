#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests (/usr/bin/chromium,
# /usr/bin/chromedriver) when they are missing. Idempotent; needs root.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n1) already installed"
  exit 0
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q chromium chromium-driver
echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n1) installed"
