"""Fixtures for the real-client S3 tests (aws-cli and boto3 against a running MiniCloud server).

The server is started by run.sh, which exports, per scheme:
  MCTEST_SCHEME                      http | https: which server this pytest process targets
  MCTEST_{HTTP,HTTPS}_ENDPOINT       e.g. http://127.0.0.1:41234
  MCTEST_{HTTP,HTTPS}_CREDENTIALS    the server's root-credentials file (profile default)
  MCTEST_HTTPS_CA_BUNDLE             the server's self-signed certificate
  MCTEST_AWS_CONFIG                  an empty AWS config file

Clients run with DEFAULT settings: no checksum, addressing or signature overrides. The only
non-default client options are timeouts and a bounded retry count, so that a hung or failing
server fails a test quickly instead of stalling the run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import ssl
import subprocess
import urllib.error
import urllib.request
import uuid
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import boto3
import botocore
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"
AWS_TIMEOUT_S = 120  # per aws-cli invocation


@dataclass(frozen=True)
class Target:
    scheme: str
    endpoint: str
    credentials_file: str
    ca_bundle: str | None
    aws_config_file: str

    @property
    def https(self) -> bool:
        return self.scheme == "https"

    def access_key(self) -> tuple[str, str]:
        text = Path(self.credentials_file).read_text()
        key = re.search(r"aws_access_key_id\s*=\s*(\S+)", text).group(1)
        secret = re.search(r"aws_secret_access_key\s*=\s*(\S+)", text).group(1)
        return key, secret


def _require_env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise pytest.UsageError(
            f"{name} is not set: run these tests through tests/clients/run.sh, which starts the servers"
        )
    return value


def _load_target() -> Target:
    scheme = _require_env("MCTEST_SCHEME")
    if scheme not in ("http", "https"):
        raise pytest.UsageError(f"MCTEST_SCHEME must be http or https, not {scheme!r}")
    up = scheme.upper()
    target = Target(
        scheme=scheme,
        endpoint=_require_env(f"MCTEST_{up}_ENDPOINT"),
        credentials_file=_require_env(f"MCTEST_{up}_CREDENTIALS"),
        ca_bundle=_require_env("MCTEST_HTTPS_CA_BUNDLE") if scheme == "https" else None,
        aws_config_file=_require_env("MCTEST_AWS_CONFIG"),
    )
    if not target.endpoint.startswith(scheme + "://127.0.0.1:"):
        raise pytest.UsageError(f"endpoint {target.endpoint} is not {scheme} on 127.0.0.1")
    return target


def _client_environment(target: Target) -> dict[str, str]:
    """The environment for this process and its aws-cli children: no inherited AWS_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_SHARED_CREDENTIALS_FILE=target.credentials_file,
        AWS_CONFIG_FILE=target.aws_config_file,
        AWS_DEFAULT_REGION=REGION,
        AWS_DEFAULT_OUTPUT="json",
        AWS_PAGER="",
        AWS_EC2_METADATA_DISABLED="true",
    )
    return env


def pytest_configure(config):
    # Fail loudly, never skip, when a client is missing.
    for module in ("boto3", "botocore"):
        __import__(module)
    target = _load_target()
    config._mctest_target = target
    # boto3 in this process reads the same environment the aws-cli children get.
    env = _client_environment(target)
    for k in [k for k in os.environ if k.startswith("AWS_")]:
        del os.environ[k]
    os.environ.update({k: v for k, v in env.items() if k.startswith("AWS_")})


def pytest_report_header(config):
    t = config._mctest_target
    return (
        f"MiniCloud S3 over {t.scheme}: {t.endpoint} (boto3 {boto3.__version__}, "
        f"botocore {botocore.__version__})"
    )


# --------------------------------------------------------------------------------------------------
# Basic fixtures
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def target(pytestconfig) -> Target:
    return pytestconfig._mctest_target


CLIENT_CONFIG = Config(
    connect_timeout=10,
    read_timeout=60,
    retries={"total_max_attempts": 2},
)


def make_client(target: Target, config: Config | None = None, **kwargs):
    session = boto3.session.Session(region_name=REGION)
    return session.client(
        "s3",
        endpoint_url=target.endpoint,
        verify=target.ca_bundle if target.https else True,
        config=CLIENT_CONFIG.merge(config) if config else CLIENT_CONFIG,
        **kwargs,
    )


@pytest.fixture(scope="session")
def s3(target):
    """A boto3 S3 client with default settings (checksums: when_supported / when_supported)."""
    client = make_client(target)
    cfg = client.meta.config
    assert cfg.request_checksum_calculation in (None, "when_supported")
    assert cfg.response_checksum_validation in (None, "when_supported")
    return client


