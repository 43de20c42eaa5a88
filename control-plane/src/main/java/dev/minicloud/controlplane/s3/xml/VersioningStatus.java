package dev.minicloud.controlplane.s3.xml;

/** A bucket's versioning {@code Status}, once versioning has been configured. */
public enum VersioningStatus {
  ENABLED("Enabled"),
  SUSPENDED("Suspended");

  private final String xmlValue;

  VersioningStatus(String xmlValue) {
    this.xmlValue = xmlValue;
  }

  /** The value of the {@code Status} element. */
  public String xmlValue() {
    return xmlValue;
  }
}
