package dev.minicloud.controlplane.auth;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.sigv4.AuthFailure;
import dev.minicloud.common.sigv4.SigV4Exception;
import dev.minicloud.common.sigv4.SecretResolver;
import dev.minicloud.common.sigv4.SignableRequest;
import dev.minicloud.common.sigv4.SigV4Verifier;
import dev.minicloud.common.sigv4.VerifiedRequest;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Authenticates every public request with SigV4 (header or presigned query) and records the
 * caller in the {@link RequestContext}. One instance per body mode:
 * <ul>
 *   <li>{@link #buffered} for the JSON and STS APIs, whose small bodies were read by a body
 *       handler: the body's SHA-256 is part of the signature and is checked here;</li>
 *   <li>{@link #streaming} for S3, whose bodies are never buffered: only the headers are verified
 *       here, the payload hash is checked while the body streams. A request with no signature at all
 *       passes on as anonymous (no principal); S3's authorization step decides what it may do.</li>
 * </ul>
 */
public final class SigV4AuthHandler implements Handler<RoutingContext> {

  /** Key under which the verified signature (for aws-chunked chunk signatures) is kept. */
  public static final String VERIFIED_REQUEST = SigV4AuthHandler.class.getName() + ".verified";

  private final IdentityStore identity;
  private final Clock clock;
  private final boolean bodyBuffered;

  private SigV4AuthHandler(IdentityStore identity, Clock clock, boolean bodyBuffered) {
    this.identity = identity;
    this.clock = clock;
    this.bodyBuffered = bodyBuffered;
  }

  public static SigV4AuthHandler buffered(IdentityStore identity, Clock clock) {
    return new SigV4AuthHandler(identity, clock, true);
  }

  public static SigV4AuthHandler streaming(IdentityStore identity, Clock clock) {
    return new SigV4AuthHandler(identity, clock, false);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!bodyBuffered && authenticatedLegacyPresignedUrl(ctx)) {
      ctx.next();
      return;
    }
    AtomicReference<IdentityStore.ActiveKey> resolved = new AtomicReference<>();
    SigV4Verifier verifier = new SigV4Verifier(clock, secrets(resolved));
    SignableRequest request = signable(ctx.request());
    VerifiedRequest verified;
    if (bodyBuffered) {
      String bodyHash = sha256Hex(ctx.body().buffer());
      String claimed = ctx.request().getHeader("x-amz-content-sha256");
      if (claimed != null && claimed.length() == 64 && !claimed.equalsIgnoreCase(bodyHash)) {
        throw new ApiException(ApiErrorCode.CONTENT_SHA256_MISMATCH);
      }
      verified = verifier.verify(request, bodyHash);
    } else {
      try {
        verified = verifier.verify(request);
      } catch (SigV4Exception e) {
        if (e.failure() != AuthFailure.MISSING_AUTHENTICATION) {
          throw e;
        }
        // S3 answers unsigned requests too: the authorization step admits them only where a bucket
        // policy or ACL grants access to everyone.
        ctx.next();
        return;
      }
    }
    Principal principal = resolved.get().principal();
    identity.recordUse(verified.accessKeyId(), clock.instant());
    RequestContext.of(ctx).authenticated(principal);
    ctx.put(VERIFIED_REQUEST, verified);
    ctx.next();
  }

  /** An S3 SigV2 presigned URL (what aws-cli 1.x and boto3 presign by default), verified. */
  private boolean authenticatedLegacyPresignedUrl(RoutingContext ctx) {
    String uri = ctx.request().uri();
    int q = uri.indexOf('?');
    if (q < 0 || !uri.contains("AWSAccessKeyId=")) {
      return false;
    }
    Map<String, List<String>> query = SigV2PresignedUrl.parseQuery(uri.substring(q + 1));
    if (!SigV2PresignedUrl.isPresent(query)) {
      return false;
    }
    SignableRequest request = signable(ctx.request());
    AtomicReference<IdentityStore.ActiveKey> resolved = new AtomicReference<>();
    SigV2PresignedUrl.verify(request.method(), uri.substring(0, q), query, request.headers(),
        ctx.request().getHeader("host"), secrets(resolved), clock);
    RequestContext.of(ctx).authenticated(resolved.get().principal());
    return true;
  }

  /** Looks up an active key's secret for a verifier, keeping the key (and so the principal) found. */
  private SecretResolver secrets(AtomicReference<IdentityStore.ActiveKey> resolved) {
    return accessKeyId -> {
      Optional<IdentityStore.ActiveKey> key = identity.activeKey(accessKeyId);
      key.ifPresent(resolved::set);
      return key.map(IdentityStore.ActiveKey::secretAccessKey);
    };
  }

  /** The request as it arrived on the wire, for canonicalisation. */
  static SignableRequest signable(HttpServerRequest request) {
    String uri = request.uri();
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    String rawQuery = q < 0 ? null : uri.substring(q + 1);
    MultiMap headers = request.headers();
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers) {
      byName.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
    }
    if (!byName.containsKey("host") && request.authority() != null) {
      // HTTP/2 (e.g. the JDK client's h2c upgrade) carries the host as :authority, not a header;
      // clients sign it as "host" all the same.
      HostAndPort authority = request.authority();
      byName.put("host", List.of(authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port()));
    }
    return SignableRequest.builder(request.method().name())
        .rawPath(rawPath)
        .rawQuery(rawQuery)
        .headers(byName)
        .build();
  }

  private static String sha256Hex(Buffer body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      if (body != null) {
        digest.update(body.getBytes());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
