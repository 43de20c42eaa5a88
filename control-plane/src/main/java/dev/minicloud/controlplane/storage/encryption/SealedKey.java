package dev.minicloud.controlplane.storage.encryption;

/**
 * A blob's {@link DataKey} as stored in the metadata: sealed by the master key (AES-256-GCM, the
 * format of {@code identity.SecretCipher}), bound to the blob id as associated data, so a sealed key
 * copied onto another blob's record does not open.
 *
 * @param blobId the blob whose bytes the key encrypts
 * @param sealed base64(version | nonce | GCM ciphertext of key || iv | tag)
 */
public record SealedKey(String blobId, String sealed) {}
