package dev.minicloud.common.id;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Generators for the identifiers MiniCloud hands out, in AWS's shapes so tools that validate
 * them accept ours: 12-digit account ids, 20-character {@code AKIA...} access key ids, 40-character
 * secrets, 16-hex-digit request ids, {@code i-} + 17 hex instance ids.
 */
public final class Ids {

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final HexFormat HEX_UPPER = HexFormat.of().withUpperCase();

  private final SecureRandom random;

  public Ids() {
    this(new SecureRandom());
  }

  public Ids(SecureRandom random) {
    this.random = random;
  }

  /** A 12-digit account id that does not start with 0. */
  public String accountId() {
    StringBuilder sb = new StringBuilder(12);
    sb.append((char) ('1' + random.nextInt(9)));
    for (int i = 1; i < 12; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }

  /** A 20-character long-term access key id: {@code AKIA} + 16 base32 characters. */
  public String accessKeyId() {
    return "AKIA" + randomChars(BASE32, 16);
  }

  /** A 40-character secret access key (240 bits of entropy). */
  public String secretAccessKey() {
    return randomChars(SECRET_ALPHABET, 40);
  }

  /** A 16-character upper-case hex request id, as S3 writes them. */
  public String requestId() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return HEX_UPPER.formatHex(bytes);
  }

  /** A prefixed id with {@code hexDigits} lower-case hex digits, e.g. {@code i-0abc...}. */
  public String prefixed(String prefix, int hexDigits) {
    byte[] bytes = new byte[(hexDigits + 1) / 2];
    random.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes).substring(0, hexDigits);
  }

  private String randomChars(String alphabet, int count) {
    StringBuilder sb = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
