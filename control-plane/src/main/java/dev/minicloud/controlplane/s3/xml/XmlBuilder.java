package dev.minicloud.controlplane.s3.xml;

import dev.minicloud.common.xml.XmlText;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal, streaming XML writer for S3's documents: every text value goes through
 * {@link XmlText#escape}, which also writes CR and XML-1.0-illegal control characters as numeric
 * references, as S3 does (a JDK {@code XMLStreamWriter} would write them raw).
 */
final class XmlBuilder {

  private final StringBuilder sb = new StringBuilder(256);
  private final Deque<String> open = new ArrayDeque<>();

  private XmlBuilder() {}

  /** Starts a document whose root element carries S3's namespace. */
  static XmlBuilder document(String root) {
    XmlBuilder xml = new XmlBuilder();
    xml.sb.append(S3Xml.XML_DECLARATION);
    xml.sb.append('<').append(root).append(" xmlns=\"").append(S3Xml.NAMESPACE).append("\">");
    xml.open.push(root);
    return xml;
  }

  /** A document that is only the root element, empty or with text: {@code <Root xmlns=".."/>}. */
  static String simpleDocument(String root, Optional<String> text) {
    StringBuilder sb = new StringBuilder(S3Xml.XML_DECLARATION)
        .append('<').append(root).append(" xmlns=\"").append(S3Xml.NAMESPACE).append('"');
    if (text.isEmpty()) {
      return sb.append("/>").toString();
    }
    return sb.append('>').append(XmlText.escape(text.get())).append("</").append(root).append('>').toString();
  }

  XmlBuilder start(String name) {
    sb.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  /** Starts an element with raw (already-safe, constant) attributes. */
  XmlBuilder startWithAttributes(String name, String attributes) {
    sb.append('<').append(name).append(' ').append(attributes).append('>');
    open.push(name);
    return this;
  }

  XmlBuilder end() {
    sb.append("</").append(open.pop()).append('>');
    return this;
  }

  /** {@code <name>text</name>}; an empty string gives {@code <name></name>}, as S3 writes. */
  XmlBuilder element(String name, String text) {
    sb.append('<').append(name).append('>').append(XmlText.escape(text)).append("</").append(name).append('>');
    return this;
  }

  XmlBuilder element(String name, long value) {
    sb.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
    return this;
  }

  XmlBuilder element(String name, boolean value) {
    sb.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
    return this;
  }

  XmlBuilder element(String name, Instant value) {
    return element(name, S3Xml.timestamp(value));
  }

  XmlBuilder optional(String name, Optional<String> text) {
    text.ifPresent(t -> element(name, t));
    return this;
  }

  XmlBuilder owner(String name, Owner owner) {
    return start(name).element("ID", owner.id()).element("DisplayName", owner.displayName()).end();
  }

  /** Writes {@code <ChecksumCRC32>..</ChecksumCRC32>} and so on, in S3's order. */
  XmlBuilder checksums(Map<ChecksumAlgorithm, String> checksums) {
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      String value = checksums.get(algorithm);
      if (value != null) {
        element(algorithm.elementName(), value);
      }
    }
    return this;
  }

  String finish() {
    while (!open.isEmpty()) {
      end();
    }
    return sb.toString();
  }
}
