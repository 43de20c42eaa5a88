"""The machine's aws-cli (v1, default settings) against MiniCloud's S3 API.

Every `aws` call runs in a subprocess with a timeout, against the server chosen by MCTEST_SCHEME
(`--endpoint-url`, plus `--ca-bundle` over HTTPS). Over HTTPS, PutObject and UploadPart bodies
travel as aws-chunked with an unsigned CRC32 trailer; over HTTP as a plain body with an
x-amz-checksum-crc32 header (see test_boto3.py for the wire-format assertion).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from conftest import (
    TRICKY_KEYS,
    composite_crc32,
    crc32_b64,
    http_fetch,
    md5_hex,
    multipart_etag,
    random_bytes,
    sha256_file,
    unique_bucket_name,
    write_random_file,
)

MiB = 1024 * 1024
QUIET = ("--no-progress", "--only-show-errors")


def ls_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.strip()]


def ls_entries(out: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Parses `aws s3 ls` output into (prefixes, [(size, name)])."""
    prefixes, objects = [], []
    for line in ls_lines(out):
        parts = line.split(None, 3)
        if parts[0] == "PRE":
            prefixes.append(line.split("PRE ", 1)[1])
        else:
            objects.append((int(parts[2]), parts[3]))
    return prefixes, objects


# --------------------------------------------------------------------------------------------------
# High level: aws s3 ...
# --------------------------------------------------------------------------------------------------


def test_s3_mb_ls_rb(aws, bucket_name):
    assert aws("s3", "mb", f"s3://{bucket_name}").out.strip() == f"make_bucket: {bucket_name}"
    assert bucket_name in [line.split()[-1] for line in ls_lines(aws("s3", "ls").out)]
    err = aws.error("s3", "mb", f"s3://{bucket_name}")
    assert "BucketAlreadyOwnedByYou" in err
    assert aws("s3", "rb", f"s3://{bucket_name}").out.strip() == f"remove_bucket: {bucket_name}"
    assert bucket_name not in aws("s3", "ls").out
    assert "NoSuchBucket" in aws.error("s3", "ls", f"s3://{bucket_name}")


def test_s3_cp_small_up_and_down(aws, bucket, tmp_path):
    src = tmp_path / "small.txt"
    src.write_bytes(b"hello from aws-cli\n" * 50)
    out = aws("s3", "cp", src, f"s3://{bucket}/dir/small.txt", "--no-progress").out
    # aws-cli prints the local path relative to its working directory.
    assert f"upload: {os.path.relpath(src)} to s3://{bucket}/dir/small.txt" in out
    dst = tmp_path / "back.txt"
    aws("s3", "cp", f"s3://{bucket}/dir/small.txt", dst, *QUIET)
    assert dst.read_bytes() == src.read_bytes()
    head = aws.json("s3api", "head-object", "--bucket", bucket, "--key", "dir/small.txt")
    assert head["ETag"] == f'"{md5_hex(src.read_bytes())}"'
    assert head["ContentType"] == "text/plain"  # guessed from the extension by aws-cli


def test_s3_cp_stdin_and_stdout(aws, bucket):
    data = random_bytes(200_000, seed=21)
    aws("s3", "cp", "-", f"s3://{bucket}/streamed.bin", *QUIET, input=data)
    back = aws("s3", "cp", f"s3://{bucket}/streamed.bin", "-", *QUIET)
    assert back.stdout == data


def test_s3_cp_40mib_multipart_up_and_down(aws, bucket, tmp_path):
    src = write_random_file(tmp_path / "big.bin", 40 * MiB, seed=22)
    aws("s3", "cp", src, f"s3://{bucket}/big.bin", *QUIET, timeout=180)
    data = src.read_bytes()
    head = aws.json("s3api", "head-object", "--bucket", bucket, "--key", "big.bin",
                    "--checksum-mode", "ENABLED")
    assert head["ContentLength"] == 40 * MiB
    assert head["ETag"] == multipart_etag(data, 8 * MiB), "expected 5 parts of 8 MiB"
    # aws-cli's s3transfer creates the upload with ChecksumAlgorithm=CRC32 (composite checksum)
    assert head.get("ChecksumCRC32") == composite_crc32(data, 8 * MiB)
    del data

    dst = tmp_path / "back.bin"
    aws("s3", "cp", f"s3://{bucket}/big.bin", dst, *QUIET, timeout=180)
    assert dst.stat().st_size == 40 * MiB
    assert sha256_file(dst) == sha256_file(src)


