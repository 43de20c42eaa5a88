"""The machine's s3cmd (SigV4, path-style, default settings otherwise) against MiniCloud's S3 API.

s3cmd is configured by a file holding only the endpoint, the key and TLS verification (see
conftest.S3cmd). What it exercises beyond aws-cli and boto3: its own multipart code (15 MiB
parts by default), its file attributes kept as user metadata (x-amz-meta-s3cmd-attrs, with the
MD5 it checks on download), metadata changes by a copy onto the object itself, ACL and bucket
information calls, and its sync.
"""

from __future__ import annotations

from pathlib import Path

from conftest import empty_and_delete_bucket, http_fetch, md5_hex, random_bytes, sha256_file, unique_bucket_name, write_random_file

MiB = 1024 * 1024


def listed(out: str) -> dict[str, int]:
    """`s3cmd ls` object lines ("DATE TIME SIZE s3://bucket/key") as {url: size}."""
    entries = {}
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and parts[3].startswith("s3://") and parts[2] != "DIR":
            entries[parts[3]] = int(parts[2])
    return entries


def test_s3cmd_mb_put_ls_get_del_rb(s3cmd, s3, tmp_path):
    name = unique_bucket_name("s3cmd-basic")
    data = random_bytes(70_000, seed=11)
    src = tmp_path / "file.bin"
    src.write_bytes(data)
    try:
        assert f"Bucket 's3://{name}/' created" in s3cmd("mb", f"s3://{name}").out
        assert f"s3://{name}" in s3cmd("ls").out
        s3cmd("put", src, f"s3://{name}/dir/file name.bin")
        assert listed(s3cmd("ls", "--recursive", f"s3://{name}").out) == {f"s3://{name}/dir/file name.bin": len(data)}
        top = s3cmd("ls", f"s3://{name}").out.split()  # the common prefix: "DIR s3://name/dir/"
        assert top == ["DIR", f"s3://{name}/dir/"], top

        back = tmp_path / "back.bin"
        s3cmd("get", f"s3://{name}/dir/file name.bin", back)
        assert back.read_bytes() == data
        assert s3.get_object(Bucket=name, Key="dir/file name.bin")["Body"].read() == data

        s3cmd("del", f"s3://{name}/dir/file name.bin")
        assert s3.list_objects_v2(Bucket=name)["KeyCount"] == 0
        s3cmd("rb", f"s3://{name}")
        assert name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    finally:
        empty_and_delete_bucket(s3, name)


def test_s3cmd_info_shows_object_and_bucket(s3cmd, s3, bucket, tmp_path):
    data = b"info please\n"
    (tmp_path / "i.txt").write_bytes(data)
    s3cmd("put", tmp_path / "i.txt", f"s3://{bucket}/i.txt")
    info = s3cmd("info", f"s3://{bucket}/i.txt").out
    assert "File size: 12" in info
    assert f"MD5 sum:   {md5_hex(data)}" in info
    bucket_info = s3cmd("info", f"s3://{bucket}").out
    assert f"s3://{bucket}/ (bucket)" in bucket_info


def test_s3cmd_multipart_put_and_get(s3cmd, s3, bucket, tmp_path):
    src = write_random_file(tmp_path / "big.bin", 20 * MiB, seed=12)
    s3cmd("put", src, f"s3://{bucket}/big.bin")  # s3cmd's default parts: 15 MiB -> 2 parts

    head = s3.head_object(Bucket=bucket, Key="big.bin")
    assert head["ContentLength"] == 20 * MiB
    assert head["ETag"].endswith('-2"'), head["ETag"]
    assert "s3cmd-attrs" in head["Metadata"]  # where s3cmd keeps the MD5 of a multipart upload
    back = tmp_path / "back.bin"
    s3cmd("get", f"s3://{bucket}/big.bin", back)  # s3cmd compares the MD5 on download
    assert sha256_file(back) == sha256_file(src)


