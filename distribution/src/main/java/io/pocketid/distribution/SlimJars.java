package io.pocketid.distribution;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Removes the classes of library jars that nothing in the application can reach, for the container
 * image.
 *
 * <pre>java -cp pocket-id-distribution.jar io.pocketid.distribution.SlimJars [--release N] LIB_DIR
 *     REPORT_FILE JAR_PREFIX...</pre>
 *
 * <p>Only the jars whose file names start with one of the JAR_PREFIXes are pruned: libraries that
 * other libraries use as plain code (Guava under Yubico's WebAuthn library, the Apache Commons jars
 * under Liquibase…). Every class of every other jar is kept and is a root, and so is every class
 * named in any jar's text resources (service files, properties, XML). From the roots the analysis
 * follows, transitively, every class named in a class file's constant pool: class references,
 * descriptors and signatures, annotation types, and every string constant that spells a class name
 * in internal ({@code a/b/C}) or binary ({@code a.b.C}) form, which covers {@code
 * Class.forName("…")} with a literal. What it cannot see is a class name assembled at run time, so
 * it is applied only to the jars listed.
 *
 * <p>Every jar in LIB_DIR is then rewritten in place, in its original entry order and with its
 * original entry times (reproducible): pruned jars lose their unreachable classes; all jars lose
 * {@code META-INF/maven/} (build metadata) and multi-release entries for Java versions above the
 * runtime's ({@code --release}, default 17), which that runtime never reads. A jar that is not
 * pruned keeps its original file unless the rewrite is smaller. Signed jars are left alone. The
 * report lists, per jar, bytes and classes before and after.
 *
 * <p>It checks that no kept class refers to a removed one (a violation would be a bug here) before
 * it writes anything. Uses only java.base. Exit status 2 on bad arguments, 1 on a failed check or
 * unreadable input.
 */
public final class SlimJars {

