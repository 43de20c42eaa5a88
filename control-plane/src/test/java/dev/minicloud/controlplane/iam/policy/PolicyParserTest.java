package dev.minicloud.controlplane.iam.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The grammar: valid documents parse, invalid ones are rejected with the line and the reason. */
class PolicyParserTest {

  private static MalformedPolicyException reject(String json, PolicyParser.Kind kind) {
    return assertThrows(MalformedPolicyException.class, () -> PolicyParser.parse(json, kind));
  }

  @Test
  void parsesASingleStatementObjectAndStringLists() {
    PolicyDocument doc = PolicyParser.parse("""
        {"Version":"2012-10-17","Statement":{"Sid":"One","Effect":"Allow","Action":"s3:GetObject",
          "Resource":"arn:aws:s3:::b/*"}}""", PolicyParser.Kind.IDENTITY);
    assertEquals(1, doc.statements().size());
    assertEquals("arn:minicloud:s3:::b/*", doc.statements().get(0).resources().get(0));
  }

  @Test
  void reportsTheLineOfTheProblem() {
    MalformedPolicyException e = reject("""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Permit",
              "Action": "s3:GetObject",
              "Resource": "*"
            }
          ]
        }""", PolicyParser.Kind.IDENTITY);
    assertEquals(5, e.line());
    assertTrue(e.reason().contains("Effect"), e.reason());
  }

  @Test
  void rejectsBrokenDocuments() {
    assertEquals(3, reject("{\n\"Version\": \"2012-10-17\",\n\"Statement\": [ {,\n]}", PolicyParser.Kind.IDENTITY).line());
    reject("{\"Version\":\"2012-10-17\"}", PolicyParser.Kind.IDENTITY);
    reject("{\"Version\":\"2001-01-01\",\"Statement\":[]}", PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}", PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\"}]}", PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"bucket\"}]}", PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotAction\":\"s3:Get*\",\"Resource\":\"*\"}]}",
        PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Colour\":\"red\"}]}",
        PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
        PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}", PolicyParser.Kind.RESOURCE);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
        + "\"Condition\":{\"StringSortOf\":{\"aws:username\":\"x\"}}}]}", PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
        + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"not-an-ip\"}}}]}", PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
        + "\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"tomorrow\"}}}]}", PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
        + "{\"Sid\":\"a\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}", PolicyParser.Kind.IDENTITY);
    reject("{\"Statement\":[{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
        PolicyParser.Kind.IDENTITY);
    reject("[]", PolicyParser.Kind.IDENTITY);
    reject("", PolicyParser.Kind.IDENTITY);
  }

  @Test
  void principalsNormaliseAccountIdsAndPartitions() {
    PolicyDocument doc = PolicyParser.parse("""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:user/bob"]},
          "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""", PolicyParser.Kind.RESOURCE);
    assertEquals(java.util.List.of("arn:minicloud:iam::111122223333:root", "arn:minicloud:iam::444455556666:user/bob"),
        doc.statements().get(0).principal().arns());
  }
}