def test_s3cmd_sync_up_with_delete_and_down(s3cmd, s3, bucket, tmp_path):
    up = tmp_path / "up"
    files = {"a.txt": b"a\n", "sub/b.bin": random_bytes(40_000, seed=13), "sub/deeper/c": b"", "gone": b"bye"}
    for name, data in files.items():
        (up / name).parent.mkdir(parents=True, exist_ok=True)
        (up / name).write_bytes(data)
    s3cmd("sync", f"{up}/", f"s3://{bucket}/tree/")
    (up / "gone").unlink()
    (up / "a.txt").write_bytes(b"a, changed\n")
    s3cmd("sync", "--delete-removed", f"{up}/", f"s3://{bucket}/tree/")

    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"])
    assert keys == ["tree/a.txt", "tree/sub/b.bin", "tree/sub/deeper/c"]
    down = tmp_path / "down"
    down.mkdir()
    s3cmd("sync", f"s3://{bucket}/tree/", f"{down}/")
    for name in ["a.txt", "sub/b.bin", "sub/deeper/c"]:
        assert (down / name).read_bytes() == (up / name).read_bytes(), name


def test_s3cmd_cp_mv_and_modify_headers(s3cmd, s3, bucket):
    data = random_bytes(9000, seed=14)
    s3.put_object(Bucket=bucket, Key="src", Body=data, ContentType="application/x-test")
    s3cmd("cp", f"s3://{bucket}/src", f"s3://{bucket}/copy")
    s3cmd("mv", f"s3://{bucket}/copy", f"s3://{bucket}/moved")
    s3cmd("modify", "--add-header=Cache-Control:max-age=60", f"s3://{bucket}/moved")

    assert sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]) == ["moved", "src"]
    got = s3.get_object(Bucket=bucket, Key="moved")
    assert got["Body"].read() == data
    assert got["CacheControl"] == "max-age=60"


def test_s3cmd_du_and_la(s3cmd, s3, bucket):
    for i in range(5):
        s3.put_object(Bucket=bucket, Key=f"d/{i}", Body=b"z" * (100 * i))
    du = s3cmd("du", f"s3://{bucket}").out.split()  # "1000 5 objects s3://bucket/"
    assert du[:3] == [str(sum(100 * i for i in range(5))), "5", "objects"], du
    assert sum(1 for url in listed(s3cmd("la", "--recursive").out) if url.startswith(f"s3://{bucket}/")) == 5


def test_s3cmd_missing_bucket_and_object_are_not_found(s3cmd, bucket, tmp_path):
    missing = unique_bucket_name("missing")
    proc = s3cmd("ls", f"s3://{missing}", check=False)
    assert proc.returncode == 12, (proc.returncode, proc.err)  # s3cmd's EX_NOTFOUND
    assert "NoSuchBucket" in proc.err
    proc = s3cmd("get", f"s3://{bucket}/nope", tmp_path / "nope", check=False)
    assert proc.returncode != 0
    assert "Source object" in proc.err and "does not exist" in proc.err, proc.err  # after its HEAD's 404
    assert not (tmp_path / "nope").exists()


def test_s3cmd_signurl_is_fetchable(s3cmd, target, bucket, tmp_path):
    data = b"signed by s3cmd\n"
    (tmp_path / "s.txt").write_bytes(data)
    s3cmd("put", tmp_path / "s.txt", f"s3://{bucket}/s.txt")
    url = s3cmd("signurl", f"s3://{bucket}/s.txt", "+600").out.strip()  # a SigV2 presigned URL
    assert url.startswith(target.endpoint + "/"), url
    assert http_fetch(target, url)[::2] == (200, data)


def test_s3cmd_public_and_private_acls(s3cmd, target, bucket, tmp_path):
    (tmp_path / "p.txt").write_bytes(b"public for a while\n")
    anonymous = f"{target.endpoint}/{bucket}/p.txt"
    s3cmd("put", "--acl-public", tmp_path / "p.txt", f"s3://{bucket}/p.txt")  # a canned x-amz-acl
    assert http_fetch(target, anonymous)[::2] == (200, b"public for a while\n")
    assert "*anon*: READ" in s3cmd("info", f"s3://{bucket}/p.txt").out

    s3cmd("setacl", "--acl-private", f"s3://{bucket}/p.txt")  # an AccessControlPolicy body
    assert http_fetch(target, anonymous)[0] == 403
    assert "*anon*" not in s3cmd("info", f"s3://{bucket}/p.txt").out
    s3cmd("setacl", "--acl-public", f"s3://{bucket}/p.txt")
    assert http_fetch(target, anonymous)[0] == 200

    refused = s3cmd("setacl", "--acl-grant=write:AllUsers", f"s3://{bucket}/p.txt", check=False)
    assert refused.returncode != 0 and "NotImplemented" in refused.err, refused.err
    assert http_fetch(target, anonymous)[0] == 200  # unchanged
