package dev.minicloud.sdk.iam;

/**
 * An inline policy of a user.
 *
 * @param userName the user
 * @param policyName the policy's name
 * @param policyDocument the document as stored (JSON text)
 */
public record UserPolicy(String userName, String policyName, String policyDocument) {}
