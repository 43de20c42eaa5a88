"""boto3 (default settings) against MiniCloud's S3 API, over the scheme chosen by MCTEST_SCHEME.

Wire format of checksummed uploads with default botocore settings (request_checksum_calculation
= when_supported), asserted by test_wire_format_of_default_checksums:
  - PutObject / UploadPart (streaming input) over HTTPS: Content-Encoding: aws-chunked,
    x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER, x-amz-trailer: x-amz-checksum-crc32,
    x-amz-decoded-content-length; the CRC32 travels in the trailer after the last chunk.
  - the same over HTTP: a plain body, signed payload hash, x-amz-checksum-crc32 header.
  - DeleteObjects, PutObjectTagging, CompleteMultipartUpload...: a plain body with an
    x-amz-checksum-crc32 header under both schemes (no streaming input).
"""

from __future__ import annotations

import base64
import hashlib
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import (
    TRICKY_KEYS,
    composite_crc32,
    crc32_b64,
    error_code,
    http_fetch,
    http_status,
    make_client,
    md5_hex,
    multipart_etag,
    random_bytes,
    sha256_file,
    unique_bucket_name,
    write_random_file,
)

MiB = 1024 * 1024


def expect_error(code: str, status: int, fn, *args, **kwargs) -> ClientError:
    with pytest.raises(ClientError) as info:
        fn(*args, **kwargs)
    err = info.value
    assert (error_code(err), http_status(err)) == (code, status), err.response
    return err


# --------------------------------------------------------------------------------------------------
# Objects: put / get / head with default checksums
# --------------------------------------------------------------------------------------------------


def test_put_get_default_crc32_checksum(s3, bucket):
    body = random_bytes(300_000, seed=1)
    put = s3.put_object(Bucket=bucket, Key="obj.bin", Body=body)
    assert put["ETag"] == f'"{md5_hex(body)}"'
    # botocore sent a CRC32 (default algorithm); S3 echoes the checksum it stored.
    assert put.get("ChecksumCRC32") == crc32_b64(body)

    got = s3.get_object(Bucket=bucket, Key="obj.bin", ChecksumMode="ENABLED")
    data = got["Body"].read()  # botocore validates the CRC32 while reading
    assert data == body
    assert got["ChecksumCRC32"] == crc32_b64(body)
    assert got.get("ChecksumType") == "FULL_OBJECT"
    assert got["ContentLength"] == len(body)
    assert got["ETag"] == put["ETag"]

    head = s3.head_object(Bucket=bucket, Key="obj.bin", ChecksumMode="ENABLED")
    assert head["ChecksumCRC32"] == crc32_b64(body)
    assert head["ContentLength"] == len(body)
    assert head["ETag"] == put["ETag"]


def test_put_get_file_object_body(s3, bucket, tmp_path):
    path = write_random_file(tmp_path / "f.bin", 3 * MiB + 17, seed=2)
    with open(path, "rb") as f:
        put = s3.put_object(Bucket=bucket, Key="file.bin", Body=f)
    data = path.read_bytes()
    assert put["ETag"] == f'"{md5_hex(data)}"'
    got = s3.get_object(Bucket=bucket, Key="file.bin", ChecksumMode="ENABLED")
    assert got["Body"].read() == data
    assert got["ChecksumCRC32"] == crc32_b64(data)


def test_put_empty_object(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="empty", Body=b"")
    assert put["ETag"] == '"d41d8cd98f00b204e9800998ecf8427e"'
    got = s3.get_object(Bucket=bucket, Key="empty", ChecksumMode="ENABLED")
    assert got["Body"].read() == b""
    assert got["ContentLength"] == 0
    assert got["ChecksumCRC32"] == crc32_b64(b"")


@pytest.mark.parametrize("algorithm", ["SHA256", "SHA1", "CRC32"])
def test_put_with_explicit_checksum_algorithm(s3, bucket, algorithm):
    body = random_bytes(70_000, seed=3)
    put = s3.put_object(Bucket=bucket, Key="k", Body=body, ChecksumAlgorithm=algorithm)
    expected = {
        "SHA256": base64.b64encode(hashlib.sha256(body).digest()).decode(),
        "SHA1": base64.b64encode(hashlib.sha1(body).digest()).decode(),
        "CRC32": crc32_b64(body),
    }[algorithm]
    assert put[f"Checksum{algorithm}"] == expected
    got = s3.get_object(Bucket=bucket, Key="k", ChecksumMode="ENABLED")
    assert got["Body"].read() == body
    assert got[f"Checksum{algorithm}"] == expected


def test_put_metadata_content_type_and_head(s3, bucket):
    s3.put_object(
        Bucket=bucket, Key="m.txt", Body=b"hello",
        ContentType="text/x-minicloud", Metadata={"colour": "blue", "Mixed-Case": "Value 1"},
        CacheControl="max-age=60", ContentDisposition='attachment; filename="m.txt"',
    )
    head = s3.head_object(Bucket=bucket, Key="m.txt")
    assert head["ContentType"] == "text/x-minicloud"
    # user metadata keys come back lower-cased
    assert head["Metadata"] == {"colour": "blue", "mixed-case": "Value 1"}
    assert head["CacheControl"] == "max-age=60"
    assert head["ContentDisposition"] == 'attachment; filename="m.txt"'
    assert head["ContentLength"] == 5
    assert head["AcceptRanges"] == "bytes"
    assert "LastModified" in head
    got = s3.get_object(Bucket=bucket, Key="m.txt")
    assert got["Metadata"] == head["Metadata"]
    assert got["Body"].read() == b"hello"