def make_tree(root: Path) -> dict[str, bytes]:
    files = {
        "a.txt": b"top level\n",
        "empty.txt": b"",
        "sub/b.bin": random_bytes(70_000, seed=23),
        "sub/deeper/c.txt": b"deep\n" * 100,
        "sub/deeper/deepest/d.json": b'{"d": 4}',
        "with space/ünïcödé ✓ file.txt": "naïve café ✓\n".encode(),
        "with space/more spaces  here.txt": b"spaces",
    }
    past = time.time() - 3600  # older than any LastModified: a re-sync must find nothing to do
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content)
        os.utime(p, (past, past))
    return files


def read_tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_s3_sync_tree_up_and_down(aws, bucket, tmp_path):
    up = tmp_path / "up"
    files = make_tree(up)
    out = aws("s3", "sync", up, f"s3://{bucket}/tree", "--no-progress").out
    assert len([line for line in ls_lines(out) if line.startswith("upload: ")]) == len(files)

    _, objects = ls_entries(aws("s3", "ls", f"s3://{bucket}/tree/", "--recursive").out)
    assert sorted(name for _, name in objects) == sorted(f"tree/{rel}" for rel in files)
    assert {name: size for size, name in objects} == {f"tree/{k}": len(v) for k, v in files.items()}

    down = tmp_path / "down"
    aws("s3", "sync", f"s3://{bucket}/tree", down, *QUIET)
    assert read_tree(down) == files

    # nothing changed: a second sync in either direction transfers nothing
    assert aws("s3", "sync", up, f"s3://{bucket}/tree", "--no-progress").out.strip() == ""
    assert aws("s3", "sync", f"s3://{bucket}/tree", down, "--no-progress").out.strip() == ""

    # --delete removes what vanished locally
    (up / "sub/deeper/c.txt").unlink()
    out = aws("s3", "sync", up, f"s3://{bucket}/tree", "--delete", "--no-progress").out
    assert ls_lines(out) == [f"delete: s3://{bucket}/tree/sub/deeper/c.txt"]
    _, objects = ls_entries(aws("s3", "ls", f"s3://{bucket}/tree/", "--recursive").out)
    assert "tree/sub/deeper/c.txt" not in [name for _, name in objects]
    assert len(objects) == len(files) - 1


def test_s3_ls_buckets_prefixes_recursive(aws, s3, bucket):
    for key, body in {"a/1.txt": b"1", "a/2.txt": b"22", "a/b/3.txt": b"333", "c.txt": b"4444"}.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body)

    buckets = [line.split()[-1] for line in ls_lines(aws("s3", "ls").out)]
    assert bucket in buckets

    prefixes, objects = ls_entries(aws("s3", "ls", f"s3://{bucket}").out)
    assert prefixes == ["a/"] and objects == [(4, "c.txt")]

    prefixes, objects = ls_entries(aws("s3", "ls", f"s3://{bucket}/a/").out)
    assert prefixes == ["b/"] and objects == [(1, "1.txt"), (2, "2.txt")]

    _, objects = ls_entries(aws("s3", "ls", f"s3://{bucket}", "--recursive").out)
    assert objects == [(1, "a/1.txt"), (2, "a/2.txt"), (3, "a/b/3.txt"), (4, "c.txt")]

    # a prefix that is not a "directory": ls matches on the key prefix
    _, objects = ls_entries(aws("s3", "ls", f"s3://{bucket}/c.t").out)
    assert objects == [(4, "c.txt")]


