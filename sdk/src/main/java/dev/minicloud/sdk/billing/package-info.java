/** Value types of the billing client ({@link dev.minicloud.sdk.BillingClient}): usage, invoices, budgets, prices. */
package dev.minicloud.sdk.billing;
