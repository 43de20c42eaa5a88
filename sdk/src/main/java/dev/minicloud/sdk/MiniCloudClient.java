package dev.minicloud.sdk;

import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.sdk.internal.Body;
import dev.minicloud.sdk.internal.Call;
import dev.minicloud.sdk.internal.HttpExecutor;
import dev.minicloud.sdk.internal.JsonCalls;
import dev.minicloud.sdk.internal.Xml;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.w3c.dom.Element;

/**
 * The entry point of the MiniCloud Java SDK: one client per endpoint and access key, thread-safe,
 * meant to be shared.
 *
 * <pre>{@code
 * try (MiniCloudClient client = MiniCloudClient.builder()
 *     .endpoint("http://127.0.0.1:9000")
 *     .credentials("AKIA...", "secret")
 *     .build()) {
 *   client.storage().createBucket("photos");
 *   client.storage().putObject("photos", "cat.jpg", Path.of("cat.jpg"));
 * }
 * }</pre>
 *
 * <p>Anything not set on the builder comes from the environment, then from the profile file the
 * CLI writes ({@link ProfileFile}): see {@link Builder}.
 */
public final class MiniCloudClient implements AutoCloseable {

  /** Env var: the endpoint when none is set on the builder. */
  public static final String ENDPOINT_ENV = "MINICLOUD_ENDPOINT";
  /** Env var: the region when none is set on the builder. */
  public static final String REGION_ENV = "MINICLOUD_REGION";
  /** The endpoint of a local {@code minicloud server} with default settings. */
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9000";
  /** The default signing region. */
  public static final String DEFAULT_REGION = "us-east-1";
  /** Default time to establish a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default time for one attempt of a call to send its request and receive the response headers. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);

  private final HttpExecutor http;
  private final StorageClient storage;
  private final AdminClient admin;
  private final ComputeClient compute;
  private final IamClient iam;
  private final BillingClient billing;
  private final AuditClient audit;
  private final String region;

  private MiniCloudClient(HttpExecutor http, String region) {
    this.http = http;
    this.region = region;
    this.storage = new StorageClient(http);
    JsonCalls json = new JsonCalls(http);
    this.admin = new AdminClient(json);
    this.compute = new ComputeClient(json, http);
    this.iam = new IamClient(json);
    this.billing = new BillingClient(json, http);
    this.audit = new AuditClient(json);
  }

  /** A builder; see {@link Builder} for where unset settings come from. */
  public static Builder builder() {
    return new Builder();
  }

  /** Object storage (the S3 API). */
  public StorageClient storage() {
    return storage;
  }

  /** Container instances, images and instance types ({@code /compute/v1}). */
  public ComputeClient compute() {
    return compute;
  }

  /** Accounts, users, access keys and policies ({@code /iam/v1}). */
  public IamClient iam() {
    return iam;
  }

  /** Usage, invoices, prices and budgets ({@code /billing/v1}). */
  public BillingClient billing() {
    return billing;
  }

  /** The audit trail ({@code /audit/v1}). */
  public AuditClient audit() {
    return audit;
  }

  /** Platform administration (root only). */
  public AdminClient admin() {
    return admin;
  }

  /** The endpoint this client calls. */
  public URI endpoint() {
    return http.endpoint();
  }

  /** The signing region. */
  public String region() {
    return region;
  }

