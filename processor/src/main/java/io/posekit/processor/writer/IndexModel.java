package io.posekit.processor.writer;

import com.palantir.javapoet.ClassName;
import io.posekit.processor.model.ModuleModel;
import io.posekit.processor.model.RegistryModel;
import io.posekit.spi.IndexContents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What one compilation's registry index holds, and its name:
 * {@code Index_<common package>_<8 hex of a hash of the registered classes>}.
 *
 * @param name the index class
 * @param modules the registered modules, in source order
 * @param registries the registries declared with {@code @DeclareRegistry}
 */
public record IndexModel(ClassName name, List<ModuleModel> modules, List<RegistryModel> registries) {

  /** Names the index; {@code simpleName} (the {@code posekit.index} option) wins when given. */
  public static IndexModel of(List<ModuleModel> modules, List<RegistryModel> registries, String simpleName, List<String> declaringTypes) {
    List<String> classes = new ArrayList<>();
    modules.forEach(m -> classes.add(m.binaryName()));
    classes.addAll(declaringTypes);
    String name = simpleName != null && !simpleName.isEmpty() ? simpleName : defaultName(classes);
    return new IndexModel(ClassName.get(IndexContents.INDEX_PACKAGE, name), List.copyOf(modules), List.copyOf(registries));
  }

  /** The classpath resource of the metadata JSON. */
  public String metadataResource() {
    return "META-INF/posekit/" + name.simpleName() + ".json";
  }

  private static String defaultName(List<String> classes) {
    List<String> sorted = new ArrayList<>(classes);
    sorted.sort(null);
    String common = commonPackage(sorted);
    return "Index_" + (common.isEmpty() ? "default" : common.replace('.', '_')) + "_" + hash(sorted);
  }

  private static String commonPackage(List<String> classes) {
    String common = null;
    for (String binary : classes) {
      int dot = binary.lastIndexOf('.');
      String pkg = dot < 0 ? "" : binary.substring(0, dot);
      if (common == null) {
        common = pkg;
      }
      while (!(pkg.equals(common) || pkg.startsWith(common + ".")) && !common.isEmpty()) {
        int cut = common.lastIndexOf('.');
        common = cut < 0 ? "" : common.substring(0, cut);
      }
    }
    return common == null ? "" : common;
  }

  private static String hash(List<String> sorted) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(String.join("\n", sorted).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
