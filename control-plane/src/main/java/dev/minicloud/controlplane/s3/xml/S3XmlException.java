package dev.minicloud.controlplane.s3.xml;

import java.util.Objects;

/**
 * A request body S3 would refuse. {@link #code()} tells which S3 error to answer with; the message
 * says what is wrong, for the client.
 */
public final class S3XmlException extends RuntimeException {

  /** The S3 errors a request body can cause. */
  public enum Code {
    /** Not well-formed, a DTD, or not S3's schema (unknown/missing/repeated elements, bad values). */
    MALFORMED_XML("MalformedXML"),
    /** An ACL document that is not well-formed or not S3's AccessControlPolicy schema. */
    MALFORMED_ACL("MalformedACLError"),
    /** A tag set breaks S3's tag rules (count, key and value length, duplicate keys, aws: prefix). */
    INVALID_TAG("InvalidTag"),
    /** A value outside S3's range, e.g. a part number outside 1..10,000. */
    INVALID_ARGUMENT("InvalidArgument"),
    /** CompleteMultipartUpload parts not in strictly ascending part-number order. */
    INVALID_PART_ORDER("InvalidPartOrder"),
    /** The body is larger than the caller's limit. */
    MAX_MESSAGE_LENGTH_EXCEEDED("MaxMessageLengthExceeded");

    private final String s3Code;

    Code(String s3Code) {
      this.s3Code = s3Code;
    }

    /** S3's error code string, e.g. {@code MalformedXML}. */
    public String s3Code() {
      return s3Code;
    }
  }

  private final Code code;

  public S3XmlException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public S3XmlException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Which S3 error this is. */
  public Code code() {
    return code;
  }

  static S3XmlException malformed(String detail) {
    return new S3XmlException(Code.MALFORMED_XML,
        "The XML you provided was not well-formed or did not validate against our published schema: " + detail);
  }
}
