package dev.minicloud.sdk.iam;

/**
 * An inline policy of a group.
 *
 * @param groupName the group
 * @param policyName the policy's name
 * @param policyDocument the document as stored (JSON text)
 */
public record GroupPolicy(String groupName, String policyName, String policyDocument) {}