def test_get_object_ranges(s3, bucket):
    body = bytes(range(256)) * 4  # 1024 bytes
    s3.put_object(Bucket=bucket, Key="r", Body=body)
    cases = {
        "bytes=0-0": (body[0:1], "bytes 0-0/1024"),
        "bytes=100-199": (body[100:200], "bytes 100-199/1024"),
        "bytes=1000-": (body[1000:], "bytes 1000-1023/1024"),
        "bytes=-10": (body[-10:], "bytes 1014-1023/1024"),
        "bytes=1000-5000": (body[1000:], "bytes 1000-1023/1024"),
    }
    for rng, (expected, content_range) in cases.items():
        got = s3.get_object(Bucket=bucket, Key="r", Range=rng)
        assert got["ResponseMetadata"]["HTTPStatusCode"] == 206, rng
        assert got["ContentRange"] == content_range, rng
        assert got["ContentLength"] == len(expected), rng
        assert got["Body"].read() == expected, rng
    # a range that starts past the end is not satisfiable
    expect_error("InvalidRange", 416, s3.get_object, Bucket=bucket, Key="r", Range="bytes=2000-3000")


def test_conditional_get(s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="c", Body=b"conditional")["ETag"]
    expect_error("304", 304, s3.get_object, Bucket=bucket, Key="c", IfNoneMatch=etag)
    expect_error("PreconditionFailed", 412, s3.get_object, Bucket=bucket, Key="c", IfMatch='"0000"')
    assert s3.get_object(Bucket=bucket, Key="c", IfMatch=etag)["Body"].read() == b"conditional"


def test_overwrite_and_delete_object(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"one")
    s3.put_object(Bucket=bucket, Key="k", Body=b"two-two")
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"two-two"
    assert s3.delete_object(Bucket=bucket, Key="k")["ResponseMetadata"]["HTTPStatusCode"] == 204
    expect_error("NoSuchKey", 404, s3.get_object, Bucket=bucket, Key="k")
    # deleting a missing key succeeds (204)
    assert s3.delete_object(Bucket=bucket, Key="k")["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_wire_format_of_default_checksums(s3, target, bucket):
    """Records what botocore puts on the wire; documents the aws-chunked / header split."""
    seen = {}

    def record(request, **kwargs):
        op = kwargs["event_name"].split(".")[-1]
        seen[op] = {k.lower(): (v.decode() if isinstance(v, bytes) else v)
                    for k, v in request.headers.items()}

    s3.meta.events.register("before-send.s3.*", record)
    try:
        s3.put_object(Bucket=bucket, Key="w", Body=b"wire format")
        try:  # only what was sent matters here; DeleteObjects itself is tested below
            s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "w"}]})
        except ClientError:
            pass
    finally:
        s3.meta.events.unregister("before-send.s3.*", record)

    put = seen["PutObject"]
    if target.https:
        assert put["x-amz-content-sha256"] == "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
        assert "aws-chunked" in put["content-encoding"]
        assert put["x-amz-trailer"] == "x-amz-checksum-crc32"
        assert put["x-amz-decoded-content-length"] == str(len(b"wire format"))
        assert "x-amz-checksum-crc32" not in put
    else:
        assert put["x-amz-checksum-crc32"] == crc32_b64(b"wire format")
        assert put["x-amz-content-sha256"] == hashlib.sha256(b"wire format").hexdigest()
        assert "aws-chunked" not in put.get("content-encoding", "")
    assert put["x-amz-sdk-checksum-algorithm"] == "CRC32"
    dele = seen["DeleteObjects"]
    assert "x-amz-checksum-crc32" in dele
    assert "aws-chunked" not in dele.get("content-encoding", "")


# --------------------------------------------------------------------------------------------------
# Transfers (multipart through s3transfer, default TransferConfig)
# --------------------------------------------------------------------------------------------------


def test_upload_file_and_download_file_20mib(s3, bucket, tmp_path):
    src = write_random_file(tmp_path / "big.bin", 20 * MiB, seed=4)
    s3.upload_file(str(src), bucket, "dir/big.bin")  # default: 8 MiB threshold and part size
    data = src.read_bytes()

    head = s3.head_object(Bucket=bucket, Key="dir/big.bin", ChecksumMode="ENABLED")
    assert head["ContentLength"] == 20 * MiB
    assert head["ETag"] == multipart_etag(data, 8 * MiB)  # 3 parts: 8 + 8 + 4 MiB
    # s3transfer creates the upload with ChecksumAlgorithm=CRC32: a COMPOSITE checksum
    assert head.get("ChecksumCRC32") == composite_crc32(data, 8 * MiB)
    assert head.get("ChecksumType") == "COMPOSITE"

    dst = tmp_path / "back.bin"
    s3.download_file(bucket, "dir/big.bin", str(dst))  # ranged GETs in parallel
    assert sha256_file(dst) == sha256_file(src)

    got = s3.get_object(Bucket=bucket, Key="dir/big.bin", PartNumber=2)
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert got["PartsCount"] == 3
    assert got["Body"].read() == data[8 * MiB:16 * MiB]


