package dev.minicloud.common.sigv4;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as it is on the wire, which is what a signature covers: the method, the path
 * exactly as received (still percent-encoded, without the query), the raw query string, and the
 * headers. Header names are lower-cased; a header sent twice keeps both values in order.
 *
 * <p>Immutable. The server builds one from the incoming request; the SDK builds one from the {@link
 * URI} it is about to call (see {@link Builder#uri(URI)}, which also sets the {@code host} header).
 *
 * <p>The server must pass the request-target undecoded. Should a client send raw non-ASCII bytes
 * there (clients normally percent-encode), they are expected as a UTF-8 decoded string.
 */
public final class SignableRequest {

  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final Map<String, List<String>> headers;

  private SignableRequest(Builder builder) {
    this.method = Objects.requireNonNull(builder.method, "method");
    this.rawPath = builder.rawPath == null ? "" : builder.rawPath;
    this.rawQuery = builder.rawQuery == null ? "" : builder.rawQuery;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    builder.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(copy);
  }

  /** A builder for a request with this method, e.g. {@code GET}. */
  public static Builder builder(String method) {
    return new Builder(method);
  }

  /** The HTTP method, as sent (methods are case-sensitive). */
  public String method() {
    return method;
  }

  /** The path as on the wire, still percent-encoded, without the query; may be empty. */
  public String rawPath() {
    return rawPath;
  }

  /** The query string as on the wire, without the {@code ?}; empty when there is none. */
  public String rawQuery() {
    return rawQuery;
  }

  /** All headers, names lower-cased, values in the order received. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The values of one header (any case), empty when absent. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The first value of one header (any case). */
  public Optional<String> firstHeader(String name) {
    List<String> values = headerValues(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A builder initialised with this request, to derive a modified copy. */
  public Builder toBuilder() {
    Builder builder = new Builder(method).rawPath(rawPath).rawQuery(rawQuery);
    headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
    return builder;
  }

  @Override
  public String toString() {
    // Header values may be credentials (Authorization), so only their names are shown.
    return method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery)
        + " headers=" + headers.keySet();
  }

  /** Builds a {@link SignableRequest}; header names are lower-cased as they are added. */
  public static final class Builder {
    private final String method;
    private String rawPath = "";
    private String rawQuery = "";
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    private Builder(String method) {
      this.method = Objects.requireNonNull(method, "method");
    }

    /** The path exactly as on the wire (percent-encoded), without the query. */
    public Builder rawPath(String rawPath) {
      this.rawPath = rawPath;
      return this;
    }

    /** The query exactly as on the wire, without {@code ?}; null or empty for none. */
    public Builder rawQuery(String rawQuery) {
      this.rawQuery = rawQuery;
      return this;
    }

    /**
     * Takes the raw path and raw query of {@code uri} and sets the {@code host} header the way
     * {@code java.net.http.HttpClient} will send it: the host, plus {@code :port} unless the port is
     * absent or the scheme's default. That header is signed but cannot be set on that client.
     */
    public Builder uri(URI uri) {
      rawPath(uri.getRawPath());
      rawQuery(uri.getRawQuery());
      String host = Objects.requireNonNull(uri.getHost(), "uri has no host");
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
              || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
      headers.remove("host");
      return header("host", defaultPort ? host : host + ":" + port);
    }

    /** Adds one value to a header (a second call with the same name adds a second value). */
    public Builder header(String name, String value) {
      Objects.requireNonNull(value, "value");
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds every value of every header in {@code all}. */
    public Builder headers(Map<String, ? extends List<String>> all) {
      all.forEach((name, values) -> values.forEach(value -> header(name, value)));
      return this;
    }

    /** Removes a header (any case). */
    public Builder removeHeader(String name) {
      headers.remove(name.toLowerCase(Locale.ROOT));
      return this;
    }

    public SignableRequest build() {
      return new SignableRequest(this);
    }
  }
}
