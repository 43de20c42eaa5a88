/** Value types of the audit client ({@link dev.minicloud.sdk.AuditClient}): events and verification. */
package dev.minicloud.sdk.audit;
