package dev.minicloud.controlplane.storage.object;

import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a bucket listing as a range scan of the object index: keys under {@code prefix}, in
 * UTF-8 byte order, from a start position, with keys that contain the delimiter after the prefix
 * rolled up into common prefixes. A rolled-up prefix is skipped with a new seek past it, so a
 * page costs O(max-keys) index reads however many keys each prefix hides.
 */
public final class ObjectListing {

  private final ObjectIndex index;

  public ObjectListing(ObjectIndex index) {
    this.index = index;
  }

  /** An entry of a page: an object, or a common prefix (then {@code object} is null). */
  public record Item(String key, ObjectRecord object) {
    public boolean isPrefix() {
      return object == null;
    }
  }

  /**
   * @param items objects and common prefixes in key order, at most max-keys of them together
   * @param truncated true only when at least one more entry exists after this page
   */
  public record Page(List<Item> items, boolean truncated) {

    public List<ObjectRecord> objects() {
      return items.stream().filter(i -> !i.isPrefix()).map(Item::object).toList();
    }

    public List<String> commonPrefixes() {
      return items.stream().filter(Item::isPrefix).map(Item::key).toList();
    }

    /** The last key or prefix returned: where the next page starts (exclusive). */
    public Item last() {
      return items.isEmpty() ? null : items.get(items.size() - 1);
    }
  }

  /**
   * Lists one page.
   *
   * @param after start strictly after this key (null: from the start); when it ends with the
   *     delimiter it is a rolled-up prefix and everything under it is skipped too
   */
  public Page page(String bucket, String prefix, String delimiter, String after, int maxKeys) {
    String p = prefix == null ? "" : prefix;
    String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    byte[] from = null;
    if (after != null) {
      from = d != null && after.endsWith(d) && after.startsWith(p) && after.length() > p.length()
          ? ObjectIndex.pastPrefix(bucket, after) : ObjectIndex.after(bucket, after);
    }
    List<Item> items = new ArrayList<>();
    boolean truncated = false;
    scan:
    while (true) {
      try (CloseableIterator<Entry> entries = index.scanFrom(bucket, p, from)) {
        while (entries.hasNext()) {
          Entry entry = entries.next();
          String key = ObjectIndex.objectKey(bucket, entry);
          int cut = d == null ? -1 : key.indexOf(d, p.length());
          if (items.size() == maxKeys) {
            truncated = true;
            break scan;
          }
          if (cut >= 0) {
            String commonPrefix = key.substring(0, cut + d.length());
            items.add(new Item(commonPrefix, null));
            from = ObjectIndex.pastPrefix(bucket, commonPrefix);
            continue scan; // re-seek past everything under this prefix
          }
          items.add(new Item(key, index.decode(entry)));
        }
        break;
      }
    }
    return new Page(items, truncated);
  }
}