def test_upload_fileobj_small_is_single_put(s3, bucket, tmp_path):
    src = write_random_file(tmp_path / "small.bin", 1 * MiB, seed=5)
    with open(src, "rb") as f:
        s3.upload_fileobj(f, bucket, "small.bin", Config=TransferConfig())
    head = s3.head_object(Bucket=bucket, Key="small.bin")
    assert head["ETag"] == f'"{md5_hex(src.read_bytes())}"'


# --------------------------------------------------------------------------------------------------
# Listing
# --------------------------------------------------------------------------------------------------


N_KEYS = 2500


@pytest.fixture(scope="module")
def big_bucket(s3):
    """One bucket with 2,500 keys spread over a few prefixes, shared by the listing tests."""
    from conftest import empty_and_delete_bucket

    name = unique_bucket_name("listing")
    s3.create_bucket(Bucket=name)
    keys = [f"p{i % 5}/{i:05d}" if i % 3 else f"k{i:05d}" for i in range(N_KEYS)]

    def put(key):
        s3.put_object(Bucket=name, Key=key, Body=key.encode())

    with ThreadPoolExecutor(max_workers=8) as pool:  # bounded: 8 in flight (pool size is 10)
        list(pool.map(put, keys))
    yield name, sorted(keys)
    empty_and_delete_bucket(s3, name)


def test_list_objects_v2_paginator_2500_keys(s3, big_bucket):
    name, keys = big_bucket
    seen = []
    pages = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=name):
        pages += 1
        contents = page.get("Contents", [])
        assert page["KeyCount"] == len(contents)
        assert len(contents) <= 1000
        seen += [o["Key"] for o in contents]
    assert pages == 3
    assert len(seen) == len(set(seen)), "a key was returned twice"
    assert set(seen) == set(keys), f"missing: {sorted(set(keys) - set(seen))[:5]}"
    assert seen == keys, "keys not in lexicographic (UTF-8 binary) order"


def test_list_objects_v2_small_pages_and_start_after(s3, big_bucket):
    name, keys = big_bucket
    seen = []
    for page in s3.get_paginator("list_objects_v2").paginate(
            Bucket=name, Prefix="p3/", PaginationConfig={"PageSize": 77}):
        assert page["MaxKeys"] == 77
        seen += [o["Key"] for o in page.get("Contents", [])]
    assert seen == [k for k in keys if k.startswith("p3/")]
    after = s3.list_objects_v2(Bucket=name, StartAfter=keys[1234], MaxKeys=5)
    assert [o["Key"] for o in after["Contents"]] == keys[1235:1240]
    assert after["IsTruncated"] is True


def test_list_objects_v2_delimiter_over_2500_keys(s3, big_bucket):
    name, keys = big_bucket
    prefixes, plain = [], []
    for page in s3.get_paginator("list_objects_v2").paginate(
            Bucket=name, Delimiter="/", PaginationConfig={"PageSize": 100}):
        prefixes += [p["Prefix"] for p in page.get("CommonPrefixes", [])]
        plain += [o["Key"] for o in page.get("Contents", [])]
    assert prefixes == [f"p{i}/" for i in range(5)]
    assert plain == [k for k in keys if "/" not in k]


def test_list_objects_v1_paginator(s3, big_bucket):
    name, keys = big_bucket
    seen = []
    for page in s3.get_paginator("list_objects").paginate(Bucket=name, PaginationConfig={"PageSize": 600}):
        seen += [o["Key"] for o in page.get("Contents", [])]
    assert seen == keys


def test_list_objects_v2_delimiter_and_prefix(s3, bucket):
    for k in ["a/1.txt", "a/2.txt", "a/b/3.txt", "a/b/c/4.txt", "c.txt", "d/"]:
        s3.put_object(Bucket=bucket, Key=k, Body=b"x")
    top = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    assert [p["Prefix"] for p in top["CommonPrefixes"]] == ["a/", "d/"]
    assert [o["Key"] for o in top["Contents"]] == ["c.txt"]
    assert top["KeyCount"] == 3
    sub = s3.list_objects_v2(Bucket=bucket, Delimiter="/", Prefix="a/")
    assert [o["Key"] for o in sub["Contents"]] == ["a/1.txt", "a/2.txt"]
    assert [p["Prefix"] for p in sub["CommonPrefixes"]] == ["a/b/"]
    assert sub["Prefix"] == "a/"
    obj = sub["Contents"][0]
    assert obj["Size"] == 1 and obj["ETag"] == f'"{md5_hex(b"x")}"'
    assert obj["StorageClass"] == "STANDARD"
    none = s3.list_objects_v2(Bucket=bucket, Prefix="zzz")
    assert none["KeyCount"] == 0 and "Contents" not in none


# --------------------------------------------------------------------------------------------------
# DeleteObjects
# --------------------------------------------------------------------------------------------------


