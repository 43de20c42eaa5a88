package dev.minicloud.controlplane.s3.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses the XML request bodies of S3's REST API, securely: DTDs (hence external and internal
 * entities) are refused, the body is read up to a limit the caller gives, and nesting is bounded.
 *
 * <p>The root element may be in S3's namespace or in none (clients differ); element names are
 * checked exactly, and unknown, missing or repeated elements are {@code MalformedXML}, as are
 * documents that are not well-formed. Every failure is an {@link S3XmlException} naming the S3
 * error.
 */
public final class S3RequestXmlParser {

  /** S3's maximum number of keys in one DeleteObjects request. */
  public static final int MAX_DELETE_OBJECTS = 1000;
  /** S3's highest part number, and so the most parts one upload can complete. */
  public static final int MAX_PART_NUMBER = 10_000;
  /** S3's maximum tag key length, in characters. */
  public static final int MAX_TAG_KEY_LENGTH = 128;
  /** S3's maximum tag value length, in characters. */
  public static final int MAX_TAG_VALUE_LENGTH = 256;

  private static final int MAX_DEPTH = 16;
  private static final String RESERVED_TAG_PREFIX = "aws:";

  private static final XMLInputFactory FACTORY = newFactory();

  private S3RequestXmlParser() {}

  /**
   * CreateBucket's {@code <CreateBucketConfiguration><LocationConstraint/></CreateBucketConfiguration>}.
   * An empty (or all-whitespace) body is allowed and means no location constraint.
   */
  public static CreateBucketConfiguration parseCreateBucketConfiguration(InputStream body, int maxBytes) {
    byte[] bytes = readBounded(body, maxBytes);
    if (isBlank(bytes)) {
      return new CreateBucketConfiguration(Optional.empty());
    }
    Element root = parse(bytes, "CreateBucketConfiguration");
    Optional<String> location = Optional.empty();
    for (Element child : root.children()) {
      if (!child.name().equals("LocationConstraint")) {
        throw unexpected(child, root);
      }
      if (location.isPresent()) {
        throw repeated(child, root);
      }
      location = Optional.of(child.leafText().strip());
    }
    return new CreateBucketConfiguration(location.filter(l -> !l.isEmpty()));
  }

  /**
   * CompleteMultipartUpload's
   * {@code <CompleteMultipartUpload><Part><PartNumber/><ETag/>[<ChecksumCRC32/>..]</Part>+}.
   * Parts must be 1 to 10,000, in strictly ascending part-number order.
   */
  public static CompleteMultipartUploadRequest parseCompleteMultipartUpload(InputStream body, int maxBytes) {
    Element root = parse(readBounded(body, maxBytes), "CompleteMultipartUpload");
    List<CompleteMultipartUploadRequest.Part> parts = new ArrayList<>();
    for (Element child : root.children()) {
      if (!child.name().equals("Part")) {
        throw unexpected(child, root);
      }
      if (parts.size() == MAX_PART_NUMBER) {
        throw S3XmlException.malformed("more than " + MAX_PART_NUMBER + " parts");
      }
      parts.add(completedPart(child));
    }
    if (parts.isEmpty()) {
      throw S3XmlException.malformed("CompleteMultipartUpload must name at least one Part");
    }
    for (int i = 1; i < parts.size(); i++) {
      if (parts.get(i).partNumber() <= parts.get(i - 1).partNumber()) {
        throw new S3XmlException(S3XmlException.Code.INVALID_PART_ORDER,
            "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
      }
    }
    return new CompleteMultipartUploadRequest(parts);
  }

  /**
   * DeleteObjects' {@code <Delete>[<Quiet/>]<Object><Key/>[<VersionId/>]</Object>+</Delete>}, with
   * 1 to 1,000 objects. Keys are returned exactly as sent (whitespace included).
   */
  public static DeleteObjectsRequest parseDelete(InputStream body, int maxBytes) {
    Element root = parse(readBounded(body, maxBytes), "Delete");
    Optional<Boolean> quiet = Optional.empty();
    List<DeleteObjectsRequest.ObjectIdentifier> objects = new ArrayList<>();
    for (Element child : root.children()) {
      switch (child.name()) {
        case "Quiet" -> {
          if (quiet.isPresent()) {
            throw repeated(child, root);
          }
          quiet = Optional.of(parseBoolean(child));
        }
        case "Object" -> {
          if (objects.size() == MAX_DELETE_OBJECTS) {
            throw S3XmlException.malformed("more than " + MAX_DELETE_OBJECTS + " objects in one Delete");
          }
          objects.add(objectIdentifier(child));
        }
        default -> throw unexpected(child, root);
      }
    }
    if (objects.isEmpty()) {
      throw S3XmlException.malformed("Delete must name at least one Object");
    }
    return new DeleteObjectsRequest(quiet.orElse(false), objects);
  }

  /**
   * PutObjectTagging's and PutBucketTagging's {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>*}
   * {@code </TagSet></Tagging>}, checked against S3's tag rules for the scope: at most 10 (object)
   * or 50 (bucket) tags, keys of 1 to 128 characters not starting with {@code aws:}, values of at
   * most 256 characters, no key twice. An empty TagSet is valid.
   */
  public static List<Tag> parseTagging(InputStream body, int maxBytes, TagScope scope) {
    Element root = parse(readBounded(body, maxBytes), "Tagging");
    Element tagSet = null;
    for (Element child : root.children()) {
      if (!child.name().equals("TagSet")) {
        throw unexpected(child, root);
      }
      if (tagSet != null) {
        throw repeated(child, root);
      }
      tagSet = child;
    }
    if (tagSet == null) {
      throw S3XmlException.malformed("Tagging must contain a TagSet");
    }
    List<Tag> tags = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Element child : tagSet.children()) {
      if (!child.name().equals("Tag")) {
        throw unexpected(child, tagSet);
      }
      Tag tag = tag(child);
      if (!keys.add(tag.key())) {
        throw invalidTag("Cannot provide multiple Tags with the same key");
      }
      tags.add(tag);
      if (tags.size() > scope.maxTags()) {
        throw invalidTag(scope == TagScope.OBJECT
            ? "Object tags cannot be greater than " + scope.maxTags()
            : "Bucket tag count cannot be greater than " + scope.maxTags());
      }
    }
    return List.copyOf(tags);
  }