  private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+);");
  private static final Pattern TEXT_CLASS =
      Pattern.compile("[A-Za-z_$][\\w$]*(?:[./][A-Za-z_$][\\w$]*)+");
  private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/(\\d+)/(.*)");
  private static final long MAX_TEXT = 1 << 20;

  private SlimJars() {}

  /** One entry of a jar, read into memory. */
  private record Entry(ZipEntry meta, byte[] data) {}

  /** A jar with its entries in order. */
  private static final class Jar {
    final Path path;
    final boolean prunable;
    final List<Entry> entries = new ArrayList<>();
    final boolean signed;

    Jar(Path path, boolean prunable, boolean signed) {
      this.path = path;
      this.prunable = prunable;
      this.signed = signed;
    }
  }

  public static void main(String[] args) {
    try {
      for (String line : run(args)) {
        System.out.println(line);
      }
    } catch (UsageException e) {
      System.err.println("SlimJars: " + e.getMessage());
      System.exit(2);
    } catch (IOException | RuntimeException e) {
      System.err.println("SlimJars: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Bad arguments. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Runs it; returns the report's lines (also written to REPORT_FILE). */
  static List<String> run(String... args) throws IOException {
    int release = 17;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--release") && i + 1 < args.length) {
        try {
          release = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          throw new UsageException("--release needs a Java version number, not '" + args[i] + "'");
        }
      } else {
        rest.add(args[i]);
      }
    }
    if (rest.size() < 3) {
      throw new UsageException("usage: SlimJars [--release N] LIB_DIR REPORT_FILE JAR_PREFIX...");
    }
    Path lib = Paths.get(rest.get(0));
    Path report = Paths.get(rest.get(1));
    List<String> prefixes = rest.subList(2, rest.size());

    List<Jar> jars = new ArrayList<>();
    if (!Files.isDirectory(lib)) {
      throw new UsageException("LIB_DIR " + lib + " is not a directory");
    }
    try (Stream<Path> files = Files.list(lib)) {
      for (Path p :
          files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList())) {
        jars.add(read(p, prefixes, release));
      }
    }
    for (String prefix : prefixes) {
      if (jars.stream()
          .noneMatch(j -> j.prunable && j.path.getFileName().toString().startsWith(prefix))) {
        throw new UsageException("no unsigned jar in " + lib + " starts with '" + prefix + "'");
      }
    }

    // Every class, by internal name, and the jar that holds it: the first one on a sorted class
    // path wins, as the image's class path is sorted the same way.
    Map<String, byte[]> classes = new HashMap<>();
    Map<String, Jar> owner = new HashMap<>();
    for (Jar jar : jars) {
      for (Entry e : jar.entries) {
        String name = className(e.meta.getName());
        if (name != null && !owner.containsKey(name)) {
          classes.put(name, e.data);
          owner.put(name, jar);
        }
      }
    }

    Set<String> reachable = new HashSet<>();
    Deque<String> work = new ArrayDeque<>();
    for (Jar jar : jars) {
      for (Entry e : jar.entries) {
        String entryName = e.meta.getName();
        String name = className(entryName);
        if (name != null) {
          if (!jar.prunable) {
            enqueue(name, classes, reachable, work);
          }
        } else if (!e.meta.isDirectory() && e.data.length <= MAX_TEXT && looksLikeText(e.data)) {
          for (String token : textTokens(new String(e.data, StandardCharsets.UTF_8))) {
            enqueue(token, classes, reachable, work);
          }
        }
      }
    }
    while (!work.isEmpty()) {
      String name = work.pop();
      for (String ref : references(classes.get(name), name)) {
        enqueue(ref, classes, reachable, work);
      }
    }

    // The check: a kept class never refers to a class that was there before and is gone now.
    for (String name : reachable) {
      for (String ref : references(classes.get(name), name)) {
        String n = normalize(ref);
        if (n != null && classes.containsKey(n) && !reachable.contains(n)) {
          fail("internal error: " + name + " refers to " + n + ", which would be removed");
        }
      }
    }

    List<String> lines = new ArrayList<>();
    long before = 0;
    long after = 0;
    for (Jar jar : jars) {
      long size = Files.size(jar.path);
      before += size;
      if (jar.signed) {
        lines.add(
            String.format(
                "%-45s %10d -> %10d  signed, left alone", jar.path.getFileName(), size, size));
        after += size;
        continue;
      }
      int total = 0;
      int kept = 0;
      Set<Entry> keep = Collections.newSetFromMap(new IdentityHashMap<>());
      Set<String> keptDirs = new HashSet<>();
      for (Entry e : jar.entries) {
        String entryName = e.meta.getName();
        String name = className(entryName);
        if (name != null) {
          total++;
          if (!jar.prunable || reachable.contains(name) || owner.get(name) != jar) {
            kept++;
            keep.add(e);
            addParents(entryName, keptDirs);
          }
        } else if (!e.meta.isDirectory()) {
          keep.add(e);
          addParents(entryName, keptDirs);
        }
      }
      List<Entry> out = new ArrayList<>();
      for (Entry e : jar.entries) {
        if (e.meta.isDirectory() ? keptDirs.contains(e.meta.getName()) : keep.contains(e)) {
          out.add(e);
        }
      }
      long newSize = write(jar.path, out, !jar.prunable);
      after += newSize;
      lines.add(
          String.format(
              "%-45s %10d -> %10d  classes %5d -> %5d%s",
              jar.path.getFileName(),
              size,
              newSize,
              total,
              kept,
              jar.prunable ? "  (pruned)" : ""));
    }
    lines.add(String.format("%-45s %10d -> %10d", "total", before, after));
    Files.write(report, lines, StandardCharsets.UTF_8);
    return lines;
  }

  private static Jar read(Path path, List<String> prefixes, int release) throws IOException {
    String file = path.getFileName().toString();
    boolean prunable = prefixes.stream().anyMatch(file::startsWith);
    boolean signed;
    try (ZipFile zip = new ZipFile(path.toFile())) {
      signed =
          zip.stream()
              .map(ZipEntry::getName)
              .anyMatch(
                  n -> n.startsWith("META-INF/") && n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"));
      Jar jar = new Jar(path, prunable && !signed, signed);
      for (ZipEntry e : zip.stream().collect(Collectors.toList())) {
        String name = e.getName();
        if (!signed) {
          if (name.startsWith("META-INF/maven/")) {
            continue;
          }
          Matcher m = VERSIONED.matcher(name);
          if (m.matches() && Integer.parseInt(m.group(1)) > release) {
            continue;
          }
        }
        byte[] data;
        try (InputStream in = zip.getInputStream(e)) {
          data = in.readAllBytes();
        }
        jar.entries.add(new Entry(e, data));
      }
      return jar;
    }
  }

  /**
   * Rewrites the jar with the entries given; returns its new size. With {@code onlyIfSmaller}, a
   * rewrite that is not smaller (the original was compressed better than {@link
   * Deflater#BEST_COMPRESSION} does) is thrown away.
   */
  private static long write(Path path, List<Entry> entries, boolean onlyIfSmaller)
      throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".slim");
    try (OutputStream os = Files.newOutputStream(tmp);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      for (Entry e : entries) {
        ZipEntry n = new ZipEntry(e.meta.getName());
        n.setTime(e.meta.getTime());
        if (e.meta.isDirectory() || e.data.length == 0) {
          n.setMethod(ZipEntry.STORED);
          n.setSize(e.data.length);
          n.setCompressedSize(e.data.length);
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(e.data);
          n.setCrc(crc.getValue());
        }
        zip.putNextEntry(n);
        zip.write(e.data);
        zip.closeEntry();
      }
    }
    if (onlyIfSmaller && Files.size(tmp) >= Files.size(path)) {
      Files.delete(tmp);
    } else {
      Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return Files.size(path);
  }

  /**
   * The internal class name of a class entry, or null for other entries (module descriptors
   * included).
   */
  private static String className(String entry) {
    if (!entry.endsWith(".class")) {
      return null;
    }
    Matcher m = VERSIONED.matcher(entry);
    String name = m.matches() ? m.group(2) : entry;
    if (name.endsWith("module-info.class")) {
      return null;
    }
    return name.substring(0, name.length() - ".class".length());
  }

  private static void addParents(String entry, Set<String> dirs) {
    int i = entry.lastIndexOf('/', entry.endsWith("/") ? entry.length() - 2 : entry.length());
    while (i > 0) {
      dirs.add(entry.substring(0, i + 1));
      i = entry.lastIndexOf('/', i - 1);
    }
  }

  private static void enqueue(
      String ref, Map<String, byte[]> classes, Set<String> reachable, Deque<String> work) {
    String name = normalize(ref);
    if (name != null && classes.containsKey(name) && reachable.add(name)) {
      work.push(name);
      // A package's package-info carries its annotations; keep it with the package.
      int slash = name.lastIndexOf('/');
      if (slash > 0) {
        String info = name.substring(0, slash) + "/package-info";
        if (classes.containsKey(info) && reachable.add(info)) {
          work.push(info);
        }
      }
    }
  }

  /** An internal class name from an internal or binary name, or null. */
  private static String normalize(String ref) {
    if (ref == null || ref.isEmpty()) {
      return null;
    }
    String s = ref;
    while (s.startsWith("[")) {
      s = s.substring(1);
    }
    if (s.startsWith("L") && s.endsWith(";")) {
      s = s.substring(1, s.length() - 1);
    }
    return s.replace('.', '/');
  }

  private static boolean looksLikeText(byte[] data) {
    int n = Math.min(data.length, 4096);
    for (int i = 0; i < n; i++) {
      if (data[i] == 0) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> textTokens(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = TEXT_CLASS.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /**
   * Every class name the class file mentions: class constants, descriptors, signatures and string
   * constants.
   */
  private static Set<String> references(byte[] classFile, String self) {
    Set<String> out = new HashSet<>();
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile))) {
      if (in.readInt() != 0xCAFEBABE) {
        fail(self + ": not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      List<Integer> classIndexes = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1:
            utf8[i] = in.readUTF();
            break;
          case 7:
            classIndexes.add(in.readUnsignedShort());
            break;
          case 8:
          case 16:
          case 19:
          case 20:
            in.readUnsignedShort();
            break;
          case 15:
            in.readUnsignedByte();
            in.readUnsignedShort();
            break;
          case 3:
          case 4:
          case 9:
          case 10:
          case 11:
          case 12:
          case 17:
          case 18:
            in.readInt();
            break;
          case 5:
          case 6:
            in.readLong();
            i++;
            break;
          default:
            fail(self + ": unknown constant pool tag " + tag);
        }
      }
      for (int idx : classIndexes) {
        out.add(utf8[idx]);
      }
      // Descriptors, signatures, annotation types and string constants are all UTF-8 constants.
      for (String s : utf8) {
        if (s == null) {
          continue;
        }
        Matcher m = DESCRIPTOR_CLASS.matcher(s);
        while (m.find()) {
          out.add(m.group(1));
        }
        if (s.indexOf('/') > 0 || s.indexOf('.') > 0) {
          out.add(s);
          // "com.example.Outer$Inner" and the like are also matched inside longer strings.
          Matcher t = TEXT_CLASS.matcher(s);
          while (t.find()) {
            out.add(t.group());
          }
        }
      }
    } catch (IOException e) {
      fail(self + ": " + e);
    }
    out.remove(self);
    return out;
  }

  private static void fail(String message) {
    throw new IllegalStateException(message);
  }
}