def test_delete_objects_verbose_and_quiet(s3, bucket):
    for k in ["k1", "k2", "k3", "k4", "x&y<z>"]:
        s3.put_object(Bucket=bucket, Key=k, Body=b"d")
    verbose = s3.delete_objects(Bucket=bucket, Delete={
        "Objects": [{"Key": "k1"}, {"Key": "x&y<z>"}, {"Key": "never-existed"}], "Quiet": False})
    # S3 reports a missing key as deleted too
    assert sorted(d["Key"] for d in verbose["Deleted"]) == ["k1", "never-existed", "x&y<z>"]
    assert verbose.get("Errors", []) == []

    quiet = s3.delete_objects(Bucket=bucket, Delete={
        "Objects": [{"Key": "k2"}, {"Key": "k3"}], "Quiet": True})
    assert quiet.get("Deleted", []) == []
    assert quiet.get("Errors", []) == []

    left = s3.list_objects_v2(Bucket=bucket)
    assert [o["Key"] for o in left["Contents"]] == ["k4"]


def test_delete_objects_malformed(s3, bucket):
    # more than 1000 keys is rejected by S3 (MalformedXML)
    expect_error("MalformedXML", 400, s3.delete_objects, Bucket=bucket,
                 Delete={"Objects": [{"Key": f"k{i}"} for i in range(1001)]})


# --------------------------------------------------------------------------------------------------
# CopyObject
# --------------------------------------------------------------------------------------------------


def test_copy_object_copy_and_replace_metadata(s3, bucket):
    src_key = "src dir/ünï+%.txt"
    body = b"copy me" * 1000
    put = s3.put_object(Bucket=bucket, Key=src_key, Body=body, ContentType="text/plain",
                        Metadata={"origin": "source"})
    other = unique_bucket_name("copy-dst")
    s3.create_bucket(Bucket=other)
    try:
        copied = s3.copy_object(Bucket=other, Key="copy", CopySource={"Bucket": bucket, "Key": src_key})
        assert copied["CopyObjectResult"]["ETag"] == put["ETag"]
        head = s3.head_object(Bucket=other, Key="copy")
        assert head["Metadata"] == {"origin": "source"}
        assert head["ContentType"] == "text/plain"
        assert s3.get_object(Bucket=other, Key="copy")["Body"].read() == body

        s3.copy_object(Bucket=other, Key="replaced", CopySource={"Bucket": bucket, "Key": src_key},
                       MetadataDirective="REPLACE", Metadata={"new": "1"}, ContentType="application/json")
        head = s3.head_object(Bucket=other, Key="replaced")
        assert head["Metadata"] == {"new": "1"}
        assert head["ContentType"] == "application/json"
        assert s3.get_object(Bucket=other, Key="replaced")["Body"].read() == body
    finally:
        from conftest import empty_and_delete_bucket
        empty_and_delete_bucket(s3, other)


def test_copy_object_onto_itself(s3, bucket):
    s3.put_object(Bucket=bucket, Key="self", Body=b"same", Metadata={"v": "1"})
    # copying an object onto itself without changing anything is illegal
    expect_error("InvalidRequest", 400, s3.copy_object, Bucket=bucket, Key="self",
                 CopySource={"Bucket": bucket, "Key": "self"})
    # ... but allowed with REPLACE: the way to update metadata in place
    s3.copy_object(Bucket=bucket, Key="self", CopySource={"Bucket": bucket, "Key": "self"},
                   MetadataDirective="REPLACE", Metadata={"v": "2"})
    head = s3.head_object(Bucket=bucket, Key="self")
    assert head["Metadata"] == {"v": "2"}
    assert s3.get_object(Bucket=bucket, Key="self")["Body"].read() == b"same"


def test_copy_object_missing_source(s3, bucket):
    expect_error("NoSuchKey", 404, s3.copy_object, Bucket=bucket, Key="dst",
                 CopySource={"Bucket": bucket, "Key": "does-not-exist"})


# --------------------------------------------------------------------------------------------------
# Multipart by hand
# --------------------------------------------------------------------------------------------------


