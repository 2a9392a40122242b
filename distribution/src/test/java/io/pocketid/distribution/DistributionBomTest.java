package io.pocketid.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM ({@code bom/pom.xml}) manages exactly the libraries the distribution ships, at the
 * versions it ships: compared with this module's runtime class path, which Maven writes to {@code
 * target/runtime-classpath.txt} (the same scope {@code lib/} is copied from).
 */
class DistributionBomTest {
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  @Test
  void theBomManagesExactlyWhatTheDistributionShips() throws Exception {
    TreeSet<String> shipped = shippedCoordinates();
    TreeSet<String> managed = bomCoordinates(Path.of(System.getProperty("pocketid.bom")));

    assertThat(shipped).as("runtime class path").hasSizeGreaterThan(40);
    TreeSet<String> missingFromBom = new TreeSet<>(shipped);
    missingFromBom.removeAll(managed);
    TreeSet<String> notShipped = new TreeSet<>(managed);
    notShipped.removeAll(shipped);
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(missingFromBom)
              .as("shipped by the distribution but not managed by bom/pom.xml at this version")
              .isEmpty();
          softly
              .assertThat(notShipped)
              .as("managed by bom/pom.xml but not shipped by the distribution at this version")
              .isEmpty();
        });
  }

  /** groupId:artifactId:version of each runtime class-path entry. */
  private static TreeSet<String> shippedCoordinates() throws Exception {
    Path repository = Path.of(System.getProperty("pocketid.localRepository")).toAbsolutePath();
    String classPath =
        Files.readString(
                Path.of(System.getProperty("pocketid.runtimeClasspath")), StandardCharsets.UTF_8)
            .strip();
    TreeSet<String> coordinates = new TreeSet<>();
    for (String entry : classPath.split(Pattern.quote(File.pathSeparator))) {
      Path path = Path.of(entry).toAbsolutePath();
      coordinates.add(
          path.startsWith(repository)
              ? fromRepository(repository.relativize(path))
              : fromModule(path));
    }
    return coordinates;
  }

  /** {@code group/as/dirs/artifactId/version/artifactId-version.jar}. */
  private static String fromRepository(Path relative) {
    int n = relative.getNameCount();
    String group = relative.subpath(0, n - 3).toString().replace(File.separatorChar, '.');
    return group + ":" + relative.getName(n - 3) + ":" + relative.getName(n - 2);
  }

  /** A reactor module's output ({@code module/target/classes} or its jar): the module's pom. */
  private static String fromModule(Path output) throws Exception {
    Path dir = output.getParent();
    while (dir != null && !Files.isRegularFile(dir.resolve("pom.xml"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the module of %s", output).isNotNull();
    Element project = parse(dir.resolve("pom.xml")).getDocumentElement();
    Element parent = child(project, "parent");
    String group = text(project, "groupId", parent == null ? null : text(parent, "groupId", null));
    String version =
        text(project, "version", parent == null ? null : text(parent, "version", null));
    return group + ":" + text(project, "artifactId", null) + ":" + version;
  }

  /** groupId:artifactId:version of each managed dependency, properties resolved. */
  private static TreeSet<String> bomCoordinates(Path bom) throws Exception {
    Element project = parse(bom).getDocumentElement();
    Map<String, String> properties = new HashMap<>();
    properties.put("project.version", text(project, "version", null));
    Element declared = child(project, "properties");
    if (declared != null) {
      for (Node n = declared.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          properties.put(e.getTagName(), e.getTextContent().strip());
        }
      }
    }
    TreeSet<String> coordinates = new TreeSet<>();
    NodeList dependencies =
        child(child(project, "dependencyManagement"), "dependencies")
            .getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      assertThat(text(dependency, "scope", "compile"))
          .as("scope of a managed dependency (nothing for tests)")
          .isIn("compile", "runtime");
      coordinates.add(
          text(dependency, "groupId", null)
              + ":"
              + text(dependency, "artifactId", null)
              + ":"
              + resolve(text(dependency, "version", null), properties));
    }
    return coordinates;
  }

  private static String resolve(String value, Map<String, String> properties) {
    Matcher m = PROPERTY.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = properties.get(m.group(1));
      assertThat(replacement).as("property %s in bom/pom.xml", m.group(1)).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return m.appendTail(out).toString();
  }

  private static Document parse(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  /** The direct child element named {@code name}, or null. */
  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name, String otherwise) {
    Element e = child(parent, name);
    return e == null ? otherwise : e.getTextContent().strip();
  }
}
