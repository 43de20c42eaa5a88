package dev.minicloud.controlplane.metadata;

import java.util.Locale;
import java.util.Optional;

/**
 * The metadata tables. Each maps to one RocksDB column family named {@link #columnFamilyName()}.
 *
 * <p>Adding a constant is enough to add a table: the store creates missing column families when it
 * opens an existing database. Never rename or remove a constant that has shipped; its column family
 * would be orphaned (still opened, but unreachable).
 */
public enum Table {
    SETTINGS,
    ACCOUNTS,
    USERS,
    ACCESS_KEYS,
    NODES,
    BUCKETS,
    OBJECTS,
    UPLOADS,
    PARTS,
    INSTANCES,
    USAGE,
    AUDIT,
    IMAGES,
    /** Customer managed IAM policies, keyed {@code <account>/<name>}. */
    POLICIES,
    /** IAM groups, keyed {@code <account>/<groupName>}; memberships are on the users' records. */
    GROUPS,
    /**
     * Each bucket's object bytes and count, keyed by bucket name, kept by the object index in the
     * same batch as every change of an object (what the storage meter samples).
     */
    BUCKET_TOTALS;

    private final String columnFamilyName = name().toLowerCase(Locale.ROOT);

    /** The column family name: the constant's name in lower case, e.g. {@code access_keys}. */
    public String columnFamilyName() {
        return columnFamilyName;
    }

    /** The table stored in the named column family, if any. */
    public static Optional<Table> forColumnFamilyName(String name) {
        for (Table table : values()) {
            if (table.columnFamilyName.equals(name)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }
}
