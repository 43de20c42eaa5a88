package dev.minicloud.sdk.storage;

/**
 * What to list. Mutable builder-style options; {@code new ListOptions().prefix("logs/").delimiter("/")}.
 */
public final class ListOptions {

  /** Keys per page the server is asked for (its maximum). */
  public static final int DEFAULT_PAGE_SIZE = 1000;

  private String prefix = "";
  private String delimiter;
  private String startAfter;
  private int pageSize = DEFAULT_PAGE_SIZE;

  /** Only keys starting with this prefix. */
  public ListOptions prefix(String prefix) {
    this.prefix = prefix == null ? "" : prefix;
    return this;
  }

  /** Roll keys up to the first occurrence of this delimiter after the prefix ("directories"). */
  public ListOptions delimiter(String delimiter) {
    this.delimiter = delimiter;
    return this;
  }

  /** Start after this key. */
  public ListOptions startAfter(String startAfter) {
    this.startAfter = startAfter;
    return this;
  }

  /** Keys per request, 1 to 1000. */
  public ListOptions pageSize(int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1 to 1000");
    }
    this.pageSize = pageSize;
    return this;
  }

  /** The {@code prefix} setting (see the method of the same name that sets it). */
  public String prefix() {
    return prefix;
  }

  /** The {@code delimiter} setting (see the method of the same name that sets it). */
  public String delimiter() {
    return delimiter;
  }

  /** The {@code startAfter} setting (see the method of the same name that sets it). */
  public String startAfter() {
    return startAfter;
  }

  /** The {@code pageSize} setting (see the method of the same name that sets it). */
  public int pageSize() {
    return pageSize;
  }
}