def test_s3_rm_recursive_and_rb(aws, s3, bucket_name):
    aws("s3", "mb", f"s3://{bucket_name}")
    keys = ["x/1", "x/2", "x/y/3", "z"]
    for k in keys:
        s3.put_object(Bucket=bucket_name, Key=k, Body=b"r")
    assert "BucketNotEmpty" in aws.error("s3", "rb", f"s3://{bucket_name}")

    out = aws("s3", "rm", f"s3://{bucket_name}/x/", "--recursive").out
    assert sorted(ls_lines(out)) == sorted(f"delete: s3://{bucket_name}/{k}" for k in keys[:3])
    _, objects = ls_entries(aws("s3", "ls", f"s3://{bucket_name}", "--recursive").out)
    assert [name for _, name in objects] == ["z"]

    aws("s3", "rm", f"s3://{bucket_name}", "--recursive", "--only-show-errors")
    assert aws("s3", "ls", f"s3://{bucket_name}", "--recursive", check=False).out.strip() == ""
    assert aws("s3", "rb", f"s3://{bucket_name}").out.strip() == f"remove_bucket: {bucket_name}"


def test_s3_rb_force(aws, s3, bucket_name):
    aws("s3", "mb", f"s3://{bucket_name}")
    for k in ["f/1", "f/2", "g"]:
        s3.put_object(Bucket=bucket_name, Key=k, Body=b"f")
    aws("s3", "rb", f"s3://{bucket_name}", "--force")
    assert bucket_name not in aws("s3", "ls").out


# --------------------------------------------------------------------------------------------------
# s3api
# --------------------------------------------------------------------------------------------------


def test_s3api_put_object_metadata_type_tagging_and_head(aws, bucket, tmp_path):
    body = tmp_path / "body.dat"
    body.write_bytes(b"metadata test body")
    put = aws.json("s3api", "put-object", "--bucket", bucket, "--key", "meta/obj",
                   "--body", body, "--metadata", "colour=blue,owner=team-a",
                   "--content-type", "application/x-minicloud", "--tagging", "env=prod&team=storage")
    assert put["ETag"] == f'"{md5_hex(body.read_bytes())}"'
    assert put.get("ChecksumCRC32") == crc32_b64(body.read_bytes())

    head = aws.json("s3api", "head-object", "--bucket", bucket, "--key", "meta/obj")
    assert head["Metadata"] == {"colour": "blue", "owner": "team-a"}
    assert head["ContentType"] == "application/x-minicloud"
    assert head["ContentLength"] == len(body.read_bytes())
    assert head["ETag"] == put["ETag"]

    tags = aws.json("s3api", "get-object-tagging", "--bucket", bucket, "--key", "meta/obj")["TagSet"]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [("env", "prod"), ("team", "storage")]

    out = tmp_path / "out.dat"
    got = aws.json("s3api", "get-object", "--bucket", bucket, "--key", "meta/obj", out)
    assert got["Metadata"] == head["Metadata"]
    assert got.get("TagCount") == 2
    assert out.read_bytes() == body.read_bytes()


def test_s3api_get_object_range(aws, s3, bucket, tmp_path):
    body = bytes(range(256)) * 8  # 2048 bytes
    s3.put_object(Bucket=bucket, Key="ranged", Body=body)
    out = tmp_path / "part"
    got = aws.json("s3api", "get-object", "--bucket", bucket, "--key", "ranged",
                   "--range", "bytes=100-299", out)
    assert got["ContentRange"] == "bytes 100-299/2048"
    assert got["ContentLength"] == 200
    assert out.read_bytes() == body[100:300]

    got = aws.json("s3api", "get-object", "--bucket", bucket, "--key", "ranged", "--range", "bytes=-48", out)
    assert got["ContentRange"] == "bytes 2000-2047/2048"
    assert out.read_bytes() == body[-48:]

    err = aws.error("s3api", "get-object", "--bucket", bucket, "--key", "ranged",
                    "--range", "bytes=5000-6000", out)
    assert "InvalidRange" in err


