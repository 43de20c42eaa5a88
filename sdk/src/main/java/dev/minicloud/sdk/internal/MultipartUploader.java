package dev.minicloud.sdk.internal;

import dev.minicloud.common.sigv4.Hashes;
import dev.minicloud.sdk.MiniCloudException;
import dev.minicloud.sdk.RetriableException;
import dev.minicloud.sdk.storage.PutOptions;
import dev.minicloud.sdk.storage.PutResult;
import dev.minicloud.sdk.storage.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.w3c.dom.Element;

/**
 * Multipart uploads: parts sent in parallel from a file (each part streamed from its slice of the
 * file) or from a stream (one part-sized buffer per part in flight), resumable by upload id.
 */
public final class MultipartUploader {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpExecutor http;

  public MultipartUploader(HttpExecutor http) {
    this.http = http;
  }

  /** A part the server already has. */
  record RemotePart(int number, long size, String etag) {}

  /** Uploads {@code file} in parts, resuming an upload when the options name one. */
  public PutResult uploadFile(String bucket, String key, Path file, PutOptions options) {
    long size = size(file);
    long partSize = options.partSize();
    int partCount = (int) Math.max(1, (size + partSize - 1) / partSize);
    if (partCount > 10_000) {
      throw new IllegalArgumentException("too many parts (" + partCount + "); raise partSize");
    }
    String uploadId = options.resumeUploadId();
    boolean fromState = false;
    if (uploadId == null && options.stateFile() != null) {
      uploadId = readState(options.stateFile(), bucket, key, file, size, partSize);
      fromState = uploadId != null;
    }
    Map<Integer, RemotePart> existing = new HashMap<>();
    if (uploadId != null) {
      try {
        for (RemotePart p : listParts(bucket, key, uploadId)) {
          existing.put(p.number(), p);
        }
      } catch (MiniCloudException e) {
        if (!fromState || !"NoSuchUpload".equals(e.code())) {
          throw e;
        }
        uploadId = null; // the remembered upload is gone (completed or aborted): start a new one
      }
    }
    if (uploadId == null) {
      uploadId = create(bucket, key, options);
      if (options.stateFile() != null) {
        writeState(options.stateFile(), bucket, key, file, size, partSize, uploadId);
      }
    }
    TransferListener listener = options.listener();
    if (listener != null) {
      listener.started(size);
    }
    LongConsumer progress = listener == null ? null : listener::transferred;
    String[] etags = new String[partCount];
    ExecutorService pool = pool(options.parallelism());
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < partCount; i++) {
        int number = i + 1;
        long offset = i * partSize;
        long length = Math.min(partSize, size - offset);
        RemotePart have = existing.get(number);
        String id = uploadId;
        futures.add(pool.submit(() -> {
          if (have != null && have.size() == length && have.etag().equals(md5Hex(file, offset, length))) {
            etags[number - 1] = have.etag();
            if (progress != null) {
              progress.accept(length);
            }
            return;
          }
          etags[number - 1] = uploadPart(bucket, key, id, number, Body.file(file, offset, length, progress));
        }));
      }
      await(futures, uploadId);
    } finally {
      pool.shutdownNow();
    }
    PutResult result = complete(bucket, key, uploadId, etags);
    if (options.stateFile() != null) {
      try {
        Files.deleteIfExists(options.stateFile());
      } catch (IOException e) {
        throw new UncheckedIOException("upload done, but cannot delete state file " + options.stateFile(), e);
      }
    }
    return result;
  }

  /**
   * Uploads a stream of unknown length in parts; {@code first} holds the bytes already read from
   * it (exactly one part's worth).
   */
  public PutResult uploadStream(String bucket, String key, InputStream in, byte[] first, PutOptions options) {
    String uploadId = create(bucket, key, options);
    TransferListener listener = options.listener();
    LongConsumer progress = listener == null ? null : listener::transferred;
    int parallelism = options.parallelism();
    Semaphore inFlight = new Semaphore(parallelism);
    List<String> etags = new ArrayList<>();
    List<Future<?>> futures = new ArrayList<>();
    ExecutorService pool = pool(parallelism);
    try {
      byte[] buffer = first;
      int length = first.length;
      int number = 0;
      while (length > 0 || number == 0) {
        number++;
        byte[] part = length == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, length);
        int n = number;
        synchronized (etags) {
          etags.add(null);
        }
        inFlight.acquire();
        futures.add(pool.submit(() -> {
          try {
            String etag = uploadPart(bucket, key, uploadId, n, Body.bytes(part, progress));
            synchronized (etags) {
              etags.set(n - 1, etag);
            }
          } finally {
            inFlight.release();
          }
        }));
        if (length < buffer.length) {
          break; // the stream ended inside this part
        }
        buffer = new byte[(int) options.partSize()];
        length = in.readNBytes(buffer, 0, buffer.length);
        if (length == 0) {
          break;
        }
      }
      await(futures, uploadId);
    } catch (IOException e) {
      abortQuietly(bucket, key, uploadId);
      throw new UncheckedIOException("cannot read the upload's input", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abortQuietly(bucket, key, uploadId);
      throw new MiniCloudException(MiniCloudException.CLIENT_ERROR, 0, null, "interrupted", e);
    } catch (MiniCloudException e) {
      abortQuietly(bucket, key, uploadId); // a stream cannot be resumed: do not leave parts behind
      throw e;
    } finally {
      pool.shutdownNow();
    }
    synchronized (etags) {
      return complete(bucket, key, uploadId, etags.toArray(new String[0]));
    }
  }

  /** CreateMultipartUpload: returns the upload id. */
  public String create(String bucket, String key, PutOptions options) {
    Call call = Call.of("POST", "s3", S3Paths.object(bucket, key), "uploads");
    StorageHeaders.put(call, options);
    HttpExecutor.Response r = http.sendForBytes(call);
    return Xml.text(Xml.parse(r.body()), "UploadId");
  }

  String uploadPart(String bucket, String key, String uploadId, int number, Body body) {
    Call call = Call.of("PUT", "s3", S3Paths.object(bucket, key),
        "partNumber=" + number + "&" + S3Paths.param("uploadId", uploadId)).body(body)
        .notFoundCode("NoSuchUpload");
    HttpExecutor.Response r = http.sendForBytes(call);
    return S3Paths.unquote(r.header("etag"));
  }

  /** Every part the server has for this upload (ListParts, all pages). */
  public List<RemotePart> listParts(String bucket, String key, String uploadId) {
    List<RemotePart> parts = new ArrayList<>();
    int marker = 0;
    while (true) {
      String query = "max-parts=1000&part-number-marker=" + marker + "&" + S3Paths.param("uploadId", uploadId);
      HttpExecutor.Response r = http.sendForBytes(
          Call.of("GET", "s3", S3Paths.object(bucket, key), query).notFoundCode("NoSuchUpload"));
      Element root = Xml.parse(r.body());
      for (Element p : Xml.children(root, "Part")) {
        parts.add(new RemotePart(Integer.parseInt(Xml.text(p, "PartNumber")), Long.parseLong(Xml.text(p, "Size")),
            S3Paths.unquote(Xml.text(p, "ETag"))));
      }
      String next = Xml.text(root, "NextPartNumberMarker");
      if (!"true".equals(Xml.text(root, "IsTruncated")) || next == null || Integer.parseInt(next) <= marker) {
        return parts;
      }
      marker = Integer.parseInt(next);
    }
  }

  PutResult complete(String bucket, String key, String uploadId, String[] etags) {
    StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
    for (int i = 0; i < etags.length; i++) {
      xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>\"")
          .append(Xml.escape(etags[i])).append("\"</ETag></Part>");
    }
    xml.append("</CompleteMultipartUpload>");
    // Completing twice is harmless (the second answers with the same object or NoSuchUpload), and
    // losing the answer to a reset would otherwise fail a long upload at its very end: retried.
    Call call = Call.of("POST", "s3", S3Paths.object(bucket, key), S3Paths.param("uploadId", uploadId))
        .header("content-type", "application/xml")
        .body(Body.bytes(xml.toString().getBytes(StandardCharsets.UTF_8)))
        .notFoundCode("NoSuchUpload")
        .idempotent(true);
    HttpExecutor.Response r = http.sendForBytes(call);
    Element root = Xml.parse(r.body());
    if ("Error".equals(root.getTagName())) { // S3 may report a failure inside a 200 answer
      throw Errors.fromResponse(500, r.header("x-amz-request-id"), r.body(), null);
    }
    return new PutResult(S3Paths.unquote(Xml.text(root, "ETag")), etags.length, uploadId);
  }

  /** AbortMultipartUpload. */
  public void abort(String bucket, String key, String uploadId) {
    http.sendForBytes(Call.of("DELETE", "s3", S3Paths.object(bucket, key), S3Paths.param("uploadId", uploadId))
        .notFoundCode("NoSuchUpload"));
  }

  private void abortQuietly(String bucket, String key, String uploadId) {
    try {
      abort(bucket, key, uploadId);
    } catch (MiniCloudException e) {
      // the upload's parts are reclaimed by the server's collector; the original error matters more
    }
  }

  private static void await(List<Future<?>> futures, String uploadId) {
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      String note = " (multipart upload " + uploadId + " kept: resume it with PutOptions.resumeUploadId or a state file)";
      if (cause instanceof RetriableException m) {
        throw new RetriableException(m.code(), m.statusCode(), m.requestId(), m.getMessage() + note, m);
      }
      if (cause instanceof MiniCloudException m) {
        throw new MiniCloudException(m.code(), m.statusCode(), m.requestId(), m.getMessage() + note, m);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new MiniCloudException(MiniCloudException.CLIENT_ERROR, 0, null, "interrupted", e);
    }
  }

  private static ExecutorService pool(int threads) {
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "minicloud-part-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static String md5Hex(Path file, long offset, long length) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      long pos = offset;
      long end = offset + length;
      while (pos < end) {
        buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
        int n = ch.read(buf, pos);
        if (n < 0) {
          break;
        }
        md5.update(buf.flip());
        pos += n;
      }
      return Hashes.hex(md5.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64 MD5 of bytes, for Content-MD5. */
  public static String md5Base64(byte[] data) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String readState(Path stateFile, String bucket, String key, Path file, long size, long partSize) {
    if (!Files.isRegularFile(stateFile)) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(stateFile)) {
      p.load(in);
    } catch (IOException e) {
      return null; // unreadable state: start afresh
    }
    boolean same = bucket.equals(p.getProperty("bucket")) && key.equals(p.getProperty("key"))
        && file.toAbsolutePath().toString().equals(p.getProperty("file"))
        && Long.toString(size).equals(p.getProperty("size"))
        && Long.toString(partSize).equals(p.getProperty("partSize"));
    return same ? p.getProperty("uploadId") : null;
  }

  private static void writeState(Path stateFile, String bucket, String key, Path file, long size, long partSize,
      String uploadId) {
    String text = "# MiniCloud multipart upload state: delete this file to start over\n"
        + "bucket=" + escapeProp(bucket) + "\nkey=" + escapeProp(key) + "\nfile=" + escapeProp(file.toAbsolutePath().toString())
        + "\nsize=" + size + "\npartSize=" + partSize + "\nuploadId=" + escapeProp(uploadId) + "\n";
    try {
      Path parent = stateFile.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(stateFile, text, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + stateFile, e);
    }
  }

  private static String escapeProp(String value) {
    StringBuilder sb = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!' || c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
