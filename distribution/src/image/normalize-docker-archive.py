#!/usr/bin/env python3
"""Rewrites a docker-archive tarball so that the same image content always gives the same bytes and image ID.

    normalize-docker-archive.py IN.tar OUT.tar

buildah writes into a docker-format image config the ID and hostname of the throw-away build container
("container", "config.Hostname", "container_config.Hostname") and the IDs of the intermediate images ("parent", and
"comment": "FROM <id>" in the history): random on every build, so the config digest (the image ID) changes although every layer is
byte-for-byte identical. This script blanks those fields, recomputes the
config's digest, writes a manifest.json-only archive (the legacy v1 layer directories are optional for `docker load`
and `podman load`) with sorted entries, fixed owners and modes, and mtime SOURCE_DATE_EPOCH (default 0). The
HEALTHCHECK and every other setting are kept.
"""

import hashlib
import io
import json
import os
import sys
import tarfile


def main(src: str, dst: str) -> None:
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    with tarfile.open(src, "r:") as tin:
        manifest = json.load(tin.extractfile("manifest.json"))
        if len(manifest) != 1:
            raise SystemExit("expected exactly one image in " + src)
        entry = manifest[0]
        config = json.load(tin.extractfile(entry["Config"]))
        config.pop("container", None)
        config.pop("parent", None)  # the ID of the intermediate image the last step started from
        for key in ("config", "container_config"):
            if isinstance(config.get(key), dict) and "Hostname" in config[key]:
                config[key]["Hostname"] = ""
        for step in config.get("history") or []:
            if str(step.get("comment", "")).startswith("FROM "):
                del step["comment"]  # the ID of an intermediate image of this build
        config_bytes = json.dumps(config, separators=(",", ":")).encode()
        config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
        new_manifest = [{"Config": config_name, "RepoTags": entry.get("RepoTags") or [], "Layers": entry["Layers"]}]
        manifest_bytes = json.dumps(new_manifest, separators=(",", ":")).encode()

        def info(name: str, size: int) -> tarfile.TarInfo:
            ti = tarfile.TarInfo(name)
            ti.size = size
            ti.mtime = mtime
            ti.mode = 0o444
            ti.uid = ti.gid = 0
            ti.uname = ti.gname = ""
            return ti

        with tarfile.open(dst, "w:", format=tarfile.GNU_FORMAT) as tout:
            for layer in sorted(set(entry["Layers"])):
                member = tin.getmember(layer)
                while member.issym() or member.islnk():
                    member = tin.getmember(os.path.normpath(os.path.join(os.path.dirname(layer), member.linkname)))
                tout.addfile(info(layer, member.size), tin.extractfile(member))
            tout.addfile(info(config_name, len(config_bytes)), io.BytesIO(config_bytes))
            tout.addfile(info("manifest.json", len(manifest_bytes)), io.BytesIO(manifest_bytes))
    print("sha256:" + config_name[: -len(".json")])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: normalize-docker-archive.py IN.tar OUT.tar")
    main(sys.argv[1], sys.argv[2])