def test_s3api_list_objects_v2_delimiter_and_prefix(aws, s3, bucket):
    for k in ["a/1", "a/2", "a/b/3", "a/b/c/4", "c", "d/5"]:
        s3.put_object(Bucket=bucket, Key=k, Body=b"l")
    top = aws.json("s3api", "list-objects-v2", "--bucket", bucket, "--delimiter", "/")
    assert [p["Prefix"] for p in top["CommonPrefixes"]] == ["a/", "d/"]
    assert [o["Key"] for o in top["Contents"]] == ["c"]

    sub = aws.json("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "a/", "--delimiter", "/")
    assert [o["Key"] for o in sub["Contents"]] == ["a/1", "a/2"]
    assert [p["Prefix"] for p in sub["CommonPrefixes"]] == ["a/b/"]

    flat = aws.json("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "a/b")
    assert [o["Key"] for o in flat["Contents"]] == ["a/b/3", "a/b/c/4"]
    assert "CommonPrefixes" not in flat


def test_s3api_list_objects_v2_pagination(aws, s3, bucket):
    keys = sorted(f"page/{i:03d}" for i in range(25))
    for k in keys:
        s3.put_object(Bucket=bucket, Key=k, Body=b"p")
    seen: list[str] = []
    token = None
    rounds = 0
    while True:
        args = ["s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "page/",
                "--page-size", "4", "--max-items", "10"]
        if token:
            args += ["--starting-token", token]
        resp = aws.json(*args)
        seen += [o["Key"] for o in resp.get("Contents", [])]
        token = resp.get("NextToken")
        rounds += 1
        if not token:
            break
        assert rounds < 10, "pagination does not terminate"
    assert rounds == 3
    assert len(seen) == len(set(seen)), "a key was returned twice"
    assert seen == keys


def test_s3api_delete_objects(aws, s3, bucket):
    for k in ["d1", "d2", "d3"]:
        s3.put_object(Bucket=bucket, Key=k, Body=b"d")
    resp = aws.json("s3api", "delete-objects", "--bucket", bucket, "--delete", json.dumps({
        "Objects": [{"Key": "d1"}, {"Key": "d2"}, {"Key": "missing"}], "Quiet": False}))
    assert sorted(d["Key"] for d in resp["Deleted"]) == ["d1", "d2", "missing"]
    assert "Errors" not in resp
    quiet = aws.json("s3api", "delete-objects", "--bucket", bucket, "--delete",
                     json.dumps({"Objects": [{"Key": "d3"}], "Quiet": True}))
    assert "Deleted" not in quiet and "Errors" not in quiet
    # aws-cli merges pages and keeps only the aggregated keys; KeyCount is on the raw page.
    assert "Contents" not in aws.json("s3api", "list-objects-v2", "--bucket", bucket)
    assert aws.json("s3api", "list-objects-v2", "--bucket", bucket, "--no-paginate").get("KeyCount") == 0


def test_s3api_copy_object_copy_and_replace(aws, s3, bucket):
    src_key = "src/ü nï.txt"
    put = s3.put_object(Bucket=bucket, Key=src_key, Body=b"copy source", ContentType="text/plain",
                        Metadata={"origin": "src"})
    copied = aws.json("s3api", "copy-object", "--bucket", bucket, "--key", "dst/copy",
                      "--copy-source", f"{bucket}/{src_key}")
    assert copied["CopyObjectResult"]["ETag"] == put["ETag"]
    head = aws.json("s3api", "head-object", "--bucket", bucket, "--key", "dst/copy")
    assert head["Metadata"] == {"origin": "src"}
    assert head["ContentType"] == "text/plain"

    aws.json("s3api", "copy-object", "--bucket", bucket, "--key", "dst/replaced",
             "--copy-source", f"{bucket}/{src_key}", "--metadata-directive", "REPLACE",
             "--metadata", "fresh=yes", "--content-type", "application/octet-stream")
    head = aws.json("s3api", "head-object", "--bucket", bucket, "--key", "dst/replaced")
    assert head["Metadata"] == {"fresh": "yes"}
    assert head["ContentType"] == "application/octet-stream"
    assert s3.get_object(Bucket=bucket, Key="dst/replaced")["Body"].read() == b"copy source"


def _mpu_create(aws, bucket, key):
    return aws.json("s3api", "create-multipart-upload", "--bucket", bucket, "--key", key)["UploadId"]


def _mpu_part(aws, bucket, key, uid, number, path):
    return aws.json("s3api", "upload-part", "--bucket", bucket, "--key", key, "--upload-id", uid,
                    "--part-number", str(number), "--body", path)["ETag"]


def _mpu_complete(aws, bucket, key, uid, parts, check=True):
    doc = json.dumps({"Parts": [{"PartNumber": n, "ETag": e} for n, e in parts]})
    args = ("s3api", "complete-multipart-upload", "--bucket", bucket, "--key", key,
            "--upload-id", uid, "--multipart-upload", doc)
    return aws.json(*args) if check else aws.error(*args)


def test_s3api_multipart_by_hand(aws, bucket, tmp_path):
    p1 = tmp_path / "p1"
    p2 = tmp_path / "p2"
    p1.write_bytes(random_bytes(5 * MiB, seed=24))
    p2.write_bytes(random_bytes(MiB // 2, seed=25))
    uid = _mpu_create(aws, bucket, "mp/obj")
    e1 = _mpu_part(aws, bucket, "mp/obj", uid, 1, p1)
    e2 = _mpu_part(aws, bucket, "mp/obj", uid, 2, p2)
    assert (e1, e2) == (f'"{md5_hex(p1.read_bytes())}"', f'"{md5_hex(p2.read_bytes())}"')

    parts = aws.json("s3api", "list-parts", "--bucket", bucket, "--key", "mp/obj", "--upload-id", uid)
    assert [(p["PartNumber"], p["ETag"], p["Size"]) for p in parts["Parts"]] == [
        (1, e1, 5 * MiB), (2, e2, MiB // 2)]

    uploads = aws.json("s3api", "list-multipart-uploads", "--bucket", bucket)
    assert [u["UploadId"] for u in uploads["Uploads"]] == [uid]

    done = _mpu_complete(aws, bucket, "mp/obj", uid, [(1, e1), (2, e2)])
    whole = p1.read_bytes() + p2.read_bytes()
    assert done["ETag"] == multipart_etag(whole, 5 * MiB)
    out = tmp_path / "out"
    aws.json("s3api", "get-object", "--bucket", bucket, "--key", "mp/obj", out)
    assert out.read_bytes() == whole


def test_s3api_multipart_entity_too_small(aws, bucket, tmp_path):
    small = tmp_path / "small"
    small.write_bytes(b"s" * 1024)
    uid = _mpu_create(aws, bucket, "tiny")
    e1 = _mpu_part(aws, bucket, "tiny", uid, 1, small)
    e2 = _mpu_part(aws, bucket, "tiny", uid, 2, small)
    err = _mpu_complete(aws, bucket, "tiny", uid, [(1, e1), (2, e2)], check=False)
    assert "(EntityTooSmall)" in err


def test_s3api_multipart_invalid_part_order(aws, bucket, tmp_path):
    big = tmp_path / "big"
    big.write_bytes(random_bytes(5 * MiB, seed=26))
    tail = tmp_path / "tail"
    tail.write_bytes(b"tail")
    uid = _mpu_create(aws, bucket, "order")
    e1 = _mpu_part(aws, bucket, "order", uid, 1, big)
    e2 = _mpu_part(aws, bucket, "order", uid, 2, tail)
    err = _mpu_complete(aws, bucket, "order", uid, [(2, e2), (1, e1)], check=False)
    assert "(InvalidPartOrder)" in err
    _mpu_complete(aws, bucket, "order", uid, [(1, e1), (2, e2)])


def test_s3api_abort_multipart_upload(aws, bucket, tmp_path):
    part = tmp_path / "part"
    part.write_bytes(b"abandoned")
    uid = _mpu_create(aws, bucket, "aborted")
    _mpu_part(aws, bucket, "aborted", uid, 1, part)
    aws("s3api", "abort-multipart-upload", "--bucket", bucket, "--key", "aborted", "--upload-id", uid)
    err = aws.error("s3api", "list-parts", "--bucket", bucket, "--key", "aborted", "--upload-id", uid)
    assert "(NoSuchUpload)" in err
    assert aws.json("s3api", "list-multipart-uploads", "--bucket", bucket).get("Uploads", []) == []


def test_s3api_object_tagging(aws, s3, bucket):
    s3.put_object(Bucket=bucket, Key="tagme", Body=b"t")
    assert aws.json("s3api", "get-object-tagging", "--bucket", bucket, "--key", "tagme")["TagSet"] == []
    aws("s3api", "put-object-tagging", "--bucket", bucket, "--key", "tagme",
        "--tagging", "TagSet=[{Key=env,Value=dev},{Key=cost centre,Value=42}]")
    tags = aws.json("s3api", "get-object-tagging", "--bucket", bucket, "--key", "tagme")["TagSet"]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [("cost centre", "42"), ("env", "dev")]
    aws("s3api", "delete-object-tagging", "--bucket", bucket, "--key", "tagme")
    assert aws.json("s3api", "get-object-tagging", "--bucket", bucket, "--key", "tagme")["TagSet"] == []


def test_s3api_get_bucket_location(aws, bucket):
    assert aws.json("s3api", "get-bucket-location", "--bucket", bucket) == {"LocationConstraint": None}


def test_s3api_list_object_versions(aws, s3, bucket):
    s3.put_object(Bucket=bucket, Key="v/a", Body=b"a")
    s3.put_object(Bucket=bucket, Key="v/b", Body=b"bb")
    resp = aws.json("s3api", "list-object-versions", "--bucket", bucket)
    assert [(v["Key"], v["VersionId"], v["IsLatest"], v["Size"]) for v in resp["Versions"]] == [
        ("v/a", "null", True, 1), ("v/b", "null", True, 2)]


def test_s3api_errors(aws, bucket):
    missing = unique_bucket_name("missing")
    assert "(NoSuchKey)" in aws.error("s3api", "get-object", "--bucket", bucket, "--key", "nope", os.devnull)
    assert "(404)" in aws.error("s3api", "head-object", "--bucket", bucket, "--key", "nope")
    assert "(NoSuchBucket)" in aws.error("s3api", "list-objects-v2", "--bucket", missing)
    assert "(BucketAlreadyOwnedByYou)" in aws.error("s3api", "create-bucket", "--bucket", bucket)


def test_s3api_tricky_keys(aws, s3, bucket, tmp_path):
    body = tmp_path / "body"
    for key in TRICKY_KEYS:
        body.write_bytes(("aws-cli " + key).encode())
        aws("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", body)
    listed = aws.json("s3api", "list-objects-v2", "--bucket", bucket)  # encoding-type url, decoded
    assert [o["Key"] for o in listed["Contents"]] == sorted(TRICKY_KEYS, key=lambda k: k.encode())
    for key in ["../x", "a//b", "new\nline", "pct%20", "plus+"]:
        head = aws.json("s3api", "head-object", "--bucket", bucket, "--key", key)
        assert head["ContentLength"] == len(("aws-cli " + key).encode()), key
    for key in TRICKY_KEYS:  # contents checked through boto3 to keep the run short
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == ("aws-cli " + key).encode()


# --------------------------------------------------------------------------------------------------
# Presigned URLs
# --------------------------------------------------------------------------------------------------


@pytest.fixture(params=["default", "s3v4"])
def presign_aws(request, aws, tmp_path):
    """aws-cli with its default presign signature (SigV2 query auth for S3 in aws-cli v1), and
    with `s3.signature_version = s3v4` in the config file (SigV4 query auth)."""
    if request.param == "default":
        return aws
    from conftest import AwsCli

    config = tmp_path / "aws-config-s3v4"
    config.write_text("[default]\ns3 =\n    signature_version = s3v4\n")
    cli = AwsCli(aws.target)
    cli.env = dict(aws.env, AWS_CONFIG_FILE=str(config))
    cli.signature = "s3v4"
    return cli


def test_s3_presign_get(presign_aws, s3, target, bucket):
    s3.put_object(Bucket=bucket, Key="shared/ü file.txt", Body=b"presigned content")
    url = presign_aws("s3", "presign", f"s3://{bucket}/shared/ü file.txt", "--expires-in", "300").out.strip()
    if getattr(presign_aws, "signature", None) == "s3v4":
        assert "X-Amz-Algorithm=AWS4-HMAC-SHA256" in url
    status, _, body = http_fetch(target, url)
    assert (status, body) == (200, b"presigned content"), body[:500]


def test_s3_presign_expired(presign_aws, s3, target, bucket):
    s3.put_object(Bucket=bucket, Key="short-lived", Body=b"x")
    url = presign_aws("s3", "presign", f"s3://{bucket}/short-lived", "--expires-in", "1").out.strip()
    deadline = time.monotonic() + 10
    while True:
        status, _, body = http_fetch(target, url)
        if status != 200:
            break
        assert time.monotonic() < deadline, "presigned URL still valid 10 s after a 1 s expiry"
        time.sleep(0.25)  # polling interval while waiting for the clock, not synchronisation
    assert status == 403, body[:500]
    assert b"<Code>AccessDenied</Code>" in body, body[:500]
    assert b"Request has expired" in body, body[:500]


# --------------------------------------------------------------------------------------------------
# Server-side encryption (SSE-S3)
# --------------------------------------------------------------------------------------------------


def test_s3_cp_sse_aes256_single_multipart_and_copy(aws, bucket, tmp_path):
    small = tmp_path / "small.bin"
    small.write_bytes(random_bytes(100_000, seed=71))
    big = write_random_file(tmp_path / "big.bin", 12 * MiB, seed=72)  # 2 parts of 8 MiB with defaults
    aws("s3", "cp", small, f"s3://{bucket}/small.bin", "--sse", "AES256", *QUIET)
    aws("s3", "cp", big, f"s3://{bucket}/big.bin", "--sse", "AES256", *QUIET, timeout=180)
    aws("s3", "cp", f"s3://{bucket}/small.bin", f"s3://{bucket}/copy.bin", "--sse", "AES256", *QUIET)
    aws("s3", "cp", f"s3://{bucket}/small.bin", f"s3://{bucket}/plain-copy.bin", *QUIET)
    for key, expected in (("small.bin", "AES256"), ("big.bin", "AES256"), ("copy.bin", "AES256"),
                          ("plain-copy.bin", None)):
        head = aws.json("s3api", "head-object", "--bucket", bucket, "--key", key)
        assert head.get("ServerSideEncryption") == expected, key
    assert aws.json("s3api", "head-object", "--bucket", bucket, "--key", "big.bin")["ETag"] == \
        multipart_etag(big.read_bytes(), 8 * MiB)

    for key, src in (("small.bin", small), ("big.bin", big), ("copy.bin", small), ("plain-copy.bin", small)):
        dst = tmp_path / f"back-{key}"
        aws("s3", "cp", f"s3://{bucket}/{key}", dst, *QUIET, timeout=180)
        assert sha256_file(dst) == sha256_file(src), key

    out = tmp_path / "range"
    got = aws.json("s3api", "get-object", "--bucket", bucket, "--key", "big.bin",
                   "--range", "bytes=8388600-8388700", out)
    assert got["ServerSideEncryption"] == "AES256"
    assert out.read_bytes() == big.read_bytes()[8388600:8388701]

    err = aws.error("s3", "cp", small, f"s3://{bucket}/kms.bin", "--sse", "aws:kms", *QUIET)
    assert "NotImplemented" in err


def test_s3api_put_get_delete_bucket_encryption(aws, bucket, tmp_path):
    err = aws.error("s3api", "get-bucket-encryption", "--bucket", bucket)
    assert "ServerSideEncryptionConfigurationNotFoundError" in err
    config = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
    aws("s3api", "put-bucket-encryption", "--bucket", bucket,
        "--server-side-encryption-configuration", json.dumps(config))
    got = aws.json("s3api", "get-bucket-encryption", "--bucket", bucket)
    rules = got["ServerSideEncryptionConfiguration"]["Rules"]
    assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"

    body = tmp_path / "by-default.txt"
    body.write_bytes(b"encrypted by the bucket default\n" * 100)
    put = aws.json("s3api", "put-object", "--bucket", bucket, "--key", "d", "--body", body)
    assert put["ServerSideEncryption"] == "AES256"
    out = tmp_path / "out"
    assert aws.json("s3api", "get-object", "--bucket", bucket, "--key", "d", out)["ServerSideEncryption"] == "AES256"
    assert out.read_bytes() == body.read_bytes()

    bad = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}
    assert "NotImplemented" in aws.error("s3api", "put-bucket-encryption", "--bucket", bucket,
                                         "--server-side-encryption-configuration", json.dumps(bad))
    aws("s3api", "delete-bucket-encryption", "--bucket", bucket)
    assert "ServerSideEncryptionConfigurationNotFoundError" in aws.error(
        "s3api", "get-bucket-encryption", "--bucket", bucket)
    put = aws.json("s3api", "put-object", "--bucket", bucket, "--key", "plain", "--body", body)
    assert "ServerSideEncryption" not in put
