package dev.minicloud.sdk.iam;

import java.time.Instant;

/**
 * A managed policy: built-in ({@code arn:minicloud:iam::minicloud:policy/<name>}) or the
 * account's own ({@code arn:minicloud:iam::<account>:policy/<name>}).
 *
 * @param policyName its name
 * @param arn the ARN to attach it by
 * @param description free text, or null
 * @param createdAt when it was created (null for built-ins)
 * @param builtIn true for the platform's built-in policies
 * @param policyDocument the policy document (JSON text)
 */
public record ManagedPolicy(String policyName, String arn, String description, Instant createdAt, boolean builtIn,
    String policyDocument) {}