def test_multipart_by_hand(s3, bucket):
    part1, part2 = random_bytes(5 * MiB, seed=6), random_bytes(1 * MiB + 3, seed=7)
    up = s3.create_multipart_upload(Bucket=bucket, Key="mp", ContentType="application/x-test",
                                    Metadata={"m": "1"})
    uid = up["UploadId"]
    assert up["Bucket"] == bucket and up["Key"] == "mp"

    listed = s3.list_multipart_uploads(Bucket=bucket)
    assert [(u["Key"], u["UploadId"]) for u in listed["Uploads"]] == [("mp", uid)]

    e1 = s3.upload_part(Bucket=bucket, Key="mp", UploadId=uid, PartNumber=1, Body=part1)["ETag"]
    e2 = s3.upload_part(Bucket=bucket, Key="mp", UploadId=uid, PartNumber=2, Body=part2)["ETag"]
    assert e1 == f'"{md5_hex(part1)}"' and e2 == f'"{md5_hex(part2)}"'

    parts = s3.list_parts(Bucket=bucket, Key="mp", UploadId=uid)
    assert [(p["PartNumber"], p["ETag"], p["Size"]) for p in parts["Parts"]] == [
        (1, e1, len(part1)), (2, e2, len(part2))]

    done = s3.complete_multipart_upload(Bucket=bucket, Key="mp", UploadId=uid, MultipartUpload={
        "Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]})
    whole = part1 + part2
    assert done["ETag"] == multipart_etag(whole, 5 * MiB)
    assert done["Key"] == "mp"

    got = s3.get_object(Bucket=bucket, Key="mp")
    assert got["Body"].read() == whole
    assert got["ContentType"] == "application/x-test"
    assert got["Metadata"] == {"m": "1"}
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    expect_error("NoSuchUpload", 404, s3.list_parts, Bucket=bucket, Key="mp", UploadId=uid)


def test_multipart_with_crc32_parts(s3, bucket):
    part1, part2 = random_bytes(5 * MiB, seed=8), random_bytes(100, seed=9)
    uid = s3.create_multipart_upload(Bucket=bucket, Key="c", ChecksumAlgorithm="CRC32")["UploadId"]
    r1 = s3.upload_part(Bucket=bucket, Key="c", UploadId=uid, PartNumber=1, Body=part1, ChecksumAlgorithm="CRC32")
    r2 = s3.upload_part(Bucket=bucket, Key="c", UploadId=uid, PartNumber=2, Body=part2, ChecksumAlgorithm="CRC32")
    assert r1["ChecksumCRC32"] == crc32_b64(part1) and r2["ChecksumCRC32"] == crc32_b64(part2)
    s3.complete_multipart_upload(Bucket=bucket, Key="c", UploadId=uid, MultipartUpload={"Parts": [
        {"PartNumber": 1, "ETag": r1["ETag"], "ChecksumCRC32": r1["ChecksumCRC32"]},
        {"PartNumber": 2, "ETag": r2["ETag"], "ChecksumCRC32": r2["ChecksumCRC32"]}]})
    head = s3.head_object(Bucket=bucket, Key="c", ChecksumMode="ENABLED")
    assert head["ChecksumCRC32"] == composite_crc32(part1 + part2, 5 * MiB)


def test_multipart_entity_too_small(s3, bucket):
    uid = s3.create_multipart_upload(Bucket=bucket, Key="small")["UploadId"]
    e1 = s3.upload_part(Bucket=bucket, Key="small", UploadId=uid, PartNumber=1, Body=b"a" * 1024)["ETag"]
    e2 = s3.upload_part(Bucket=bucket, Key="small", UploadId=uid, PartNumber=2, Body=b"b" * 1024)["ETag"]
    expect_error("EntityTooSmall", 400, s3.complete_multipart_upload, Bucket=bucket, Key="small",
                 UploadId=uid, MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1},
                                                          {"PartNumber": 2, "ETag": e2}]})
    # the upload survives a failed complete
    assert len(s3.list_parts(Bucket=bucket, Key="small", UploadId=uid)["Parts"]) == 2
    s3.abort_multipart_upload(Bucket=bucket, Key="small", UploadId=uid)