def run_tool(name: str, base: list[str], args, env: dict[str, str], *, check: bool = True,
             timeout: float = AWS_TIMEOUT_S, input: bytes | None = None,
             cwd: str | None = None) -> subprocess.CompletedProcess:
    """Runs a client command line with a timeout; adds decoded .out/.err; fails the test on a
    non-zero exit when check is set."""
    cmd = base + [str(a) for a in args]
    shown = f"{name} {' '.join(map(str, args))}"
    try:
        proc = subprocess.run(cmd, env=env, input=input, capture_output=True, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"{shown} timed out after {timeout} s; stderr: {e.stderr!r}")
    proc.out = proc.stdout.decode("utf-8", "replace")
    proc.err = proc.stderr.decode("utf-8", "replace")
    if check and proc.returncode != 0:
        pytest.fail(f"{shown} exited {proc.returncode}\n"
                    f"stdout: {proc.out[-2000:]}\nstderr: {proc.err[-2000:]}")
    return proc


class AwsCli:
    """Runs the machine's `aws` against the server, with a timeout, returning CompletedProcess."""

    def __init__(self, target: Target):
        self.target = target
        self.env = _client_environment(target)

    def base_args(self) -> list[str]:
        args = ["aws", "--endpoint-url", self.target.endpoint,
                "--cli-connect-timeout", "10", "--cli-read-timeout", "60"]
        if self.target.https:
            args += ["--ca-bundle", self.target.ca_bundle]
        return args

    def __call__(self, *args: str, check: bool = True, timeout: float = AWS_TIMEOUT_S,
                 input: bytes | None = None, cwd: str | None = None) -> subprocess.CompletedProcess:
        return run_tool("aws", self.base_args(), args, self.env, check=check, timeout=timeout,
                        input=input, cwd=cwd)

    def json(self, *args: str, **kw):
        proc = self(*args, **kw)
        return json.loads(proc.out) if proc.out.strip() else {}

    def error(self, *args: str, **kw) -> str:
        """Runs a command that must fail and returns its stderr."""
        proc = self(*args, check=False, **kw)
        assert proc.returncode != 0, f"aws {' '.join(args)} succeeded: {proc.out}"
        return proc.err


@pytest.fixture(scope="session")
def aws(target) -> AwsCli:
    return AwsCli(target)


class Rclone:
    """Runs the machine's rclone against the server as remote `mc:` (provider Other, defaults
    otherwise), configured only through RCLONE_CONFIG_MC_* variables and an empty config file."""

    def __init__(self, target: Target, work: Path):
        key, secret = target.access_key()
        config = work / "rclone.conf"
        config.write_text("")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "RCLONE_"))}
        self.env.update(
            RCLONE_CONFIG=str(config),
            RCLONE_CONFIG_MC_TYPE="s3",
            RCLONE_CONFIG_MC_PROVIDER="Other",
            RCLONE_CONFIG_MC_ACCESS_KEY_ID=key,
            RCLONE_CONFIG_MC_SECRET_ACCESS_KEY=secret,
            RCLONE_CONFIG_MC_ENDPOINT=target.endpoint,
            RCLONE_CONFIG_MC_REGION=REGION,
        )
        self.base = ["rclone", "--contimeout", "10s", "--timeout", "60s", "--retries", "1",
                     "--low-level-retries", "1"]
        if target.https:
            self.base += ["--ca-cert", target.ca_bundle]

    def __call__(self, *args, check: bool = True, timeout: float = AWS_TIMEOUT_S, **kw):
        return run_tool("rclone", self.base, args, self.env, check=check, timeout=timeout, **kw)

    def json(self, *args, **kw):
        return json.loads(self(*args, **kw).out)


@pytest.fixture(scope="session")
def rclone(target, tmp_path_factory) -> Rclone:
    return Rclone(target, tmp_path_factory.mktemp("rclone"))


class S3cmd:
    """Runs the machine's s3cmd against the server with a config file holding only the endpoint
    (path-style: host_bucket without %(bucket)s), the key, SigV4, and over HTTPS verification
    against the server's certificate and https:// presigned URLs; every other setting is s3cmd's
    default."""

    def __init__(self, target: Target, work: Path):
        key, secret = target.access_key()
        host = target.endpoint.split("://", 1)[1]
        lines = [
            "[default]",
            f"access_key = {key}",
            f"secret_key = {secret}",
            f"host_base = {host}",
            f"host_bucket = {host}",
            f"bucket_location = {REGION}",
            "signature_v2 = False",
            f"use_https = {target.https}",
        ]
        if target.https:
            # signurl_use_https: s3cmd's presigned URLs are http:// unless told
            lines += ["check_ssl_certificate = True", f"ca_certs_file = {target.ca_bundle}",
                      "signurl_use_https = True"]
        self.config = work / "s3cfg"
        self.config.write_text("\n".join(lines) + "\n")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        self.base = ["s3cmd", "-c", str(self.config), "--no-progress"]

    def __call__(self, *args, check: bool = True, timeout: float = AWS_TIMEOUT_S, **kw):
        return run_tool("s3cmd", self.base, args, self.env, check=check, timeout=timeout, **kw)


@pytest.fixture(scope="session")
def s3cmd(target, tmp_path_factory) -> S3cmd:
    return S3cmd(target, tmp_path_factory.mktemp("s3cmd"))


