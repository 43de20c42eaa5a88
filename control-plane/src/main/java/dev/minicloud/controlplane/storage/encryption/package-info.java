/**
 * Server-side encryption of object bytes (S3's SSE-S3, {@code x-amz-server-side-encryption:
 * AES256}): every blob of an encrypted object is AES-256-CTR-encrypted in the control plane under a
 * data key of its own, before any byte leaves for a storage node, and decrypted on the way back.
 * Data keys are stored only sealed by the master key ({@code identity.SecretCipher}, AES-256-GCM).
 * The byte path ({@code storage.blob}) does not know about any of it: handlers compose the
 * transforms made here.
 */
package dev.minicloud.controlplane.storage.encryption;
