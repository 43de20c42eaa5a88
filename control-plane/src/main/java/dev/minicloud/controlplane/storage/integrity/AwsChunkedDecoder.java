package dev.minicloud.controlplane.storage.integrity;

import dev.minicloud.common.sigv4.ChunkSignatureChain;
import dev.minicloud.common.sigv4.Hashes;
import dev.minicloud.common.sigv4.PayloadHashes;
import dev.minicloud.common.sigv4.VerifiedRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Incremental push parser of {@code Content-Encoding: aws-chunked} bodies: bytes go in through
 * {@link #feed} in pieces of any size (one byte at a time works), decoded data comes out to the
 * sink as it arrives, and {@link #finish} checks the end and returns the trailers.
 *
 * <p>Wire forms, by x-amz-content-sha256:
 *
 * <pre>
 * STREAMING-AWS4-HMAC-SHA256-PAYLOAD          hex-size;chunk-signature=SIG CRLF data CRLF ...
 *                                             0;chunk-signature=SIG CRLF CRLF
 * STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER  ... 0;chunk-signature=SIG CRLF
 *                                             name:value CRLF ... x-amz-trailer-signature:SIG CRLF CRLF
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER          hex-size CRLF data CRLF ... 0 CRLF name:value CRLF ... CRLF
 * </pre>
 *
 * <p>Strict on what protects the data: chunk and trailer signatures (a chain from the request's
 * seed signature), chunk sizes, the CRLF after each chunk's data, the final zero-length chunk and
 * x-amz-decoded-content-length. Liberal where clients differ: bare LF line ends, spaces around
 * names, values and sizes, unknown chunk extensions, a trailer signature in an unsigned stream, a
 * missing final empty line (and a missing CRLF on the last trailer line) at the end of the body.
 *
 * <p>Memory is bounded: one line buffer of {@link #MAX_LINE} bytes, at most {@link #MAX_TRAILERS}
 * trailers; chunk data is never accumulated. The sink gets views of the buffers passed to {@link
 * #feed}, valid only during the call; signed data reaches the sink before its chunk's signature is
 * checked (at the end of the chunk), so nothing may be committed before {@link #finish} returns.
 *
 * <p>Not thread-safe. After a failure every further call throws the same failure again.
 */
public final class AwsChunkedDecoder {

  /** Longest chunk header or trailer line, without its line end. */
  public static final int MAX_LINE = 4096;

  /** Most trailer lines (including the trailer signature). */
  public static final int MAX_TRAILERS = 16;

  /** The trailer carrying the signature of the other trailers. */
  public static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

  private static final String CHUNK_SIGNATURE = "chunk-signature";

  private enum State { HEADER, DATA, DATA_CR, DATA_LF, TRAILER, DONE, FINISHED }

  private final ChunkSignatureChain chain;
  private final boolean trailersAllowed;
  private final boolean signedTrailer;
  private final Set<String> announced;
  private final long declaredLength;
  private final Consumer<ByteBuffer> sink;
  private final MessageDigest chunkSha256;

  private final byte[] line = new byte[MAX_LINE];
  private int lineLength;

  private State state = State.HEADER;
  private long chunkRemaining;
  private String chunkSignature;
  private long decoded;
  private final Map<String, String> trailers = new LinkedHashMap<>();
  private int trailerLines;
  private boolean trailerSignatureSeen;
  private IntegrityException failure;
  private boolean broken;

  private AwsChunkedDecoder(ChunkSignatureChain chain, boolean trailersAllowed,
      boolean signedTrailer, Collection<String> announcedTrailers, long declaredLength,
      Consumer<ByteBuffer> sink) {
    this.chain = chain;
    this.trailersAllowed = trailersAllowed;
    this.signedTrailer = signedTrailer;
    Set<String> names = new LinkedHashSet<>();
    for (String name : announcedTrailers) {
      names.add(name.trim().toLowerCase(Locale.ROOT));
    }
    this.announced = Collections.unmodifiableSet(names);
    this.declaredLength = declaredLength < 0 ? -1 : declaredLength;
    this.sink = Objects.requireNonNull(sink);
    this.chunkSha256 = chain == null ? null : Hashes.newSha256();
  }

  /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: signed chunks, no trailer. */
  public static AwsChunkedDecoder signed(ChunkSignatureChain chain, long decodedLength,
      Consumer<ByteBuffer> sink) {
    return new AwsChunkedDecoder(Objects.requireNonNull(chain), false, false, List.of(),
        decodedLength, sink);
  }

  /**
   * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks, then the trailers announced
   * in x-amz-trailer, then x-amz-trailer-signature.
   */
  public static AwsChunkedDecoder signedWithTrailer(ChunkSignatureChain chain,
      Collection<String> announcedTrailers, long decodedLength, Consumer<ByteBuffer> sink) {
    return new AwsChunkedDecoder(Objects.requireNonNull(chain), true, true, announcedTrailers,
        decodedLength, sink);
  }

  /**
   * {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER} (what botocore and the AWS CLI send by default, and
   * the SDKs over HTTPS): unsigned chunks, then the announced trailers, unsigned. The data is then
   * protected only by the trailing checksum, which the caller must check ({@link PayloadDigests}).
   */
  public static AwsChunkedDecoder unsigned(Collection<String> announcedTrailers,
      long decodedLength, Consumer<ByteBuffer> sink) {
    return new AwsChunkedDecoder(null, true, false, announcedTrailers, decodedLength, sink);
  }

  /**
   * The decoder for a verified request's streaming x-amz-content-sha256.
   *
   * @param xAmzTrailer the x-amz-trailer header (comma-separated names), or null
   * @param decodedLength x-amz-decoded-content-length, or -1 when absent
   * @throws IntegrityException UNSUPPORTED_STREAMING_MODE for other streaming markers (SigV4a),
   *     MALFORMED_TRAILER when x-amz-trailer comes with a marker that has no trailer
   * @throws IllegalArgumentException when the payload hash is not a streaming marker at all
   */
  public static AwsChunkedDecoder forRequest(VerifiedRequest request, String xAmzTrailer,
      long decodedLength, Consumer<ByteBuffer> sink) {
    String mode = request.payloadHash();
    List<String> names = parseTrailerNames(xAmzTrailer);
    switch (mode) {
      case PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD:
        if (!names.isEmpty()) {
          throw new IntegrityException(IntegrityFailure.MALFORMED_TRAILER,
              "x-amz-trailer requires x-amz-content-sha256 "
                  + PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER);
        }
        return signed(ChunkSignatureChain.of(request), decodedLength, sink);
      case PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER:
        return signedWithTrailer(ChunkSignatureChain.of(request), names, decodedLength, sink);
      case PayloadHashes.STREAMING_UNSIGNED_PAYLOAD_TRAILER:
        return unsigned(names, decodedLength, sink);
      default:
        if (PayloadHashes.isStreaming(mode)) {
          throw new IntegrityException(IntegrityFailure.UNSUPPORTED_STREAMING_MODE,
              "x-amz-content-sha256 " + mode + " is not supported.");
        }
        throw new IllegalArgumentException("not a streaming payload: " + mode);
    }
  }

  /** The names in an x-amz-trailer value, lower case; empty for null. */
  public static List<String> parseTrailerNames(String xAmzTrailer) {
    if (xAmzTrailer == null) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String piece : xAmzTrailer.split(",")) {
      String name = piece.trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /**
   * x-amz-decoded-content-length as a number; -1 when absent.
   *
   * @throws IntegrityException INVALID_DECODED_CONTENT_LENGTH unless a non-negative decimal
   */
  public static long parseDecodedContentLength(String header) {
    if (header == null) {
      return -1;
    }
    String value = header.trim();
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IntegrityException(IntegrityFailure.INVALID_DECODED_CONTENT_LENGTH,
          "x-amz-decoded-content-length is not valid: " + header);
    }
    return Long.parseLong(value);
  }

  /** Feeds the remaining bytes of {@code input} (its position ends at its limit). */
  public void feed(ByteBuffer input) {
    checkUsable();
    try {
      while (input.hasRemaining()) {
        switch (state) {
          case HEADER:
            if (readLine(input, IntegrityFailure.MALFORMED_CHUNK)) {
              onChunkHeader(takeLine());
            }
            break;
          case DATA:
            onData(input);
            break;
          case DATA_CR:
            byte cr = input.get();
            if (cr == '\r') {
              state = State.DATA_LF;
            } else if (cr == '\n') {
              state = State.HEADER;
            } else {
              throw fail(IntegrityFailure.MALFORMED_CHUNK,
                  "chunk data is not followed by CRLF: the chunk is longer than its size");
            }
            break;
          case DATA_LF:
            if (input.get() != '\n') {
              throw fail(IntegrityFailure.MALFORMED_CHUNK, "chunk data is not followed by CRLF");
            }
            state = State.HEADER;
            break;
          case TRAILER:
            if (readLine(input, IntegrityFailure.MALFORMED_TRAILER)) {
              onTrailerLine(takeLine());
            }
            break;
          case DONE:
            byte b = input.get();
            if (b != '\r' && b != '\n') {
              throw fail(IntegrityFailure.MALFORMED_CHUNK, "data after the end of the body");
            }
            break;
          default:
            throw new IllegalStateException("decoder already finished");
        }
      }
    } catch (IntegrityException e) {
      failure = e;
      throw e;
    } catch (RuntimeException | Error e) {
      broken = true;
      throw e;
    }
  }

  /** Feeds {@code len} bytes of {@code bytes} from {@code off}. */
  public void feed(byte[] bytes, int off, int len) {
    feed(ByteBuffer.wrap(bytes, off, len));
  }

  /**
   * Ends the body: checks that the final chunk (and its signature), the announced trailers (and
   * the trailer signature) arrived and that the decoded length is the declared one.
   *
   * @return the trailers, lower-case names to trimmed values, without x-amz-trailer-signature
   * @throws IntegrityException INCOMPLETE_BODY, MALFORMED_TRAILER, SIGNATURE_DOES_NOT_MATCH
   */
  public Map<String, String> finish() {
    checkUsable();
    try {
      switch (state) {
        case DONE:
          break;
        case TRAILER:
          if (lineLength > 0) {
            onTrailerLine(takeLine()); // the last line may lack its CRLF
          }
          if (state == State.TRAILER) {
            completeTrailers();
          }
          break;
        case FINISHED:
          throw new IllegalStateException("decoder already finished");
        default:
          throw fail(IntegrityFailure.INCOMPLETE_BODY,
              "The body ended before the final zero-length chunk.");
      }
      checkDecodedLength();
      state = State.FINISHED;
      return Collections.unmodifiableMap(trailers);
    } catch (IntegrityException e) {
      failure = e;
      throw e;
    }
  }

  /** Decoded bytes passed to the sink so far. */
  public long decodedLength() {
    return decoded;
  }

  /** True once the terminating empty line has been read (finish() may still fail on lengths). */
  public boolean isComplete() {
    return state == State.DONE || state == State.FINISHED;
  }

  // ---------------------------------------------------------------- parsing

  private void onData(ByteBuffer input) {
    int n = (int) Math.min(chunkRemaining, input.remaining());
    ByteBuffer data = input.slice(input.position(), n);
    input.position(input.position() + n);
    if (chunkSha256 != null) {
      chunkSha256.update(data);
      data.rewind();
    }
    chunkRemaining -= n;
    decoded += n;
    sink.accept(data);
    if (chunkRemaining == 0) {
      if (chain != null) {
        String hash = Hashes.hex(chunkSha256.digest());
        if (!chain.verifyNext(hash, chunkSignature)) {
          throw fail(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH,
              "The chunk signature does not match (chunk ending at decoded byte " + decoded + ").");
        }
      }
      state = State.DATA_CR;
    }
  }

  private void onChunkHeader(String text) {
    if (text.isEmpty()) {
      throw fail(IntegrityFailure.MALFORMED_CHUNK, "empty chunk header line");
    }
    int semi = text.indexOf(';');
    String hex = (semi < 0 ? text : text.substring(0, semi)).trim();
    if (hex.length() > 16 || !ChecksumAlgorithm.isAsciiHex(hex)) {
      throw fail(IntegrityFailure.MALFORMED_CHUNK, "invalid chunk size: " + abbreviate(hex));
    }
    long size = Long.parseUnsignedLong(hex, 16);
    if (size < 0) {
      throw fail(IntegrityFailure.MALFORMED_CHUNK, "chunk size too large: " + hex);
    }
    String signature = null;
    if (semi >= 0) {
      for (String extension : text.substring(semi + 1).split(";")) {
        int eq = extension.indexOf('=');
        String name = (eq < 0 ? extension : extension.substring(0, eq)).trim();
        if (name.equalsIgnoreCase(CHUNK_SIGNATURE)) {
          if (signature != null) {
            throw fail(IntegrityFailure.MALFORMED_CHUNK, "two chunk-signature extensions");
          }
          signature = unquote(eq < 0 ? "" : extension.substring(eq + 1).trim());
        }
        // other extensions are ignored, as HTTP chunked encoding allows
      }
    }
    if (chain != null) {
      if (signature == null) {
        throw fail(IntegrityFailure.MALFORMED_CHUNK, "signed chunk without chunk-signature");
      }
      if (signature.length() != 64 || !ChecksumAlgorithm.isAsciiHex(signature)) {
        throw fail(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH,
            "The chunk signature is not a SHA-256 HMAC: " + abbreviate(signature));
      }
    }
    if (declaredLength >= 0 && size > declaredLength - decoded) {
      throw fail(IntegrityFailure.INCOMPLETE_BODY, "The chunks hold more than the "
          + declaredLength + " bytes of x-amz-decoded-content-length.");
    }
    if (size > 0) {
      chunkRemaining = size;
      chunkSignature = signature;
      state = State.DATA;
      return;
    }
    if (chain != null && !chain.verifyNext(PayloadHashes.EMPTY_SHA256, signature)) {
      throw fail(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH,
          "The signature of the final chunk does not match.");
    }
    checkDecodedLength();
    state = State.TRAILER;
  }

  private void onTrailerLine(String text) {
    if (text.isEmpty()) {
      completeTrailers();
      state = State.DONE;
      return;
    }
    if (!trailersAllowed) {
      throw fail(IntegrityFailure.MALFORMED_TRAILER,
          "Trailing data after the final chunk, but x-amz-content-sha256 announces no trailer.");
    }
    if (++trailerLines > MAX_TRAILERS) {
      throw fail(IntegrityFailure.MALFORMED_TRAILER, "more than " + MAX_TRAILERS + " trailers");
    }
    if (trailerSignatureSeen) {
      throw fail(IntegrityFailure.MALFORMED_TRAILER, "trailer after " + TRAILER_SIGNATURE);
    }
    int colon = text.indexOf(':');
    String name = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      throw fail(IntegrityFailure.MALFORMED_TRAILER,
          "trailer line is not name:value: " + abbreviate(text));
    }
    String value = text.substring(colon + 1).trim();
    if (name.equals(TRAILER_SIGNATURE)) {
      if (signedTrailer) {
        verifyTrailerSignature(value);
        trailerSignatureSeen = true;
      }
      // an unsigned stream has nothing to check it against: ignored
      return;
    }
    if (!announced.contains(name)) {
      throw fail(IntegrityFailure.MALFORMED_TRAILER,
          "The trailer " + name + " was not announced in x-amz-trailer.");
    }
    if (trailers.putIfAbsent(name, value) != null) {
      throw fail(IntegrityFailure.MALFORMED_TRAILER, "The trailer " + name + " came twice.");
    }
  }

  private void verifyTrailerSignature(String signature) {
    StringBuilder canonical = new StringBuilder();
    new TreeMap<>(trailers).forEach((name, value) ->
        canonical.append(name).append(':').append(value).append('\n'));
    if (signature.length() != 64 || !ChecksumAlgorithm.isAsciiHex(signature)
        || !chain.verifyTrailer(canonical.toString(), signature)) {
      throw fail(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH,
          "The trailer signature does not match.");
    }
  }

  private void completeTrailers() {
    for (String name : announced) {
      if (!trailers.containsKey(name)) {
        throw fail(IntegrityFailure.MALFORMED_TRAILER,
            "The trailer " + name + " announced in x-amz-trailer did not arrive.");
      }
    }
    if (signedTrailer && !trailerSignatureSeen) {
      throw fail(IntegrityFailure.MALFORMED_TRAILER, "The trailer has no " + TRAILER_SIGNATURE);
    }
  }

  private void checkDecodedLength() {
    if (declaredLength >= 0 && decoded != declaredLength) {
      throw fail(IntegrityFailure.INCOMPLETE_BODY, "The body holds " + decoded
          + " bytes, x-amz-decoded-content-length says " + declaredLength + ".");
    }
  }

  /** Reads up to and including LF; true when a whole line is buffered. */
  private boolean readLine(ByteBuffer input, IntegrityFailure tooLong) {
    while (input.hasRemaining()) {
      byte b = input.get();
      if (b == '\n') {
        return true;
      }
      if (lineLength == MAX_LINE) {
        throw fail(tooLong, "line longer than " + MAX_LINE + " bytes");
      }
      line[lineLength++] = b;
    }
    return false;
  }

  /** The buffered line without its CR, trimmed; the buffer is emptied. */
  private String takeLine() {
    int end = lineLength;
    if (end > 0 && line[end - 1] == '\r') {
      end--;
    }
    lineLength = 0;
    return new String(line, 0, end, StandardCharsets.ISO_8859_1).trim();
  }

  private void checkUsable() {
    if (failure != null) {
      throw new IntegrityException(failure.failure(), failure.getMessage());
    }
    if (broken) {
      throw new IllegalStateException("the decoder failed earlier");
    }
  }

  private static IntegrityException fail(IntegrityFailure failure, String message) {
    return new IntegrityException(failure, message);
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
