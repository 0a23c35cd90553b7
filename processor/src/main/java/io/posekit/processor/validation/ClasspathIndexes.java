package io.posekit.processor.validation;

import io.posekit.spi.IndexContents;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.StandardLocation;

/**
 * The registry indexes of other compilations found on the compile classpath, read from their
 * {@code @IndexContents} without loading any class.
 */
public final class ClasspathIndexes {
  /**
   * One module name of a classpath index.
   *
   * @param origin the jar (or directory) the index came from, for messages
   */
  public record Entry(String registry, String scope, String name, String moduleClass, boolean force, String origin) {}

  /** One registry declared by a classpath index; {@code baseType} null when it has none. */
  public record Registry(String name, String baseType, String origin) {}

  private final List<Entry> modules = new ArrayList<>();
  private final List<Registry> registries = new ArrayList<>();

  private ClasspathIndexes() {}

  /**
   * Reads every index in {@link IndexContents#INDEX_PACKAGE}, skipping {@code ownIndex} and entries
   * of {@code ownClasses} (a stale copy of this compilation's own index in the output directory).
   */
  public static ClasspathIndexes read(Elements elements, Filer filer, String ownIndex, Collection<String> ownClasses) {
    ClasspathIndexes out = new ClasspathIndexes();
    PackageElement pkg = elements.getPackageElement(IndexContents.INDEX_PACKAGE);
    if (pkg == null) {
      return out;
    }
    for (Element member : pkg.getEnclosedElements()) {
      if (member.getKind() != ElementKind.CLASS || member.getSimpleName().contentEquals(ownIndex)) {
        continue;
      }
      AnnotationMirror contents = AnnotationLookup.find(member, IndexContents.class.getName());
      if (contents == null) {
        continue;
      }
      String origin = origin(filer, (TypeElement) member);
      for (String module : AnnotationLookup.strings(contents, "modules")) {
        String[] parts = module.split("/", -1);
        if (parts.length == 5 && !ownClasses.contains(parts[3])) {
          out.modules.add(new Entry(parts[0], parts[1], parts[2], parts[3], Boolean.parseBoolean(parts[4]), origin));
        }
      }
      for (String registry : AnnotationLookup.strings(contents, "registries")) {
        int slash = registry.indexOf('/');
        String name = slash < 0 ? registry : registry.substring(0, slash);
        String base = slash < 0 ? "" : registry.substring(slash + 1);
        out.registries.add(new Registry(name, base.isEmpty() ? null : base, origin));
      }
    }
    return out;
  }

  public List<Entry> modules() {
    return modules;
  }

  public List<Registry> registries() {
    return registries;
  }

  /** The jar holding the index class ({@code /path/plugin.jar}), or the class file's location. */
  private static String origin(Filer filer, TypeElement index) {
    String pkg = IndexContents.INDEX_PACKAGE;
    try {
      URI uri = filer.getResource(StandardLocation.CLASS_PATH, pkg, index.getSimpleName() + ".class").toUri();
      String text = uri.toString();
      if (text.startsWith("jar:")) {
        int bang = text.indexOf("!/");
        String jar = text.substring("jar:".length(), bang < 0 ? text.length() : bang);
        return jar.startsWith("file:") ? URI.create(jar).getPath() : jar;
      }
      return "file".equals(uri.getScheme()) ? uri.getPath() : text;
    } catch (IOException | IllegalArgumentException e) {
      return "the classpath (" + index.getQualifiedName() + ", location unknown: " + e.getMessage() + ")";
    }
  }
}
