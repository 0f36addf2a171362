#!/usr/bin/env bash
# Prepares the parts of the container image that a base image would normally bring: no container registry is
# reachable from the build machines, so the image starts FROM scratch and gets
#   /opt/java   a Java runtime made by jlink from the JDK that runs the build, and
#   /lib*, ... the shared libraries that runtime loads (glibc, libstdc++, zlib), copied from this machine to the
#               same paths, so that the dynamic loader finds them as it does here.
# Usage: prepare-runtime.sh JDK_HOME OUTPUT_DIR
# OUTPUT_DIR is rebuilt only when the JDK, the module list or this script changed (OUTPUT_DIR.prepared-by, beside
# it so that it stays out of the image, records them).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 JDK_HOME OUTPUT_DIR" >&2
  exit 2
fi
jdk=$1
out=$2

# What the shaded jar needs (jdeps --print-module-deps, reviewed) plus what is loaded by name at run time:
#   java.desktop     java.beans for Micronaut's router, Thymeleaf/OGNL, Jackson and SnakeYAML (no AWT is used)
#   java.net.http    fabric8's JDK HTTP client
#   java.sql         Jackson and fabric8 date types, Thymeleaf
#   java.security.jgss  Jetty client's SPNEGO classes
#   jdk.crypto.ec    EC keys and ECDHE for TLS (listeners, backend TLS, the API server)
#   jdk.unsupported  sun.misc.Unsafe for Netty and Jackson
#   jdk.jfr          Netty and Micronaut event classes
#   jdk.management   container-aware OperatingSystemMXBean
#   jdk.zipfs        reading resources out of the jar as a file system
#   jdk.charsets     request bodies in non-standard charsets
#   java.naming, java.management, java.logging, java.xml  logback, JMX, JUL bridge
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.unsupported,jdk.zipfs
# Native libraries of java.desktop for a screen, sound, fonts and images: a headless server never loads them, and
# they would pull X11, ALSA, FreeType and image codecs into the image.
excluded='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so,**/libfontmanager.so,**/libjavajpeg.so,**/liblcms.so'

if [[ ! -x "$jdk/bin/jlink" || ! -d "$jdk/jmods" ]]; then
  echo "prepare-runtime: $jdk is not a full JDK (bin/jlink and jmods/ are needed to build the image's Java runtime)" >&2
  exit 1
fi

stamp="$out.prepared-by"
wanted="$(cat "$jdk/release") modules=$modules excluded=$excluded script=$(sha256sum "$0" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
  echo "prepare-runtime: $out is up to date"
  exit 0
fi

rm -rf "$out" "$stamp"
mkdir -p "$out/opt"
"$jdk/bin/jlink" --add-modules "$modules" --exclude-files="$excluded" \
  --strip-debug --no-header-files --no-man-pages --output "$out/opt/java"

# Every ELF file of the runtime, then every library the loader resolves for it outside the runtime.
# libjvm.so shows as "not found" for the JDK's own libraries: the launcher loads it by path before them.
is_elf() { [[ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" == '177ELF' ]]; }
libraries=$(
  find "$out/opt/java" -type f | sort | while read -r file; do
    if is_elf "$file"; then
      ldd "$file" | sed "s|^|$file: |"
    fi
  done
)
missing=$(grep 'not found' <<<"$libraries" | grep -v 'libjvm.so => not found' || true)
if [[ -n "$missing" ]]; then
  echo "prepare-runtime: the runtime needs libraries this machine does not have:" >&2
  echo "$missing" >&2
  exit 1
fi
# "name => /path (addr)" or, for the loader itself, "/path (addr)"; keep paths outside the runtime
awk '$3 == "=>" && $4 ~ /^\// { print $4 } $2 ~ /^\// { print $2 }' <<<"$libraries" | grep -v "^$out/" | sort -u |
  while read -r library; do
    mkdir -p "$out$(dirname "$library")"
    cp --dereference "$library" "$out$library"
  done

mkdir -p "$out/tmp"
echo "$wanted" > "$stamp"
echo "prepare-runtime: $out: $(du -sh "$out" | cut -f1), libraries: $(cd "$out" && find lib* usr -type f 2>/dev/null | sort | tr '\n' ' ')"
