package dev.minicloud.sdk;

import dev.minicloud.common.sigv4.AmzDates;
import dev.minicloud.common.sigv4.SignableRequest;
import dev.minicloud.sdk.internal.Body;
import dev.minicloud.sdk.internal.Call;
import dev.minicloud.sdk.internal.CountingInputStream;
import dev.minicloud.sdk.internal.Errors;
import dev.minicloud.sdk.internal.HttpExecutor;
import dev.minicloud.sdk.internal.MultipartUploader;
import dev.minicloud.sdk.internal.S3Paths;
import dev.minicloud.sdk.internal.StorageHeaders;
import dev.minicloud.sdk.internal.Xml;
import dev.minicloud.sdk.storage.Bucket;
import dev.minicloud.sdk.storage.DeleteObjectsResult;
import dev.minicloud.sdk.storage.GetOptions;
import dev.minicloud.sdk.storage.ListOptions;
import dev.minicloud.sdk.storage.ObjectContent;
import dev.minicloud.sdk.storage.ObjectListing;
import dev.minicloud.sdk.storage.ObjectMetadata;
import dev.minicloud.sdk.storage.ObjectSummary;
import dev.minicloud.sdk.storage.PutOptions;
import dev.minicloud.sdk.storage.PutResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.w3c.dom.Element;

/**
 * Object storage: MiniCloud's S3 API (path-style), signed with SigV4. Obtain it from
 * {@link MiniCloudClient#storage()}; thread-safe.
 *
 * <p>Every failure is a {@link MiniCloudException} carrying S3's error code ({@code NoSuchBucket},
 * {@code NoSuchKey}, {@code BucketNotEmpty}, ...). Uploads of files and streams are never held in
 * memory: files go straight from disk (in parallel parts above the multipart threshold), streams in
 * part-sized buffers.
 */
public final class StorageClient {

  private static final String S3 = "s3";

  private final HttpExecutor http;
  private final MultipartUploader multipart;

  StorageClient(HttpExecutor http) {
    this.http = http;
    this.multipart = new MultipartUploader(http);
  }

  // ---- buckets ----

  /** Creates a bucket ({@code BucketAlreadyOwnedByYou} if you have it, {@code BucketAlreadyExists} if someone else does). */
  public void createBucket(String bucket) {
    http.sendForBytes(Call.of("PUT", S3, S3Paths.bucket(bucket), ""));
  }

  /** Deletes an empty bucket ({@code BucketNotEmpty} otherwise). */
  public void deleteBucket(String bucket) {
    http.sendForBytes(Call.of("DELETE", S3, S3Paths.bucket(bucket), "").notFoundCode("NoSuchBucket"));
  }

  /** Your buckets, by name. */
  public List<Bucket> listBuckets() {
    Element root = Xml.parse(http.sendForBytes(Call.of("GET", S3, "/", "")).body());
    List<Bucket> buckets = new ArrayList<>();
    Element list = Xml.child(root, "Buckets");
    if (list != null) {
      for (Element b : Xml.children(list, "Bucket")) {
        buckets.add(new Bucket(Xml.text(b, "Name"), instant(Xml.text(b, "CreationDate"))));
      }
    }
    return buckets;
  }

  /** Checks that the bucket exists and is yours; throws {@code NoSuchBucket} (404) or {@code AccessDenied}. */
  public void headBucket(String bucket) {
    http.sendForBytes(Call.of("HEAD", S3, S3Paths.bucket(bucket), "").notFoundCode("NoSuchBucket"));
  }

