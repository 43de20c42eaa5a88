package dev.minicloud.sdk.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Small DOM helpers for the S3 and STS XML documents (DTDs and external entities refused). */
public final class Xml {

  private static final DocumentBuilderFactory FACTORY = factory();

  private Xml() {}

  private static DocumentBuilderFactory factory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    try {
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    f.setNamespaceAware(false);
    f.setExpandEntityReferences(false);
    return f;
  }

  /** Parses a response document; malformed XML is a {@code MalformedResponse} error. */
  public static Element parse(byte[] xml) {
    try {
      return FACTORY.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new dev.minicloud.sdk.MiniCloudException("MalformedResponse", 0, null,
          "malformed XML in the answer: " + e.getMessage(), e);
    }
  }

  /** The direct children named {@code name}. */
  public static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getTagName())) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first direct child named {@code name}, or null. */
  public static Element child(Element parent, String name) {
    List<Element> all = children(parent, name);
    return all.isEmpty() ? null : all.get(0);
  }

  /** The text of the first direct child named {@code name}, or null. */
  public static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent();
  }

  /** Escapes text for an XML element body. */
  public static String escape(String text) {
    return dev.minicloud.common.xml.XmlText.escape(text);
  }
}
