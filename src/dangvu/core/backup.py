"""Backup and restore of a whole site: the database (Django's serialised data, not an engine's
dump) and the uploaded files, in one .tar.gz.

The archive holds `manifest.json` (when, which database engine, how many rows per model, each
file's size and SHA-256), `database.json` (`dumpdata` with natural keys, without the rows that
`migrate` creates itself) and `media/…`. The data are read in one transaction (REPEATABLE READ on
PostgreSQL, SQLite's single writer lock), so rows that refer to each other are taken together;
the files are copied after it, so a file uploaded meanwhile is at worst one too many.

`restore` loads into a migrated database that holds no data (or, with `force`, empties it
first), puts the files back under MEDIA_ROOT, rebuilds what triggers keep (the closed-task
counts), and compares the counts with the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

# Made by `migrate` (or derived from other rows), not data to carry.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "assignments.closedtasksbyunit",
    "assignments.closedtasksbymonth",
]
FORMAT = 1


class BackupError(Exception):
    pass


def _models() -> Iterator[Any]:
    excluded = {e.lower() for e in EXCLUDED}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in excluded or model._meta.app_label in excluded:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        yield model


def row_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in _models()}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path | None = None) -> dict[str, dict[str, Any]]:
    root = Path(settings.MEDIA_ROOT) if root is None else root
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): {"size": path.stat().st_size, "sha256": _sha256(path)}
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(target: Path) -> dict[str, Any]:
    """Write the archive to `target` (written beside it, then renamed: never half a backup)."""
    target = Path(target)
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "database.json"
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            call_command(
                "dumpdata",
                *[],
                exclude=EXCLUDED,
                natural_foreign=True,
                natural_primary=False,
                output=str(dump),
                verbosity=0,
            )
            counts = row_counts()
        files = media_files()
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "engine": connection.vendor,
            "counts": counts,
            "files": files,
        }
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            archive.add(dump, arcname="database.json")
            root = Path(settings.MEDIA_ROOT)
            for name in files:
                archive.add(root / name, arcname=f"media/{name}")
        partial.replace(target)
    return manifest


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"unsafe path in the archive: {name}")
    return path


def restore(source: Path, *, force: bool = False) -> dict[str, Any]:
    """Load the archive into this (migrated) database and MEDIA_ROOT; returns the manifest."""
    with tarfile.open(source, "r:gz") as archive:
        manifest_file = archive.extractfile("manifest.json")
        if manifest_file is None:
            raise BackupError("not a Dangvu backup: no manifest.json")
        manifest = json.loads(manifest_file.read())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        if any(row_counts().values()) and not force:
            raise BackupError(
                "the database already holds data; restore into an empty one, or add --force "
                "to delete everything first"
            )
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "database.json"
            member = archive.extractfile("database.json")
            if member is None:
                raise BackupError("not a Dangvu backup: no database.json")
            dump.write_bytes(member.read())
            with transaction.atomic():
                if force:
                    call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(dump), verbosity=0)
                from dangvu.assignments import closed_counts

                closed_counts.rebuild()
                counts = row_counts()
                if counts != manifest["counts"]:
                    differ = {
                        k: (manifest["counts"].get(k), v)
                        for k, v in counts.items()
                        if manifest["counts"].get(k) != v
                    }
                    raise BackupError(f"row counts differ after loading: {differ}")
        root = Path(settings.MEDIA_ROOT)
        for info in archive.getmembers():
            if not info.name.startswith("media/") or not info.isfile():
                continue
            relative = _safe_member(info.name[len("media/") :])
            destination = root / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            handle = archive.extractfile(info)
            if handle is None:
                continue
            destination.write_bytes(handle.read())
    restored = media_files(root)
    for name, meta in manifest["files"].items():
        if restored.get(name, {}).get("sha256") != meta["sha256"]:
            raise BackupError(f"file {name} differs after restoring")
    return manifest
