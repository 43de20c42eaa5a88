package dev.minicloud.controlplane.iam.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** IAM's condition operators (without the {@code IfExists} suffix and set qualifiers). */
public enum ConditionOperator {
  STRING_EQUALS("StringEquals", Kind.STRING, false, 0),
  STRING_NOT_EQUALS("StringNotEquals", Kind.STRING, true, 0),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Kind.STRING_IGNORE_CASE, false, 0),
  STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Kind.STRING_IGNORE_CASE, true, 0),
  STRING_LIKE("StringLike", Kind.LIKE, false, 0),
  STRING_NOT_LIKE("StringNotLike", Kind.LIKE, true, 0),
  NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC, false, 0),
  NUMERIC_NOT_EQUALS("NumericNotEquals", Kind.NUMERIC, true, 0),
  NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC, false, -2),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC, false, -1),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC, false, 2),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC, false, 1),
  DATE_EQUALS("DateEquals", Kind.DATE, false, 0),
  DATE_NOT_EQUALS("DateNotEquals", Kind.DATE, true, 0),
  DATE_LESS_THAN("DateLessThan", Kind.DATE, false, -2),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", Kind.DATE, false, -1),
  DATE_GREATER_THAN("DateGreaterThan", Kind.DATE, false, 2),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Kind.DATE, false, 1),
  BOOL("Bool", Kind.BOOL, false, 0),
  IP_ADDRESS("IpAddress", Kind.IP, false, 0),
  NOT_IP_ADDRESS("NotIpAddress", Kind.IP, true, 0),
  ARN_EQUALS("ArnEquals", Kind.ARN, false, 0),
  ARN_LIKE("ArnLike", Kind.ARN, false, 0),
  ARN_NOT_EQUALS("ArnNotEquals", Kind.ARN, true, 0),
  ARN_NOT_LIKE("ArnNotLike", Kind.ARN, true, 0),
  NULL("Null", Kind.NULL, false, 0);

  enum Kind { STRING, STRING_IGNORE_CASE, LIKE, NUMERIC, DATE, BOOL, IP, ARN, NULL }

  private final String wireName;
  private final Kind kind;
  private final boolean negated;
  /** 0: equals; -2 less, -1 less or equal, 1 greater or equal, 2 greater. */
  private final int comparison;

  ConditionOperator(String wireName, Kind kind, boolean negated, int comparison) {
    this.wireName = wireName;
    this.kind = kind;
    this.negated = negated;
    this.comparison = comparison;
  }

  public String wireName() {
    return wireName;
  }

  public boolean negated() {
    return negated;
  }

  boolean isNull() {
    return kind == Kind.NULL;
  }

  public static Optional<ConditionOperator> forName(String name) {
    for (ConditionOperator op : values()) {
      if (op.wireName.equals(name)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code policyValue} is acceptable for this operator; null when it is, the reason otherwise. */
  String problem(String policyValue) {
    try {
      switch (kind) {
        case NUMERIC -> new BigDecimal(policyValue);
        case DATE -> date(policyValue);
        case BOOL, NULL -> {
          if (!policyValue.equalsIgnoreCase("true") && !policyValue.equalsIgnoreCase("false")) {
            return "'" + policyValue + "' is not true or false";
          }
        }
        case IP -> Cidr.parse(policyValue);
        default -> { }
      }
      return null;
    } catch (NumberFormatException e) {
      return "'" + policyValue + "' is not a number";
    } catch (DateTimeParseException e) {
      return "'" + policyValue + "' is not an ISO 8601 date or epoch seconds";
    } catch (IllegalArgumentException e) {
      return "'" + policyValue + "' is not an IP address or CIDR block";
    }
  }

  /** Whether one request value matches one policy value under the positive form of this operator. */
  boolean matchesPositive(String requestValue, String policyValue) {
    try {
      return switch (kind) {
        case STRING -> requestValue.equals(policyValue);
        case STRING_IGNORE_CASE -> requestValue.equalsIgnoreCase(policyValue);
        case LIKE -> Wildcards.matches(policyValue, requestValue, false);
        case ARN -> Wildcards.matches(Arns.normalize(policyValue), Arns.normalize(requestValue), false);
        case NUMERIC -> compare(new BigDecimal(requestValue).compareTo(new BigDecimal(policyValue)));
        case DATE -> compare(date(requestValue).compareTo(date(policyValue)));
        case BOOL -> requestValue.equalsIgnoreCase(policyValue);
        case IP -> Cidr.parse(policyValue).contains(requestValue);
        case NULL -> throw new IllegalStateException("Null is evaluated on presence");
      };
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // A request value of the wrong type never matches (AWS: the condition is false).
      return false;
    }
  }

  private boolean compare(int c) {
    return switch (comparison) {
      case -2 -> c < 0;
      case -1 -> c <= 0;
      case 1 -> c >= 0;
      case 2 -> c > 0;
      default -> c == 0;
    };
  }

  static Instant date(String value) {
    if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
      return Instant.ofEpochSecond(Long.parseLong(value));
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e2) {
        return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      }
    }
  }

  /** An IPv4 or IPv6 block. */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      String t = text.trim();
      int slash = t.indexOf('/');
      String host = slash < 0 ? t : t.substring(0, slash);
      byte[] address = literal(host);
      int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(t.substring(slash + 1));
      if (prefix < 0 || prefix > address.length * 8) {
        throw new IllegalArgumentException("bad prefix");
      }
      return new Cidr(address, prefix);
    }

    boolean contains(String ip) {
      byte[] address = literal(ip.trim());
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    /** Parses an IP literal without ever resolving a name. */
    private static byte[] literal(String host) {
      String h = host.toLowerCase(Locale.ROOT);
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      boolean ipv4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
      boolean ipv6 = h.contains(":") && h.matches("[0-9a-f:.]+");
      if (!ipv4 && !ipv6) {
        throw new IllegalArgumentException("not an IP literal: " + host);
      }
      try {
        return InetAddress.getByName(h).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP literal: " + host, e);
      }
    }
  }
}