# --------------------------------------------------------------------------------------------------
# Buckets
# --------------------------------------------------------------------------------------------------


def unique_bucket_name(hint: str = "t") -> str:
    hint = re.sub(r"[^a-z0-9-]+", "-", hint.lower()).strip("-")[:30].strip("-") or "t"
    return f"mct-{hint}-{uuid.uuid4().hex[:12]}"


def empty_and_delete_bucket(client, bucket: str) -> None:
    """Best-effort cleanup: objects, versions, uploads, then the bucket. Never raises."""
    try:
        try:
            for page in client.get_paginator("list_multipart_uploads").paginate(Bucket=bucket):
                for u in page.get("Uploads", []):
                    try:
                        client.abort_multipart_upload(Bucket=bucket, Key=u["Key"], UploadId=u["UploadId"])
                    except ClientError:
                        pass
        except ClientError:
            pass
        keys = []
        try:
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
                keys += [o["Key"] for o in page.get("Contents", [])]
        except ClientError:
            pass
        if keys:
            def delete_one(k):
                try:
                    client.delete_object(Bucket=bucket, Key=k)
                except ClientError:
                    pass
            try:
                for i in range(0, len(keys), 1000):
                    resp = client.delete_objects(
                        Bucket=bucket,
                        Delete={"Objects": [{"Key": k} for k in keys[i:i + 1000]], "Quiet": True},
                    )
                    for err in resp.get("Errors", []):
                        delete_one(err["Key"])
            except ClientError:
                with ThreadPoolExecutor(max_workers=8) as pool:
                    list(pool.map(delete_one, keys))
        client.delete_bucket(Bucket=bucket)
    except Exception:  # noqa: BLE001 - cleanup is best effort
        pass


@pytest.fixture
def bucket(s3, request):
    """A fresh, uniquely named bucket for one test, emptied and deleted afterwards."""
    name = unique_bucket_name(request.node.originalname)
    s3.create_bucket(Bucket=name)
    yield name
    empty_and_delete_bucket(s3, name)


@pytest.fixture
def bucket_name(s3, request):
    """A unique bucket name that the test creates itself; deleted afterwards if it exists."""
    name = unique_bucket_name(request.node.originalname)
    yield name
    empty_and_delete_bucket(s3, name)


# --------------------------------------------------------------------------------------------------
# Helpers shared by both test files
# --------------------------------------------------------------------------------------------------


def crc32_b64(data: bytes) -> str:
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


def md5_hex(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def multipart_etag(data: bytes, part_size: int) -> str:
    """S3's ETag of a multipart object: md5 of the concatenated part md5s, dash, part count."""
    digests = [hashlib.md5(data[i:i + part_size]).digest() for i in range(0, len(data), part_size)]
    return f'"{hashlib.md5(b"".join(digests)).hexdigest()}-{len(digests)}"'


def composite_crc32(data: bytes, part_size: int) -> str:
    """S3's COMPOSITE CRC32 of a multipart object: crc32 of the part crc32s, dash, part count."""
    crcs = [zlib.crc32(data[i:i + part_size]).to_bytes(4, "big") for i in range(0, len(data), part_size)]
    return f"{crc32_b64(b''.join(crcs))}-{len(crcs)}"


def write_random_file(path: Path, size: int, seed: int = 0) -> Path:
    """A deterministic pseudo-random file (not compressible, reproducible)."""
    block = hashlib.sha256(f"seed-{seed}".encode()).digest() * 32768  # 1 MiB
    with open(path, "wb") as f:
        written = 0
        i = 0
        while written < size:
            # vary every MiB so that parts differ
            chunk = bytes([i % 251]) + block[1:]
            chunk = chunk[: size - written]
            f.write(chunk)
            written += len(chunk)
            i += 1
    return path


def random_bytes(size: int, seed: int = 0) -> bytes:
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{seed}-{counter}".encode()).digest()
        counter += 1
    return bytes(out[:size])


def ssl_context(target: Target):
    return ssl.create_default_context(cafile=target.ca_bundle) if target.https else None


def http_fetch(target: Target, url: str, method: str = "GET", data: bytes | None = None,
               headers: dict | None = None, timeout: float = 30):
    """Plain urllib request (for presigned URLs). Returns (status, headers, body) also on 4xx/5xx."""
    req = urllib.request.Request(url, method=method, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout, context=ssl_context(target)) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def error_code(exc: ClientError) -> str:
    return exc.response.get("Error", {}).get("Code", "")


def http_status(exc: ClientError) -> int:
    return exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)


# Keys that are byte strings, not paths: each must round-trip and list exactly as given.
TRICKY_KEYS = [
    "../x",
    "a//b",
    "trailing/",
    "sp ace",
    "pct%20",
    "plus+",
    "ünïcödé/日本語/ß",
    "new\nline",
    "amp&lt<gt>'quote\"",
    "q?uery=1&x#frag",
    "tilde~semi;colon,comma",
    "./dot",
    "tab\there",
]
