package dev.minicloud.controlplane.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InMemoryMetadataStoreContractTest extends MetadataStoreContract {

    @Override
    protected MetadataStore newStore() {
        return new InMemoryMetadataStore();
    }

    @Test
    void injectedFailureChangesNothing() {
        InMemoryMetadataStore fake = (InMemoryMetadataStore) store;
        fake.failNextWrites(1);
        WriteBatch batch = fake.newBatch().put(Table.BUCKETS, bytes("b"), bytes("1")).put(Table.OBJECTS, bytes("b/k"), bytes("2"));
        assertThrows(MetadataStoreException.class, () -> fake.commit(batch));
        assertTrue(fake.get(Table.BUCKETS, bytes("b")).isEmpty());
        assertTrue(fake.get(Table.OBJECTS, bytes("b/k")).isEmpty());
        fake.commit(batch);
        assertEquals(1, fake.writeCount());
    }
}
