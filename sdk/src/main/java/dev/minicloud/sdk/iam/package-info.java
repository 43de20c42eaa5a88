/** Value types of the identity client ({@link dev.minicloud.sdk.IamClient}): accounts, users, keys, policies. */
package dev.minicloud.sdk.iam;
