package dev.minicloud.controlplane.s3.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A strict, namespace-aware DOM parse of our output, and element-order checks. */
final class XmlAssertions {

  private XmlAssertions() {}

  /** Parses strictly, checks the declaration, root name and namespace, and returns the root. */
  static Element parseStrict(String xml, String expectedRoot) {
    assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Element root = doc.getDocumentElement();
      assertEquals(expectedRoot, root.getLocalName());
      assertEquals(S3Xml.NAMESPACE, root.getNamespaceURI());
      return root;
    } catch (Exception e) {
      throw new AssertionError("not well-formed: " + xml, e);
    }
  }

  /** The local names of an element's child elements, in document order. */
  static List<String> childNames(Element element) {
    List<String> names = new ArrayList<>();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        names.add(child.getLocalName());
      }
    }
    return names;
  }

  /** The first child element with this name. */
  static Element child(Element element, String name) {
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child && child.getLocalName().equals(name)) {
        return child;
      }
    }
    throw new AssertionError("no " + name + " in " + element.getLocalName());
  }
}
