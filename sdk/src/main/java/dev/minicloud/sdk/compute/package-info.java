/** Value types of the compute client ({@link dev.minicloud.sdk.ComputeClient}): instances, images, types, requests. */
package dev.minicloud.sdk.compute;