def test_multipart_invalid_part_order_and_invalid_part(s3, bucket):
    part1 = random_bytes(5 * MiB, seed=10)
    uid = s3.create_multipart_upload(Bucket=bucket, Key="order")["UploadId"]
    e1 = s3.upload_part(Bucket=bucket, Key="order", UploadId=uid, PartNumber=1, Body=part1)["ETag"]
    e2 = s3.upload_part(Bucket=bucket, Key="order", UploadId=uid, PartNumber=2, Body=b"tail")["ETag"]
    expect_error("InvalidPartOrder", 400, s3.complete_multipart_upload, Bucket=bucket, Key="order",
                 UploadId=uid, MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": e2},
                                                          {"PartNumber": 1, "ETag": e1}]})
    expect_error("InvalidPart", 400, s3.complete_multipart_upload, Bucket=bucket, Key="order",
                 UploadId=uid, MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1},
                                                          {"PartNumber": 2, "ETag": '"%s"' % ("0" * 32)}]})
    expect_error("InvalidPart", 400, s3.complete_multipart_upload, Bucket=bucket, Key="order",
                 UploadId=uid, MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1},
                                                          {"PartNumber": 3, "ETag": e2}]})
    done = s3.complete_multipart_upload(Bucket=bucket, Key="order", UploadId=uid, MultipartUpload={
        "Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]})
    assert done["ETag"] == multipart_etag(part1 + b"tail", 5 * MiB)


def test_multipart_abort(s3, bucket):
    uid = s3.create_multipart_upload(Bucket=bucket, Key="ab")["UploadId"]
    s3.upload_part(Bucket=bucket, Key="ab", UploadId=uid, PartNumber=1, Body=b"part")
    assert s3.abort_multipart_upload(Bucket=bucket, Key="ab", UploadId=uid)[
        "ResponseMetadata"]["HTTPStatusCode"] == 204
    expect_error("NoSuchUpload", 404, s3.list_parts, Bucket=bucket, Key="ab", UploadId=uid)
    expect_error("NoSuchUpload", 404, s3.upload_part, Bucket=bucket, Key="ab", UploadId=uid,
                 PartNumber=2, Body=b"late")
    expect_error("NoSuchKey", 404, s3.get_object, Bucket=bucket, Key="ab")
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_upload_part_copy(s3, bucket):
    src = random_bytes(6 * MiB, seed=11)
    s3.put_object(Bucket=bucket, Key="src", Body=src)
    uid = s3.create_multipart_upload(Bucket=bucket, Key="dst")["UploadId"]
    p1 = s3.upload_part_copy(Bucket=bucket, Key="dst", UploadId=uid, PartNumber=1,
                             CopySource={"Bucket": bucket, "Key": "src"},
                             CopySourceRange=f"bytes=0-{5 * MiB - 1}")
    p2 = s3.upload_part_copy(Bucket=bucket, Key="dst", UploadId=uid, PartNumber=2,
                             CopySource={"Bucket": bucket, "Key": "src"},
                             CopySourceRange=f"bytes={5 * MiB}-{6 * MiB - 1}")
    s3.complete_multipart_upload(Bucket=bucket, Key="dst", UploadId=uid, MultipartUpload={"Parts": [
        {"PartNumber": 1, "ETag": p1["CopyPartResult"]["ETag"]},
        {"PartNumber": 2, "ETag": p2["CopyPartResult"]["ETag"]}]})
    assert s3.get_object(Bucket=bucket, Key="dst")["Body"].read() == src


# --------------------------------------------------------------------------------------------------
# Tagging, location, versions, buckets
# --------------------------------------------------------------------------------------------------


def test_object_tagging(s3, bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"tagged", Tagging="env=prod&team=storage%20team")
    tags = s3.get_object_tagging(Bucket=bucket, Key="t")["TagSet"]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [("env", "prod"), ("team", "storage team")]
    assert s3.get_object(Bucket=bucket, Key="t")["TagCount"] == 2

    s3.put_object_tagging(Bucket=bucket, Key="t", Tagging={"TagSet": [{"Key": "only", "Value": "one"}]})
    assert s3.get_object_tagging(Bucket=bucket, Key="t")["TagSet"] == [{"Key": "only", "Value": "one"}]

    s3.delete_object_tagging(Bucket=bucket, Key="t")
    assert s3.get_object_tagging(Bucket=bucket, Key="t")["TagSet"] == []
    expect_error("NoSuchKey", 404, s3.get_object_tagging, Bucket=bucket, Key="missing")


def test_get_bucket_location_and_versioning(s3, bucket):
    assert s3.get_bucket_location(Bucket=bucket)["LocationConstraint"] is None
    versioning = s3.get_bucket_versioning(Bucket=bucket)
    assert "Status" not in versioning


def test_list_object_versions_unversioned(s3, bucket):
    s3.put_object(Bucket=bucket, Key="v1", Body=b"1")
    s3.put_object(Bucket=bucket, Key="v2", Body=b"22")
    resp = s3.list_object_versions(Bucket=bucket)
    versions = resp["Versions"]
    assert [(v["Key"], v["VersionId"], v["IsLatest"], v["Size"]) for v in versions] == [
        ("v1", "null", True, 1), ("v2", "null", True, 2)]
    assert resp.get("DeleteMarkers", []) == []


def test_list_buckets_and_head_bucket(s3, bucket):
    resp = s3.list_buckets()
    names = [b["Name"] for b in resp["Buckets"]]
    assert bucket in names
    assert "CreationDate" in resp["Buckets"][names.index(bucket)]
    assert resp["Owner"]["ID"]
    assert s3.head_bucket(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 200


# --------------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------------


def test_no_such_bucket(s3):
    missing = unique_bucket_name("missing")
    expect_error("NoSuchBucket", 404, s3.get_object, Bucket=missing, Key="k")
    expect_error("NoSuchBucket", 404, s3.list_objects_v2, Bucket=missing)
    expect_error("NoSuchBucket", 404, s3.put_object, Bucket=missing, Key="k", Body=b"x")
    expect_error("NoSuchBucket", 404, s3.delete_bucket, Bucket=missing)
    expect_error("404", 404, s3.head_bucket, Bucket=missing)  # HEAD: no body, code is the status


def test_no_such_key(s3, bucket):
    err = expect_error("NoSuchKey", 404, s3.get_object, Bucket=bucket, Key="nope/missing.txt")
    assert err.response["Error"].get("Key") == "nope/missing.txt"
    expect_error("404", 404, s3.head_object, Bucket=bucket, Key="nope/missing.txt")


def test_bucket_already_owned_by_you(s3, bucket):
    # Note: AWS's us-east-1 answers 200 for legacy reasons; every other region (and MiniCloud by
    # design) answers 409 BucketAlreadyOwnedByYou.
    expect_error("BucketAlreadyOwnedByYou", 409, s3.create_bucket, Bucket=bucket)


def test_bucket_not_empty(s3, bucket):
    s3.put_object(Bucket=bucket, Key="keep", Body=b"x")
    expect_error("BucketNotEmpty", 409, s3.delete_bucket, Bucket=bucket)
    s3.delete_object(Bucket=bucket, Key="keep")
    assert s3.delete_bucket(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 204


@pytest.mark.parametrize("name", ["ab", "UPPER-case-name", "under_score", "-leading-dash",
                                  "double..dot", "192.168.5.4", "a" * 64])
def test_invalid_bucket_name(s3, name):
    expect_error("InvalidBucketName", 400, s3.create_bucket, Bucket=name)


def test_wrong_secret_is_signature_does_not_match(target, bucket):
    key, secret = target.access_key()
    wrong = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
    bad = make_client(target, aws_access_key_id=key, aws_secret_access_key=wrong)
    expect_error("SignatureDoesNotMatch", 403, bad.list_buckets)
    expect_error("SignatureDoesNotMatch", 403, bad.put_object, Bucket=bucket, Key="k", Body=b"x" * 1000)
    expect_error("SignatureDoesNotMatch", 403, bad.list_objects_v2, Bucket=bucket)


def test_unknown_access_key_is_invalid_access_key_id(target):
    bad = make_client(target, aws_access_key_id="AKIAUNKNOWNUNKNOWN00",
                      aws_secret_access_key="x" * 40)
    expect_error("InvalidAccessKeyId", 403, bad.list_buckets)


def test_content_md5_mismatch_is_bad_digest(s3, bucket):
    wrong_md5 = base64.b64encode(hashlib.md5(b"something else").digest()).decode()
    expect_error("BadDigest", 400, s3.put_object, Bucket=bucket, Key="md5", Body=b"the real body",
                 ContentMD5=wrong_md5)
    expect_error("NoSuchKey", 404, s3.get_object, Bucket=bucket, Key="md5")
    right_md5 = base64.b64encode(hashlib.md5(b"the real body").digest()).decode()
    s3.put_object(Bucket=bucket, Key="md5", Body=b"the real body", ContentMD5=right_md5)


def test_crc32_mismatch_is_bad_digest(s3, bucket):
    expect_error("BadDigest", 400, s3.put_object, Bucket=bucket, Key="crc", Body=b"the real body",
                 ChecksumCRC32=crc32_b64(b"something else"))
    expect_error("NoSuchKey", 404, s3.get_object, Bucket=bucket, Key="crc")


# --------------------------------------------------------------------------------------------------
# Keys are bytes, not paths
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", TRICKY_KEYS, ids=[quote(k, safe="") for k in TRICKY_KEYS])
def test_tricky_key_round_trip(s3, bucket, key):
    body = ("body of " + key).encode()
    s3.put_object(Bucket=bucket, Key=key, Body=body)
    assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == body
    assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] == len(body)
    # botocore asks for EncodingType=url and decodes Key/Prefix itself
    listed = s3.list_objects_v2(Bucket=bucket)
    assert [o["Key"] for o in listed["Contents"]] == [key]
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=key)["Contents"]] == [key]
    assert [o["Key"] for o in s3.list_objects(Bucket=bucket)["Contents"]] == [key]
    assert [v["Key"] for v in s3.list_object_versions(Bucket=bucket)["Versions"]] == [key]
    s3.delete_object(Bucket=bucket, Key=key)
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0


def test_tricky_keys_together(s3, bucket):
    for key in TRICKY_KEYS:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    expected = sorted(TRICKY_KEYS, key=lambda k: k.encode("utf-8"))
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == expected
    with_delim = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    listed = [o["Key"] for o in with_delim.get("Contents", [])]
    prefixes = [p["Prefix"] for p in with_delim.get("CommonPrefixes", [])]
    assert listed == [k for k in expected if "/" not in k]
    assert prefixes == sorted({k.split("/")[0] + "/" for k in expected if "/" in k},
                              key=lambda p: p.encode("utf-8"))
    resp = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in TRICKY_KEYS]})
    assert sorted(d["Key"] for d in resp["Deleted"]) == sorted(TRICKY_KEYS)
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0