  /**
   * PutBucketEncryption's {@code <ServerSideEncryptionConfiguration><Rule>} with exactly one rule:
   * {@code <ApplyServerSideEncryptionByDefault><SSEAlgorithm/>[<KMSMasterKeyID/>]</ApplyServerSideEncryptionByDefault>}
   * and an optional {@code <BucketKeyEnabled/>}. An SSEAlgorithm other than {@code AES256},
   * {@code aws:kms} and {@code aws:kms:dsse} is MalformedXML, as S3 answers.
   */
  public static ServerSideEncryptionConfiguration parseServerSideEncryptionConfiguration(InputStream body,
      int maxBytes) {
    Element root = parse(readBounded(body, maxBytes), "ServerSideEncryptionConfiguration");
    Element rule = null;
    for (Element child : root.children()) {
      if (!child.name().equals("Rule")) {
        throw unexpected(child, root);
      }
      if (rule != null) {
        throw S3XmlException.malformed("only one Rule is allowed in a ServerSideEncryptionConfiguration");
      }
      rule = child;
    }
    if (rule == null) {
      throw S3XmlException.malformed("ServerSideEncryptionConfiguration must contain a Rule");
    }
    Element byDefault = null;
    Optional<Boolean> bucketKey = Optional.empty();
    for (Element child : rule.children()) {
      switch (child.name()) {
        case "ApplyServerSideEncryptionByDefault" -> {
          if (byDefault != null) {
            throw repeated(child, rule);
          }
          byDefault = child;
        }
        case "BucketKeyEnabled" -> {
          if (bucketKey.isPresent()) {
            throw repeated(child, rule);
          }
          bucketKey = Optional.of(parseBoolean(child));
        }
        default -> throw unexpected(child, rule);
      }
    }
    if (byDefault == null) {
      throw S3XmlException.malformed("Rule must contain ApplyServerSideEncryptionByDefault");
    }
    String algorithm = null;
    Optional<String> kmsKey = Optional.empty();
    for (Element child : byDefault.children()) {
      switch (child.name()) {
        case "SSEAlgorithm" -> {
          if (algorithm != null) {
            throw repeated(child, byDefault);
          }
          algorithm = child.leafText().strip();
        }
        case "KMSMasterKeyID" -> {
          if (kmsKey.isPresent()) {
            throw repeated(child, byDefault);
          }
          kmsKey = Optional.of(child.leafText().strip());
        }
        default -> throw unexpected(child, byDefault);
      }
    }
    if (algorithm == null) {
      throw S3XmlException.malformed("ApplyServerSideEncryptionByDefault must contain SSEAlgorithm");
    }
    if (!ServerSideEncryptionConfiguration.ALGORITHMS.contains(algorithm)) {
      throw S3XmlException.malformed("SSEAlgorithm must be one of " + ServerSideEncryptionConfiguration.ALGORITHMS);
    }
    return new ServerSideEncryptionConfiguration(algorithm, kmsKey, bucketKey);
  }

