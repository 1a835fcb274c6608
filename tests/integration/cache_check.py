"""An independent reader of a project's build cache (.slam/): every entry
must read back whole, and nothing half-written may be left.

check_cache(project) returns a list of problems (empty when all is well).
It reads each format from its own description, not through slam:
entry packs (each record's stored CRC-32, and its content inflated against
the size and CRC-32 it claims), the stat index (trailing CRC-32; each
record of a file that still has its stamp names that file's SHA-256), the
zip layout (trailing CRC-32; when its stamp is the zip's, its SHA-256 is the
zip's), the bytecode cache (each file's SHA-256), and the dependency
entries (every file that a RECORD lists is there with its hash).
"""

import base64
import hashlib
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

TEMP_FILE = re.compile(r"\.tmp\d+(\.\d+)?$")
PACK_MAGIC = b"SLAMZE1\n"
PACK_HEADER = struct.Struct("<8sHIQQI")
STAT_MAGIC = b"SLAMSI2\n"
STAMP = struct.Struct("<QQQQQ")  # device, inode, size, mtime, ctime (ns)
STAT_RECORD_TAIL = struct.Struct("<32sQIB")
LAYOUT_MAGIC = b"SLAMZL1\n"
PYC_MAGIC = b"SLAMPYC1\n"


def _crc_trailer_ok(data: bytes) -> bool:
    return (len(data) >= 4 and
            struct.unpack("<I", data[-4:])[0] == zlib.crc32(data[:-4]))


def _stamp_of(path: Path):
    info = os.stat(path)
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns,
            info.st_ctime_ns)


def check_pack(path: Path) -> list:
    data = path.read_bytes()
    problems, offset = [], 0
    while offset < len(data):
        head = data[offset + 32:offset + 32 + PACK_HEADER.size]
        if len(head) < PACK_HEADER.size:
            return problems + [f"{path.name}: truncated record at {offset}"]
        magic, method, crc, size, stored, stored_crc = PACK_HEADER.unpack(head)
        start = offset + 32 + PACK_HEADER.size
        body = data[start:start + stored]
        if magic != PACK_MAGIC or len(body) != stored:
            return problems + [f"{path.name}: damaged record at {offset}"]
        if zlib.crc32(body) != stored_crc:
            problems.append(f"{path.name}: stored CRC wrong at {offset}")
        content = body if method == 0 else zlib.decompress(body, -15)
        if len(content) != size or zlib.crc32(content) != crc:
            problems.append(f"{path.name}: content wrong at {offset}")
        offset = start + stored
    return problems


def check_stat_index(path: Path, project: Path) -> list:
    data = path.read_bytes()
    if not data.startswith(STAT_MAGIC) or not _crc_trailer_ok(data):
        return ["stat-index: damaged"]
    problems, view, offset = [], data[len(STAT_MAGIC):-4], 0
    while offset < len(view):
        (length,) = struct.unpack_from("<I", view, offset)
        name = view[offset + 4:offset + 4 + length].decode()
        offset += 4 + length
        stamp = STAMP.unpack_from(view, offset)
        offset += STAMP.size
        digest, size, crc, _ = STAT_RECORD_TAIL.unpack_from(view, offset)
        offset += STAT_RECORD_TAIL.size
        file = Path(name) if os.path.isabs(name) else project / name
        if file.exists() and _stamp_of(file) == stamp:
            content = file.read_bytes()
            if (hashlib.sha256(content).digest() != digest or
                    len(content) != size or zlib.crc32(content) != crc):
                problems.append(f"stat-index: wrong record of {name}")
    return problems


def check_layout(path: Path, zip_path: Path) -> list:
    data = path.read_bytes()
    if not data.startswith(LAYOUT_MAGIC) or not _crc_trailer_ok(data):
        return [f"{path.name}: damaged"]
    offset = len(LAYOUT_MAGIC)
    (length,) = struct.unpack_from("<I", data, offset)
    offset += 4 + length
    stamp = STAMP.unpack_from(data, offset)
    digest = data[offset + STAMP.size:offset + STAMP.size + 64].decode()
    if not zip_path.exists() or _stamp_of(zip_path) != stamp:
        return []  # a layout of another zip: slam ignores it
    if hashlib.sha256(zip_path.read_bytes()).hexdigest() != digest:
        return [f"{path.name}: vouches for a zip it does not describe"]
    return []


def check_bytecode(folder: Path) -> list:
    problems = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        data = path.read_bytes()
        head = len(PYC_MAGIC) + 1
        if (not data.startswith(PYC_MAGIC) or
                hashlib.sha256(data[head + 32:]).digest() != data[head:head + 32]):
            problems.append(f"bytecode/{path.name}: damaged")
    return problems


def check_dependencies(folder: Path) -> list:
    problems = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if entry.name.startswith("."):
            problems.append(f"deps/{entry.name}: left behind")
            continue
        for record in entry.glob("*.dist-info/RECORD"):
            for line in record.read_text().splitlines():
                name, digest = (line.split(",") + ["", ""])[:2]
                file = entry / name
                if not file.exists():
                    problems.append(f"deps/{entry.name}/{name}: missing")
                elif digest.startswith("sha256="):
                    actual = base64.urlsafe_b64encode(
                        hashlib.sha256(file.read_bytes()).digest())
                    if actual.rstrip(b"=").decode() != digest[7:]:
                        problems.append(f"deps/{entry.name}/{name}: changed")
    return problems


def leftovers(cache: Path) -> list:
    """Temporary files and partial zips anywhere under CACHE."""
    found = []
    for root, dirs, files in os.walk(cache):
        for name in files + dirs:
            if TEMP_FILE.search(name) or name.endswith(".partial"):
                found.append(os.path.relpath(os.path.join(root, name), cache))
    return found


def check_cache(project: Path, zip_name: str) -> list:
    cache = project / ".slam"
    zip_path = cache / zip_name
    problems = [f"left behind: {name}" for name in leftovers(cache)]
    for path in sorted((cache / "entries").iterdir()):
        if path.suffix != ".pack":
            problems.append(f"entries/{path.name}: not a pack")
        else:
            problems += check_pack(path)
    if (cache / "stat-index").exists():
        problems += check_stat_index(cache / "stat-index", project)
    layout = cache / (zip_name + ".layout")
    if layout.exists():
        problems += check_layout(layout, zip_path)
    problems += check_bytecode(cache / "bytecode")
    problems += check_dependencies(cache / "deps")
    with zipfile.ZipFile(zip_path) as archive:
        bad = archive.testzip()
        if bad is not None:
            problems.append(f"{zip_name}: entry {bad} does not read back")
    return problems
