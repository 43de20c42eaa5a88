package dev.minicloud.common.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A raw query string split into parameters, kept as on the wire so that canonicalization can
 * decode each one to bytes itself. A parameter without {@code =} has the value "".
 */
final class QueryParameters {

  /** One parameter as on the wire (still encoded). */
  record Raw(String name, String value) {
    String decodedName() {
      return AwsUriEncoding.decode(name, true);
    }

    String decodedValue() {
      return AwsUriEncoding.decode(value, true);
    }
  }

  private final List<Raw> params;

  private QueryParameters(List<Raw> params) {
    this.params = params;
  }

  static QueryParameters parse(String rawQuery) {
    List<Raw> params = new ArrayList<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String part : rawQuery.split("&", -1)) {
        if (part.isEmpty()) {
          continue; // "a=1&&b=2": nothing was sent between the ampersands
        }
        int eq = part.indexOf('=');
        params.add(eq < 0 ? new Raw(part, "") : new Raw(part.substring(0, eq), part.substring(eq + 1)));
      }
    }
    return new QueryParameters(params);
  }

  List<Raw> all() {
    return params;
  }

  /** Decoded values of every parameter whose decoded name is exactly {@code name}. */
  List<String> values(String name) {
    List<String> values = new ArrayList<>();
    for (Raw param : params) {
      if (param.decodedName().equals(name)) {
        values.add(param.decodedValue());
      }
    }
    return values;
  }

  boolean contains(String name) {
    return !values(name).isEmpty();
  }

  Optional<String> first(String name) {
    List<String> values = values(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
