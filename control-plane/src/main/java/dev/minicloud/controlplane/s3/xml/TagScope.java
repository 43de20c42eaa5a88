package dev.minicloud.controlplane.s3.xml;

/** What a tag set is for, which sets S3's limit on the number of tags. */
public enum TagScope {
  OBJECT(10),
  BUCKET(50);

  private final int maxTags;

  TagScope(int maxTags) {
    this.maxTags = maxTags;
  }

  /** S3's maximum number of tags: 10 per object, 50 per bucket. */
  public int maxTags() {
    return maxTags;
  }
}