  /**
   * PutBucketAcl's and PutObjectAcl's {@code <AccessControlPolicy>[<Owner>...</Owner>]<AccessControlList>}
   * {@code <Grant><Grantee>(<ID/>|<URI/>|<EmailAddress/>)[<DisplayName/>]</Grantee><Permission/></Grant>*}
   * {@code </AccessControlList></AccessControlPolicy>}. A grantee's kind is read from which of ID,
   * URI and EmailAddress it holds (its xsi:type attribute says the same). Anything else, including
   * a body that is not well-formed, is MalformedACLError, as S3 answers.
   */
  public static AccessControlPolicy parseAccessControlPolicy(InputStream body, int maxBytes) {
    byte[] bytes = readBounded(body, maxBytes);
    try {
      Element root = parse(bytes, "AccessControlPolicy");
      Element list = null;
      for (Element child : root.children()) {
        switch (child.name()) {
          case "Owner" -> { } // always the resource's owner here; S3 checks it, nothing to keep
          case "AccessControlList" -> {
            if (list != null) {
              throw repeated(child, root);
            }
            list = child;
          }
          default -> throw unexpected(child, root);
        }
      }
      if (list == null) {
        throw S3XmlException.malformed("AccessControlPolicy must contain an AccessControlList");
      }
      List<AccessControlPolicy.Grant> grants = new ArrayList<>();
      for (Element grant : list.children()) {
        if (!grant.name().equals("Grant")) {
          throw unexpected(grant, list);
        }
        grants.add(grant(grant));
      }
      return new AccessControlPolicy(grants);
    } catch (S3XmlException e) {
      if (e.code() != S3XmlException.Code.MALFORMED_XML) {
        throw e;
      }
      throw new S3XmlException(S3XmlException.Code.MALFORMED_ACL, e.getMessage(), e);
    }
  }

  private static AccessControlPolicy.Grant grant(Element grant) {
    Element grantee = null;
    String permission = null;
    for (Element child : grant.children()) {
      switch (child.name()) {
        case "Grantee" -> {
          if (grantee != null) {
            throw repeated(child, grant);
          }
          grantee = child;
        }
        case "Permission" -> {
          if (permission != null) {
            throw repeated(child, grant);
          }
          permission = child.leafText().strip();
        }
        default -> throw unexpected(child, grant);
      }
    }
    if (grantee == null || permission == null) {
      throw S3XmlException.malformed("a Grant must contain a Grantee and a Permission");
    }
    if (!AccessControlPolicy.PERMISSIONS.contains(permission)) {
      throw S3XmlException.malformed("Permission must be one of " + AccessControlPolicy.PERMISSIONS);
    }
    AccessControlPolicy.GranteeType type = null;
    String name = null;
    for (Element child : grantee.children()) {
      AccessControlPolicy.GranteeType kind = switch (child.name()) {
        case "ID" -> AccessControlPolicy.GranteeType.CANONICAL_USER;
        case "URI" -> AccessControlPolicy.GranteeType.GROUP;
        case "EmailAddress" -> AccessControlPolicy.GranteeType.EMAIL;
        case "DisplayName" -> null;
        default -> throw unexpected(child, grantee);
      };
      if (kind != null) {
        if (type != null) {
          throw S3XmlException.malformed("a Grantee names one ID, URI or EmailAddress");
        }
        type = kind;
        name = child.leafText().strip();
      }
    }
    if (type == null || name.isEmpty()) {
      throw S3XmlException.malformed("a Grantee must contain an ID, a URI or an EmailAddress");
    }
    return new AccessControlPolicy.Grant(type, name, permission);
  }