# --------------------------------------------------------------------------------------------------
# Presigned URLs
# --------------------------------------------------------------------------------------------------


def tamper_signature(url: str) -> str:
    """The same URL with one character of its signature changed (same length and alphabet)."""
    import re

    def flip(m):
        value = m.group(2)
        return m.group(1) + ("1" if value[0] != "1" else "2") + value[1:]

    tampered, n = re.subn(r"([?&](?:X-Amz-)?Signature=)([^&]+)", flip, url)
    assert n == 1, url
    return tampered


@pytest.fixture(params=["default", "s3v4"])
def presigner(request, s3, target):
    """boto3's default presigner (SigV2 query auth for S3 when no signature_version is configured)
    and an explicit signature_version='s3v4' client (SigV4 query auth)."""
    if request.param == "default":
        return s3
    return make_client(target, config=Config(signature_version="s3v4"))


def test_presigned_get_and_put(presigner, s3, target, bucket):
    s3.put_object(Bucket=bucket, Key="pre sign/ü.txt", Body=b"presigned body")
    url = presigner.generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": "pre sign/ü.txt"}, ExpiresIn=300)
    if presigner is not s3:
        assert "X-Amz-Algorithm=AWS4-HMAC-SHA256" in url
    status, _, body = http_fetch(target, url)
    assert (status, body) == (200, b"presigned body"), body[:500]

    # SigV2 signs the Content-Type: the uploader sends the one the URL was made for (urllib
    # would otherwise send its own form content type, which S3 rejects too).
    put_url = presigner.generate_presigned_url(
        "put_object", Params={"Bucket": bucket, "Key": "uploaded", "ContentType": "text/plain"}, ExpiresIn=300)
    status, _, body = http_fetch(target, put_url, method="PUT", data=b"via presigned put",
                                 headers={"Content-Type": "text/plain"})
    assert status == 200, body[:500]
    got = s3.get_object(Bucket=bucket, Key="uploaded")
    assert got["Body"].read() == b"via presigned put"
    assert got["ContentType"] == "text/plain"

    wrong_type = http_fetch(target, put_url, method="PUT", data=b"x", headers={"Content-Type": "image/png"})
    if presigner is s3:  # SigV2 covers the content type; SigV4 presigned URLs sign only the host
        assert wrong_type[0] == 403 and b"<Code>SignatureDoesNotMatch</Code>" in wrong_type[2]

    tampered = tamper_signature(url)
    status, _, body = http_fetch(target, tampered)
    assert status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in body, body[:500]


