#!/usr/bin/python3
"""Builds skiff's test images offline as OCI image layouts.

usage: fixtures.py OUTDIR [NAME ...]

Every image is written to OUTDIR/<name>/ as an OCI layout whose index.json names it with the
`org.opencontainers.image.ref.name` annotation "img". Layers are assembled in memory with tarfile,
so owners, modes, xattrs, hard links and whiteouts are exact without root, and every tar has fixed
mtimes so digests are stable from run to run. tests/rig/images.sh pushes the layouts with skopeo.

Names: busybox, zstd, multi, multiarch, big, tampered, hostile-dotdot, hostile-abs,
hostile-symlink, hostile-hardlink, hostile-symlinkdir (default: all).
"""
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zlib

MTIME = 1700000000
CREATED = "2023-11-14T22:13:20Z"
PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BUSYBOX = "/bin/busybox"

MT_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MT_INDEX = "application/vnd.oci.image.index.v1+json"
MT_CONFIG = "application/vnd.oci.image.config.v1+json"
MT_LAYER = {
    "gzip": "application/vnd.oci.image.layer.v1.tar+gzip",
    "zstd": "application/vnd.oci.image.layer.v1.tar+zstd",
}


class Layer:
    """An uncompressed layer tar built entry by entry."""

    def __init__(self):
        self.buf = io.BytesIO()
        self.tar = tarfile.open(fileobj=self.buf, mode="w", format=tarfile.PAX_FORMAT)

    def _info(self, name, kind, mode, uid, gid):
        ti = tarfile.TarInfo(name)
        ti.type, ti.mode, ti.uid, ti.gid, ti.mtime = kind, mode, uid, gid, MTIME
        ti.uname = ti.gname = ""
        return ti

    def dir(self, name, mode=0o755, uid=0, gid=0):
        self.tar.addfile(self._info(name, tarfile.DIRTYPE, mode, uid, gid))

    def file(self, name, data, mode=0o644, uid=0, gid=0, xattrs=None):
        if isinstance(data, str):
            data = data.encode()
        ti = self._info(name, tarfile.REGTYPE, mode, uid, gid)
        ti.size = len(data)
        if xattrs:
            ti.pax_headers = {"SCHILY.xattr." + k: v for k, v in xattrs.items()}
        self.tar.addfile(ti, io.BytesIO(data))

    def big_file(self, name, size):
        """A file of `size` incompressible (random) bytes."""
        ti = self._info(name, tarfile.REGTYPE, 0o644, 0, 0)
        ti.size = size
        self.tar.addfile(ti, _RandomReader(size))

    def symlink(self, name, target):
        ti = self._info(name, tarfile.SYMTYPE, 0o777, 0, 0)
        ti.linkname = target
        self.tar.addfile(ti)

    def hardlink(self, name, target):
        ti = self._info(name, tarfile.LNKTYPE, 0o644, 0, 0)
        ti.linkname = target
        self.tar.addfile(ti)

    def bytes(self):
        self.tar.close()
        return self.buf.getvalue()


class _RandomReader:
    """`size` bytes from the kernel's random generator, read in chunks."""

    def __init__(self, size):
        self.left = size

    def read(self, n=-1):
        if n < 0 or n > self.left:
            n = self.left
        self.left -= n
        return os.urandom(n)


class Layout:
    """An OCI image layout directory being written."""

    def __init__(self, out):
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(os.path.join(out, "blobs", "sha256"))
        self.out = out
        with open(os.path.join(out, "oci-layout"), "w") as f:
            json.dump({"imageLayoutVersion": "1.0.0"}, f)

    def blob(self, data, media_type, **extra):
        digest = hashlib.sha256(data).hexdigest()
        with open(os.path.join(self.out, "blobs", "sha256", digest), "wb") as f:
            f.write(data)
        desc = {"mediaType": media_type, "digest": "sha256:" + digest, "size": len(data)}
        desc.update(extra)
        return desc

    def image(self, layers, config, compression="gzip", arch="amd64", variant=None):
        """Writes layer, config and manifest blobs; returns the manifest's descriptor."""
        descs, diff_ids = [], []
        for raw in layers:
            diff_ids.append("sha256:" + hashlib.sha256(raw).hexdigest())
            descs.append(self.blob(compress(raw, compression), MT_LAYER[compression]))
        cfg = {
            "created": CREATED,
            "architecture": arch,
            "os": "linux",
            "config": config,
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
            "history": [
                {"created": CREATED, "created_by": "skiff fixtures: layer %d" % i}
                for i in range(len(layers))
            ],
        }
        if variant:
            cfg["variant"] = variant
        cdesc = self.blob(json.dumps(cfg, sort_keys=True).encode(), MT_CONFIG)
        manifest = {"schemaVersion": 2, "mediaType": MT_MANIFEST, "config": cdesc, "layers": descs}
        platform = {"architecture": arch, "os": "linux"}
        if variant:
            platform["variant"] = variant
        return self.blob(json.dumps(manifest, sort_keys=True).encode(), MT_MANIFEST,
                         platform=platform)

    def index(self, manifests):
        """Writes an image index blob over `manifests`; returns its descriptor."""
        index = {"schemaVersion": 2, "mediaType": MT_INDEX, "manifests": manifests}
        return self.blob(json.dumps(index, sort_keys=True).encode(), MT_INDEX)

    def finish(self, top):
        top = dict(top)
        top.pop("platform", None)
        top["annotations"] = {"org.opencontainers.image.ref.name": "img"}
        with open(os.path.join(self.out, "index.json"), "w") as f:
            json.dump({"schemaVersion": 2, "manifests": [top]}, f)


