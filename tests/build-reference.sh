#!/bin/bash
# Regenerates tests/system/fixtures/build/reference-config.json: the image config docker's
# classic builder makes of tests/system/fixtures/build/Containerfile, which the system test
# build::reference_containerfile_config_matches_docker compares skiff's build with, field by
# field. Needs a Docker Engine and the rig's registry (tests/ci.sh --setup-only):
#   tests/build-reference.sh [REGISTRY]      (default 127.0.0.1:5055)
set -euo pipefail
cd "$(dirname "$0")/system/fixtures/build"
registry=${1:-127.0.0.1:5055}
tag=skiff-build-reference:$$
# BuildKit needs the buildx plugin, which Debian 12 lacks: the classic builder it is (the file
# uses nothing BuildKit alone knows).
DOCKER_BUILDKIT=0 docker build -q -f Containerfile --build-arg "BASE=$registry/library/busybox:latest" -t "$tag" . >/dev/null
docker image inspect --format '{{json .Config}}' "$tag" |
  python3 -c 'import json,sys; c=json.load(sys.stdin); print(json.dumps(c, indent=2, sort_keys=True))' \
  > reference-config.json
docker rmi -f "$tag" >/dev/null
echo "wrote $(pwd)/reference-config.json ($(docker version --format '{{.Server.Version}}'))"
