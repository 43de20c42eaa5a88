package dev.minicloud.controlplane.iam.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.iam.JsonOperation;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.iam.policy.MalformedPolicyException;
import dev.minicloud.controlplane.iam.policy.PolicyParser;
import dev.minicloud.controlplane.identity.AccessKeyRecord;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every {@code /iam/v1} handler shares: reading the JSON body, path parameters, writing answers. */
abstract class IamHandler implements JsonOperation {

  static Principal caller(RoutingContext ctx) {
    return RequestContext.of(ctx).principal();
  }

  /** The request body as a JSON object; an empty body is an empty object. */
  static JsonNode body(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      return Json.mapper().createObjectNode();
    }
    try {
      JsonNode node = Json.mapper().readTree(text);
      if (node == null || !node.isObject()) {
        throw new ApiException(ApiErrorCode.MALFORMED_JSON, "The request body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiException(ApiErrorCode.MALFORMED_JSON, "The request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  static String required(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "The field '" + field + "' is required (a string).");
    }
    return v.asText();
  }

  static String optional(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A user ARN from the {@code userName} path parameter, in the caller's account. */
  static String userArn(RoutingContext ctx, Principal caller) {
    return Arns.user(caller.accountId(), ctx.pathParam("userName"));
  }

  /** A group ARN from the {@code groupName} path parameter, in the caller's account. */
  static String groupArn(RoutingContext ctx, Principal caller) {
    return Arns.group(caller.accountId(), ctx.pathParam("groupName"));
  }

  /**
   * The inline policy document of a PUT: the body itself, or {@code {"policyDocument": <document>}}
   * (a body without a Statement); validated (MalformedPolicyDocument with the line and reason).
   */
  static String inlinePolicyDocument(RoutingContext ctx) {
    String text = ctx.body() == null ? "" : ctx.body().asString();
    JsonNode parsed = text.isBlank() ? null : lenient(text);
    String document = parsed != null && parsed.isObject() && parsed.has("policyDocument") && !parsed.has("Statement")
        ? policyDocument(parsed, "policyDocument") : text;
    validate(document);
    return document;
  }

  /** The body as JSON, or null when it is not JSON (then the policy parser says what is wrong). */
  private static JsonNode lenient(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * A policy document given either as the whole body, as a string field, or as an object field;
   * validated here so a stored document always parses.
   */
  static String policyDocument(JsonNode body, String field) {
    JsonNode doc = body.has(field) ? body.get(field) : body;
    String text = doc.isTextual() ? doc.asText() : Json.toString(doc);
    validate(text);
    return text;
  }

  static void validate(String text) {
    try {
      PolicyParser.parse(text, PolicyParser.Kind.IDENTITY);
    } catch (MalformedPolicyException e) {
      throw new ApiException(ApiErrorCode.MALFORMED_POLICY_DOCUMENT, e.getMessage());
    }
  }

  static void checkName(String what, String name) {
    UserStore.checkName(what, name);
  }

  static void respond(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(Json.toString(body));
  }

  static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  /** An access key without its secret. */
  static Map<String, Object> keyView(AccessKeyRecord k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accessKeyId", k.accessKeyId());
    m.put("userName", k.userName());
    m.put("status", k.status() == AccessKeyRecord.Status.ACTIVE ? "Active" : "Inactive");
    m.put("createdAt", String.valueOf(k.createdAt()));
    m.put("lastUsedAt", k.lastUsedAt() == null ? null : k.lastUsedAt().toString());
    return m;
  }
}
