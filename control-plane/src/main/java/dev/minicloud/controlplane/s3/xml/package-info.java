/**
 * The XML bodies of MiniCloud's S3 REST API: immutable response records with one writer class per
 * family ({@link dev.minicloud.controlplane.s3.xml.ServiceXmlWriter},
 * {@link dev.minicloud.controlplane.s3.xml.ListingXmlWriter},
 * {@link dev.minicloud.controlplane.s3.xml.MultipartXmlWriter},
 * {@link dev.minicloud.controlplane.s3.xml.ObjectXmlWriter},
 * {@link dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter}), and the secure parser of request
 * bodies ({@link dev.minicloud.controlplane.s3.xml.S3RequestXmlParser}), which fails with one
 * exception type, {@link dev.minicloud.controlplane.s3.xml.S3XmlException}.
 *
 * <p>Element names, order and formats follow AWS S3's responses (the S3 API reference's examples);
 * the tests parse every writer's output with the AWS SDK for Java v2's own S3 unmarshallers.
 */
package dev.minicloud.controlplane.s3.xml;
