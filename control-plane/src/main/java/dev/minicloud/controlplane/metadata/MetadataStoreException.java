package dev.minicloud.controlplane.metadata;

/**
 * The one unchecked failure of a {@link MetadataStore}. The message names the operation, the table
 * and the storage engine's status code; it never contains keys or values.
 */
public class MetadataStoreException extends RuntimeException {

    /** {@link #code()} when the store was used after {@link MetadataStore#close()}. */
    public static final String CODE_CLOSED = "StoreClosed";

    /** {@link #code()} when a stored record cannot be decoded. */
    public static final String CODE_CORRUPT_RECORD = "CorruptRecord";

    private final String code;

    public MetadataStoreException(String code, String message) {
        super(message);
        this.code = code;
    }

    public MetadataStoreException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable code: the engine's status code (e.g. {@code IOError}, {@code Busy}) or one of ours. */
    public String code() {
        return code;
    }

    /** The exception for an operation attempted on a closed store. */
    public static MetadataStoreException closed() {
        return new MetadataStoreException(CODE_CLOSED, "metadata store is closed");
    }
}
