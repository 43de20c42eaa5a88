package dev.minicloud.controlplane.storage.encryption;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.storage.blob.BlobCopy;
import dev.minicloud.controlplane.storage.blob.BodyTransform;
import dev.minicloud.controlplane.storage.blob.Segment;
import dev.minicloud.controlplane.storage.bucket.BucketRecord;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the object handlers compose to encrypt and decrypt (S3's SSE-S3): which writes encrypt
 * ({@code x-amz-server-side-encryption} or the bucket's default), the upload transform that digests
 * the plaintext and then encrypts it, the copy pass that decrypts a source and encrypts a target, and
 * the plaintext view of a stored segment. For plain objects each of these is the identity, so they
 * pay nothing.
 */
public final class ServerSideEncryption {

  public static final String HEADER = "x-amz-server-side-encryption";

  private static final String KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";
  private static final String KMS_CONTEXT = "x-amz-server-side-encryption-context";
  private static final List<String> CUSTOMER_KEY_PREFIXES = List.of("x-amz-server-side-encryption-customer-",
      "x-amz-copy-source-server-side-encryption-customer-");

  private final DataKeys keys;

  public ServerSideEncryption(DataKeys keys) {
    this.keys = keys;
  }

  // ---- what a request asks for ------------------------------------------------------------------

  /**
   * Whether a new object (PutObject, CopyObject, CreateMultipartUpload) is encrypted: as its
   * {@code x-amz-server-side-encryption} header says, else as the bucket's default encryption.
   * {@code AES256} is supported; {@code aws:kms} / {@code aws:kms:dsse} and customer-provided keys
   * (SSE-C) are NotImplemented; any other value is InvalidArgument, as S3 answers.
   */
  public static boolean requested(S3Call call, BucketRecord bucket) {
    refuseCustomerKeys(call);
    String value = call.header(HEADER);
    boolean kmsDetails = call.header(KMS_KEY_ID) != null || call.header(KMS_CONTEXT) != null;
    if (value == null) {
      if (kmsDetails) {
        throw kmsHeaderRequired();
      }
      return bucket.encryption() != null;
    }
    String algorithm = value.trim();
    if (algorithm.equals(ObjectEncryption.AES256)) {
      if (kmsDetails) {
        throw kmsHeaderRequired();
      }
      return true;
    }
    if (algorithm.equals("aws:kms") || algorithm.equals("aws:kms:dsse")) {
      throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED, "Server-side encryption with KMS keys (" + algorithm
          + ") is not supported; use x-amz-server-side-encryption: AES256.");
    }
    throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, "The encryption method specified is not supported");
  }

  /** Customer-provided keys (SSE-C) on a write: not supported, said clearly. */
  public static void refuseCustomerKeys(S3Call call) {
    if (hasCustomerKeyHeader(call.http().headers())) {
      throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED, "Server-side encryption with customer-provided keys "
          + "(SSE-C) is not supported; use x-amz-server-side-encryption: AES256.");
    }
  }

  /**
   * GetObject/HeadObject with SSE-C headers: no object here is encrypted with a customer key, and
   * S3 answers such a read with InvalidRequest.
   */
  public static void checkRead(S3Call call) {
    if (hasCustomerKeyHeader(call.http().headers())) {
      throw new ApiException(S3ErrorCode.INVALID_REQUEST, "The encryption parameters are not applicable to this "
          + "object (server-side encryption with customer-provided keys is not supported).");
    }
  }

  /** Sets {@code x-amz-server-side-encryption} on a response about an encrypted object. */
  public static void writeHeader(MultiMap headers, ObjectEncryption encryption) {
    if (encryption != null) {
      headers.set(HEADER, encryption.algorithm());
    }
  }

  private static boolean hasCustomerKeyHeader(MultiMap headers) {
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (String prefix : CUSTOMER_KEY_PREFIXES) {
        if (lower.startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  private static ApiException kmsHeaderRequired() {
    return new ApiException(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with AWS KMS managed key requires "
        + "HTTP header x-amz-server-side-encryption : aws:kms");
  }

  // ---- writing a new blob -----------------------------------------------------------------------

  /**
   * BlobUpload's transform and observer for a new blob. Plain: the request's own. Encrypted: the
   * transform decodes, shows the plaintext to the observer (digests: ETag and checksums stay those
   * of the plaintext) and encrypts, and BlobUpload's own observer sees nothing more.
   *
   * @param sealedKey the blob's sealed data key, null for a plain blob
   */
  public record Upload(BodyTransform transform, Consumer<Buffer> observer, SealedKey sealedKey) {

    /** The encryption of an object made of this one blob (null: plain). */
    public ObjectEncryption encryption() {
      return sealedKey == null ? null : ObjectEncryption.aes256(List.of(sealedKey));
    }
  }

  public Upload upload(boolean encrypt, String blobId, BodyTransform decode, Consumer<Buffer> observer) {
    if (!encrypt) {
      return new Upload(decode, observer, null);
    }
    DataKey key = keys.newKey();
    SegmentCipher cipher = key.at(0);
    Consumer<Buffer> ignore = buffer -> { };
    BodyTransform encrypting = new BodyTransform() {
      @Override
      public void feed(Buffer received, Consumer<Buffer> out) {
        decode.feed(received, plain -> {
          observer.accept(plain);
          out.accept(cipher.apply(plain));
        });
      }

      @Override
      public void finish(Consumer<Buffer> out) {
        decode.finish(plain -> {
          observer.accept(plain);
          out.accept(cipher.apply(plain));
        });
      }
    };
    return new Upload(encrypting, ignore, keys.seal(blobId, key));
  }

  // ---- copying ----------------------------------------------------------------------------------

  /**
   * BlobCopy's pass from {@code source}'s segments into a new blob: decrypts an encrypted source,
   * shows the plaintext to {@code observer}, encrypts when the target is encrypted.
   *
   * @param sealedKey the new blob's sealed data key, null when the target is plain
   */
  public record Copy(BlobCopy.Pass pass, SealedKey sealedKey) {

    public ObjectEncryption encryption() {
      return sealedKey == null ? null : ObjectEncryption.aes256(List.of(sealedKey));
    }
  }

  public Copy copy(ObjectEncryption source, boolean encrypt, String blobId, Consumer<Buffer> observer) {
    if (source == null && !encrypt) {
      return new Copy(BlobCopy.Pass.observing(observer), null);
    }
    Map<String, SealedKey> sourceKeys = byBlob(source);
    DataKey key = encrypt ? keys.newKey() : null;
    SegmentCipher target = key == null ? null : key.at(0);
    BlobCopy.Pass pass = (segment, from) -> {
      SegmentCipher decrypt = source == null ? null : cipherFor(sourceKeys, segment, from);
      return buffer -> {
        Buffer plain = decrypt == null ? buffer : decrypt.apply(buffer);
        observer.accept(plain);
        return target == null ? plain : target.apply(plain);
      };
    };
    return new Copy(pass, key == null ? null : keys.seal(blobId, key));
  }

  // ---- reading ----------------------------------------------------------------------------------

  /** The plaintext of a stored segment's bytes. */
  public interface Reader {

    /** {@code stored}, the node's bytes of {@code segment} from its byte {@code from} on, as plaintext. */
    ReadStream<Buffer> plaintext(Segment segment, long from, ReadStream<Buffer> stored);
  }

  /** A reader for {@code object}'s segments: the stored bytes themselves for a plain object. */
  public Reader reader(ObjectEncryption encryption) {
    if (encryption == null) {
      return (segment, from, stored) -> stored;
    }
    Map<String, SealedKey> byBlob = byBlob(encryption);
    return (segment, from, stored) -> new DecryptingStream(stored, cipherFor(byBlob, segment, from));
  }

  private SegmentCipher cipherFor(Map<String, SealedKey> byBlob, Segment segment, long from) {
    SealedKey sealed = byBlob.get(segment.blobId());
    if (sealed == null) {
      throw new IllegalStateException("no data key for blob " + segment.blobId() + " of an encrypted object");
    }
    return keys.open(sealed).at(from);
  }

  private static Map<String, SealedKey> byBlob(ObjectEncryption encryption) {
    Map<String, SealedKey> byBlob = new HashMap<>();
    if (encryption != null) {
      encryption.keys().forEach(k -> byBlob.put(k.blobId(), k));
    }
    return byBlob;
  }
}
