"""The machine's rclone (S3 backend, provider Other, default settings) against MiniCloud's S3 API.

rclone is configured only through RCLONE_CONFIG_MC_* variables (see conftest.Rclone): endpoint,
key, region. What it exercises beyond aws-cli and boto3: Content-MD5 on every single PUT, its
modification times kept as user metadata (X-Amz-Meta-Mtime) and compared on every sync, MD5
hashes of multipart uploads kept as X-Amz-Meta-Md5chksum, server-side copies, and its own
listing code.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import empty_and_delete_bucket, md5_hex, random_bytes, sha256_file, unique_bucket_name, write_random_file

MiB = 1024 * 1024

TREE = {
    "a.txt": b"hello from rclone\n",
    "empty": b"",
    "sub dir/\u00fcn\u00ef c\u00f6d\u00e9 100%+&'.bin": random_bytes(100 * 1024, seed=1),
    "deep/x/y/z.bin": random_bytes(MiB, seed=2),
}


def make_tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def keys(s3, bucket: str, prefix: str = "") -> list[str]:
    found = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        found += [o["Key"] for o in page.get("Contents", [])]
    return found


def test_rclone_mkdir_creates_bucket(rclone, s3, bucket_name):
    rclone("mkdir", f"mc:{bucket_name}")
    assert s3.head_bucket(Bucket=bucket_name)["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert bucket_name in rclone("lsf", "mc:").out.splitlines() + [
        line.rstrip("/") for line in rclone("lsf", "mc:").out.splitlines()]


def test_rclone_copy_check_cat_and_hashes(rclone, s3, bucket, tmp_path):
    local = make_tree(tmp_path / "tree", TREE)
    rclone("copy", local, f"mc:{bucket}/up")

    assert sorted(keys(s3, bucket)) == sorted(f"up/{name}" for name in TREE)
    check = rclone("check", local, f"mc:{bucket}/up")  # sizes and MD5s, exit 0 when all match
    assert "0 differences found" in check.err
    for name, data in TREE.items():
        assert rclone("cat", f"mc:{bucket}/up/{name}").stdout == data, name
    listed = {e["Path"]: e for e in rclone.json("lsjson", "-R", "--hash", "--files-only", f"mc:{bucket}/up")}
    assert set(listed) == set(TREE)
    for name, data in TREE.items():
        assert listed[name]["Size"] == len(data)
        assert listed[name]["Hashes"]["md5"] == md5_hex(data), name
    # rclone keeps the local modification time as user metadata and reads it back
    head = s3.head_object(Bucket=bucket, Key="up/a.txt")
    assert "mtime" in head["Metadata"]


def test_rclone_sync_uploads_changes_and_deletes(rclone, s3, bucket, tmp_path):
    local = make_tree(tmp_path / "tree", TREE)
    rclone("sync", local, f"mc:{bucket}/s")
    (local / "a.txt").write_bytes(b"changed, and longer than before\n")
    (local / "deep/x/y/z.bin").unlink()
    (local / "new.bin").write_bytes(random_bytes(3000, seed=3))

    rclone("sync", local, f"mc:{bucket}/s")

    expected = {n for n in TREE if n != "deep/x/y/z.bin"} | {"new.bin"}
    assert sorted(keys(s3, bucket)) == sorted(f"s/{n}" for n in expected)
    assert s3.get_object(Bucket=bucket, Key="s/a.txt")["Body"].read() == b"changed, and longer than before\n"
    assert "0 differences found" in rclone("check", local, f"mc:{bucket}/s").err
    # a third sync finds nothing to do
    again = rclone("sync", "-v", local, f"mc:{bucket}/s")
    assert "Copied" not in again.err and "Deleted" not in again.err, again.err


def test_rclone_multipart_upload_check_and_download(rclone, s3, bucket, tmp_path):
    (tmp_path / "up").mkdir()
    src = write_random_file(tmp_path / "up" / "big.bin", 12 * MiB, seed=4)
    # rclone's multipart threshold is 200 MiB by default; 5 MiB parts keep the test small
    rclone("copyto", "--s3-upload-cutoff", "5M", "--s3-chunk-size", "5M", src, f"mc:{bucket}/big.bin")

    head = s3.head_object(Bucket=bucket, Key="big.bin")
    assert head["ContentLength"] == 12 * MiB
    assert head["ETag"].endswith('-3"'), head["ETag"]
    # for a multipart object rclone compares the MD5 it stored as metadata (X-Amz-Meta-Md5chksum)
    assert "0 differences found" in rclone("check", tmp_path / "up", f"mc:{bucket}").err
    back = tmp_path / "back.bin"
    rclone("copyto", f"mc:{bucket}/big.bin", back)
    assert sha256_file(back) == sha256_file(src)


def test_rclone_server_side_copy_and_move(rclone, s3, bucket, tmp_path):
    data = random_bytes(50_000, seed=5)
    s3.put_object(Bucket=bucket, Key="orig", Body=data, Metadata={"who": "boto3"})

    copied = rclone("copyto", "-v", f"mc:{bucket}/orig", f"mc:{bucket}/copy")
    assert "server-side copy" in copied.err, copied.err
    moved = rclone("moveto", "-v", f"mc:{bucket}/copy", f"mc:{bucket}/moved")
    assert "server-side" in moved.err, moved.err

    assert sorted(keys(s3, bucket)) == ["moved", "orig"]
    got = s3.get_object(Bucket=bucket, Key="moved")
    assert got["Body"].read() == data
    assert got["Metadata"].get("who") == "boto3"


def test_rclone_size_of_a_bucket_with_1200_keys(rclone, s3, bucket):
    def put(i):
        s3.put_object(Bucket=bucket, Key=f"k/{i:05d}", Body=b"x" * (i % 7))

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(put, range(1200)))
    size = rclone.json("size", "--json", f"mc:{bucket}")
    assert size["count"] == 1200
    assert size["bytes"] == sum(i % 7 for i in range(1200))


def test_rclone_purge_removes_objects_and_bucket(rclone, s3, tmp_path):
    name = unique_bucket_name("rclone-purge")
    try:
        rclone("copy", make_tree(tmp_path / "tree", TREE), f"mc:{name}")
        rclone("purge", f"mc:{name}")
        assert name not in rclone("lsf", "mc:").out
        assert rclone("lsf", f"mc:{name}", check=False).returncode != 0
    finally:
        empty_and_delete_bucket(s3, name)


def test_rclone_missing_bucket_is_directory_not_found(rclone):
    proc = rclone("lsf", f"mc:{unique_bucket_name('missing')}", check=False)
    assert proc.returncode == 3, (proc.returncode, proc.err)  # rclone: directory not found
    assert "directory not found" in proc.err


def test_rclone_settier_changes_the_storage_class(rclone, s3, bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"tiered")
    assert "StorageClass" not in s3.head_object(Bucket=bucket, Key="t")  # STANDARD: no header, as on S3
    rclone("settier", "STANDARD_IA", f"mc:{bucket}/t")  # a copy onto itself with x-amz-storage-class
    assert s3.head_object(Bucket=bucket, Key="t")["StorageClass"] == "STANDARD_IA"
    assert [e["Tier"] for e in rclone.json("lsjson", f"mc:{bucket}")] == ["STANDARD_IA"]
    assert s3.get_object(Bucket=bucket, Key="t")["Body"].read() == b"tiered"
