/** Value types of the platform administration client ({@link dev.minicloud.sdk.AdminClient}). */
package dev.minicloud.sdk.admin;