  /**
   * PutBucketVersioning's {@code <VersioningConfiguration><Status/>[<MfaDelete/>]</VersioningConfiguration>}:
   * the Status, Enabled or Suspended; an MfaDelete, when present, must be Enabled or Disabled and
   * is true for Enabled.
   */
  public static VersioningConfiguration parseVersioningConfiguration(InputStream body, int maxBytes) {
    Element root = parse(readBounded(body, maxBytes), "VersioningConfiguration");
    VersioningStatus status = null;
    boolean mfaDelete = false;
    for (Element child : root.children()) {
      switch (child.name()) {
        case "Status" -> status = switch (child.leafText().strip()) {
          case "Enabled" -> VersioningStatus.ENABLED;
          case "Suspended" -> VersioningStatus.SUSPENDED;
          default -> throw S3XmlException.malformed("Status must be Enabled or Suspended");
        };
        case "MfaDelete" -> mfaDelete = switch (child.leafText().strip()) {
          case "Enabled" -> true;
          case "Disabled" -> false;
          default -> throw S3XmlException.malformed("MfaDelete must be Enabled or Disabled");
        };
        default -> throw unexpected(child, root);
      }
    }
    if (status == null) {
      throw S3XmlException.malformed("VersioningConfiguration must contain a Status");
    }
    return new VersioningConfiguration(status, mfaDelete);
  }

  private static CompleteMultipartUploadRequest.Part completedPart(Element part) {
    Integer partNumber = null;
    String etag = null;
    Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
    for (Element child : part.children()) {
      switch (child.name()) {
        case "PartNumber" -> {
          if (partNumber != null) {
            throw repeated(child, part);
          }
          partNumber = parsePartNumber(child);
        }
        case "ETag" -> {
          if (etag != null) {
            throw repeated(child, part);
          }
          etag = S3Xml.unquoteEtag(child.leafText());
        }
        default -> {
          ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromElementName(child.name())
              .orElseThrow(() -> unexpected(child, part));
          if (checksums.put(algorithm, child.leafText().strip()) != null) {
            throw repeated(child, part);
          }
        }
      }
    }
    if (partNumber == null) {
      throw S3XmlException.malformed("Part without PartNumber");
    }
    if (etag == null) {
      throw S3XmlException.malformed("Part " + partNumber + " without ETag");
    }
    return new CompleteMultipartUploadRequest.Part(partNumber, etag, checksums);
  }

  private static int parsePartNumber(Element element) {
    String text = element.leafText().strip();
    int number;
    try {
      number = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw S3XmlException.malformed("PartNumber '" + text + "' is not an integer");
    }
    if (number < 1 || number > MAX_PART_NUMBER) {
      throw new S3XmlException(S3XmlException.Code.INVALID_ARGUMENT,
          "Part number must be an integer between 1 and " + MAX_PART_NUMBER + ", inclusive");
    }
    return number;
  }

  private static DeleteObjectsRequest.ObjectIdentifier objectIdentifier(Element object) {
    String key = null;
    String versionId = null;
    for (Element child : object.children()) {
      switch (child.name()) {
        case "Key" -> {
          if (key != null) {
            throw repeated(child, object);
          }
          key = child.leafText();
        }
        case "VersionId" -> {
          if (versionId != null) {
            throw repeated(child, object);
          }
          versionId = child.leafText().strip();
        }
        default -> throw unexpected(child, object);
      }
    }
    if (key == null) {
      throw S3XmlException.malformed("Object without Key");
    }
    return new DeleteObjectsRequest.ObjectIdentifier(key, Optional.ofNullable(versionId));
  }

  private static Tag tag(Element tag) {
    String key = null;
    String value = null;
    for (Element child : tag.children()) {
      switch (child.name()) {
        case "Key" -> {
          if (key != null) {
            throw repeated(child, tag);
          }
          key = child.leafText();
        }
        case "Value" -> {
          if (value != null) {
            throw repeated(child, tag);
          }
          value = child.leafText();
        }
        default -> throw unexpected(child, tag);
      }
    }
    if (key == null || value == null) {
      throw S3XmlException.malformed("Tag needs both Key and Value");
    }
    if (key.isEmpty()) {
      throw invalidTag("The TagKey you have provided is invalid");
    }
    if (key.codePointCount(0, key.length()) > MAX_TAG_KEY_LENGTH) {
      throw invalidTag("The TagKey you have provided is too long, max " + MAX_TAG_KEY_LENGTH);
    }
    if (value.codePointCount(0, value.length()) > MAX_TAG_VALUE_LENGTH) {
      throw invalidTag("The TagValue you have provided is too long, max " + MAX_TAG_VALUE_LENGTH);
    }
    if (key.startsWith(RESERVED_TAG_PREFIX)) {
      throw invalidTag("Your TagKey cannot be prefixed with aws:");
    }
    return new Tag(key, value);
  }

