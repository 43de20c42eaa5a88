/**
 * The MiniCloud Java SDK: {@link dev.minicloud.sdk.MiniCloudClient} and its sub-clients. Errors are
 * {@link dev.minicloud.sdk.MiniCloudException}s; retriable ones are
 * {@link dev.minicloud.sdk.RetriableException}s. Types in {@code dev.minicloud.sdk.internal} are not
 * part of the API.
 */
package dev.minicloud.sdk;
