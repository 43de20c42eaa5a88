package dev.minicloud.controlplane.s3.xml;

/**
 * PutBucketVersioning's body, as parsed by {@link S3RequestXmlParser#parseVersioningConfiguration}.
 *
 * @param status the requested status
 * @param mfaDelete whether MFA delete is to be enabled
 */
public record VersioningConfiguration(VersioningStatus status, boolean mfaDelete) { }