def compress(raw, how):
    if how == "gzip":
        # Level 1: the big image is incompressible anyway and this keeps the rig fast.
        return gzip.compress(raw, compresslevel=1, mtime=0)
    if how == "zstd":
        return subprocess.run(["zstd", "-q", "-3", "-c"], input=raw, check=True,
                              stdout=subprocess.PIPE).stdout
    raise ValueError(how)


# ---- image contents -------------------------------------------------------------------------

def busybox_layer():
    l = Layer()
    for d in ["bin", "etc", "root", "proc", "sys", "dev", "home", "var", "var/www", "usr",
              "usr/bin", "usr/sbin", "sbin"]:
        l.dir(d, 0o700 if d == "root" else 0o755)
    l.dir("tmp", 0o1777)
    l.dir("home/user", 0o755, 1000, 1000)
    with open(BUSYBOX, "rb") as f:
        l.file("bin/busybox", f.read(), 0o755)
    applets = subprocess.run([BUSYBOX, "--list-full"], check=True, stdout=subprocess.PIPE,
                             text=True).stdout.split()
    for path in sorted(set(applets)):
        if path == "bin/busybox":
            continue
        l.symlink(path, os.path.relpath("bin/busybox", os.path.dirname(path) or "."))
    l.file("etc/passwd",
           "root:x:0:0:root:/root:/bin/sh\n"
           "www-data:x:33:33:www-data:/var/www:/bin/sh\n"
           "user:x:1000:1000:user:/home/user:/bin/sh\n"
           "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")
    l.file("etc/group", "root:x:0:\nwww-data:x:33:\nuser:x:1000:\nnogroup:x:65534:\n")
    return l.bytes()


BUSYBOX_CONFIG = {"Env": [PATH_ENV], "Cmd": ["sh"]}


def platform_layer(arch):
    l = Layer()
    l.file("platform", arch + "\n")
    return l.bytes()


def multi_layers():
    l2 = Layer()
    for d in ["data", "opt", "opt/dir", "srv"]:
        l2.dir(d)
    l2.dir("srv/www", 0o755, 33, 33)
    l2.file("data/keep", "keep\n", xattrs={"user.skiff.test": "hello"})
    l2.file("data/gone", "gone\n")
    l2.file("data/hard1", "linked\n")
    l2.hardlink("data/hard2", "data/hard1")
    l2.file("data/owned-1000", "user\n", 0o640, 1000, 1000)
    l2.file("srv/www/index.html", "<h1>www</h1>\n", 0o644, 33, 33)
    l2.file("data/suid", "#!/bin/sh\necho suid\n", 0o4755)
    l2.symlink("opt/keep-link", "../data/keep")
    l2.file("opt/dir/a", "a\n")
    l2.file("opt/dir/b", "b\n")
    l3 = Layer()
    l3.dir("data")
    l3.file("data/.wh.gone", "")
    l3.dir("opt")
    l3.dir("opt/dir")
    l3.file("opt/dir/.wh..wh..opq", "")
    l3.file("opt/dir/c", "c\n")
    l4 = Layer()
    l4.dir("data")
    l4.file("data/keep", "changed\n", xattrs={"user.skiff.test": "hello"})
    return [l2.bytes(), l3.bytes(), l4.bytes()]