  /** True when the bucket exists (and you may see it). */
  public boolean bucketExists(String bucket) {
    try {
      headBucket(bucket);
      return true;
    } catch (MiniCloudException e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  // ---- uploads ----

  /** Uploads bytes (a single PUT signed with their SHA-256). */
  public PutResult putObject(String bucket, String key, byte[] data) {
    return putObject(bucket, key, data, new PutOptions());
  }

  /** Uploads bytes with options; above the multipart threshold they go in parts. */
  public PutResult putObject(String bucket, String key, byte[] data, PutOptions options) {
    if (data.length > options.multipartThreshold()) {
      return putObject(bucket, key, new java.io.ByteArrayInputStream(data), data.length, options);
    }
    if (options.listener() != null) {
      options.listener().started(data.length);
    }
    return singlePut(bucket, key, Body.bytes(data, progress(options)), options);
  }

  /** Uploads a file, streamed from disk; in parallel parts above the multipart threshold. */
  public PutResult putObject(String bucket, String key, Path file) {
    return putObject(bucket, key, file, new PutOptions());
  }

  /**
   * Uploads a file, streamed from disk. Files larger than {@link PutOptions#multipartThreshold()}
   * (or any file when resuming) go as a multipart upload of parallel parts, resumable (see
   * {@link PutOptions#stateFile(Path)}).
   */
  public PutResult putObject(String bucket, String key, Path file, PutOptions options) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    boolean resuming = options.resumeUploadId() != null
        || (options.stateFile() != null && Files.isRegularFile(options.stateFile()));
    if (size > options.multipartThreshold() || resuming) {
      return multipart.uploadFile(bucket, key, file, options);
    }
    if (options.listener() != null) {
      options.listener().started(size);
    }
    return singlePut(bucket, key, Body.file(file, 0, size, progress(options)), options);
  }

  /**
   * Uploads from a stream, never holding it whole in memory.
   *
   * @param length the number of bytes to read, or -1 when unknown: the stream is then read in
   *     part-sized buffers and sent as a multipart upload (or one PUT if it is short). Not retried
   *     (a stream cannot be read twice), except part by part in a multipart upload.
   */
  public PutResult putObject(String bucket, String key, InputStream in, long length, PutOptions options) {
    if (length >= 0 && length <= options.multipartThreshold()) {
      if (options.listener() != null) {
        options.listener().started(length);
      }
      return singlePut(bucket, key, Body.stream(in, length, progress(options)), options);
    }
    if (options.listener() != null) {
      options.listener().started(length);
    }
    try {
      byte[] first = new byte[(int) options.partSize()];
      int n = in.readNBytes(first, 0, first.length);
      if (n < first.length) { // short stream: one PUT
        return singlePut(bucket, key, Body.bytes(java.util.Arrays.copyOf(first, n), progress(options)), options);
      }
      return multipart.uploadStream(bucket, key, in, first, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the upload's input", e);
    }
  }

  private PutResult singlePut(String bucket, String key, Body body, PutOptions options) {
    Call call = Call.of("PUT", S3, S3Paths.object(bucket, key), "").body(body).notFoundCode("NoSuchBucket");
    StorageHeaders.put(call, options);
    HttpExecutor.Response r = http.sendForBytes(call);
    return new PutResult(S3Paths.unquote(r.header("etag")), 0, null);
  }

  private static java.util.function.LongConsumer progress(PutOptions options) {
    return options.listener() == null ? null : options.listener()::transferred;
  }

  /** Abandons a multipart upload (its parts are deleted). */
  public void abortMultipartUpload(String bucket, String key, String uploadId) {
    multipart.abort(bucket, key, uploadId);
  }

  // ---- downloads ----

  /** Streams an object; close the result. Throws {@code NoSuchKey} / {@code NoSuchBucket}. */
  public ObjectContent getObject(String bucket, String key) {
    return getObject(bucket, key, new GetOptions());
  }

  /** Streams an object or a byte range of it; close the result. */
  public ObjectContent getObject(String bucket, String key, GetOptions options) {
    ObjectContent content = open(bucket, key, options.rangeHeader(), null);
    if (options.listener() == null) {
      return content;
    }
    options.listener().started(content.metadata().contentLength());
    return new ObjectContent(new CountingInputStream(content, options.listener()::transferred), content.metadata());
  }

  private ObjectContent open(String bucket, String key, String range, String ifMatch) {
    Call call = Call.of("GET", S3, S3Paths.object(bucket, key), "").notFoundCode("NoSuchKey");
    if (range != null) {
      call.header("range", range);
    }
    if (ifMatch != null) {
      call.header("if-match", "\"" + ifMatch + "\"");
    }
    HttpResponse<InputStream> response = http.send(call);
    return new ObjectContent(response.body(), metadata(response.headers()));
  }

  /** An object (or a range of it, see {@link GetOptions#range}) read into memory: small objects only. */
  public byte[] getObjectBytes(String bucket, String key, GetOptions options) {
    try (ObjectContent in = getObject(bucket, key, options)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new RetriableException(MiniCloudException.CLIENT_ERROR, 0, null, "download failed: " + e.getMessage(), e);
    }
  }

  /** A whole object read into memory: small objects only. */
  public byte[] getObjectBytes(String bucket, String key) {
    return getObjectBytes(bucket, key, new GetOptions());
  }

  /**
   * Downloads an object to a file: written to a temporary file next to it and renamed into place
   * once complete, so {@code target} is never left half-written. If the connection breaks during a
   * whole-object download, the rest is fetched with a range request (only while the object's ETag
   * is unchanged), up to the retry policy's attempts.
   */
  public ObjectMetadata getObject(String bucket, String key, Path target, GetOptions options) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
      try {
        ObjectMetadata metadata = download(bucket, key, tmp, options);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return metadata;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("download of " + bucket + "/" + key + " to " + target + " failed", e);
    }
  }

  private ObjectMetadata download(String bucket, String key, Path file, GetOptions options) throws IOException {
    boolean resumable = options.rangeHeader() == null;
    ObjectMetadata first = null;
    long written = 0;
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int attempt = 1; ; attempt++) {
        String range = first == null ? options.rangeHeader() : "bytes=" + written + "-";
        try (ObjectContent in = open(bucket, key, range, first == null ? null : first.etag())) {
          if (first == null) {
            first = in.metadata();
            if (options.listener() != null) {
              options.listener().started(first.contentLength());
            }
          }
          while (true) {
            int n;
            try {
              n = in.read(buffer);
            } catch (IOException e) {
              throw new RetriableException(MiniCloudException.CLIENT_ERROR, 0, null,
                  "connection lost after " + written + " bytes: " + e.getMessage(), e);
            }
            if (n < 0) {
              break;
            }
            out.write(buffer, 0, n); // a failed write (disk full) is not retried
            written += n;
            if (options.listener() != null) {
              options.listener().transferred(n);
            }
          }
          if (first.contentLength() >= 0 && written < first.contentLength()) {
            throw new RetriableException(MiniCloudException.CLIENT_ERROR, 0, null,
                "the answer ended after " + written + " of " + first.contentLength() + " bytes");
          }
          return first;
        } catch (RetriableException e) {
          if (!resumable || first == null || attempt >= http.maxAttempts()) {
            throw e;
          }
          http.backoff(attempt, "GET " + bucket + "/" + key + " broke off (" + e.getMessage() + ")");
        }
      }
    }
  }

  /** Downloads an object to a file. */
  public ObjectMetadata getObject(String bucket, String key, Path target) {
    return getObject(bucket, key, target, new GetOptions());
  }

  /** An object's metadata; throws {@code NoSuchKey} (404) when absent. */
  public ObjectMetadata headObject(String bucket, String key) {
    return metadata(http.sendForBytes(Call.of("HEAD", S3, S3Paths.object(bucket, key), "")
        .notFoundCode("NoSuchKey")).headers());
  }

  /** True when the object exists. */
  public boolean objectExists(String bucket, String key) {
    try {
      headObject(bucket, key);
      return true;
    } catch (MiniCloudException e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  // ---- delete, copy ----

  /** Deletes an object (deleting an absent key succeeds, as on S3). */
  public void deleteObject(String bucket, String key) {
    http.sendForBytes(Call.of("DELETE", S3, S3Paths.object(bucket, key), "").notFoundCode("NoSuchBucket"));
  }

  /** Deletes many objects, 1000 per request. */
  public DeleteObjectsResult deleteObjects(String bucket, Collection<String> keys) {
    List<String> deleted = new ArrayList<>();
    List<DeleteObjectsResult.Failure> errors = new ArrayList<>();
    List<String> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += 1000) {
      StringBuilder xml = new StringBuilder("<Delete><Quiet>false</Quiet>");
      for (String key : all.subList(from, Math.min(all.size(), from + 1000))) {
        xml.append("<Object><Key>").append(Xml.escape(key)).append("</Key></Object>");
      }
      byte[] body = xml.append("</Delete>").toString().getBytes(StandardCharsets.UTF_8);
      // DeleteObjects is idempotent (deleting twice leaves the same state), so it is retried.
      Call call = Call.of("POST", S3, S3Paths.bucket(bucket), "delete").body(Body.bytes(body))
          .header("content-type", "application/xml")
          .header("content-md5", MultipartUploader.md5Base64(body))
          .notFoundCode("NoSuchBucket")
          .idempotent(true);
      Element root = Xml.parse(http.sendForBytes(call).body());
      for (Element d : Xml.children(root, "Deleted")) {
        deleted.add(Xml.text(d, "Key"));
      }
      for (Element e : Xml.children(root, "Error")) {
        errors.add(new DeleteObjectsResult.Failure(Xml.text(e, "Key"), Xml.text(e, "Code"), Xml.text(e, "Message")));
      }
    }
    return new DeleteObjectsResult(deleted, errors);
  }

  /** Copies an object on the server (no bytes through the client); returns the copy's ETag. */
  public String copyObject(String sourceBucket, String sourceKey, String targetBucket, String targetKey) {
    Call call = Call.of("PUT", S3, S3Paths.object(targetBucket, targetKey), "")
        .header("x-amz-copy-source", S3Paths.object(sourceBucket, sourceKey))
        .notFoundCode("NoSuchKey");
    HttpExecutor.Response r = http.sendForBytes(call);
    Element root = Xml.parse(r.body());
    if ("Error".equals(root.getTagName())) { // S3 may report a copy failure inside a 200 answer
      throw Errors.fromResponse(500, r.header("x-amz-request-id"), r.body(), null);
    }
    return S3Paths.unquote(Xml.text(root, "ETag"));
  }

  // ---- listing ----

  /** Every object under {@code prefix}, fetched lazily page by page. */
  public Stream<ObjectSummary> listObjects(String bucket, String prefix) {
    return listObjects(bucket, new ListOptions().prefix(prefix));
  }

  /**
   * The objects of a listing, fetched lazily one ListObjectsV2 page at a time as the stream is
   * consumed (common prefixes are left out; use {@link #listObjectPages} for them).
   */
  public Stream<ObjectSummary> listObjects(String bucket, ListOptions options) {
    Iterable<ObjectListing> pages = listObjectPages(bucket, options);
    return StreamSupport.stream(pages.spliterator(), false).flatMap(p -> p.objects().stream());
  }

  /**
   * The pages of a listing, lazily: each iteration step is one ListObjectsV2 request, following
   * continuation tokens until the listing is complete. Iterable more than once.
   */
  public Iterable<ObjectListing> listObjectPages(String bucket, ListOptions options) {
    return () -> new Iterator<>() {
      private String token;
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public ObjectListing next() {
        if (done) {
          throw new NoSuchElementException();
        }
        ObjectListing page = listPage(bucket, options, token);
        token = page.nextContinuationToken();
        done = !page.truncated() || token == null;
        return page;
      }
    };
  }

  /** One ListObjectsV2 page; {@code continuationToken} null for the first. */
  public ObjectListing listPage(String bucket, ListOptions options, String continuationToken) {
    StringBuilder q = new StringBuilder("encoding-type=url&list-type=2&max-keys=" + options.pageSize());
    q.append('&').append(S3Paths.param("prefix", options.prefix()));
    if (options.delimiter() != null) {
      q.append('&').append(S3Paths.param("delimiter", options.delimiter()));
    }
    if (options.startAfter() != null && continuationToken == null) {
      q.append('&').append(S3Paths.param("start-after", options.startAfter()));
    }
    if (continuationToken != null) {
      q.append('&').append(S3Paths.param("continuation-token", continuationToken));
    }
    Element root = Xml.parse(http.sendForBytes(
        Call.of("GET", S3, S3Paths.bucket(bucket), q.toString()).notFoundCode("NoSuchBucket")).body());
    boolean encoded = "url".equals(Xml.text(root, "EncodingType"));
    List<ObjectSummary> objects = new ArrayList<>();
    for (Element c : Xml.children(root, "Contents")) {
      objects.add(new ObjectSummary(decode(Xml.text(c, "Key"), encoded), Long.parseLong(Xml.text(c, "Size")),
          S3Paths.unquote(Xml.text(c, "ETag")), instant(Xml.text(c, "LastModified"))));
    }
    List<String> prefixes = new ArrayList<>();
    for (Element p : Xml.children(root, "CommonPrefixes")) {
      prefixes.add(decode(Xml.text(p, "Prefix"), encoded));
    }
    return new ObjectListing(objects, prefixes, "true".equals(Xml.text(root, "IsTruncated")),
        Xml.text(root, "NextContinuationToken"));
  }

  // ---- presigned URLs ----

  /** A URL anyone can GET the object with, until it expires (at most 7 days). */
  public URI presignGetObject(String bucket, String key, Duration expiresIn) {
    return presign("GET", bucket, key, expiresIn);
  }

  /** A URL anyone can PUT the object's bytes to, until it expires (at most 7 days). */
  public URI presignPutObject(String bucket, String key, Duration expiresIn) {
    return presign("PUT", bucket, key, expiresIn);
  }

  private URI presign(String method, String bucket, String key, Duration expiresIn) {
    URI uri = http.uri(S3Paths.object(bucket, key), "");
    String query = http.signer(S3).presign(SignableRequest.builder(method).uri(uri).build(), expiresIn,
        http.clock().instant());
    return http.uri(S3Paths.object(bucket, key), query);
  }

  // ---- helpers ----

  private static ObjectMetadata metadata(HttpHeaders headers) {
    Map<String, String> user = new LinkedHashMap<>();
    headers.map().forEach((name, values) -> {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("x-amz-meta-") && !values.isEmpty()) {
        user.put(lower.substring("x-amz-meta-".length()), values.get(0));
      }
    });
    return new ObjectMetadata(
        headers.firstValueAsLong("content-length").orElse(-1),
        headers.firstValue("content-type").orElse(null),
        S3Paths.unquote(headers.firstValue("etag").orElse(null)),
        headers.firstValue("last-modified").flatMap(AmzDates::parseHttpDate).orElse(null),
        headers.firstValue("content-range").orElse(null),
        user);
  }

  private static Instant instant(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }

  private static String decode(String value, boolean encoded) {
    return value == null || !encoded ? value : URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
