package dev.minicloud.controlplane.iam.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses IAM policy documents (the 2012-10-17 grammar) and rejects anything else with the line and
 * the reason. Identity policies must not name a Principal; resource (bucket) policies must.
 */
public final class PolicyParser {

  /** IAM's limit on a managed policy document; bucket policies may be 20 KiB. */
  public static final int MAX_DOCUMENT_CHARS = 20 * 1024;

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9*?]+");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
      "NotAction", "Resource", "NotResource", "Condition");

  /** Which kind of policy a document is. */
  public enum Kind { IDENTITY, RESOURCE }

  private PolicyParser() {}

  public static PolicyDocument parse(String text, Kind kind) {
    if (text == null || text.isBlank()) {
      throw new MalformedPolicyException(0, "the policy document is empty");
    }
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new MalformedPolicyException(0, "the policy document exceeds " + MAX_DOCUMENT_CHARS + " characters");
    }
    Node root = read(text);
    Map<String, Node> top = object(root, "the policy document");
    for (Map.Entry<String, Node> e : top.entrySet()) {
      if (!TOP_LEVEL.contains(e.getKey())) {
        throw new MalformedPolicyException(e.getValue().line(), "unknown element '" + e.getKey() + "'");
      }
    }
    String version = null;
    Node v = top.get("Version");
    if (v != null) {
      version = string(v, "Version");
      if (!version.equals(PolicyDocument.VERSION) && !version.equals("2008-10-17")) {
        throw new MalformedPolicyException(v.line(), "Version must be 2012-10-17 (or 2008-10-17), not '" + version + "'");
      }
    }
    Node statementNode = top.get("Statement");
    if (statementNode == null) {
      throw new MalformedPolicyException(root.line(), "the policy has no Statement");
    }
    List<Node> statementNodes = statementNode.value() instanceof List<?> ? list(statementNode) : List.of(statementNode);
    if (statementNodes.isEmpty()) {
      throw new MalformedPolicyException(statementNode.line(), "Statement is empty");
    }
    List<Statement> statements = new ArrayList<>();
    Set<String> sids = new HashSet<>();
    for (Node s : statementNodes) {
      Statement statement = statement(s, kind);
      if (statement.sid() != null && !statement.sid().isEmpty() && !sids.add(statement.sid())) {
        throw new MalformedPolicyException(s.line(), "duplicate Sid '" + statement.sid() + "'");
      }
      statements.add(statement);
    }
    return new PolicyDocument(version, statements);
  }

  private static Statement statement(Node node, Kind kind) {
    Map<String, Node> s = object(node, "a Statement");
    for (Map.Entry<String, Node> e : s.entrySet()) {
      if (!STATEMENT_KEYS.contains(e.getKey())) {
        throw new MalformedPolicyException(e.getValue().line(), "unknown element '" + e.getKey() + "' in a Statement");
      }
    }
    String sid = s.containsKey("Sid") ? string(s.get("Sid"), "Sid") : null;
    Node effectNode = s.get("Effect");
    if (effectNode == null) {
      throw new MalformedPolicyException(node.line(), "a Statement has no Effect");
    }
    String effectText = string(effectNode, "Effect");
    Effect effect = switch (effectText) {
      case "Allow" -> Effect.ALLOW;
      case "Deny" -> Effect.DENY;
      default -> throw new MalformedPolicyException(effectNode.line(),
          "Effect must be Allow or Deny, not '" + effectText + "'");
    };

    Node principalNode = s.containsKey("Principal") ? s.get("Principal") : s.get("NotPrincipal");
    boolean notPrincipal = !s.containsKey("Principal") && s.containsKey("NotPrincipal");
    if (s.containsKey("Principal") && s.containsKey("NotPrincipal")) {
      throw new MalformedPolicyException(node.line(), "a Statement has both Principal and NotPrincipal");
    }
    PrincipalSpec principal = null;
    if (kind == Kind.IDENTITY && principalNode != null) {
      throw new MalformedPolicyException(principalNode.line(), "an identity policy must not have a Principal");
    }
    if (kind == Kind.RESOURCE) {
      if (principalNode == null) {
        throw new MalformedPolicyException(node.line(), "a bucket policy Statement needs a Principal");
      }
      principal = principal(principalNode);
    }

    Pair actions = oneOf(s, node, "Action", "NotAction");
    for (int i = 0; i < actions.values().size(); i++) {
      String a = actions.values().get(i);
      if (!a.equals("*") && !ACTION.matcher(a).matches()) {
        throw new MalformedPolicyException(actions.lines().get(i), "'" + a + "' is not an action (service:Action)");
      }
    }
    Pair resources = oneOf(s, node, "Resource", "NotResource");
    List<String> normalized = new ArrayList<>();
    for (int i = 0; i < resources.values().size(); i++) {
      String r = resources.values().get(i);
      if (!r.equals("*") && !r.startsWith("arn:")) {
        throw new MalformedPolicyException(resources.lines().get(i), "'" + r + "' is not a resource ARN or *");
      }
      normalized.add(Arns.normalize(r));
    }
    List<Condition> conditions = s.containsKey("Condition") ? conditions(s.get("Condition")) : List.of();
    return new Statement(sid, node.line(), effect, principal, notPrincipal, actions.values(),
        !s.containsKey("Action"), normalized, !s.containsKey("Resource"), conditions);
  }

  private record Pair(List<String> values, List<Integer> lines) {}

  private static Pair oneOf(Map<String, Node> s, Node statement, String name, String notName) {
    if (s.containsKey(name) && s.containsKey(notName)) {
      throw new MalformedPolicyException(statement.line(), "a Statement has both " + name + " and " + notName);
    }
    Node n = s.containsKey(name) ? s.get(name) : s.get(notName);
    if (n == null) {
      throw new MalformedPolicyException(statement.line(), "a Statement needs " + name + " or " + notName);
    }
    String label = s.containsKey(name) ? name : notName;
    List<Node> items = n.value() instanceof List<?> ? list(n) : List.of(n);
    if (items.isEmpty()) {
      throw new MalformedPolicyException(n.line(), label + " is empty");
    }
    List<String> values = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (Node item : items) {
      values.add(string(item, label));
      lines.add(item.line());
    }
    return new Pair(values, lines);
  }

  private static PrincipalSpec principal(Node node) {
    if (node.value() instanceof String text) {
      if (!text.equals("*")) {
        throw new MalformedPolicyException(node.line(), "Principal must be \"*\" or {\"AWS\": ...}");
      }
      return new PrincipalSpec(List.of(PrincipalSpec.ANYONE));
    }
    Map<String, Node> map = object(node, "Principal");
    List<String> arns = new ArrayList<>();
    for (Map.Entry<String, Node> e : map.entrySet()) {
      if (!e.getKey().equals("AWS")) {
        throw new MalformedPolicyException(e.getValue().line(), "unsupported principal type '" + e.getKey() + "'");
      }
      List<Node> items = e.getValue().value() instanceof List<?> ? list(e.getValue()) : List.of(e.getValue());
      for (Node item : items) {
        String p = string(item, "Principal");
        if (p.equals("*")) {
          arns.add(PrincipalSpec.ANYONE);
        } else if (ACCOUNT_ID.matcher(p).matches()) {
          arns.add(Arns.accountRoot(p));
        } else if (Arns.normalize(p).matches("arn:minicloud:iam::\\d{12}:(root|user/[\\w+=,.@-]+)")) {
          arns.add(Arns.normalize(p));
        } else {
          throw new MalformedPolicyException(item.line(), "invalid principal '" + p + "'");
        }
      }
    }
    if (arns.isEmpty()) {
      throw new MalformedPolicyException(node.line(), "Principal is empty");
    }
    return new PrincipalSpec(arns);
  }

  private static List<Condition> conditions(Node node) {
    List<Condition> out = new ArrayList<>();
    for (Map.Entry<String, Node> op : object(node, "Condition").entrySet()) {
      String name = op.getKey();
      Condition.Qualifier qualifier = Condition.Qualifier.NONE;
      if (name.startsWith("ForAnyValue:")) {
        qualifier = Condition.Qualifier.FOR_ANY_VALUE;
        name = name.substring("ForAnyValue:".length());
      } else if (name.startsWith("ForAllValues:")) {
        qualifier = Condition.Qualifier.FOR_ALL_VALUES;
        name = name.substring("ForAllValues:".length());
      }
      boolean ifExists = name.endsWith("IfExists") && !name.equals("IfExists");
      String base = ifExists ? name.substring(0, name.length() - "IfExists".length()) : name;
      ConditionOperator operator = ConditionOperator.forName(base).orElseThrow(() ->
          new MalformedPolicyException(op.getValue().line(), "unknown condition operator '" + op.getKey() + "'"));
      if (operator == ConditionOperator.NULL && ifExists) {
        throw new MalformedPolicyException(op.getValue().line(), "NullIfExists is not an operator");
      }
      Map<String, Node> keys = object(op.getValue(), "the " + op.getKey() + " block");
      if (keys.isEmpty()) {
        throw new MalformedPolicyException(op.getValue().line(), op.getKey() + " names no condition key");
      }
      for (Map.Entry<String, Node> k : keys.entrySet()) {
        if (!k.getKey().contains(":")) {
          throw new MalformedPolicyException(k.getValue().line(),
              "'" + k.getKey() + "' is not a condition key (service:name)");
        }
        List<Node> items = k.getValue().value() instanceof List<?> ? list(k.getValue()) : List.of(k.getValue());
        if (items.isEmpty()) {
          throw new MalformedPolicyException(k.getValue().line(), "no values for condition key '" + k.getKey() + "'");
        }
        List<String> values = new ArrayList<>();
        for (Node item : items) {
          String value = scalar(item, "a condition value");
          String problem = operator.problem(value);
          if (problem != null && !value.contains("${")) {
            throw new MalformedPolicyException(item.line(), op.getKey() + ": " + problem);
          }
          values.add(value);
        }
        out.add(new Condition(operator, ifExists, qualifier, k.getKey().toLowerCase(Locale.ROOT), values));
      }
    }
    return out;
  }

  // ---- a JSON tree that remembers line numbers ----

  /** A JSON value (Map, List, String, Boolean, Number or null) and the line it starts on. */
  private record Node(Object value, int line) {}

  private static Node read(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new MalformedPolicyException(0, "the policy document is empty");
      }
      Node root = value(parser);
      if (parser.nextToken() != null) {
        throw new MalformedPolicyException(line(parser), "unexpected content after the policy document");
      }
      return root;
    } catch (JsonParseException e) {
      throw new MalformedPolicyException(e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedPolicyException(0, "not valid JSON: " + e.getMessage());
    }
  }

  private static Node value(JsonParser p) throws IOException {
    int line = line(p);
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          int nameLine = line(p);
          p.nextToken();
          if (map.put(name, value(p)) != null) {
            throw new MalformedPolicyException(nameLine, "duplicate element '" + name + "'");
          }
        }
        return new Node(map, line);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p));
        }
        return new Node(items, line);
      }
      case VALUE_STRING -> {
        return new Node(p.getText(), line);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Node(p.getBooleanValue(), line);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new Node(p.getDecimalValue(), line);
      }
      case VALUE_NULL -> {
        return new Node(null, line);
      }
      default -> throw new MalformedPolicyException(line, "unexpected " + t);
    }
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Node> object(Node n, String what) {
    if (!(n.value() instanceof Map<?, ?>)) {
      throw new MalformedPolicyException(n.line(), what + " must be a JSON object");
    }
    return (Map<String, Node>) n.value();
  }

  @SuppressWarnings("unchecked")
  private static List<Node> list(Node n) {
    return (List<Node>) n.value();
  }

  private static String string(Node n, String what) {
    if (!(n.value() instanceof String s)) {
      throw new MalformedPolicyException(n.line(), what + " must be a string");
    }
    return s;
  }

  private static String scalar(Node n, String what) {
    Object v = n.value();
    if (v instanceof String || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof java.math.BigDecimal d) {
      return d.toPlainString();
    }
    throw new MalformedPolicyException(n.line(), what + " must be a string, number or boolean");
  }
}
