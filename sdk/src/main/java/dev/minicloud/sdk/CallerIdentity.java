package dev.minicloud.sdk;

/**
 * Who the client's access key belongs to (STS GetCallerIdentity).
 *
 * @param account the account id
 * @param arn the principal's ARN
 * @param userId the principal's unique id
 */
public record CallerIdentity(String account, String arn, String userId) {}