  private static boolean parseBoolean(Element element) {
    String text = element.leafText().strip();
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw S3XmlException.malformed(element.name() + " must be true or false, not '" + text + "'");
  }

  private static S3XmlException invalidTag(String message) {
    return new S3XmlException(S3XmlException.Code.INVALID_TAG, message);
  }

  private static S3XmlException unexpected(Element child, Element parent) {
    return S3XmlException.malformed("unexpected element " + child.name() + " in " + parent.name());
  }

  private static S3XmlException repeated(Element child, Element parent) {
    return S3XmlException.malformed("element " + child.name() + " repeated in " + parent.name());
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** An element: its local name, its text (when a leaf) and its child elements. */
  private record Element(String name, String text, List<Element> children) {

    /** The text of an element that must not have children. */
    String leafText() {
      if (!children.isEmpty()) {
        throw S3XmlException.malformed("element " + name + " must not contain " + children.get(0).name());
      }
      return text;
    }
  }

  private static byte[] readBounded(InputStream body, int maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0");
    }
    try {
      byte[] bytes = body.readNBytes(maxBytes);
      if (bytes.length == maxBytes && body.read() != -1) {
        throw new S3XmlException(S3XmlException.Code.MAX_MESSAGE_LENGTH_EXCEEDED,
            "Your request was too big: the body may have at most " + maxBytes + " bytes.");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static Element parse(byte[] bytes, String expectedRoot) {
    if (isBlank(bytes)) {
      throw S3XmlException.malformed("the body is empty");
    }
    XMLStreamReader reader;
    try {
      reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
    } catch (XMLStreamException e) {
      throw notWellFormed(e);
    }
    try {
      Element root = readDocument(reader);
      if (!root.name().equals(expectedRoot)) {
        throw S3XmlException.malformed("expected root element " + expectedRoot + ", not " + root.name());
      }
      return root;
    } catch (XMLStreamException e) {
      throw notWellFormed(e);
    } finally {
      try {
        reader.close();
      } catch (XMLStreamException e) {
        // Nothing is held open: the input is an in-memory array.
      }
    }
  }

  private static S3XmlException notWellFormed(XMLStreamException e) {
    return new S3XmlException(S3XmlException.Code.MALFORMED_XML,
        "The XML you provided was not well-formed or did not validate against our published schema", e);
  }

  private static Element readDocument(XMLStreamReader reader) throws XMLStreamException {
    List<Builder> stack = new ArrayList<>();
    Element root = null;
    while (reader.hasNext()) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION,
            XMLStreamConstants.NOTATION_DECLARATION, XMLStreamConstants.ENTITY_REFERENCE ->
            throw S3XmlException.malformed("DTDs and entity references are not allowed");
        case XMLStreamConstants.START_ELEMENT -> {
          if (root != null) {
            throw S3XmlException.malformed("content after the root element");
          }
          String namespace = reader.getNamespaceURI();
          if (namespace != null && !namespace.isEmpty() && !namespace.equals(S3Xml.NAMESPACE)) {
            throw S3XmlException.malformed("element " + reader.getLocalName() + " is in namespace " + namespace
                + ", not " + S3Xml.NAMESPACE);
          }
          if (stack.size() == MAX_DEPTH) {
            throw S3XmlException.malformed("elements nested too deeply");
          }
          stack.add(new Builder(reader.getLocalName()));
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!stack.isEmpty()) {
            stack.get(stack.size() - 1).text.append(reader.getText());
          } else if (!reader.isWhiteSpace()) {
            throw S3XmlException.malformed("text outside the root element");
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          Element element = stack.remove(stack.size() - 1).build();
          if (stack.isEmpty()) {
            root = element;
          } else {
            stack.get(stack.size() - 1).children.add(element);
          }
        }
        default -> {
          // START_DOCUMENT, END_DOCUMENT, COMMENT, PROCESSING_INSTRUCTION: nothing to keep.
        }
      }
    }
    if (root == null) {
      throw S3XmlException.malformed("no root element");
    }
    return root;
  }

  private static final class Builder {
    final String name;
    final StringBuilder text = new StringBuilder();
    final List<Element> children = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    Element build() {
      if (!children.isEmpty() && !text.toString().isBlank()) {
        throw S3XmlException.malformed("element " + name + " mixes text and elements");
      }
      return new Element(name, text.toString(), List.copyOf(children));
    }
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return factory;
  }
}