  /** Who this client's access key belongs to (STS GetCallerIdentity): proves the key works. */
  public CallerIdentity whoami() {
    byte[] form = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
    Call call = Call.of("POST", "sts", "/", "")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body.bytes(form))
        .idempotent(true); // a read, whatever the method
    Element root = Xml.parse(http.sendForBytes(call).body());
    Element result = Xml.child(root, "GetCallerIdentityResult");
    if (result == null) {
      throw new MiniCloudException("MalformedResponse", 200, null, "no GetCallerIdentityResult in the answer");
    }
    return new CallerIdentity(Xml.text(result, "Account"), Xml.text(result, "Arn"), Xml.text(result, "UserId"));
  }

  @Override
  public void close() {
    http.close();
  }

  /**
   * Builds a {@link MiniCloudClient}. Each setting left unset is resolved in this order:
   * <ul>
   *   <li>endpoint: {@code MINICLOUD_ENDPOINT}, the profile's {@code endpoint}, {@value #DEFAULT_ENDPOINT};
   *   <li>region: {@code MINICLOUD_REGION}, the profile's {@code region}, {@value #DEFAULT_REGION};
   *   <li>credentials: {@code MINICLOUD_ACCESS_KEY_ID}/{@code MINICLOUD_SECRET_ACCESS_KEY},
   *       {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, the profile's keys (the
   *       profile's first when {@link #profile(String)} names one explicitly).
   * </ul>
   * The profile is {@link #profile(String)}, else {@code MINICLOUD_PROFILE}, else {@code default},
   * read from {@link #profileFile(Path)}, else {@link ProfileFile#defaultLocation()}.
   */
  public static final class Builder {
    private String endpoint;
    private String region;
    private CredentialsProvider credentials;
    private String profileName;
    private Path profileFile;
    private Clock clock = Clock.systemUTC();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Consumer<String> debugLog;
    private HttpExecutor.Sleeper sleeper;

    private Builder() {}

    /** The endpoint URL, e.g. {@code http://127.0.0.1:9000}. */
    public Builder endpoint(String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** The signing region ({@value MiniCloudClient#DEFAULT_REGION} unless the server is configured otherwise). */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** Fixed credentials. */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      this.credentials = CredentialsProvider.of(accessKeyId, secretAccessKey);
      return this;
    }

    /** Where the credentials come from. */
    public Builder credentials(CredentialsProvider provider) {
      this.credentials = Objects.requireNonNull(provider);
      return this;
    }

    /** The profile to read unset settings from. */
    public Builder profile(String profileName) {
      this.profileName = profileName;
      return this;
    }

    /** The profile file to read (default {@link ProfileFile#defaultLocation()}). */
    public Builder profileFile(Path file) {
      this.profileFile = file;
      return this;
    }

    /** The clock that dates signatures and presigned URLs (tests inject a fixed one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How idempotent calls are retried. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy);
      return this;
    }

    /** Time to establish a connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Time for one attempt to send its request and get the response headers (default 5 min). */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Receives one line per HTTP exchange and retry (the CLI's {@code --debug}). Never secrets. */
    public Builder debugLog(Consumer<String> log) {
      this.debugLog = log;
      return this;
    }

    /** Replaces the sleep between retries (for tests). */
    Builder sleeper(HttpExecutor.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws MiniCloudException with code {@code NoCredentials} when no source has credentials
     */
    public MiniCloudClient build() {
      Path file = profileFile == null ? ProfileFile.defaultLocation() : profileFile;
      String name = profileName == null ? ProfileFile.defaultProfileName() : profileName;
      Optional<Profile> profile = ProfileFile.load(file).profile(name);
      if (profileName != null && profile.isEmpty() && (endpoint == null || credentials == null)) {
        throw new MiniCloudException("NoSuchProfile", 0, null,
            "profile '" + profileName + "' is not in " + file + "; run: minicloud configure --profile " + profileName);
      }
      String ep = first(endpoint, System.getenv(ENDPOINT_ENV), profile.flatMap(p -> p.get(Profile.ENDPOINT)).orElse(null),
          DEFAULT_ENDPOINT);
      String rg = first(region, System.getenv(REGION_ENV), profile.flatMap(p -> p.get(Profile.REGION)).orElse(null),
          DEFAULT_REGION);
      // As with aws-cli: the environment wins over the profile file, unless a profile is named explicitly.
      CredentialsProvider env = CredentialsProvider.environment();
      CredentialsProvider fromFile = CredentialsProvider.profile(file, name);
      CredentialsProvider provider = credentials != null ? credentials
          : profileName != null ? () -> fromFile.resolve().or(env::resolve)
          : () -> env.resolve().or(fromFile::resolve);
      SigningCredentials keys = provider.resolve().orElseThrow(() -> new MiniCloudException("NoCredentials", 0, null,
          "no credentials: run 'minicloud configure', or set MINICLOUD_ACCESS_KEY_ID and MINICLOUD_SECRET_ACCESS_KEY"));
      URI uri = URI.create(ep);
      if (uri.getScheme() == null || uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new IllegalArgumentException("endpoint must be an http(s) URL, e.g. " + DEFAULT_ENDPOINT + ": " + ep);
      }
      HttpExecutor http = new HttpExecutor(uri, rg, keys, clock, retryPolicy, connectTimeout, callTimeout, debugLog,
          sleeper);
      return new MiniCloudClient(http, rg);
    }

    private static String first(String... values) {
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          return v;
        }
      }
      return null;
    }
  }
}