def test_presigned_url_expires(presigner, s3, target, bucket):
    s3.put_object(Bucket=bucket, Key="soon", Body=b"x")
    url = presigner.generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": "soon"}, ExpiresIn=1)
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


def test_sse_put_get_head_range_and_copy(s3, bucket):
    body = random_bytes(250_000, seed=81)
    put = s3.put_object(Bucket=bucket, Key="enc", Body=body, ServerSideEncryption="AES256")
    assert put["ServerSideEncryption"] == "AES256"
    assert put["ETag"] == f'"{md5_hex(body)}"'
    got = s3.get_object(Bucket=bucket, Key="enc", ChecksumMode="ENABLED")
    assert got["ServerSideEncryption"] == "AES256"
    assert got["Body"].read() == body
    assert s3.head_object(Bucket=bucket, Key="enc")["ServerSideEncryption"] == "AES256"
    ranged = s3.get_object(Bucket=bucket, Key="enc", Range="bytes=17-100016")
    assert ranged["Body"].read() == body[17:100017]

    copied = s3.copy_object(Bucket=bucket, Key="plain-copy", CopySource={"Bucket": bucket, "Key": "enc"})
    assert "ServerSideEncryption" not in copied
    assert s3.get_object(Bucket=bucket, Key="plain-copy")["Body"].read() == body
    copied = s3.copy_object(Bucket=bucket, Key="enc-copy", CopySource={"Bucket": bucket, "Key": "plain-copy"},
                            ServerSideEncryption="AES256")
    assert copied["ServerSideEncryption"] == "AES256"
    assert s3.get_object(Bucket=bucket, Key="enc-copy")["Body"].read() == body


def test_sse_upload_file_multipart(s3, bucket, tmp_path):
    src = write_random_file(tmp_path / "sse.bin", 11 * MiB, seed=82)
    config = TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB)
    s3.upload_file(str(src), bucket, "sse.bin", ExtraArgs={"ServerSideEncryption": "AES256"}, Config=config)
    head = s3.head_object(Bucket=bucket, Key="sse.bin")
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ETag"] == multipart_etag(src.read_bytes(), 5 * MiB)
    dst = tmp_path / "back.bin"
    s3.download_file(bucket, "sse.bin", str(dst), Config=config)
    assert sha256_file(dst) == sha256_file(src)


def test_sse_bucket_default_and_errors(s3, bucket):
    expect_error("ServerSideEncryptionConfigurationNotFoundError", 404, s3.get_bucket_encryption, Bucket=bucket)
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    rule = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert s3.put_object(Bucket=bucket, Key="d", Body=b"default")["ServerSideEncryption"] == "AES256"
    s3.delete_bucket_encryption(Bucket=bucket)
    assert "ServerSideEncryption" not in s3.put_object(Bucket=bucket, Key="p", Body=b"plain")

    expect_error("InvalidArgument", 400, s3.put_object, Bucket=bucket, Key="bad", Body=b"x",
                 ServerSideEncryption="AES128")
    expect_error("NotImplemented", 501, s3.put_object, Bucket=bucket, Key="bad", Body=b"x",
                 ServerSideEncryption="aws:kms")
    expect_error("NotImplemented", 501, s3.put_object, Bucket=bucket, Key="bad", Body=b"x",
                 SSECustomerAlgorithm="AES256", SSECustomerKey="k" * 32)
    expect_error("MalformedXML", 400, s3.put_bucket_encryption, Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES128"}}]})


def test_get_object_attributes(s3, bucket):
    s3.put_object(Bucket=bucket, Key="attrs", Body=b"twelve bytes", StorageClass="STANDARD_IA")
    got = s3.get_object_attributes(Bucket=bucket, Key="attrs",
                                   ObjectAttributes=["ETag", "Checksum", "StorageClass", "ObjectSize"])
    head = s3.head_object(Bucket=bucket, Key="attrs", ChecksumMode="ENABLED")
    assert got["ETag"] == head["ETag"].strip('"')
    assert got["ObjectSize"] == 12
    assert got["StorageClass"] == "STANDARD_IA"
    assert got["Checksum"]["ChecksumCRC32"] == head["ChecksumCRC32"]  # boto3's default checksum on PUT
    assert got["LastModified"] == head["LastModified"]
    assert "ObjectParts" not in got
