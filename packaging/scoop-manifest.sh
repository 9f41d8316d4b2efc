#!/usr/bin/env bash
# Prints spar's Scoop manifest (Windows) for one version: the x86_64 Windows zip's address in
# the repository's releases and its SHA-256. .ci/package writes it for the zip it builds; the
# release workflow's publish-scoop job writes it for the released zip.
#   packaging/scoop-manifest.sh VERSION SHA256 REPOSITORY > spar.json
set -euo pipefail
version="$1" sha="$2" repository="$3"
zip="spar-x86_64-pc-windows-gnu"
cat <<JSON
{
    "version": "$version",
    "description": "Run workshop tracks in the terminal: agenda, timeboxes everyone can read, live notes.",
    "homepage": "$repository",
    "license": "MIT",
    "architecture": {
        "64bit": {
            "url": "$repository/releases/download/v$version/$zip.zip",
            "hash": "$sha"
        }
    },
    "bin": "spar.exe",
    "checkver": "github",
    "autoupdate": {
        "architecture": {
            "64bit": {
                "url": "$repository/releases/download/v\$version/$zip.zip",
                "hash": { "url": "\$url.sha256" }
            }
        }
    }
}
JSON