MULTI_CONFIG = {
    "Env": [PATH_ENV, "GREETING=hello"],
    "WorkingDir": "/data",
    "Entrypoint": ["/bin/sh", "-c"],
    "Cmd": ["cat /data/keep"],
    "ExposedPorts": {"80/tcp": {}},
    "Labels": {"org.example.test": "multi"},
    "StopSignal": "SIGTERM",
}


def config_layer():
    l = Layer()
    l.dir("etc")
    l.file("etc/group", "root:x:0:\nwww-data:x:33:\nuser:x:1000:\nusers:x:100:www-data\n"
           "nogroup:x:65534:\n")
    l.dir("cache", 0o755, 33, 33)
    l.file("cache/seed", "from the image\n", 0o644, 33, 33)
    return l.bytes()


# Every image config field docker merges into a container, for tests/system/image_config.rs.
CONFIG_CONFIG = {
    "Env": [PATH_ENV, "FROM_IMAGE=1"],
    "User": "www-data",
    "WorkingDir": "/var/www",
    "Entrypoint": ["/bin/echo", "entry"],
    "Cmd": ["default-cmd"],
    "Volumes": {"/cache": {}},
    "ExposedPorts": {"8080/tcp": {}},
    "Labels": {"tier": "test"},
    "StopSignal": "SIGUSR1",
}


# More `..` than any store is deep: resolved from the layer directory by an extractor without
# the protection, every one of them ends at the host's `/` (the kernel stops `..` there), so an
# escape lands at a fixed host path the system test looks at (tests/system/security.rs), wherever
# the store and the extraction's staging directory are.
UP = "../" * 40


def hostile(kind):
    """One hostile layer; every entry tries to write outside the layer directory."""
    l = Layer()
    if kind == "dotdot":
        l.file(UP + "tmp/skiff-escape-dotdot", "escaped\n")
    elif kind == "abs":
        # Docker strips the leading "/": this must land inside the layer as tmp/skiff-escape-abs.
        l.file("/tmp/skiff-escape-abs", "inside\n")
    elif kind == "symlink":
        l.symlink("evil", "/tmp")
        l.file("evil/skiff-escape-symlink", "escaped\n")
    elif kind == "hardlink":
        # Followed from the layer directory this links the host's /etc/passwd into the layer.
        l.hardlink("passwd", UP + "etc/passwd")
    elif kind == "symlinkdir":
        l.symlink("d", UP.rstrip("/"))
        l.file("d/tmp/skiff-escape-rel", "escaped\n")
    else:
        raise ValueError(kind)
    return l.bytes()


def tampered_layer():
    l = Layer()
    l.file("tampered", "this layer's blob is overwritten in the registry after the push\n" * 64)
    return l.bytes()


def big_layer(i):
    l = Layer()
    l.dir("big")
    l.big_file("big/blob%d.bin" % i, 60 * 1024 * 1024)
    return l.bytes()


# ---- builders -------------------------------------------------------------------------------

def build(out, name):
    lay = Layout(os.path.join(out, name))
    bb = busybox_layer()
    if name == "busybox":
        top = lay.image([bb], BUSYBOX_CONFIG)
    elif name == "zstd":
        top = lay.image([bb, platform_layer("amd64")], BUSYBOX_CONFIG, compression="zstd")
    elif name == "multi":
        top = lay.image([bb] + multi_layers(), MULTI_CONFIG)
    elif name == "config":
        top = lay.image([bb, config_layer()], CONFIG_CONFIG)
    elif name == "multiarch":
        amd = lay.image([bb, platform_layer("amd64")], BUSYBOX_CONFIG, arch="amd64")
        arm = lay.image([bb, platform_layer("arm64")], BUSYBOX_CONFIG, arch="arm64",
                        variant="v8")
        top = lay.index([amd, arm])
    elif name == "big":
        top = lay.image([bb] + [big_layer(i) for i in range(1, 6)], BUSYBOX_CONFIG)
    elif name == "tampered":
        top = lay.image([tampered_layer()], {"Cmd": ["/tampered"]})
    elif name.startswith("hostile-"):
        top = lay.image([hostile(name[len("hostile-"):])], {"Cmd": ["/bin/true"]})
    else:
        raise SystemExit("unknown fixture %r" % name)
    lay.finish(top)


ALL = ["busybox", "zstd", "multi", "config", "multiarch", "big", "tampered", "hostile-dotdot",
       "hostile-abs", "hostile-symlink", "hostile-hardlink", "hostile-symlinkdir"]


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    for name in sys.argv[2:] or ALL:
        build(out, name)


if __name__ == "__main__":
    main()
